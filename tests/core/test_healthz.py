"""/healthz tells anyone whether each part is up, and only admins and this machine the details.

The details (the search index's directory, engine names, error messages) told anyone
where the server keeps its files.
"""
import json

import pytest

from marketplace.accounts.models import Role

REMOTE = {"REMOTE_ADDR": "203.0.113.9"}


@pytest.fixture
def on_disk(app, tmp_path):
    """The embedded search engine on files, as `make run` has it (its health names the directory)."""
    app.config["SEARCH_INDEX_DIR"] = str(tmp_path / "search-index")
    app.extensions.pop("search", None)  # the engine is made again, on first use, with that directory
    return str(tmp_path)


def test_anyone_sees_only_ok_or_degraded_per_part(client, on_disk):
    response = client.get("/healthz", environ_base=REMOTE)
    body = response.get_json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"] and set(body["checks"].values()) == {"ok"}
    assert {"database", "search", "outbox"} <= set(body["checks"])
    text = response.get_data(as_text=True)
    assert on_disk not in text and "sqlite" not in text and "embedded" not in text


def test_this_machine_and_admins_see_the_details(client, forms, make_user, on_disk):
    local = client.get("/healthz").get_json()  # the test client's address is 127.0.0.1
    assert local["checks"]["database"]["engine"] == "sqlite"
    assert on_disk in json.dumps(local)
    assert client.get("/healthz", environ_base={"REMOTE_ADDR": "::1"}).get_json()["checks"]["database"]["ok"] is True

    officer = make_user(role=Role.OFFICER.value)
    forms.post("/account/login", {"email": officer.email, "password": "mat-khau-123"})
    assert client.get("/healthz", environ_base=REMOTE).get_json()["checks"]["database"] == "ok"
    forms.post("/account/logout", {}, form_url="/")
    admin = make_user(role=Role.ADMIN.value)
    forms.post("/account/login", {"email": admin.email, "password": "mat-khau-123"})
    assert client.get("/healthz", environ_base=REMOTE).get_json()["checks"]["database"]["engine"] == "sqlite"


def test_a_request_relayed_by_an_untrusted_proxy_is_not_local(client, on_disk):
    """With no trusted proxy configured, a loopback peer that forwards for someone else is that someone."""
    body = client.get("/healthz", headers={"X-Forwarded-For": "203.0.113.9"}).get_json()
    assert body["checks"]["database"] == "ok" and on_disk not in json.dumps(body)


def test_a_failed_part_says_degraded_without_saying_why(tmp_path):
    from marketplace import create_app
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/no/such/dir/x.db"})
    response = app.test_client().get("/healthz", environ_base=REMOTE)
    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "checks": {
        "database": "degraded", "search": response.get_json()["checks"]["search"], "ratelimit": "ok"}}
    assert "OperationalError" not in response.get_data(as_text=True)
