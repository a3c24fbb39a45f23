"""Public pages: the events list, an event, registering and the ticket, producers'
applications, showrooms, and what product and province pages now show."""
import io
import re
from datetime import timedelta

import pytest
from PIL import Image

from marketplace.core.timeutil import utcnow
from marketplace.events.times import local_day

from marketplace.events import booths, showrooms
from marketplace.events.tickets import format_code
from marketplace.events.models import (ApplicationStatus, BoothApplication, EventStatus, RegistrationStatus,
                                       VisitorRegistration)
from marketplace.extensions import db


def login(forms, user, password="mat-khau-123"):
    response = forms.post("/account/login", {"email": user.email, "password": password})
    assert response.status_code == 302


def test_events_list_filters_and_hides_drafts(client, make_event):
    make_event(title="Hội chợ OCOP Hà Nội")
    make_event(title="Tuần hàng OCOP Đà Nẵng", province="da-nang", kind="ocop_week")
    make_event(title="Bản nháp chưa công bố", status="draft")
    html = client.get("/events").get_data(as_text=True)
    assert "Hội chợ OCOP Hà Nội" in html and "Tuần hàng OCOP Đà Nẵng" in html and "Bản nháp" not in html
    html = client.get("/events?province=da-nang").get_data(as_text=True)
    assert "Tuần hàng OCOP Đà Nẵng" in html and "Hội chợ OCOP Hà Nội" not in html
    html = client.get("/events?kind=fair").get_data(as_text=True)
    assert "Hội chợ OCOP Hà Nội" in html and "Đà Nẵng" not in html.split("<h1>")[1].split("</form>")[1]
    assert "Hội chợ OCOP Hà Nội" not in client.get("/events?when=past").get_data(as_text=True)


@pytest.fixture
def calendar(make_event):
    """Upcoming: a Hà Nội fair in 30 days, a Đà Nẵng OCOP week in 70 days; and one held last month."""
    now = utcnow().replace(second=0, microsecond=0)
    make_event(title="Hội chợ OCOP Hà Nội")
    make_event(title="Tuần hàng OCOP Đà Nẵng", province="da-nang", kind="ocop_week",
               starts_at=now + timedelta(days=70))
    held = make_event(title="Hội chợ đã diễn ra", status="draft", starts_at=now - timedelta(days=30))
    held.status = EventStatus.PUBLISHED
    db.session.commit()
    return {"da_nang_month": f"{local_day(now + timedelta(days=70)):%Y-%m}"}


UPCOMING = {"Hội chợ OCOP Hà Nội", "Tuần hàng OCOP Đà Nẵng"}


@pytest.mark.parametrize("query,shown", [
    ("month=2026-13", UPCOMING), ("month=abc", UPCOMING), ("month=1999-01", UPCOMING),
    ("province=atlantis", UPCOMING), ("kind=x", UPCOMING), ("page=-3", UPCOMING), ("when=%E2%80%AE", UPCOMING),
    ("page=99999999999999999999", UPCOMING), ("province=%27%20OR%201%3D1", UPCOMING), ("page=²", UPCOMING),
    ("month=²０２６-01", UPCOMING),
    ("province=da-nang&kind=x", {"Tuần hàng OCOP Đà Nẵng"}),  # the valid filter is kept
    ("kind=fair&province=atlantis", {"Hội chợ OCOP Hà Nội"}),
    ("when=past&kind=%C2%B2", {"Hội chợ đã diễn ra"}),
])
def test_hostile_event_filters_are_dropped_and_the_rest_still_filters(client, calendar, query, shown):
    response = client.get(f"/events?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    titles = set(re.findall(r'<a class="card-link" href="/events/[^"]+">.*?<h3 class="card-title">([^<]+)</h3>', html, re.S))
    assert titles == shown
    selected = set(re.findall(r'<option value="([^"]+)" selected', html))
    assert selected == {v for v in ("da-nang", "fair") if f"={v}" in query}  # only valid choices are echoed
    assert not re.search(r'<option value="\d{4}-\d{2}" selected', html)  # an invalid month is not put back


def test_a_month_filter_keeps_its_value_and_its_events(client, calendar):
    html = client.get(f"/events?month={calendar['da_nang_month']}").get_data(as_text=True)
    assert f'<option value="{calendar["da_nang_month"]}" selected' in html and "Tuần hàng OCOP Đà Nẵng" in html
    assert "Hội chợ OCOP Hà Nội" not in html.split("</form>", 1)[1]


def test_a_control_character_in_the_filters_is_a_400_page(client, make_event):
    """Refused at the edge (core/inputs.py), like on every page."""
    make_event()
    assert client.get("/events?when=%00").status_code == 400


def test_draft_event_is_not_found(client, make_event):
    assert client.get(f"/events/{make_event(status='draft').slug}").status_code == 404
    assert client.get("/events/khong-co").status_code == 404


def test_visitor_registers_and_gets_a_ticket_with_a_qr_code(forms, client, make_event, db, sent):
    event = make_event(visitor_capacity=1)
    response = forms.post(f"/events/{event.slug}/register", {"name": "Phạm Thị Dung", "email": "dung@example.vn"})
    assert response.status_code == 302
    registration = db.session.query(VisitorRegistration).one()
    assert response.headers["Location"] == f"/tickets/{registration.code}"
    ticket = client.get(response.headers["Location"])
    html = ticket.get_data(as_text=True)
    assert ticket.headers["Cache-Control"] == "private, no-store" and "noindex" in ticket.headers["X-Robots-Tag"]
    assert "Phạm Thị Dung" in html and format_code(registration.code) in html
    assert f"/tickets/{registration.code}/qr.png" in html
    png = client.get(f"/tickets/{registration.code}/qr.png")
    assert png.mimetype == "image/png" and Image.open(io.BytesIO(png.data)).size[0] >= 200
    [mail] = sent()
    assert "To: dung@example.vn" in mail and format_code(registration.code) in mail
    assert f"http://localhost:5000/tickets/{registration.code}" in mail  # SITE_URL, not the Host header
    # the event is now full: the next visitor waits
    response = forms.post(f"/events/{event.slug}/register", {"name": "Hồ Văn Em", "phone": "0987654321"})
    waiting = db.session.query(VisitorRegistration).filter_by(phone="0987654321").one()
    assert waiting.status is RegistrationStatus.WAITLISTED
    assert "danh sách chờ" in client.get(response.headers["Location"]).get_data(as_text=True)
    # the first gives the place up: the second is confirmed
    forms.post(f"/tickets/{registration.code}/cancel", {}, form_url=f"/tickets/{registration.code}")
    db.session.expire_all()
    assert registration.status is RegistrationStatus.CANCELLED and waiting.status is RegistrationStatus.CONFIRMED


def test_registration_form_errors_and_csrf(forms, client, make_event, db):
    event = make_event()
    response = forms.post(f"/events/{event.slug}/register", {"name": "", "email": "x"})
    assert response.status_code == 400 and "Vui lòng nhập họ tên" in response.get_data(as_text=True)
    response = forms.post(f"/events/{event.slug}/register", {"name": "Không liên hệ"})
    assert response.status_code == 400 and "Cần email hoặc số điện thoại" in response.get_data(as_text=True)
    no_token = client.post(f"/events/{event.slug}/register", data={"name": "A", "email": "a@example.vn"})
    assert no_token.status_code == 400
    assert db.session.query(VisitorRegistration).count() == 0


def test_unknown_ticket_is_not_found(client):
    assert client.get("/tickets/ABCDEFGHJKMN").status_code == 404
    assert client.get("/tickets/../../etc").status_code == 404


def test_producer_applies_through_its_page(forms, client, make_event, exhibitor, db):
    event = make_event()
    producer, member, products = exhibitor(name="HTX Gạo Séng Cù")
    login(forms, member)
    page = client.get(f"/events/{event.slug}/apply").get_data(as_text=True)
    assert all(p.name in page for p in products)
    response = forms.post(f"/events/{event.slug}/apply", {"producer": producer.id,
                                                          "products": [p.id for p in products],
                                                          "booth_size": "3x3", "note": "Gian góc nếu được"})
    assert response.status_code == 302
    application = db.session.query(BoothApplication).one()
    assert application.products == products and application.submitted_by_id == member.id
    html = client.get("/events/applications").get_data(as_text=True)
    assert event.title in html and "Chờ xét duyệt" in html
    forms.post(f"/events/applications/{application.id}/withdraw", {}, form_url="/events/applications")
    db.session.expire_all()
    assert application.status is ApplicationStatus.WITHDRAWN


def test_who_may_open_the_apply_page(forms, client, make_event, make_user, exhibitor):
    event = make_event()
    assert client.get(f"/events/{event.slug}/apply").status_code == 302  # to the sign-in page
    login(forms, make_user(role="producer"))  # a producer account without a producer
    assert client.get(f"/events/{event.slug}/apply").status_code == 403
    client.post("/account/logout", data={"csrf_token": forms.token("/")})
    _, member, _ = exhibitor(verified=False)
    login(forms, member)
    assert client.get(f"/events/{event.slug}/apply").status_code == 403


def test_nobody_withdraws_another_producers_application(forms, client, make_event, apply, exhibitor, db):
    application = apply(make_event())
    _, stranger, _ = exhibitor()
    login(forms, stranger)
    response = forms.post(f"/events/applications/{application.id}/withdraw", {}, form_url="/events/applications")
    assert response.status_code == 404
    db.session.expire_all()
    assert application.status is ApplicationStatus.SUBMITTED


def test_event_page_lists_exhibitors_and_product_page_lists_events_and_showrooms(client, make_event, apply,
                                                                                 organizer, db):
    event = make_event(title="Hội chợ Nông sản Tây Bắc")
    application = apply(event, name="HTX Mận Mộc Châu")
    booths.decide_application(application, "accepted", actor=organizer)
    product = application.products[0]
    html = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "HTX Mận Mộc Châu" in html and product.name in html and "Gian 1" in html
    showroom = showrooms.create_showroom(organizer=organizer, name="Điểm OCOP Hoàn Kiếm", address="2 Hàng Khay",
                                         province=event.province, opening_hours="8:00–21:00")
    showrooms.stock_product(showroom, product)
    html = client.get(f"/products/{product.slug}").get_data(as_text=True)
    assert "Hội chợ Nông sản Tây Bắc" in html and "Điểm OCOP Hoàn Kiếm" in html
    assert "Điểm OCOP Hoàn Kiếm" in client.get("/provinces/ha-noi").get_data(as_text=True)
    assert "Điểm OCOP Hoàn Kiếm" not in client.get("/provinces/da-nang").get_data(as_text=True)
    showroom_page = client.get(f"/showrooms/{showroom.slug}").get_data(as_text=True)
    assert product.name in showroom_page and '"@type": "Store"' in showroom_page
    assert "Điểm OCOP Hoàn Kiếm" in client.get("/showrooms?province=ha-noi").get_data(as_text=True)
    # a product page without events or showrooms says nothing about them
    other = apply(event).products[0]
    assert "Xem và mua trực tiếp" not in client.get(f"/products/{other.slug}").get_data(as_text=True)


def test_english_pages(client, make_event):
    event = make_event()
    client.get("/lang/en")
    html = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "Register to visit" in html and re.search(r"Fair", html)
