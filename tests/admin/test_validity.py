"""A certificate is valid for 36 months after its decision (shared/data/ocop.json): a later expiry
is refused wherever it comes from, unless an officer records an exception with a reason."""
import io
from datetime import timedelta

import pytest

from marketplace.audit.models import AuditEntry
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Certification
from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.core.facts import certificate_valid_months
from marketplace.core.timeutil import add_months, vn_today
from marketplace.extensions import db
from marketplace.studio import certificates
from tests.studio.fixtures import PDF_BYTES, sign_in

DECIDED = vn_today() - timedelta(days=200)
LATEST = add_months(DECIDED, 36)


def _fields(**overrides):
    return {"stars": "4", "points": "82", "number": "2157/QĐ-UBND", "issuing_body": "UBND tỉnh Lâm Đồng",
            "level": "provincial", "decided_on": DECIDED.isoformat(), "expires_on": "",
            "scan": (io.BytesIO(PDF_BYTES), "qd.pdf"), **overrides}


@pytest.fixture
def waiting(shop):
    """A producer's pending 4-star certificate with the usual expiry."""
    owner, producer, product = shop()
    cert = certificates.submit_certification(owner, product, scan=PDF_BYTES, today=vn_today(), stars=4, points=81,
                                             number="88/QĐ-UBND", issuing_body="UBND tỉnh Lâm Đồng", level="provincial",
                                             decided_on=DECIDED, expires_on=None)
    return owner, product, cert


def test_the_rule_reads_ocop_json(app):
    assert certificate_valid_months() == 36 and catalog.default_expiry(DECIDED) == LATEST


def test_the_service_refuses_a_later_expiry_without_an_exception(app):
    facts = dict(stars=4, points=80, number="1/QĐ", level="provincial", decided_on=DECIDED)
    assert catalog.check_certification(**facts) == LATEST
    assert catalog.check_certification(**facts, expires_on=LATEST) == LATEST
    assert catalog.check_certification(**facts, expires_on=LATEST - timedelta(days=90)) == LATEST - timedelta(days=90)
    with pytest.raises(ValidationError) as refused:
        catalog.check_certification(**facts, expires_on=LATEST + timedelta(days=1))
    assert refused.value.field == "expires_on"
    assert f"hạn muộn nhất là {LATEST:%d/%m/%Y}" in str(refused.value.message)
    assert catalog.check_certification(**facts, expires_on=LATEST + timedelta(days=1),
                                       validity_exception="Giấy ghi 5 năm") == LATEST + timedelta(days=1)


def test_the_demo_loader_path_refuses_it_too(make_product):
    product = make_product()
    with pytest.raises(ValidationError):
        catalog.add_certification(product=product, stars=5, points=95, number="9/QĐ-BNN", issuing_body="Bộ NN",
                                  level="central", decided_on=DECIDED, expires_on=add_months(DECIDED, 60))
    assert db.session.query(Certification).count() == 0


def test_a_producer_typing_a_later_expiry_is_told_the_latest_date(client, forms, shop):
    owner, producer, product = shop()
    sign_in(client, owner)
    url = f"/studio/products/{product.id}/certifications/new"
    response = forms.post(url, _fields(expires_on=add_months(DECIDED, 60).isoformat()),
                          content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "có hiệu lực 36 tháng kể từ ngày quyết định" in html and LATEST.strftime("%d/%m/%Y") in html
    assert db.session.query(Certification).count() == 0
    client.get("/?lang=en")
    response = forms.post(url, _fields(expires_on=add_months(DECIDED, 60).isoformat()),
                          content_type="multipart/form-data")
    assert response.status_code == 400 and "is valid for 36 months after its decision" in response.get_data(as_text=True)
    response = forms.post(url, _fields(expires_on=LATEST.isoformat()), content_type="multipart/form-data")
    assert response.status_code == 302 and db.session.query(Certification).one().expires_on == LATEST


def test_an_officer_records_an_exception_with_a_reason(client, forms, waiting, officer):
    owner, product, cert = waiting
    sign_in(client, officer)
    url = f"/admin/certifications/{cert.id}/validity-exception"
    longer = add_months(DECIDED, 60)
    page = client.get(f"/admin/certifications/{cert.id}").get_data(as_text=True)
    assert "Ghi nhận ngoại lệ về thời hạn" in page
    # Without a reason: refused, nothing changes.
    response = forms.post(url, {"expires_on": longer.isoformat(), "reason": "  "},
                          form_url=f"/admin/certifications/{cert.id}")
    assert response.status_code == 302
    assert "Cần nêu lý do của ngoại lệ" in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.refresh(cert)
    assert cert.expires_on == LATEST and cert.validity_exception_reason is None
    # With one: the expiry is accepted, the audit log says who and why, the queue shows it.
    reason = "Quyết định 123/QĐ-UBND ghi hiệu lực 60 tháng (đề án thí điểm của tỉnh)"
    forms.post(url, {"expires_on": longer.isoformat(), "reason": reason}, form_url=f"/admin/certifications/{cert.id}")
    db.session.refresh(cert)
    assert cert.expires_on == longer and cert.validity_exception_reason == reason
    assert cert.validity_exception_by_id == officer.id and cert.validity_exception_at is not None
    entry = db.session.query(AuditEntry).filter_by(action="certification.validity_exception").one()
    assert entry.actor_id == officer.id and entry.reason == reason
    assert entry.details["to"] == longer.isoformat() and entry.details["from"] == LATEST.isoformat()
    queue = client.get("/admin/").get_data(as_text=True)
    assert f"Ngoại lệ về thời hạn: {reason}" in queue and officer.full_name in queue
    assert reason in client.get(f"/admin/certifications/{cert.id}").get_data(as_text=True)
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert "certification.validity_exception" in audit and reason in audit


def test_the_exception_holds_while_the_dates_stay_and_goes_when_they_change(waiting, officer):
    from marketplace.admin import services as admin
    owner, product, cert = waiting
    longer = add_months(DECIDED, 48)
    admin.record_validity_exception(officer, cert, longer, "Giấy ghi 48 tháng")
    same = dict(stars=4, points=81, number="88/QĐ-UBND", issuing_body="UBND tỉnh Lâm Đồng", level="provincial",
                decided_on=DECIDED, expires_on=longer)
    certificates.update_certification(owner, cert, today=vn_today(), **{**same, "points": 85})
    assert cert.expires_on == longer and cert.validity_exception_reason == "Giấy ghi 48 tháng"
    with pytest.raises(ValidationError):
        certificates.update_certification(owner, cert, today=vn_today(),
                                          **{**same, "expires_on": longer + timedelta(days=1)})
    certificates.update_certification(owner, cert, today=vn_today(), **{**same, "expires_on": None})
    assert cert.expires_on == LATEST and cert.validity_exception_reason is None


def test_only_waiting_certificates_take_an_exception(waiting, officer):
    from marketplace.admin import services as admin
    owner, product, cert = waiting
    admin.decide_certification(officer, cert, "verify")
    with pytest.raises(InvalidTransition):
        admin.record_validity_exception(officer, cert, add_months(DECIDED, 48), "Muộn rồi")
    db.session.refresh(cert)
    assert cert.expires_on == LATEST and cert.validity_exception_reason is None
