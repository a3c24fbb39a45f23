"""A development instance signs its cookies with a key of its own, never with one published in the code.

`make run` used to sign sessions with a constant from config.py, so anyone could forge an
admin's session cookie for any development instance reachable on a network.
"""
import os
import stat

import pytest
from flask import Flask

from marketplace import create_app
from marketplace.accounts.models import Role

pytestmark = pytest.mark.undated  # the secret key's file and its rules take no day

PUBLISHED_KEY = "dev-secret-key-change-me"  # the constant config.py used to carry


def _development_app(tmp_path, database_url=None, instance="instance"):
    overrides = {"INSTANCE_PATH": str(tmp_path / instance), "SECRET_KEY": None,
                 "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{tmp_path / 'dev.sqlite3'}",
                 "MEDIA_ROOT": str(tmp_path / "media"), "SEARCH_ENGINE": "database",
                 "OUTBOX_DRAIN_AFTER_REQUEST": False}
    return create_app("development", overrides=overrides)


def test_first_run_writes_a_private_random_key_that_later_runs_keep(tmp_path):
    first = _development_app(tmp_path)
    path = tmp_path / "instance" / "secret_key"
    assert path.exists()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    key = first.config["SECRET_KEY"]
    assert len(key) >= 64 and key == path.read_text().strip()
    assert _development_app(tmp_path).config["SECRET_KEY"] == key  # a restart keeps the sessions
    assert _development_app(tmp_path, instance="other").config["SECRET_KEY"] != key  # another instance, another key


def test_a_key_file_readable_by_others_is_closed_to_its_owner(tmp_path):
    folder = tmp_path / "instance"
    folder.mkdir()
    (folder / "secret_key").write_text("k" * 64 + "\n")
    os.chmod(folder / "secret_key", 0o644)
    assert _development_app(tmp_path).config["SECRET_KEY"] == "k" * 64
    assert stat.S_IMODE(os.stat(folder / "secret_key").st_mode) == 0o600


def test_a_session_cookie_forged_with_the_published_key_is_not_an_admin(tmp_path, database_url, make_user):
    admin = make_user(role=Role.ADMIN.value, email="quantri@example.vn")
    forger = Flask("forger")
    forger.secret_key = PUBLISHED_KEY
    cookie = forger.session_interface.get_signing_serializer(forger).dumps(
        {"_user_id": str(admin.id), "_fresh": True})
    app = _development_app(tmp_path, database_url)
    client = app.test_client()
    client.set_cookie("session", cookie)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_tests_and_production_never_write_a_key_file(tmp_path):
    app = create_app("testing", overrides={"INSTANCE_PATH": str(tmp_path / "instance")})
    assert app.config["SECRET_KEY"] and not (tmp_path / "instance" / "secret_key").exists()
