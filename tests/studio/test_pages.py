"""The studio through HTTP, as a producer who has never seen the site uses it."""
import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

from marketplace.catalog.models import CertificationStatus, Producer, ProducerStatus, Product, ProductStatus
from marketplace.core.timeutil import add_months, vn_today
from marketplace.extensions import db
from tests.conftest import link_in
from tests.studio.fixtures import PDF_BYTES, image_bytes, sign_in


def _profile(**overrides):
    return {"name": "HTX Chè Shan Tuyết Suối Giàng", "kind": "cooperative", "province": "lao-cai",
            "former_province": "yen-bai", "address": "Xã Suối Giàng", "tax_code": "5200123456",
            "phone": "0912345678", "email": "htx@example.vn", "website": "", "story": "Chè **cổ thụ**.",
            **overrides}


def test_sign_up_as_producer_confirms_the_address_then_lands_on_onboarding(forms, client, mailbox, db):
    response = forms.post("/account/register", {
        "full_name": "Lò Văn Páo", "email": "pao@example.vn", "phone": "", "role": "producer",
        "password": "mat-khau-123", "confirm": "mat-khau-123"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/check-email")
    link = urlsplit(link_in(mailbox(), "/account/confirm/", to="pao@example.vn")).path
    assert "Xác nhận" in client.get(link).get_data(as_text=True)
    response = forms.post(link, {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/studio/onboarding")
    assert client.get("/studio/onboarding").status_code == 200


def test_onboarding_creates_a_pending_profile_with_logo_and_registration(client, forms, make_user, app):
    owner = make_user(role="producer")
    sign_in(client, owner)
    assert client.get("/studio/").headers["Location"].endswith("/studio/onboarding")
    data = {**_profile(), "logo": (io.BytesIO(image_bytes("PNG")), "logo.png"),
            "registration_doc": (io.BytesIO(PDF_BYTES), "dkkd.pdf")}
    response = forms.post("/studio/onboarding", data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    producer = db.session.execute(db.select(Producer)).scalar_one()
    assert producer.verification_status is ProducerStatus.PENDING and not producer.verified
    assert producer.former_province.slug == "yen-bai" and producer.members[0].is_owner
    assert producer.logo_path.startswith(f"producers/{producer.id}/")
    assert client.get(f"/media/{producer.logo_path}").status_code == 200
    assert producer.registration_doc_path.endswith(".pdf")
    # the registration is private: not at /media, only through the studio (and the officers)
    assert client.get(f"/media/{producer.registration_doc_path}").status_code == 404
    document = client.get("/studio/profile/registration")
    assert document.status_code == 200 and document.data == PDF_BYTES
    assert document.headers["Content-Disposition"].startswith("attachment")
    html = client.get("/studio/").get_data(as_text=True)
    assert "đang chờ cán bộ xác minh" in html
    # one profile per account
    assert client.get("/studio/onboarding").status_code == 302


def test_onboarding_errors_are_explained(client, forms, make_user, db):
    sign_in(client, make_user(role="producer"))
    response = forms.post("/studio/onboarding", {**_profile(tax_code="", former_province="ben-tre"),
                                                 "logo": (io.BytesIO(b"not an image"), "logo.png")},
                          content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vui lòng nhập mã số thuế" in html
    assert db.session.query(Producer).count() == 0
    response = forms.post("/studio/onboarding", {**_profile(former_province="ben-tre"),
                                                 "logo": (io.BytesIO(b"not an image"), "logo.png")},
                          content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Tỉnh cũ không thuộc tỉnh đã chọn" in html
    response = forms.post("/studio/onboarding", {**_profile(), "logo": (io.BytesIO(b"not an image"), "logo.png")},
                          content_type="multipart/form-data")
    assert response.status_code == 400 and "không phải ảnh JPEG, PNG hoặc WebP" in response.get_data(as_text=True)
    assert db.session.query(Producer).count() == 0


def test_consumers_and_officers_have_no_studio(client, make_user, officer):
    sign_in(client, make_user(role="consumer"))
    assert client.get("/studio/").status_code == 403
    assert client.get("/studio/onboarding").status_code == 403
    sign_in(client, officer)
    assert client.get("/studio/").status_code == 403


def test_signed_out_visitors_are_sent_to_login(client):
    response = client.get("/studio/products")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_product_life_cycle_through_the_studio(client, forms, shop, app):
    owner, producer, _ = shop()
    sign_in(client, owner)
    response = forms.post("/studio/products/new", {
        "name": "Mật ong hoa cà phê", "category": "mat-ong", "price": "185.000", "unit": "chai 500 ml",
        "stock": "40", "origin": "Lạc Dương", "description": "Mật **nguyên chất** <script>alert(1)</script>"})
    assert response.status_code == 302, response.get_data(as_text=True)
    product = db.session.execute(db.select(Product).where(Product.name == "Mật ong hoa cà phê")).scalar_one()
    assert product.price == 185_000 and product.status is ProductStatus.DRAFT
    edit_url = f"/studio/products/{product.id}"
    assert re.search(r'<option selected value="mat-ong">', client.get(edit_url).get_data(as_text=True))

    # publishing without a photo is refused with a reason
    forms.post(f"{edit_url}/status", {"status": "active"}, form_url=edit_url)
    assert product.status is ProductStatus.DRAFT
    assert "Cần ít nhất một ảnh" in client.get(edit_url).get_data(as_text=True)

    response = forms.post(f"{edit_url}/photos", {"photo": (io.BytesIO(image_bytes("JPEG")), "anh.jpg"),
                                                 "alt": "Chai mật ong"},
                          form_url=edit_url, content_type="multipart/form-data")
    assert response.status_code == 302
    photo = product.photos[0]
    assert client.get(f"/media/{photo.thumb_path}").status_code == 200

    # the draft is not public; its preview is, to the team only
    assert client.get(f"/products/{product.slug}").status_code == 404
    preview = client.get(f"{edit_url}/preview").get_data(as_text=True)
    assert "Bản xem trước" in preview and "<strong>nguyên chất</strong>" in preview
    assert "<script>alert(1)</script>" not in preview

    forms.post(f"{edit_url}/status", {"status": "active"}, form_url=edit_url)
    assert product.status is ProductStatus.ACTIVE
    assert client.get(f"/products/{product.slug}").status_code == 200

    response = forms.post(edit_url, {"name": "Mật ong hoa cà phê Lạc Dương", "category": "mat-ong",
                                     "price": "abc", "unit": "chai 500 ml", "stock": "40"})
    assert response.status_code == 400 and "Giá không hợp lệ" in response.get_data(as_text=True)
    forms.post(edit_url, {"name": "Mật ong hoa cà phê Lạc Dương", "category": "mat-ong", "price": "190000",
                          "unit": "chai 500 ml", "stock": "38"})
    assert product.name == "Mật ong hoa cà phê Lạc Dương" and product.price == 190_000
    assert "lac duong" in product.search_text

    forms.post(f"{edit_url}/status", {"status": "archived"}, form_url=edit_url)
    assert product.status is ProductStatus.ARCHIVED
    assert client.get(f"/products/{product.slug}").status_code == 404


def test_hostile_photo_upload_is_refused_with_a_clear_message(client, forms, shop):
    owner, _, product = shop()
    sign_in(client, owner)
    url = f"/studio/products/{product.id}"
    for data, name, message in [
        (b"GIF89a not really", "x.gif", "Chỉ nhận ảnh JPEG, PNG hoặc WebP"),
        (b"<?php system($_GET['c']); ?>", "shell.png", "không phải ảnh JPEG, PNG hoặc WebP"),
        (image_bytes("BMP"), "renamed.jpg", "không phải ảnh JPEG, PNG hoặc WebP"),
    ]:
        response = forms.post(f"{url}/photos", {"photo": (io.BytesIO(data), name)}, form_url=url,
                              content_type="multipart/form-data")
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert product.photos == []


def test_too_big_upload_gets_the_413_page(client, forms, shop, app):
    owner, _, product = shop()
    sign_in(client, owner)
    url = f"/studio/products/{product.id}"
    app.config["MAX_CONTENT_LENGTH"] = 50_000
    response = forms.post(f"{url}/photos", {"photo": (io.BytesIO(b"\x00" * 60_000), "big.jpg")}, form_url=url,
                          content_type="multipart/form-data")
    assert response.status_code == 413 and "Tệp tải lên quá lớn" in response.get_data(as_text=True)


def test_photo_cover_and_delete(client, forms, shop, make_product):
    owner, producer, product = shop()
    sign_in(client, owner)
    url = f"/studio/products/{product.id}"
    for color in ((255, 0, 0), (0, 255, 0)):
        forms.post(f"{url}/photos", {"photo": (io.BytesIO(image_bytes(color=color)), "a.png")}, form_url=url,
                   content_type="multipart/form-data")
    first, second = product.photos
    forms.post(f"/studio/photos/{second.id}/cover", {}, form_url=url)
    db.session.refresh(product)
    assert [p.id for p in product.photos] == [second.id, first.id]
    forms.post(f"/studio/photos/{first.id}/delete", {}, form_url=url)
    db.session.refresh(product)
    assert [p.id for p in product.photos] == [second.id]


def test_certificate_submission_and_correction_after_rejection(client, forms, shop, officer):
    from marketplace.admin.services import decide_certification
    owner, producer, product = shop()
    sign_in(client, owner)
    url = f"/studio/products/{product.id}/certifications/new"
    decided = vn_today() - timedelta(days=400)
    fields = {"stars": "4", "points": "82", "number": "2157/QĐ-UBND", "issuing_body": "UBND tỉnh Lâm Đồng",
              "level": "provincial", "decided_on": decided.isoformat(), "expires_on": ""}
    response = forms.post(url, {**fields, "points": "95"}, content_type="multipart/form-data")
    assert response.status_code == 400 and "không thuộc hạng 4 sao" in response.get_data(as_text=True)
    response = forms.post(url, fields, content_type="multipart/form-data")
    assert response.status_code == 400 and "Cần tải lên bản chụp" in response.get_data(as_text=True)
    response = forms.post(url, {**fields, "decided_on": (vn_today() + timedelta(days=1)).isoformat(),
                                "scan": (io.BytesIO(PDF_BYTES), "qd.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 400 and "Ngày quyết định không thể ở tương lai" in response.get_data(as_text=True)
    response = forms.post(url, {**fields, "scan": (io.BytesIO(image_bytes("JPEG", size=(900, 1200))), "qd.jpg")},
                          content_type="multipart/form-data")
    assert response.status_code == 302
    cert = product.certifications[0]
    assert cert.status is CertificationStatus.PENDING and cert.scan_path.endswith(".jpg")
    assert cert.expires_on == add_months(decided, 36)  # 36 months unless the form says otherwise
    scan = client.get(f"/studio/certifications/{cert.id}/scan")
    assert scan.status_code == 200 and scan.mimetype == "image/jpeg"
    assert scan.headers["X-Content-Type-Options"] == "nosniff"

    decide_certification(officer, cert, "reject", "Bản chụp mờ, không đọc được số quyết định")
    html = client.get(f"/studio/certifications/{cert.id}").get_data(as_text=True)
    assert "Bản chụp mờ" in html and "Gửi lại để xác minh" in html
    response = forms.post(f"/studio/certifications/{cert.id}", {**fields, "number": "2158/QĐ-UBND",
                                                                "scan": (io.BytesIO(PDF_BYTES), "ro.pdf")},
                          content_type="multipart/form-data")
    assert response.status_code == 302
    assert cert.status is CertificationStatus.PENDING and cert.number == "2158/QĐ-UBND"
    assert cert.scan_path.endswith(".pdf")

    decide_certification(officer, cert, "verify")
    response = forms.post(f"/studio/certifications/{cert.id}", {**fields, "stars": "5", "points": "95"},
                          form_url=f"/studio/certifications/{cert.id}", content_type="multipart/form-data")
    assert response.status_code == 409 and cert.stars == 4


def test_profile_edit_and_resubmission_after_rejection(client, forms, shop, officer):
    from marketplace.admin.services import decide_producer
    owner, producer, _ = shop(verified=False)
    sign_in(client, owner)
    decide_producer(officer, producer, "reject", "Thiếu giấy đăng ký kinh doanh")
    html = client.get("/studio/profile").get_data(as_text=True)
    assert "Thiếu giấy đăng ký kinh doanh" in html
    response = forms.post("/studio/profile", {**_profile(name=producer.name, province="lam-dong", former_province=""),
                                              "registration_doc": (io.BytesIO(PDF_BYTES), "dkkd.pdf")},
                          content_type="multipart/form-data")
    assert response.status_code == 302
    assert producer.registration_doc_path and producer.verification_status is ProducerStatus.REJECTED
    forms.post("/studio/profile/resubmit", {}, form_url="/studio/profile")
    assert producer.verification_status is ProducerStatus.PENDING and producer.status_reason is None


def test_dashboard_panels_show_this_producers_data(client, shop, make_product, make_certification):
    from datetime import timedelta

    from marketplace.core.timeutil import vn_today
    owner, producer, draft = shop()
    _, other_producer, other_product = shop()
    low = make_product(producer=producer, name="Trà sắp hết", stock=2)
    make_product(producer=other_producer, name="Hàng của người khác sắp hết", stock=1)
    today = vn_today()
    make_certification(low, stars=4, decided_on=today - timedelta(days=1000), expires_on=today + timedelta(days=20))
    make_certification(other_product, stars=4, decided_on=today - timedelta(days=1000),
                       expires_on=today + timedelta(days=10))
    sign_in(client, owner)
    html = client.get("/studio/").get_data(as_text=True)
    assert "Sắp hết hàng" in html and "Trà sắp hết" in html
    assert "Chứng nhận sắp hết hạn" in html and "hết hạn sau 20 ngày" in html
    assert "Sản phẩm nháp" in html and draft.name in html
    assert "<svg" in html  # stock chart
    assert "của người khác" not in html and other_product.name not in html


def test_english_studio(client, shop):
    owner, _, _ = shop()
    sign_in(client, owner)
    client.get("/lang/en")
    html = client.get("/studio/products").get_data(as_text=True)
    assert "Add product" in html and re.search(r"<h2>\s*Products", html)


def test_team_invitation_through_http(client, forms, shop, make_user, mail_dir):
    owner, producer, product = shop()
    sign_in(client, owner)
    response = forms.post("/studio/team/invite", {"email": "Lan@Example.vn"}, form_url="/studio/team")
    assert response.status_code == 302
    [message] = mail_dir()
    assert "To: lan@example.vn" in message and producer.name in message
    link = re.search(r"http://localhost:5000/studio/invitations/(\S+)", message)  # SITE_URL
    assert link, message
    assert "lan@example.vn" in client.get("/studio/team").get_data(as_text=True)

    lan = make_user(role="consumer", email="lan@example.vn", full_name="Phạm Thị Lan")
    sign_in(client, lan)
    invitation_url = f"/studio/invitations/{link.group(1)}"
    assert "Nhận lời mời" in client.get(invitation_url).get_data(as_text=True)
    assert "Gian hàng của tôi" not in client.get("/").get_data(as_text=True)
    assert forms.post(invitation_url, {}).status_code == 302
    assert client.get(f"/studio/products/{product.id}").status_code == 200
    assert "Gian hàng của tôi" in client.get("/").get_data(as_text=True)  # a consumer on the team

    sign_in(client, owner)
    assert "Phạm Thị Lan" in client.get("/studio/team").get_data(as_text=True)
    forms.post(f"/studio/team/members/{lan.id}/remove", {}, form_url="/studio/team")
    sign_in(client, lan)
    assert client.get(f"/studio/products/{product.id}").status_code == 403  # no shop any more


def test_every_studio_and_officer_page_renders_in_both_languages(client, forms, shop, officer, make_certification):
    owner, producer, product = shop(verified=False)
    cert = make_certification(product, status="pending")
    from marketplace.studio import listings
    listings.add_photo(owner, product, image_bytes())
    pages = ["/studio/", "/studio/profile", "/studio/products", "/studio/products?status=archived",
             "/studio/products/new", f"/studio/products/{product.id}", f"/studio/products/{product.id}/preview",
             "/studio/certifications", f"/studio/products/{product.id}/certifications/new",
             f"/studio/certifications/{cert.id}", "/studio/stock", "/studio/team"]
    admin_pages = ["/admin/", "/admin/producers", f"/admin/producers/{producer.id}", "/admin/certifications",
                   f"/admin/certifications/{cert.id}", "/admin/audit"]
    for lang in ("vi", "en"):
        client.get(f"/lang/{lang}")
        for user, urls in ((owner, pages), (officer, admin_pages)):
            sign_in(client, user)
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, (lang, url, response.status_code)
                assert f'<html lang="{lang}">' in response.get_data(as_text=True)
