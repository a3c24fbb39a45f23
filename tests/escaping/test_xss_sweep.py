"""Stored and reflected XSS, swept: hostile markup in every text a user can write, every page read by others.

The world (tests/escaping/world.py) holds one of each record; `fill` then puts markup into
every user-written String/Text column of every model (a new column is filled unless
world.NOT_USER_WRITTEN says why no user writes it). Each role — anonymous, consumer,
business buyer, producer, a rejected producer, an exhibitor, organizer, officer — walks the
site from its pages, following links, and every HTML page is parsed: no element, attribute,
script or comment of the payload may exist. Every filled column must also be seen on some
page as text, so a field that silently stopped being shown (or a page the walk no longer
reaches) fails the test rather than passing it unread.
"""
import io
import re
from collections import Counter
from urllib.parse import quote

import pytest

from tests.conftest import FormClient
from tests.escaping.conftest import sign_in
from tests.escaping.pages import crawl, scan
from tests.escaping.world import MARKUP, fill_markup

# Filled columns that no page shows, and why (they must still be safe wherever they go).
NOT_SHOWN = {
    "meeting_requests.note": "kept with the meeting request; no page or e-mail shows it yet",
    "orders.email": "where the order's e-mails go; pages show the phone (checkout re-shows what was typed)",
    "stock_imports.filename": "kept for the audit log's details, which no page shows",
}

# Endpoints the walk does not open: files, feeds, JSON, language switches.
SKIP = {"static", "core.media", "core.set_language", "core.healthz", "events.event_calendar",
        "events.calendar_feed", "events.ticket_qr", "matching.agenda_ics", "matching.connection_json",
        "matching.demand_matches_json", "matching.offer_matches_json", "organizer.exhibitors_csv",
        "organizer.visitors_csv", "programme.post_inspection_csv", "studio.stock_csv", "admin.certification_scan",
        "admin.producer_registration", "studio.certification_scan", "studio.registration_document",
        "api.products", "api.product", "api.provinces", "api.suggest", "programme_api.index",
        "programme_api.dataset", "programme_api.plan"}


def _seeds(w):
    product, producer, order = w.product, w.producer, w.order
    common = ["/", "/products", "/products?q=script+alert", f"/products/{product.slug}",
              f"/producers/{producer.slug}", "/events", f"/events/{w.event.slug}", "/showrooms",
              f"/showrooms/{w.showroom.slug}", "/programme/", f"/programme/plans/{w.plan.slug}",
              "/programme/provinces/ha-noi", "/provinces/ha-noi", "/matching/", "/cart"]
    return {
        # The anonymous visitor reads in English, everyone else in Vietnamese.
        "anonymous": ["/?lang=en"] + common + [f"/tickets/{w.registration.code}", f"/events/{w.b2b.slug}"],
        "consumer": ["/", f"/products/{product.slug}", "/cart", "/checkout", "/orders", f"/orders/{order.reference}",
                     f"/orders/{w.card_order.reference}", f"/orders/{w.cancelled_order.reference}"],
        "buyer": ["/matching/demands", f"/matching/demands/{w.demand.id}", f"/matching/offers/{w.offer.id}",
                  "/matching/connections", f"/matching/connections/{w.connection.id}", "/matching/buyer",
                  f"/matching/events/{w.b2b.slug}/meetings", f"/matching/events/{w.b2b.slug}/agenda"],
        "producer": ["/studio/", "/studio/products", f"/studio/products/{product.id}",
                     f"/studio/products/{product.id}/preview", "/studio/certifications", "/studio/shipments",
                     f"/studio/shipments/{order.shipments[0].id}", "/studio/stock", "/studio/team", "/studio/profile",
                     "/matching/offers", f"/matching/offers/{w.offer.id}", f"/matching/demands/{w.demand.id}",
                     f"/matching/connections/{w.connection.id}", "/events/applications",
                     f"/events/{w.event.slug}/apply", f"/matching/events/{w.b2b.slug}/agenda"],
        "rejected_producer": ["/studio/", "/studio/profile"],
        "exhibitor": ["/events/applications", "/studio/"],
        "organizer": ["/organizer/", f"/organizer/events/{w.event.id}", f"/organizer/events/{w.event.id}/visitors",
                      f"/organizer/events/{w.event.id}/checkin", f"/organizer/events/{w.event.id}/edit",
                      f"/organizer/events/{w.b2b.id}", f"/organizer/showrooms/{w.showroom.id}",
                      f"/matching/events/{w.b2b.slug}/meetings"],
        "officer": ["/admin/", "/admin/producers", "/admin/certifications", "/admin/audit",
                    "/programme/post-inspection", f"/programme/plans/{w.plan.slug}/edit", "/orders/transfers",
                    f"/admin/producers/{producer.id}"],
    }


@pytest.fixture
def hostile(world):
    fill_markup(world)
    return world


TYPED = MARKUP.format(n=0)  # what a user types into a form or a URL


def _typed_text_pages(app, w):
    """Pages that show back what was just typed or uploaded: (role, label, response)."""
    def client_of(role):
        client = app.test_client()
        return sign_in(client, w.users[role]) if role != "anonymous" else client

    anonymous, consumer, producer = client_of("anonymous"), client_of("consumer"), client_of("producer")
    officer, organizer = client_of("officer"), client_of("organizer")
    csv_file = (f"slug,price,stock\n{TYPED},{TYPED},{TYPED}\n{w.product.slug},{TYPED},-{TYPED}\n").encode()
    yield "producer", "stock CSV preview", FormClient(producer).post(
        "/studio/stock", {"file": (io.BytesIO(csv_file), "kho.csv")}, content_type="multipart/form-data")
    yield "consumer", "checkout refused", FormClient(consumer).post("/checkout", {
        "name": TYPED, "phone": TYPED, "email": TYPED, "province": "ha-noi", "ward": TYPED, "street": TYPED,
        "note": TYPED, "payment_method": "cod"})
    # Words every (hostile) product name holds, with a filter nothing passes: the page offers
    # "Tìm “<the words>” không kèm bộ lọc", the typed words inside a translated message.
    name = next(n for n, key in w.filled.items() if key == "products.name")
    offered = quote(f"script\"><svg onload=alert({name})>")
    typed = quote(TYPED)
    for url in (f"/products?q={typed}", f"/products?q={offered}&stars=5",
                f"/products?q=xyzzy+{typed}&province={typed}&min_price={typed}&sort={typed}&group={typed}",
                f"/events?province={typed}&month={typed}&kind={typed}", f"/account/login?next={typed}",
                f"/search?q={typed}"):
        yield "anonymous", url, anonymous.get(url, follow_redirects=True)
    yield "officer", "producer search", officer.get(f"/admin/producers?q={typed}")
    yield "organizer", "check-in of a typed code", FormClient(organizer).post(
        f"/organizer/events/{w.event.id}/checkin", {"code": TYPED})
    yield "producer", "offer form refused", FormClient(producer).post("/matching/offers/new", {
        "title": TYPED, "description": TYPED, "quantity": TYPED, "unit": TYPED, "price_min": TYPED},
        form_url="/matching/offers/new")


def _leaks(role, visits, filled):
    """One line per page and column whose payload became markup there."""
    found = set()
    for visit in visits:
        for item in visit.scan.injected:
            number = re.search(r"alert\((\d+)\)", item)
            found.add(f"[{role}] {visit.url}: {filled.get(int(number.group(1))) if number else item}")
    return found


def test_no_hostile_text_becomes_markup_on_any_page(app, hostile):
    w, texts, problems, visited, counts = hostile, set(), set(), 0, Counter()
    for role, seeds in _seeds(w).items():
        client = app.test_client()
        if role != "anonymous":
            sign_in(client, w.users[role])
        visits = crawl(app, client, seeds, skip=SKIP, counts=counts)
        assert role == "anonymous" or not any(v.url.startswith("/account/login") for v in visits), \
            f"{role} was sent to the sign-in page"
        visited += len(visits)
        problems |= _leaks(role, visits, w.filled)
        texts.update(visit.scan.visible for visit in visits)
    for role, label, response in _typed_text_pages(app, w):
        assert response.status_code < 500, f"[{role}] {label} answered {response.status_code}"
        page = scan(response.get_data(as_text=True))
        problems |= {f"[{role}] {label}: {item}" for item in page.injected}
        texts.add(page.visible)
    assert not problems, "hostile text became markup:\n" + "\n".join(sorted(problems))
    text = "\n".join(texts)
    unseen = {key for n, key in w.filled.items() if f"XSS{n}X" not in text and key not in NOT_SHOWN}
    assert not unseen, f"filled but never shown on the {visited} pages walked: {sorted(unseen)}"
