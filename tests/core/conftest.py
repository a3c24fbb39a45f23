"""A production-configured app on a test database, for the settings only production has
(HTTPS redirect, HSTS, TRUSTED_HOSTS, the refusals at start-up)."""
import pytest

from marketplace import create_app
from marketplace.extensions import db as _db
from tests.conftest import SHARED_DATA_DIR

PRODUCTION_SITE = "https://cho-ocop.example"


def production_settings(tmp_path, **overrides):
    """What a production deployment must set, pointed at this test's own files."""
    return {"SECRET_KEY": "a-private-key-for-this-test-only", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:9/0",
            "RATELIMIT_ENABLED": False, "TRUSTED_PROXIES": 1, "SITE_URL": PRODUCTION_SITE,
            "INSTANCE_PATH": str(tmp_path / "instance"), "MEDIA_ROOT": str(tmp_path / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"), "MAIL_DIR": str(tmp_path / "mail"),
            "SEARCH_ENGINE": "database", "SHARED_DATA_DIR": SHARED_DATA_DIR, "OUTBOX_DRAIN_AFTER_REQUEST": False,
            **overrides}


@pytest.fixture
def production_app(database_url, tmp_path):
    """create(**overrides): an app as APP_ENV=production builds it, on this test's database."""
    made = []

    def create(**overrides):
        app = create_app("production", overrides=production_settings(
            tmp_path, SQLALCHEMY_DATABASE_URI=database_url, **overrides))
        made.append(app)
        return app
    yield create
    for app in made:
        with app.app_context():
            _db.session.remove()
            _db.engine.dispose()
