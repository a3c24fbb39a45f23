"""Account operations: register, authenticate, change password, create staff."""
from sqlalchemy import func

from marketplace.accounts.models import Role, User
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db

SELF_SERVICE_ROLES = {Role.CONSUMER, Role.PRODUCER, Role.ORGANIZER}


def normalise_email(email):
    return (email or "").strip().lower()


def find_user_by_email(email):
    return db.session.execute(
        db.select(User).where(func.lower(User.email) == normalise_email(email))).scalar_one_or_none()


def register_user(*, email, password, full_name, phone=None, role=Role.CONSUMER, self_service=True):
    """Create an account. People choose consumer, producer or organizer; officers are made by admins."""
    role = Role(role)
    if self_service and role not in SELF_SERVICE_ROLES:
        raise ValidationError(_l("Không thể tự đăng ký vai trò này."), field="role")
    if len(password or "") < 8:
        raise ValidationError(_l("Mật khẩu cần ít nhất 8 ký tự."), field="password")
    if find_user_by_email(email) is not None:
        raise ValidationError(_l("Email này đã được đăng ký."), field="email")
    user = User(email=normalise_email(email), full_name=full_name.strip(), phone=phone or None, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email, password):
    """The active user with these credentials, or None (never says which part was wrong)."""
    user = find_user_by_email(email)
    if user is None or not user.is_active or not user.check_password(password or ""):
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


def change_password(user, current, new):
    if not user.check_password(current or ""):
        raise ValidationError(_l("Mật khẩu hiện tại không đúng."), field="current")
    if len(new or "") < 8:
        raise ValidationError(_l("Mật khẩu cần ít nhất 8 ký tự."), field="password")
    user.set_password(new)
    db.session.commit()
