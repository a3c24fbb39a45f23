"""Fixtures of the OCOP registry tests (verify pages, labels, post-inspection, complaints,
training): producers in two provinces with current certificates, officers of each.

Every date is relative to vn_today(): the tests mean the same on any day.
Imported by tests/registry, tests/inspection and tests/training conftest files.
"""
from dataclasses import dataclass
from datetime import timedelta

import pytest

from marketplace.accounts.services import assign_province
from marketplace.catalog.services import create_producer, find_province
from marketplace.core.timeutil import vn_today
from tests.studio.fixtures import fast_password_hashing, sign_in  # noqa: F401

__all__ = ["Shop", "shops", "officers", "drain", "fast_password_hashing", "sign_in", "days_ago"]


def days_ago(n):
    return vn_today() - timedelta(days=n)


@dataclass
class Shop:
    owner: object
    producer: object
    product: object
    certification: object


@pytest.fixture
def shops(db, make_user, make_product, make_certification):
    """A producer in Lâm Đồng and one in Hà Nội, each with an active product holding a current
    verified 5-star certificate decided 100 days ago."""
    made = {}
    for slug, name, number in (("lam-dong", "HTX Cà phê Cầu Đất", "101/QĐ-UBND"),
                               ("ha-noi", "HTX Gốm Bát Tràng", "202/QĐ-UBND")):
        owner = make_user(role="producer")
        producer = create_producer(name=name, kind="cooperative", province=find_province(slug), address="Xã Thử",
                                   verified=True, owner=owner)
        product = make_product(producer=producer, name=f"Sản phẩm của {name}", status="active")
        cert = make_certification(product, stars=5, number=number, decided_on=days_ago(100))
        made[slug] = Shop(owner, producer, product, cert)
    return made


@pytest.fixture
def officers(make_user):
    """Officers of Lâm Đồng and Hà Nội, a national officer and an admin."""
    lam_dong = assign_province(make_user(role="officer", email="canbo.lamdong@example.vn"), find_province("lam-dong"))
    ha_noi = assign_province(make_user(role="officer", email="canbo.hanoi@example.vn"), find_province("ha-noi"))
    return {"lam-dong": lam_dong, "ha-noi": ha_noi, "national": make_user(role="officer"),
            "admin": make_user(role="admin")}


@pytest.fixture
def drain(app, tmp_path):
    """Deliver the outbox until nothing is due (search index updates, e-mail into this test's folder)."""
    from marketplace.core import outbox
    app.config["MAIL_DIR"] = str(tmp_path / "mail")  # the same folder as the mailbox fixture's

    def run():
        for _ in range(5):
            if not outbox.drain().processed:
                break
    return run
