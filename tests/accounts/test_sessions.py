"""Sessions can be ended: a cookie copied before a sign-out or a password change stops working.

Each test first shows that the copied cookie does sign another browser in (so that the
test can fail), then ends the session and replays the same cookie.
"""
from datetime import timedelta

import pytest

from marketplace.accounts import sessions
from marketplace.core.timeutil import utcnow
from tests.conftest import FormClient

PASSWORD = "mat-khau-123"


def _login(app, user, remember=False):
    """A new browser signed in through the form; returns its client."""
    client = app.test_client()
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert FormClient(client).post("/account/login", data).status_code == 302
    return client


def _signed_in(client):
    """Whether `client` is signed in (the password page needs a session)."""
    return client.get("/account/password").status_code == 200


def _replay(app, **cookies):
    """A fresh browser carrying only these cookie values."""
    client = app.test_client()
    for name, value in cookies.items():
        client.set_cookie(name, value)
    return client


def _cookie(client, name):
    cookie = client.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    return cookie.value


@pytest.mark.both_engines
def test_a_session_cookie_copied_before_logout_stops_working(app, make_user):
    user = make_user(password=PASSWORD)
    browser = _login(app, user)
    copied = _cookie(browser, "session")
    assert _signed_in(_replay(app, session=copied))  # the copy works while the session is open
    FormClient(browser).post("/account/logout", {}, form_url="/")
    assert not _signed_in(browser)
    assert not _signed_in(_replay(app, session=copied))
    assert sessions.count(user) == 0


def test_a_remember_me_cookie_copied_before_logout_stops_working(app, make_user):
    user = make_user(password=PASSWORD)
    browser = _login(app, user, remember=True)
    remembered = _cookie(browser, "remember_token")
    assert _signed_in(_replay(app, remember_token=remembered))  # alone, it signs a new browser in
    FormClient(browser).post("/account/logout", {}, form_url="/")
    assert not _signed_in(_replay(app, remember_token=remembered))


def test_logout_ends_only_that_session(app, make_user):
    user = make_user(password=PASSWORD)
    phone, laptop = _login(app, user), _login(app, user)
    FormClient(phone).post("/account/logout", {}, form_url="/")
    assert not _signed_in(phone) and _signed_in(laptop)


@pytest.mark.both_engines
def test_a_password_change_ends_every_other_session_and_keeps_this_one(app, make_user):
    user = make_user(password=PASSWORD)
    mine, other = _login(app, user), _login(app, user, remember=True)
    other_session, other_remember = _cookie(other, "session"), _cookie(other, "remember_token")
    assert _signed_in(_replay(app, session=other_session))
    response = FormClient(mine).post("/account/password", {"current": PASSWORD, "password": "mat-khau-moi-456",
                                                           "confirm": "mat-khau-moi-456"})
    assert response.status_code == 302
    assert _signed_in(mine)
    assert not _signed_in(other)
    assert not _signed_in(_replay(app, session=other_session))
    assert not _signed_in(_replay(app, remember_token=other_remember))
    assert sessions.count(user) == 1


def test_a_wrong_current_password_ends_nothing(app, make_user):
    user = make_user(password=PASSWORD)
    mine, other = _login(app, user), _login(app, user)
    response = FormClient(mine).post("/account/password", {"current": "sai-mat-khau", "password": "mat-khau-moi-456",
                                                           "confirm": "mat-khau-moi-456"})
    assert response.status_code == 400 and _signed_in(other)


def test_cookies_that_name_no_open_session_sign_nobody_in(app, client, make_user):
    user, stranger = make_user(password=PASSWORD), make_user(password=PASSWORD)
    token = sessions.start(user)
    for forged in (str(user.id),  # the old format: a bare user id, which could never be revoked
                   f"{stranger.id}:{token}",  # someone else's id with this token
                   f"{user.id}:not-a-token", f"{user.id}:", ":" + token, "²:" + token, "9" * 40 + ":" + token,
                   f"{user.id}:{token}\x00"):
        with client.session_transaction() as session:
            session["_user_id"] = forged
        assert not _signed_in(client), forged
    with client.session_transaction() as session:
        session["_user_id"] = f"{user.id}:{token}"
    assert _signed_in(client)  # the real one does


def test_sessions_expire_after_the_configured_age_and_of_inactive_accounts(app, make_user, db):
    user = make_user(password=PASSWORD)
    sessions.start(user)
    alt_id = user.get_id()
    days = app.config["SESSION_MAX_AGE_DAYS"]
    assert sessions.load(alt_id, now=utcnow() + timedelta(days=days - 1)) == user
    assert sessions.load(alt_id, now=utcnow() + timedelta(days=days + 1)) is None
    user.is_active_account = False
    db.session.commit()
    assert sessions.load(alt_id) is None
