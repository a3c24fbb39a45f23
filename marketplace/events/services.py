"""Trade promotion operations: events, booth applications, visitor registrations,
check-in and showrooms.

Plain functions with explicit arguments (no request, no current_user), one
transaction each (`commit=False` lets a caller such as the demo loader batch).
Every state machine is a table of allowed moves below and one function that
moves along it; a forbidden move raises InvalidTransition and changes nothing.

Booths and visitor places are counted under a lock on the event's row
(`lock_event`): PostgreSQL holds a row lock (SELECT ... FOR UPDATE) until commit;
SQLite, which has no row locks, takes its database write lock at once by writing
to the row first. Two registrations for the last place therefore run one after
the other and the second one sees the first.
"""
import re
from contextlib import contextmanager

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, update

from marketplace.accounts.access import is_confirmed
from marketplace.accounts.models import Role
from marketplace.catalog.models import Producer, ProducerMember, Product, ProductStatus
from marketplace.catalog.services import unique_slug
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core import submissions
from marketplace.core.text import slugify
from marketplace.core.transactions import atomic
from marketplace.core.errors import DomainError, InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.timeutil import utcnow
from marketplace.events import notifications
from marketplace.events.labels import label
from marketplace.events.models import (ApplicationStatus, BoothApplication, BoothApplicationProduct, BoothSize, Event,
                                       EventKind, EventStatus, RegistrationStatus, Showroom, ShowroomProduct,
                                       VisitorRegistration)
from marketplace.events.tickets import new_code, normalise_code
from marketplace.extensions import db

MAX_PRODUCTS_PER_APPLICATION = 12
MAX_BOOTHS = 5000
MAX_CAPACITY = 1_000_000
PHONE_PATTERN = re.compile(r"^(\+84|0)\d{9}$")

EVENT_TRANSITIONS = {
    EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.PUBLISHED: {EventStatus.POSTPONED, EventStatus.CANCELLED},
    EventStatus.POSTPONED: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.CANCELLED: set(),
}

APPLICATION_TRANSITIONS = {
    ApplicationStatus.SUBMITTED: {ApplicationStatus.ACCEPTED, ApplicationStatus.REJECTED,
                                  ApplicationStatus.WAITLISTED, ApplicationStatus.WITHDRAWN},
    ApplicationStatus.WAITLISTED: {ApplicationStatus.ACCEPTED, ApplicationStatus.REJECTED,
                                   ApplicationStatus.WITHDRAWN},
    ApplicationStatus.ACCEPTED: {ApplicationStatus.WITHDRAWN, ApplicationStatus.CANCELLED},
    ApplicationStatus.REJECTED: set(),
    ApplicationStatus.WITHDRAWN: set(),
    ApplicationStatus.CANCELLED: set(),
}
# Moves made by the organizer; WITHDRAWN is the producer's own.
ORGANIZER_APPLICATION_MOVES = {ApplicationStatus.ACCEPTED, ApplicationStatus.REJECTED,
                               ApplicationStatus.WAITLISTED, ApplicationStatus.CANCELLED}
ACTIVE_APPLICATION = (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED, ApplicationStatus.ACCEPTED)

REGISTRATION_TRANSITIONS = {
    RegistrationStatus.WAITLISTED: {RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED},
    RegistrationStatus.CONFIRMED: {RegistrationStatus.CHECKED_IN, RegistrationStatus.CANCELLED},
    RegistrationStatus.CHECKED_IN: set(),
    RegistrationStatus.CANCELLED: set(),
}
HOLDS_A_PLACE = (RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN)


class NoBoothAvailable(DomainError):
    """Every booth of the event is taken."""


class TicketNotFound(DomainError):
    """No ticket of this event has that code."""


class AlreadyCheckedIn(DomainError):
    """The ticket was checked in before; `registration.checked_in_at` says when."""

    def __init__(self, registration):
        super().__init__(_l("Vé này đã được check-in trước đó."))
        self.registration = registration


def _finish(commit):
    if commit:
        db.session.commit()
    else:
        db.session.flush()


@contextmanager
def _unit(commit):
    """The service's own transaction (commit=True: committed at the end, rolled back on any
    error, its form token claim with it), or a part of the caller's (commit=False: flushed)."""
    if commit:
        with atomic():
            yield
    else:
        yield
        db.session.flush()


def _label(status):
    return label(status)


# --- who may act ----------------------------------------------------------------

def _acts_as_organizer(user):
    """An organizer or an admin whose e-mail address is confirmed (accounts.access)."""
    return is_confirmed(user) and user.role in (Role.ORGANIZER, Role.ADMIN)


def may_manage_event(user, event):
    """The event's own organizer, or an admin."""
    if not _acts_as_organizer(user) or event is None:
        return False
    return user.role is Role.ADMIN or (user.role is Role.ORGANIZER and event.organizer_id == user.id)


def may_manage_showroom(user, showroom):
    if not _acts_as_organizer(user) or showroom is None:
        return False
    return user.role is Role.ADMIN or (user.role is Role.ORGANIZER and showroom.organizer_id == user.id)


def producers_of_user(user):
    """The verified producers this user may act for (ProducerMember; a confirmed address)."""
    if not is_confirmed(user):
        return []
    return db.session.execute(
        db.select(Producer).join(ProducerMember, ProducerMember.producer_id == Producer.id)
        .where(ProducerMember.user_id == user.id, Producer.verified.is_(True)).order_by(Producer.name)
    ).scalars().all()


def may_act_for_producer(user, producer):
    return producer is not None and any(p.id == producer.id for p in producers_of_user(user))


# --- locking --------------------------------------------------------------------

def lock_event(event_id):
    """Take the event's row lock for the rest of the transaction and return the fresh row."""
    if db.session.get_bind().dialect.name == "sqlite":
        # SQLite starts a deferred transaction at the first write: write first so the
        # counts read next cannot change before we commit.
        db.session.execute(update(Event).where(Event.id == event_id).values(status=Event.status)
                           .execution_options(synchronize_session=False))
    return db.session.execute(
        db.select(Event).where(Event.id == event_id).with_for_update()
        .execution_options(populate_existing=True)).scalar_one()


# --- events ---------------------------------------------------------------------

def _check_event_fields(*, title, starts_at, ends_at, booth_count, visitor_capacity, application_deadline,
                        province):
    if not title or not title.strip():
        raise ValidationError(_l("Tên sự kiện không được để trống."), field="title")
    if province is None:
        raise ValidationError(_l("Cần chọn tỉnh, thành phố."), field="province")
    if starts_at is None or ends_at is None:
        raise ValidationError(_l("Cần thời gian bắt đầu và kết thúc."), field="starts_at")
    if ends_at <= starts_at:
        raise ValidationError(_l("Thời gian kết thúc phải sau thời gian bắt đầu."), field="ends_at")
    if isinstance(booth_count, bool) or not isinstance(booth_count, int) or not 0 <= booth_count <= MAX_BOOTHS:
        raise ValidationError(_l("Số gian hàng phải từ 0 đến %(n)s.", n=MAX_BOOTHS), field="booth_count")
    if visitor_capacity is not None and (not isinstance(visitor_capacity, int)
                                         or not 0 <= visitor_capacity <= MAX_CAPACITY):
        raise ValidationError(_l("Sức chứa không hợp lệ."), field="visitor_capacity")
    if application_deadline is not None and application_deadline > starts_at:
        raise ValidationError(_l("Hạn đăng ký gian hàng phải trước khi sự kiện bắt đầu."),
                              field="application_deadline")


def create_event(*, organizer, kind, title, province, starts_at, ends_at, description="", venue="", address="",
                 booth_count=0, application_deadline=None, visitor_capacity=None, cover_path=None, slug=None,
                 is_demo=False, commit=True, submission=None):
    """A new event in draft, once per submitted form. Times are naive UTC (see events.times.to_utc)."""
    if not _acts_as_organizer(organizer):
        raise PermissionDenied(_l("Chỉ đơn vị tổ chức mới tạo được sự kiện."))
    _check_event_fields(title=title, starts_at=starts_at, ends_at=ends_at, booth_count=booth_count,
                        visitor_capacity=visitor_capacity, application_deadline=application_deadline,
                        province=province)
    with _unit(commit):
        claim = submissions.claim(submission, "event")
        event = Event(organizer_id=organizer.id, kind=EventKind(kind), title=title.strip(),
                      slug=slug or _event_slug(title), province=province, starts_at=starts_at, ends_at=ends_at,
                      description=description or "", venue=venue or "", address=address or "",
                      booth_count=booth_count, application_deadline=application_deadline,
                      visitor_capacity=visitor_capacity, cover_path=cover_path, status=EventStatus.DRAFT,
                      is_demo=is_demo)
        db.session.add(event)
        db.session.flush()
        claim.done(event.id)
    return event


RESERVED_SLUGS = {"applications", "calendar-ics"}  # paths under /events/ that are not events


def _event_slug(title):
    return unique_slug(Event, f"{title} event" if slugify(title) in RESERVED_SLUGS else title)


EDITABLE_EVENT_FIELDS = {"kind", "title", "description", "venue", "address", "province", "starts_at", "ends_at",
                         "booth_count", "application_deadline", "visitor_capacity", "cover_path"}


def update_event(event, *, now=None, commit=True, **changes):
    """Change an event's details. Booths in use and confirmed places cannot be taken away;
    a larger hall goes to the waiting lists at once."""
    unknown = set(changes) - EDITABLE_EVENT_FIELDS
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    event = lock_event(event.id)
    if event.status is EventStatus.CANCELLED:
        raise InvalidTransition(_l("Sự kiện đã hủy, không thể sửa."))
    merged = {name: changes.get(name, getattr(event, name)) for name in EDITABLE_EVENT_FIELDS}
    if event.status is not EventStatus.DRAFT and (merged["starts_at"] != event.starts_at
                                                   or merged["ends_at"] != event.ends_at):
        raise ValidationError(_l("Sự kiện đã công bố: hãy dùng “Tạm hoãn” hoặc “Đổi lịch” để đổi thời gian."),
                              field="starts_at")
    _check_event_fields(title=merged["title"], starts_at=merged["starts_at"], ends_at=merged["ends_at"],
                        booth_count=merged["booth_count"], visitor_capacity=merged["visitor_capacity"],
                        application_deadline=merged["application_deadline"], province=merged["province"])
    highest = db.session.execute(db.select(func.max(BoothApplication.booth_number))
                                 .where(BoothApplication.event_id == event.id)).scalar()
    if highest and merged["booth_count"] < highest:
        raise ValidationError(_l("Gian số %(n)s đang có đơn vị tham gia; không thể giảm số gian hàng xuống dưới "
                                 "số này.", n=highest), field="booth_count")
    holding = _places_taken(event.id)
    if merged["visitor_capacity"] is not None and merged["visitor_capacity"] < holding:
        raise ValidationError(_l("Đã có %(n)s khách được xác nhận; sức chứa không thể nhỏ hơn.", n=holding),
                              field="visitor_capacity")
    for name, value in changes.items():
        setattr(event, name, EventKind(value) if name == "kind" else value)
    if "title" in changes:
        event.title = event.title.strip()
    event.updated_at = utcnow()
    _fill_free_booths(event, now=now)
    _fill_free_places(event, now=now)
    _finish(commit)
    return event


def transition_event(event, to_status, *, reason=None, new_starts_at=None, new_ends_at=None, now=None,
                     commit=True):
    """Move an event along draft → published → postponed → published (new dates) / cancelled.

    Postponing keeps the dates the event had in `previous_starts_at`/`previous_ends_at`;
    new dates may be given then or when it is published again, which it cannot be
    on its old dates.
    """
    to_status = EventStatus(to_status)
    event = lock_event(event.id)
    now = now or utcnow()
    if to_status not in EVENT_TRANSITIONS[event.status]:
        raise InvalidTransition(_l("Không thể chuyển sự kiện từ “%(src)s” sang “%(dst)s”.",
                                   src=_label(event.status), dst=_label(to_status)))
    if (new_starts_at is None) != (new_ends_at is None):
        raise ValidationError(_l("Cần cả thời gian bắt đầu và kết thúc mới."), field="starts_at")
    if new_starts_at is not None and new_ends_at <= new_starts_at:
        raise ValidationError(_l("Thời gian kết thúc phải sau thời gian bắt đầu."), field="ends_at")
    previous = event.status
    if to_status is EventStatus.PUBLISHED:
        if previous is EventStatus.DRAFT and event.ends_at <= now:
            raise ValidationError(_l("Không thể công bố sự kiện đã kết thúc."), field="ends_at")
        if previous is EventStatus.POSTPONED:
            if new_starts_at is not None:
                event.starts_at, event.ends_at = new_starts_at, new_ends_at
            if event.starts_at == event.previous_starts_at:
                raise ValidationError(_l("Cần thời gian mới để công bố lại sự kiện đã tạm hoãn."),
                                      field="starts_at")
        event.published_at = event.published_at or now
        event.status_reason = None
    elif to_status is EventStatus.POSTPONED:
        event.previous_starts_at, event.previous_ends_at = event.starts_at, event.ends_at
        if new_starts_at is not None:
            event.starts_at, event.ends_at = new_starts_at, new_ends_at
        event.status_reason = (reason or "").strip() or None
    elif to_status is EventStatus.CANCELLED:
        if previous is not EventStatus.DRAFT and not (reason or "").strip():
            raise ValidationError(_l("Cần nêu lý do hủy sự kiện."), field="reason")
        event.status_reason = (reason or "").strip() or None
    if event.application_deadline is not None and event.application_deadline > event.starts_at:
        event.application_deadline = event.starts_at
    event.status = to_status
    event.updated_at = now
    if previous is not EventStatus.DRAFT:
        _tell_everyone_about_change(event)
    _finish(commit)
    return event


def _tell_everyone_about_change(event):
    registrations = db.session.execute(db.select(VisitorRegistration).where(
        VisitorRegistration.event_id == event.id,
        VisitorRegistration.status.in_([RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]))
        .order_by(VisitorRegistration.id)).scalars()
    for registration in registrations:
        notifications.dispatch(notifications.event_changed_message(event, registration))
    for application in event.applications:
        notifications.dispatch(notifications.exhibitor_event_changed_message(event, application))


# --- booth applications ---------------------------------------------------------------

def booths_taken(event_id):
    return set(db.session.execute(db.select(BoothApplication.booth_number).where(
        BoothApplication.event_id == event_id, BoothApplication.booth_number.is_not(None))).scalars())


def free_booths(event):
    taken = booths_taken(event.id)
    return [n for n in range(1, event.booth_count + 1) if n not in taken]


def applications_open(event, now=None):
    now = now or utcnow()
    deadline = event.application_deadline or event.starts_at
    return event.status is EventStatus.PUBLISHED and event.booth_count > 0 and now <= deadline


def apply_for_booth(*, event, producer, user, product_ids, booth_size=BoothSize.STANDARD, needs_power=False,
                    note="", now=None, commit=True, submission=None):
    """A producer's application for a booth, with the products it will show; once per submitted form."""
    now = now or utcnow()
    if not may_act_for_producer(user, producer):
        raise PermissionDenied(_l("Bạn không thể đăng ký thay cho chủ thể này."))
    with _unit(commit):
        application = _apply_for_booth(event, producer, user, product_ids, booth_size, needs_power, note, now,
                                       submission)
    return application


def _apply_for_booth(event, producer, user, product_ids, booth_size, needs_power, note, now, submission):
    claim = submissions.claim(submission, "booth_application")  # before the lock: see core/submissions.py
    event = lock_event(event.id)
    if not applications_open(event, now):
        raise ValidationError(_l("Sự kiện này không nhận đơn đăng ký gian hàng."))
    ids = list(dict.fromkeys(int(i) for i in product_ids or []))
    if not ids:
        raise ValidationError(_l("Chọn ít nhất một sản phẩm sẽ trưng bày."), field="products")
    if len(ids) > MAX_PRODUCTS_PER_APPLICATION:
        raise ValidationError(_l("Tối đa %(n)s sản phẩm cho một gian hàng.", n=MAX_PRODUCTS_PER_APPLICATION),
                              field="products")
    products = {p.id: p for p in db.session.execute(db.select(Product).where(
        Product.id.in_(ids), Product.producer_id == producer.id, Product.status == ProductStatus.ACTIVE)).scalars()}
    if len(products) != len(ids):
        raise ValidationError(_l("Chỉ chọn được sản phẩm đang bán của chính chủ thể."), field="products")
    existing = db.session.execute(db.select(BoothApplication.id).where(
        BoothApplication.event_id == event.id, BoothApplication.producer_id == producer.id,
        BoothApplication.status.in_(ACTIVE_APPLICATION))).first()
    if existing is not None:
        raise ValidationError(_l("Chủ thể này đã có đơn đăng ký cho sự kiện."))
    application = BoothApplication(event=event, producer=producer, submitted_by_id=user.id,
                                   status=ApplicationStatus.SUBMITTED, booth_size=BoothSize(booth_size),
                                   needs_power=bool(needs_power), note=(note or "").strip()[:1000], created_at=now)
    for position, product_id in enumerate(ids):
        application.items.append(BoothApplicationProduct(product=products[product_id], position=position))
    db.session.add(application)
    db.session.flush()
    claim.done(application.id)
    notifications.dispatch(notifications.new_application_message(application))
    notifications.dispatch(notifications.application_message(application))
    return application


def _move_application(application, to_status, *, actor_id, reason, now):
    """The one move of the application state machine; the event is locked by the caller."""
    if to_status not in APPLICATION_TRANSITIONS[application.status]:
        raise InvalidTransition(_l("Không thể chuyển đơn từ “%(src)s” sang “%(dst)s”.",
                                   src=_label(application.status), dst=_label(to_status)))
    freed = application.status is ApplicationStatus.ACCEPTED
    if to_status is ApplicationStatus.ACCEPTED:
        free = free_booths(application.event)
        if not free:
            raise NoBoothAvailable(_l("Đã hết gian hàng trống; hãy đưa đơn vào danh sách chờ."))
        application.booth_number = free[0]
        application.reason = None
    elif to_status is ApplicationStatus.WAITLISTED:
        application.waitlisted_at = now
        application.reason = None
    else:
        application.booth_number = None
        application.reason = (reason or "").strip()[:500] or None
    application.status = to_status
    application.decided_at = now
    application.decided_by_id = actor_id
    db.session.flush()
    notifications.dispatch(notifications.application_message(application))
    return freed


def transition_application(application, to_status, *, actor=None, reason=None, now=None, commit=True):
    """Accept, reject, waitlist, cancel or withdraw an application.

    Accepting gives the lowest free booth number and fails when none is left. A
    booth freed by a withdrawal or cancellation goes at once to the first
    application on the waiting list (in the order they were waitlisted).
    """
    to_status = ApplicationStatus(to_status)
    now = now or utcnow()
    if to_status in (ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED) and not (reason or "").strip():
        raise ValidationError(_l("Cần nêu lý do."), field="reason")
    event = lock_event(application.event_id)
    db.session.refresh(application)
    freed = _move_application(application, to_status, actor_id=actor.id if actor is not None else None,
                              reason=reason, now=now)
    if freed:
        _fill_free_booths(event, now=now)
    _finish(commit)
    return application


def decide_application(application, to_status, *, actor, reason=None, now=None, commit=True):
    """The organizer's decision; checks the organizer may act on this very event."""
    to_status = ApplicationStatus(to_status)
    if not may_manage_event(actor, application.event):
        raise PermissionDenied(_l("Bạn không quản lý sự kiện này."))
    if to_status not in ORGANIZER_APPLICATION_MOVES:
        raise InvalidTransition(_l("Đơn vị tổ chức không thể thực hiện thao tác này."))
    return transition_application(application, to_status, actor=actor, reason=reason, now=now, commit=commit)


def withdraw_application(application, *, user, now=None, commit=True):
    """The producer takes its application back (and frees its booth if it had one)."""
    if not may_act_for_producer(user, application.producer):
        raise PermissionDenied(_l("Bạn không thể rút đơn của chủ thể này."))
    return transition_application(application, ApplicationStatus.WITHDRAWN, actor=user, now=now, commit=commit)


def waiting_applications(event_id):
    return db.session.execute(db.select(BoothApplication).where(
        BoothApplication.event_id == event_id, BoothApplication.status == ApplicationStatus.WAITLISTED)
        .order_by(BoothApplication.waitlisted_at, BoothApplication.id)).scalars().all()


def _fill_free_booths(event, *, now=None):
    """Give free booths to the waiting list, first come first served."""
    now = now or utcnow()
    waiting = waiting_applications(event.id)
    free = free_booths(event)
    for application in waiting[:len(free)]:
        _move_application(application, ApplicationStatus.ACCEPTED, actor_id=None, reason=None, now=now)


# --- visitors -------------------------------------------------------------------------

def _places_taken(event_id):
    return db.session.execute(db.select(func.count(VisitorRegistration.id)).where(
        VisitorRegistration.event_id == event_id, VisitorRegistration.status.in_(HOLDS_A_PLACE))).scalar()


def registration_open(event, now=None):
    now = now or utcnow()
    return event.status is EventStatus.PUBLISHED and now < event.ends_at


def places_left(event):
    """Free places, or None when the event has no limit."""
    if event.visitor_capacity is None:
        return None
    return max(event.visitor_capacity - _places_taken(event.id), 0)


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
    with _unit(commit):
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
    has_place = event.visitor_capacity is None or _places_taken(event.id) < event.visitor_capacity
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
                                   src=_label(registration.status), dst=_label(to_status)))
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


def _fill_free_places(event, *, now=None):
    """Confirm the waiting list, in order, while places are free."""
    now = now or utcnow()
    left = None if event.visitor_capacity is None else event.visitor_capacity - _places_taken(event.id)
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
    _fill_free_places(event, now=now)
    _finish(commit)
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
            _finish(commit)
            return registration
    if registration.status is RegistrationStatus.CHECKED_IN:
        raise AlreadyCheckedIn(registration)
    if registration.status is RegistrationStatus.WAITLISTED:
        raise InvalidTransition(_l("Vé đang trong danh sách chờ, chưa được xác nhận."), field="code")
    raise InvalidTransition(_l("Vé đã bị hủy."), field="code")


# --- showrooms ------------------------------------------------------------------------

def _check_showroom(name, address, province):
    if not name or not name.strip():
        raise ValidationError(_l("Tên điểm giới thiệu không được để trống."), field="name")
    if not address or not address.strip():
        raise ValidationError(_l("Cần địa chỉ."), field="address")
    if province is None:
        raise ValidationError(_l("Cần chọn tỉnh, thành phố."), field="province")


def create_showroom(*, organizer, name, address, province, opening_hours="", description="", phone=None,
                    email=None, slug=None, is_demo=False, commit=True, submission=None, cover_path=None):
    if not _acts_as_organizer(organizer):
        raise PermissionDenied(_l("Chỉ đơn vị tổ chức mới tạo được điểm giới thiệu sản phẩm."))
    _check_showroom(name, address, province)
    with _unit(commit):
        claim = submissions.claim(submission, "showroom")
        showroom = Showroom(organizer_id=organizer.id, name=name.strip(), slug=slug or unique_slug(Showroom, name),
                            address=address.strip(), province=province, opening_hours=opening_hours or "",
                            description=description or "", phone=phone or None, email=email or None,
                            is_demo=is_demo, cover_path=cover_path)
        db.session.add(showroom)
        db.session.flush()
        claim.done(showroom.id)
    return showroom


def update_showroom(showroom, *, name, address, province, opening_hours="", description="", phone=None,
                    email=None, is_active=True, commit=True, **photo):
    """`cover_path=` (only when given) replaces or, with None, removes the photo (events.media)."""
    _check_showroom(name, address, province)
    if "cover_path" in photo:
        showroom.cover_path = photo.pop("cover_path")
    if photo:
        raise TypeError(f"unexpected arguments {sorted(photo)}")
    showroom.name, showroom.address, showroom.province = name.strip(), address.strip(), province
    showroom.opening_hours, showroom.description = opening_hours or "", description or ""
    showroom.phone, showroom.email, showroom.is_active = phone or None, email or None, bool(is_active)
    _finish(commit)
    return showroom


def find_product_for_showroom(key):
    """A product by slug or by its page's URL (…/products/<slug>), public or not."""
    slug = (key or "").strip().rstrip("/").rsplit("/products/", 1)[-1].split("?")[0].strip().lower()
    if not slug:
        return None
    return db.session.execute(db.select(Product).where(Product.slug == slug)).scalar_one_or_none()


def stock_product(showroom, product, *, commit=True):
    """Say that `product` can be seen and bought at `showroom`."""
    if product is None or product.status is not ProductStatus.ACTIVE or not product.producer.verified:
        raise ValidationError(_l("Không tìm thấy sản phẩm đang bán với mã này."), field="product")
    exists = db.session.get(ShowroomProduct, (showroom.id, product.id))
    if exists is None:
        db.session.add(ShowroomProduct(showroom=showroom, product=product))
    _finish(commit)
    return showroom


def unstock_product(showroom, product_id, *, commit=True):
    item = db.session.get(ShowroomProduct, (showroom.id, product_id))
    if item is not None:
        db.session.delete(item)
    _finish(commit)

