"""Serving anonymous pages from the cache, and HTTP caching for browsers and proxies.

Who gets a kept page: a GET (or HEAD) by a visitor whose session holds nothing of their
own: no account (`_user_id`, remember-me cookie, Authorization header), no cart, no
messages waiting (flashes); only the CSRF secret, the chosen language and Flask-Login's
bookkeeping (`ANONYMOUS_SESSION_KEYS`). A guest with a cart has a session and is served a
fresh page with their cart count; a signed-in user always is.

What is kept: the page as the view rendered it for the *canonical* request — path,
the query reduced to the parameters the view reads, sorted, defaults and empty values
dropped (`canonical`), and the language — so that nothing a visitor typed beyond that
lands in another visitor's page: the request is rewritten to its canonical form before
the view runs.

Per-visitor parts are placeholders in the kept page, filled in for each answer:
- the CSRF token (`csrf_token()`, WTForms' hidden field): the view renders a
  placeholder, each answer gets the visitor's own token (and their session its secret,
  exactly as an uncached page with a form does);
- one-time form tokens (`core.submissions.new_token`): a new one per form per answer;
- the Content-Security-Policy nonce of JSON-LD blocks: this response's own.
So forms on kept pages work without JavaScript, and the templates need no change: any
form rendered through these helpers is personalised.

HTTP: a kept page has a weak ETag (over the page with its placeholders) and its render
time as Last-Modified; `If-None-Match` / `If-Modified-Since` get 304. Cache-Control is
`public, max-age=PAGE_CACHE_MAX_AGE, must-revalidate` (0 by default: browsers and
proxies ask again each time and get a 304 while nothing changed, so a change shows at
once), `private` instead when the page holds a form token. Any other HTML or JSON
answer without a Cache-Control of its own is `private, no-cache`: a personal page is
never `public`.
"""
import hashlib
import json
import re
import secrets
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from datetime import time as day_time
from functools import wraps
from urllib.parse import urlencode

from flask import current_app, g, request, session
from werkzeug.datastructures import ImmutableMultiDict

from marketplace.core.pagecache.render import recording
from marketplace.core.pagecache.store import StoreUnavailable
from marketplace.core.timeutil import VN_TZ, vn_today

HEADER = "X-Page-Cache"
ANONYMOUS_SESSION_KEYS = frozenset({"csrf_token", "lang", "_fresh", "_id", "_permanent"})
CACHED_TYPES = ("text/html", "application/json")


@dataclass
class Entry:
    body: bytes  # the page, with this render's placeholders
    marker: str
    etag: str
    modified: int  # epoch seconds of the render
    expires: float  # epoch seconds
    day: str  # Vietnam's day of the render: stars and filters change at its midnight
    since: int  # the store's counter when the render began
    content_type: str
    personal: bool  # holds a CSRF or form token: each visitor's own

    def to_bytes(self):
        head = {k: v for k, v in asdict(self).items() if k != "body"}
        return json.dumps(head, separators=(",", ":")).encode() + b"\n" + self.body

    @classmethod
    def parse(cls, value):
        head, _, body = value.partition(b"\n")
        return cls(body=body, **json.loads(head))


def anonymous_visitor():
    """True when nothing in the request is this visitor's own (see the module's docstring)."""
    if request.method not in ("GET", "HEAD") or "Authorization" in request.headers:
        return False
    if current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies:
        return False
    return set(session.keys()) <= ANONYMOUS_SESSION_KEYS


def next_midnight(day):
    return datetime.combine(day + timedelta(days=1), day_time(0), tzinfo=VN_TZ).timestamp()


class PageCache:
    def __init__(self, app, store, version):
        self.store = store
        self.version = version
        self.ttl = int(app.config.get("PAGE_CACHE_TTL") or 3600)
        self.max_age = int(app.config.get("PAGE_CACHE_MAX_AGE") or 0)
        self.watch_outbox = store.kind == "local"

    # --- the request ------------------------------------------------------------------

    def serve(self, view, args, kwargs, canonical):
        if not anonymous_visitor():
            g.pagecache_source = "personal"
            return view(*args, **kwargs)
        canon = canonical(request.args) if canonical is not None else {}
        if canon is None:
            g.pagecache_source = "bypass"
            return view(*args, **kwargs)
        if self.watch_outbox and self._changes_waiting():
            g.pagecache_source = "bypass"  # another process's changes: this store learns of them when drained
            return view(*args, **kwargs)
        key = self._key(canon)
        try:
            value, cleared = self.store.get(key)
        except StoreUnavailable:
            g.pagecache_source = "bypass"
            return view(*args, **kwargs)
        if value is not None:
            entry = Entry.parse(value)
            if entry.day == vn_today().isoformat() and entry.since >= cleared and entry.expires > time.time():
                return self.answer(entry, "hit")
        return self._render(view, args, kwargs, key, canon)

    def _changes_waiting(self):
        from marketplace.core.pagecache.changes import foreign_changes_waiting
        return foreign_changes_waiting()

    def _key(self, canon):
        raw = "|".join((self.version, str(g.get("locale") or "vi"), request.path, urlencode(sorted(canon.items()))))
        return hashlib.sha1(raw.encode("utf-8", "surrogateescape")).hexdigest()

    # --- a miss: render for everyone ----------------------------------------------------

    def _render(self, view, args, kwargs, key, canon):
        from marketplace.extensions import db
        try:
            since = self.store.clock()
        except StoreUnavailable:
            g.pagecache_source = "bypass"
            return view(*args, **kwargs)
        database = db.session()
        if database.new or database.dirty or database.deleted:  # a test's unsaved changes: not a page for others
            g.pagecache_source = "bypass"
            return view(*args, **kwargs)
        database.expire_all()  # every row the page shows is read (and recorded) during the render
        _canonical_request(canon)
        day, started = vn_today(), time.time()
        marker = "pc" + secrets.token_hex(8)
        field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
        setattr(g, field, marker + "c")
        try:
            with recording() as rec:
                rec.marker = marker
                response = current_app.make_response(view(*args, **kwargs))
        finally:
            g.pop(field, None)
        entry = self._entry(response, rec, marker, day, started, since)
        if entry is None:
            g.pagecache_source = "unkept"
            return self._personalise_response(response, marker)
        ttl = int(entry.expires - time.time())
        try:
            kept = self.store.put(key, entry.to_bytes(), rec.tags, ttl, since)
        except StoreUnavailable:
            kept = False
        return self.answer(entry, "miss" if kept else "unkept")

    def _entry(self, response, rec, marker, day, started, since):
        if rec.refused or response.status_code != 200 or response.is_streamed or response.direct_passthrough:
            return None
        if response.mimetype not in CACHED_TYPES or set(response.headers.keys()) - {"Content-Type", "Content-Length"}:
            return None
        if not anonymous_visitor():  # the view wrote something of the visitor's (a flash message)
            return None
        body = response.get_data()
        nonce = getattr(request, "csp_nonce", None)
        if nonce and nonce.encode() in body:
            body = body.replace(nonce.encode(), (marker + "n").encode())
        personal = (marker + "c").encode() in body or (marker + "s").encode() in body
        etag = hashlib.sha1(body.replace(marker.encode(), b"pc")).hexdigest()[:27]
        expires = min(started + self.ttl, next_midnight(day), rec.expires or float("inf"))
        return Entry(body=body, marker=marker, etag=etag, modified=int(started), expires=expires,
                     day=day.isoformat(), since=since, content_type=response.content_type, personal=personal)

    # --- the answer -------------------------------------------------------------------

    def answer(self, entry, source):
        g.pagecache_source = source
        unchanged = False
        if request.if_none_match:
            unchanged = request.if_none_match.contains_weak(entry.etag)
        elif request.if_modified_since is not None:
            unchanged = entry.modified <= int(request.if_modified_since.timestamp())
        if unchanged:
            response = current_app.response_class(status=304)
        else:
            response = current_app.response_class(personalise(entry.body, entry.marker),
                                                  content_type=entry.content_type)
        response.set_etag(entry.etag, weak=True)
        response.last_modified = entry.modified
        response.headers["Cache-Control"] = (f"{'private' if entry.personal else 'public'}, "
                                             f"max-age={self.max_age}, must-revalidate")
        return response

    def _personalise_response(self, response, marker):
        if not response.is_streamed and not response.direct_passthrough:
            body = response.get_data()
            if marker.encode() in body:
                response.set_data(personalise(body, marker))
        return response


def personalise(body, marker):
    """The kept page with this visitor's CSRF token, new form tokens and this response's nonce."""
    mark = marker.encode()
    if mark not in body:
        return body
    nonce = (mark + b"n")
    if nonce in body:
        body = body.replace(nonce, (getattr(request, "csp_nonce", "") or "").encode())
    csrf = mark + b"c"
    if csrf in body:
        from flask_wtf.csrf import generate_csrf
        body = body.replace(csrf, generate_csrf().encode())
    token = mark + b"s"
    if token in body:
        from marketplace.core.submissions import new_token
        body = re.sub(re.escape(token), lambda _match: new_token().encode(), body)
    return body


def _canonical_request(canon):
    """The request as its canonical URL: what the view reads is what the key says."""
    pairs = sorted(canon.items())
    query = urlencode(pairs)
    request.args = ImmutableMultiDict(pairs)
    request.query_string = query.encode("ascii")
    request.environ["QUERY_STRING"] = query
    request.__dict__.pop("url", None)


def cached(canonical=None):
    """Keep this GET view's anonymous page (see the module's docstring).

    `canonical(args) -> dict | None`: the query parameters the view reads, as strings,
    without defaults and empty values; None renders the page without the cache (e.g. a
    value the view would refuse). Without `canonical` the view reads no parameter.
    """
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            cache = current_app.extensions.get("pagecache")
            if cache is None:
                return view(*args, **kwargs)
            return cache.serve(view, args, kwargs, canonical)
        wrapper.page_cached = True
        return wrapper
    return decorate


def params(*names, defaults=None, normalise=None):
    """A `canonical` for views reading these parameters: stripped, empty ones and defaults
    dropped; `normalise(dict) -> dict | None` for more (e.g. the catalogue's rules)."""
    defaults = defaults or {}

    def canonical(args):
        found = {}
        for name in names:
            value = (args.get(name) or "").strip()
            if value and value != defaults.get(name):
                found[name] = value
        return normalise(found) if normalise else found
    return canonical
