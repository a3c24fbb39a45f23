"""The user account and its role."""
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

    def set_password(self, password):
        """Hash with the configured method (scrypt by default; see PASSWORD_HASH_METHOD)."""
        self.password_hash = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self):
        return self.is_active_account

    def has_role(self, *roles):
        """True if the user holds one of `roles`; admins hold the officer role too."""
        wanted = {Role(r) for r in roles}
        if self.role == Role.ADMIN and Role.OFFICER in wanted:
            return True
        return self.role in wanted

    def __repr__(self):
        return f"<User {self.email} {self.role.value}>"
