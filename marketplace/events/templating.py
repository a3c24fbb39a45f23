"""Jinja helpers of the events pages, registered app-wide by the blueprint."""
from datetime import date

from flask import g
from flask_babel import format_date
from flask_babel import gettext as _

from marketplace.core.templating import local_date
from marketplace.events import bp
from marketplace.events.labels import label
from marketplace.events.structured_data import event_jsonld, showroom_jsonld
from marketplace.events.tickets import format_code
from marketplace.events.times import local_day, to_local


@bp.app_template_global("event_label")
def _event_label(value):
    return label(value)


@bp.app_template_filter("ticket_code")
def _ticket_code(code):
    return format_code(code)


@bp.app_template_filter("local_day")
def _local_day(value, fmt="full"):
    """The Vietnamese calendar day of a stored UTC time, e.g. “Thứ Năm, 31 tháng 12, 2026”."""
    return local_date(local_day(value), fmt) if value is not None else ""


@bp.app_template_filter("local_time")
def _local_time(value):
    return to_local(value).strftime("%H:%M") if value is not None else ""


@bp.app_template_filter("local_input")
def _local_input(value):
    """A stored UTC time as a datetime-local input's value, in Vietnam's time."""
    return to_local(value).strftime("%Y-%m-%dT%H:%M") if value is not None else ""


@bp.app_template_global("event_jsonld")
def _event_jsonld(event):
    return event_jsonld(event)


@bp.app_template_global("showroom_jsonld")
def _showroom_jsonld(showroom):
    return showroom_jsonld(showroom)


@bp.app_template_global("month_label")
def _month_label(year, month):
    """“Tháng 12/2026”, or “December 2026” in English (the month written out, never 12/2026 alone)."""
    if getattr(g, "locale", "vi") == "en":
        return format_date(date(year, month, 1), "MMMM yyyy")
    return _("Tháng %(month)s/%(year)s", month=month, year=year)
