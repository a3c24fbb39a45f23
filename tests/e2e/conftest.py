"""A live server on the demo catalogue, and Debian's Chromium driven by Playwright.

`playwright install` cannot download browsers here, so the tests launch the
system Chromium (apt package chromium) by its path.
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
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
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

    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database_file}",
                                           "MEDIA_ROOT": str(media_root), "SHARED_DATA_DIR": SHARED_DATA_DIR,
                                           "RATELIMIT_ENABLED": False, "OUTBOX_DRAIN_AFTER_REQUEST": True,
                                           **config})
    with app.app_context():
        reindex_all(get_engine())
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
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


@pytest.fixture
def page(browser, request):
    """A phone-sized page; a screenshot of where it ended is kept in test-artifacts/."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
