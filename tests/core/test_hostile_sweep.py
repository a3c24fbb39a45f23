"""Every route of the site, fed hostile input by every kind of user: never a 5xx, and a refusal writes nothing.

For each role (anonymous, consumer, producer owning the records, organizer, officer,
admin, business buyer) on SQLite and PostgreSQL, on its own copy of one database per
engine holding a record of each kind (tests/core/hostile_world.py), the sweep walks
`app.url_map`:

- query parameters: each route is opened as found while recording which parameters its
  code reads; those then get every hostile value in turn (a Latin square: request j gives
  parameter i value (i + j) mod n), and one request sends every name the code reads anywhere
  (found in its source) plus names that `url_for` reserves (_anchor, _external…). A control
  character (NUL, CR LF, \x01, DEL) is a 400 at the edge on every route, as is a 100k query.
- path segments: ids beyond the INTEGER range and non-ASCII digits (404), markup and long
  slugs, NUL (400, with the control character above);
- forms: every form on the pages the role can open is posted with a valid CSRF token, first
  as found (empty required fields filled in; every form but sign-in with an unknown address
  and ticket check-in before the event is accepted so, so that hostile values reach the
  writes), then one field at a time hostile (a value fitting the field's
  kind: numbers, dates, text — the 100k string on PostgreSQL, whose btree index holds 2704
  bytes), then NUL (400). POST routes without a form on a page get
  hostile values under every field name seen. A CSV upload gets hostile CSV content.

Sampling, to stay fast (about 2,000 requests on SQLite, 1,400 on PostgreSQL): each engine gets
the numbers that overflow it (2**31 for PostgreSQL's int4, 2**63 for SQLite's binding) and half
of the values that behave alike on both (non-ASCII digits, markup, filter syntax, bidi controls);
what cannot differ between engines (every parameter name at once, the text rotations, POSTs
without a form) runs on SQLite only. Public pages are covered by the anonymous run (signed-in
roles open those that hold a form, and on SQLite those that read parameters, sharing their
rotations); a role's own pages get everything; pages it cannot open get one request, and a
page that sends the visitor to sign in gets no more than the control-character check. Row
counts of every table are compared around every POST and every refused GET: a 4xx must have
written nothing. With SWEEP_DEBUG=1 (and -s) each run prints its requests, time and the forms
refused as found.
"""
import collections
import io
import os
import re
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from flask import Request
from sqlalchemy import text as sql
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter

from marketplace.core.inputs import MAX_QUERY_STRING
from marketplace.extensions import db
from tests.core.hostile_forms import baseline, forms_of
from tests.core.hostile_world import world_copy, world_database

ROLES = ["anonymous", "consumer", "producer", "organizer", "officer", "admin", "buyer"]

LONG = "x" * 100_000
MARKUP = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
# Each engine gets the numbers that overflow it (PostgreSQL's int4 at 2**31, SQLite's binding at 2**63)
# and half of the values that behave alike on both (non-ASCII digits, markup, filter syntax…).
NUMBERS = {"sqlite": [str(2 ** 63), str(10 ** 20), "²", "-1", MARKUP],
           "postgresql": [str(2 ** 31), str(2 ** 63), "٣", "1e999999", MARKUP]}
TEXTS = {
    "sqlite": [MARKUP, "x" * 300, "province = x OR 1=1", "\u202egnoh tậM\u2066", "//evil.example"],
    "postgresql": ['"a" OR stars > 0', "x" * 300, "😀" * 10, "javascript:alert(1)", "{{7*7}} %s {0}"],
}
DATES = ["9999-12-31", "0001-01-01", "2026-02-30", "99999-01-01", "9999-12-31T23:59", "²"]
# Ids are bounded by the route converter (core/inputs.py) before any engine sees them.
INT_PATH = {"sqlite": ["100000000000000000000"], "postgresql": ["2147483648"]}
STR_PATH = {"sqlite": [MARKUP], "postgresql": ["x" * 3000]}
CONTROLS = ["a%00b", "%0d%0aSet-Cookie:x=1", "a%01b", "a%7fb"]
RESERVED_NAMES = ["slug", "_anchor", "_external", "_scheme", "_method", "id", "fmt"]
CSV_VALUES = [b"sku,price,stock\n\x00\x00\x00", "sku,price,stock\nx,100000000000000000000,²\n".encode(),
              "=cmd|' /C calc'!A0;\"1\";\"2\"\n".encode(), ("a," * 50_000).encode(), b"\xff\xfe\x00b\x00"]


def _query_names():
    """Every query parameter name the application reads, from its source, plus reserved ones."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path("marketplace").rglob("*.py"))
    names = set(re.findall(r"""(?:args\.get|args\.getlist|int_arg|page_arg)\(\s*["']([a-z_]+)["']""", source))
    names |= set(re.findall(r"""args\[["']([a-z_]+)["']\]""", source))
    names |= set(re.findall(r"""_int_arg\(args,\s*["']([a-z_]+)["']""", source))
    return sorted(names) + RESERVED_NAMES


class RecordingArgs(ImmutableMultiDict):
    """Query parameters that remember which names the code asked for."""

    read = set()

    def __getitem__(self, key):
        RecordingArgs.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):
        RecordingArgs.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        RecordingArgs.read.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        RecordingArgs.read.add(key)
        return super().__contains__(key)


# --- the sweep ---------------------------------------------------------------------------------

# Tables a successful GET may write, left out of the row counts: derived data, never a user's.
DERIVED = {"programme_figures": "the programme's stored figures, computed by the first page that reads them"}


class Sweep:
    def __init__(self, app, client, world, role, engine, public):
        self.app, self.client, self.world, self.role, self.public = app, client, world, role, public
        self.me = ROLES.index(role) + (0 if engine == "sqlite" else len(ROLES))  # offsets the sampling
        self.engine, self.texts, self.numbers, self.names = engine, TEXTS[engine], NUMBERS[engine], _query_names()
        self.problems, self.requests, self.forms, self.accessible, self.csrf = [], 0, {}, set(), None
        self.per_endpoint, self.nul_posted, self.accepted, self.refused = collections.Counter(), False, [], []
        self.tables = [t.name for t in db.metadata.sorted_tables if t.name not in DERIVED]
        self.counts_sql = sql("SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in self.tables))
        self.counts = self._counts()

    def hostile(self, kind, n):
        """The n-th hostile value for a field or parameter of `kind` ("number", "date" or "text")."""
        values = {"number": self.numbers, "date": DATES}.get(kind, self.texts + [LONG])
        return values[n % len(values)]

    @staticmethod
    def kind_of(f):
        if f.kind in ("date", "datetime-local", "month") or f.name.endswith(("_on", "_by", "_at", "_from")):
            return "date"
        if f.kind in ("number", "hidden", "select", "radio", "checkbox", "button") or re.search(
                r"price|value|quantity|stock|points|year|count|capacity|min_order|total", f.name):
            return "number"
        return "text"

    # --- requests ---
    def _counts(self):
        db.session.remove()
        with db.engine.connect() as conn:
            return tuple(conn.execute(self.counts_sql).one())

    def sign_in(self):
        """A real, revocable session for the role's account (accounts.sessions), as the login form
        opens; its new session row is part of the counts the sweep compares against."""
        from marketplace.accounts import sessions
        from marketplace.accounts.models import User
        alt_id = None
        if self.world.users[self.role] is not None:
            user = db.session.get(User, self.world.users[self.role])
            sessions.start(user)
            alt_id = user.get_id()
            self.counts = self._counts()
        with self.client.session_transaction() as session:
            session.clear()
            if alt_id is not None:
                session["_user_id"] = alt_id
                session["_fresh"] = True
        self.csrf = None

    def token(self):
        if self.csrf is None:
            page = self.client.get("/account/password" if self.world.users[self.role] else "/account/login")
            self.csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                                  page.get_data(as_text=True)).group(1)
        return self.csrf

    def request(self, method, url, what, data=None, files=None, expect=None):
        self.requests += 1
        self.per_endpoint[what.split(" ", 1)[0]] += 1
        kwargs = {}
        if method == "post":
            payload = [*(data or []), ("csrf_token", self.token())]
            payload += [(k, (io.BytesIO(v[0]), v[1])) for k, v in (files or {}).items()]
            kwargs = {"data": MultiDict(payload), "content_type": "multipart/form-data"}
        try:
            response = getattr(self.client, method)(url, **kwargs)
            status = response.status_code
        except Exception as error:  # an exception escaping the app is a 500 as well
            status, response, what = 599, None, f"{what} raised {error!r}"
        # Row counts: after every POST and every refused GET (a GET that succeeds writes nothing here,
        # and if one did, the next refusal would show it).
        after = self._counts() if method == "post" or 400 <= status < 500 else self.counts
        if status >= 500 or (expect is not None and status not in expect):
            self.problems.append((status, method.upper(), url[:160], what[:200]))
        elif 400 <= status < 500 and after != self.counts:
            changed = [t for t, a, b in zip(self.tables, self.counts, after) if a != b]
            self.problems.append((status, method.upper(), url[:160], f"{what[:160]} wrote to {changed}"))
        self.counts = after
        if method == "post" and urlsplit(url).path == "/account/logout":
            self.sign_in()  # the sweep goes on as the same user
        return response

    # --- routes ---
    def rules(self):
        return [r for r in sorted(self.app.url_map.iter_rules(), key=lambda r: r.rule) if r.endpoint != "static"]

    def url_for_rule(self, rule, overrides=None):
        return url_for_rule(self.world, rule, overrides)

    def query(self, names, j):
        numbers = {"page", "year", "month", "limit", "stars", "min_price", "max_price", "per_page", "producer"}
        texts, digits = self.texts, self.numbers
        pairs = [(name, digits[(i + j) % len(digits)] if name in numbers else texts[(i + j) % len(texts)])
                 for i, name in enumerate(names)]
        query = "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
        assert len(query) < MAX_QUERY_STRING, "the sweep's own query must pass the edge's length limit"
        return query

    def sweep_get(self, index, rule):
        public = self.public.get(rule.endpoint)  # (names read, holds a form) for what anonymous can open
        anonymous = self.role == "anonymous"
        if public is not None and not anonymous and not (public[1] or public[0] and self.engine == "sqlite"):
            return  # a public page without a form: the anonymous run covers it (and signed-in roles on SQLite)
        url = self.url_for_rule(rule)
        RecordingArgs.read = set()
        response = self.request("get", url, f"{rule.endpoint} as found")
        read = sorted(RecordingArgs.read - {"lang"})
        ok = response is not None and 200 <= response.status_code < 300
        if ok:
            self.accessible.add(rule.endpoint)
            if response.mimetype == "text/html":
                for form in forms_of(response.get_data(as_text=True), url):
                    self.forms.setdefault(form.signature(), form)
        joiner = "&" if "?" in url else "?"
        if anonymous:  # the edge comes before any role check: once per route and engine
            control = CONTROLS[index % len(CONTROLS)]
            nul_path = {name: "a%00b" for name in rule.arguments}
            self.request("get", f"{self.url_for_rule(rule, nul_path)}{joiner}q={control}&page=1",
                         f"{rule.endpoint} control", expect=(400,))
        mine = ok and (anonymous or public is None)  # pages this role opens and the public does not
        # A page that sends the visitor to sign in reads nothing before: the control above suffices.
        open_door = ok or (anonymous and not _to_sign_in(response))
        if self.engine == "sqlite" and (mine or open_door and anonymous):  # every name read anywhere, once
            self.request("get", f"{url}{joiner}{self.query(self.names, self.me + index)}",
                         f"{rule.endpoint} all names")
        if read and open_door:  # the names this route reads, every rotation (public pages: shared)
            if self.engine == "sqlite":
                rotations = range(max(len(self.texts), len(self.numbers)))
                for j in rotations if public is None else rotations[ROLES.index(self.role)::len(ROLES)]:
                    self.request("get", f"{url}{joiner}{self.query(read, j)}", f"{rule.endpoint} rotation {j}")
            elif public is None or anonymous:  # PostgreSQL: what differs there, numbers beyond int4 and int8
                for value in (str(2 ** 31), str(2 ** 63)):
                    query = "&".join(f"{quote(name)}={value}" for name in read)
                    self.request("get", f"{url}{joiner}{query}", f"{rule.endpoint} rotation {value}")
        self.sweep_path(index, rule, "get", mine, anonymous and not ok and open_door)

    def sweep_path(self, index, rule, method, thorough, sample=False, data=None):
        """Hostile values in each path segment: the engine's values when `thorough`, one when `sample`."""
        for name, converter in rule._converters.items():
            is_int = isinstance(converter, IntegerConverter)
            values = (INT_PATH if is_int else STR_PATH)[self.engine]
            if sample and is_int:  # a route no role opens here still meets non-ASCII digits
                values = [*values, "²" if self.engine == "sqlite" else "٣"]
            chosen = values if thorough else [values[(self.me + index) % len(values)]] if sample else []
            for value in chosen:
                self.request(method, self.url_for_rule(rule, {name: quote(value, safe="%")}),
                             f"{rule.endpoint} <{name}>={value[:40]!r}", data=data, expect=(404,) if is_int else None)

    def endpoint_of(self, url, method):
        try:
            return self.app.url_map.bind("localhost").match(urlsplit(url).path, method=method)[0]
        except Exception:
            return None

    def sweep_form(self, form):
        pairs, files = baseline(form, {"code": self.world.strings["code"]})
        url, endpoint = form.action, self.endpoint_of(form.action, "POST")
        for name in [n for n, (_, filename) in files.items() if filename.endswith(".csv")]:
            files[name] = (self.client.get("/studio/stock.csv").get_data(), "kho.csv")  # the producer's own file
        response = self.request("post", url, f"{endpoint} form as found", data=pairs, files=files)
        if response is not None and response.status_code == 400 and response.mimetype == "text/html":
            # A form the server fills in and shows again (checkout's total): post it as given back.
            again = [f for f in forms_of(response.get_data(as_text=True), url) if f.signature() == form.signature()]
            if again:
                pairs, _ = baseline(again[0], {"code": self.world.strings["code"]})
                response = self.request("post", url, f"{endpoint} form as given back", data=pairs, files=files)
        if response is not None and response.status_code < 400:
            self.accepted.append(endpoint)
        else:
            self.refused.append(endpoint)
            if os.environ.get("SWEEP_DEBUG") and response is not None:
                body = response.get_data(as_text=True)
                print("REFUSED", endpoint, response.status_code, pairs[:12],
                      re.findall(r'class="field-error"[^>]*>([^<]+)<', body)[:5],
                      re.findall(r'class="flash[^"]*"[^>]*>\s*([^<]+)<', body)[:3])
        # One field of each name, and of repeated rows (targets-0-metric, targets-1-metric…) the first row only.
        fields = list({re.sub(r"-\d+-", "-N-", f.name): f for f in reversed(form.fields)
                       if f.name != "csrf_token" and f.kind not in ("submit", "reset", "image")}.values())[::-1]
        for index, f in enumerate(fields):
            if f.kind == "file":
                if "csv" in f.accept or f.name == "file":
                    for value in CSV_VALUES:
                        self.request("post", url, f"{endpoint} form {f.name}=csv {value[:20]!r}", data=pairs,
                                     files={**files, f.name: (value, "kho.csv")})
                continue
            kind = self.kind_of(f)
            # One value a field. Numbers and dates rotate on both engines; text is the 100k string
            # on PostgreSQL (a btree index holds at most 2704 bytes) and every other one on SQLite.
            value = LONG if kind == "text" and self.engine == "postgresql" else self.hostile(kind, self.me + index)
            data = [(k, v) for k, v in pairs if k != f.name] + [(f.name, value)]
            self.request("post", url, f"{endpoint} form {f.name}={value[:40]!r}", data=data, files=files)
        if self.role == "anonymous" or not self.nul_posted:  # the edge: every form once, and once per role
            self.nul_posted = True
            self.request("post", url, f"{endpoint} form NUL",
                         data=[*((k, f"{v}\x00") for k, v in pairs), ("x", "\x00")], files=files, expect=(400,))

    def sweep_posts(self):
        """POST routes no form on a page leads to (or not for this role): hostile values under every name."""
        names = sorted({f.name for form in self.forms.values() for f in form.fields if f.name != "csrf_token"}
                       | {"product_id", "quantity", "next", "status", "side", "answer", "decision", "reason",
                          "token", "payment_method", "demand_id", "offer_id", "buyer_id", "producer_id"})
        posted = {self.endpoint_of(form.action, "POST") for form in self.forms.values() if form.method == "post"}
        for index, rule in enumerate(self.rules()):
            if "POST" not in rule.methods:
                continue
            url = self.url_for_rule(rule)
            generic = [(name, self.hostile("number" if name.endswith("_id") else "text", self.me + i))
                       for i, name in enumerate(names)]
            blueprint = rule.endpoint.split(".")[0]
            reachable = self.role == "anonymous" or any(e.split(".")[0] == blueprint for e in self.accessible)
            response = None
            if rule.endpoint not in posted and reachable and self.engine == "sqlite":
                response = self.request("post", url, f"{rule.endpoint} generic fields", data=generic)
            if self.role == "anonymous":  # the edge, once per route and engine
                self.request("post", url, f"{rule.endpoint} NUL fields", data=[("x", "a\x00")], expect=(400,))
            thorough = rule.endpoint in self.accessible and rule.endpoint not in self.public
            sample = self.role == "anonymous" and not _to_sign_in(response)
            self.sweep_path(index, rule, "post", thorough, sample, data=generic[:5])

    def run(self):
        self.sign_in()
        for index, rule in enumerate(self.rules()):
            if "GET" in rule.methods:
                self.sweep_get(index, rule)
        self.request("get", f"/products?q={LONG}", "catalog.products q=100k", expect=(400,))
        for form in [f for f in self.forms.values() if f.method == "post"]:
            if self.endpoint_of(form.action, "POST") != "accounts.logout":
                self.sweep_form(form)
        self.sweep_posts()


def _to_sign_in(response):
    """Whether `response` sends the visitor to the sign-in page (nothing was read before)."""
    return response is not None and response.status_code in (301, 302, 303) \
        and "/account/login" in response.headers.get("Location", "")


def url_for_rule(world, rule, overrides=None):
    """The path of `rule` naming the world's records, with some arguments replaced (already quoted)."""
    parts = []
    for is_arg, piece in rule._trace:
        if is_arg:
            value = (overrides or {}).get(piece)
            piece = value if value is not None else quote(str(world.path_value(rule.endpoint, piece)), "/")
        parts.append(piece)
    return "".join(parts).split("|", 1)[-1]


_PUBLIC = {}


def _public_endpoints(app, world):
    """What an anonymous visitor can open (2xx): {endpoint: (reads parameters, holds a POST form)}.

    Signed-in roles look at these lightly (the anonymous run covers them)."""
    client, found = app.test_client(), {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        RecordingArgs.read = set()
        response = client.get(url_for_rule(world, rule))
        if 200 <= response.status_code < 300:
            forms = forms_of(response.get_data(as_text=True), "/") if response.mimetype == "text/html" else []
            found[rule.endpoint] = (bool(RecordingArgs.read - {"lang"}), any(f.method == "post" for f in forms))
    return found


@pytest.fixture(scope="session")
def template_cache(tmp_path_factory):
    """Compiled templates shared by the sweep's apps (each app would compile them again)."""
    from jinja2 import FileSystemBytecodeCache
    return FileSystemBytecodeCache(str(tmp_path_factory.mktemp("jinja")))


@pytest.fixture
def sweep_app(engine, request, tmp_path, tmp_path_factory, template_cache):
    """This run's own copy of the engine's world: (app, World)."""
    options = {"template_cache": template_cache,
               "request_class": type("RecordingRequest", (Request,), {"parameter_storage_class": RecordingArgs})}
    survey = (lambda app, world: _PUBLIC.setdefault("endpoints", _public_endpoints(app, world)))
    world_db = world_database(engine, request, tmp_path_factory.mktemp(f"world-{engine}"), survey, **options)
    with world_copy(engine, request, tmp_path, world_db, **options) as served:
        yield served


# With the clock moved (tests/clock.py), the walk runs as the producer only, on both
# engines: the world is still built on the moved day (its certificates, events and plans),
# while the role-by-role walk, in which no day enters, runs on today's run.
DATED_ROLES = {"producer"}


@pytest.mark.both_engines
@pytest.mark.parametrize("role", [role if role in DATED_ROLES else pytest.param(role, marks=pytest.mark.undated)
                                  for role in ROLES])
def test_hostile_input_never_reaches_a_5xx_nor_half_writes(sweep_app, engine, role):
    started, cpu = time.perf_counter(), time.process_time()
    app, world = sweep_app
    sweep = Sweep(app, app.test_client(), world, role, engine, _PUBLIC["endpoints"])
    sweep.run()
    if os.environ.get("SWEEP_DEBUG"):
        print(f"\n[hostile sweep] {engine} {role}: {sweep.requests} requests, {len(sweep.forms)} forms, "
              f"{time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} s CPU in this process); most: "
              + ", ".join(f"{e} {n}" for e, n in sweep.per_endpoint.most_common(4))
              + f"; forms accepted as found {len(sweep.accepted)}, refused {sorted(set(sweep.refused))}")
    assert not sweep.problems, "\n".join(map(str, sweep.problems[:40])) + f"\n({len(sweep.problems)} problems)"
