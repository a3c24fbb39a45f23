"""Every route of the site, fed hostile input by every kind of user: never a 5xx, and a refusal writes nothing.

For each role (anonymous, consumer, producer owning the records, organizer, officer,
admin, business buyer) on SQLite and PostgreSQL, on one database per role holding one
record of each kind (tests/core/hostile_world.py), the sweep walks `app.url_map`:

- query parameters: each route is opened as found while recording which parameters
  its code reads; those then get every hostile value in turn (a Latin square: request j
  gives parameter i value (i + j) mod n), and one request sends every name the code reads
  anywhere (found in its source) plus names that `url_for` reserves. A control character
  (NUL, CR LF, DEL) is a 400 at the edge, as is a 100k-character query.
- path segments: ids beyond the INTEGER range and non-ASCII digits (404), markup, long
  and filter-like slugs, a NUL byte (400);
- forms: every form found on the pages the role can open is posted with a valid CSRF
  token, first as found (filled in where empty), then with one field at a time hostile
  (a value fitting the field's kind), then all fields hostile, then with NUL (400).
  POST routes without a form on any page get hostile values under every field name seen.
  A CSV upload gets hostile CSV content.

Sampling, to stay fast: the values that behave differently per engine (numbers beyond the
integer range, non-ASCII digits, long text, NUL) go to both engines; the other hostile texts
(markup, filter syntax, bidi controls…) are split between them. A public page gets its full
set of rotations from the anonymous run; a signed-in role sends it one. A route the role
cannot open gets one rotation and one path value. After each request the row count of
every table is compared with the one before: a 4xx answer must have written nothing.
"""
import io
import itertools
import re
import time
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from sqlalchemy import text as sql
from werkzeug.datastructures import ImmutableMultiDict, MultiDict

from marketplace.core.inputs import MAX_QUERY_STRING, IdConverter
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from tests.core.hostile_world import PASSWORD, PDF_BYTES, build_world, png_bytes

ROLES = ["anonymous", "consumer", "producer", "organizer", "officer", "admin", "buyer"]

LONG = "x" * 100_000
MARKUP = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
# Values whose effect depends on the engine: both engines get them.
NUMBERS = [str(2 ** 31), str(2 ** 63), str(10 ** 20), "²", "٣", "-1", "1e9"]
# Values that behave the same on both engines: split between them.
TEXTS = {
    "sqlite": [MARKUP, "x" * 300, "province = x OR 1=1", "\u202egnoh tậM\u2066", "{{7*7}} %s {0}",
               "//evil.example", "²"],
    "postgresql": ['"a" OR stars > 0', "x" * 300, "😀" * 10, "javascript:alert(1)", "/\\evil.example",
                   "' OR 1=1 --", "٣"],
}
DATES = ["9999-12-31", "0001-01-01", "2026-02-30", "99999-01-01", "9999-12-31T23:59", "²"]
# Ids are bounded by the route converter (core/inputs.py) before any engine sees them.
INT_PATH = {"sqlite": ["100000000000000000000", "²"], "postgresql": ["2147483648", "٣"]}
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


# --- forms as a browser sees them ---------------------------------------------------------

@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea", "button"
    value: str = ""
    checked: bool = False
    options: list = field(default_factory=list)
    accept: str = ""
    required: bool = False


@dataclass
class Form:
    action: str
    method: str
    fields: list

    def signature(self):
        return (self.method, urlsplit(self.action).path, tuple(sorted({f.name for f in self.fields})))


class FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self.form, self.select, self.textarea = page_url, [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = Form(a.get("action") or self.page_url, (a.get("method") or "get").lower(), [])
            self.forms.append(self.form)
        elif tag == "option" and self.select is not None:
            self.select.options.append((a.get("value") or "", "selected" in a))
        elif self.form is None or not a.get("name"):
            return
        elif tag == "input":
            self.form.fields.append(Field(a["name"], (a.get("type") or "text").lower(), a.get("value") or "",
                                          "checked" in a, accept=a.get("accept") or "", required="required" in a))
        elif tag == "button":
            self.form.fields.append(Field(a["name"], "button", a.get("value") or ""))
        elif tag == "select":
            self.select = Field(a["name"], "select")
        elif tag == "textarea":
            self.textarea = Field(a["name"], "textarea")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None and self.form is not None:
            self.form.fields.append(self.select)
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.textarea.value = self.textarea.value.removeprefix("\n")
            self.form.fields.append(self.textarea)
            self.textarea = None


def forms_of(html, page_url):
    parser = FormParser(page_url)
    parser.feed(html)
    return parser.forms


_unique = itertools.count(1)


def _fill(f):
    """A plausible value for an empty field, so that the form as found is valid where it can be."""
    name, today = f.name.lower(), vn_today()
    if f.kind == "email" or "email" in name:
        return f"quet{next(_unique)}@example.vn"
    if f.kind == "tel" or "phone" in name:
        return "0912345678"
    if f.kind == "password" or name in ("password", "confirm", "current"):
        return PASSWORD
    if f.kind == "date" or name.endswith(("_on", "_by", "_from")):
        return (today + timedelta(days=30)).isoformat()
    if f.kind == "datetime-local" or name.endswith("_at"):
        return f"{today + timedelta(days=30)}T09:00"
    if f.kind == "number" or name in ("quantity", "stock", "price", "points", "price_min"):
        return "1"
    if f.kind == "url" or name == "website":
        return "https://example.vn"
    if name == "tax_code":
        return "0101234567"
    if f.kind == "textarea":
        return "Nội dung thử nghiệm đủ dài."
    return "Thử nghiệm"


def _file_for(f):
    if "pdf" in f.accept:
        return PDF_BYTES, "giay.pdf"
    if "csv" in f.accept or f.name == "file":
        return b"sku,price,stock\n", "kho.csv"
    return png_bytes(), "anh.png"


def baseline(form):
    """The form's data as a browser would send it, empty text filled in: (pairs, files)."""
    pairs, files, radios, buttons = [], {}, set(), []
    for f in form.fields:
        if f.kind in ("submit", "reset", "image") or f.name == "csrf_token":
            continue
        if f.kind == "button":
            buttons.append(f)
        elif f.kind == "file":
            if f.required:  # optional uploads are left out: decoding pictures is slow
                files[f.name] = _file_for(f)
        elif f.kind == "checkbox":
            if f.checked:
                pairs.append((f.name, f.value or "y"))
        elif f.kind == "radio":
            if f.name not in radios and (f.checked or not any(g.name == f.name and g.checked for g in form.fields)):
                radios.add(f.name)
                pairs.append((f.name, f.value))
        elif f.kind == "select":
            chosen = next((v for v, selected in f.options if selected), None)
            pairs.append((f.name, chosen if chosen is not None else next((v for v, _ in f.options if v), "")))
        else:
            pairs.append((f.name, f.value if f.value.strip() else _fill(f)))
    button = next((b for b in buttons if b.name != "refresh"), None)
    if button is not None:
        pairs.append((button.name, button.value))
    return pairs, files


# --- the sweep ---------------------------------------------------------------------------------

class Sweep:
    def __init__(self, app, client, world, role, engine, public):
        self.app, self.client, self.world, self.role, self.public = app, client, world, role, public
        self.me = ROLES.index(role) + (0 if engine == "sqlite" else len(ROLES))  # offsets the sampling
        self.engine, self.texts, self.names = engine, TEXTS[engine], _query_names()
        self.problems, self.requests, self.forms, self.accessible, self.csrf = [], 0, {}, set(), None
        self.tables = [t.name for t in db.metadata.sorted_tables]
        self.counts_sql = sql("SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in self.tables))
        self.counts = self._counts()

    def hostile(self, kind, n):
        """The n-th hostile value for a field or parameter of `kind` ("number", "date" or "text")."""
        values = {"number": NUMBERS + [MARKUP], "date": DATES}.get(kind, self.texts + [LONG])
        return values[n % len(values)]

    @staticmethod
    def kind_of(f):
        if f.kind in ("date", "datetime-local", "month") or f.name.endswith(("_on", "_by", "_at", "_from")):
            return "date"
        if f.kind in ("number", "hidden", "select", "radio", "checkbox", "button"):
            return "number"
        return "text"

    # --- requests ---
    def _counts(self):
        db.session.remove()
        with db.engine.connect() as conn:
            return tuple(conn.execute(self.counts_sql).one())

    def sign_in(self):
        with self.client.session_transaction() as session:
            session.clear()
            if self.world.users[self.role] is not None:
                session["_user_id"] = str(self.world.users[self.role])
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
        after = self._counts()
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
        texts, digits = self.texts, NUMBERS + [MARKUP]
        pairs = [(name, digits[(i + j) % len(digits)] if name in numbers else texts[(i + j) % len(texts)])
                 for i, name in enumerate(names)]
        query = "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
        assert len(query) < MAX_QUERY_STRING, "the sweep's own query must pass the edge's length limit"
        return query

    def sweep_get(self, index, rule):
        public = self.public.get(rule.endpoint)  # (names read, holds a form) for what anonymous can open
        anonymous = self.role == "anonymous"
        if public is not None and not anonymous and not (public[0] or public[1] or (index + self.me) % 3 == 0):
            return  # a static public page: the anonymous run covers it, a third of the roles look at it
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
        if mine:  # every name read anywhere, once
            self.request("get", f"{url}{joiner}{self.query(self.names, self.me + index)}",
                         f"{rule.endpoint} all names")
        if read and ok:  # the names this route reads, every rotation (public pages: shared by the roles)
            rotations = range(max(len(self.texts), len(NUMBERS) + 1))
            for j in rotations if public is None else rotations[ROLES.index(self.role)::len(ROLES)]:
                self.request("get", f"{url}{joiner}{self.query(read, j)}", f"{rule.endpoint} rotation {j}")
        self.sweep_path(index, rule, "get", mine, anonymous and not ok)

    def sweep_path(self, index, rule, method, thorough, sample=False, data=None):
        """Hostile values in each path segment: the engine's values when `thorough`, one when `sample`."""
        for name, converter in rule._converters.items():
            is_int = isinstance(converter, IdConverter)
            values = (INT_PATH if is_int else STR_PATH)[self.engine]
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
        pairs, files = baseline(form)
        url, endpoint = form.action, self.endpoint_of(form.action, "POST")
        self.request("post", url, f"{endpoint} form as found", data=pairs, files=files)
        fields = list({f.name: f for f in form.fields
                       if f.name != "csrf_token" and f.kind not in ("submit", "reset", "image")}.values())
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
        everything = [(f.name, self.hostile(self.kind_of(f), self.me + i + 3)) for i, f in enumerate(fields)
                      if f.kind != "file"]
        self.request("post", url, f"{endpoint} form all hostile", data=everything, files=files)
        self.request("post", url, f"{endpoint} form NUL", data=[*((k, f"{v}\x00") for k, v in pairs), ("x", "\x00")],
                     files=files, expect=(400,))

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
            if rule.endpoint not in posted:
                self.request("post", url, f"{rule.endpoint} generic fields", data=generic)
            if self.role == "anonymous":  # the edge, once per route and engine
                self.request("post", url, f"{rule.endpoint} NUL fields", data=[("x", "a\x00")], expect=(400,))
            thorough = rule.endpoint in self.accessible and rule.endpoint not in self.public
            self.sweep_path(index, rule, "post", thorough, self.role == "anonymous", data=generic[:5])

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
        for form in [f for f in self.forms.values() if f.method == "get"]:  # filters: their fields are parameters
            pairs, _ = baseline(form)
            for index, (name, _) in enumerate(pairs):
                value = self.hostile("text", self.me + index)
                params = "&".join(f"{quote(k)}={quote(value if k == name else v)}" for k, v in pairs)
                self.request("get", f"{urlsplit(form.action).path}?{params}", f"GET form {name}={value[:30]!r}")


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


def _public_endpoints(app, client, world, rules):
    """What an anonymous visitor can open (2xx): {endpoint: (names it reads, holds a POST form)}.

    Signed-in roles look at these lightly (the anonymous run covers them)."""
    if "endpoints" not in _PUBLIC:
        with client.session_transaction() as session:
            session.clear()
        found = {}
        for rule in rules:
            if "GET" not in rule.methods:
                continue
            RecordingArgs.read = set()
            response = client.get(url_for_rule(world, rule))
            if 200 <= response.status_code < 300:
                forms = forms_of(response.get_data(as_text=True), "/") if response.mimetype == "text/html" else []
                found[rule.endpoint] = (bool(RecordingArgs.read - {"lang"}), any(f.method == "post" for f in forms))
        _PUBLIC["endpoints"] = found
    return _PUBLIC["endpoints"]


@pytest.fixture(scope="session")
def template_cache(tmp_path_factory):
    """Compiled templates shared by the sweep's apps (each app would compile them again)."""
    from jinja2 import FileSystemBytecodeCache
    return FileSystemBytecodeCache(str(tmp_path_factory.mktemp("jinja")))


@pytest.fixture
def sweep_app(app, tmp_path, template_cache):
    from marketplace.extensions import limiter
    app.jinja_env.bytecode_cache = template_cache
    app.config.update(RATELIMIT_ENABLED=False, PRIVATE_MEDIA_ROOT=str(tmp_path / "private"))
    app.request_class = type("RecordingRequest", (app.request_class,), {"parameter_storage_class": RecordingArgs})
    limiter.enabled = False
    yield app
    limiter.enabled = True


@pytest.mark.both_engines
@pytest.mark.parametrize("role", ROLES)
def test_hostile_input_never_reaches_a_5xx_nor_half_writes(sweep_app, client, engine, role, make_user,
                                                           make_producer, make_product, make_certification, capsys):
    started, cpu = time.perf_counter(), time.process_time()
    world = build_world(make_user, make_producer, make_product, make_certification)
    rules = [r for r in sweep_app.url_map.iter_rules() if r.endpoint != "static"]
    sweep = Sweep(sweep_app, client, world, role, engine, _public_endpoints(sweep_app, client, world, rules))
    sweep.run()
    with capsys.disabled():
        print(f"\n[hostile sweep] {engine} {role}: {sweep.requests} requests, {len(sweep.forms)} forms, "
              f"{time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} s CPU in the test process)")
    assert not sweep.problems, "\n".join(map(str, sweep.problems[:40])) + f"\n({len(sweep.problems)} problems)"
