"""A checkout, a review or an "add to cart" sent twice (a double tap on "Đặt hàng", a reload) counts
once and the repeat shows the result; on PostgreSQL, checkouts of one form sent at the same instant
place one order and take the stock once."""
import pytest

from marketplace.orders.models import Order, Review
from tests.conftest import FormClient
from tests.orders.conftest import stock_of
from tests.orders.test_checkout import _checkout_data
from tests.orders.test_reviews import delivered  # noqa: F401  (fixture)
from tests.submissions import assert_created_once, assert_refused_without_token, filled
from tests.threads import at_once

TEA_PRICE, SHIPPING_SAME_PROVINCE = 120_000, 20_000


def _fill_cart(forms, shop, quantity=2):
    forms.post("/cart/add", {"product_id": shop.tea.id, "quantity": quantity}, form_url=f"/products/{shop.tea.slug}")
    return {**_checkout_data(), "expected_total": str(quantity * TEA_PRICE + SHIPPING_SAME_PROVINCE)}


def test_the_same_checkout_sent_twice_places_one_order(shop, client, forms, db):
    data = _fill_cart(forms, shop)
    first, _second = assert_created_once(forms, "/checkout", data, lambda: db.session.query(Order).count())
    order = db.session.query(Order).one()
    assert first.headers["Location"] == f"/orders/{order.reference}"
    assert stock_of(db, shop.tea) == 8  # reserved once


def test_a_checkout_without_its_token_places_nothing(shop, client, forms, db):
    data = _fill_cart(forms, shop)
    assert_refused_without_token(forms, "/checkout", data, lambda: db.session.query(Order).count())
    assert stock_of(db, shop.tea) == 10
    assert "Chè Shan tuyết" in client.get("/cart").get_data(as_text=True)  # the cart is kept


def test_the_same_review_sent_twice_is_one_review(shop, delivered, client, forms, db):  # noqa: F811
    forms.post("/account/login", {"email": shop.buyer.email, "password": "mat-khau-123"})
    url = f"/orders/{delivered.reference}"
    assert_created_once(forms, f"{url}/reviews", {"product_id": shop.tea.id, "rating": "4",
                                                  "body": "Chè ngon, giao nhanh."},
                        lambda: db.session.query(Review).count(), form_url=url)


@pytest.mark.parametrize("signed_in", [False, True], ids=["guest", "signed in"])
def test_add_to_cart_sent_twice_adds_the_units_once(shop, client, forms, db, signed_in):
    if signed_in:
        forms.post("/account/login", {"email": shop.buyer.email, "password": "mat-khau-123"})
    page = f"/products/{shop.tea.slug}"
    fields = filled(forms, "/cart/add", {"product_id": shop.tea.id, "quantity": "2"}, form_url=page)
    first, second = client.post("/cart/add", data=fields), client.post("/cart/add", data=fields)
    assert first.status_code == second.status_code == 302
    quantity = f'id="qty-{shop.tea.id}" type="number" name="quantity" min="0" max="999" value="{{}}"'
    html = client.get("/cart").get_data(as_text=True)
    assert "Biểu mẫu này đã được gửi trước đó" in html and quantity.format(2) in html
    # Another press of the button (a new page, a new token) adds again, as it should.
    forms.post("/cart/add", {"product_id": shop.tea.id, "quantity": "1"}, form_url=page)
    assert quantity.format(3) in client.get("/cart").get_data(as_text=True)


@pytest.mark.postgresql_only
def test_a_double_tap_on_checkout_places_one_order(app, shop, db):
    """Four copies of one guest's checkout form at the same instant, each from the guest's
    browser state: one order, the stock reserved once, and every answer shows that order."""
    client = app.test_client()
    forms = FormClient(client)
    fields = filled(forms, "/checkout", _fill_cart(forms, shop))
    cookie = client.get_cookie("session").value
    db.session.remove()

    def submit(i):
        browser = app.test_client()
        browser.set_cookie("session", cookie)
        response = browser.post("/checkout", data=fields)
        shown = browser.get(response.headers["Location"]) if response.status_code == 302 else response
        return response.status_code, response.headers.get("Location"), shown.status_code

    outcomes, errors = at_once(app, 4, submit)
    assert errors == []
    order = db.session.query(Order).one()
    assert outcomes == [(302, f"/orders/{order.reference}", 200)] * 4  # each tab may open the one order
    assert stock_of(db, shop.tea) == 8
