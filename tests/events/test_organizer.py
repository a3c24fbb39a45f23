"""The organizer's workspace: own records only, decisions, check-in without
JavaScript, CSV exports, events created with local times."""
import csv
import io
from datetime import datetime, timezone

import pytest
import time_machine

from marketplace.events import showrooms, visitors
from marketplace.events.models import (ApplicationStatus, BoothApplication, Event, EventStatus, RegistrationStatus,
                                       Showroom, ShowroomProduct, VisitorRegistration)
from marketplace.events.tickets import format_code
from marketplace.events.times import to_local
from tests.events.test_pages import login


def _snapshot(db):
    """Everything the organizer workspace can change, to prove a refused request changed nothing."""
    db.session.expire_all()
    return ([(e.id, e.status, e.title, e.booth_count, e.starts_at) for e in db.session.query(Event).order_by(Event.id)],
            [(a.id, a.status, a.booth_number) for a in db.session.query(BoothApplication).order_by(BoothApplication.id)],
            [(r.id, r.status, r.checked_in_at) for r in db.session.query(VisitorRegistration)],
            [(s.id, s.name, s.is_active) for s in db.session.query(Showroom)],
            db.session.query(ShowroomProduct).count())


@pytest.fixture
def theirs(make_event, apply, other_organizer, make_product):
    """Another organizer's event, with an application and a visitor, and a showroom."""
    event = make_event(title="Sự kiện của đơn vị khác", owner=other_organizer, visitor_capacity=10)
    application = apply(event)
    registration = visitors.register_visitor(event=event, name="Khách", email="khach@example.vn")
    showroom = showrooms.create_showroom(organizer=other_organizer, name="Điểm của đơn vị khác",
                                         address="1 Lê Lợi",
                                         province=event.province)
    return event, application, registration, showroom, make_product()


def test_another_organizers_records_are_404_and_nothing_changes(forms, client, organizer, theirs, db):
    event, application, registration, showroom, product = theirs
    login(forms, organizer)
    token = forms.token("/organizer/")
    gets = [f"/organizer/events/{event.id}", f"/organizer/events/{event.id}/edit",
            f"/organizer/events/{event.id}/visitors", f"/organizer/events/{event.id}/checkin",
            f"/organizer/events/{event.id}/exhibitors.csv", f"/organizer/events/{event.id}/visitors.csv",
            f"/organizer/showrooms/{showroom.id}"]
    posts = [(f"/organizer/events/{event.id}/status", {"action": "cancel", "reason": "phá"}),
             (f"/organizer/events/{event.id}/edit", {"title": "Bị sửa", "kind": "fair", "province": "ha-noi",
                                                     "starts_at": "2030-01-01T08:00", "ends_at": "2030-01-02T08:00"}),
             (f"/organizer/applications/{application.id}/decision", {"action": "accept"}),
             (f"/organizer/applications/{application.id}/decision", {"action": "reject", "reason": "x"}),
             (f"/organizer/events/{event.id}/checkin", {"code": registration.code}),
             (f"/organizer/showrooms/{showroom.id}", {"name": "Bị sửa", "address": "x", "province": "ha-noi"}),
             (f"/organizer/showrooms/{showroom.id}/products", {"product": product.slug}),
             (f"/organizer/showrooms/{showroom.id}/products/{product.id}/remove", {})]
    before = _snapshot(db)
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url, data in posts:
        assert client.post(url, data={**data, "csrf_token": token}).status_code == 404, url
    assert _snapshot(db) == before
    assert "Sự kiện của đơn vị khác" not in client.get("/organizer/").get_data(as_text=True)


@pytest.mark.parametrize("role", [None, "consumer", "producer"])
def test_workspace_is_for_organizers(forms, client, make_user, role):
    if role:
        login(forms, make_user(role=role))
    response = client.get("/organizer/")
    assert response.status_code == (302 if role is None else 403)


@time_machine.travel(datetime(2026, 11, 22, 5, 0, tzinfo=timezone.utc), tick=True)  # a day before that New Year
def test_organizer_creates_an_event_in_local_time_and_publishes_it(forms, client, organizer, db):
    login(forms, organizer)
    response = forms.post("/organizer/events/new", {
        "kind": "fair", "title": "Hội chợ OCOP cuối năm", "province": "ha-noi", "venue": "Hoàng Thành",
        "starts_at": "2026-12-31T23:30", "ends_at": "2027-01-01T02:00", "booth_count": "20",
        "visitor_capacity": "500", "description": "Chào năm mới"})
    assert response.status_code == 302
    event = db.session.query(Event).one()
    assert event.starts_at == datetime(2026, 12, 31, 16, 30) and event.status is EventStatus.DRAFT
    assert event.organizer_id == organizer.id
    assert client.get(f"/events/{event.slug}").status_code == 404
    page = f"/organizer/events/{event.id}"
    forms.post(f"/organizer/events/{event.id}/status", {"action": "publish"}, form_url=page)
    db.session.expire_all()
    assert event.status is EventStatus.PUBLISHED and client.get(f"/events/{event.slug}").status_code == 200
    edit = client.get(f"/organizer/events/{event.id}/edit").get_data(as_text=True)
    assert 'value="2026-12-31T23:30"' in edit


def test_bad_event_form_is_explained(forms, organizer, db):
    login(forms, organizer)
    response = forms.post("/organizer/events/new", {"kind": "fair", "title": "Sai giờ", "province": "ha-noi",
                                                    "starts_at": "2030-01-02T08:00", "ends_at": "2030-01-01T08:00"})
    assert response.status_code == 400 and "Thời gian kết thúc phải sau" in response.get_data(as_text=True)
    assert db.session.query(Event).count() == 0


def test_organizer_decides_applications_and_sees_counts(forms, client, organizer, make_event, apply, db):
    event = make_event(booth_count=1)
    first, second = apply(event, name="HTX Một"), apply(event, name="HTX Hai")
    login(forms, organizer)
    page = f"/organizer/events/{event.id}"
    forms.post(f"/organizer/applications/{first.id}/decision", {"action": "accept"}, form_url=page)
    response = forms.post(f"/organizer/applications/{second.id}/decision", {"action": "accept"}, form_url=page)
    assert "Đã hết gian hàng trống" in client.get(response.headers["Location"]).get_data(as_text=True)
    forms.post(f"/organizer/applications/{second.id}/decision", {"action": "waitlist"}, form_url=page)
    db.session.expire_all()
    assert (first.status, first.booth_number, second.status) == (ApplicationStatus.ACCEPTED, 1,
                                                                 ApplicationStatus.WAITLISTED)
    dashboard = client.get("/organizer/").get_data(as_text=True)
    assert "1 / 1" in dashboard
    rows = list(csv.reader(io.StringIO(client.get(f"/organizer/events/{event.id}/exhibitors.csv")
                                       .get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "Gian số" and {r[1] for r in rows[1:]} == {"HTX Một", "HTX Hai"}


def test_check_in_by_typing_the_code_then_refused_the_second_time(forms, client, organizer, make_event, db):
    event = make_event()
    registration = visitors.register_visitor(event=event, name="Ngô Thị Giang", email="giang@example.vn")
    login(forms, organizer)
    url = f"/organizer/events/{event.id}/checkin"
    first = forms.post(url, {"code": format_code(registration.code).lower()})
    assert first.status_code == 200 and "Đã check-in: Ngô Thị Giang" in first.get_data(as_text=True)
    db.session.expire_all()
    when = registration.checked_in_at
    assert registration.status is RegistrationStatus.CHECKED_IN
    second = forms.post(url, {"code": f"http://localhost/tickets/{registration.code}"})  # a scanned ticket URL
    html = second.get_data(as_text=True)
    assert second.status_code == 409 and "Từ chối" in html and "đã check-in lúc" in html
    assert to_local(when).strftime("%H:%M:%S") in html  # the time of the first check-in, in Vietnam
    db.session.expire_all()
    assert registration.checked_in_at == when
    missing = forms.post(url, {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert missing.status_code == 400 and "Không tìm thấy vé" in missing.get_data(as_text=True)


def test_scanned_ticket_page_offers_check_in_to_the_organizer_only(forms, client, organizer, make_event):
    event = make_event()
    registration = visitors.register_visitor(event=event, name="Khách", email="k@example.vn")
    assert "Check-in vé này" not in client.get(f"/tickets/{registration.code}").get_data(as_text=True)
    login(forms, organizer)
    assert "Check-in vé này" in client.get(f"/tickets/{registration.code}").get_data(as_text=True)


def test_visitors_csv_has_codes_and_neutralises_formulas(forms, client, organizer, make_event):
    event = make_event()
    visitors.register_visitor(event=event, name="=HYPERLINK(\"http://x\")", email="a@example.vn")
    login(forms, organizer)
    response = client.get(f"/organizer/events/{event.id}/visitors.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[1][1].startswith("'=") and rows[1][4] == "Đã xác nhận" and len(rows[1][0]) == 14


def test_organizer_manages_a_showroom(forms, client, organizer, make_product, db):
    product = make_product(name="Trà shan tuyết")
    login(forms, organizer)
    response = forms.post("/organizer/showrooms/new", {"name": "Điểm OCOP Hồ Gươm", "address": "1 Đinh Tiên Hoàng",
                                                       "province": "ha-noi", "opening_hours": "8:00–22:00"})
    showroom = db.session.query(Showroom).one()
    assert response.headers["Location"] == f"/organizer/showrooms/{showroom.id}"
    page = f"/organizer/showrooms/{showroom.id}"
    forms.post(f"{page}/products", {"product": f"http://localhost/products/{product.slug}"}, form_url=page)
    assert "Trà shan tuyết" in client.get(f"/showrooms/{showroom.slug}").get_data(as_text=True)
    forms.post(f"{page}/products/{product.id}/remove", {}, form_url=page)
    assert "Trà shan tuyết" not in client.get(f"/showrooms/{showroom.slug}").get_data(as_text=True)
