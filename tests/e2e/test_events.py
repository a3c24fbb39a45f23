"""A provincial trade fair end to end in Chromium: an organizer publishes a fair, a
producer applies with two products, the organizer accepts, a visitor registers and
gets a ticket, staff check the ticket in once and are refused the second time.

The live server runs on an empty catalogue (reference data only) with the records
this test creates through services; screenshots go where tests/e2e/conftest.py says.
"""
import re
import shutil
from datetime import timedelta

import pytest

from marketplace.core.timeutil import vn_today
from marketplace.extensions import db as _db
from tests.e2e.conftest import screenshot, serve

pytestmark = pytest.mark.e2e
PASSWORD = "mat-khau-e2e-123"


@pytest.fixture(scope="module")
def live_app(sqlite_template, tmp_path_factory):
    """The app on an empty catalogue (reference data only), served on a free port."""
    base = tmp_path_factory.mktemp("events-e2e")
    shutil.copyfile(sqlite_template, base / "db.sqlite3")
    with serve(base / "db.sqlite3", base / "media", MAIL_DIR=str(base / "mail")) as (url, app):
        app.config["LIVE_URL"] = url
        yield app


@pytest.fixture(scope="module")
def people(live_app):
    """An organizer, and a verified cooperative with a member and two products on sale."""
    from marketplace.accounts.services import register_user
    from marketplace.catalog.models import ProducerMember
    from marketplace.catalog.services import create_producer, create_product, find_category, find_province
    with live_app.app_context():
        organizer = register_user(email="btc@example.vn", password=PASSWORD, full_name="Sở Công Thương Thái Nguyên",
                                  role="organizer", self_service=False)
        member = register_user(email="htx@example.vn", password=PASSWORD, full_name="Chủ nhiệm HTX",
                               role="producer", self_service=False)
        producer = create_producer(name="HTX Chè Tân Cương", kind="cooperative",
                                   province=find_province("TNG"), address="Xã Tân Cương", verified=True)
        _db.session.add(ProducerMember(producer=producer, user=member, is_owner=True))
        for name in ("Chè búp Tân Cương", "Trà móc câu đặc biệt"):
            create_product(producer=producer, category=find_category("do-uong"),
                           name=name, price=250_000, unit="hộp 200 g", stock=50, status="active")
        _db.session.commit()
        _db.session.remove()
    return {"organizer": "btc@example.vn", "member": "htx@example.vn"}


def _shot(page, name):
    screenshot(page, f"events-{name}")


def _signed_in(browser, base, email):
    context = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto("/account/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main form input[type=submit]")
    page.wait_for_url(re.compile(r"/$"))
    return page


def test_a_provincial_fair_from_publishing_to_the_door(live_app, people, browser):
    base = live_app.config["LIVE_URL"]

    # 1. The organizer creates the fair (local times) and publishes it.
    organizer = _signed_in(browser, base, people["organizer"])
    organizer.goto("/organizer/events/new")
    organizer.select_option("#kind", "fair")
    organizer.fill("#title", "Hội chợ OCOP Thái Nguyên")
    organizer.fill("#venue", "Quảng trường 20/8")
    organizer.fill("#address", "Đường Hoàng Văn Thụ, phường Phan Đình Phùng")
    organizer.select_option("#province", label="Thái Nguyên")
    opens = vn_today() + timedelta(days=60)  # typed in Vietnam's time, as the organizer would
    organizer.fill("#starts_at", f"{opens.isoformat()}T08:00")
    organizer.fill("#ends_at", f"{(opens + timedelta(days=3)).isoformat()}T21:00")
    organizer.fill("#booth_count", "2")
    organizer.fill("#visitor_capacity", "100")
    organizer.click("input[type=submit][value='Lưu sự kiện']")
    organizer.wait_for_url(re.compile(r"/organizer/events/\d+$"))
    manage_url = organizer.url
    organizer.click("button:has-text('Công bố')")
    organizer.wait_for_selector("text=Sự kiện: Đã công bố.")
    _shot(organizer, "1-organizer-published")

    # 2. The producer applies with its two products.
    producer = _signed_in(browser, base, people["member"])
    producer.goto("/events")
    producer.click("text=Hội chợ OCOP Thái Nguyên")
    producer.locator("main").get_by_role("link", name="Đăng ký gian hàng").first.click()
    producer.check("text=Chè búp Tân Cương")
    producer.check("text=Trà móc câu đặc biệt")
    producer.check("#needs_power")
    producer.click("input[type=submit][value='Gửi đơn đăng ký']")
    producer.wait_for_selector("text=Đã gửi đơn đăng ký gian hàng")
    assert producer.is_visible("td:has-text('Chờ xét duyệt')")
    _shot(producer, "2-producer-applied")

    # 3. The organizer accepts: booth 1.
    organizer.goto(manage_url)
    organizer.click("button:has-text('Chấp nhận')")
    organizer.wait_for_selector("text=HTX Chè Tân Cương: Được chấp nhận.")
    row = organizer.locator("tr", has_text="HTX Chè Tân Cương")
    assert "Được chấp nhận" in row.inner_text() and row.locator("td").nth(4).inner_text().strip() == "1"
    _shot(organizer, "3-organizer-accepted")

    # 4. A visitor (not signed in) registers and gets a ticket with a QR code.
    visitor = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 420, "height": 900}).new_page()
    visitor.goto("/events")
    visitor.click("text=Hội chợ OCOP Thái Nguyên")
    assert visitor.is_visible("text=HTX Chè Tân Cương") and visitor.is_visible("text=Trà móc câu đặc biệt")
    visitor.click("a:has-text('Đăng ký tham quan')")
    visitor.fill("#name", "Đỗ Minh Khang")
    visitor.fill("#email", "khang@example.vn")
    visitor.click("input[type=submit][value='Đăng ký tham quan']")
    visitor.wait_for_url(re.compile(r"/tickets/[0-9A-Z]{12}$"))
    qr = visitor.locator("img.ticket-qr")
    qr.wait_for()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 100")
    code = visitor.locator(".ticket-code code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    _shot(visitor, "4-visitor-ticket")

    # 5. Staff type the code at the door: in once, refused the second time with the first time shown.
    event_id = manage_url.rstrip("/").rsplit("/", 1)[1]
    organizer.goto(f"/organizer/events/{event_id}/checkin")
    organizer.fill("#code", code.lower())
    organizer.click("input[type=submit][value='Check-in']")
    ok = organizer.locator(".checkin-ok")
    ok.wait_for()
    assert "Đỗ Minh Khang" in ok.inner_text()
    first_time = re.search(r"\d{1,2}:\d{2}:\d{2}", ok.inner_text()).group(0)
    _shot(organizer, "5-checked-in")
    organizer.fill("#code", code)
    organizer.click("input[type=submit][value='Check-in']")
    refused = organizer.locator(".checkin-refused")
    refused.wait_for()
    assert "đã check-in lúc" in refused.inner_text() and first_time in refused.inner_text()
    _shot(organizer, "6-second-check-in-refused")
