"""The Meilisearch engine against Meilisearch's own OpenAPI document (contract suite).

No Meilisearch server can run here, so the engine talks to `meili_fake.FakeMeilisearch`
on a free loopback port: every request it makes is checked against the document's
request schemas, every answer it gets follows the response schemas (see
meili_contract.py for the document's known quirks). Besides the requests' shape,
these tests check what the site does with the answers, failures included: a failed
task is retried by the outbox and nothing is lost; a 4xx (index_not_found,
invalid_search_filter, a wrong key) makes the catalogue answer from the database,
saying so, never a 500.

The behaviour tests (test_behaviour.py, test_views.py) run against a real server when
MEILI_URL is set.
"""
import re
import shutil

import pytest
from meilisearch import Client

from marketplace import create_app
from marketplace.core.outbox import OutboxMessage, drain
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.search import get_engine
from marketplace.search.meili import index_settings
from marketplace.search.specs import SPECS
from tests.conftest import SHARED_DATA_DIR, app_folders
from tests.matching.conftest import certified, make_buyer, make_demand, make_offer, make_seller  # noqa: F401
from tests.search.conftest import build_catalogue
from tests.search.meili_contract import CLOSED, PATH_ALIASES, SERVER_DEFAULTED, Contract
from tests.search.meili_fake import FakeMeilisearch

CONTRACT = Contract()
KEY = "contract-suite-key"
SETTINGS_BY_UID = {f"ocop_{spec.name}": index_settings(spec) for spec in SPECS}


def meili_settings(fake, key=KEY):
    return {"SEARCH_ENGINE": "meilisearch", "MEILI_URL": fake.url, "MEILI_KEY": key, "MEILI_INDEX_PREFIX": "ocop_",
            "MEILI_TIMEOUT": 5}


@pytest.fixture
def fake():
    server = FakeMeilisearch(CONTRACT, api_key=KEY).start()
    yield server
    server.stop()


@pytest.fixture
def meili_app(app, fake):
    """The per-test app with its search engine pointed at the fake server."""
    app.config.update(meili_settings(fake))
    app.extensions["search"] = None  # made again from the settings on first use
    assert get_engine(app).name == "meilisearch"
    return app


def _names(body):
    return [item["name"] for item in body["items"]]


# --- the shape of every request --------------------------------------------------------

def test_indexing_sends_the_settings_and_documents_the_document_describes(meili_app, fake, make_product,
                                                                           make_certification):
    honey = make_product(name="Mật ong bạc hà", category="mat-ong", price=250_000)
    make_certification(honey, stars=4)
    report = drain()
    assert not report.failed, report.errors
    routes = fake.routes()
    assert {"POST /indexes", "PATCH /indexes/{indexUid}/settings", "POST /indexes/{indexUid}/documents",
            "GET /tasks/{taskUid}"} <= set(routes)
    for exchange in fake.requests_to("/indexes/{indexUid}/settings", "PATCH"):
        assert exchange.body == SETTINGS_BY_UID[exchange.path.split("/")[2]]  # applied by code, as written
    [added] = [e for e in fake.requests_to("/indexes/{indexUid}/documents") if e.path == "/indexes/ocop_products"
               "/documents"]
    assert added.query == {"primaryKey": "id"} and [d["id"] for d in added.body] == [honey.id]
    assert fake.indexes["ocop_products"]["documents"][str(honey.id)]["price"] == 250_000
    assert fake.problems == []


def test_the_engine_waits_for_each_task_until_it_is_done(meili_app, fake, make_product):
    fake.polls_before_done = 2  # every task answers "processing" twice before it succeeds
    make_product(name="Chè Shan tuyết")
    assert not drain().failed
    polls = fake.requests_to("/tasks/{taskUid}")
    assert [e.answer["status"] for e in polls[:3]] == ["processing", "processing", "succeeded"]
    assert len(polls) == 3 * len(fake.tasks)
    assert fake.problems == []


def test_deleting_and_rebuilding_follow_the_document(meili_app, fake, db, make_product):
    kept, gone = make_product(name="Bưởi Phúc Trạch"), make_product(name="Bưởi Diễn")
    assert not drain().failed
    gone.status = "archived"
    db.session.commit()
    assert not drain().failed
    [deleted] = fake.requests_to("/indexes/{indexUid}/documents/delete-batch")
    assert deleted.path == "/indexes/ocop_products/documents/delete-batch"
    assert [int(i) for i in deleted.body] == [gone.id]  # the client sends ids as strings
    assert fake.document_ids("ocop_products") == {kept.id}
    fake.forget()
    result = meili_app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Reindexed 1 products, 2 producers, 0 offers, 0 demands with the meilisearch engine" in result.output
    routes = fake.routes()
    assert routes.count("POST /swap-indexes") == 4 and "DELETE /indexes/{indexUid}" in routes
    [swap, *_] = fake.requests_to("/swap-indexes")
    assert swap.body == [{"indexes": ["ocop_products", "ocop_products__rebuild"]}]
    assert set(fake.indexes) == {f"ocop_{spec.name}" for spec in SPECS}  # no staging index left behind
    assert fake.document_ids("ocop_products") == {kept.id}
    assert fake.problems == []


# --- searches: the storefront's requests and what it makes of the answers ----------------

@pytest.fixture(scope="module")
def storefront(sqlite_template, tmp_path_factory):
    """The catalogue of `build_catalogue` indexed in a fake Meilisearch, and the same
    database served by a second app with no engine (SEARCH_ENGINE=database)."""
    folder = tmp_path_factory.mktemp("meili-contract")
    shutil.copyfile(sqlite_template, folder / "db.sqlite3")
    server = FakeMeilisearch(CONTRACT, api_key=KEY).start()
    common = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'db.sqlite3'}", "SHARED_DATA_DIR": SHARED_DATA_DIR,
              **app_folders(folder)}
    meili = create_app("testing", overrides={**common, **meili_settings(server)})
    database = create_app("testing", overrides={**common, "SEARCH_ENGINE": "database"})
    with meili.app_context():
        build_catalogue()
        report = drain(limit=10_000)
        assert not report.failed, report.errors
        db.session.remove()
    yield server, meili.test_client(), database.test_client()
    server.stop()
    with meili.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("query", [
    "", "group=thuc-pham", "stars=4", "stars=5", "province=an-giang", "province=kien-giang", "region=mien-bac",
    "region=dong-bang-song-cuu-long&kind=household", "kind=enterprise", "min_price=90000&max_price=200000",
    "subcategory=mat-ong&stars=3", "group=do-uong&stars=4", "per_page=5&page=2", "per_page=4&page=4",
])
@pytest.mark.parametrize("sort", ["price_asc", "price_desc"])  # prices differ: one right order
def test_storefront_searches_are_valid_and_filter_like_the_database(storefront, query, sort):
    """Filters, sort and pages written as Meilisearch filters select exactly the products,
    in the same order, that the database's own query selects (the fake evaluates them in
    Meilisearch's grammar), and the facet counts agree where both count."""
    server, meili, database = storefront
    server.forget()
    body = meili.get(f"/api/v1/products?{query}&sort={sort}&facets=1").get_json()
    expected = database.get(f"/api/v1/products?{query}&sort={sort}&facets=1").get_json()
    assert body["search"]["engine"] == "meilisearch" and not body["search"]["degraded"]
    assert (_names(body), body["total"]) == (_names(expected), expected["total"])
    assert expected["total"] == 15 or expected["total"] < 15 and (_names(expected) or "stars=5" in query), query
    common = set(body["facets"]) & set(expected["facets"])
    assert common >= {"groups", "regions", "stars"}
    assert {k: body["facets"][k] for k in common} == {k: expected["facets"][k] for k in common}
    assert server.searches() and server.problems == []


def test_a_search_sends_filter_facets_sort_and_page_as_documented(storefront):
    server, meili, _ = storefront
    server.forget()
    html = meili.get("/products?q=mat+ong&province=hung-yen&stars=3&sort=price_asc&per_page=2&page=1")
    assert html.status_code == 200 and "Mật ong hoa nhãn" in html.get_data(as_text=True)
    main = server.searches()[0]
    assert main["indexUid"] == "ocop_products" and main["q"] == "mat ong"
    assert main["sort"] == ["price:asc"] and (main["page"], main["hitsPerPage"]) == (1, 2)
    assert "province_id = " in main["filter"] and "stars3_until >= " in main["filter"]
    assert main["attributesToRetrieve"] == ["id"]
    assert {"group_id", "kind"} <= {f for q in server.searches() for f in q.get("facets") or []}
    assert server.problems == []


def test_suggestions_and_related_products_go_through_the_same_engine(storefront):
    server, meili, _ = storefront
    server.forget()
    body = meili.get("/api/v1/suggest?q=mat+ong+bac").get_json()
    assert not body["degraded"] and "Mật ong bạc hà Hà Giang" in [item["name"] for item in body["items"]]
    assert {q["indexUid"] for q in server.searches()} == {"ocop_products", "ocop_producers"}
    assert server.problems == []


def test_health_reports_the_documents_meilisearch_counts(storefront):
    server, meili, _ = storefront
    body = meili.get("/healthz").get_json()
    assert body["checks"]["search"]["engine"] == "meilisearch" and body["checks"]["search"]["ok"]
    assert body["checks"]["search"]["documents"]["products"] == 15
    assert "GET /indexes/{indexUid}/stats" in server.routes() and "GET /health" in server.routes()
    assert server.problems == []


# --- failures: what the site shows, and that nothing is lost ------------------------------

@pytest.mark.parametrize("status,code,message", [
    (404, "index_not_found", "Index `ocop_products` not found."),
    (400, "invalid_search_filter", "Attribute `province_id` is not filterable. Available filterable attributes "
                                   "are: ``."),
    (400, "invalid_search_sort", "Attribute `price` is not sortable."),
])
def test_a_refused_search_falls_back_to_the_database_and_says_so(meili_app, fake, make_product, status, code,
                                                                  message):
    honey = make_product(name="Mật ong rừng U Minh", category="mat-ong")
    make_product(name="Gạo ST25", category="nong-san-tuoi")
    assert not drain().failed
    fake.fail_request("POST", "/multi-search", status, code, message, times=10)
    client = meili_app.test_client()
    response = client.get("/products?q=mat+ong&sort=price_asc")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "chế độ giản lược" in html
    assert re.findall(r'<a href="/products/([^"]+)" class="card-link">', html) == [honey.slug]
    body = client.get("/api/v1/products?q=mat+ong").get_json()
    assert body["search"]["engine"] == "database" and body["search"]["degraded"]
    assert _names(body) == ["Mật ong rừng U Minh"]
    refused = fake.requests_to("/multi-search")
    assert refused and all(e.status == status and e.answer["code"] == code for e in refused)
    assert fake.problems == []


def test_a_wrong_key_is_a_degraded_site_not_an_error(meili_app, fake, make_product):
    make_product(name="Gạo ST25 Sóc Trăng")
    assert not drain().failed
    meili_app.config["MEILI_KEY"] = "not-the-key"
    meili_app.extensions["search"] = None
    client = meili_app.test_client()
    response = client.get("/products?q=gao")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "chế độ giản lược" in html and "ST25 Sóc Trăng" in html
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded" and health["checks"]["search"]["ok"] is False
    assert "invalid_api_key" in health["checks"]["search"]["error"]
    assert fake.exchanges[-1].status == 403 and fake.problems == []


def test_a_failed_task_is_retried_by_the_outbox_and_nothing_is_lost(meili_app, fake, db, make_product):
    fake.fail_task("documentAdditionOrUpdate", "internal", "An internal error has occurred.", kind="internal",
                   times=1)
    product = make_product(name="Nước mắm Phú Quốc")
    report = drain()
    assert report.failed and "internal" in " ".join(report.errors)
    waiting = db.session.execute(db.select(OutboxMessage).where(OutboxMessage.processed_at.is_(None))).scalars().all()
    assert waiting and all(m.attempts == 1 for m in waiting)
    assert product.id not in fake.document_ids("ocop_products")
    failed = [t for t in fake.tasks.values() if t["final"] == "failed"]
    assert [t["error_body"]["code"] for t in failed] == ["internal"]
    later = max(m.available_at for m in waiting)
    assert not drain(now=later).failed  # the worker's next round
    assert product.id in fake.document_ids("ocop_products")
    assert db.session.execute(db.select(OutboxMessage).where(OutboxMessage.processed_at.is_(None))).first() is None
    assert fake.problems == []


def test_an_index_created_meanwhile_is_not_an_error(meili_app, fake, make_product):
    """Two workers race to create an index: the second creation task fails with
    index_already_exists, and the engine goes on to the settings and the documents."""
    fake.fail_task("indexCreation", "index_already_exists", "Index `ocop_products` already exists.", times=1)
    make_product(name="Cà phê Ban Mê")
    assert not drain().failed
    assert fake.indexes["ocop_products"]["settings"] == SETTINGS_BY_UID["ocop_products"]
    assert fake.problems == []


# --- supply–demand matching: the offers and demands indexes ------------------------------

def test_matching_indexes_and_searches_offers_and_demands_through_meilisearch(
        meili_app, fake, make_buyer, make_seller, make_demand, make_offer, certified):
    from marketplace.catalog.services import find_category
    from marketplace.matching import matcher
    buyer, buyer_user = make_buyer()
    producer, producer_user = make_seller(name="HTX Bưởi Mỏ Cày")
    # Another OCOP group (Đồ uống) than the demand's: only the engine can find it by its words.
    juice = make_offer(producer, producer_user, title="Nước ép bưởi da xanh",
                       category=find_category("nuoc-giai-khat"))
    demand = make_demand(buyer, buyer_user, title="Bưởi da xanh")
    for _ in range(5):
        if not drain().processed:
            break
    assert juice.id in fake.document_ids("ocop_offers") and demand.id in fake.document_ids("ocop_demands")
    ranking = matcher.rank_offers_for_demand(demand.id, vn_today(), limit=20)
    assert ranking.engine == "meilisearch" and juice.id in [m.offer_id for m in ranking.matches]
    [search] = [q for q in fake.searches() if q["indexUid"] == "ocop_offers"][-1:]
    assert search["q"] == "buoi da xanh" and search["filter"].startswith("(expires_on >= ")
    assert fake.problems == []


# --- the contract itself ------------------------------------------------------------------

def test_the_contract_refuses_what_meilisearch_would_refuse(fake):
    """The checks are not vacuous: malformed requests sent with the official client are
    answered 400 and recorded as problems."""
    client = Client(fake.url, KEY)
    bad = [
        lambda: client.index("x").update_settings({"typoTolerance": {"minWordSizeForTypo": {"oneTypo": 4}}}),
        lambda: client.index("x").update_settings({"rankingRules": "words"}),
        lambda: client.multi_search([{"q": "mat ong"}]),  # no indexUid
        lambda: client.multi_search([{"indexUid": "x", "hitsPerPages": 10}]),
        lambda: client.multi_search([{"indexUid": "x", "matchingStrategy": "most"}]),
        lambda: client.index("x").update_settings({"pagination": {"maxTotalHits": -1}}),
        lambda: client.create_index("x", {"primaryKey": 3}),
    ]
    for send in bad:
        before = len(fake.problems)
        with pytest.raises(Exception):
            send()
        assert len(fake.problems) > before and fake.exchanges[-1].status == 400
    fake.problems.clear()


def test_the_documents_quirks_are_still_there():
    """Each correction of meili_contract.py answers a quirk of this version of the document;
    when a new version fixes one, this fails and the correction should go."""
    schemas = CONTRACT.original["components"]["schemas"]
    for name, fields in SERVER_DEFAULTED.items():
        assert set(fields) <= set(schemas[name]["required"]), name
    for name in CLOSED:
        assert "additionalProperties" not in schemas[name], name
    for served, documented in PATH_ALIASES.items():
        assert documented in CONTRACT.original["paths"] and served not in CONTRACT.original["paths"]
    multi = CONTRACT.original["paths"]["/multi-search"]["post"]["responses"]["200"]
    assert multi["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/FederatedSearchResult"}
    settings_in_details = schemas["DetailsView"]["allOf"][0]["oneOf"][1]["$ref"]
    assert settings_in_details == "#/components/schemas/Settings_Unchecked"
    assert schemas["Settings_Unchecked"]["additionalProperties"] is False
    documents = CONTRACT.original["paths"]["/indexes/{indexUid}/documents"]["post"]["parameters"]
    assert any(p["name"] == "csvDelimiter" and p["required"] and "default" in p["schema"] for p in documents)


