"""Cart and checkout: quantities, prices from the database, shipping zones, stock
reserved at placement, one shipment per producer, e-mails, and the pages."""

import pytest

from marketplace.core.errors import ValidationError
from marketplace.orders import cart, checkout
from marketplace.orders.models import CartItem, Order, OrderItem, PaymentMethod, PaymentStatus, Shipment
from tests.orders.conftest import NOW, contact, stock_of


# --- the cart (service) -------------------------------------------------------------

@pytest.mark.parametrize("quantity", [0, -1, -100, 1000, 10**12, "abc", "1.5", "", None])
def test_bad_quantities_are_refused(shop, quantity):
    with pytest.raises(ValidationError):
        cart.add_to_cart({}, shop.tea.id, quantity)


def test_cart_refuses_more_than_stock_and_products_not_on_sale(shop, db):
    items = cart.add_to_cart({}, shop.honey.id, 5)
    assert items == {shop.honey.id: 5}
    with pytest.raises(ValidationError, match="Chỉ còn 5"):
        cart.add_to_cart(items, shop.honey.id, 1)
    shop.rice.status = "draft"
    db.session.commit()
    with pytest.raises(ValidationError):
        cart.add_to_cart({}, shop.rice.id, 1)
    with pytest.raises(ValidationError):
        cart.add_to_cart({}, 999_999, 1)


def test_a_tampered_session_cart_is_cleaned():
    assert cart.normalise_cart({"1": 2, "x": 3, "4": -2, "5": 10**9, "6": "7", "-3": 1}) == {1: 2, 6: 7}


def test_summary_flags_lines_it_cannot_sell_without_dropping_them(shop, db):
    items = {shop.tea.id: 3, shop.honey.id: 9, shop.rice.id: 1}
    shop.rice.status = "archived"
    shop.tea.stock = 0
    db.session.commit()
    summary = cart.summarise_cart(items)
    problems = {line.product.id: str(line.problem) for line in summary.problems}
    assert set(problems) == {shop.tea.id, shop.honey.id, shop.rice.id}
    assert "hết hàng" in problems[shop.tea.id]
    assert "Chỉ còn 5" in problems[shop.honey.id]
    assert "ngừng bán" in problems[shop.rice.id]
    assert len(summary.lines) == 3


def test_shipping_fee_by_zone_per_producer_parcel(shop, rules, app):
    from marketplace.catalog.services import find_province
    items = {shop.tea.id: 1, shop.rice.id: 1}
    same = cart.summarise_cart(items, rules, find_province("ha-noi"))
    fees = {p.producer.id: (p.zone, p.fee) for p in same.parcels}
    assert fees[shop.north.id] == ("same_province", app.config["SHIPPING_FEE_SAME_PROVINCE"])
    assert fees[shop.south.id] == ("elsewhere", app.config["SHIPPING_FEE_ELSEWHERE"])
    region = cart.summarise_cart(items, rules, find_province("vinh-long"))  # Mekong delta, as Cần Thơ
    fees = {p.producer.id: (p.zone, p.fee) for p in region.parcels}
    assert fees[shop.south.id] == ("same_region", app.config["SHIPPING_FEE_SAME_REGION"])
    assert region.total == 120_000 + 80_000 + app.config["SHIPPING_FEE_ELSEWHERE"] + app.config["SHIPPING_FEE_SAME_REGION"]


def test_free_shipping_threshold_is_configuration(shop, app):
    from dataclasses import replace

    from marketplace.catalog.services import find_province
    rules = checkout.CheckoutRules.from_config({**app.config, "SHIPPING_FREE_FROM": 200_000}, [PaymentMethod.COD])
    summary = cart.summarise_cart({shop.tea.id: 2, shop.rice.id: 1}, rules, find_province("ha-noi"))
    by_producer = {p.producer.id: (p.subtotal, p.zone, p.fee) for p in summary.parcels}
    assert by_producer == {
        shop.north.id: (240_000, "same_province", 0),  # 2 × 120.000 ₫ reaches the threshold: free
        shop.south.id: (80_000, "elsewhere", rules.fee_elsewhere),  # below it: the fee for Cần Thơ → Hà Nội
    }
    at_threshold = cart.summarise_cart({shop.rice.id: 3}, replace(rules, free_from=240_000),
                                       find_province("ha-noi"))
    assert [p.fee for p in at_threshold.parcels] == [0]  # "reaches" includes the amount itself
    just_below = cart.summarise_cart({shop.rice.id: 3}, replace(rules, free_from=240_001),
                                     find_province("ha-noi"))
    assert [p.fee for p in just_below.parcels] == [rules.fee_elsewhere]
    assert replace(rules, free_from=0).fee("same_province", 10**9) == rules.fee_same_province  # 0: never free


# --- placing an order ----------------------------------------------------------------

def test_an_order_is_split_into_one_shipment_per_producer(shop, place, db, app):
    order = place({shop.tea: 2, shop.honey: 1, shop.rice: 3})
    assert order.reference.startswith("OCOP") and len(order.reference) == 12
    assert order.payment_method == PaymentMethod.COD and order.payment_status == PaymentStatus.UNPAID
    by_producer = {s.producer_id: s for s in order.shipments}
    assert set(by_producer) == {shop.north.id, shop.south.id}
    assert by_producer[shop.north.id].subtotal == 2 * 120_000 + 250_000
    assert by_producer[shop.south.id].subtotal == 3 * 80_000
    assert order.subtotal == 2 * 120_000 + 250_000 + 3 * 80_000
    assert order.shipping_total == app.config["SHIPPING_FEE_SAME_PROVINCE"] + app.config["SHIPPING_FEE_ELSEWHERE"]
    assert order.total == order.subtotal + order.shipping_total
    assert order.expires_at is None  # cash on delivery keeps its stock until delivery or cancellation
    assert (stock_of(db, shop.tea), stock_of(db, shop.honey), stock_of(db, shop.rice)) == (8, 4, 17)


def test_reservation_time_depends_on_the_payment_method(shop, place, app):
    from datetime import timedelta
    card = place({shop.tea: 1}, method="card")
    transfer = place({shop.tea: 1}, method="bank_transfer")
    assert card.expires_at == NOW + timedelta(minutes=app.config["RESERVATION_MINUTES_CARD"])
    assert transfer.expires_at == NOW + timedelta(minutes=app.config["RESERVATION_MINUTES_BANK_TRANSFER"])


def test_prices_come_from_the_database_and_a_changed_total_is_refused(shop, place, db):
    expected = 120_000 + 20_000
    shop.tea.price = 150_000  # the producer changed the price while the buyer was checking out
    db.session.commit()
    with pytest.raises(ValidationError, match="thay đổi"):
        place({shop.tea: 1}, expected_total=expected)
    assert db.session.query(Order).count() == 0
    assert stock_of(db, shop.tea) == 10
    order = place({shop.tea: 1}, expected_total=150_000 + 20_000)
    assert order.items[0].unit_price == 150_000


def test_nothing_is_written_when_one_product_runs_short(shop, place, db):
    with pytest.raises(ValidationError):
        place({shop.tea: 2, shop.honey: 6})
    assert db.session.query(Order).count() == db.session.query(Shipment).count() == 0
    assert db.session.query(OrderItem).count() == 0
    assert (stock_of(db, shop.tea), stock_of(db, shop.honey)) == (10, 5)


def test_stock_taken_by_another_order_is_reported_not_oversold(shop, place, db):
    place({shop.honey: 4})
    with pytest.raises(ValidationError, match="Mật ong bạc hà.*Chỉ còn 1"):
        place({shop.honey: 2})
    assert stock_of(db, shop.honey) == 1


@pytest.mark.parametrize("phone", ["12345", "0123456789", "091234567", "+1 202 555 0100", "09123456789", "abc"])
def test_bad_phone_numbers_are_refused(shop, rules, phone):
    with pytest.raises(ValidationError) as error:
        checkout.place_order(items={shop.tea.id: 1}, contact=contact(phone=phone), payment_method="cod",
                             rules=rules, now=NOW)
    assert error.value.field == "phone"


@pytest.mark.parametrize("phone,stored", [("0912 345 678", "0912345678"), ("+84 912.345.678", "0912345678"),
                                          ("84912345678", "0912345678"), ("024 3825 1234", "02438251234")])
def test_vietnamese_phone_formats_are_accepted(phone, stored):
    assert checkout.clean_phone(phone) == stored


def test_missing_address_parts_and_unknown_method_are_refused(shop, rules):
    for changes, field in (({"province": None}, "province"), ({"ward": " "}, "ward"), ({"street": ""}, "street"),
                           ({"email": "not-an-email"}, "email"), ({"name": ""}, "name")):
        with pytest.raises(ValidationError) as error:
            checkout.place_order(items={shop.tea.id: 1}, contact=contact(**changes), payment_method="cod",
                                 rules=rules, now=NOW)
        assert error.value.field == field
    with pytest.raises(ValidationError):
        checkout.place_order(items={shop.tea.id: 1}, contact=contact(), payment_method="bitcoin", rules=rules,
                             now=NOW)
    no_card = checkout.CheckoutRules(methods=(PaymentMethod.COD,))
    with pytest.raises(ValidationError):
        checkout.place_order(items={shop.tea.id: 1}, contact=contact(), payment_method="card", rules=no_card,
                             now=NOW)


def test_emails_go_to_the_buyer_and_each_producer(shop, place, mailbox):
    order = place({shop.tea: 1, shop.rice: 2})
    mails = mailbox()
    assert len(mails) == 3
    buyer = next(m for m in mails if "To: nguoimua@example.vn" in m)
    assert order.reference in buyer and "Gạo thơm ST25" in buyer and "Chè Shan tuyết" in buyer
    assert f"key={order.access_token}" in buyer
    to_north = next(m for m in mails if shop.north_owner.email in m)
    assert "Chè Shan tuyết" in to_north and "Gạo thơm ST25" not in to_north  # only its own parcel
    assert "12 Phố Hòe Nhai" in to_north


# --- the pages -----------------------------------------------------------------------

def _checkout_data(**changes):
    data = {"name": "Lê Văn Khách", "phone": "0987654321", "email": "khach@example.vn", "province": "ha-noi",
            "ward": "Phường Hoàn Kiếm", "street": "5 Tràng Tiền", "note": "", "payment_method": "cod"}
    data.update(changes)
    return data


def test_guest_buys_from_two_producers_with_cash_on_delivery(shop, client, forms, db, app):
    for product, qty in ((shop.tea, 2), (shop.rice, 1)):
        response = forms.post("/cart/add", {"product_id": product.id, "quantity": qty},
                              form_url=f"/products/{product.slug}")
        assert response.status_code == 302
    cart_page = client.get("/cart").get_data(as_text=True)
    assert "Chè Shan tuyết" in cart_page and "Gạo thơm ST25" in cart_page and "HTX Gạo Cần Thơ" in cart_page
    page = forms.post("/checkout", {**_checkout_data(), "refresh": "1"}, form_url="/checkout")
    html = page.get_data(as_text=True)
    total = 2 * 120_000 + 80_000 + app.config["SHIPPING_FEE_SAME_PROVINCE"] + app.config["SHIPPING_FEE_ELSEWHERE"]
    assert f'value="{total}"' in html
    response = forms.post("/checkout", {**_checkout_data(), "expected_total": str(total)}, form_url="/checkout")
    assert response.status_code == 302, response.get_data(as_text=True)
    order = db.session.query(Order).one()
    assert order.user_id is None and order.total == total
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert order.reference in page and page.count('class="shipment"') == 2
    assert "cart-count" not in client.get("/").get_data(as_text=True)  # the cart was emptied


def test_a_posted_price_is_ignored(shop, client, forms, db):
    forms.post("/cart/add", {"product_id": shop.tea.id, "quantity": 1, "price": 1}, form_url=f"/products/{shop.tea.slug}")
    total = 120_000 + 20_000
    response = forms.post("/checkout", {**_checkout_data(), "expected_total": str(total), "price": "1",
                                        "unit_price": "1", "total": "1"}, form_url="/checkout")
    assert response.status_code == 302
    assert db.session.query(Order).one().total == total


def test_checkout_without_a_total_seen_asks_to_check_it(shop, client, forms, db):
    forms.post("/cart/add", {"product_id": shop.tea.id, "quantity": 1}, form_url=f"/products/{shop.tea.slug}")
    response = forms.post("/checkout", _checkout_data(), form_url="/checkout")
    assert response.status_code == 400
    assert "kiểm tra tổng tiền" in response.get_data(as_text=True)
    assert db.session.query(Order).count() == 0


def test_checkout_form_errors_are_shown_not_raised(shop, client, forms, db):
    forms.post("/cart/add", {"product_id": shop.tea.id, "quantity": 1}, form_url=f"/products/{shop.tea.slug}")
    response = forms.post("/checkout", {**_checkout_data(phone="12"), "expected_total": "140000"},
                          form_url="/checkout")
    assert response.status_code == 400
    assert "Số điện thoại không hợp lệ" in response.get_data(as_text=True)


def test_cart_pages_refuse_bad_quantities_with_a_message(shop, client, forms):
    for quantity in ("-3", "0", "100000", "lots"):
        response = forms.post("/cart/add", {"product_id": shop.tea.id, "quantity": quantity}, form_url=f"/products/{shop.tea.slug}",
                              follow_redirects=True)
        assert response.status_code == 200
        assert "Số lượng" in response.get_data(as_text=True)
    assert "cart-count" not in client.get("/cart").get_data(as_text=True)
    response = forms.post("/cart/add", {"product_id": "999999", "quantity": "1"}, form_url=f"/products/{shop.tea.slug}",
                          follow_redirects=True)
    assert "không được bán" in response.get_data(as_text=True)


def test_guest_cart_is_merged_into_the_account_at_sign_in(shop, client, forms, db):
    forms.post("/cart/add", {"product_id": shop.tea.id, "quantity": 2}, form_url=f"/products/{shop.tea.slug}")
    db.session.add(CartItem(user_id=shop.buyer.id, product_id=shop.tea.id, quantity=1))
    db.session.add(CartItem(user_id=shop.buyer.id, product_id=shop.rice.id, quantity=4))
    db.session.commit()
    forms.post("/account/login", {"email": shop.buyer.email, "password": "mat-khau-123"})
    assert cart.user_cart(shop.buyer.id) == {shop.tea.id: 3, shop.rice.id: 4}


def test_another_persons_order_is_not_found(shop, place, client, forms, make_user):
    mine = place({shop.tea: 1}, user=shop.buyer)
    guest = place({shop.rice: 1})
    other = make_user(email="khac@example.vn")
    forms.post("/account/login", {"email": other.email, "password": "mat-khau-123"})
    assert client.get(f"/orders/{mine.reference}").status_code == 404
    assert client.get(f"/orders/{guest.reference}").status_code == 404
    assert client.get(f"/orders/{guest.reference}?key=wrong").status_code == 404
    assert client.post(f"/orders/{mine.reference}/cancel", data={}).status_code in (400, 404)
    assert client.get("/orders/OCOP00000000").status_code == 404


def test_a_guest_opens_their_order_from_the_email_link(shop, place, client):
    order = place({shop.rice: 1})
    response = client.get(f"/orders/{order.reference}?key={order.access_token}")
    assert response.status_code == 302 and "key=" not in response.headers["Location"]
    assert order.reference in client.get(f"/orders/{order.reference}").get_data(as_text=True)


def test_order_history_lists_only_my_orders(shop, place, client, forms):
    mine = place({shop.tea: 1}, user=shop.buyer)
    theirs = place({shop.rice: 1})
    forms.post("/account/login", {"email": shop.buyer.email, "password": "mat-khau-123"})
    html = client.get("/orders").get_data(as_text=True)
    assert mine.reference in html and theirs.reference not in html
    assert client.get(f"/orders/{mine.reference}").status_code == 200


def test_bank_transfer_order_shows_a_vietqr_code(shop, place, client):
    from marketplace.payments import vietqr
    order = place({shop.tea: 1}, method="bank_transfer")
    client.get(f"/orders/{order.reference}?key={order.access_token}")
    html = client.get(f"/orders/{order.reference}").get_data(as_text=True)
    assert "<svg" in html and order.reference in html and "0011001234567" in html
    data = vietqr.payload(bank_bin="970436", account_number="0011001234567", amount=order.total,
                          reference=order.reference)
    assert vietqr.is_valid(data)


def test_the_cart_and_order_pages_in_english(shop, place, client):
    order = place({shop.tea: 1, shop.rice: 1}, method="bank_transfer")
    client.get(f"/orders/{order.reference}?key={order.access_token}")
    html = client.get(f"/orders/{order.reference}?lang=en").get_data(as_text=True)
    assert "Parcels (2)" in html and "Bank transfer (VietQR)" in html and "Unpaid" in html
    assert "₫" in html and "Kiện hàng" not in html
    assert "Your cart is empty." in client.get("/cart").get_data(as_text=True)
