"""Visitors: registration for a place (or the waiting list once the event is full),
tickets, cancellation and check-in at the door.

REGISTRATION_TRANSITIONS is the table of allowed moves and `_move_registration` the one
function that moves along it (compare-and-set, so a ticket scanned at two doors at once
goes in once). Places are counted under the event's row lock (events.locking), so
concurrent registrations never confirm more visitors than the capacity.
"""
import re

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, update

from marketplace.core import submissions
from marketplace.core.errors import DomainError, InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import utcnow
from marketplace.events import notifications
from marketplace.events.access import may_manage_event
from marketplace.events.labels import label
from marketplace.events.locking import finish, lock_event, transaction
from marketplace.events.models import EventStatus, RegistrationStatus, VisitorRegistration
from marketplace.events.tickets import new_code, normalise_code
from marketplace.extensions import db


PHONE_PATTERN = re.compile(r"^(\+84|0)\d{9}$")


REGISTRATION_TRANSITIONS = {
    RegistrationStatus.WAITLISTED: {RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED},
    RegistrationStatus.CONFIRMED: {RegistrationStatus.CHECKED_IN, RegistrationStatus.CANCELLED},
    RegistrationStatus.CHECKED_IN: set(),
    RegistrationStatus.CANCELLED: set(),
}
HOLDS_A_PLACE = (RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN)


class TicketNotFound(DomainError):
    """No ticket of this event has that code."""


class AlreadyCheckedIn(DomainError):
    """The ticket was checked in before; `registration.checked_in_at` says when."""

    def __init__(self, registration):
        super().__init__(_l("Vé này đã được check-in trước đó."))
        self.registration = registration


def places_taken(event_id):
    return db.session.execute(db.select(func.count(VisitorRegistration.id)).where(
        VisitorRegistration.event_id == event_id, VisitorRegistration.status.in_(HOLDS_A_PLACE))).scalar()


def registration_open(event, now=None):
    now = now or utcnow()
    return event.status is EventStatus.PUBLISHED and now < event.ends_at


def places_left(event):
    """Free places, or None when the event has no limit."""
    if event.visitor_capacity is None:
        return None
    return max(event.visitor_capacity - places_taken(event.id), 0)


def clean_contact(email, phone):
    email = (email or "").strip()
    phone = re.sub(r"[\s.\-]", "", phone or "")
    if not email and not phone:
        raise ValidationError(_l("Cần email hoặc số điện thoại."), field="email")
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            raise ValidationError(_l("Email không hợp lệ."), field="email") from None
    if phone and not PHONE_PATTERN.match(phone):
        raise ValidationError(_l("Số điện thoại không hợp lệ (ví dụ 0912345678)."), field="phone")
    return email or None, phone or None


def _unique_code():
    while True:
        code = new_code()
        if db.session.execute(db.select(VisitorRegistration.id).where(VisitorRegistration.code == code)).first() is None:
            return code


def register_visitor(*, event, name, email=None, phone=None, user=None, now=None, commit=True, submission=None):
    """A place at the event, or a place on its waiting list once the capacity is reached.

    The event's row is locked while places are counted, so concurrent registrations
    never confirm more visitors than the capacity. Once per submitted form (`submission`).
    """
    now = now or utcnow()
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_l("Vui lòng nhập họ tên."), field="name")
    if len(name) > 120:
        raise ValidationError(_l("Họ tên quá dài."), field="name")
    email, phone = clean_contact(email, phone)
    with transaction(commit):
        registration = _register_visitor(event, name, email, phone, user, now, submission)
    return registration


def _register_visitor(event, name, email, phone, user, now, submission):
    claim = submissions.claim(submission, "visitor_registration")  # before the lock: see core/submissions.py
    event = lock_event(event.id)
    if not registration_open(event, now):
        raise ValidationError(_l("Sự kiện này hiện không nhận đăng ký tham quan."))
    same_person = []
    if email:
        same_person.append(VisitorRegistration.email == email)
    if phone:
        same_person.append(VisitorRegistration.phone == phone)
    duplicate = db.session.execute(db.select(VisitorRegistration.id).where(
        VisitorRegistration.event_id == event.id, VisitorRegistration.status != RegistrationStatus.CANCELLED,
        db.or_(*same_person))).first()
    if duplicate is not None:
        raise ValidationError(_l("Email hoặc số điện thoại này đã đăng ký sự kiện; vé đã được gửi trước đó."),
                              field="email")
    has_place = event.visitor_capacity is None or places_taken(event.id) < event.visitor_capacity
    registration = VisitorRegistration(
        event=event, user_id=user.id if user is not None and getattr(user, "is_authenticated", False) else None,
        code=_unique_code(), name=name, email=email, phone=phone, created_at=now,
        status=RegistrationStatus.CONFIRMED if has_place else RegistrationStatus.WAITLISTED,
        confirmed_at=now if has_place else None, waitlisted_at=None if has_place else now)
    db.session.add(registration)
    db.session.flush()
    claim.done(registration.id)
    notifications.dispatch(notifications.ticket_message(registration) if has_place
                           else notifications.waitlisted_message(registration))
    return registration


def _move_registration(registration, to_status, *, now, staff_id=None):
    """Compare-and-set: the row moves only if it is still in the state we saw."""
    if to_status not in REGISTRATION_TRANSITIONS[registration.status]:
        raise InvalidTransition(_l("Không thể chuyển vé từ “%(src)s” sang “%(dst)s”.",
                                   src=label(registration.status), dst=label(to_status)))
    values = {"status": to_status}
    if to_status is RegistrationStatus.CONFIRMED:
        values["confirmed_at"] = now
    elif to_status is RegistrationStatus.CHECKED_IN:
        values.update(checked_in_at=now, checked_in_by_id=staff_id)
    elif to_status is RegistrationStatus.CANCELLED:
        values["cancelled_at"] = now
    moved = db.session.execute(
        update(VisitorRegistration)
        .where(VisitorRegistration.id == registration.id, VisitorRegistration.status == registration.status)
        .values(**values).execution_options(synchronize_session=False)).rowcount
    db.session.refresh(registration)
    return moved == 1


def fill_free_places(event, *, now=None):
    """Confirm the waiting list, in order, while places are free."""
    now = now or utcnow()
    left = None if event.visitor_capacity is None else event.visitor_capacity - places_taken(event.id)
    waiting = db.session.execute(db.select(VisitorRegistration).where(
        VisitorRegistration.event_id == event.id, VisitorRegistration.status == RegistrationStatus.WAITLISTED)
        .order_by(VisitorRegistration.waitlisted_at, VisitorRegistration.id)).scalars().all()
    for registration in waiting if left is None else waiting[:max(left, 0)]:
        if _move_registration(registration, RegistrationStatus.CONFIRMED, now=now):
            notifications.dispatch(notifications.ticket_message(registration))


def cancel_registration(registration, *, now=None, commit=True):
    """The visitor gives the place up; the first on the waiting list gets it."""
    now = now or utcnow()
    event = lock_event(registration.event_id)
    db.session.refresh(registration)
    if not _move_registration(registration, RegistrationStatus.CANCELLED, now=now):
        raise InvalidTransition(_l("Vé đã thay đổi trạng thái; vui lòng tải lại trang."))
    fill_free_places(event, now=now)
    finish(commit)
    return registration


def find_registration(code):
    """The registration with this ticket code (typed in any form), or None."""
    normalised = normalise_code(code)
    if normalised is None:
        return None
    return db.session.execute(
        db.select(VisitorRegistration).where(VisitorRegistration.code == normalised)).scalar_one_or_none()


def check_in(*, event, code, staff, now=None, commit=True):
    """Let a visitor in. A ticket goes in once: a second check-in raises AlreadyCheckedIn
    carrying the time of the first, even when two doors scan it at the same moment."""
    now = now or utcnow()
    if not may_manage_event(staff, event):
        raise PermissionDenied(_l("Bạn không quản lý sự kiện này."))
    registration = find_registration(code)
    if registration is None or registration.event_id != event.id:
        raise TicketNotFound(_l("Không tìm thấy vé với mã này cho sự kiện."), field="code")
    if registration.status is RegistrationStatus.CONFIRMED:
        if _move_registration(registration, RegistrationStatus.CHECKED_IN, now=now, staff_id=staff.id):
            finish(commit)
            return registration
    if registration.status is RegistrationStatus.CHECKED_IN:
        raise AlreadyCheckedIn(registration)
    if registration.status is RegistrationStatus.WAITLISTED:
        raise InvalidTransition(_l("Vé đang trong danh sách chờ, chưa được xác nhận."), field="code")
    raise InvalidTransition(_l("Vé đã bị hủy."), field="code")
