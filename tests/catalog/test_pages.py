"""Storefront pages as a visitor sees them."""
import json
import re
from datetime import timedelta

import pytest

from marketplace.core.timeutil import vn_today


@pytest.fixture
def honey(make_producer, make_product, make_certification):
    producer = make_producer(name="HTX Mật ong Bạc hà Mèo Vạc", province="tuyen-quang", former="Hà Giang")
    product = make_product(name="Mật ong bạc hà Mèo Vạc", producer=producer, category="mat-ong", price=350_000,
                           unit="chai 500 ml", description="Mật ong **nguyên chất** <script>alert(1)</script>")
    make_certification(product, stars=4, points=82, number="2157/QĐ-UBND", decided_on=vn_today() - timedelta(days=400))
    return product


def test_home_shows_featured_products_and_browse_links(client, honey):
    html = client.get("/").get_data(as_text=True)
    assert "Mật ong bạc hà Mèo Vạc" in html
    assert "/categories/thuc-pham" in html and "/provinces/tuyen-quang" in html
    assert "/regions/trung-du-va-mien-nui-phia-bac" in html


def test_product_page_shows_price_certificate_and_structured_data(client, honey):
    response = client.get(f"/products/{honey.slug}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "350.000\u00a0₫" in html and "chai 500 ml" in html
    assert "2157/QĐ-UBND" in html and "82/100" in html and "cấp tỉnh" in html
    assert "<script>alert(1)</script>" not in html and "<strong>nguyên chất</strong>" in html
    assert "tỉnh cũ: Hà Giang" in html
    assert 'property="og:title" content="Mật ong bạc hà Mèo Vạc"' in html
    ld = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "Product" and ld["offers"]["price"] == 350000 and ld["offers"]["priceCurrency"] == "VND"


def test_english_switch_formats_money_and_labels(client, honey):
    client.get("/lang/en")
    html = client.get(f"/products/{honey.slug}").get_data(as_text=True)
    assert "₫350,000" in html
    assert '<html lang="en">' in html


def test_draft_and_unverified_products_are_not_found(client, make_product, make_producer):
    draft = make_product(status="draft")
    hidden = make_product(producer=make_producer(verified=False))
    assert client.get(f"/products/{draft.slug}").status_code == 404
    assert client.get(f"/products/{hidden.slug}").status_code == 404
    assert client.get(f"/producers/{hidden.producer.slug}").status_code == 404


def test_producer_province_region_and_category_pages(client, honey):
    assert "Mật ong bạc hà Mèo Vạc" in client.get(f"/producers/{honey.producer.slug}").get_data(as_text=True)
    html = client.get("/provinces/tuyen-quang").get_data(as_text=True)
    assert "Mật ong bạc hà Mèo Vạc" in html and "Hà Giang" in html
    assert "Mật ong bạc hà Mèo Vạc" in client.get("/regions/trung-du-va-mien-nui-phia-bac").get_data(as_text=True)
    assert "Mật ong bạc hà Mèo Vạc" in client.get("/categories/mat-ong").get_data(as_text=True)
    assert "Mật ong bạc hà Mèo Vạc" not in client.get("/categories/do-uong").get_data(as_text=True)
    assert client.get("/provinces").status_code == 200


@pytest.mark.parametrize("url", ["/products/khong-co", "/producers/khong-co", "/provinces/atlantis",
                                 "/regions/mars", "/categories/khong-co"])
def test_unknown_records_get_the_site_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)


@pytest.fixture
def shelf(honey, make_producer, make_product, make_certification):
    """Three public products that differ by group, province, price and stars."""
    wine = make_product(name="Rượu ngô Na Hang", producer=honey.producer, category="ruou", price=180_000)
    bowl = make_product(name="Bát gốm men lam", producer=make_producer(name="HTX Gốm Bát Tràng", province="ha-noi"),
                        category="gom-su", price=60_000)
    make_certification(bowl, stars=3)
    return {"honey": honey, "wine": wine, "bowl": bowl}


@pytest.mark.parametrize("query,errors,shown", [
    ("stars=abc&page=-1&per_page=99999&sort=x", {"stars", "page", "per_page", "sort"}, {"honey", "wine", "bowl"}),
    ("min_price=5&max_price=1", {"max_price"}, {"honey", "wine", "bowl"}),  # the whole range is dropped
    ("min_price=100000&max_price=x", {"max_price"}, {"honey", "wine"}),  # the valid bound is kept
    ("province=%27%3B--&region=%E2%80%AE%C2%B2", {"province", "region"}, {"honey", "wine", "bowl"}),
    ("province=%27%3B--&region=dong-bang-song-hong", {"province"}, {"bowl"}),
    ("page=999999999999999999999", {"page"}, {"honey", "wine", "bowl"}),
    ("q=%F0%9F%8D%AF" + "a" * 600, {"q"}, set()),  # cut to 200 characters, then searched: nothing has them
    ("group=thuc-pham&subcategory=ruou", {"group"}, {"wine"}),  # the subcategory wins, the group is dropped
    ("stars=&kind=&sort=", set(), {"honey", "wine", "bowl"}),  # empty means "no filter", not an error
    ("per_page=0", {"per_page"}, {"honey", "wine", "bowl"}),
    ("stars=4&kind=%27%20OR%201%3D1", {"kind"}, {"honey"}),
])
def test_hostile_query_strings_are_dropped_named_and_filter_nothing_wrongly(client, shelf, query, errors, shown):
    response = client.get(f"/products?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    listed = set(re.findall(r'<a href="/products/([^"]+)" class="card-link">', html))
    assert listed == {shelf[name].slug for name in shown}
    assert f"{len(shown)} sản phẩm" in html
    named = set(re.findall(r"<li><code>(\w+)</code>: ", html))
    assert named == errors and (("Một số bộ lọc không hợp lệ nên đã được bỏ qua" in html) == bool(errors))
    if not shown:
        assert "Không có sản phẩm nào khớp với bộ lọc." in html


def test_invalid_filter_is_explained_to_the_visitor(client, honey):
    html = client.get("/products?stars=9").get_data(as_text=True)
    assert "không hợp lệ" in html and "Số sao phải từ 1 đến 5" in html
    assert "Mật ong bạc hà Mèo Vạc" in html  # the rest of the page still works


def test_demo_notice_only_when_demo_data_is_present(client, make_producer):
    assert "Dữ liệu minh họa" not in client.get("/").get_data(as_text=True)
    make_producer(is_demo=True)
    assert "Dữ liệu minh họa" in client.get("/").get_data(as_text=True)


def _row(html, heading_id):
    """The product names of one home row (the section labelled by `heading_id`), in order."""
    match = re.search(rf'<section class="home-row" aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    return re.findall(r'<h3 class="card-title">(.*?)</h3>', match.group(1)) if match else []


def test_home_rows_never_repeat_a_product_nor_feature_a_sold_out_one(client, make_product, make_certification):
    for name, stars, stock in [("Trà năm sao còn hàng", 5, 5), ("Yến năm sao hết hàng", 5, 0),
                               ("Gạo bốn sao còn hàng", 4, 7), ("Mắm bốn sao hết hàng", 4, 0)]:
        make_certification(make_product(name=name, stock=stock), stars=stars)
    make_product(name="Bánh mới chưa có sao", stock=3)
    html = client.get("/").get_data(as_text=True)
    five, four, newest = _row(html, "five-star"), _row(html, "four-star"), _row(html, "newest")
    assert five == ["Trà năm sao còn hàng"] and four == ["Gạo bốn sao còn hàng"]
    assert newest == ["Bánh mới chưa có sao"]  # the others are already shown above; sold-out never
    assert "hết hàng" not in " ".join(five + four + newest)
