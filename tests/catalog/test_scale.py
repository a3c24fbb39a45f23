"""Defects of the catalogue at scale (issue 15), on a small catalogue with the engine's
limit made small: deep pages agree with the pager, the listing's filter does not load
former provinces one province at a time, province counts read no product row."""
import re

import pytest
from sqlalchemy import event

from marketplace.core.outbox import drain
from marketplace.search import get_engine


@pytest.fixture
def seven(app, db, make_producer, make_product):
    producer = make_producer(name="HTX Chè Tân Cương")
    items = [make_product(name=f"Chè Tân Cương loại {n}", producer=producer, category="che-tra",
                          price=100_000 + n * 1000) for n in range(7)]
    report = drain(limit=10_000)
    assert not report.failed, report.errors
    app.extensions["pagecache"] = None  # each request renders: these tests count what a render does
    return items


@pytest.fixture
def shallow_engine(app, seven):
    """The engine answers only the first four results, as Meilisearch's maxTotalHits does at 10,000."""
    engine = get_engine(app)
    engine.max_total_hits = 4
    return engine


def _slugs(html):
    return re.findall(r'<a href="/products/([^"]+)" class="card-link">', html)


def test_every_page_the_pager_offers_shows_products_and_the_api_agrees(client, shallow_engine):
    first = client.get("/products?per_page=2").get_data(as_text=True)
    assert "7 sản phẩm" in first
    assert "Các trang chỉ đi tới 4 sản phẩm đầu tiên trong số 7" in first  # how to see the others
    offered = {int(n) for n in re.findall(r'href="[^"]*page=(\d+)[^"]*"', first)}
    assert max(offered) == 2  # 4 reachable results, 2 a page
    for number in sorted(offered | {1}):
        assert len(_slugs(client.get(f"/products?per_page=2&page={number}").get_data(as_text=True))) == 2
    api = client.get("/api/v1/products?per_page=2").get_json()
    assert (api["total"], api["reachable"], api["pages"]) == (7, 4, 2)
    assert len(client.get("/api/v1/products?per_page=2&page=2").get_json()["items"]) == 2


def test_a_page_past_the_limit_says_so_and_links_to_the_last(client, shallow_engine):
    html = client.get("/products?per_page=2&page=3").get_data(as_text=True)
    assert _slugs(html) == []
    assert "Trang 3 nằm ngoài các trang xem được." in html
    assert re.search(r'href="[^"]*page=2[^"]*">Về trang cuối \(2\)', html)
    assert client.get("/api/v1/products?per_page=2&page=3").get_json()["pages"] == 2


def test_a_limit_that_cuts_a_page_shows_only_what_it_reaches(client, app, seven):
    get_engine(app).max_total_hits = 5
    assert len(_slugs(client.get("/products?per_page=2&page=3").get_data(as_text=True))) == 1


def _counting(app):
    statements = []

    def note(conn, cursor, statement, *args):
        statements.append(statement)
    from marketplace.extensions import db
    event.listen(db.engine, "before_cursor_execute", note)
    return statements, lambda: event.remove(db.engine, "before_cursor_execute", note)


def test_the_listing_loads_former_provinces_in_one_query(client, app, seven):
    statements, stop = _counting(app)
    try:
        html = client.get("/products").get_data(as_text=True)
    finally:
        stop()
    assert "Hà Giang" in html  # a former province, in the province filter
    former = [s for s in statements if "FROM former_provinces" in s]
    assert len(former) <= 1, former


def test_province_counts_read_no_product_row(client, app, seven):
    statements, stop = _counting(app)
    try:
        html = client.get("/provinces").get_data(as_text=True)
    finally:
        stop()
    assert re.search(r'/provinces/ha-noi">[^<]+</a> <span class="count">7 sản phẩm</span>', html)
    assert not [s for s in statements if "FROM products" in s], statements
