"""Configuration, health check, text folding and money formatting."""
from datetime import date, datetime, timezone

import pytest

from marketplace import create_app
from marketplace.core.money import format_vnd
from marketplace.core.text import fold, slugify
from marketplace.core.timeutil import add_months, vn_today


def test_production_refuses_to_start_without_a_secret_key_or_secure_cookies(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    required = {"SQLALCHEMY_DATABASE_URI": "sqlite://", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
                "SITE_URL": "https://cho-ocop.example", "TRUSTED_PROXIES": 1}
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(overrides={**required, "SECRET_KEY": None})
    with pytest.raises(RuntimeError, match="SESSION_COOKIE_SECURE"):
        create_app(overrides={**required, "SECRET_KEY": "a-real-secret-of-length", "SESSION_COOKIE_SECURE": False})
    app = create_app(overrides={**required, "SECRET_KEY": "a-real-secret-of-length"})
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_healthz_reports_the_database(client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["checks"]["database"]["ok"] is True


def test_healthz_says_when_the_database_is_down(tmp_path):
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/no/such/dir/x.db"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["checks"]["database"]["ok"] is False


def test_fold_handles_vietnamese():
    assert fold("Đặc sản Đà Lạt") == "dac san da lat"
    assert fold("  NƯỚC   MẮM  Phú Quốc ") == "nuoc mam phu quoc"
    assert fold("cà phê Buôn Ma Thuột") == "ca phe buon ma thuot"
    assert slugify("Chè Shan tuyết Hà Giang") == "che-shan-tuyet-ha-giang"


def test_money_is_formatted_per_language():
    assert format_vnd(150000, "vi") == "150.000\u00a0₫"
    assert format_vnd(150000, "en") == "₫150,000"
    assert format_vnd(0, "vi") == "0\u00a0₫"


def test_vietnam_date_turns_at_midnight_local_time():
    assert vn_today(datetime(2026, 11, 22, 16, 59, tzinfo=timezone.utc)) == date(2026, 11, 22)
    assert vn_today(datetime(2026, 11, 22, 17, 0, tzinfo=timezone.utc)) == date(2026, 11, 23)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)


def test_error_pages_are_in_the_site_style(client):
    response = client.get("/khong-ton-tai")
    assert response.status_code == 404 and "Về trang chủ" in response.get_data(as_text=True)
    assert client.get("/api/v1/khong-ton-tai").get_json()["error"]["status"] == 404
