"""The read-only JSON API."""
from datetime import timedelta

from marketplace.core.timeutil import add_months, vn_today


def test_products_list_shape_and_filters(client, make_producer, make_product, make_certification):
    producer = make_producer(name="HTX Chè Tân Cương", province="thai-nguyen")
    tea = make_product(name="Chè Tân Cương đặc biệt", producer=producer, category="che-tra", price=250_000)
    make_certification(tea, stars=5, decided_on=vn_today() - timedelta(days=200))
    make_product(name="Chè búp khô", producer=producer, category="che-tra", price=90_000)

    body = client.get("/api/v1/products?stars=5").get_json()
    assert body["total"] == 1 and body["page"] == 1 and body["per_page"] == 24
    item = body["items"][0]
    assert item["slug"] == tea.slug and item["name"] == "Chè Tân Cương đặc biệt"
    assert item["price"] == 250000 and item["stars"] == 5
    assert item["producer"]["name"] == "HTX Chè Tân Cương" and item["province"]["code"] == "TNG"

    body = client.get("/api/v1/products?sort=price_asc&per_page=1").get_json()
    assert body["total"] == 2 and [i["price"] for i in body["items"]] == [90000]
    assert body["items"][0]["stars"] is None


def test_invalid_parameters_answer_400_with_the_fields(client):
    response = client.get("/api/v1/products?stars=nine&page=0")
    assert response.status_code == 400
    assert set(response.get_json()["error"]["fields"]) == {"stars", "page"}


def test_product_detail_and_404(client, make_product, make_certification):
    product = make_product(description="Ngon <script>x</script>")
    decided = vn_today() - timedelta(days=470)
    make_certification(product, stars=3, number="77/QĐ-UBND", decided_on=decided)
    body = client.get(f"/api/v1/products/{product.slug}").get_json()
    assert body["certification"]["number"] == "77/QĐ-UBND"
    assert body["certification"]["decided_on"] == decided.isoformat()
    assert body["certification"]["expires_on"] == add_months(decided, 36).isoformat()  # 36 months unless stated
    assert body["certification"]["state"] == "certified"
    assert "<script>" not in body["description_html"]
    response = client.get("/api/v1/products/khong-co")
    assert response.status_code == 404 and response.get_json()["error"]["status"] == 404


def test_provinces(client):
    body = client.get("/api/v1/provinces").get_json()
    assert body["total"] == 34
    can_tho = next(p for p in body["items"] if p["code"] == "CTO")
    assert can_tho["former_provinces"] == ["Cần Thơ", "Sóc Trăng", "Hậu Giang"]
    assert can_tho["region"] == "dbscl" and can_tho["macro_region"] == "south"
