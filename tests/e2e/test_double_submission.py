"""A double tap on "Đặt hàng" in Chromium: the button is disabled while the order is being
placed (static/js/submit-once.js), and one order is placed."""
import pytest

from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.e2e.test_checkout import _add_to_cart, _fill_checkout, _two_products_of_two_producers

pytestmark = pytest.mark.e2e


def _orders_of(app, email):
    with app.app_context():
        count = db.session.query(Order).filter_by(email=email).count()
        db.session.remove()
    return count


def test_the_place_order_button_is_disabled_while_the_order_is_placed(live_server, page):
    base, app = live_server
    email = "hai.lan.bam@example.vn"
    first, _second = _two_products_of_two_producers(app)
    _add_to_cart(page, base, first)
    page.get_by_role("link", name="Đặt hàng").click()
    _fill_checkout(page, "Ngô Văn Bấm", "0912 000 111", email)
    page.get_by_label("Thanh toán khi nhận hàng (COD)").check()

    # The answer opens in a new tab (the site may not be framed), so that this page, its button
    # and its script stay to be looked at.
    page.evaluate("document.getElementById('checkout-form').target = '_blank'")
    button = page.locator("#place-order")
    with page.context.expect_page() as opened:
        button.click(no_wait_after=True)
        page.wait_for_function("document.getElementById('place-order').disabled", polling=100)
        button.click(force=True, no_wait_after=True)  # the second tap: a disabled button sends nothing
    answer = opened.value
    answer.wait_for_url(f"{base}/orders/OCOP*")
    assert answer.get_by_text("Đã đặt hàng. Mã đơn hàng của bạn là").is_visible()
    assert button.is_disabled()  # still, until the page changes (or 15 s, should the network fail)
    page.wait_for_timeout(500)
    assert len(page.context.pages) == 2  # the second tap opened nothing
    assert _orders_of(app, email) == 1


def test_the_form_still_works_without_javascript(browser, live_server):
    """No script at all: the token travels as a plain hidden field and the order is placed."""
    base, app = live_server
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    try:
        email = "khong.js@example.vn"
        first, _second = _two_products_of_two_producers(app)
        _add_to_cart(page, base, first)
        page.goto(f"{base}/checkout")
        page.get_by_label("Họ tên người nhận").fill("Đỗ Không Script")
        page.get_by_label("Số điện thoại").fill("0912 000 222")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Tỉnh, thành phố").select_option("ha-noi")
        page.get_by_label("Phường, xã").fill("Phường Hoàn Kiếm")
        page.get_by_label("Số nhà, đường, thôn/ấp").fill("5 Tràng Tiền")
        page.get_by_role("button", name="Tính phí giao hàng").click()  # without script, the button does it
        page.get_by_label("Thanh toán khi nhận hàng (COD)").check()
        page.locator("#place-order").click()
        page.wait_for_url(f"{base}/orders/OCOP*")
        assert _orders_of(app, email) == 1
    finally:
        context.close()
