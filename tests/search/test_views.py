"""The catalogue page, /search and GET /api/v1/products?q= answer alike; suggestions;
/healthz; and the site staying up when the engine is down."""
import re

import pytest

from tests.search.test_outbox import DownEngine

def _page_slugs(html):
    return re.findall(r'<a href="/products/([^"]+)" class="card-link">', html)


@pytest.fixture
def client(shared):
    """These tests read the shared, indexed catalogue (the per-test app where they write)."""
    return shared.client


def _forget_pages(app):
    """Pages kept while the engine was up are served while it is down (that is the cache's
    point); these tests read what a fresh render answers."""
    if app.extensions.get("pagecache") is not None:
        app.extensions["pagecache"].store.clear()


@pytest.fixture
def down(shared):
    _forget_pages(shared.app)
    engine = shared.app.extensions["search"]
    shared.app.extensions["search"] = DownEngine()
    yield
    shared.app.extensions["search"] = engine


@pytest.mark.parametrize("query", [
    "q=mat+ong", "q=cafe+buon+ma+thout", "q=mat+ong&stars=4", "q=ca+phe&sort=price_asc",
    "q=mat+ong&per_page=2&page=2", "q=nuoc+mam&province=an-giang", "q=", "group=thuc-pham&sort=price_desc",
    "q=mat+ong+hoa+nhan+hung+yen", "q=zzzz",
])
def test_page_and_api_give_the_same_products(client, shared, query):
    api = client.get(f"/api/v1/products?{query}").get_json()
    html = client.get(f"/products?{query}").get_data(as_text=True)
    assert _page_slugs(html) == [item["slug"] for item in api["items"]]
    assert f"{api['total']} sản phẩm" in html
    assert api["search"]["engine"] == shared.engine.name  # browsing without words uses the engine too
    assert not api["search"]["degraded"]


def test_search_page_leads_to_the_catalogue(client):
    response = client.get("/search?q=mat+ong&stars=4")
    assert response.status_code == 302 and response.headers["Location"].endswith("/products?q=mat+ong&stars=4")


def test_page_highlights_counts_facets_and_offers_alternatives(client):
    html = client.get("/products?q=mat+ong+bac+h").get_data(as_text=True)
    assert "<mark>Mật ong bạc hà" in html
    assert 'value="relevance" selected' in html
    html = client.get("/products?q=mat+ong").get_data(as_text=True)
    assert "Hưng Yên (1)" in html  # province counts from the engine
    total = int(re.search(r'class="results-count">(\d+) sản phẩm', html).group(1))
    assert re.search(rf'<option value="cooperative"\s*>Hợp tác xã \({total}\)</option>', html)
    assert re.search(r'<option value="household"\s*>Hộ kinh doanh \(0\)</option>', html)  # zero counts shown
    assert "price-bands" in html
    html = client.get("/products?q=mat+ong&province=son-la").get_data(as_text=True)
    assert "Không có sản phẩm nào khớp" in html and "Bỏ lọc tỉnh, thành phố" in html
    assert 'href="/products?q=mat+ong"' in html


def test_api_reports_facets_highlights_and_partial_matches(client):
    body = client.get("/api/v1/products?q=mat+ong+xyzqwv").get_json()
    assert body["search"]["partial"] is True and body["total"] >= 3
    assert body["items"][0]["highlight"]["name"].startswith("<mark>Mật ong")
    assert "facets" not in body  # counting costs: on request
    body = client.get("/api/v1/products?q=mat+ong&facets=1").get_json()
    assert set(body["facets"]) == {"groups", "provinces", "regions", "stars", "price_bands", "kinds"}
    assert body["facets"]["stars"]["5"] == 2


def test_suggestions_as_you_type(client):
    body = client.get("/api/v1/suggest?q=mat+ong+bac+h").get_json()
    assert not body["degraded"]
    first = body["items"][0]
    assert first["type"] == "product" and first["name"] == "Mật ong bạc hà Hà Giang"
    assert first["highlight"].startswith("<mark>") and first["url"].startswith("/products/")
    assert any(item["type"] == "producer" for item in body["items"])
    assert client.get("/api/v1/suggest?q=").get_json()["items"] == []
    assert client.get("/api/v1/suggest?q=%3Cscript%3E").get_json()["items"] == []


def test_every_page_has_the_suggesting_search_box_and_works_without_javascript(client):
    html = client.get("/").get_data(as_text=True)
    script = re.search(r'src="(/static/js/suggest\.[0-9a-f]{12}\.js)"', html)
    assert 'data-suggest="/api/v1/suggest"' in html and script
    assert '<form class="search-box" action="/products" method="get" role="search">' in html
    assert client.get(script[1]).status_code == 200


def test_engine_down_the_site_stays_up(client, down):
    response = client.get("/products?q=mat+ong")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "chế độ giản lược" in html
    assert "Mật ong bạc hà Hà Giang" in html  # the database's folded LIKE still finds it
    body = client.get("/api/v1/products?q=mat+ong").get_json()
    assert body["search"] == {"engine": "database", "degraded": True, "partial": False, "alternatives": []}
    assert body["total"] >= 3
    suggestions = client.get("/api/v1/suggest?q=mat+ong").get_json()
    assert suggestions["degraded"] and suggestions["items"]
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["status"] == "degraded" and health.get_json()["checks"]["search"]["ok"] is False


def test_an_empty_index_falls_back_to_the_database(app, make_product):
    make_product(name="Mật ong chưa lập chỉ mục")  # the outbox has not been drained
    body = app.test_client().get("/api/v1/products?q=mat+ong").get_json()
    assert body["search"]["degraded"] and [i["name"] for i in body["items"]] == ["Mật ong chưa lập chỉ mục"]


def test_healthz_reports_the_engine_and_the_outbox(client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok"
    assert body["checks"]["search"]["ok"] and body["checks"]["search"]["engine"] in ("embedded", "meilisearch")
    assert body["checks"]["search"]["documents"]["products"] == 15
    assert body["checks"]["outbox"] == {"ok": True, "due": 0}


def test_unexpected_engine_errors_also_fall_back(client, shared):
    """Not only SearchUnavailable: any error of the engine (a bug, a broken client) leaves the
    catalogue, the API and the suggestions answering from the database, saying so."""
    class Broken:
        name = "broken"
        calls = []

        def __getattr__(self, name):
            def fail(*args, **kwargs):
                Broken.calls.append(name)
                raise RuntimeError("bug")
            return fail
    engine = shared.app.extensions["search"]
    _forget_pages(shared.app)
    shared.app.extensions["search"] = Broken()
    try:
        response = client.get("/products?q=mat+ong")
        html = response.get_data(as_text=True)
        body = client.get("/api/v1/products?q=mat+ong").get_json()
        suggestions = client.get("/api/v1/suggest?q=mat+ong").get_json()
    finally:
        shared.app.extensions["search"] = engine
    assert "search" in Broken.calls  # the engine was asked, and failed
    assert response.status_code == 200 and "chế độ giản lược" in html
    assert body["search"] == {"engine": "database", "degraded": True, "partial": False, "alternatives": []}
    assert {"Mật ong bạc hà Hà Giang", "Mật ong hoa nhãn", "Mật ong hoa nhãn Hưng Long"} <= {
        item["name"] for item in body["items"]}  # the database's folded LIKE found them
    assert _page_slugs(html) == [item["slug"] for item in body["items"]]
    assert suggestions["degraded"] and suggestions["items"]


def test_database_only_configuration_is_a_choice_not_a_degradation(app, make_product):
    from marketplace.core.outbox import drain
    app.config["SEARCH_ENGINE"] = "database"
    app.extensions["search"] = None
    app.extensions["pagecache"] = None  # its messages are counted in tests/core/test_pagecache.py
    app.config["PROGRAMME_FIGURES_TRACKING"] = False  # and these in tests/programme/test_figures.py
    make_product(name="Mật ong không cần máy tìm kiếm")
    assert drain().processed == 2  # nothing to index, nothing kept
    client = app.test_client()
    body = client.get("/api/v1/products?q=mat+ong").get_json()
    assert body["search"]["engine"] == "database" and not body["search"]["degraded"] and body["total"] == 1
    assert "chế độ giản lược" not in client.get("/products?q=mat+ong").get_data(as_text=True)
    assert client.get("/healthz").get_json()["checks"]["search"] == {"ok": True, "engine": "database"}
