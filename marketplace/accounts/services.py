"""Account operations: sign up, confirm the address, sign in, change and reset the password.

Answers never tell a visitor whether an address has an account: signing up with a
taken address, or asking to reset the password of an unknown one, looks exactly like
the ordinary case (the owner of a taken address gets an e-mail instead), and costs
the same work: one password hash either way (`_spend_one_hash`).
"""
import re
import secrets

from flask import current_app
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash

from marketplace.accounts import notifications, sessions, tokens
from marketplace.accounts.models import Role, User, hash_password
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db

SELF_SERVICE_ROLES = {Role.CONSUMER, Role.PRODUCER, Role.ORGANIZER}
MIN_PASSWORD = 8


def normalise_email(email):
    return (email or "").strip().lower()


def find_user_by_email(email):
    return db.session.execute(
        db.select(User).where(func.lower(User.email) == normalise_email(email))).scalar_one_or_none()


def _check_password_rules(password, field="password"):
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(_l("Mật khẩu cần ít nhất 8 ký tự."), field=field)


def _new_user(*, email, password, full_name, phone, role, locale=None, confirmed=False):
    user = User(email=normalise_email(email), full_name=full_name.strip(), phone=phone or None, role=role,
                locale=locale if locale in ("vi", "en") else None,
                email_confirmed_at=utcnow() if confirmed else None)
    user.set_password(password)
    db.session.add(user)
    return user


def register_user(*, email, password, full_name, phone=None, role=Role.CONSUMER, self_service=True):
    """Create an account at once (commands, staff, demo loaders, tests).

    `self_service=False` accounts are made by staff, so their address counts as confirmed;
    people signing up on the site go through `sign_up`.
    """
    role = Role(role)
    if self_service and role not in SELF_SERVICE_ROLES:
        raise ValidationError(_l("Không thể tự đăng ký vai trò này."), field="role")
    _check_password_rules(password)
    if find_user_by_email(email) is not None:
        raise ValidationError(_l("Email này đã được đăng ký."), field="email")
    user = _new_user(email=email, password=password, full_name=full_name, phone=phone, role=role,
                     confirmed=not self_service)
    db.session.commit()
    return user


def _spend_one_hash(password):
    """Do the work of hashing `password` without keeping it: the taken-address path costs what creating costs."""
    hash_password(password or "")


def _dummy_hash():
    """A hash of a random password made like every real one (kept per app), checked for unknown addresses."""
    if "accounts.dummy_hash" not in current_app.extensions:
        current_app.extensions["accounts.dummy_hash"] = hash_password(secrets.token_urlsafe(16))
    return current_app.extensions["accounts.dummy_hash"]


def sign_up(*, email, password, full_name, phone=None, role=Role.CONSUMER, locale=None, next_url=None):
    """A visitor signs up; the answer is the same whether or not the address has an account.

    New address: the account is created unconfirmed and the confirmation link is sent
    (`next_url`, a path on this site, is where the link leads after confirming).
    Taken address: its owner is told by e-mail that someone tried; nothing else changes.
    Returns the new user, or None for a taken address.
    """
    role = Role(role)
    if role not in SELF_SERVICE_ROLES:
        raise ValidationError(_l("Không thể tự đăng ký vai trò này."), field="role")
    _check_password_rules(password)
    existing = find_user_by_email(email)
    if existing is not None:
        _spend_one_hash(password)
        if existing.is_active:
            notifications.send_already_registered(existing, locale)
            db.session.commit()
        return None
    user = _new_user(email=email, password=password, full_name=full_name, phone=phone, role=role, locale=locale)
    try:
        db.session.flush()
        _send_confirmation(user, next_url)
        db.session.commit()
    except IntegrityError:  # the same address, signed up at the same moment: one account only
        db.session.rollback()
        return None
    return user


def _send_confirmation(user, next_url=None):
    extra = {"n": next_url} if next_url else {}
    notifications.send_confirmation(user, tokens.issue(user, tokens.CONFIRM, **extra),
                                    hours=current_app.config["EMAIL_CONFIRM_HOURS"])


def resend_confirmation(*, email=None, user=None, next_url=None):
    """Send the confirmation link again to an unconfirmed, active account (by address or signed in).

    Says nothing about whether an address has an account: an unknown or already
    confirmed one simply gets nothing.
    """
    user = user if user is not None else find_user_by_email(email)
    if user is None or not user.is_active or user.email_confirmed:
        return False
    _send_confirmation(user, next_url)
    db.session.commit()
    return True


def mark_email_confirmed(user, *, commit=True):
    """The owner proved the address (a confirmation link, a reset link, an accepted invitation)."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    if commit:
        db.session.commit()


def confirm_email(token):
    """Use a confirmation link: (user, next path or None). Raises tokens.InvalidLink."""
    user, payload = tokens.read(token, tokens.CONFIRM)
    if user.email_confirmed:  # confirmed meanwhile (the fingerprint changed): the link is spent
        raise tokens.InvalidLink(_l("Liên kết không hợp lệ hoặc đã được dùng. Hãy yêu cầu gửi liên kết mới."))
    mark_email_confirmed(user)
    next_url = payload.get("n")
    return user, next_url if isinstance(next_url, str) else None


def peek_link(token, purpose):
    """The account a link is for, without using it (the page that asks to confirm); raises InvalidLink."""
    return tokens.read(token, purpose)[0]


def authenticate(email, password):
    """The active user with these credentials, or None (never says which part was wrong).

    Unknown addresses check the password against a dummy hash of the configured method,
    so that they take as long as known ones; inactive accounts check it too.
    """
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_dummy_hash(), password or "")
        return None
    if not user.check_password(password or "") or not user.is_active:
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def assign_province(user, province, *, commit=True):
    """Attach an officer to a province (a catalog Province), or make them national (None).

    Only officers have a province; admins are always national (accounts.jurisdiction).
    """
    if province is not None and user.role != Role.OFFICER:
        raise ValidationError(_l("Chỉ cán bộ chương trình (không phải quản trị viên) mới thuộc một tỉnh."),
                              field="province")
    user.province = province
    if commit:
        db.session.commit()
    return user


def change_password(user, current, new, *, keep_session=None):
    """Change the password knowing the current one; every other session of the account ends."""
    if not user.check_password(current or ""):
        raise ValidationError(_l("Mật khẩu hiện tại không đúng."), field="current")
    _check_password_rules(new)
    user.set_password(new)
    sessions.end_all(user, keep=keep_session, commit=False)
    db.session.commit()


def request_password_reset(email):
    """Send a reset link to an active account with this address; unknown addresses get nothing.

    The caller answers the same either way.
    """
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return False
    notifications.send_password_reset(user, tokens.issue(user, tokens.RESET),
                                      minutes=current_app.config["PASSWORD_RESET_MINUTES"])
    db.session.commit()
    return True


def reset_password(token, new):
    """Use a reset link: set the new password, confirm the address, end every session. Returns the user."""
    user, _payload = tokens.read(token, tokens.RESET)
    _check_password_rules(new)
    user.set_password(new)
    mark_email_confirmed(user, commit=False)  # the link reached the address
    sessions.end_all(user, commit=False)
    db.session.commit()
    return user


PROFILE_PHONE = re.compile(r"^(\+84|0)\d{9,10}$")


def update_profile(user, *, full_name, phone=None, locale=None):
    """Change the name, phone and language an account is known by (the address and the
    password have their own, checked ways). Bad input raises ValidationError and changes nothing."""
    name = " ".join((full_name or "").split())
    if not name:
        raise ValidationError(_l("Vui lòng nhập họ tên."), field="full_name")
    if len(name) > 120:
        raise ValidationError(_l("Họ tên quá dài (tối đa 120 ký tự)."), field="full_name")
    phone = re.sub(r"[\s.\-()]", "", phone or "")
    if phone and not PROFILE_PHONE.match(phone):
        raise ValidationError(_l("Số điện thoại không hợp lệ (ví dụ 0912345678)."), field="phone")
    if locale not in (None, "", "vi", "en"):
        raise ValidationError(_l("Ngôn ngữ không hợp lệ."), field="locale")
    user.full_name, user.phone, user.locale = name, phone or None, locale or None
    db.session.commit()
    return user
