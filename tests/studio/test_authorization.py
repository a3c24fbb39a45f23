"""No one can see or touch another producer's data, and the wrong role gets nothing.

Every studio route is tried by a producer with the ids of another producer's
product, photo, certificate, team member and invitation, and by users with other
roles; each attempt answers 403 or 404 and changes nothing.
"""
import io
from datetime import timedelta

import pytest

from marketplace.catalog.models import ProducerMember
from marketplace.core.errors import PermissionDenied
from marketplace.extensions import db
from marketplace.studio import bulk, certificates, listings, membership, profiles
from marketplace.studio.models import ProducerInvitation
from tests.conftest import FormClient
from tests.studio.fixtures import PDF_BYTES, TODAY, image_bytes, sign_in


@pytest.fixture
def victim(shop, make_user, make_certification, app):
    """Another producer with a product, a photo, a pending certificate, a team member and an invitation."""
    owner, producer, product = shop(name="HTX Nạn Nhân")
    listings.add_photo(owner, product, image_bytes(), "Ảnh")
    cert = certificates.submit_certification(owner, product, scan=PDF_BYTES, today=TODAY, stars=4, points=80,
                                             number="1/QĐ", issuing_body="UBND", level="provincial",
                                             decided_on=TODAY - timedelta(days=365), expires_on=None)
    helper = make_user(role="producer", email="phu-ta@example.vn")
    db.session.add(ProducerMember(producer=producer, user=helper, is_owner=False))
    db.session.commit()
    invitation = membership.invite_member(owner, producer, "moi@example.vn", accept_url=lambda t: f"http://x/{t}")
    return {"owner": owner, "producer": producer, "product": product, "photo": product.photos[0], "cert": cert,
            "helper": helper, "invitation": invitation}


def _snapshot(v):
    db.session.expire_all()
    product, cert = v["product"], v["cert"]
    return (product.name, product.price, product.stock, product.status, len(product.photos), cert.status,
            cert.number, len(v["producer"].members), v["invitation"].revoked_at, v["producer"].name)


def _routes(v):
    p, ph, c = v["product"].id, v["photo"].id, v["cert"].id
    helper, inv = v["helper"].id, v["invitation"].id
    product_form = {"name": "Chiếm", "category": "mat-ong", "price": "1", "unit": "x", "stock": "0"}
    cert_form = {"stars": "5", "points": "95", "number": "9/QĐ", "issuing_body": "X", "level": "central",
                 "decided_on": (TODAY - timedelta(days=100)).isoformat(), "scan": (PDF_BYTES, "x.pdf")}
    return [
        ("get", f"/studio/products/{p}", None),
        ("post", f"/studio/products/{p}", product_form),
        ("get", f"/studio/products/{p}/preview", None),
        ("post", f"/studio/products/{p}/status", {"status": "archived"}),
        ("post", f"/studio/products/{p}/photos", {"photo": (image_bytes(), "a.png")}),
        ("post", f"/studio/photos/{ph}/delete", {}),
        ("post", f"/studio/photos/{ph}/cover", {}),
        ("get", f"/studio/products/{p}/certifications/new", None),
        ("post", f"/studio/products/{p}/certifications/new", cert_form),
        ("get", f"/studio/certifications/{c}", None),
        ("post", f"/studio/certifications/{c}", cert_form),
        ("get", f"/studio/certifications/{c}/scan", None),
        ("post", f"/studio/team/members/{helper}/remove", {}),
        ("post", f"/studio/team/invitations/{inv}/revoke", {}),
        ("post", "/studio/switch", {"producer_id": str(v["producer"].id)}),
        ("get", f"/admin/producers/{v['producer'].id}", None),
        ("get", f"/admin/certifications/{c}", None),
        ("get", f"/admin/certifications/{c}/scan", None),
        ("get", f"/admin/producers/{v['producer'].id}/registration", None),
        ("post", f"/admin/certifications/{c}/decision", {"decision": "verify"}),
        ("post", f"/admin/producers/{v['producer'].id}/decision", {"decision": "verify"}),
    ]


def _try(client, app, method, url, data):
    if method == "get":
        return client.get(url)
    # A valid CSRF token for this session (taken from a page), so the refusal comes from the authorization check.
    token = FormClient(client).token("/account/password")
    files = {k: (io.BytesIO(v[0]), v[1]) if isinstance(v, tuple) else v for k, v in data.items()}
    return client.post(url, data={**files, "csrf_token": token}, content_type="multipart/form-data")


def test_another_producer_gets_404_or_403_on_every_record_and_nothing_changes(client, app, shop, victim):
    intruder, intruder_producer, _ = shop(name="HTX Kẻ Lạ")
    sign_in(client, intruder)
    before = _snapshot(victim)
    for method, url, data in _routes(victim):
        response = _try(client, app, method, url, data)
        assert response.status_code in (403, 404), (method, url, response.status_code)
    assert _snapshot(victim) == before
    assert victim["producer"].verified  # the switch did not select it either
    html = client.get("/studio/products").get_data(as_text=True)
    assert victim["product"].name not in html
    # team members of the victim are not the intruder's: same answer as for a stranger id
    assert _try(client, app, "post", "/studio/team/members/999999/remove", {}).status_code == 404


@pytest.mark.parametrize("role", ["consumer", "organizer", "officer", "admin"])
def test_other_roles_get_no_studio_record(client, app, make_user, victim, role):
    sign_in(client, make_user(role=role))
    before = _snapshot(victim)
    for method, url, data in _routes(victim):
        if url.startswith("/admin") and role in ("officer", "admin"):
            continue  # officers may review (tested in tests/admin)
        response = _try(client, app, method, url, data)
        assert response.status_code in (403, 404), (role, method, url, response.status_code)
    assert _snapshot(victim) == before


def test_team_member_who_is_not_owner_cannot_manage_the_team(client, app, victim):
    sign_in(client, victim["helper"])
    assert client.get(f"/studio/products/{victim['product'].id}").status_code == 200  # may work on listings
    before = _snapshot(victim)
    for url, data in [(f"/studio/team/members/{victim['owner'].id}/remove", {}),
                      (f"/studio/team/invitations/{victim['invitation'].id}/revoke", {}),
                      ("/studio/team/invite", {"email": "ban@example.vn"})]:
        assert _try(client, app, "post", url, data).status_code == 403, url
    assert _snapshot(victim) == before


def test_signed_out_requests_change_nothing(client, app, victim):
    before = _snapshot(victim)
    for method, url, data in _routes(victim):
        response = client.get(url) if method == "get" else client.post(url, data=data)
        assert response.status_code in (302, 400, 403, 404), url
    assert _snapshot(victim) == before


def test_services_refuse_other_producers_records(shop, victim):
    intruder, intruder_producer, _ = shop()
    v = victim
    calls = [
        lambda: listings.update_listing(intruder, v["product"], category=v["product"].category, name="x", price=1,
                                        unit="x", stock=0),
        lambda: listings.change_listing_status(intruder, v["product"], "archived"),
        lambda: listings.add_photo(intruder, v["product"], image_bytes()),
        lambda: listings.delete_photo(intruder, v["photo"]),
        lambda: listings.make_cover(intruder, v["photo"]),
        lambda: certificates.submit_certification(intruder, v["product"], scan=PDF_BYTES, today=TODAY, stars=3,
                                                  points=60, number="x", issuing_body="x", level="provincial",
                                                  decided_on=TODAY, expires_on=None),
        lambda: certificates.update_certification(intruder, v["cert"], today=TODAY, stars=3, points=60, number="x",
                                                  issuing_body="x", level="provincial", decided_on=TODAY,
                                                  expires_on=None),
        lambda: profiles.update_profile(intruder, v["producer"], name="x", kind="cooperative",
                                        province=v["producer"].province, address="x", tax_code="123456"),
        lambda: profiles.resubmit_profile(intruder, v["producer"]),
        lambda: membership.invite_member(intruder, v["producer"], "a@example.vn", accept_url=str),
        lambda: membership.revoke_invitation(intruder, v["invitation"]),
        lambda: membership.remove_member(intruder, db.session.get(ProducerMember, (v["producer"].id,
                                                                                   v["helper"].id))),
        lambda: bulk.preview_import(intruder, v["producer"], b"slug,stock\nx,1\n"),
        lambda: bulk.apply_import(intruder, v["producer"], "token"),
    ]
    before = _snapshot(v)
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert _snapshot(v) == before


def test_csv_cannot_reach_another_producers_products(shop, victim):
    intruder, intruder_producer, _ = shop()
    preview = bulk.preview_import(intruder, intruder_producer,
                                  f"slug,price,stock\n{victim['product'].slug},1,999\n".encode())
    assert not preview.ok and preview.token is None
    assert "Không có sản phẩm mã" in str(preview.rows[0].errors[0])
    assert victim["product"].stock == 3


def test_an_invitation_works_only_for_its_address_and_once(client, app, forms, victim, make_user):
    from marketplace.studio.membership import accept_invitation
    token = "t" * 43
    invitation = victim["invitation"]
    invitation.token_hash = membership._token_hash(token)
    db.session.commit()
    stranger = make_user(role="producer", email="khac@example.vn")
    with pytest.raises(PermissionDenied):
        accept_invitation(stranger, token)
    officer = make_user(role="officer", email="moi@example.vn")
    with pytest.raises(PermissionDenied):
        accept_invitation(officer, token)
    db.session.delete(officer)
    db.session.commit()
    invited = make_user(role="consumer", email="MOI@example.vn")
    sign_in(client, invited)
    response = forms.post(f"/studio/invitations/{token}", {})
    assert response.status_code == 302
    assert db.session.get(ProducerMember, (victim["producer"].id, invited.id)) is not None
    assert client.get("/studio/products").status_code == 200
    assert client.get(f"/studio/products/{victim['product'].id}").status_code == 200
    with pytest.raises(Exception):
        accept_invitation(invited, token)
    assert client.get("/studio/invitations/not-a-token").status_code == 404
    assert db.session.query(ProducerInvitation).count() == 1
