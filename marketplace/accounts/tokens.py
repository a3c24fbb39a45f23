"""One-time links in account e-mails: confirm the address, reset the password.

A token is signed and timestamped by itsdangerous (with the app's secret key and a
salt per purpose, so a confirmation link cannot be used as a reset link) and
expires after EMAIL_CONFIRM_HOURS or PASSWORD_RESET_MINUTES. It also carries a
fingerprint of the account's address, password hash and confirmation time; using
the link changes one of them (the address becomes confirmed, the password changes),
and so does any later change of address or password, after which the fingerprint
no longer matches: every link works once, and only for the account as it was when
the link was sent. Nothing is stored.
"""
import hashlib

from flask import current_app
from marketplace.core.i18n import lazy_gettext as _l
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from marketplace.accounts.models import User
from marketplace.core.errors import ValidationError
from marketplace.extensions import db

CONFIRM, RESET = "confirm-email", "reset-password"
MAX_TOKEN_LENGTH = 1000


class InvalidLink(ValidationError):
    """The link is forged, expired, already used or no longer matches the account."""


def _max_age(purpose):
    config = current_app.config
    if purpose == CONFIRM:
        return int(config["EMAIL_CONFIRM_HOURS"]) * 3600
    return int(config["PASSWORD_RESET_MINUTES"]) * 60


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"accounts.{purpose}")


def fingerprint(user):
    confirmed = user.email_confirmed_at.isoformat() if user.email_confirmed_at else ""
    text = f"{user.id}|{user.email.lower()}|{user.password_hash}|{confirmed}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def issue(user, purpose, **extra):
    """A token for `user` and `purpose`; `extra` (short JSON values) travels signed with it."""
    return _serializer(purpose).dumps({"u": user.id, "f": fingerprint(user), **extra})


def read(token, purpose):
    """(user, payload) for a valid token, or InvalidLink saying why not."""
    used = InvalidLink(_l("Liên kết không hợp lệ hoặc đã được dùng. Hãy yêu cầu gửi liên kết mới."))
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise used
    try:
        payload = _serializer(purpose).loads(token, max_age=_max_age(purpose))
    except SignatureExpired:
        raise InvalidLink(_l("Liên kết đã hết hạn. Hãy yêu cầu gửi liên kết mới.")) from None
    except (BadData, UnicodeError, ValueError):
        raise used from None
    user_id = payload.get("u") if isinstance(payload, dict) else None
    if isinstance(user_id, bool) or not isinstance(user_id, int) or not 0 < user_id < 2**31:
        raise used
    user = db.session.get(User, user_id)
    if user is None or not user.is_active or payload.get("f") != fingerprint(user):
        raise used
    return user, payload
