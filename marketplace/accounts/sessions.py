"""Signed-in sessions that can be ended.

Flask keeps the session in a signed cookie, so a cookie copied before a sign-out
would otherwise keep working for as long as the secret key stays the same. Each
sign-in therefore opens a `UserSession` row holding the hash of a random token;
Flask-Login stores "<user id>:<token>" (`User.get_id`) in the session cookie and in
the remember-me cookie, and `load` accepts a cookie only while its row exists.

- signing out deletes that session's row (`end`);
- changing the password deletes every other row of the account (`end_all(keep=…)`);
- resetting the password by e-mail deletes them all;
- a row older than SESSION_MAX_AGE_DAYS no longer opens anything, and is removed at
  the owner's next sign-in.
"""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app

from marketplace.accounts.models import User, UserSession
from marketplace.core.inputs import parse_int
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db

MAX_TOKEN_LENGTH = 100


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _oldest_allowed(now):
    return now - timedelta(days=current_app.config["SESSION_MAX_AGE_DAYS"])


def start(user, *, now=None):
    """Open a session for `user` (one transaction) and return its token.

    Afterwards `user.get_id()` names this session, ready for `flask_login.login_user`.
    """
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    db.session.execute(db.delete(UserSession).where(UserSession.user_id == user.id,
                                                    UserSession.created_at < _oldest_allowed(now)))
    db.session.add(UserSession(user_id=user.id, token_hash=_hash(token), created_at=now))
    db.session.commit()
    user.session_token = token
    return token


def load(alt_id, *, now=None):
    """The active user whose open session `alt_id` ("<user id>:<token>") names, else None.

    Anything else — an old bare user id, a deleted or expired session, another user's
    token, garbage — is None: the request continues as a visitor.
    """
    user_id, _sep, token = (alt_id or "").partition(":")
    user_id = parse_int(user_id, minimum=1)
    if user_id is None or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    row = db.session.execute(db.select(UserSession).where(UserSession.token_hash == _hash(token))).scalar_one_or_none()
    if row is None or row.user_id != user_id or row.created_at < _oldest_allowed(now or utcnow()):
        return None
    user = db.session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    user.session_token = token
    return user


def end(user, token):
    """Sign out one session (its cookie, and its remember-me cookie, stop working)."""
    if user is None or not token:
        return
    db.session.execute(db.delete(UserSession).where(UserSession.user_id == user.id,
                                                    UserSession.token_hash == _hash(token)))
    db.session.commit()


def end_all(user, *, keep=None, commit=True):
    """End every session of `user` except the one whose token is `keep` (if given)."""
    query = db.delete(UserSession).where(UserSession.user_id == user.id)
    if keep:
        query = query.where(UserSession.token_hash != _hash(keep))
    db.session.execute(query)
    if commit:
        db.session.commit()


def count(user):
    """How many sessions of `user` are open (for tests and the account page)."""
    return db.session.execute(db.select(db.func.count()).select_from(UserSession)
                              .where(UserSession.user_id == user.id)).scalar_one()
