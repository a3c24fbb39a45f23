"""Post-inspection: officers record what they found; a revocation or downgrade reaches the badge,
the catalogue (search index), the product page and the verify page at once; a provincial officer
inspects only its province; bad input changes nothing; one form sent twice records once."""
import re
from datetime import timedelta

import pytest

from marketplace.catalog.models import Certification, CertificationStatus
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.inspection.models import Inspection, InspectionOutcome
from marketplace.registry.codes import code_for
from tests.registry.fixtures import sign_in
from tests.submissions import assert_created_once, assert_refused_without_token


def form(**fields):
    """The inspection form's fields; its one-time token comes from the page (forms.post)."""
    return {"inspected_on": (vn_today() - timedelta(days=2)).isoformat(), "findings": "Kiểm tra tại cơ sở sản xuất",
            **fields}


def inspections():
    return db.session.execute(db.select(db.func.count(Inspection.id))).scalar()


def post(forms, cert, data):
    url = f"/programme/inspections/new/{cert.id}"
    return forms.post(url, data)


def catalogue_stars(client, product, stars):
    """The product's stars in the catalogue answered by the search engine with a minimum-stars filter."""
    items = client.get(f"/api/v1/products?stars={stars}&per_page=96").get_json()["items"]
    return next((item["stars"] for item in items if item["slug"] == product.slug), None)


@pytest.mark.parametrize("outcome", ["maintained", "warning"])
def test_maintained_and_warning_keep_the_badge_and_tell_the_producer(client, forms, shops, officers, mailbox,
                                                                     outcome):
    shop = shops["lam-dong"]
    sign_in(client, officers["lam-dong"])
    response = post(forms, shop.certification, form(outcome=outcome))
    assert response.status_code == 302
    inspection = db.session.execute(db.select(Inspection)).scalar_one()
    assert inspection.outcome == InspectionOutcome(outcome) and inspection.stars_after is None
    db.session.refresh(shop.certification)
    assert shop.certification.status == CertificationStatus.VERIFIED
    assert "5 sao OCOP" in client.get(f"/products/{shop.product.slug}").get_data(as_text=True)
    [message] = mailbox()
    assert shop.owner.email in message and "Kiểm tra tại cơ sở sản xuất" in message
    listing = client.get("/programme/inspections").get_data(as_text=True)
    assert shop.product.name in listing


def test_revocation_takes_the_stars_off_everywhere_at_once(client, forms, shops, officers, drain):
    shop = shops["lam-dong"]
    drain()
    assert catalogue_stars(client, shop.product, 5) == 5
    sign_in(client, officers["lam-dong"])
    response = post(forms, shop.certification, form(outcome="revoked", decision_number="9/QĐ-UBND",
                                                    findings="Sản phẩm không còn đạt tiêu chuẩn"))
    assert response.status_code == 302
    db.session.refresh(shop.certification)
    assert shop.certification.status == CertificationStatus.REVOKED
    page = client.get(f"/products/{shop.product.slug}").get_data(as_text=True)
    assert "Sản phẩm OCOP 5 sao" not in page  # related products keep their own badges
    assert client.get(f"/api/v1/products/{shop.product.slug}").get_json()["certification"] is None
    verify = client.get(f"/ocop/verify/{code_for(shop.certification)}").get_data(as_text=True)
    assert "state-revoked" in verify and "Sản phẩm không còn đạt tiêu chuẩn" in verify
    drain()  # the index update left with the same transaction
    assert catalogue_stars(client, shop.product, 3) is None


@pytest.mark.both_engines
def test_downgrade_shows_the_lower_stars_everywhere_at_once(client, forms, shops, officers, drain, mailbox):
    shop = shops["lam-dong"]
    old = shop.certification
    drain()
    sign_in(client, officers["lam-dong"])
    response = post(forms, old, form(outcome="downgraded", new_stars="4", new_points="78",
                                     decision_number="55/QĐ-UBND", issuing_body="UBND tỉnh Lâm Đồng"))
    assert response.status_code == 302
    db.session.refresh(old)
    assert old.status == CertificationStatus.DOWNGRADED
    inspection = db.session.execute(db.select(Inspection)).scalar_one()
    new = inspection.replacement
    assert (new.stars, new.points, new.number, new.status) == (4, 78, "55/QĐ-UBND", CertificationStatus.VERIFIED)
    assert new.expires_on == old.expires_on and new.decided_on == inspection.inspected_on
    page = client.get(f"/products/{shop.product.slug}").get_data(as_text=True)
    assert "Sản phẩm OCOP 4 sao" in page and "55/QĐ-UBND" in page and "Sản phẩm OCOP 5 sao" not in page
    assert f"/ocop/verify/{code_for(new)}" in page  # the QR now points at the new certificate
    drain()
    assert catalogue_stars(client, shop.product, 5) is None
    assert catalogue_stars(client, shop.product, 4) == 4
    assert "state-downgraded" in client.get(f"/ocop/verify/{code_for(old)}").get_data(as_text=True)
    assert "state-valid" in client.get(f"/ocop/verify/{code_for(new)}").get_data(as_text=True)
    assert any("hạ hạng từ 5 sao xuống 4 sao" in m for m in mailbox())


def test_bad_input_is_explained_and_changes_nothing(client, forms, shops, officers):
    shop = shops["lam-dong"]
    cert = shop.certification
    sign_in(client, officers["lam-dong"])
    cases = [
        (form(outcome="maintained", inspected_on=(vn_today() + timedelta(days=1)).isoformat()), "tương lai"),
        (form(outcome="maintained", inspected_on=(cert.decided_on - timedelta(days=1)).isoformat()), "sau ngày"),
        (form(outcome="maintained", findings=""), "Cần ghi nhận xét"),
        (form(outcome="exploded"), "Lựa chọn không hợp lệ"),
        (form(outcome="maintained", inspected_on="not-a-date"), "Ngày không hợp lệ"),
        (form(outcome="downgraded", new_stars="4", new_points="78"), "Không được để trống"),
        (form(outcome="downgraded", new_stars="", new_points="78", decision_number="1/QĐ"), "Hạng mới"),
        (form(outcome="downgraded", new_stars="4", new_points="95", decision_number="1/QĐ",
              issuing_body="UBND"), "không thuộc hạng 4 sao"),
        (form(outcome="downgraded", new_stars="4", new_points="", decision_number="1/QĐ",
              issuing_body="UBND"), "Cần điểm"),
        (form(outcome="downgraded", new_stars="4", new_points="101"), "Điểm từ 0 đến 100"),
        (form(outcome="maintained", submission="short"), "thiếu mã gửi"),
    ]
    for data, message in cases:
        response = post(forms, cert, data)
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), (message, data)
    assert db.session.execute(db.select(db.func.count(Inspection.id))).scalar() == 0
    assert db.session.execute(db.select(db.func.count(Certification.id))).scalar() == 2
    db.session.refresh(cert)
    assert cert.status == CertificationStatus.VERIFIED


def test_only_valid_certificates_are_inspected(client, forms, shops, officers):
    shop = shops["lam-dong"]
    shop.certification.status = CertificationStatus.REVOKED
    db.session.commit()
    sign_in(client, officers["lam-dong"])
    page = client.get(f"/programme/inspections/new/{shop.certification.id}").get_data(as_text=True)
    assert "không hậu kiểm được" in page
    response = post(forms, shop.certification, form(outcome="maintained"))
    assert response.status_code == 400 and "Chỉ hậu kiểm được chứng nhận đang còn hiệu lực" in response.get_data(
        as_text=True)


def test_one_form_sent_twice_records_one_inspection(client, forms, shops, officers, mailbox):
    """A double click on "revoke": one inspection, one e-mail; the repeat is not told the certificate is
    no longer valid (its own first copy revoked it) but is led to the list with a note."""
    shop = shops["lam-dong"]
    sign_in(client, officers["lam-dong"])
    url = f"/programme/inspections/new/{shop.certification.id}"
    assert_refused_without_token(forms, url, form(outcome="revoked", decision_number="9/QĐ-UBND"), inspections)
    first, _ = assert_created_once(forms, url, form(outcome="revoked", decision_number="9/QĐ-UBND"), inspections)
    assert first.headers["Location"] == "/programme/inspections"
    assert len(mailbox()) == 1


def test_officers_inspect_only_their_province(client, forms, shops, officers, make_user):
    lam_dong = shops["lam-dong"].certification
    url = f"/programme/inspections/new/{lam_dong.id}"
    assert client.get(url).status_code == 302  # sign in first
    sign_in(client, make_user(role="producer"))
    assert client.get(url).status_code == 403
    assert client.get("/programme/inspections").status_code == 403
    sign_in(client, officers["ha-noi"])
    assert client.get(url).status_code == 404
    assert client.post(url, data=form(outcome="revoked")).status_code in (400, 404)  # no CSRF token: refused
    for who in ("lam-dong", "national", "admin"):
        sign_in(client, officers[who])
        assert client.get(url).status_code == 200
    # The list of each officer holds only its province's inspections.
    sign_in(client, officers["ha-noi"])
    assert post(forms, shops["ha-noi"].certification, form(outcome="warning")).status_code == 302
    sign_in(client, officers["lam-dong"])
    assert shops["ha-noi"].product.name not in client.get("/programme/inspections").get_data(as_text=True)
    assert db.session.get(Certification, lam_dong.id).status == CertificationStatus.VERIFIED


def test_post_inspection_list_links_to_recording(client, db, shops, officers):
    cert = shops["lam-dong"].certification
    cert.expires_on = vn_today() + timedelta(days=30)
    db.session.commit()
    sign_in(client, officers["lam-dong"])
    html = client.get("/programme/post-inspection").get_data(as_text=True)
    assert re.search(rf'href="/programme/inspections/new/{cert.id}"', html)


@pytest.mark.postgresql_only
def test_a_revocation_sent_four_times_at_once_is_recorded_once(app, shops, officers):
    """Four copies of one form at the same instant (core.submissions claims the token before the
    certificate is locked): one inspection; the others are told which, not "no longer valid"."""
    from marketplace.accounts.models import User
    from marketplace.core.submissions import AlreadySubmitted, new_token
    from marketplace.inspection.services import record_inspection
    from tests.threads import at_once
    officer_id, cert_id, token = officers["lam-dong"].id, shops["lam-dong"].certification.id, new_token()
    db.session.remove()

    def send(i):
        try:
            return "created", record_inspection(
                officer=db.session.get(User, officer_id), certification=db.session.get(Certification, cert_id),
                inspected_on=vn_today(), findings="Ngừng sản xuất", outcome="revoked", decision_number="9/QĐ-UBND",
                today=vn_today(), submission=token).id
        except AlreadySubmitted as repeat:
            return "repeat", repeat.record_id

    outcomes, errors = at_once(app, 4, send)
    assert errors == []
    [inspection_id] = db.session.execute(db.select(Inspection.id)).scalars().all()
    assert sorted(outcomes) == [("created", inspection_id)] + [("repeat", inspection_id)] * 3
    assert db.session.get(Certification, cert_id).status == CertificationStatus.REVOKED
