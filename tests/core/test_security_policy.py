"""What the security headers allow and where: Stripe on the card page only, HSTS and HTTPS
in production only, the cookies' SameSite and Secure flags, and headers a view chose itself."""
import re

import pytest

from marketplace.core.downloads import send_private_document
from marketplace.core.storage import private_storage
from tests.conftest import STRIPE_TEST_SETTINGS, FormClient
from tests.orders.conftest import Shop, now, place, rules, shop  # noqa: F401  (the orders tests' small shop)

STRIPE_JS = "https://js.stripe.com/v3/"


def _policy(response):
    return {part.split()[0]: part.split()[1:] for part in response.headers["Content-Security-Policy"].split(";")
            if part.strip()}


def _open_order(client, order):
    """A guest opens their order from the e-mail's link (the key is remembered, then dropped from the URL)."""
    assert client.get(f"/orders/{order.reference}?key={order.access_token}").status_code == 302
    return client.get(f"/orders/{order.reference}")


def test_the_card_page_allows_stripe_and_nothing_else(app, client, shop, place):
    app.config.update(STRIPE_TEST_SETTINGS, STRIPE_JS_URL=STRIPE_JS)
    card = place({shop.tea: 1}, method="card")
    page = _open_order(client, card)
    assert page.status_code == 200 and f'<script src="{STRIPE_JS}">' in page.get_data(as_text=True)
    policy = _policy(page)
    assert "https://js.stripe.com" in policy["script-src"] and "'self'" in policy["script-src"]
    assert {"https://js.stripe.com", "https://hooks.stripe.com"} <= set(policy["frame-src"])
    assert "https://api.stripe.com" in policy["connect-src"]
    assert policy["frame-ancestors"] == ["'none'"] and "'unsafe-inline'" not in policy["script-src"]

    cash = place({shop.tea: 1}, method="cod")
    other = app.test_client()
    for response in (_open_order(other, cash), other.get("/"), other.get(f"/products/{shop.tea.slug}")):
        text = response.headers["Content-Security-Policy"]
        assert response.status_code == 200 and "stripe" not in text and "frame-src 'none'" in text


def test_the_card_page_follows_stripe_js_url(app, client, shop, place):
    """Against localstripe (or any Stripe.js address), that origin is the one allowed."""
    app.config.update(STRIPE_TEST_SETTINGS, STRIPE_JS_URL="http://127.0.0.1:8420/js.stripe.com/v3/",
                      STRIPE_API_BASE="http://127.0.0.1:8420")
    policy = _policy(_open_order(client, place({shop.tea: 1}, method="card")))
    for directive in ("script-src", "frame-src", "connect-src"):
        assert "http://127.0.0.1:8420" in policy[directive]
    assert not any("stripe.com" in source for sources in policy.values() for source in sources)


def test_production_sends_hsts_over_https_and_redirects_plain_http(production_app):
    app = production_app(TRUSTED_PROXIES=1)
    client = app.test_client()
    plain = client.get("/products?page=2", base_url="http://cho-ocop.example")
    assert plain.status_code == 302 and plain.headers["Location"] == "https://cho-ocop.example/products?page=2"
    assert "Strict-Transport-Security" not in plain.headers  # HSTS only means something over HTTPS
    # behind the proxy: plain HTTP from the proxy, which says the client came over HTTPS
    secure = client.get("/products", base_url="http://cho-ocop.example", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")  # a year
    assert secure.headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in \
        secure.headers["Content-Security-Policy"]


def test_development_and_tests_send_no_hsts_and_no_redirect(client):
    response = client.get("/products")
    assert response.status_code == 200 and "Strict-Transport-Security" not in response.headers


def _cookies(response):
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def test_the_remember_me_cookie_is_samesite_lax(client, forms, make_user):
    user = make_user()
    response = forms.post("/account/login", {"email": user.email, "password": "mat-khau-123", "remember": "y"})
    assert response.status_code == 302
    remember = _cookies(response)["remember_token"]
    assert "SameSite=Lax" in remember and "HttpOnly" in remember
    assert "SameSite=Lax" in _cookies(response)["session"]


def test_in_production_both_cookies_are_secure_too(production_app, make_user):
    app = production_app(TRUSTED_PROXIES=1)
    user = make_user()
    client = app.test_client()
    https = {"Host": "cho-ocop.example", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.4"}
    page = client.get("/account/login", headers=https)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    response = client.post("/account/login", headers={**https, "Referer": "https://cho-ocop.example/account/login"},
                           data={"email": user.email, "password": "mat-khau-123", "remember": "y",
                                 "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    for name in ("session", "remember_token"):
        assert "Secure" in _cookies(response)[name] and "SameSite=Lax" in _cookies(response)[name]


def test_headers_a_view_chose_are_kept(app, client, tmp_path):
    """A private document keeps its stricter policy (sandboxed, never framed)."""
    app.config["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private")
    app.extensions.pop("private_storage", None)
    private_storage().save("scans/test.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")

    @app.get("/_test/private-document")
    def _document():
        return send_private_document("scans/test.pdf", "giay-chung-nhan")

    response = client.get("/_test/private-document")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'; sandbox"
    assert response.headers["X-Frame-Options"] == "DENY" and response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_ticket_keeps_no_referrer(client, make_user):
    from datetime import timedelta

    from marketplace.catalog.services import find_province
    from marketplace.core.timeutil import utcnow
    from marketplace.events import lifecycle
    starts = (utcnow() + timedelta(days=10)).replace(microsecond=0, second=0)
    event = lifecycle.create_event(organizer=make_user(role="organizer"), kind="fair", title="Hội chợ",
                                   venue="Nhà văn hóa",
                                   province=find_province("ha-noi"), starts_at=starts,
                                   ends_at=starts + timedelta(days=1),
                                   address="1 Tràng Tiền", booth_count=1, visitor_capacity=None)
    lifecycle.transition_event(event, "published")
    response = FormClient(client).post(f"/events/{event.slug}/register", {"name": "Lê Thị Vé", "phone": "0912345678"})
    ticket = client.get(response.headers["Location"])
    assert ticket.status_code == 200 and ticket.headers["Referrer-Policy"] == "no-referrer"
    assert client.get("/").headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", ["/static/js/checkout.js", "/api/v1/provinces", "/healthz", "/events/calendar.ics"])
def test_files_and_data_carry_the_headers_too(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff" and response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
