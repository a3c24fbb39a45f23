"""The OCOP cycle in a real browser (Debian Chromium), from a product idea to the badge a buyer sees.

A producer registers an idea; Lâm Đồng's officer acknowledges it; the producer submits a
business plan, which is accepted; from it the producer opens a dossier for the new product
(a draft listing it then prices, illustrates and publishes), fills the checklist and sends it;
the officer finds it complete, opens a round, seats a council of three and starts scoring;
each member scores on the group's sheet (77, 78 and 79 points); the chair closes scoring
(average 78: 4 stars); the officer records the decision; a visitor sees the 4-star badge and
its provenance on the product page. Accounts, the producer and the national scoring sheet are
made through the services; everything else is done on the pages.
"""
import io
import re
import shutil

import pytest
from PIL import Image

from marketplace.accounts.services import assign_province, register_user
from marketplace.catalog.services import create_producer, find_province
from marketplace.cycle.demo import SHEET, points_for
from marketplace.cycle.services import sheets
from marketplace.extensions import db
from tests.e2e.conftest import screenshot, serve

pytestmark = pytest.mark.e2e
PASSWORD = "mat-khau-e2e-123"
PRODUCT = "Cà phê Arabica mật ong Cầu Đất"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
SCORES = {"chu-tich@example.vn": (31, 20, 26), "thanh-vien-a@example.vn": (31, 20, 27),
          "thanh-vien-b@example.vn": (31, 20, 28)}


@pytest.fixture
def cycle_server(tmp_path, sqlite_template):
    """The app on a copy of the migrated template, on a free port, with the people of the story."""
    shutil.copyfile(sqlite_template, tmp_path / "live.sqlite3")
    with serve(tmp_path / "live.sqlite3", tmp_path / "media", PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
               MAIL_DIR=str(tmp_path / "mail")) as (base, app):
        with app.app_context():
            def person(email, name, role="consumer"):
                return register_user(email=email, password=PASSWORD, full_name=name, role=role, self_service=False)
            national = person("trung-uong@example.vn", "Cán bộ Trung ương", "officer")
            assign_province(person("canbo@lamdong.gov.vn", "Cán bộ OCOP Lâm Đồng", "officer"),
                            find_province("lam-dong"))
            owner = person("hoa@htx-caudat.vn", "Nguyễn Thị Hoa", "producer")
            create_producer(name="HTX Cà phê Cầu Đất", kind="cooperative", province=find_province("lam-dong"),
                            address="Xã Xuân Trường", tax_code="5801234567", verified=True, owner=owner)
            for email, name in (("chu-tich@example.vn", "Trần Văn Minh"), ("thanh-vien-a@example.vn", "Lê Thị Hạnh"),
                                ("thanh-vien-b@example.vn", "Phạm Quốc Bảo")):
                person(email, name)
            specs, name = sheets.parse(SHEET.read_bytes(), SHEET.name)
            sheets.import_sheet(national, group_code=2, name=name, specs=specs)
            db.session.remove()
        yield base, app


def _png():
    image = Image.new("RGB", (800, 600), (111, 78, 55))
    for x in range(0, 800, 40):
        image.paste((160, 120, 80), (x, 0, x + 20, 600))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _shot(page, name):
    screenshot(page, f"cycle-{name}")


def _sign_in(browser, base, email, wide=False):
    context = browser.new_context(viewport={"width": 1280, "height": 900} if wide else {"width": 390, "height": 844},
                                  locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(base + "/account/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main form input[type=submit]")
    page.wait_for_url(re.compile(r"/(studio/.*)?$"))
    return page


def _flash(page):
    return page.locator(".flashes").inner_text()


def test_from_an_idea_to_a_four_star_badge_with_its_provenance(cycle_server, browser):
    base, app = cycle_server
    producer = _sign_in(browser, base, "hoa@htx-caudat.vn")
    officer = _sign_in(browser, base, "canbo@lamdong.gov.vn", wide=True)

    # 1. The producer registers an idea from the studio.
    producer.goto(base + "/studio/")
    producer.get_by_role("link", name="Chu trình OCOP: ý tưởng, hồ sơ, kết quả").click()
    producer.get_by_role("link", name="Đăng ký ý tưởng sản phẩm").first.click()
    producer.get_by_label("Tên sản phẩm dự kiến").fill(PRODUCT)
    producer.get_by_label("Nhóm sản phẩm OCOP").select_option("ca-phe-ca-cao")
    producer.get_by_label("Nét riêng của địa phương").fill("Sơ chế mật ong ở độ cao 1.650 m, Cầu Đất.")
    producer.get_by_label("Nguyên liệu chính và nơi lấy nguyên liệu").fill("Arabica của 30 hộ ở Xuân Trường.")
    producer.get_by_role("button", name="Gửi ý tưởng cho tỉnh").click()
    producer.wait_for_url(re.compile(r"/studio/ocop/ideas/\d+$"))
    idea_url = producer.url

    # 2. The officer acknowledges it from the cycle's dashboard.
    officer.goto(base + "/admin/ocop/")
    officer.get_by_role("link", name=re.compile("ý tưởng chờ xem xét")).click()
    officer.get_by_role("link", name=PRODUCT).click()
    officer.get_by_role("button", name="Tiếp nhận", exact=True).click()
    assert "Đã ghi quyết định" in _flash(officer)

    # 3. The business plan, with a document; the officer accepts it.
    producer.goto(idea_url)
    producer.get_by_role("link", name="Gửi phương án sản xuất kinh doanh").click()
    producer.locator("#body").fill("## Thị trường\nQuán cà phê đặc sản Đà Lạt.\n\n## Sản xuất\n2 tấn mỗi năm.")
    producer.get_by_label("Tên tài liệu kèm theo (nếu có)").fill("Thuyết minh phương án")
    producer.locator("input#document").set_input_files(
        files=[{"name": "phuong-an.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    producer.get_by_role("button", name="Gửi phương án").click()
    producer.wait_for_url(re.compile(r"/studio/ocop/plans/\d+$"))
    officer.goto(base + "/admin/ocop/plans?status=submitted")
    officer.get_by_role("link", name=PRODUCT).click()
    assert officer.get_by_role("link", name="Thuyết minh phương án").count() == 1
    officer.get_by_role("button", name="Chấp thuận phương án").click()
    _shot(officer, "1-plan-accepted")

    # 4. A dossier for the new product: the draft listing is priced, illustrated and published.
    producer.goto(base + "/studio/ocop/dossiers/new")
    producer.get_by_label("Hồ sơ cho sản phẩm").select_option(label=PRODUCT)
    producer.get_by_label("Đơn vị bán (với sản phẩm mới)").fill("túi 250 g")
    producer.get_by_role("button", name="Lập hồ sơ").click()
    producer.wait_for_url(re.compile(r"/studio/ocop/dossiers/\d+$"))
    dossier_url = producer.url
    rows = producer.locator("table.dossier-items tbody tr")
    for index in range(rows.count()):
        row = producer.locator("table.dossier-items tbody tr").nth(index)
        row.locator("input[type=file]").set_input_files(
            files=[{"name": f"tai-lieu-{index}.pdf", "mimeType": "application/pdf", "buffer": PDF}])
        row.get_by_role("button", name="Tải lên").click()
        producer.wait_for_url(re.compile(r"/studio/ocop/dossiers/\d+#item-\d+$"))
    _shot(producer, "2-dossier")
    producer.goto(base + "/studio/products")
    producer.get_by_role("link", name=PRODUCT).click()
    producer.get_by_label("Giá bán (đồng)").fill("165.000")
    producer.get_by_role("button", name="Lưu sản phẩm").click()
    producer.locator("input#photo").set_input_files(
        files=[{"name": "ca-phe.png", "mimeType": "image/png", "buffer": _png()}])
    producer.get_by_role("button", name="Tải ảnh lên").click()
    producer.get_by_role("button", name="Đăng bán").click()
    assert "Sản phẩm đã được đăng bán" in _flash(producer)
    producer.goto(dossier_url)
    producer.get_by_role("button", name="Gửi hồ sơ cho tỉnh").click()
    assert "Đã gửi hồ sơ cho tỉnh kiểm tra" in _flash(producer)

    # 5. The officer finds it complete, opens a round and seats a council of three.
    officer.goto(base + "/admin/ocop/dossiers?status=submitted")
    officer.get_by_role("link", name=PRODUCT).click()
    officer.get_by_role("button", name="Xác nhận hồ sơ đầy đủ").click()
    assert "Hồ sơ đã đầy đủ" in _flash(officer)
    officer.goto(base + "/admin/ocop/rounds")
    officer.get_by_label("Tên đợt đánh giá").fill("Đợt 2 năm nay")
    officer.get_by_role("button", name="Mở đợt đánh giá").click()
    officer.wait_for_url(re.compile(r"/admin/ocop/rounds/\d+$"))
    round_url = officer.url
    for email in SCORES:
        officer.get_by_label("Email tài khoản của thành viên").fill(email)
        officer.get_by_label("Vai trò").select_option("chair" if email.startswith("chu-tich") else "member")
        officer.get_by_role("button", name="Thêm vào hội đồng").click()
        assert "Đã thêm thành viên hội đồng" in _flash(officer)
    officer.get_by_label(re.compile(PRODUCT)).check()
    officer.get_by_role("button", name="Đưa vào đợt đánh giá").click()
    officer.get_by_role("button", name="Bắt đầu chấm điểm").click()
    assert "Đã mở chấm điểm" in _flash(officer)

    # 6. Each member scores on the sheet; nobody sees the others' scores before the chair closes.
    from marketplace.cycle.models import RoundEntry
    with app.app_context():
        entry = db.session.execute(db.select(RoundEntry)).scalar_one()
        criteria = [(c.id, c.part, c.max_points) for c in entry.sheet.criteria]
        db.session.remove()
    sheet = type("Sheet", (), {"criteria": [type("C", (), {"id": i, "part": p, "max_points": m})
                                            for i, p, m in criteria]})
    members = {}
    for email, (a, b, c) in SCORES.items():
        member = members[email] = _sign_in(browser, base, email)
        member.goto(base + "/ocop/council/")
        member.get_by_role("link", name="Đợt 2 năm nay").click()
        assert "Lê Thị Hạnh: 78" not in member.content()
        member.get_by_role("link", name=PRODUCT).click()
        for criterion_id, points in points_for(sheet, {"A": a, "B": b, "C": c}).items():
            member.locator(f"input[name=c{criterion_id}]").fill(str(points))
        member.get_by_label(re.compile("Nhận xét")).fill("Hương vị rõ, bao bì cần mã truy xuất.")
        member.get_by_role("button", name="Lưu phiếu chấm").click()
        assert "Đã lưu phiếu chấm" in _flash(member)
        assert f"{a + b + c}/100" in member.locator("table.council-entries").inner_text()
    chair = members["chu-tich@example.vn"]
    chair.reload()
    chair.get_by_role("button", name="Kết thúc chấm điểm").click()
    assert "Đã kết thúc chấm điểm" in _flash(chair)
    results = chair.locator("table.council-entries").inner_text()
    assert "Điểm trung bình 78/100" in results and "A 31, B 20, C 27" in results and "hạng 4 sao" in results
    assert "Lê Thị Hạnh: 78" in results  # now every member's score is shown
    _shot(chair, "3-scores-closed")

    # 7. The decision; the product page shows the badge and where it comes from.
    officer.goto(round_url)
    assert officer.locator("tr[data-entry] td.average").inner_text() == "78"
    officer.get_by_label("Số quyết định").fill("2468/QĐ-UBND")
    officer.get_by_label("Ngày quyết định").fill(officer.evaluate("new Date().toLocaleDateString('sv-SE', "
                                                                  "{timeZone: 'Asia/Ho_Chi_Minh'})"))
    officer.get_by_label("Người ký").fill("Phó Chủ tịch UBND tỉnh")
    officer.get_by_role("button", name="Ghi quyết định công nhận").click()
    assert "Đã ghi quyết định công nhận" in _flash(officer)
    _shot(officer, "4-decision")

    visitor = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    visitor.goto(base + "/products?q=" + "mat ong cau dat")
    visitor.get_by_role("link", name=re.compile(PRODUCT)).first.click()
    certificate = visitor.locator(".certificate-ok")
    assert "Sản phẩm OCOP 4 sao" in certificate.get_by_role("heading").inner_text()
    assert "2468/QĐ-UBND" in certificate.locator(".cert-number").inner_text()
    provenance = " ".join(certificate.locator(".provenance").inner_text().split())
    assert provenance == "Hội đồng tỉnh Lâm Đồng, Đợt 2 năm nay, điểm trung bình 78/100: A 31, B 20, C 27."
    _shot(visitor, "5-badge-provenance")

    # 8. The QR link beside the badge opens the public verify page: valid, with the same provenance.
    product_url = visitor.url
    visitor.locator("a[data-verify-link]").click()
    visitor.wait_for_url("**/ocop/verify/**")
    verify_url = visitor.url
    assert "Còn hiệu lực" in visitor.locator(".verify-state").inner_text()
    assert "điểm trung bình 78/100" in " ".join(visitor.locator("main").inner_text().split())
    _shot(visitor, "6-verify-valid")

    # 9. A post-inspection revokes it (the officer, on the page); the same QR page now says so,
    #    and the product page no longer shows the badge.
    from marketplace.catalog.models import Certification
    with app.app_context():
        certification_id = db.session.execute(db.select(Certification.id).where(
            Certification.number == "2468/QĐ-UBND")).scalar_one()
        db.session.remove()
    officer.goto(f"{base}/programme/inspections/new/{certification_id}")
    officer.get_by_label("Ngày hậu kiểm").fill(officer.evaluate(
        "new Date().toLocaleDateString('sv-SE', {timeZone: 'Asia/Ho_Chi_Minh'})"))
    officer.get_by_label("Thu hồi chứng nhận").check()
    officer.get_by_label(re.compile("Nhận xét, phát hiện")).fill("Không còn sản xuất theo hồ sơ đã đánh giá.")
    officer.get_by_label("Số quyết định hạ hạng hoặc thu hồi").fill("99/QĐ-UBND")
    officer.get_by_role("button", name="Ghi kết quả").click()
    officer.wait_for_url("**/programme/inspections**")
    visitor.goto(verify_url)
    assert "Đã bị thu hồi" in visitor.locator(".verify-state").inner_text()
    _shot(visitor, "7-verify-revoked")
    visitor.goto(product_url)
    assert visitor.locator(".certificate-ok").count() == 0 and visitor.locator("a[data-verify-link]").count() == 0
    for page in [producer, officer, visitor, *members.values()]:
        page.context.close()
