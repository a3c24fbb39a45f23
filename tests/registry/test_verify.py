"""Anyone can check a star: the verify page by signed code (tampered or made-up codes are 404),
each state it reports, the lookup by number, and its schema.org markup."""
import json
import re
from datetime import timedelta

import pytest
from itsdangerous import URLSafeSerializer

from marketplace.catalog.models import CertificationStatus
from marketplace.catalog.services import create_producer, find_province, transition_certification
from marketplace.core.timeutil import vn_today
from marketplace.registry.codes import SALT, certification_id, code_for
from tests.forgery import tampered
from tests.registry.fixtures import days_ago

JSONLD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)


def jsonld(html):
    return json.loads(JSONLD.search(html).group(1))


def test_a_genuine_code_opens_the_page_and_its_qr(client, shops):
    shop = shops["lam-dong"]
    code = code_for(shop.certification)
    page = client.get(f"/ocop/verify/{code}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert shop.product.name in html and shop.producer.name in html and "101/QĐ-UBND" in html
    assert "Còn hiệu lực" in html
    qr = client.get(f"/ocop/verify/{code}/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    assert "default-src 'none'" in qr.headers["Content-Security-Policy"]


def test_tampered_made_up_and_foreign_codes_are_404(app, client, shops):
    cert = shops["lam-dong"].certification
    code = code_for(cert)
    payload, signature = code.split(".", 1)
    other_id = URLSafeSerializer("x").dumps(shops["ha-noi"].certification.id).split(".")[0]
    forged = [
        tampered(code),                                          # one character of the signature changed
        f"{other_id}.{signature}",                               # another certificate's id, this signature
        f"{payload}",                                            # no signature at all
        "MQ.aaaaaaaaaaaaaaaaaaaaaaaaaaa",                        # made up
        URLSafeSerializer("another-secret", salt=SALT).dumps(cert.id),     # signed with another key
        URLSafeSerializer(app.config["SECRET_KEY"], salt="other").dumps(cert.id),  # another of our signatures
        "x" * 500,
    ]
    for bad in forged:
        assert certification_id(bad) is None
        assert client.get(f"/ocop/verify/{bad}").status_code == 404, bad
        assert client.get(f"/ocop/verify/{bad}/qr.svg").status_code == 404
        assert client.get(f"/api/v1/ocop/verify/{bad}").status_code == 404
    assert client.get(f"/ocop/verify/{code}").status_code == 200


def test_codes_survive_a_key_rotation(app, client, shops):
    cert = shops["lam-dong"].certification
    old_code = code_for(cert)
    app.config["SECRET_KEY_FALLBACKS"] = [app.config["SECRET_KEY"]]
    app.config["SECRET_KEY"] = "a-new-secret-key"
    assert client.get(f"/ocop/verify/{old_code}").status_code == 200
    assert code_for(cert) != old_code and client.get(f"/ocop/verify/{code_for(cert)}").status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert client.get(f"/ocop/verify/{old_code}").status_code == 404


def _revoke(cert):
    transition_certification(cert, CertificationStatus.REVOKED, reason="Sai phạm khi hậu kiểm")


def _expire(cert):
    cert.decided_on, cert.expires_on = days_ago(3 * 365 + 30), days_ago(1)


def _expire_by_status(cert):
    _expire(cert)
    transition_certification(cert, CertificationStatus.EXPIRED, today=vn_today())


def _pending(cert):
    cert.status = CertificationStatus.PENDING


def _refused(cert):
    cert.status = CertificationStatus.REJECTED


@pytest.mark.parametrize("change, state, shown, active", [
    (lambda cert: None, "valid", "Còn hiệu lực", True),
    (_expire, "expired", "Đã hết hạn", False),
    (_expire_by_status, "expired", "Đã hết hạn", False),
    (_revoke, "revoked", "Đã bị thu hồi", False),
    (_pending, "pending", "Đang chờ xác minh", False),
    (_refused, "not_verified", "Không được xác minh", False),
])
def test_each_state_on_the_page_its_markup_and_json(db, client, shops, change, state, shown, active):
    cert = shops["lam-dong"].certification
    change(cert)
    db.session.commit()
    code = code_for(cert)
    html = client.get(f"/ocop/verify/{code}").get_data(as_text=True)
    assert f'state-{state}"' in html and shown in html
    markup = jsonld(html)
    assert markup["@type"] == "Certification" and markup["certificationIdentification"] == "101/QĐ-UBND"
    assert markup["certificationStatus"].endswith("CertificationActive" if active else "CertificationInactive")
    assert markup["expires"] == cert.expires_on.isoformat()
    assert client.get(f"/api/v1/ocop/verify/{code}").get_json()["state"] == state


def test_markup_escapes_what_producers_type(db, client, shops):
    shop = shops["lam-dong"]
    shop.product.name = 'Mứt </script><script>alert("x")</script> & "quà"'
    db.session.commit()
    html = client.get(f"/ocop/verify/{code_for(shop.certification)}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert jsonld(html)["about"]["name"] == shop.product.name


@pytest.mark.both_engines
def test_lookup_by_number_lists_every_match(client, shops, make_product, make_certification):
    shop = shops["lam-dong"]
    sibling = make_product(producer=shop.producer, name="Trà Ô long Cầu Đất", status="active")
    make_certification(sibling, stars=4, number="101/QĐ-UBND", decided_on=days_ago(100))
    for typed in ("101/QĐ-UBND", "101/qd-ubnd", " 101 / QĐ-UBND ", "101"):
        html = client.get("/ocop/verify", query_string={"number": typed}).get_data(as_text=True)
        assert shop.product.name in html and "Trà Ô long Cầu Đất" in html, typed
        assert shops["ha-noi"].product.name not in html
    body = client.get("/api/v1/ocop/verify", query_string={"number": "101/qđ-ubnd"}).get_json()
    assert body["total"] == 2 and {item["state"] for item in body["items"]} == {"valid"}
    empty = client.get("/ocop/verify", query_string={"number": "999/QĐ-UBND"})
    assert empty.status_code == 200 and "Không có chứng nhận nào" in empty.get_data(as_text=True)
    assert client.get("/ocop/verify", query_string={"number": "1" * 300}).status_code == 400
    assert client.get("/ocop/verify").status_code == 200


def test_certificates_of_producers_never_verified_are_not_shown(client, make_user, make_product, make_certification):
    owner = make_user(role="producer")
    producer = create_producer(name="Hộ chưa xác minh", kind="household", province=find_province("ha-noi"),
                               verified=False, owner=owner)
    product = make_product(producer=producer, status="active")
    cert = make_certification(product, stars=4, number="77/QĐ-UBND", decided_on=days_ago(10))
    assert client.get(f"/ocop/verify/{code_for(cert)}").status_code == 404
    assert "Hộ chưa xác minh" not in client.get("/ocop/verify?number=77").get_data(as_text=True)


def test_product_page_links_to_the_verify_page_through_its_qr(client, shops):
    shop = shops["lam-dong"]
    html = client.get(f"/products/{shop.product.slug}").get_data(as_text=True)
    code = code_for(shop.certification)
    assert f'href="/ocop/verify/{code}"' in html and f'src="/ocop/verify/{code}/qr.svg"' in html


def test_a_downgrade_replacement_points_both_ways(db, client, shops, officers):
    from marketplace.inspection.services import record_inspection
    shop = shops["lam-dong"]
    inspection = record_inspection(officer=officers["lam-dong"], certification=shop.certification,
                                   inspected_on=vn_today() - timedelta(days=1), findings="Bao bì chưa đạt",
                                   outcome="downgraded", today=vn_today(), new_stars=4,
                                   new_points=80, decision_number="55/QĐ-UBND", issuing_body="UBND tỉnh Lâm Đồng")
    old = client.get(f"/ocop/verify/{code_for(shop.certification)}").get_data(as_text=True)
    assert "state-downgraded" in old and "Hạng hiện nay: 4 sao" in old
    assert f"/ocop/verify/{code_for(inspection.replacement)}" in old
    new = client.get(f"/api/v1/ocop/verify/{code_for(inspection.replacement)}").get_json()
    assert new["state"] == "valid" and new["certificate"]["stars"] == 4
    assert new["replaces"]["number"] == "101/QĐ-UBND"
    assert new["certificate"]["expires_on"] == shop.certification.expires_on.isoformat()
