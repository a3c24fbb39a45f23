"""Jinja filters and globals shared by every page: money, dates, stars, links."""
from datetime import date, datetime, timezone
from urllib.parse import quote

from flask import g, request, url_for
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _

from marketplace.core.facts import ocop_facts
from marketplace.core.forms import error_items, submission_field
from marketplace.core.images import picture

from marketplace.core.markdown import plain_excerpt, render_markdown
from marketplace.core.money import format_vnd
from marketplace.core.timeutil import VN_TZ
from marketplace.core.urls import external_url


def vnd(amount):
    return format_vnd(amount, getattr(g, "locale", "vi"))


# English dates name the month (22 Nov 2026): "11/22/26" (Babel's English short format) and
# "05/11/2026" read differently on either side of the Pacific. Vietnamese dates are day first.
DATE_PATTERNS = {"vi": "dd/MM/yyyy", "en": "d MMM yyyy"}
ENGLISH_DATETIMES = {"short": "d MMM yyyy, HH:mm", "medium": "d MMM yyyy, HH:mm"}


def _english(pattern):
    """An explicit Vietnamese pattern (day/month numbers) with the month written out, for English."""
    return pattern.replace("dd/MM/yyyy", "d MMM yyyy").replace("dd/MM", "d MMM")


def _locale():
    return getattr(g, "locale", "vi")


def local_datetime(value, fmt="short"):
    """A stored UTC datetime shown in Vietnam's time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        aware = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value
        if _locale() == "en":
            fmt = ENGLISH_DATETIMES.get(fmt, _english(fmt))
        return format_datetime(aware.astimezone(VN_TZ), fmt)
    return local_date(value)


def local_date(value, fmt=None):
    """A date as Vietnamese readers write it (22/11/2026), or 22 Nov 2026 in English."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    if _locale() == "en":
        fmt = DATE_PATTERNS["en"] if fmt in (None, "short") else _english(fmt)
    return format_date(value, fmt or DATE_PATTERNS.get(_locale(), "medium"))


def localized(obj, attr="name"):
    """obj.name_en in English when it exists, obj.name_vi otherwise."""
    if obj is None:
        return ""
    if getattr(g, "locale", "vi") == "en":
        english = getattr(obj, f"{attr}_en", None)
        if english:
            return english
    return getattr(obj, f"{attr}_vi", "")


def url_with(**changes):
    """The current URL with some query arguments changed (None removes one)."""
    # Only the query's own parameters: names that url_for reserves (_external, _scheme, _anchor…)
    # or that the route fills itself (slug) would build another URL, or none.
    view_args = request.view_args or {}
    args = {k: v for k, v in request.args.items() if not k.startswith("_") and k not in view_args}
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **view_args, **args)


OSM_SEARCH = "https://www.openstreetmap.org/search?query="


def map_url(*parts):
    """A link that finds an address on OpenStreetMap (no map is embedded: nothing of a third
    party's loads on our pages). Empty parts are skipped; Việt Nam is added."""
    words = [str(part).strip() for part in parts if part and str(part).strip()]
    if not words:
        return ""
    return OSM_SEARCH + quote(", ".join(words + ["Việt Nam"]), safe="")


def kind_label(kind):
    """A producer kind's name from shared/data/ocop.json, in the page's language."""
    value = getattr(kind, "value", kind)
    for item in ocop_facts()["producer_kinds"]:
        if item["code"] == value:
            return item["name_en"] if getattr(g, "locale", "vi") == "en" else item["name_vi"]
    return value


def level_label(level):
    labels = {"provincial": _("cấp tỉnh"), "central": _("cấp trung ương"), "district": _("cấp huyện")}
    return labels.get(getattr(level, "value", level), level)


def init_app(app):
    app.add_template_filter(vnd)
    app.add_template_filter(local_datetime)
    app.add_template_filter(local_date)
    app.add_template_filter(render_markdown, "markdown")
    app.add_template_filter(plain_excerpt, "excerpt")
    app.add_template_global(localized)
    app.add_template_global(vnd)  # also a formatter for charts: column_chart(..., formatter=vnd)
    app.add_template_global(url_with)
    app.add_template_global(external_url)  # absolute links from SITE_URL, never from the Host header
    app.add_template_global(kind_label)
    app.add_template_global(map_url)
    app.add_template_global(level_label)
    app.add_template_global(submission_field)
    app.add_template_global(error_items)  # the error summary of templates/_forms.html
    app.add_template_global(picture)  # photos as WebP in several widths (srcset), lazy but the first

    @app.context_processor
    def _site_context():
        return {"current_locale": getattr(g, "locale", "vi")}  # the menu's `nav`: catalog/__init__.py
