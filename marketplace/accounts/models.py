"""The user account, its role, and the signed-in sessions that can be ended."""
import enum

from flask import current_app
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class Role(str, enum.Enum):
    """What a user comes to do. Admin may do everything an officer may."""

    CONSUMER = "consumer"
    PRODUCER = "producer"
    ORGANIZER = "organizer"
    OFFICER = "officer"
    ADMIN = "admin"


def hash_password(password):
    """Hash with the configured method (scrypt by default; see PASSWORD_HASH_METHOD)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254), nullable=False, unique=True)
    password_hash = db.Column(db.String(255), nullable=False)
    full_name = db.Column(db.String(120), nullable=False)
    phone = db.Column(db.String(20))
    role = db.Column(db.Enum(Role, name="user_role", native_enum=False, length=20,
                             values_callable=lambda e: [m.value for m in e], create_constraint=True),
                     nullable=False, default=Role.CONSUMER)
    locale = db.Column(db.String(5))
    is_active_account = db.Column(db.Boolean, nullable=False, default=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    last_login_at = db.Column(db.DateTime)
    # Officers belong to a place: one of the 34 provinces, or NULL for a national officer
    # (admins are always national). See accounts.jurisdiction.
    province_id = db.Column(db.ForeignKey("provinces.id"), index=True)

    province = db.relationship("Province", lazy="select")

    # When the owner proved the address (a one-time link, a password reset or an accepted team
    # invitation); staff-created accounts are confirmed at creation. See accounts.access.
    email_confirmed_at = db.Column(db.DateTime)

    # The session this object was loaded for or signed into (accounts.sessions); not a column.
    session_token = None

    def set_password(self, password):
        self.password_hash = hash_password(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self):
        return self.is_active_account

    @property
    def email_confirmed(self):
        return self.email_confirmed_at is not None

    def get_id(self):
        """Flask-Login's alternative id, "<user id>:<session token>": the session cookie and the
        remember-me cookie name one session row, so ending the row ends them (accounts.sessions)."""
        if not self.session_token:
            raise RuntimeError("open a session with accounts.sessions.start before signing a user in")
        return f"{self.id}:{self.session_token}"

    # UserMixin compares get_id(); two objects are the same account whatever session they were loaded for.
    __hash__ = object.__hash__

    def __eq__(self, other):
        if not isinstance(other, User):
            return NotImplemented
        return self is other or (self.id is not None and self.id == other.id)

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def has_role(self, *roles):
        """True if the user holds one of `roles`; admins hold the officer role too."""
        wanted = {Role(r) for r in roles}
        if self.role == Role.ADMIN and Role.OFFICER in wanted:
            return True
        return self.role in wanted

    def __repr__(self):
        return f"<User {self.email} {self.role.value}>"


class UserSession(db.Model):
    """One signed-in browser. Only a hash of its token is kept: the token itself lives in the
    signed session (and remember-me) cookie, so a copy of this table opens no session."""

    __tablename__ = "user_sessions"
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash = db.Column(db.String(64), nullable=False, unique=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
