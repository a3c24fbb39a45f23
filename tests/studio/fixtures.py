"""Fixtures shared by the studio and admin tests: a cheap password hash, images, signed-in clients.

Imported by tests/studio/conftest.py and tests/admin/conftest.py.
"""
import io

import pytest
from PIL import Image

from marketplace.catalog.services import find_province
from marketplace.core.timeutil import vn_today
from tests.conftest import sign_in  # noqa: F401  (used by the studio and admin tests)

TODAY = vn_today()  # the run's today (tests/clock.py keeps it one day for the whole run)


@pytest.fixture(autouse=True)
def fast_password_hashing(request):
    """These tests create many accounts: one PBKDF2 round each, through the setting the
    application reads (PASSWORD_HASH_METHOD). scrypt, the production hash, is exercised in
    tests/accounts/test_password_hashing.py."""
    if "app" in request.fixturenames:
        request.getfixturevalue("app").config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:1"


def image_bytes(fmt="PNG", size=(640, 480), color=(200, 60, 40), mode="RGB", **save):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture
def png():
    return image_bytes()


@pytest.fixture
def mail_dir(mailbox):
    """The messages sent so far (through the outbox), sorted by their text."""
    return lambda: sorted(mailbox())


@pytest.fixture
def shop(db, make_user, make_product):
    """A producer owned by a producer account, one active product with a photo-less draft sibling."""
    from marketplace.catalog.services import create_producer

    def make(verified=True, name=None, email=None):
        owner = make_user(role="producer", email=email)
        producer = create_producer(name=name or f"HTX của {owner.email}", kind="cooperative",
                                   province=find_province("lam-dong"), address="Xã Lạc Dương", tax_code="5800123456",
                                   verified=verified, owner=owner)
        product = make_product(producer=producer, name=f"Cà phê {owner.email}", price=120_000, stock=3,
                               status="draft")
        return owner, producer, product
    return make


@pytest.fixture
def officer(make_user):
    return make_user(role="officer", email="canbo@example.vn", full_name="Cán bộ Thẩm định")
