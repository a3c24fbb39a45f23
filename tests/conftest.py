"""Test fixtures: an app on a freshly migrated database, factories for catalogue
records, and a form-posting client that sends the CSRF token like a browser.

Every test gets its own database copied from a template that was migrated once
(SQLite: a file copy; PostgreSQL: CREATE DATABASE ... TEMPLATE). Tests marked
`both_engines` run on SQLite and on a real PostgreSQL cluster; tests marked `both_stores`
run with the media on the local file system and on an S3-compatible server (moto).

Every test writes under its own temporary folder, never into the checkout
(tests/hygiene.py), and runs on the run's clock (tests/clock.py: today, or a day
moved by OCOP_TEST_CLOCK). Dates in fixtures are relative to that day.
"""
import itertools
import os
import re
import shutil
from datetime import timedelta
from html import unescape

from tests import clock, hygiene

# Before config.py and the application are imported: their default folders (instance/,
# mail, uploads) go to a temporary folder of this process, never into the checkout
# (tests/hygiene.py), and the clock is moved when OCOP_TEST_CLOCK says so (tests/clock.py).
TEST_INSTANCE = hygiene.isolate_instance()
clock.start()

import pytest  # noqa: E402
from flask import g  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from marketplace import create_app  # noqa: E402
from marketplace.core.timeutil import vn_today  # noqa: E402
from marketplace.extensions import db as _db  # noqa: E402
from tests.pgcluster import PostgresCluster, find_pg_bin  # noqa: E402
from tests.redisserver import RedisServer, find_redis_server  # noqa: E402
from tests.s3server import s3_server, s3_settings  # noqa: E402,F401  (fixtures)
from tests.compiled import compile_once  # noqa: E402

compile_once()  # each test's app reuses the templates and URL rules the first compiled (tests/compiled.py)

SHARED_DATA_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_engines: run the test on SQLite and on PostgreSQL")
    config.addinivalue_line("markers", "e2e: drives a real browser")
    config.addinivalue_line("markers", "both_stores: run the test on the local media store and on S3 (moto)")
    config.addinivalue_line("markers", "postgresql_only: run the test on PostgreSQL only (row locks, concurrency)")
    config.addinivalue_line("markers", "undated: what the test checks takes no day (input handling, headers, "
                                       "schemas, migrations): left out of the runs with the clock moved")
    hygiene.install_signal_handlers()
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist) watches instance/
        config._ocop_instance_guard = hygiene.InstanceGuard()


# Tests that share an expensive module- or session-wide fixture run in one xdist worker
# (`--dist loadgroup`): the browser and its live servers, and the indexed catalogues.
_SHARED_BY_MODULE = {"shared", "storefront", "indexed_demo"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.xdist_group("browser"))
        elif _SHARED_BY_MODULE & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def pytest_sessionfinish(session, exitstatus):
    guard = getattr(session.config, "_ocop_instance_guard", None)
    if guard is not None:
        session.config._ocop_instance_changes = guard.changes()
        if session.config._ocop_instance_changes and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    changes = getattr(config, "_ocop_instance_changes", None)
    if changes:
        terminalreporter.section("the checkout's instance/ was touched", sep="=", red=True, bold=True)
        for line in changes:
            terminalreporter.line(line)


def pytest_unconfigure(config):
    hygiene.remove_instance(TEST_INSTANCE)


def pytest_generate_tests(metafunc):
    if "media_store" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_stores"):
        metafunc.parametrize("media_store", ["local", "s3"], scope="function")
    if "engine" in metafunc.fixturenames:
        engines = ["sqlite", "postgresql"] if metafunc.definition.get_closest_marker("both_engines") else ["sqlite"]
        if metafunc.definition.get_closest_marker("postgresql_only"):
            engines = ["postgresql"]
        metafunc.parametrize("engine", engines, scope="function")


def _migrate(url, media_root):
    """Apply every migration and load the reference data into the database at `url`."""
    from flask_migrate import upgrade

    from marketplace.catalog.reference import load_reference_data
    # A template has no kept pages yet: its loads need not tell the page cache (PAGE_CACHE_URL off).
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": url, "MEDIA_ROOT": media_root,
                                           "PAGE_CACHE_URL": "off"})
    with app.app_context():
        upgrade()
        load_reference_data()
        # Every test starts from this data, not from a change to it: an empty outbox (the
        # reference rows would otherwise leave programme.figures_changed messages behind).
        from marketplace.core.outbox import OutboxMessage
        _db.session.execute(_db.delete(OutboxMessage))
        _db.session.commit()
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    _migrate(f"sqlite:///{path}", str(path.parent / "media"))
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, sqlite_template):
    """A SQLite file with the demo catalogue loaded once per run, its media and the loader's summary.

    Loading draws hundreds of photos (seconds), so tests that need the demo copy this file.
    """
    from marketplace.catalog.demo.loader import load_demo_catalogue
    from marketplace.core.storage import media_storage
    from marketplace.core.timeutil import vn_today

    base = tmp_path_factory.mktemp("demo")
    path, media = base / "demo.sqlite3", base / "media"
    shutil.copyfile(sqlite_template, path)
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "MEDIA_ROOT": str(media),
                                           "SHARED_DATA_DIR": SHARED_DATA_DIR, "PAGE_CACHE_URL": "off"})
    with app.app_context():
        summary = load_demo_catalogue(media_storage(), vn_today())
        _db.session.remove()
        _db.engine.dispose()
    return {"path": path, "media": media, "summary": summary}


@pytest.fixture
def demo_app(demo_template, tmp_path):
    """An app on a private copy of the demo catalogue (the photos are shared, read-only)."""
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template["path"], path)
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", **app_folders(tmp_path),
                                           "MEDIA_ROOT": str(demo_template["media"]),
                                           "SHARED_DATA_DIR": SHARED_DATA_DIR})
    app.test_client_class = FreshRequestClient
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory):
    """One throwaway cluster per test process (per xdist worker), stopped and removed on any exit."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries (Debian package postgresql) are not installed; `make test` installs them")
    cluster = PostgresCluster(bin_dir, clock_offset=clock.offset_seconds()).start()
    try:
        engine = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("CREATE DATABASE ocop_template"))
        engine.dispose()
        _migrate(cluster.url("ocop_template"), str(tmp_path_factory.mktemp("pg-media")))
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def redis_server():
    """Debian's redis-server on a free loopback port (tests/redisserver.py), for state shared by processes."""
    binary = find_redis_server()
    if binary is None:
        pytest.skip("redis-server (Debian package redis-server) is not installed; `make test` installs it")
    server = RedisServer(binary).start()
    try:
        yield server
    finally:
        server.stop()


_db_numbers = itertools.count()


@pytest.fixture
def database_url(request, engine, tmp_path):
    if engine == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = f"test_{os.getpid()}_{next(_db_numbers)}"
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE ocop_template"))
    yield cluster.url(name)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


class FreshRequestClient(FlaskClient):
    """A test client whose every request starts with an empty `g`, as in production.

    The `app` fixture keeps an application context open (factories need it), and
    Flask reuses an open context for requests, so without this `g` (and the user
    Flask-Login caches there) would outlive a request.
    """

    def open(self, *args, **kwargs):
        for key in list(vars(g)):
            delattr(g, key)
        return super().open(*args, **kwargs)


def app_folders(folder):
    """The settings that name folders, all inside `folder` (a test's own temporary folder)."""
    return {"MEDIA_ROOT": str(folder / "media"), "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "MAIL_DIR": str(folder / "mail")}


@pytest.fixture
def media_store():
    """Which media store the `app` uses: "local" unless a test is marked both_stores (then also "s3")."""
    return "local"


@pytest.fixture
def app(database_url, tmp_path, media_store, request):
    stores = request.getfixturevalue("s3_settings") if media_store == "s3" else {}
    app = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": database_url,
        **app_folders(tmp_path),
        "SHARED_DATA_DIR": SHARED_DATA_DIR,
        **stores,
    })
    app.test_client_class = FreshRequestClient
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


def sign_in(client, user):
    """Sign `user` in on `client` without the (rate-limited) login form, in a real, revocable
    session (accounts.sessions), as Flask-Login would."""
    from marketplace.accounts import sessions
    sessions.start(user)
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


def read_mail(app):
    """The e-mail `app` sent: drains its real outbox, then reads the .eml files under
    its MAIL_DIR, oldest first (also for an app served by a live server)."""
    from pathlib import Path

    from flask import current_app, has_app_context

    from marketplace.core import outbox
    if has_app_context() and current_app._get_current_object() is app:
        outbox.drain()  # in the test's own context and session, as the test reads
    else:
        with app.app_context():
            outbox.drain()
            _db.session.remove()
    folder = Path(app.config["MAIL_DIR"])
    if not folder.exists():
        return []
    return [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())]


def link_in(messages, path, to=None):
    """The last link containing `path` in `messages` (addressed to `to`, if given)."""
    links = [link for message in messages if to is None or f"To: {to}" in message
             for link in re.findall(r"https?://\S+", message) if path in link]
    assert links, f"no link with {path!r} in {len(messages)} message(s)"
    return links[-1]


@pytest.fixture
def mailbox(app, tmp_path):
    """The e-mail this test's app sent: drains the real outbox, then reads the .eml
    files under MAIL_DIR, oldest first."""
    assert app.config["MAIL_DIR"] == str(tmp_path / "mail")  # the app fixture's own folder
    return lambda: read_mail(app)


@pytest.fixture
def client(app):
    return app.test_client()


class FormClient:
    """Posts forms the way a browser does: fetch the page, then send the form's hidden fields
    (the CSRF token, the one-time submission token, ...) along with `data`, which wins."""

    TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
    FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
    INPUT = re.compile(r"<input\b([^>]*)>", re.I)
    ATTR = re.compile(r'([\w-]+)="([^"]*)"')

    def __init__(self, client):
        self.client = client

    def token(self, url):
        html = self.client.get(url).get_data(as_text=True)
        match = self.TOKEN.search(html)
        assert match, f"no CSRF token on {url}"
        return match.group(1) or match.group(2)

    def hidden(self, url, action=None):
        """The hidden fields of the form on page `url` that posts to `action` (default: `url`).
        When the page has no such form (a test posting what no page offers), a hand-made
        request: the page's first CSRF token and a fresh submission token. A form built with a prefix
        (several forms on one page) names its fields so: "doc-csrf_token", "doc-submission"."""
        html = self.client.get(url).get_data(as_text=True)
        action = action or url
        found = []
        for attrs, body in self.FORM.findall(html):
            target = unescape(dict(self.ATTR.findall(attrs)).get("action", url))
            fields = {}
            for tag in self.INPUT.findall(body):
                field = {k: unescape(v) for k, v in self.ATTR.findall(tag)}
                if field.get("type") == "hidden" and "name" in field:
                    fields.setdefault(field["name"], field.get("value", ""))
            csrf = [value for name, value in fields.items() if name.split("-")[-1] == "csrf_token"]
            if csrf:
                found.append((target.split("?")[0] == action.split("?")[0], fields, csrf[0]))
        assert found, f"no form with a CSRF token on {url}"
        from marketplace.core.submissions import new_token
        return next((fields for matches, fields, _csrf in found if matches),
                    {"csrf_token": found[0][2], "submission": new_token()})

    def post(self, url, data, form_url=None, **kwargs):
        data = {**self.hidden(form_url or url, url), **data}
        return self.client.post(url, data=data, **kwargs)


@pytest.fixture
def forms(client):
    return FormClient(client)


# --- factories -------------------------------------------------------------

_counter = itertools.count(1)


@pytest.fixture
def make_user(db):
    from marketplace.accounts.services import register_user

    def make(role="consumer", password="mat-khau-123", email=None, full_name="Nguyễn Văn An"):
        n = next(_counter)
        return register_user(email=email or f"user{n}@example.vn", password=password, full_name=full_name,
                             role=role, self_service=False)
    return make


@pytest.fixture
def make_producer(db):
    from marketplace.catalog.services import create_producer, find_former_province, find_province

    def make(name=None, province="ha-noi", former=None, kind="cooperative", verified=True, **extra):
        n = next(_counter)
        return create_producer(name=name or f"HTX Thử nghiệm {n}", kind=kind, province=find_province(province),
                               former_province=find_former_province(former) if former else None,
                               address=extra.pop("address", "Xã Thử, Hà Nội"), verified=verified, **extra)
    return make


@pytest.fixture
def make_product(db, make_producer):
    from marketplace.catalog.services import create_product, find_category

    def make(name=None, producer=None, category="nong-san-tuoi", price=100_000, stock=10, status="active", **extra):
        n = next(_counter)
        return create_product(producer=producer or make_producer(), category=find_category(category),
                              name=name or f"Sản phẩm thử {n}", price=price, unit=extra.pop("unit", "hộp 500 g"),
                              stock=stock, status=status, **extra)
    return make


@pytest.fixture
def make_certification(db):
    from marketplace.catalog.services import add_certification

    def make(product, stars=4, points=None, status="verified", decided_on=None, expires_on=None, number=None):
        """A certificate decided 300 days before today by default: current for another ~26 months."""
        points = points if points is not None else {3: 60, 4: 80, 5: 95}[stars]
        return add_certification(product=product, stars=stars, points=points,
                                 number=number or f"{next(_counter)}/QĐ-UBND", issuing_body="UBND tỉnh Thử",
                                 level="central" if stars == 5 else "provincial",
                                 decided_on=decided_on or vn_today() - timedelta(days=300), expires_on=expires_on,
                                 status=status)
    return make


# --- Stripe: localstripe, a stateful fake Stripe server -------------------------------

def _free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe():
    """localstripe (PyPI) started as a subprocess on 127.0.0.1 and a free port; yields its base URL.

    The `stripe` library is pointed at it (stripe.api_base) by the app's STRIPE_API_BASE;
    retries are off so that a refused call fails at once.
    """
    import subprocess
    import time
    import urllib.request

    import stripe
    port = _free_port()
    log = subprocess.DEVNULL
    if os.environ.get("LOCALSTRIPE_LOG"):  # a file to read what localstripe did, when debugging
        log = open(os.environ["LOCALSTRIPE_LOG"], "wb")
    # On the tests' clock, like Stripe on the real one: its webhook signatures carry its time,
    # which the app checks against its own (5 minutes' tolerance).
    process = subprocess.Popen(clock.python_command("-m", "localstripe", "--port", str(port), "--from-scratch"),
                               stdout=log, stderr=log, preexec_fn=hygiene.die_with_parent)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{base}/js.stripe.com/v3/", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("localstripe did not start")
            time.sleep(0.1)
    stripe.max_network_retries = 0
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


STRIPE_TEST_SETTINGS = {"STRIPE_SECRET_KEY": "sk_test_ocop", "STRIPE_PUBLISHABLE_KEY": "pk_test_ocop",
                        "STRIPE_WEBHOOK_SECRET": "whsec_test_ocop"}


def register_webhook(localstripe_url, url, secret, name="ocop"):
    """Ask localstripe to sign and send payment events to `url` (its /_config/webhooks endpoint)."""
    import urllib.parse
    import urllib.request
    data = urllib.parse.urlencode([("url", url), ("secret", secret), ("events[]", "payment_intent.succeeded"),
                                   ("events[]", "payment_intent.payment_failed")]).encode()
    urllib.request.urlopen(urllib.request.Request(f"{localstripe_url}/_config/webhooks/{name}", data=data),
                           timeout=5).read()
