"""Choosing the province at checkout updates the fees in place (WCAG 3.2.2): the page's script asks
/checkout/fees for the summary as the server renders it; without JavaScript a button does the same."""
from tests.orders.test_checkout import _checkout_data


def _tea_in_cart(shop, forms):
    forms.post("/cart/add", {"product_id": shop.tea.id, "quantity": 2}, form_url=f"/products/{shop.tea.slug}")


def test_the_fees_of_another_province_come_as_json(shop, client, forms, app):
    _tea_in_cart(shop, forms)
    near = client.get("/checkout/fees?province=ha-noi").get_json()
    same = app.config["SHIPPING_FEE_SAME_PROVINCE"]
    assert near["total"] == 2 * 120_000 + same and near["expected_total"] == str(near["total"])
    assert "cùng tỉnh" in near["html"] and "Tổng cộng" in near["announce"]
    far = client.get("/checkout/fees?province=ca-mau").get_json()
    assert far["total"] == 2 * 120_000 + app.config["SHIPPING_FEE_ELSEWHERE"] and "khác vùng" in far["html"]
    for unknown in ("", "khong-co-tinh-nay", "<script>"):
        answer = client.get("/checkout/fees", query_string={"province": unknown})
        assert answer.status_code == 200 and answer.get_json()["total"] is None
        assert "<script>" not in answer.get_json()["html"]


def test_the_checkout_page_works_with_and_without_its_script(shop, client, forms):
    _tea_in_cart(shop, forms)
    page = client.get("/checkout").get_data(as_text=True)
    assert 'data-fees-url="/checkout/fees"' in page and 'id="order-summary"' in page and 'role="status"' in page
    assert 'name="refresh"' in page  # the button that recalculates without JavaScript
    answer = forms.post("/checkout", {**_checkout_data(), "refresh": "1"}, form_url="/checkout")
    assert answer.status_code == 200 and 'value="260000"' in answer.get_data(as_text=True)


def test_a_cart_of_services_and_goods_asks_the_address_for_the_goods_only(shop, client, forms, db, make_product):
    from datetime import timedelta

    from marketplace.core.timeutil import vn_today
    boat = make_product(name="Vé thuyền", producer=shop.north, category="diem-du-lich", price=100_000, stock=5)
    _tea_in_cart(shop, forms)
    forms.post("/cart/book", {"product_id": boat.id, "starts_on": (vn_today() + timedelta(days=3)).isoformat(),
                              "people": "2"}, form_url=f"/products/{boat.slug}")
    page = client.get("/checkout").get_data(as_text=True)
    assert 'name="street"' in page and "Đặt chỗ dịch vụ" in page
    fees = client.get("/checkout/fees?province=ha-noi").get_json()
    assert fees["total"] == 2 * 120_000 + 2 * 100_000 + 20_000  # one parcel's fee: the boat is not shipped
