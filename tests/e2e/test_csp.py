"""The Content-Security-Policy blocks nothing the site needs, in Chromium.

The browser reports each blocked script, style, frame or request as a
`securitypolicyviolation` event and a console error; both are collected on the main
pages, while the scripts that remain (search suggestions, the checkout's shipping
recalculation, Stripe.js on the card page against localstripe) are used.
"""

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_checkout import _add_to_cart, _two_products_of_two_producers, card_server, pay_by_card  # noqa: F401

pytestmark = pytest.mark.e2e

# Runs in every page before its own scripts (Playwright injects it; CSP does not apply to it).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " +
                           e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture
def watched(page):
    """The page, and a list that fills with every CSP violation it reports (console or event)."""
    found = []
    page.add_init_script(LISTEN)
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: found.append(f"script error: {error}"))

    def violations():
        try:
            found.extend(page.evaluate("window.__violations || []"))
        except Exception:  # the page is navigating; its events were reported on the console too
            pass
        return sorted(set(found))
    return page, violations


def _visit(page, violations, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")
    assert violations() == [], url


def test_the_main_pages_need_nothing_the_policy_blocks(live_server, watched):
    base, app = live_server
    page, violations = watched
    first, _second = _two_products_of_two_producers(app)
    product_page = f"{base}/products/{first.slug}"
    page.goto(product_page)
    producer = page.locator("a[href^='/producers/']").first.get_attribute("href")
    province = page.locator("a[href^='/provinces/']").first.get_attribute("href")
    for path in ("/", "/products", "/products?q=ca+phe", f"/products/{first.slug}", producer, "/provinces", province,
                 "/events", "/showrooms", "/programme/", "/matching/", "/account/login", "/account/register",
                 "/api/v1/products?per_page=2", "/lang/en?next=/products", "/lang/vi?next=/"):
        _visit(page, violations, base + path if path.startswith("/") else path)
    # the search box's suggestions (fetch to our API, list built by suggest.js)
    page.goto(base + "/")
    page.locator("#site-q").press_sequentially("ca ph", delay=40)
    page.locator(".suggest-list li").first.wait_for(state="visible")
    # the cart and the checkout: choosing a province recalculates the shipping fee (checkout.js)
    _add_to_cart(page, base, first)
    page.get_by_role("link", name="Đặt hàng").click()
    page.wait_for_url(f"{base}/checkout")
    assert page.locator("button[name=refresh]").is_hidden()  # checkout.js hides the no-script button
    page.get_by_label("Tỉnh, thành phố").select_option("da-nang")  # ... and fetches the fees on a choice
    page.locator(".grand-total strong").wait_for(state="visible")
    assert violations() == []


def test_the_card_page_runs_stripe_js_under_the_policy(card_server, watched):
    from marketplace.extensions import db
    from marketplace.orders.models import Order, PaymentStatus
    base, app = card_server
    page, violations = watched
    reference = pay_by_card(page, base, app, "csp.card@example.vn", "Trần Thẻ")
    screenshot(page, "csp-card-paid")
    assert violations() == []
    with app.app_context():
        order = db.session.execute(db.select(Order).where(Order.reference == reference)).scalar_one()
        assert order.payment_status == PaymentStatus.PAID
        db.session.remove()


def test_a_blocked_inline_script_is_reported(live_server, watched):
    """The listener works: an inline script the page adds itself is refused and reported."""
    base, _app = live_server
    page, violations = watched
    page.goto(base + "/")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.ran = 1";
                             document.body.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran === undefined")
    assert any("script-src" in violation for violation in violations())
