"""Markdown written by producers and organizers, rendered to safe HTML.

Markdown turns text into HTML; nh3 (the Ammonia sanitiser) then keeps only a
small set of tags, so a description can never carry script or styles.
"""
import html

import markdown as _markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "h3", "h4",
                "a", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text):
    html = _markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"}, link_rel="nofollow noopener")
    return Markup(clean)


def plain_excerpt(text, length=160):
    """Text without markup, for meta descriptions, cards, JSON-LD and calendars.

    Plain text, not HTML: nh3's entities are decoded ("Bưởi & cam", not "Bưởi &amp; cam"),
    since every reader escapes it for its own format (Jinja, tojson, iCalendar)."""
    plain = html.unescape(nh3.clean(_markdown.markdown(text or ""), tags=set()))
    plain = " ".join(plain.split())
    return plain if len(plain) <= length else plain[: length - 1].rsplit(" ", 1)[0] + "…"
