"""Officers belong to a place: a provincial officer sees and decides only its province's
producers and certificates; a national officer and an admin see everything."""
from datetime import timedelta

import pytest

from marketplace.accounts.services import assign_province
from marketplace.admin import services
from marketplace.catalog.models import CertificationStatus, ProducerStatus
from marketplace.catalog.services import find_province
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.timeutil import add_months, vn_today
from marketplace.extensions import db
from marketplace.studio import certificates
from tests.studio.fixtures import PDF_BYTES, sign_in


@pytest.fixture
def two_provinces(db, make_user, make_product):
    """A pending producer with a pending certificate in Lâm Đồng and another in Hà Nội."""
    from marketplace.catalog.services import create_producer
    made = {}
    for slug, name in (("lam-dong", "HTX Cà phê Cầu Đất"), ("ha-noi", "HTX Gốm Bát Tràng")):
        owner = make_user(role="producer")
        producer = create_producer(name=name, kind="cooperative", province=find_province(slug), address="Xã Thử",
                                   verified=False, owner=owner)
        product = make_product(producer=producer, name=f"Sản phẩm của {name}", status="draft")
        cert = certificates.submit_certification(owner, product, scan=PDF_BYTES, today=vn_today(), stars=4, points=80,
                                                 number=f"{len(made) + 1}/QĐ-UBND", issuing_body="UBND tỉnh",
                                                 level="provincial", decided_on=vn_today() - timedelta(days=30),
                                                 expires_on=None)
        made[slug] = (producer, cert)
    return made


@pytest.fixture
def lam_dong_officer(make_user):
    officer = make_user(role="officer", email="canbo.lamdong@example.vn")
    return assign_province(officer, find_province("lam-dong"))


def test_provincial_officer_lists_only_its_province(two_provinces, lam_dong_officer, make_user):
    lam_dong, ha_noi = two_provinces["lam-dong"], two_provinces["ha-noi"]
    producers, certifications = services.review_queue(lam_dong_officer)
    assert [p.id for p in producers] == [lam_dong[0].id]
    assert [c.id for c in certifications] == [lam_dong[1].id]
    assert [p.id for p in services.producers_page(lam_dong_officer).items] == [lam_dong[0].id]
    assert [c.id for c in services.certifications_page(lam_dong_officer).items] == [lam_dong[1].id]

    national = make_user(role="officer")
    admin = make_user(role="admin")
    for user in (national, admin):
        producers, certifications = services.review_queue(user)
        assert {p.id for p in producers} == {lam_dong[0].id, ha_noi[0].id}
        assert {c.id for c in certifications} == {lam_dong[1].id, ha_noi[1].id}


def test_provincial_officer_cannot_decide_elsewhere(two_provinces, lam_dong_officer):
    (lam_dong, lam_cert), (ha_noi, ha_cert) = two_provinces["lam-dong"], two_provinces["ha-noi"]
    with pytest.raises(PermissionDenied):
        services.decide_producer(lam_dong_officer, ha_noi, "verify")
    with pytest.raises(PermissionDenied):
        services.decide_certification(lam_dong_officer, ha_cert, "verify")
    assert ha_noi.verification_status is ProducerStatus.PENDING and ha_cert.status is CertificationStatus.PENDING
    services.decide_producer(lam_dong_officer, lam_dong, "verify")
    services.decide_certification(lam_dong_officer, lam_cert, "verify")
    assert lam_dong.verified and lam_cert.status is CertificationStatus.VERIFIED


def test_other_provinces_records_are_not_found_through_http(two_provinces, lam_dong_officer, client, forms):
    (lam_dong, _), (ha_noi, ha_cert) = two_provinces["lam-dong"], two_provinces["ha-noi"]
    sign_in(client, lam_dong_officer)
    queue = client.get("/admin/").get_data(as_text=True)
    assert lam_dong.name in queue and ha_noi.name not in queue
    for url in (f"/admin/producers/{ha_noi.id}", f"/admin/producers/{ha_noi.id}/registration",
                f"/admin/certifications/{ha_cert.id}", f"/admin/certifications/{ha_cert.id}/scan"):
        assert client.get(url).status_code == 404, url
    token = forms.token(f"/admin/producers/{lam_dong.id}")
    response = client.post(f"/admin/producers/{ha_noi.id}/decision", data={"decision": "verify", "csrf_token": token})
    assert response.status_code == 404
    db.session.expire_all()
    assert ha_noi.verification_status is ProducerStatus.PENDING
    assert client.get(f"/admin/producers/{lam_dong.id}").status_code == 200
    assert ha_noi.name not in client.get("/admin/producers").get_data(as_text=True)


def test_post_inspection_list_stays_in_the_officers_province(db, lam_dong_officer, make_producer, make_product,
                                                           make_certification, client):
    today = vn_today()
    for slug in ("lam-dong", "ha-noi"):
        product = make_product(name=f"Trà {slug}", producer=make_producer(province=slug))
        make_certification(product, stars=3, decided_on=add_months(today + timedelta(days=20), -36),
                           expires_on=today + timedelta(days=20))
    sign_in(client, lam_dong_officer)
    html = client.get("/programme/post-inspection").get_data(as_text=True)
    assert "Trà lam-dong" in html and "Trà ha-noi" not in html
    assert client.get("/programme/post-inspection?province=ha-noi").status_code == 404
    csv = client.get("/programme/post-inspection.csv").get_data(as_text=True)
    assert "Trà lam-dong" in csv and "Trà ha-noi" not in csv


def test_only_officers_have_a_province(make_user):
    with pytest.raises(ValidationError):
        assign_province(make_user(role="admin"), find_province("ha-noi"))
    with pytest.raises(ValidationError):
        assign_province(make_user(role="producer"), find_province("ha-noi"))


def test_officers_are_given_a_province_from_the_command_line(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "--email", "cb@example.vn", "--name", "Cán bộ", "--role",
                                 "officer", "--province", "lam-dong", "--password", "mat-khau-123"])
    assert result.exit_code == 0, result.output
    assert "Lâm Đồng" in result.output
    result = runner.invoke(args=["users", "create", "--email", "cb2@example.vn", "--name", "Cán bộ", "--role",
                                 "officer", "--province", "khong-co", "--password", "mat-khau-123"])
    assert result.exit_code != 0 and "khong-co" in result.output
    from marketplace.accounts.services import find_user_by_email
    assert find_user_by_email("cb2@example.vn") is None  # a typo creates nothing
    result = runner.invoke(args=["users", "set-province", "cb@example.vn", "national"])
    assert result.exit_code == 0 and "national" in result.output
    assert find_user_by_email("cb@example.vn").province_id is None
