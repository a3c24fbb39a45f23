"""Every response carries the security headers, and no page needs inline script or style.

The app is walked on the demo data (catalogue, events, showrooms, matching, plans) as a
visitor, an admin, the demo organizer, a producer and a business buyer: every GET route
of the url_map is reached through the links of the pages (at most a few URLs each), and
every answer (pages, JSON, CSV, iCalendar, images, static files, redirects, errors) is
checked. A route that the walk cannot reach on the demo data must be named below with
the reason, so a new route cannot slip by unchecked.
"""
import html
import re
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from marketplace.accounts.models import Role
from marketplace.accounts.services import find_user_by_email, register_user
from marketplace.catalog.models import ProducerMember, Product, ProductStatus
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from tests.conftest import FormClient

pytestmark = pytest.mark.undated  # headers on every page: the same on any day

PASSWORD = "mat-khau-123"
PER_ENDPOINT = 2  # URLs fetched per route by the first visitor who reaches it; later visitors fetch one

# Routes the walk cannot reach with a 200 on the demo data, and why.
NOT_ON_DEMO_DATA = {
    "orders.order": "the demo data has no orders (test_the_card_page_allows_stripe_and_nothing_else has one)",
    "orders.studio_shipment": "the demo data has no orders",
    "orders.studio_booking": "the demo data has no bookings (test_the_producer_sees_and_confirms_bookings_in_the_studio has one)",
    "matching.connection": "the demo data has no connections between buyers and producers",
    "matching.connection_json": "the demo data has no connections",
    "admin.certification_scan": "demo certificates have no scanned document",
    "admin.producer_registration": "demo producers have no registration document",
    "studio.certification_scan": "demo certificates have no scanned document",
    "studio.registration_document": "demo producers have no registration document",
    "studio.onboarding": "answers only a producer account without a producer profile",
    "programme.edit_plan": "the demo's plans come from shared/data (edited in the file, not on the site)",
    "events.ticket": "demo events have no visitors (tickets are reached by their secret code)",
    "events.ticket_qr": "demo events have no visitors",
    "cycle_studio.new_plan": "every acknowledged idea of the demo already has its business plan",
    # and routes that always answer with a redirect (their redirect is checked)
    "core.set_language": "a redirect back to the page (/lang/en?next=/products below)",
    "search.search": "a redirect to the catalogue (/search?q=che below)",
}


def _one_time_link(rule):
    """Invitation and similar links carry a secret token: nothing links to them."""
    return "token" in rule.arguments


@pytest.fixture
def demo_site(demo_app):
    """The demo catalogue plus the demo events, matching and plans, and an account for each role."""
    from marketplace.events.demo import ORGANIZER_EMAIL, load_demo_events
    from marketplace.matching.demo import BUYERS, load_demo_matching
    from marketplace.matching.models import Offer
    from marketplace.programme.loader import load_plans
    load_plans()
    load_demo_events(vn_today())
    load_demo_matching(vn_today())
    from marketplace.inspection.demo import load_demo_inspection
    from marketplace.training.demo import load_demo_training
    load_demo_inspection(vn_today())
    load_demo_training(vn_today())
    from marketplace.cycle.demo import COUNCIL, OFFICER, load_demo_cycle
    load_demo_cycle(vn_today())
    accounts = {"admin": register_user(email="quan-tri@example.vn", password=PASSWORD, full_name="Quản trị",
                                       role=Role.ADMIN, self_service=False)}
    from marketplace.cycle.models import BusinessPlan
    applicant = db.session.execute(db.select(BusinessPlan).order_by(BusinessPlan.id)).scalars().first().idea.applicant
    for role, email in (("organizer", ORGANIZER_EMAIL), ("buyer", BUYERS[0][7]), ("officer", OFFICER),
                        ("council", COUNCIL[0][0]), ("applicant", applicant.email)):
        user = find_user_by_email(email)
        user.set_password(PASSWORD)
        accounts[role] = user
    producer = register_user(email="nha-san-xuat@example.vn", password=PASSWORD, full_name="Chủ HTX",
                             role=Role.PRODUCER, self_service=False)
    offer = db.session.execute(db.select(Offer).order_by(Offer.id)).scalars().first()
    db.session.add(ProducerMember(producer_id=offer.producer_id, user_id=producer.id, is_owner=True))
    db.session.commit()
    accounts["producer"] = producer
    return demo_app, {role: user.email for role, user in accounts.items()}


def _csp(response):
    policy = {}
    for part in response.headers.get("Content-Security-Policy", "").split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def check_headers(url, response):
    """The headers every answer must carry; for HTML, markup the policy allows without inline code."""
    problems = []
    headers = response.headers
    policy = _csp(response)
    if not policy:
        problems.append("no Content-Security-Policy")
    if policy.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors {policy.get('frame-ancestors')}")
    for directive in ("script-src", "style-src", "default-src"):
        if {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(policy.get(directive, [])):
            problems.append(f"{directive} allows {policy[directive]}")
    if "script-src" not in policy and policy.get("default-src") != ["'none'"]:
        problems.append("no script-src")
    expected = {"X-Frame-Options": {"DENY"}, "X-Content-Type-Options": {"nosniff"},
                "Referrer-Policy": {"strict-origin-when-cross-origin", "no-referrer"}}
    for name, allowed in expected.items():
        if headers.get(name) not in allowed:
            problems.append(f"{name}: {headers.get(name)}")
    if "camera=()" not in headers.get("Permissions-Policy", ""):
        problems.append(f"Permissions-Policy: {headers.get('Permissions-Policy')}")
    if "Strict-Transport-Security" in headers:
        problems.append("HSTS outside production")
    if response.mimetype == "text/html" and response.status_code == 200:
        page = response.get_data(as_text=True)
        nonces = [word[len("'nonce-"):-1] for word in policy.get("script-src", []) if word.startswith("'nonce-")]
        for attributes in SCRIPT_TAG.findall(page):
            has_src = re.search(r"\ssrc=", attributes)
            nonce = re.search(r'nonce="([^"]+)"', attributes)
            if not has_src and not (nonce and nonce.group(1) in nonces):
                problems.append(f"inline <script{attributes}> without the response's nonce")
        if INLINE_HANDLER.search(page):
            problems.append(f"inline event handler {INLINE_HANDLER.search(page).group(0)[:80]}")
        if STYLE_ATTRIBUTE.search(page) or re.search(r"<style\b", page, re.I):
            problems.append("inline style")
    return [f"{url} ({response.status_code}): {problem}" for problem in problems]


LINK = re.compile(r"""(?:href|src|action)="([^"]+)\"""")


def _links(base, page):
    for raw in LINK.findall(page):
        url = urljoin(base, html.unescape(raw))
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc != "localhost":
            continue
        if parts.scheme not in ("", "http", "https"):
            continue  # mailto:, tel:
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def walk(app, client, seeds, done=frozenset()):
    """Breadth-first over the pages' links: (endpoints answered 200, problems found).

    Routes in `done` (reached by an earlier visitor) are fetched once more, for their links.
    """
    adapter = app.url_map.bind("localhost")
    queue, seen, fetched = deque(seeds), set(), Counter()
    reached, problems = set(), []
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        path = urlsplit(url).path
        try:
            endpoint, _args = adapter.match(path, method="GET")
        except RequestRedirect:
            continue
        except HTTPException:
            continue
        if endpoint == "core.set_language" or fetched[endpoint] >= (1 if endpoint in done else PER_ENDPOINT):
            continue
        fetched[endpoint] += 1
        response = client.get(url)
        problems += check_headers(url, response)
        if response.status_code == 200:
            reached.add(endpoint)
            if response.mimetype == "text/html":
                queue.extend(_links(url, response.get_data(as_text=True)))
    return reached, problems


def _seeds(app):
    seeds = ["/"]
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments:
            seeds.append(rule.rule)
    return seeds


def test_every_page_of_the_demo_site_carries_the_security_headers(demo_site):
    app, emails = demo_site
    reached, problems = set(), []
    product = db.session.execute(db.select(Product).where(Product.status == ProductStatus.ACTIVE)
                                 .order_by(Product.id)).scalars().first()
    # The API links to the site's pages only: its lookups are seeded.
    seeds = _seeds(app) + [f"/api/v1/products/{product.slug}", "/api/v1/ocop/verify?number=QĐ"]
    for role in (None, "admin", "organizer", "producer", "buyer", "officer", "council", "applicant"):
        client = app.test_client()
        forms = FormClient(client)
        if role:
            response = forms.post("/account/login", {"email": emails[role], "password": PASSWORD})
            assert response.status_code == 302, role
        if role == "buyer":  # the checkout page needs something in the cart
            forms.post("/cart/add", {"product_id": product.id, "quantity": 1}, form_url=f"/products/{product.slug}")
        seen, found = walk(app, client, seeds, done=frozenset(reached))
        reached |= seen
        problems += found
    # errors, redirects and refusals too
    client = app.test_client()
    for url, status in (("/khong-co-trang-nay", 404), ("/api/v1/khong-co", 404), ("/studio/", 302),
                        ("/lang/en?next=/products", 302), ("/search?q=che", 302)):
        response = client.get(url)
        assert response.status_code == status, url
        problems += check_headers(url, response)
    refused = client.post("/account/login", data={"email": "a@example.vn", "password": "x"})
    assert refused.status_code == 400  # no CSRF token
    problems += check_headers("POST /account/login", refused)
    assert problems == []

    expected = {rule.endpoint for rule in app.url_map.iter_rules()
                if "GET" in rule.methods and not _one_time_link(rule)} - set(NOT_ON_DEMO_DATA)
    missing = sorted(expected - reached)
    assert missing == [], missing
    assert not (set(NOT_ON_DEMO_DATA) - {rule.endpoint for rule in app.url_map.iter_rules()}), "stale exclusions"
