"""Studio forms sent twice (a double tap, a reload) create one record and the repeat shows it:
producer profile, listing, photo, certificate, team invitation; a stock CSV preview is applied
once however many times its form is sent, and at the same instant on PostgreSQL."""
from datetime import timedelta

import pytest

from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import Certification, Producer, ProducerMember, Product, ProductPhoto
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.studio import bulk
from marketplace.studio.models import ProducerInvitation, StockImport
from tests.studio.fixtures import PDF_BYTES, image_bytes, sign_in
from tests.studio.test_pages import _profile
from tests.submissions import REPEAT_NOTE, assert_created_once, assert_refused_without_token
from tests.threads import at_once


def _count(model, *where):
    db.session.expire_all()
    return db.session.query(model).filter(*where).count()


def test_onboarding_twice_makes_one_producer(client, forms, make_user):
    sign_in(client, make_user(role="producer"))
    # The repeat finds the account already a member: the page sends it to the studio it made.
    assert_created_once(forms, "/studio/onboarding", _profile(), lambda: _count(Producer),
                        files={"logo": (image_bytes("PNG"), "logo.png")}, note=False)


def test_a_new_listing_twice_is_one_product(client, forms, shop):
    owner, producer, _draft = shop()
    sign_in(client, owner)
    data = {"name": "Mật ong hoa cà phê", "category": "mat-ong", "price": "185.000", "unit": "chai 500 ml",
            "stock": "40"}
    count = lambda: _count(Product, Product.producer_id == producer.id)  # noqa: E731
    assert_created_once(forms, "/studio/products/new", data, count)
    assert_refused_without_token(forms, "/studio/products/new", {**data, "name": "Mật ong khác"}, count)


def test_a_photo_sent_twice_is_one_photo(client, forms, shop):
    owner, _producer, draft = shop()
    sign_in(client, owner)
    url = f"/studio/products/{draft.id}"
    assert_created_once(forms, f"{url}/photos", {"alt": "Chai mật ong"}, lambda: _count(ProductPhoto),
                        form_url=url, files={"photo": (image_bytes("JPEG"), "anh.jpg")})


def test_a_certificate_sent_twice_is_one_certificate(client, forms, shop):
    owner, _producer, draft = shop()
    sign_in(client, owner)
    url = f"/studio/products/{draft.id}/certifications/new"
    data = {"stars": "4", "points": "80", "number": "12/QĐ-UBND", "issuing_body": "UBND tỉnh Lâm Đồng",
            "level": "provincial", "decided_on": (vn_today() - timedelta(days=30)).isoformat()}
    assert_created_once(forms, url, data, lambda: _count(Certification), files={"scan": (PDF_BYTES, "qd.pdf")})


def test_an_invitation_sent_twice_is_one_invitation_and_one_mail(client, forms, shop, mailbox):
    owner, _producer, _draft = shop()
    sign_in(client, owner)
    assert_created_once(forms, "/studio/team/invite", {"email": "ban@example.vn"},
                        lambda: _count(ProducerInvitation, ProducerInvitation.revoked_at.is_(None)),
                        form_url="/studio/team")
    assert _count(ProducerInvitation) == 1  # the repeat did not revoke the first link for a second one
    assert sum("ban@example.vn" in message for message in mailbox()) == 1


def test_accepting_an_invitation_twice_is_one_membership(client, forms, shop, make_user):
    from marketplace.studio import membership
    owner, producer, _draft = shop()
    invited = make_user(role="consumer", email="moi@example.vn")
    membership.invite_member(owner, producer, invited.email, accept_url=lambda token: token)
    token = "t" * 43  # the link's token (only its hash is stored): set a known one
    db.session.query(ProducerInvitation).one().token_hash = membership._token_hash(token)
    db.session.commit()
    sign_in(client, invited)
    url = f"/studio/invitations/{token}"
    assert_created_once(forms, url, {}, lambda: _count(ProducerMember, ProducerMember.producer_id == producer.id))


@pytest.fixture
def previewed(shop, make_product):
    """A producer's previewed CSV (honey 150.000 ₫ × 10 → 165.000 ₫ × 8) waiting to be applied."""
    owner, producer, _draft = shop()
    honey = make_product(producer=producer, name="Mật ong", price=150_000, stock=10)
    preview = bulk.preview_import(owner, producer, f"slug,price,stock\n{honey.slug},165000,8\n".encode())
    assert preview.applicable
    return owner, producer, honey, preview.token


def test_a_stock_preview_applied_twice_is_applied_once(client, forms, previewed):
    owner, _producer, honey, token = previewed
    sign_in(client, owner)
    data = {"csrf_token": forms.token("/studio/stock"), "token": token}
    first = client.post("/studio/stock/apply", data=data)
    second = client.post("/studio/stock/apply", data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"] == "/studio/products"
    assert REPEAT_NOTE in client.get("/studio/products").get_data(as_text=True)
    db.session.expire_all()
    assert (honey.price, honey.stock) == (165_000, 8)
    assert _count(AuditEntry, AuditEntry.action == "product.bulk_update") == 1


@pytest.mark.postgresql_only
def test_a_stock_preview_applied_four_times_at_once_is_applied_once(app, previewed, make_user):
    """The report's case: the same preview applied four times concurrently. Stock sold between the
    preview and a late second apply would have been overwritten by it."""
    owner, producer, honey, token = previewed
    owner_id, producer_id, honey_id = owner.id, producer.id, honey.id
    db.session.remove()

    def apply(i):
        from marketplace.accounts.models import User
        from marketplace.core.submissions import AlreadySubmitted
        try:
            return bulk.apply_import(db.session.get(User, owner_id), db.session.get(Producer, producer_id), token)
        except AlreadySubmitted:
            return "already applied"

    outcomes, errors = at_once(app, 4, apply)
    assert errors == []
    assert sorted(outcomes, key=str) == [1, "already applied", "already applied", "already applied"]
    assert _count(AuditEntry, AuditEntry.action == "product.bulk_update") == 1
    honey = db.session.get(Product, honey_id)
    assert (honey.price, honey.stock) == (165_000, 8)
    assert db.session.execute(db.select(StockImport.applied_at)).scalar_one() is not None
