"""A live server on the demo catalogue, and Debian's Chromium driven by Playwright.

`playwright install` cannot download browsers here, so the tests launch the
system Chromium (apt package chromium) by its path. Each test's last screen is
kept as a PNG in $TEST_ARTIFACTS when it is set, otherwise in pytest's temporary
folder (`screenshots/` under /tmp/pytest-of-<user>/pytest-<n>/…): never in the checkout.
"""
import os
import shutil
import threading
from pathlib import Path

from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

from marketplace import create_app
from marketplace.extensions import db
from tests.conftest import SHARED_DATA_DIR

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@contextmanager
def serve(database_file, media_root, **config):
    """Run the app on `database_file` in a thread on a free port; yields (base URL, app).

    As in development, the outbox is drained after each request, and the search
    index (in memory) is built from the database first.
    """
    from marketplace.search import get_engine
    from marketplace.search.indexing import reindex_all

    folder = Path(database_file).parent
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database_file}",
                                           "MEDIA_ROOT": str(media_root), "SHARED_DATA_DIR": SHARED_DATA_DIR,
                                           "MAIL_DIR": str(folder / "mail"),
                                           "PRIVATE_MEDIA_ROOT": str(folder / "private"),
                                           "RATELIMIT_ENABLED": False, "OUTBOX_DRAIN_AFTER_REQUEST": True,
                                           **config})
    with app.app_context():
        reindex_all(get_engine())
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # Links in e-mails and QR codes are built from SITE_URL (core.urls): this server's address.
    app.config["SITE_URL"] = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, demo_template):
    """The app on a copy of the demo catalogue, served on a free port."""
    base = tmp_path_factory.mktemp("live")
    shutil.copyfile(demo_template["path"], base / "live.sqlite3")
    with serve(base / "live.sqlite3", demo_template["media"]) as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}; `make test` installs the Debian package chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


_ARTIFACTS = {}


@pytest.fixture(scope="session", autouse=True)
def artifacts(tmp_path_factory):
    """Where screenshots go: $TEST_ARTIFACTS (CI keeps it), or pytest's temporary folder."""
    folder = Path(os.environ["TEST_ARTIFACTS"]) if os.environ.get("TEST_ARTIFACTS") else (
        tmp_path_factory.getbasetemp() / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    _ARTIFACTS["folder"] = folder
    return folder


def screenshot(page, name):
    """Keep what `page` shows as `name`.png in the artifacts folder."""
    page.screenshot(path=str(_ARTIFACTS["folder"] / f"{name}.png"), full_page=True)


@pytest.fixture
def page(browser, request):
    """A phone-sized page; a screenshot of where it ended is kept in the artifacts folder."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    screenshot(page, request.node.name)
    context.close()


def open_menu(page):
    """The site menu: behind its button on a phone, an open bar on a desktop. Returns it."""
    panel = page.locator(".menu-panel")
    if not panel.is_visible():
        page.locator(".menu-button").click()
    assert panel.is_visible()
    return panel


def open_account_menu(page):
    """The signed-in account menu (a disclosure in the header). Returns its panel."""
    menu = page.locator(".account-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
    return menu.locator(".account-panel")

