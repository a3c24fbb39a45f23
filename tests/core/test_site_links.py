"""Absolute links come from SITE_URL, never from the request's Host header.

A forged Host used to put `http://evil.example/tickets/<code>` into a ticket e-mail: the
recipient trusts the mail, follows the link and gives their ticket (or an order's key,
or a team invitation) to the attacker. Each e-mail that carries a link is sent here from
a request with a forged Host; production also refuses Hosts it does not serve.
"""
import re
from datetime import timedelta
from pathlib import Path

import pytest

from marketplace.catalog.models import ProducerMember
from marketplace.catalog.services import find_province
from marketplace.core.timeutil import utcnow
from marketplace.events import lifecycle
from marketplace.events.models import VisitorRegistration
from marketplace.orders.models import Order
from tests.conftest import FormClient

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://cho-ocop.example"
FORGED = {"Host": "evil.example"}


@pytest.fixture
def site(app):
    app.config["SITE_URL"] = SITE
    return SITE


class _ForgedHost:
    """A browser whose every request says Host: evil.example (cookies follow that host)."""

    def __init__(self, client):
        self.client = client

    def get(self, url, **kwargs):
        return self.client.get(url, headers=FORGED, **kwargs)

    def post(self, url, **kwargs):
        return self.client.post(url, headers=FORGED, **kwargs)


@pytest.fixture
def forged(client):
    return FormClient(_ForgedHost(client))


def _links(text):
    return re.findall(r"https?://[^\s\"'<>]+", text)


def _assert_only_site_links(mail, *expected_paths):
    links = _links(mail)
    assert links, mail
    assert all(link.startswith(SITE + "/") for link in links), links
    assert "evil.example" not in mail
    for path in expected_paths:
        assert any(link.startswith(SITE + path) for link in links), (path, links)


def _event(organizer):
    starts = (utcnow() + timedelta(days=30)).replace(microsecond=0, second=0)
    event = lifecycle.create_event(organizer=organizer, kind="fair", title="Hội chợ OCOP Hà Nội",
                                   province=find_province("ha-noi"), starts_at=starts,
                                   ends_at=starts + timedelta(days=2),
                                   venue="Cung Văn hóa Hữu nghị", address="91 Trần Hưng Đạo", booth_count=5,
                                   visitor_capacity=None)
    lifecycle.transition_event(event, "published")
    return event


def test_a_ticket_email_sent_from_a_forged_host_links_to_the_site(site, forged, db, make_user, mailbox):
    event = _event(make_user(role="organizer"))
    response = forged.post(f"/events/{event.slug}/register", {"name": "Phạm Thị Dung", "email": "dung@example.vn"})
    assert response.status_code == 302, response.get_data(as_text=True)
    code = db.session.query(VisitorRegistration).one().code
    [mail] = mailbox()
    _assert_only_site_links(mail, f"/tickets/{code}", f"/events/{event.slug}")


def test_an_order_email_sent_from_a_forged_host_links_to_the_site(site, forged, db, make_product, mailbox):
    product = make_product(price=100_000, stock=5)
    forged.post("/cart/add", {"product_id": product.id, "quantity": 1}, form_url=f"/products/{product.slug}")
    data = {"name": "Lê Văn Khách", "phone": "0987654321", "email": "khach@example.vn", "province": "ha-noi",
            "ward": "Phường Hoàn Kiếm", "street": "5 Tràng Tiền", "note": "", "payment_method": "cod"}
    page = forged.post("/checkout", {**data, "refresh": "1"}, form_url="/checkout")
    total = re.search(r'name="expected_total"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="expected_total"',
                      page.get_data(as_text=True))
    response = forged.post("/checkout", {**data, "expected_total": total.group(1) or total.group(2)},
                           form_url="/checkout")
    assert response.status_code == 302, response.get_data(as_text=True)
    order = db.session.query(Order).one()
    to_buyer = [mail for mail in mailbox() if "To: khach@example.vn" in mail]
    assert to_buyer
    for mail in to_buyer:
        _assert_only_site_links(mail, f"/orders/{order.reference}?key=")


def test_a_team_invitation_sent_from_a_forged_host_links_to_the_site(site, forged, db, make_user, make_producer,
                                                                   mailbox):
    owner = make_user(role="producer")
    producer = make_producer()
    db.session.add(ProducerMember(producer=producer, user=owner, is_owner=True))
    db.session.commit()
    assert forged.post("/account/login", {"email": owner.email, "password": "mat-khau-123"}).status_code == 302
    response = forged.post("/studio/team/invite", {"email": "lan@example.vn"}, form_url="/studio/team")
    assert response.status_code == 302
    [mail] = mailbox()
    _assert_only_site_links(mail, "/studio/invitations/")


def test_pages_feeds_and_the_api_link_to_the_site_whatever_the_host(site, client, db, make_user, make_product):
    product = make_product()
    event = _event(make_user(role="organizer"))
    page = client.get(f"/products/{product.slug}").get_data(as_text=True)
    assert f'<link rel="canonical" href="{SITE}/products/{product.slug}">' in page and "evil.example" not in page
    api = client.get(f"/api/v1/products/{product.slug}").get_json()
    assert api["url"] == f"{SITE}/products/{product.slug}"
    feed = client.get("/events/calendar.ics").get_data(as_text=True)
    assert f"{SITE}/events/{event.slug}" in feed and "evil.example" not in feed
    assert "evil.example" not in client.get(f"/events/{event.slug}").get_data(as_text=True)


def test_production_answers_only_the_hosts_it_serves(production_app):
    app = production_app(SITE_URL=SITE)
    assert app.config["TRUSTED_HOSTS"] == ["cho-ocop.example"]  # derived from SITE_URL
    client = app.test_client()
    https = {"X-Forwarded-Proto": "https"}
    assert client.get("/account/login", headers={**https, "Host": "cho-ocop.example"}).status_code == 200
    assert client.get("/account/login", headers={**https, "Host": "evil.example"}).status_code == 400


def test_no_code_builds_an_absolute_link_from_the_request():
    """The class, swept: url_for(_external=True) and the request's host appear nowhere but in core/urls.py."""
    pattern = re.compile(r"_external\s*=\s*True|request\.(host|host_url|url_root|root_url)\b")
    found = [f"{path.relative_to(ROOT)}:{number}"
             for folder in ("marketplace", "templates") for path in sorted((ROOT / folder).rglob("*"))
             if path.suffix in (".py", ".html", ".txt") and path.is_file() and path.name != "urls.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []
