"""Time is stored in UTC and shown in Vietnam's time zone.

Certificate validity is counted in Vietnamese calendar days, so "today" for any
business rule is the date in Asia/Ho_Chi_Minh, not the server's UTC date.
"""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow():
    """Naive UTC timestamp, the form stored in the database."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def vn_today(now=None):
    """The current date in Vietnam."""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return now.astimezone(VN_TZ).date()


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic; the 31st rolls back to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th
