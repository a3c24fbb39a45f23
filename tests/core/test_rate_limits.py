"""The sign-in limit holds in production: several gunicorn workers count in one Redis, and
behind the reverse proxy each client has its own count.

With the limits kept in each worker's memory, four workers allowed four times the limit;
without the proxy's X-Forwarded-For every visitor shared the proxy's address, so one
client could lock everybody out of sign-in. Here gunicorn runs the production
configuration with 4 workers against a real redis-server (tests/redisserver.py), and the
requests come as the reverse proxy sends them (Host, X-Forwarded-For, X-Forwarded-Proto).
"""
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from marketplace import create_app
from marketplace.accounts.services import register_user
from marketplace.extensions import db
from tests.conftest import SHARED_DATA_DIR, _free_port
from tests.redisserver import _die_with_parent

pytestmark = pytest.mark.undated  # counts shared across gunicorn workers: a window of seconds, not a day

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 5
WORKERS = 4
HOST = "cho-ocop.test"
EMAIL = "nguoi-dung@example.vn"


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory, sqlite_template, redis_server):
    """gunicorn (4 sync workers) with APP_ENV=production on a copy of the migrated database."""
    base = tmp_path_factory.mktemp("gunicorn")
    database = base / "site.sqlite3"
    shutil.copyfile(sqlite_template, database)
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        register_user(email=EMAIL, password="mat-khau-dung-1", full_name="Người Dùng", self_service=False)
        db.session.remove()
        db.engine.dispose()
    redis_server.flush()
    port = _free_port()
    log = base / "access.log"
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": "a-private-key-shared-by-the-workers",
           "DATABASE_URL": f"sqlite:///{database}", "RATELIMIT_STORAGE_URI": redis_server.url,
           "LOGIN_RATE_LIMIT": f"{LIMIT} per hour", "TRUSTED_PROXIES": "1", "SITE_URL": f"https://{HOST}",
           "INSTANCE_PATH": str(base / "instance"), "MEDIA_ROOT": str(base / "media"),
           "PRIVATE_MEDIA_ROOT": str(base / "private"), "MAIL_DIR": str(base / "mail"), "SEARCH_ENGINE": "database",
           "SHARED_DATA_DIR": SHARED_DATA_DIR, "OUTBOX_DRAIN_AFTER_REQUEST": "0"}
    for name in ("TRUSTED_HOSTS", "FORCE_HTTPS", "RATELIMIT_ENABLED", "MEILI_URL"):
        env.pop(name, None)
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-w", str(WORKERS), "-b", f"127.0.0.1:{port}",
         "--access-logfile", str(log), "--access-logformat", "%(p)s %(s)s %(q)s", "--log-level", "warning",
         "wsgi:app"],
        cwd=ROOT, env=env, start_new_session=True, preexec_fn=_die_with_parent,
        stdout=subprocess.DEVNULL, stderr=open(base / "error.log", "wb"))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(port, "GET", "/healthz", client="127.0.0.1")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start: " + (base / "error.log").read_text()[-2000:])
            time.sleep(0.2)
        yield port, log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def request(port, method, path, client, body=None, cookie=None, forwarded_for=None):
    """One request as the reverse proxy relays it, on a new connection: (status, headers, text)."""
    headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": forwarded_for or client,
               "Connection": "close"}
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers.update({"Content-Type": "application/x-www-form-urlencoded",
                        "Referer": f"https://{HOST}/account/login"})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class Browser:
    """A visitor at `address`: the sign-in form's session cookie and CSRF token, then wrong passwords."""

    def __init__(self, port, address):
        self.port, self.address = port, address
        status, headers, page = request(port, "GET", "/account/login", client=address)
        assert status == 200, page[:500]
        cookie = next(value for name, value in headers if name.lower() == "set-cookie" and value.startswith("session="))
        assert "Secure" in cookie  # production cookies, sent back by hand over this plain connection
        self.cookie = cookie.split(";", 1)[0]
        self.token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    def sign_in(self, attempt, forwarded_for=None):
        body = urllib.parse.urlencode({"email": EMAIL, "password": "sai-mat-khau", "csrf_token": self.token})
        return request(self.port, "POST", f"/account/login?attempt={attempt}", client=self.address, body=body,
                       cookie=self.cookie, forwarded_for=forwarded_for)[0]


def _workers_of(log, attempts):
    """{attempt number: pid of the worker that answered it}, from gunicorn's access log."""
    answered = {}
    for line in Path(log).read_text().splitlines():
        pid, _status, query = (line.split(" ", 2) + ["", ""])[:3]
        match = re.search(r"attempt=(\d+)", query)
        if match and int(match.group(1)) in attempts:
            answered[int(match.group(1))] = pid
    return answered


def test_the_sign_in_limit_holds_across_gunicorn_workers(gunicorn):
    port, log = gunicorn
    browser = Browser(port, "203.0.113.20")
    # Several attempts at once: the workers answer them side by side.
    with ThreadPoolExecutor(max_workers=WORKERS * 2) as pool:
        statuses = list(pool.map(browser.sign_in, range(1, 4 * LIMIT + 1)))
    assert statuses.count(429) == 3 * LIMIT, statuses  # exactly LIMIT attempts were let through in all
    assert set(statuses) == {400, 429}  # the others were wrong passwords, answered as such
    # And one at a time: each further attempt is refused, whichever worker answers it.
    later = [browser.sign_in(attempt) for attempt in range(100, 100 + 2 * WORKERS)]
    assert later == [429] * len(later)
    attempts = set(range(1, 4 * LIMIT + 1)) | set(range(100, 100 + 2 * WORKERS))
    deadline = time.monotonic() + 10
    while len(workers := _workers_of(log, attempts)) < len(attempts) and time.monotonic() < deadline:
        time.sleep(0.1)  # the access log is written after each response: wait until every line is there
    assert len(set(workers.values())) >= 2, workers  # more than one worker counted in the same store


def test_behind_the_proxy_each_client_has_its_own_count(gunicorn):
    port, _log = gunicorn
    first = Browser(port, "203.0.113.30")
    assert [first.sign_in(n) for n in range(LIMIT)] == [400] * LIMIT
    assert first.sign_in(LIMIT) == 429
    # Another visitor behind the same proxy still signs in (the peer is 127.0.0.1 for both).
    second = Browser(port, "203.0.113.31")
    assert second.sign_in(0) == 400
    # The first visitor cannot pass for someone else: the proxy appends the real address,
    # and only the last (trusted) hop counts.
    assert first.sign_in(LIMIT + 1, forwarded_for="198.51.100.7, 203.0.113.30") == 429
