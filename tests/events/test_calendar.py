"""Time zones around midnight, the .ics files (parsed back with icalendar) and the
schema.org JSON-LD of event pages.

The tests about New Year's Eve are about specific days: they run with the clock pinned
(time-machine) to 22 November 2026, so that 31 December 2026 is ahead and its weekday
is known."""
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from icalendar import Calendar

from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.core.timeutil import VN_TZ, utcnow
from marketplace.events import lifecycle, visitors
from marketplace.events.models import EventStatus
from marketplace.events.times import local_day, local_month_bounds, to_utc
from marketplace.extensions import db

PINNED = datetime(2026, 11, 22, 5, 0, tzinfo=timezone.utc)  # 12:00 in Hà Nội


@pytest.fixture
def pinned_clock():
    with time_machine.travel(PINNED, tick=True):
        yield


def _local(*args):
    return to_utc(datetime(*args, tzinfo=VN_TZ))


def test_local_input_is_stored_in_utc_and_months_follow_vietnams_calendar():
    assert to_utc(datetime(2026, 12, 31, 23, 30)) == datetime(2026, 12, 31, 16, 30)
    assert to_utc(datetime(2027, 1, 1, 0, 30)) == datetime(2026, 12, 31, 17, 30)  # still 31 Dec in UTC
    assert local_day(datetime(2026, 12, 31, 17, 30)).isoformat() == "2027-01-01"
    start, end = local_month_bounds(2026, 12)
    assert (start, end) == (datetime(2026, 11, 30, 17, 0), datetime(2026, 12, 31, 17, 0))


@pytest.fixture
def new_year(pinned_clock, make_event):
    """A countdown market at 23:30 on 31 December 2026 and a fair opening at 00:30 on 1 January
    2027 (Vietnam's time)."""
    eve = make_event(title="Chợ đêm OCOP đón năm mới", starts_at=_local(2026, 12, 31, 23, 30),
                     duration=timedelta(minutes=25), status="draft")
    morning = make_event(title="Hội chợ Xuân OCOP", starts_at=_local(2027, 1, 1, 0, 30),
                         duration=timedelta(hours=3), status="draft")
    for event in (eve, morning):
        lifecycle.transition_event(event, "published")
    return eve, morning


def test_event_at_2330_on_31_december_is_a_december_event_on_the_right_day(client, new_year):
    december = client.get("/events?month=2026-12").get_data(as_text=True)
    january = client.get("/events?month=2027-01").get_data(as_text=True)
    assert "Chợ đêm OCOP đón năm mới" in december and "Hội chợ Xuân OCOP" not in december
    assert "Hội chợ Xuân OCOP" in january and "Chợ đêm OCOP đón năm mới" not in january
    assert re.findall(r'<h2 id="day-\d+">(.*?)</h2>', december) == ["Thứ Năm, 31 tháng 12, 2026"]
    assert re.findall(r'<h2 id="day-\d+">(.*?)</h2>', january) == ["Thứ Sáu, 1 tháng 1, 2027"]
    page = client.get(f"/events/{new_year[0].slug}").get_data(as_text=True)
    # Stored as 16:30 UTC, shown as the evening of the 31st in Vietnam, ending 23:55 the same day.
    assert ('<time datetime="2026-12-31T16:30:00Z">Thứ Năm, 31 tháng 12, 2026 23:30</time>\n  – '
            '<time datetime="2026-12-31T16:55:00Z">23:55</time>') in page


def test_ics_of_one_event_parses_back(pinned_clock, client, make_event):
    event = make_event(title="Hội chợ OCOP Hà Nội 2026", starts_at=_local(2026, 12, 31, 23, 30))
    response = client.get(f"/events/{event.slug}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    [component] = calendar.walk("VEVENT")
    assert str(component["summary"]) == "Hội chợ OCOP Hà Nội 2026"
    start = component.decoded("dtstart")
    assert start == datetime(2026, 12, 31, 16, 30, tzinfo=timezone.utc)
    assert start.astimezone(VN_TZ).strftime("%d/%m %H:%M") == "31/12 23:30"
    assert component.decoded("dtend") - start == timedelta(days=3)
    assert "Cung Văn hóa Hữu nghị" in str(component["location"]) and "Hà Nội" in str(component["location"])
    assert str(component["status"]) == "CONFIRMED" and str(component["url"]).endswith(f"/events/{event.slug}")
    assert str(component["uid"]).startswith(f"event-{event.id}@")
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]


def test_feed_lists_upcoming_public_events_with_their_status(client, make_event):
    upcoming = make_event(title="Tuần hàng OCOP Quảng Ninh")
    cancelled = make_event(title="Hội chợ bị hủy", status="cancelled")
    make_event(title="Bản nháp bí mật", status="draft")
    past = make_event(title="Hội chợ năm ngoái", status="draft", starts_at=utcnow() - timedelta(days=400))
    past.status = EventStatus.PUBLISHED
    db.session.commit()
    calendar = Calendar.from_ical(client.get("/events/calendar.ics").data)
    found = {str(c["summary"]): str(c["status"]) for c in calendar.walk("VEVENT")}
    assert found == {upcoming.title: "CONFIRMED", cancelled.title: "CANCELLED"}


def _jsonld(html):
    return json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))


def test_event_page_structured_data(pinned_clock, client, make_event):
    event = make_event(starts_at=_local(2026, 12, 31, 23, 30))
    data = _jsonld(client.get(f"/events/{event.slug}").get_data(as_text=True))
    assert data["@type"] == "ExhibitionEvent" and data["name"] == event.title
    assert data["startDate"] == "2026-12-31T23:30:00+07:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "Place" and data["location"]["address"]["addressRegion"] == "Hà Nội"
    assert data["location"]["address"]["addressCountry"] == "VN"


def test_postponed_then_rescheduled_keeps_the_previous_dates(client, make_event, sent, make_user):
    event = make_event(kind="b2b_session", visitor_capacity=10)
    visitors.register_visitor(event=event, name="Khách", email="khach@example.vn")
    old_start = event.starts_at
    lifecycle.transition_event(event, "postponed", reason="Bão số 3")
    assert event.previous_starts_at == old_start and event.starts_at == old_start
    data = _jsonld(client.get(f"/events/{event.slug}").get_data(as_text=True))
    assert data["@type"] == "BusinessEvent" and data["eventStatus"] == "https://schema.org/EventPostponed"
    with pytest.raises(ValidationError):
        lifecycle.transition_event(event, "published")  # not on the old dates
    new_start = old_start + timedelta(days=14)
    lifecycle.transition_event(event, "published", new_starts_at=new_start, new_ends_at=new_start + timedelta(days=1))
    data = _jsonld(client.get(f"/events/{event.slug}").get_data(as_text=True))
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"].startswith(old_start.replace(tzinfo=timezone.utc).astimezone(VN_TZ)
                                                .strftime("%Y-%m-%dT%H:%M"))
    mails = [m for m in sent() if "khach@example.vn" in m]
    assert any("tạm hoãn" in m and "Bão số 3" in m for m in mails) and any("lịch mới" in m for m in mails)


def test_event_state_machine(make_event):
    assert lifecycle.EVENT_TRANSITIONS[EventStatus.CANCELLED] == set()
    event = make_event(status="draft")
    with pytest.raises(InvalidTransition):
        lifecycle.transition_event(event, "postponed")
    lifecycle.transition_event(event, "published")
    with pytest.raises(ValidationError):
        lifecycle.transition_event(event, "cancelled", reason="")
    lifecycle.transition_event(event, "cancelled", reason="Không đủ đơn vị tham gia")
    for target in ("published", "postponed", "draft"):
        with pytest.raises(InvalidTransition):
            lifecycle.transition_event(event, target)
