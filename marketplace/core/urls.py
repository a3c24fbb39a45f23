"""Absolute links built from the site's configured address (SITE_URL), never from the request.

`url_for(..., _external=True)` takes the host from the request's Host header, which the
client writes: a forged Host put `http://evil.example/tickets/<code>` into a ticket
e-mail. Every absolute link — in e-mails, QR codes, calendar feeds, canonical and Open
Graph links, JSON-LD and the API — comes from `external_url` instead, in a request or
outside one (the worker, the CLI) alike.
"""
from urllib.parse import quote, urlsplit

from flask import current_app


def _site():
    return urlsplit(current_app.config["SITE_URL"])


def external_url(endpoint, **values):
    """The absolute URL of `endpoint` on SITE_URL (`_anchor` adds a fragment, as in url_for)."""
    anchor = values.pop("_anchor", None)
    site = _site()
    adapter = current_app.url_map.bind(site.netloc, script_name=site.path or "/", url_scheme=site.scheme or "https")
    url = adapter.build(endpoint, values, force_external=True)
    if anchor is not None:
        url += "#" + quote(str(anchor), safe="%!#$&'()*+,/:;=?@")
    return url


def site_host():
    """SITE_URL's host name, e.g. for calendar UIDs (uid@cho-ocop.vn)."""
    return _site().hostname or "localhost"
