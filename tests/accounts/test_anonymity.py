"""Sign-up, password reset and sign-in answer alike whether or not an address has an account,
and cost the same work; the reset link works once and signs every old session out."""
import hashlib
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine

from marketplace.accounts import sessions
from marketplace.accounts.models import User
from marketplace.accounts.services import find_user_by_email
from marketplace.core.timeutil import utcnow
from tests.conftest import FormClient, link_in

PASSWORD = "mat-khau-123"


@pytest.fixture
def derivations(monkeypatch):
    """Every password-hash computation (key derivation) from now on, with its parameters."""
    seen = []
    real_pbkdf2, real_scrypt = hashlib.pbkdf2_hmac, hashlib.scrypt

    def pbkdf2(name, password, salt, iterations, *args, **kwargs):
        seen.append(("pbkdf2", name, iterations))
        return real_pbkdf2(name, password, salt, iterations, *args, **kwargs)

    def scrypt(password, *, salt, n, r, p, **kwargs):
        seen.append(("scrypt", n, r, p))
        return real_scrypt(password, salt=salt, n=n, r=r, p=p, **kwargs)
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", pbkdf2)
    monkeypatch.setattr(hashlib, "scrypt", scrypt)
    return seen


def _answer(response, client):
    """What the visitor sees: status, where it leads, and that page's text without the typed address."""
    location = response.headers.get("Location")
    page = client.get(location).get_data(as_text=True) if location else response.get_data(as_text=True)
    return response.status_code, location, page


def _sign_up(forms, email, password="mat-khau-khac-1"):
    return forms.post("/account/register", {"full_name": "Người Lạ", "email": email, "phone": "", "role": "consumer",
                                            "password": password, "confirm": password})


def test_signing_up_with_a_taken_address_looks_like_a_new_one(app, make_user, mailbox, db):
    owner = make_user(email="chu@example.vn", password=PASSWORD)
    client = app.test_client()
    forms = FormClient(client)
    taken = _answer(_sign_up(forms, "CHU@example.vn"), client)
    fresh = _answer(_sign_up(forms, "moi@example.vn"), client)
    assert taken[:2] == fresh[:2] == (302, "/account/check-email")
    assert taken[2].replace("CHU@example.vn", "@") == fresh[2].replace("moi@example.vn", "@")
    assert db.session.query(User).count() == 2  # the owner and the new address; nothing for the taken one
    assert owner.check_password(PASSWORD) and not owner.check_password("mat-khau-khac-1")
    to_owner, to_new = mailbox()
    assert "To: chu@example.vn" in to_owner and "vừa dùng địa chỉ chu@example.vn để đăng ký" in to_owner
    assert "/account/password/reset" in to_owner and "/account/confirm/" not in to_owner
    assert "To: moi@example.vn" in to_new and "/account/confirm/" in to_new


def test_asking_for_a_reset_looks_the_same_for_any_address(app, make_user, mailbox):
    make_user(email="chu@example.vn", password=PASSWORD)
    client = app.test_client()
    forms = FormClient(client)
    known = _answer(forms.post("/account/password/reset", {"email": "chu@example.vn"}), client)
    unknown = _answer(forms.post("/account/password/reset", {"email": "la@example.vn"}), client)
    assert known[:2] == unknown[:2] == (302, "/account/check-email")
    assert known[2].replace("chu@example.vn", "@") == unknown[2].replace("la@example.vn", "@")
    [message] = mailbox()  # the owner of the known address only; nothing to an unknown one
    assert "To: chu@example.vn" in message and "/account/password/reset/" in message


@pytest.mark.both_engines
def test_a_reset_link_sets_the_password_once_and_ends_every_session(app, make_user, mailbox):
    user = make_user(email="chu@example.vn", password=PASSWORD)
    elsewhere = app.test_client()
    assert FormClient(elsewhere).post("/account/login", {"email": user.email, "password": PASSWORD}).status_code == 302
    client = app.test_client()
    forms = FormClient(client)
    forms.post("/account/password/reset", {"email": user.email})
    link = urlsplit(link_in(mailbox(), "/account/password/reset/", to=user.email)).path
    assert client.get(link).status_code == 200
    response = forms.post(link, {"password": "mat-khau-moi-99", "confirm": "mat-khau-moi-99"})
    assert response.status_code == 302
    assert user.check_password("mat-khau-moi-99") and user.email_confirmed
    assert client.get("/account/password").status_code == 200  # this browser is signed in
    assert elsewhere.get("/account/password").status_code == 302  # the old session is over
    assert sessions.count(user) == 1
    again = client.get(link)
    assert again.status_code == 400 and "đã được dùng" in again.get_data(as_text=True)


def test_a_reset_link_expires_and_refuses_short_passwords(app, make_user, mailbox):
    user = make_user(email="chu@example.vn", password=PASSWORD)
    client = app.test_client()
    forms = FormClient(client)
    forms.post("/account/password/reset", {"email": user.email})
    link = urlsplit(link_in(mailbox(), "/account/password/reset/", to=user.email)).path
    short = forms.post(link, {"password": "ngan", "confirm": "ngan"})
    assert short.status_code == 400 and "Mật khẩu cần từ 8 đến 128 ký tự" in short.get_data(as_text=True)
    minutes, token = app.config["PASSWORD_RESET_MINUTES"], forms.token(link)
    with time_machine.travel(utcnow() + timedelta(minutes=minutes + 1), tick=False):
        late = client.post(link, data={"password": "mat-khau-moi-99", "confirm": "mat-khau-moi-99",
                                       "csrf_token": token})
        assert late.status_code == 400 and "hết hạn" in late.get_data(as_text=True)
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("method", ["pbkdf2:sha256:1000", "scrypt:1024:8:1"])
def test_sign_in_costs_one_hash_of_the_same_kind_for_known_and_unknown_addresses(app, make_user, db, derivations,
                                                                                 method):
    app.config["PASSWORD_HASH_METHOD"] = method
    known = make_user(email="chu@example.vn", password=PASSWORD)
    inactive = make_user(email="khoa@example.vn", password=PASSWORD)
    inactive.is_active_account = False
    db.session.commit()
    client = app.test_client()
    forms = FormClient(client)
    forms.post("/account/login", {"email": "la@example.vn", "password": "bat-ky"})  # makes the dummy hash once
    costs, answers = {}, {}
    for email in ("chu@example.vn", "khoa@example.vn", "la@example.vn"):
        token = forms.token("/account/login")
        derivations.clear()
        response = client.post("/account/login", data={"email": email, "password": "sai-mat-khau",
                                                        "csrf_token": token})
        costs[email], answers[email] = list(derivations), (response.status_code, "không đúng" in response.text)
    assert len(costs["chu@example.vn"]) == 1
    assert costs["chu@example.vn"] == costs["khoa@example.vn"] == costs["la@example.vn"]
    assert costs["chu@example.vn"][0][0] == method.split(":")[0]
    assert len(set(answers.values())) == 1
    assert known.check_password(PASSWORD)


def test_signing_up_costs_one_hash_whether_the_address_is_new_or_taken(app, make_user, derivations):
    make_user(email="chu@example.vn", password=PASSWORD)
    forms = FormClient(app.test_client())
    costs = []
    for email in ("chu@example.vn", "moi@example.vn"):
        derivations.clear()
        _sign_up(forms, email)
        costs.append(list(derivations))
    assert len(costs[0]) == 1 and costs[0] == costs[1]
    assert find_user_by_email("moi@example.vn") is not None
