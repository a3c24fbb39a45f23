"""Production refuses to start with settings that would be unsafe on the internet, and says which."""
import pytest

from marketplace import create_app
from tests.core.conftest import production_settings


def _start(tmp_path, **changes):
    changes = {"RATELIMIT_ENABLED": True, **changes}
    return create_app("production", overrides=production_settings(
        tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/x.sqlite3", **changes))


@pytest.mark.parametrize("changes, complaint", [
    ({"RATELIMIT_STORAGE_URI": "memory://"}, "RATELIMIT_STORAGE_URI"),
    ({"RATELIMIT_STORAGE_URI": None}, "RATELIMIT_STORAGE_URI"),
    ({"SITE_URL": ""}, "SITE_URL"),
    ({"SITE_URL": "cho-ocop.vn"}, "SITE_URL"),
    ({"TRUSTED_PROXIES": None}, "TRUSTED_PROXIES"),
    ({"SECRET_KEY": None}, "SECRET_KEY"),
    ({"SECRET_KEY": "short"}, "SECRET_KEY"),
])
def test_production_refuses_to_start_without_what_it_needs(tmp_path, changes, complaint):
    with pytest.raises(RuntimeError, match=complaint):
        _start(tmp_path, **changes)


def test_production_starts_with_them_and_serves_only_its_own_host(tmp_path):
    app = _start(tmp_path, SITE_URL="https://cho-ocop.vn/", TRUSTED_PROXIES=0)
    assert app.config["TRUSTED_HOSTS"] == ["cho-ocop.vn"]
    app = _start(tmp_path, TRUSTED_HOSTS=["cho-ocop.vn", "www.cho-ocop.vn"])
    assert app.config["TRUSTED_HOSTS"] == ["cho-ocop.vn", "www.cho-ocop.vn"]  # said explicitly: kept


def test_rate_limits_switched_off_need_no_shared_store(tmp_path):
    """Benchmarks measure pages, not limits: RATELIMIT_ENABLED=0 is the explicit way."""
    app = _start(tmp_path, RATELIMIT_ENABLED=False, RATELIMIT_STORAGE_URI="memory://")
    assert app.config["RATELIMIT_ENABLED"] is False


def test_the_client_address_comes_from_the_trusted_proxy_only(tmp_path):
    from flask import request
    seen = {}
    for proxies in (0, 1, 2):
        app = _start(tmp_path, TRUSTED_PROXIES=proxies, RATELIMIT_ENABLED=False)

        @app.get("/_test/address")
        def _address():
            return request.remote_addr

        seen[proxies] = app.test_client().get(
            "/_test/address", headers={"Host": "cho-ocop.example", "X-Forwarded-For": "198.51.100.1, 203.0.113.5"},
            environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_data(as_text=True)
    assert seen == {0: "127.0.0.1", 1: "203.0.113.5", 2: "198.51.100.1"}
