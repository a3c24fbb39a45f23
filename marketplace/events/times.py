"""Event times: stored as naive UTC, entered and shown in Vietnam's time.

Organizers type local times ("2026-12-31 23:30" in Hà Nội); the database keeps
UTC; lists by month or by day use Vietnam's calendar, so an event at 23:30 on
31 December is a December event even though it is already 1 January nowhere else.
"""
from datetime import date, datetime, time, timedelta, timezone

from marketplace.core.timeutil import VN_TZ


def to_utc(value):
    """A naive UTC datetime from an aware datetime, or from a naive one taken as Vietnam's local time."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=VN_TZ)
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def to_local(value):
    """An aware datetime in Asia/Ho_Chi_Minh from a stored naive UTC one."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(VN_TZ)


def local_day(value):
    """The calendar day in Vietnam of a stored UTC datetime."""
    return to_local(value).date()


def local_day_bounds(day: date):
    """[start, end) in naive UTC of a Vietnamese calendar day."""
    start = datetime.combine(day, time.min, tzinfo=VN_TZ)
    return to_utc(start), to_utc(start + timedelta(days=1))


def local_month_bounds(year: int, month: int):
    """[start, end) in naive UTC of a month in Vietnam's calendar."""
    start = datetime(year, month, 1, tzinfo=VN_TZ)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=VN_TZ)
    return to_utc(start), to_utc(end)


def iso_local(value):
    """ISO 8601 with Vietnam's offset, for schema.org: 2026-12-31T23:30:00+07:00."""
    return to_local(value).isoformat() if value is not None else None
