"""A producer who has never seen the site gets a verified, star-rated listing online by themselves.

A new producer signs up, creates the producer profile, adds a product with a
photo, publishes it and submits a 4-star certificate; an officer (created through
the services) verifies both; a visitor then finds the product in the catalogue
with its star badge. Runs on a live server over an empty catalogue.
"""
import io
import re
import shutil
import threading
from datetime import timedelta

import pytest
from PIL import Image
from werkzeug.serving import make_server

from marketplace import create_app
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from tests.conftest import SHARED_DATA_DIR, link_in, read_mail
from tests.e2e.conftest import open_account_menu, screenshot

pytestmark = pytest.mark.e2e

PRODUCT = "Cà phê Arabica Cầu Đất rang mộc"


@pytest.fixture
def empty_live_server(tmp_path, sqlite_template):
    """The app on a copy of the migrated template (reference data only, no products), on a free port."""
    shutil.copyfile(sqlite_template, tmp_path / "live.sqlite3")
    app = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"), "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "MAIL_DIR": str(tmp_path / "mail"), "SHARED_DATA_DIR": SHARED_DATA_DIR, "RATELIMIT_ENABLED": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["SITE_URL"] = f"http://127.0.0.1:{server.server_port}"  # e-mailed links come here
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", app
    server.shutdown()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _png(width=800, height=600):
    image = Image.new("RGB", (width, height), (111, 78, 55))
    for x in range(0, width, 40):  # a few stripes so it is not a flat colour
        image.paste((160, 120, 80), (x, 0, x + 20, height))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _shot(page, name):
    screenshot(page, f"studio-{name}")


def test_new_producer_gets_a_verified_listing_online(empty_live_server, page, browser):
    base, app = empty_live_server

    # 1. Sign up as a producer, confirm the address with the link from the mailbox: the link
    #    leads straight to the producer profile.
    page.goto(base + "/account/register")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Email").fill("hoa@htx-caudat.vn")
    page.get_by_label("Chủ thể OCOP (HTX, doanh nghiệp, hộ kinh doanh)").check()
    page.get_by_label("Mật khẩu", exact=True).fill("ca-phe-cau-dat")
    page.get_by_label("Nhập lại mật khẩu").fill("ca-phe-cau-dat")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url(re.compile(r"/account/check-email$"))
    assert "hoa@htx-caudat.vn" in page.locator("main").inner_text()
    page.goto(link_in(read_mail(app), "/account/confirm/", to="hoa@htx-caudat.vn"))
    page.get_by_role("button", name="Xác nhận", exact=True).click()
    page.wait_for_url(re.compile(r"/studio/onboarding$"))

    # 2. The producer profile.
    page.get_by_label("Tên chủ thể (HTX, doanh nghiệp, hộ kinh doanh)").fill("HTX Cà phê Cầu Đất")
    page.get_by_label("Loại chủ thể").select_option("cooperative")
    page.get_by_label("Tỉnh, thành phố").select_option("lam-dong")
    page.get_by_label("Địa chỉ sản xuất").fill("Xã Xuân Trường, Đà Lạt")
    page.get_by_label("Mã số thuế / số đăng ký kinh doanh").fill("5801234567")
    page.get_by_label("Số điện thoại liên hệ").fill("0912345678")
    _shot(page, "1-profile")
    page.get_by_role("button", name="Tạo hồ sơ").click()
    page.wait_for_url(re.compile(r"/studio/$"))
    assert "đang chờ cán bộ xác minh" in page.locator(".status-banner").inner_text()

    # 3. A product, saved as a draft.
    page.get_by_role("link", name="Thêm sản phẩm").first.click()
    page.get_by_label("Tên sản phẩm").fill(PRODUCT)
    page.get_by_label("Nhóm sản phẩm").select_option("ca-phe-ca-cao")
    page.get_by_label("Giá bán (đồng)").fill("185.000")
    page.get_by_label("Đơn vị bán").fill("túi 500 g")
    page.get_by_label("Tồn kho").fill("40")
    page.get_by_label("Xuất xứ (vùng nguyên liệu, nơi sản xuất)").fill("Cầu Đất, Lâm Đồng")
    page.locator("#description").fill("Cà phê **Arabica** trồng ở độ cao 1.500 m, rang mộc.")
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_url(re.compile(r"/studio/products/\d+$"))

    # 4. A photo (a PNG made by Pillow), then publish.
    page.locator("input#photo").set_input_files(
        files=[{"name": "ca-phe.png", "mimeType": "image/png", "buffer": _png()}])
    page.get_by_label("Mô tả ngắn của ảnh (cho người khiếm thị)").fill("Túi cà phê Cầu Đất")
    page.get_by_role("button", name="Tải ảnh lên").click()
    page.wait_for_url(re.compile(r"/studio/products/\d+#photos$"))
    assert page.locator(".photo-grid img").count() == 1
    page.get_by_role("button", name="Đăng bán").click()
    page.wait_for_load_state()
    assert "Sản phẩm đã được đăng bán" in page.locator(".flashes").inner_text()
    assert "hồ sơ chủ thể được xác minh" in page.locator(".flashes").inner_text()
    _shot(page, "2-product")

    # 4b. Stock and price from a CSV file: a bad row blocks everything, a good file applies.
    slug = page.locator("p.help code").first.inner_text()
    edit_url = page.url.split("#")[0]
    page.get_by_role("link", name="Cập nhật tồn kho, giá").click()
    page.locator("input#file").set_input_files(files=[{
        "name": "kho.csv", "mimeType": "text/csv",
        "buffer": f"slug,price,stock\n{slug},179.000,35\nkhong-co,1000,1\n".encode()}])
    page.get_by_role("button", name="Xem trước thay đổi").click()
    assert "Không có sản phẩm mã “khong-co”" in page.locator(".csv-preview").inner_text()
    assert page.get_by_role("button", name="Áp dụng tất cả thay đổi").count() == 0
    page.locator("input#file").set_input_files(files=[{
        "name": "kho.csv", "mimeType": "text/csv", "buffer": f"slug,price,stock\n{slug},179.000,35\n".encode()}])
    page.get_by_role("button", name="Xem trước thay đổi").click()
    assert "179.000" in page.locator(".csv-preview").inner_text()
    _shot(page, "2b-stock-preview")
    page.get_by_role("button", name="Áp dụng tất cả thay đổi").click()
    page.wait_for_url(re.compile(r"/studio/products$"))
    assert "Đã cập nhật 1 sản phẩm" in page.locator(".flashes").inner_text()
    page.goto(edit_url)

    # 5. A 4-star certificate with its scan.
    page.get_by_role("link", name="Gửi chứng nhận OCOP").click()
    page.get_by_label("Hạng sao").select_option("4")
    page.get_by_label("Điểm đánh giá (trên 100)").fill("82")
    page.get_by_label("Số quyết định / số giấy chứng nhận").fill("1234/QĐ-UBND")
    page.get_by_label("Cơ quan công nhận").fill("UBND tỉnh Lâm Đồng")
    page.get_by_label("Cấp công nhận").select_option("provincial")
    page.get_by_label("Ngày quyết định", exact=True).fill((vn_today() - timedelta(days=400)).isoformat())
    page.locator("input#scan").set_input_files(
        files=[{"name": "quyet-dinh.png", "mimeType": "image/png", "buffer": _png(1000, 1400)}])
    page.get_by_role("button", name="Gửi để xác minh").click()
    page.wait_for_url(re.compile(r"/studio/certifications/\d+$"))
    assert "Chờ xác minh" in page.locator("h2").first.inner_text()
    _shot(page, "3-certificate")

    # Not public yet.
    visitor = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    visitor.goto(base + "/products")
    assert PRODUCT not in visitor.content()

    # 6. An officer, created through the services, verifies the producer and the certificate.
    from marketplace.accounts.services import register_user
    with app.app_context():
        register_user(email="canbo@ocop.gov.vn", password="mat-khau-can-bo", full_name="Trần Văn Thẩm",
                      role="officer", self_service=False)
        db.session.remove()
    officer_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    officer = officer_context.new_page()
    officer.goto(base + "/account/login")
    officer.get_by_label("Email").fill("canbo@ocop.gov.vn")
    officer.get_by_label("Mật khẩu").fill("mat-khau-can-bo")
    officer.get_by_role("button", name="Đăng nhập").click()
    open_account_menu(officer).get_by_role("link", name="Xét duyệt").click()
    officer.wait_for_url(re.compile(r"/admin/$"))
    _shot(officer, "4-review-queue")
    officer.get_by_role("link", name="HTX Cà phê Cầu Đất").click()
    officer.get_by_role("button", name="Xác minh").click()
    officer.wait_for_url(re.compile(r"/admin/$"))
    officer.get_by_role("link", name=PRODUCT).click()
    officer.locator("img[alt^='Bản chụp giấy chứng nhận']").wait_for(state="visible")  # waits for the image
    officer.get_by_role("button", name="Xác minh").click()
    officer.wait_for_url(re.compile(r"/admin/$"))
    assert "Không có hồ sơ nào đang chờ" in officer.content()
    assert "Không có chứng nhận nào đang chờ" in officer.content()
    officer.goto(base + "/admin/audit")
    assert officer.locator("code", has_text="certification.verify").count() == 1
    _shot(officer, "5-audit-log")
    officer_context.close()

    # 7. The visitor finds the product in the catalogue with its 4-star badge.
    visitor.goto(base + "/products?stars=4")
    card = visitor.locator(".product-card", has_text=PRODUCT)
    assert card.count() == 1
    assert card.locator(".badge-stars .stars").get_attribute("aria-label") == "4 sao OCOP"
    assert "179.000" in card.locator(".price").inner_text()
    card.locator("a.card-link").click()
    visitor.wait_for_url(re.compile(r"/products/[a-z0-9-]+$"))
    certificate = visitor.locator(".certificate-ok")
    assert "OCOP 4 sao" in certificate.get_by_role("heading").inner_text()
    assert "1234/QĐ-UBND" in certificate.locator(".cert-number").inner_text()
    # The uploaded photo is shown from its WebP variants, sharp at the width it is drawn.
    photo = visitor.locator(".gallery img").first.evaluate(
        "img => ({src: img.currentSrc, natural: img.naturalWidth, drawn: img.clientWidth, done: img.complete})")
    assert photo["done"] and ".webp" in photo["src"] and photo["natural"] >= photo["drawn"] > 0, photo
    _shot(visitor, "6-catalogue-badge")
    visitor.context.close()

    # The producer's dashboard no longer shows anything waiting.
    page.goto(base + "/studio/")
    assert page.locator(".status-banner").count() == 0
