"""Buying, in Chromium: a guest pays cash on delivery for products of two producers;
a signed-in buyer pays by card against localstripe (its fake Stripe.js, 3-D Secure)
and the order becomes paid when localstripe's signed webhook arrives."""
import shutil

import pytest
from sqlalchemy import func

from marketplace.catalog.models import Producer, Product, ProductStatus
from marketplace.extensions import db
from marketplace.orders.models import Order, PaymentStatus
from tests.conftest import STRIPE_TEST_SETTINGS, register_webhook
from tests.e2e.conftest import screenshot, serve

pytestmark = pytest.mark.e2e


def _two_products_of_two_producers(app):
    """Two public products in stock, of two producers (the demo catalogue has many)."""
    with app.app_context():
        rows = db.session.execute(
            db.select(Product.slug, Product.name, Product.producer_id).join(Product.producer)
            .where(Product.status == ProductStatus.ACTIVE, Producer.verified.is_(True), Product.stock >= 5)
            .order_by(Product.stock.desc(), Product.id)).all()
        db.session.remove()
    first = rows[0]
    second = next(row for row in rows if row.producer_id != first.producer_id)
    return first, second


def _add_to_cart(page, base, product):
    page.goto(f"{base}/products/{product.slug}")
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()
    page.wait_for_url(f"{base}/cart")


def _fill_checkout(page, name, phone, email):
    page.get_by_label("Họ tên người nhận").fill(name)
    page.get_by_label("Số điện thoại").fill(phone)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Phường, xã").fill("Phường Hoàn Kiếm")
    page.get_by_label("Số nhà, đường, thôn/ấp").fill("5 Tràng Tiền")
    address = page.url
    page.get_by_label("Tỉnh, thành phố").select_option("ha-noi")  # the script recalculates shipping in place
    page.locator(".grand-total strong").wait_for(state="visible")
    assert page.url == address and page.get_by_label("Phường, xã").input_value() == "Phường Hoàn Kiếm"


def test_guest_buys_from_two_producers_with_cash_on_delivery(live_server, page):
    base, app = live_server
    first, second = _two_products_of_two_producers(app)
    _add_to_cart(page, base, first)
    _add_to_cart(page, base, second)
    assert page.locator(".parcel").count() == 2
    page.get_by_role("link", name="Đặt hàng").click()
    _fill_checkout(page, "Lê Văn Khách", "0987 654 321", "khach.e2e@example.vn")
    page.get_by_label("Thanh toán khi nhận hàng (COD)").check()
    page.locator("#place-order").click()
    page.wait_for_url(f"{base}/orders/OCOP*")
    assert page.get_by_text("Đã đặt hàng. Mã đơn hàng của bạn là").is_visible()
    assert page.locator("article.shipment").count() == 2
    assert page.get_by_text("Thanh toán khi nhận hàng (COD)").is_visible()
    for product in (first, second):
        assert page.get_by_text(product.name, exact=False).first.is_visible()
    reference = page.url.rsplit("/", 1)[1]
    with app.app_context():
        order = db.session.execute(db.select(Order).where(Order.reference == reference)).scalar_one()
        assert order.user_id is None and len(order.shipments) == 2
        db.session.remove()


@pytest.fixture
def card_server(tmp_path, demo_template, localstripe):
    """The app with Stripe keys against localstripe, serving its fake Stripe.js, with the webhook registered."""
    shutil.copyfile(demo_template["path"], tmp_path / "card.sqlite3")
    with serve(tmp_path / "card.sqlite3", demo_template["media"], MAIL_DIR=str(tmp_path / "mail"),
               STRIPE_API_BASE=localstripe, STRIPE_JS_URL=f"{localstripe}/js.stripe.com/v3/",
               **STRIPE_TEST_SETTINGS) as (base, app):
        register_webhook(localstripe, f"{base}/payments/stripe/webhook", STRIPE_TEST_SETTINGS["STRIPE_WEBHOOK_SECRET"],
                         name=f"e2e-{tmp_path.name}")
        yield base, app


def pay_by_card(page, base, app, email, name, phone="0912345678"):
    """A new buyer signs in, orders one product by card and pays through Stripe.js with 3-D Secure,
    until the order page reads paid (localstripe's webhook); returns the order's reference."""
    from marketplace.accounts.services import register_user
    with app.app_context():
        register_user(email=email, password="mat-khau-123", full_name=name, phone=phone)
        db.session.remove()
    first, _second = _two_products_of_two_producers(app)
    page.goto(f"{base}/account/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill("mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()
    _add_to_cart(page, base, first)
    page.get_by_role("link", name="Đặt hàng").click()
    _fill_checkout(page, name, phone, email)
    page.get_by_label("Thẻ ngân hàng (Visa, Mastercard…)").check()
    page.locator("#place-order").click()
    page.wait_for_url(f"{base}/orders/OCOP*")
    reference = page.url.rsplit("/", 1)[1]
    assert page.locator("#payment-status").inner_text().strip() == "Chưa thanh toán"
    # localstripe's fake card element: plain inputs named by their placeholders.
    card = page.locator("#card-element")
    card.get_by_placeholder("number").fill("4000000000003220")
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("30")
    card.get_by_placeholder("cvc").fill("123")
    page.locator("#pay-button").click()
    page.get_by_role("button", name="Complete authentication").click()  # 3-D Secure, as the bank would ask
    page.wait_for_url(f"{base}/orders/{reference}")
    page.locator("#payment-status", has_text="Đã thanh toán").wait_for(timeout=30_000)
    return reference


def test_signed_in_buyer_pays_by_card_and_the_webhook_marks_it_paid(card_server, page):
    base, app = card_server
    reference = pay_by_card(page, base, app, "the.card.buyer@example.vn", "Phạm Thẻ")
    screenshot(page, "checkout-card-paid")
    with app.app_context():
        order = db.session.execute(db.select(Order).where(Order.reference == reference)).scalar_one()
        assert order.payment_status == PaymentStatus.PAID and order.user.email == "the.card.buyer@example.vn"
        assert db.session.execute(db.select(func.count()).select_from(Order)).scalar_one() >= 1
        db.session.remove()
