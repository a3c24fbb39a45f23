"""iCalendar (RFC 5545) for events, built with the `icalendar` library.

Times are written in UTC (the "Z" form), which every calendar program reads the
same way and shows in its own zone; the feed also names Vietnam's zone for
programs that want a default (X-WR-TIMEZONE).
"""
from datetime import timezone

from icalendar import Calendar, Event as ICalEvent, vText

from marketplace.core.markdown import plain_excerpt
from marketplace.events.models import EventStatus

PRODID = "-//Cho OCOP//Su kien xuc tien thuong mai//VI"
ICS_STATUS = {
    EventStatus.PUBLISHED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def _utc(value):
    return value.replace(tzinfo=timezone.utc)


def _component(event, url, host):
    item = ICalEvent()
    item.add("uid", f"event-{event.id}@{host}")
    item.add("dtstamp", _utc(event.updated_at or event.created_at))
    item.add("dtstart", _utc(event.starts_at))
    item.add("dtend", _utc(event.ends_at))
    item.add("summary", event.title)
    text = plain_excerpt(event.description, 1000)
    if event.status is EventStatus.POSTPONED:
        text = f"TẠM HOÃN. {text}".strip()
    if text:
        item.add("description", text)
    where = ", ".join(part for part in (event.venue, event.address, event.province.name_vi) if part)
    item.add("location", vText(where))
    item.add("url", url)
    item.add("status", ICS_STATUS.get(event.status, "TENTATIVE"))
    # A new revision each time the organizer changes the event, so calendars update it.
    item.add("sequence", int((event.updated_at - event.created_at).total_seconds()) if event.updated_at else 0)
    return item


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    return calendar


def event_ics(event, url, host):
    """bytes of a calendar holding one event."""
    calendar = _calendar(event.title)
    calendar.add_component(_component(event, url, host))
    return calendar.to_ical()


def feed_ics(events, url_for_event, host, name):
    """bytes of the feed of events; `url_for_event(event)` gives each one's page."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_component(event, url_for_event(event), host))
    return calendar.to_ical()
