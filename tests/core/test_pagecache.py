"""The page cache: who is served a kept page, what it holds, and what HTTP caches are told.

Runs on the in-process store (the default of `make run` and the tests) and on a real
redis-server (tests/redisserver.py), the production store.
"""
import re
import uuid

import pytest

from marketplace.core.pagecache import HEADER
from marketplace.core.pagecache.serving import Entry
from marketplace.core.pagecache.store import LocalStore, NearStore, RedisStore, StoreUnavailable
from tests.conftest import FormClient, sign_in

NONCE = re.compile(r"'nonce-([^']+)'")
# A kept page's per-visitor placeholder (serving.py: "pc", 16 hex digits, then c/s/n). Searched as
# this whole shape: a random token may well contain the letters "pc".
PLACEHOLDER = re.compile(r"pc[0-9a-f]{16}[csn]")


@pytest.fixture(params=["local", "redis"])
def store(request, app):
    """The app's page cache on the in-process store, then on Redis."""
    cache = app.extensions["pagecache"]
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        cache.store = RedisStore(server.url, prefix=f"test:{uuid.uuid4().hex[:8]}:")
        cache.watch_outbox = False
    return cache.store


@pytest.fixture
def honey(db, make_product, make_certification):
    product = make_product(name="Mật ong bạc hà Đồng Văn", price=150_000, stock=30)
    make_certification(product, stars=4)
    _drain()  # indexed, as `flask worker` does: a page answered from an empty index is not kept
    return product


def source(response):
    return response.headers.get(HEADER)


def tokens(html):
    return (re.findall(r'name="csrf_token"[^>]*value="([^"]+)"', html),
            re.findall(r'name="submission"[^>]*value="([^"]+)"', html))


def test_an_anonymous_page_is_rendered_once_then_served_kept(app, client, store, honey):
    url = f"/products/{honey.slug}"
    first, second = client.get(url), client.get(url)
    assert (source(first), source(second)) == ("miss", "hit")
    assert first.status_code == second.status_code == 200
    assert "150.000" in second.get_data(as_text=True) and "Mật ong bạc hà Đồng Văn" in second.get_data(as_text=True)
    # The same page but for the per-visitor parts.
    strip = lambda r: re.sub(r'(value|nonce)="[^"]*"', "", r.get_data(as_text=True))  # noqa: E731
    assert strip(first) == strip(second)


def test_signed_in_users_never_get_nor_leave_a_kept_page(app, client, store, honey, make_user):
    url = f"/products/{honey.slug}"
    user = make_user(full_name="Lê Thị Riêng Tư")
    member = app.test_client()
    sign_in(member, user)
    mine = member.get(url)
    assert source(mine) == "personal" and "Lê Thị Riêng Tư" in mine.get_data(as_text=True)
    assert mine.headers["Cache-Control"].startswith("private") and "ETag" not in mine.headers
    anonymous = client.get(url)
    assert source(anonymous) == "miss"  # the signed-in render was not kept
    assert "Lê Thị Riêng Tư" not in anonymous.get_data(as_text=True)
    assert source(member.get(url)) == "personal"  # nor is the kept one served to the member
    assert "Lê Thị Riêng Tư" in member.get(url).get_data(as_text=True)


def test_forms_on_a_kept_page_carry_each_visitors_own_tokens(app, store, honey):
    url = f"/products/{honey.slug}"
    one, two = app.test_client(), app.test_client()
    first, second = one.get(url), two.get(url)
    assert (source(first), source(second)) == ("miss", "hit")
    (csrf_one, subs_one), (csrf_two, subs_two) = tokens(first.get_data(as_text=True)), \
        tokens(second.get_data(as_text=True))
    assert csrf_one and csrf_two and csrf_one[0] != csrf_two[0]
    assert subs_one and subs_two and not set(subs_one) & set(subs_two) and len(set(subs_two)) == len(subs_two)
    assert not PLACEHOLDER.search(second.get_data(as_text=True))  # no placeholder left
    # Both visitors add to their carts from the kept page: neither is taken for the other's repeat.
    for visitor in (one, two):
        answer = FormClient(visitor).post("/cart/add", {"product_id": honey.id, "quantity": 2}, form_url=url)
        assert answer.status_code == 302
        cart = visitor.get("/cart").get_data(as_text=True)
        assert "Mật ong bạc hà Đồng Văn" in cart and 'value="2"' in cart


def test_a_guest_with_a_cart_sees_their_cart_count(app, client, store, honey):
    url = f"/products/{honey.slug}"
    assert source(client.get(url)) == "miss" and source(client.get(url)) == "hit"
    FormClient(client).post("/cart/add", {"product_id": honey.id, "quantity": 3}, form_url=url)
    page = client.get(url)
    assert source(page) == "personal"
    count = re.search(r'<span class="cart-count">(.*?)</span></span>', page.get_data(as_text=True)).group(1)
    assert re.sub(r"<[^>]+>", "", count) == "(3)"  # the header's own count (brackets for screen readers)
    assert source(app.test_client().get(url)) == "hit"  # other visitors still get the kept page


def test_the_nonce_of_a_kept_page_is_its_answers_own(client, store, honey):
    url = f"/products/{honey.slug}"
    client.get(url)
    for _ in range(2):
        page = client.get(url)
        assert source(page) == "hit"
        header = NONCE.search(page.headers["Content-Security-Policy"]).group(1)
        assert re.findall(r'<script type="application/ld\+json" nonce="([^"]+)"', page.get_data(as_text=True)) \
            == [header]


def test_the_key_is_the_canonical_query_and_nothing_a_visitor_adds_is_kept(client, store, honey):
    assert source(client.get("/products?stars=4&q=m%E1%BA%ADt+ong")) == "miss"
    again = client.get("/products?page=1&utm_source=%3Cb%3Espam%3C%2Fb%3E&q=++m%E1%BA%ADt+++ong+&stars=4&sort=")
    assert source(again) == "hit"
    assert "utm_source" not in again.get_data(as_text=True) and "spam" not in again.get_data(as_text=True)
    fresh = client.get("/products?utm_source=spam-only-here")
    assert source(fresh) == "miss" and "spam-only-here" not in fresh.get_data(as_text=True)


def test_each_language_has_its_own_page(client, store, honey):
    url = f"/products/{honey.slug}"
    assert source(client.get(url)) == "miss"
    english = client.get(url + "?lang=en")
    assert source(english) == "miss" and "Add to cart" in english.get_data(as_text=True)
    assert source(client.get(url)) == "hit" and "Add to cart" in client.get(url).get_data(as_text=True)
    vietnamese = client.application.test_client().get(url)
    assert source(vietnamese) == "hit" and "Thêm vào giỏ hàng" in vietnamese.get_data(as_text=True)


def test_bad_values_are_kept_with_their_message(client, store):
    first = client.get("/products?stars=nine")
    assert source(first) == "miss" and "Số sao phải từ 1 đến 5." in first.get_data(as_text=True)
    assert source(client.get("/products?stars=nine")) == "hit"


# --- HTTP caching -------------------------------------------------------------------------

def test_validators_and_revalidation(client, store, honey, db):
    listing = client.get("/products")
    etag, modified = listing.headers["ETag"], listing.headers["Last-Modified"]
    assert etag.startswith('W/"') and modified
    assert listing.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Cookie" in listing.headers.get("Vary", "")
    unchanged = client.get("/products", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.data == b"" and unchanged.headers["ETag"] == etag
    assert client.get("/products", headers={"If-Modified-Since": modified}).status_code == 304
    # A page with a form is each visitor's own: browsers may keep it, proxies may not.
    product = client.get(f"/products/{honey.slug}")
    assert product.headers["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert client.get(f"/products/{honey.slug}", headers={"If-None-Match": product.headers["ETag"]}).status_code \
        == 304
    honey.name = "Mật ong bạc hà Mèo Vạc"
    db.session.commit()
    changed = client.get("/products", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "Mèo Vạc" in changed.get_data(as_text=True)


def test_the_read_api_is_cached_and_revalidated(client, store, honey):
    for url in ("/api/v1/products?stars=4", f"/api/v1/products/{honey.slug}", "/api/v1/provinces",
                "/api/v1/suggest?q=mat+ong"):
        first = client.get(url)
        assert first.status_code == 200 and source(first) == "miss", url
        assert first.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and source(again) == "hit", url


def test_personal_and_unkept_answers_are_never_public(app, client, store, make_user):
    user = make_user()
    sign_in(client, user)
    for url in ("/", "/products", "/orders", "/cart", "/api/v1/products"):
        answer = client.get(url)
        assert answer.headers["Cache-Control"].startswith("private"), url
        assert "public" not in answer.headers["Cache-Control"], url
    guest = app.test_client()
    assert guest.get("/cart").headers["Cache-Control"] == "private, no-cache"


# --- the stores ---------------------------------------------------------------------------

def _entry(store, key, tags, value=b"page"):
    since = store.clock()
    return store.put(key, value, tags, 60, since), since


def test_a_store_refuses_a_page_read_before_one_of_its_tags_changed(store):
    since = store.clock()
    store.invalidate({"products:1"})  # a change lands while the page renders
    assert store.put("k1", b"stale", {"products:1", "provinces"}, 60, since) is False
    assert store.get("k1")[0] is None
    assert store.put("k2", b"other", {"products:2"}, 60, since) is True  # an unrelated page is kept
    assert store.get("k2")[0] == b"other"


def test_invalidating_a_tag_forgets_exactly_its_holders(store):
    _entry(store, "a", {"products:1", "products"})
    _entry(store, "b", {"products:2", "products"})
    _entry(store, "c", {"events"})
    store.invalidate({"products:1"})
    assert [store.get(k)[0] is None for k in "abc"] == [True, False, False]
    store.invalidate({"products"})
    assert [store.get(k)[0] is None for k in "abc"] == [True, True, False]


def test_clear_forgets_every_page(app, client, store, honey):
    client.get("/products")
    assert source(client.get("/products")) == "hit"
    store.clear()
    assert source(client.get("/products")) == "miss"


def test_an_entry_keeps_its_parts():
    entry = Entry(body=b"<p>x\ny</p>", marker="pc1", etag="e", modified=1, expires=2.5, day="2026-11-29", since=3,
                  content_type="text/html; charset=utf-8", personal=True)
    assert Entry.parse(entry.to_bytes()) == entry


def test_the_local_store_keeps_at_most_its_size():
    store = LocalStore(max_entries=3)
    for key in "abcd":
        _entry(store, key, {f"t:{key}"})
    assert store.get("a")[0] is None and len(store) == 3


def test_pages_are_served_while_redis_is_down(app, client, db, honey):
    cache = app.extensions["pagecache"]
    cache.store = RedisStore("redis://127.0.0.1:9/0", prefix="down:", timeout=0.1)
    cache.watch_outbox = False
    page = client.get(f"/products/{honey.slug}")
    assert page.status_code == 200 and source(page) == "bypass"
    honey.price = 155_000
    db.session.commit()  # the commit does not fail; its message waits for the store
    from marketplace.core.outbox import drain
    report = drain()
    assert report.failed >= 1 and all(error.startswith("RetryLater") for error in report.errors)
    with pytest.raises(StoreUnavailable):
        cache.store.get("x")


# --- production ---------------------------------------------------------------------------

def test_production_refuses_an_in_process_page_cache(tmp_path):
    from marketplace import create_app
    from tests.core.conftest import production_settings
    with pytest.raises(RuntimeError, match="PAGE_CACHE_URL"):
        create_app("production", overrides=production_settings(
            tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/x.sqlite3", PAGE_CACHE_URL="local"))
    shared = create_app("production", overrides=production_settings(
        tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/x.sqlite3", RATELIMIT_STORAGE_URI="redis://r:6379/1"))
    assert shared.config["PAGE_CACHE_URL"] == "redis://r:6379/1"  # the rate limits' server
    assert shared.extensions["pagecache"].store.kind == "redis"
    near = shared.extensions["pagecache"].store
    assert isinstance(near, NearStore) and near.seconds == 1  # each worker's busy pages, for a second
    alone = create_app("production", overrides=production_settings(
        tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/x.sqlite3", RATELIMIT_STORAGE_URI="memory://"))
    assert alone.extensions["pagecache"] is None  # no shared store: no page cache


def test_kept_pages_end_at_vietnams_midnight(app, client, store, honey):
    import time_machine

    from marketplace.core.pagecache.serving import next_midnight
    from marketplace.core.timeutil import vn_today
    client.get("/products")
    assert source(client.get("/products")) == "hit"
    with time_machine.travel(next_midnight(vn_today()) + 1, tick=False):
        assert source(client.get("/products")) == "miss"


# --- exact invalidation: what a visitor sees after a change ------------------------------

def _drain():
    from marketplace.core.outbox import drain
    report = drain(limit=10_000)
    assert not report.failed, report.errors
    return report


def test_a_new_price_shows_on_the_product_page_and_the_listing(client, store, honey, db):
    product_url, listing_url = f"/products/{honey.slug}", "/products?q=m%E1%BA%ADt+ong"
    _drain()  # the index has the product
    for url in (product_url, listing_url, "/"):
        client.get(url)
        assert source(client.get(url)) == "hit", url
    honey.price = 175_000
    db.session.commit()
    _drain()  # what `flask worker` does
    for url in (product_url, listing_url):
        page = client.get(url)
        assert source(page) == "miss", url
        assert "175.000" in page.get_data(as_text=True) and "150.000" not in page.get_data(as_text=True), url


def test_stock_changes_forget_the_product_page_and_not_every_list(client, store, honey, make_product, db):
    other = make_product(name="Chè Shan tuyết cổ thụ", category="che-tra")  # not among its related products
    _drain()
    for url in (f"/products/{honey.slug}", f"/products/{other.slug}"):
        client.get(url)
    honey.stock = 0
    db.session.commit()
    _drain()
    assert source(client.get(f"/products/{other.slug}")) == "hit"  # another product's page stays
    page = client.get(f"/products/{honey.slug}")
    assert source(page) == "miss" and "Hết hàng" in page.get_data(as_text=True)


def test_a_revoked_certificate_takes_the_stars_off_the_pages(client, store, db, make_product, make_certification,
                                                             make_user):
    from marketplace.catalog.services import transition_certification
    product = make_product(name="Nước mắm cốt Cửa Khe", price=120_000)
    certificate = make_certification(product, stars=5)
    _drain()
    listing = "/products?stars=5"
    assert "Nước mắm cốt Cửa Khe" in client.get(listing).get_data(as_text=True)
    assert source(client.get(listing)) == "hit"
    transition_certification(certificate, "revoked", actor=make_user(), reason="Hồ sơ không hợp lệ")
    _drain()
    page = client.get(listing)
    assert source(page) == "miss" and "Nước mắm cốt Cửa Khe" not in page.get_data(as_text=True)


def test_another_process_change_reaches_the_shared_store_through_the_outbox(app, client, store, honey, db):
    """A change committed by another process (its own page cache, not this store) is
    forgotten here when the outbox worker handles its message."""
    from marketplace.core.pagecache.store import LocalStore
    url = f"/products/{honey.slug}"
    _drain()
    client.get(url)
    assert source(client.get(url)) == "hit"
    cache = app.extensions["pagecache"]
    shared, cache.store = cache.store, LocalStore()  # the other process's cache
    honey.price = 99_000
    db.session.commit()
    cache.store = shared
    if shared.kind == "redis":
        assert source(client.get(url)) == "hit"  # not yet: the message is waiting
    _drain()
    page = client.get(url)
    assert source(page) == "miss" and "99.000" in page.get_data(as_text=True)


def test_a_worker_holds_busy_pages_near_for_a_moment_only(app, client, honey, db, redis_server):
    """Production's store: Redis with each worker's pages held near (PAGE_CACHE_NEAR_SECONDS).
    Another process's change shows here once the moment has passed (well within the 2 s
    a change may take); this process's own change shows at once."""
    cache = app.extensions["pagecache"]
    prefix = f"test:{uuid.uuid4().hex[:8]}:"
    now = [1000.0]  # the layer's clock, moved by the test
    near = cache.store = NearStore(RedisStore(redis_server.url, prefix=prefix), seconds=0.5, clock=lambda: now[0])
    cache.watch_outbox = False
    url = f"/products/{honey.slug}"
    _drain()
    client.get(url)
    assert source(client.get(url)) == "hit"
    cache.store = RedisStore(redis_server.url, prefix=prefix)  # another worker: its commit reaches Redis
    honey.price = 99_000
    db.session.commit()
    cache.store = near
    held = client.get(url)
    assert source(held) == "hit" and "150.000" in held.get_data(as_text=True)  # this worker's moment
    now[0] += 0.6
    page = client.get(url)
    assert source(page) == "miss" and "99.000" in page.get_data(as_text=True)
    assert source(client.get(url)) == "hit"
    honey.price = 120_000  # this worker's own change
    db.session.commit()
    page = client.get(url)
    assert source(page) == "miss" and "120.000" in page.get_data(as_text=True)


def test_no_kept_page_holds_a_session_cookie_a_token_or_a_member_header(app, store, honey, make_user):
    """Pages kept while members and guests with carts browse are served to a new visitor
    without anything of theirs."""
    member = app.test_client()
    user = make_user(full_name="Trần Văn Bí Mật")
    sign_in(member, user)
    guest = app.test_client()
    urls = [f"/products/{honey.slug}", "/products", "/", "/provinces", "/events"]
    for url in urls:
        member.get(url)
        guest.get(url)
    theirs = {c.get_cookie("session").value for c in (member, guest) if c.get_cookie("session")}
    assert theirs
    seen = {}
    for url in urls:
        visitor = app.test_client()
        page = visitor.get(url)
        assert source(page) == "hit", url
        # A visitor's own session (its CSRF secret) at most: never the member's nor the guest's.
        assert not any(value in " ".join(page.headers.getlist("Set-Cookie")) for value in theirs), url
        assert page.headers.get("Cache-Control", "").startswith(("public", "private")), url
        html = page.get_data(as_text=True)
        assert "Trần Văn Bí Mật" not in html and "/account/sign-out" not in html, url
        assert not PLACEHOLDER.search(html), url
        seen[url] = tokens(html)[0]
    # Tokens never repeat across visitors of the same kept page.
    again = app.test_client().get(urls[0])
    assert not set(tokens(again.get_data(as_text=True))[0]) & set(seen[urls[0]])


def test_a_page_answered_while_the_engine_is_down_is_not_kept(app, client, store, honey):
    """Kept, it would still say "simplified mode" once the engine is back."""
    from tests.search.test_outbox import DownEngine
    engine, app.extensions["search"] = app.extensions.get("search"), DownEngine()
    try:
        first = client.get("/products?q=m%E1%BA%ADt+ong")
        assert "chế độ giản lược" in first.get_data(as_text=True) and source(first) == "unkept"
        assert source(client.get("/products?q=m%E1%BA%ADt+ong")) == "unkept"
    finally:
        app.extensions["search"] = engine
    _drain()
    page = client.get("/products?q=m%E1%BA%ADt+ong")
    assert source(page) == "miss" and "chế độ giản lược" not in page.get_data(as_text=True)
