"""schema.org JSON-LD for event and showroom pages, so search engines can show
dates, places and whether an event still takes place."""

from marketplace.core.markdown import plain_excerpt
from marketplace.core.urls import external_url
from marketplace.events.models import EventKind, EventStatus
from marketplace.events.times import iso_local

SCHEMA = "https://schema.org/"
# Fairs, exhibitions and OCOP weeks are exhibitions of products; the rest are plain events.
EXHIBITION_KINDS = {EventKind.FAIR, EventKind.EXHIBITION, EventKind.OCOP_WEEK}


def event_status(event):
    if event.status is EventStatus.CANCELLED:
        return SCHEMA + "EventCancelled"
    if event.status is EventStatus.POSTPONED:
        return SCHEMA + "EventPostponed"
    if event.previous_starts_at is not None:
        return SCHEMA + "EventRescheduled"
    return SCHEMA + "EventScheduled"


def _postal_address(street, province):
    return {"@type": "PostalAddress", "streetAddress": street, "addressRegion": province.name_vi,
            "addressCountry": "VN"}


def event_jsonld(event):
    online = event.kind is EventKind.LIVESTREAM
    url = external_url("events.event", slug=event.slug)
    data = {
        "@context": "https://schema.org",
        "@type": "ExhibitionEvent" if event.kind in EXHIBITION_KINDS else
                 "BusinessEvent" if event.kind is EventKind.B2B_SESSION else
                 "EducationEvent" if event.kind is EventKind.TRAINING else "Event",
        "name": event.title,
        "description": plain_excerpt(event.description, 500),
        "url": url,
        "startDate": iso_local(event.starts_at),
        "endDate": iso_local(event.ends_at),
        "eventStatus": event_status(event),
        "eventAttendanceMode": SCHEMA + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
        "location": ({"@type": "VirtualLocation", "url": url} if online else
                     {"@type": "Place", "name": event.venue or event.province.name_vi,
                      "address": _postal_address(event.address, event.province)}),
        "organizer": {"@type": "Organization", "name": event.organizer.full_name},
        "inLanguage": "vi",
        "isAccessibleForFree": True,
    }
    if event.previous_starts_at is not None:
        data["previousStartDate"] = iso_local(event.previous_starts_at)
    if event.cover_path:
        data["image"] = [external_url("core.media", filename=event.cover_path)]
    return data


def showroom_jsonld(showroom):
    data = {
        "@context": "https://schema.org",
        "@type": "Store",
        "name": showroom.name,
        "description": plain_excerpt(showroom.description, 500),
        "url": external_url("events.showroom", slug=showroom.slug),
        "address": _postal_address(showroom.address, showroom.province),
    }
    if showroom.opening_hours:
        data["openingHours"] = showroom.opening_hours
    if showroom.phone:
        data["telephone"] = showroom.phone
    return data
