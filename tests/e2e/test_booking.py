"""A tourism service booked on a phone, and a checkout done with the keyboard alone, in Chromium.

A homestay of the demo catalogue (OCOP group 6) is booked at 390×844 for two nights a week
ahead: the page never asks for an address nor charges shipping, the order holds a booking
for those nights and no parcel. Then a buyer at 1366×900 puts a product in the cart and
orders it with Tab, arrow keys and Enter only: every focused control shows it has the focus,
a refused form moves the focus to its error summary whose links lead into the fields, and
choosing the province updates the fee in place (the page stays, and so does the focus).
"""
import shutil
from datetime import timedelta

import pytest

from marketplace.catalog.models import Category, Producer, Product, ProductStatus
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.orders.models import Booking, Order
from tests.e2e.conftest import screenshot, serve

pytestmark = pytest.mark.e2e


@pytest.fixture
def own_server(tmp_path, demo_template):
    """The app on this test's own copy of the demo catalogue (the bookings it makes stay here)."""
    shutil.copyfile(demo_template["path"], tmp_path / "booking.sqlite3")
    with serve(tmp_path / "booking.sqlite3", demo_template["media"], MAIL_DIR=str(tmp_path / "mail")) as served:
        yield served


def _public(app, *where):
    with app.app_context():
        row = db.session.execute(
            db.select(Product.id, Product.slug, Product.name).join(Product.producer).join(Product.category)
            .where(Product.status == ProductStatus.ACTIVE, Producer.verified.is_(True), Product.stock >= 4, *where)
            .order_by(Product.id)).first()
        db.session.remove()
    assert row is not None
    return row


def _no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_homestay_is_booked_for_two_nights_on_a_phone(own_server, page):
    base, app = own_server
    stay = _public(app, Category.slug == "du-lich-cong-dong-homestay")
    arrive = vn_today() + timedelta(days=7)
    page.goto(f"{base}/products/{stay.slug}")
    _no_sideways_scrolling(page)
    assert page.get_by_role("button", name="Thêm vào giỏ hàng").count() == 0  # a stay is not a parcel
    page.get_by_label("Ngày nhận phòng").fill(arrive.isoformat())
    page.get_by_label("Ngày trả phòng").fill((arrive + timedelta(days=2)).isoformat())
    page.get_by_label("Số người").fill("2")
    screenshot(page, "booking-product-390")
    page.get_by_role("button", name="Đặt chỗ").click()
    page.wait_for_url(f"{base}/cart")
    line = page.locator(".booking-line")
    assert line.count() == 1 and arrive.strftime("%d/%m/%Y") in line.inner_text()
    page.get_by_role("link", name="Đặt hàng").click()
    page.wait_for_url(f"{base}/checkout")
    assert page.get_by_label("Tỉnh, thành phố").count() == 0 and page.get_by_label("Phường, xã").count() == 0
    assert page.get_by_text("không cần địa chỉ giao hàng").is_visible()
    assert page.locator(".shipping-total").count() == 0
    _no_sideways_scrolling(page)
    page.get_by_label("Họ tên người nhận").fill("Phạm Thị Du Khách")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Email").fill("du.khach.e2e@example.vn")
    page.locator("input[name=payment_method]").first.check()
    screenshot(page, "booking-checkout-390")
    page.locator("#place-order").click()
    page.wait_for_url(f"{base}/orders/OCOP*")
    _no_sideways_scrolling(page)
    reference = page.url.rsplit("/", 1)[1]
    with app.app_context():
        order = db.session.execute(db.select(Order).where(Order.reference == reference)).scalar_one()
        booking = db.session.execute(db.select(Booking).where(Booking.order_id == order.id)).scalar_one()
        assert (booking.product_id, booking.starts_on, booking.people) == (stay.id, arrive, 2)
        assert booking.ends_on == arrive + timedelta(days=2)
        assert order.shipments == [] and order.shipping_total == 0
        db.session.remove()


FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
}"""


def _tab_to(page, selector, limit=120):
    """Press Tab until `selector` has the focus; every control passed on the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_SHOWN), page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _focused(page, selector):
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def test_checkout_with_the_keyboard_alone(own_server, page):
    page.set_viewport_size({"width": 1366, "height": 900})  # a desktop, where people use the keyboard
    base, app = own_server
    tea = _public(app, Category.slug != "du-lich-cong-dong-homestay", Product.price < 2_000_000)
    page.goto(f"{base}/products/{tea.slug}")
    _tab_to(page, ".add-to-cart button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/cart")
    _tab_to(page, "a[href='/checkout']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/checkout")

    _tab_to(page, "#place-order")  # nothing typed yet
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/checkout")
    page.locator(".error-summary").wait_for(state="visible")
    assert _focused(page, ".error-summary") and page.evaluate(FOCUS_SHOWN)
    summary = page.locator(".error-summary").inner_text()
    assert "Vui lòng nhập họ tên." in summary and "Vui lòng nhập số điện thoại." in summary
    screenshot(page, "checkout-error-summary-1366")
    page.keyboard.press("Tab")
    assert _focused(page, ".error-summary a[href='#name']")
    page.keyboard.press("Enter")  # the link leads into its field
    assert _focused(page, "#name")
    page.keyboard.type("Đỗ Bàn Phím")
    page.keyboard.press("Tab")
    assert _focused(page, "#phone") and page.get_attribute("#phone", "type") == "tel"
    page.keyboard.type("0912345678")
    page.keyboard.press("Tab")
    assert _focused(page, "#email") and page.get_attribute("#email", "type") == "email"
    page.keyboard.type("ban.phim.e2e@example.vn")
    _tab_to(page, "#province")
    address = page.url
    page.keyboard.press("ArrowDown")  # one arrow press chooses a province: no reload, focus stays (WCAG 3.2.2)
    if not page.locator("#province").input_value():
        page.keyboard.press("ArrowDown")
    page.locator(".grand-total strong").wait_for(state="visible")
    assert page.url == address and _focused(page, "#province")
    assert page.locator("#fee-status").inner_text()  # the new total is announced
    _tab_to(page, "#ward")
    page.keyboard.type("Phường Bến Nghé")
    page.keyboard.press("Tab")
    assert _focused(page, "#street")
    page.keyboard.type("1 Lê Lợi")
    _tab_to(page, "input[name=payment_method]")
    for _ in range(5):  # arrow keys move through the choices and check them
        if page.evaluate("document.activeElement.value") == "cod":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.locator("input[name=payment_method][value=cod]").is_checked()
    _tab_to(page, "#place-order")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/orders/OCOP*")
    assert page.get_by_text("Đã đặt hàng. Mã đơn hàng của bạn là").is_visible()
    reference = page.url.rsplit("/", 1)[1]
    with app.app_context():
        order = db.session.execute(db.select(Order).where(Order.reference == reference)).scalar_one()
        assert order.contact_name == "Đỗ Bàn Phím" and order.street == "1 Lê Lợi" and order.shipping_total > 0
        db.session.remove()
