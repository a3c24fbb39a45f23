"""Officers verify producers and certificates; every decision is in the audit log."""
from datetime import timedelta

import pytest

from marketplace.admin import services
from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import CertificationStatus, ProducerMember, ProducerStatus
from marketplace.catalog.queries import CatalogFilters, browse_products
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.studio import certificates, listings
from tests.studio.fixtures import PDF_BYTES, TODAY, image_bytes, sign_in


@pytest.fixture
def pending(shop):
    """A new producer with an active product (photo) and a pending 4-star certificate."""
    owner, producer, product = shop(verified=False)
    listings.add_photo(owner, product, image_bytes())
    listings.change_listing_status(owner, product, "active")
    cert = certificates.submit_certification(owner, product, scan=PDF_BYTES, today=TODAY, stars=4, points=81,
                                             number="88/QĐ-UBND", issuing_body="UBND tỉnh Lâm Đồng", level="provincial",
                                             decided_on=TODAY - timedelta(days=180), expires_on=None)
    return owner, producer, product, cert


def _public_stars(product):
    page = browse_products(CatalogFilters(per_page=100), vn_today())
    return {p.slug: p.listed_stars for p in page.items}.get(product.slug, "hidden")


def test_verifying_producer_and_certificate_puts_the_badge_online(pending, officer):
    owner, producer, product, cert = pending
    assert _public_stars(product) == "hidden"
    services.decide_certification(officer, cert, "verify")
    assert _public_stars(product) == "hidden"  # producer not verified yet
    services.decide_producer(officer, producer, "verify")
    assert producer.verified and producer.verified_at is not None
    assert _public_stars(product) == 4
    actions = db.session.execute(db.select(AuditEntry.action).order_by(AuditEntry.id)).scalars().all()
    assert actions == ["certification.submitted", "certification.verify", "producer.verify"]
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "producer.verify")).scalar_one()
    assert entry.actor_id == officer.id and entry.actor_email == officer.email
    assert entry.details == {"from": "pending", "to": "verified"}


def test_rejections_need_a_reason_that_the_producer_sees(pending, officer, client):
    owner, producer, product, cert = pending
    with pytest.raises(ValidationError):
        services.decide_producer(officer, producer, "reject", "   ")
    with pytest.raises(ValidationError):
        services.decide_certification(officer, cert, "reject")
    assert producer.verification_status is ProducerStatus.PENDING and cert.status is CertificationStatus.PENDING
    services.decide_certification(officer, cert, "reject", "Số quyết định không có trong danh sách của tỉnh")
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "certification.reject")).scalar_one()
    assert entry.reason == "Số quyết định không có trong danh sách của tỉnh"
    sign_in(client, owner)
    assert "Số quyết định không có trong danh sách" in client.get("/studio/certifications").get_data(as_text=True)


def test_suspend_and_reinstate_and_revoke(pending, officer):
    owner, producer, product, cert = pending
    services.decide_producer(officer, producer, "verify")
    services.decide_certification(officer, cert, "verify")
    services.decide_producer(officer, producer, "suspend", "Khiếu nại về chất lượng")
    assert not producer.verified and _public_stars(product) == "hidden"
    services.decide_producer(officer, producer, "reinstate")
    assert producer.verified
    services.decide_certification(officer, cert, "revoke", "Hậu kiểm không đạt")
    assert _public_stars(product) is None
    with pytest.raises(InvalidTransition):
        services.decide_certification(officer, cert, "verify")


def test_only_officers_decide_and_never_on_their_own_producer(pending, make_user, officer):
    owner, producer, product, cert = pending
    for user in (owner, make_user(role="consumer"), make_user(role="organizer")):
        with pytest.raises(PermissionDenied):
            services.decide_producer(user, producer, "verify")
        with pytest.raises(PermissionDenied):
            services.decide_certification(user, cert, "verify")
    db.session.add(ProducerMember(producer=producer, user=officer))
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.decide_certification(officer, cert, "verify")
    assert cert.status is CertificationStatus.PENDING and not producer.verified
    admin = make_user(role="admin")
    services.decide_certification(admin, cert, "verify")  # admins hold the officer role
    assert cert.status is CertificationStatus.VERIFIED


def test_unknown_decision_is_refused(pending, officer):
    _, producer, _, cert = pending
    with pytest.raises(ValidationError):
        services.decide_producer(officer, producer, "approve-everything")


def test_review_queue_and_decisions_through_http(pending, officer, client, forms, mail_dir):
    owner, producer, product, cert = pending
    sign_in(client, officer)
    html = client.get("/admin/").get_data(as_text=True)
    assert producer.name in html and product.name in html and "88/QĐ-UBND" in html
    page = client.get(f"/admin/certifications/{cert.id}").get_data(as_text=True)
    assert "81/100" in page and "Tải bản chụp (PDF)" in page
    scan = client.get(f"/admin/certifications/{cert.id}/scan")
    assert scan.status_code == 200 and scan.data == PDF_BYTES and scan.headers["Cache-Control"] == "private, no-store"

    response = forms.post(f"/admin/certifications/{cert.id}/decision", {"decision": "reject", "reason": ""},
                          form_url=f"/admin/certifications/{cert.id}")
    assert response.status_code == 302 and cert.status is CertificationStatus.PENDING
    assert "Cần nêu lý do" in client.get(f"/admin/certifications/{cert.id}").get_data(as_text=True)

    forms.post(f"/admin/certifications/{cert.id}/decision", {"decision": "verify", "reason": ""},
               form_url=f"/admin/certifications/{cert.id}")
    forms.post(f"/admin/producers/{producer.id}/decision", {"decision": "verify", "reason": ""},
               form_url=f"/admin/producers/{producer.id}")
    db.session.expire_all()
    assert cert.status is CertificationStatus.VERIFIED and producer.verified
    assert client.get(f"/products/{product.slug}").status_code == 200
    assert "4 sao OCOP" in client.get(f"/products/{product.slug}").get_data(as_text=True)

    audit = client.get("/admin/audit").get_data(as_text=True)
    assert "certification.verify" in audit and "producer.verify" in audit and officer.email in audit
    history = client.get(f"/admin/producers/{producer.id}").get_data(as_text=True)
    assert "producer.verify" in history
    assert len(mail_dir()) == 2
    assert client.get("/admin/producers?status=verified&q=HTX").status_code == 200
    assert client.get("/admin/certifications?status=verified").status_code == 200
    assert client.get("/admin/certifications/999999").status_code == 404


@pytest.mark.parametrize("role", ["consumer", "producer", "organizer"])
def test_admin_pages_are_for_officers_only(client, make_user, pending, role):
    sign_in(client, make_user(role=role))
    for url in ["/admin/", "/admin/producers", "/admin/certifications", "/admin/audit"]:
        assert client.get(url).status_code == 403, url


def test_signed_out_visitors_are_sent_to_login(client):
    assert "/account/login" in client.get("/admin/").headers["Location"]
