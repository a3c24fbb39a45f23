"""Supply–demand matching end to end in Chromium: a business buyer signs up, posts a demand,
sees the ranked offers with their reasons and asks to connect; the producer accepts; both
now see each other's contacts, which neither saw before.

The live server runs on a copy of the demo catalogue; the producer (a demo cooperative with
a certified listing, an account and an open offer) is set up through the services.
"""
import re
import shutil
from datetime import timedelta

import pytest

from marketplace.extensions import db as _db
from tests.conftest import link_in, read_mail
from tests.e2e.conftest import screenshot, serve

pytestmark = pytest.mark.e2e
PASSWORD = "mat-khau-e2e-123"
BUYER_PHONE, BUYER_EMAIL = "0987001122", "thumua@sieuthisen.vn"


@pytest.fixture(scope="module")
def live_app(demo_template, tmp_path_factory):
    base = tmp_path_factory.mktemp("matching-e2e")
    shutil.copyfile(demo_template["path"], base / "db.sqlite3")
    with serve(base / "db.sqlite3", demo_template["media"], MAIL_DIR=str(base / "mail"),
               OUTBOX_DRAIN_AFTER_REQUEST=True) as (url, app):
        app.config["LIVE_URL"] = url
        yield app


@pytest.fixture(scope="module")
def seller(live_app):
    """A demo producer with a 4- or 5-star listing, a member account and an open offer of it."""
    from marketplace.accounts.services import register_user
    from marketplace.catalog.models import Producer, ProducerMember, Product
    from marketplace.catalog.queries import public_products_clause
    from marketplace.catalog.rating import badge_for
    from marketplace.core import outbox
    from marketplace.core.timeutil import vn_today
    from marketplace.matching.services.posts import create_offer
    today = vn_today()
    with live_app.app_context():
        products = _db.session.execute(_db.select(Product).join(Product.producer).where(
            public_products_clause(), Producer.phone.is_not(None), Producer.email.is_not(None))
            .order_by(Product.id)).scalars().all()
        product = next(p for p in products if (badge_for(p, today).stars or 0) >= 4
                       and p.category.parent_id is not None)
        producer = product.producer
        user = register_user(email="chu-the@example.vn", password=PASSWORD, full_name="Chủ thể OCOP",
                             role="producer", self_service=False)
        _db.session.add(ProducerMember(producer=producer, user=user, is_owner=True))
        _db.session.commit()
        offer = create_offer(user, producer, today=today, title=product.name, category=product.category,
                             product=product, quantity=2000, unit="hop", price_min=int(product.price * 0.8),
                             expires_on=today + timedelta(days=60), delivers_nationwide=True)
        outbox.drain()
        info = {"producer": producer.name, "phone": producer.phone, "email": producer.email,
                "product": product.name, "category": product.category.slug, "price": product.price,
                "offer": offer.title}
        _db.session.remove()
    return info


def _shot(page, name):
    screenshot(page, f"matching-{name}")


def test_a_buyer_finds_a_producer_and_they_connect(live_app, seller, browser):
    base = live_app.config["LIVE_URL"]
    buyer = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()

    # 1. A business buyer signs up, confirms the address with the link from the mailbox, and
    #    describes the company.
    buyer.goto(base + "/account/register")
    buyer.get_by_label("Họ và tên").fill("Lê Thu Mua")
    buyer.get_by_label("Email").fill("le.thumua@sieuthisen.vn")
    buyer.get_by_label("Doanh nghiệp thu mua (nhà phân phối, siêu thị, xuất khẩu, nhà hàng)").check()
    buyer.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    buyer.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    buyer.get_by_role("button", name="Đăng ký").click()
    buyer.wait_for_url(re.compile(r"/account/check-email$"))
    buyer.goto(link_in(read_mail(live_app), "/account/confirm/", to="le.thumua@sieuthisen.vn"))
    buyer.get_by_role("button", name="Xác nhận", exact=True).click()  # the confirmed address leads on
    buyer.wait_for_url(re.compile(r"/matching/buyer/new$"))
    buyer.get_by_label("Tên doanh nghiệp").fill("Chuỗi siêu thị Sen Hồng")
    buyer.get_by_label("Loại hình").select_option("supermarket")
    buyer.get_by_label("Tỉnh, thành phố").select_option("ha-noi")
    buyer.get_by_label("Địa chỉ").fill("8 Tràng Tiền, Hoàn Kiếm")
    buyer.get_by_label("Số điện thoại").fill(BUYER_PHONE)
    buyer.get_by_label("Email liên hệ").fill(BUYER_EMAIL)
    buyer.get_by_role("button", name="Lưu hồ sơ doanh nghiệp").click()

    # 2. The demand.
    buyer.wait_for_url(re.compile(r"/matching/demands/new$"))
    buyer.get_by_label("Sản phẩm cần mua").fill(seller["product"])
    buyer.get_by_label("Nhóm sản phẩm").select_option(seller["category"])
    buyer.get_by_label("Số lượng", exact=True).fill("500")
    buyer.get_by_label("Đơn vị", exact=True).select_option("hop")
    buyer.get_by_label("Giá mục tiêu mỗi đơn vị (đồng, để trống nếu chưa có)").fill(str(seller["price"]))
    buyer.get_by_label("Hạng sao OCOP tối thiểu").select_option("4")
    _shot(buyer, "1-demand")
    buyer.get_by_role("button", name="Lưu nhu cầu").click()
    buyer.wait_for_url(re.compile(r"/matching/demands/\d+$"))

    # 3. Ranked matches, each with its reasons; no contact of the producer yet.
    card = buyer.locator(".match-card").first
    assert seller["offer"] in card.locator(".match-title").inner_text()
    assert seller["producer"] in card.locator(".match-party").inner_text()
    reasons = card.locator(".reasons").inner_text()
    assert "giá trong ngân sách" in reasons and "đủ số lượng" in reasons and "sao" in reasons
    assert re.search(r"cách [\d.]+ km|cùng tỉnh", reasons)
    assert seller["phone"] not in buyer.content() and seller["email"] not in buyer.content()
    _shot(buyer, "2-matches")

    # 4. The buyer asks to connect, with a message.
    card.locator("summary", has_text="Kết nối").click()
    card.get_by_label("Lời nhắn (không bắt buộc)").fill("Chúng tôi muốn nhập 500 hộp mỗi tháng.")
    card.get_by_role("button", name="Gửi yêu cầu kết nối").click()
    buyer.wait_for_url(re.compile(r"/matching/connections/\d+$"))
    connection_url = buyer.url
    assert "Đang chờ trả lời" in buyer.locator(".connection-status").inner_text()
    assert "ẩn cho đến khi cả hai bên đồng ý" in buyer.locator(".contact-panel").inner_text()
    assert seller["phone"] not in buyer.content()

    # 5. The producer signs in, sees the request (not yet the buyer's contacts) and accepts.
    producer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    producer.goto(base + "/account/login")
    producer.get_by_label("Email").fill("chu-the@example.vn")
    producer.get_by_label("Mật khẩu").fill(PASSWORD)
    producer.get_by_role("button", name="Đăng nhập").click()
    producer.goto(base + "/matching/connections")
    producer.get_by_role("link", name="Đang chờ trả lời").click()
    assert "Chúng tôi muốn nhập 500 hộp mỗi tháng." in producer.locator(".request-message").inner_text()
    assert BUYER_PHONE not in producer.content() and BUYER_EMAIL not in producer.content()
    _shot(producer, "3-request")
    producer.get_by_role("button", name="Đồng ý kết nối").click()
    producer.wait_for_load_state()
    contacts = producer.locator(".contact-panel").inner_text()
    assert BUYER_PHONE in contacts and BUYER_EMAIL in contacts and "8 Tràng Tiền" in contacts
    _shot(producer, "4-accepted")

    # 6. The buyer now sees the producer's contacts, and they can write to each other.
    buyer.goto(connection_url)
    contacts = buyer.locator(".contact-panel").inner_text()
    assert seller["phone"] in contacts and seller["email"] in contacts
    buyer.get_by_label("Tin nhắn").fill("Xin gửi báo giá chi tiết.")
    buyer.get_by_role("button", name="Gửi tin nhắn").click()
    buyer.wait_for_load_state()
    assert "Xin gửi báo giá chi tiết." in buyer.locator(".thread").inner_text()
    _shot(buyer, "5-connected")
    buyer.context.close()
    producer.context.close()
