"""An event's life: created in draft, edited, published, postponed, published again on new
dates, or cancelled (with a reason once it was public).

    draft ──► published ──► postponed ──► published
      │           │             │
      └───────────┴─────────────┴──► cancelled

EVENT_TRANSITIONS is the table of allowed moves and `transition_event` the one function
that moves along it; a forbidden move raises InvalidTransition and changes nothing.
Visitors and exhibitors hear of every change to a public event.
"""
from sqlalchemy import func

from marketplace.catalog.services import unique_slug
from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.text import slugify
from marketplace.core.timeutil import utcnow
from marketplace.events import notifications
from marketplace.events.access import acts_as_organizer
from marketplace.events.booths import fill_free_booths
from marketplace.events.labels import label
from marketplace.events.locking import finish, lock_event, transaction
from marketplace.events.models import (BoothApplication, Event, EventKind, EventStatus, RegistrationStatus,
                                       VisitorRegistration)
from marketplace.events.visitors import fill_free_places, places_taken
from marketplace.extensions import db


MAX_BOOTHS = 5000
MAX_CAPACITY = 1_000_000


EVENT_TRANSITIONS = {
    EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.PUBLISHED: {EventStatus.POSTPONED, EventStatus.CANCELLED},
    EventStatus.POSTPONED: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.CANCELLED: set(),
}


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
    if not acts_as_organizer(organizer):
        raise PermissionDenied(_l("Chỉ đơn vị tổ chức mới tạo được sự kiện."))
    _check_event_fields(title=title, starts_at=starts_at, ends_at=ends_at, booth_count=booth_count,
                        visitor_capacity=visitor_capacity, application_deadline=application_deadline,
                        province=province)
    with transaction(commit):
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
    holding = places_taken(event.id)
    if merged["visitor_capacity"] is not None and merged["visitor_capacity"] < holding:
        raise ValidationError(_l("Đã có %(n)s khách được xác nhận; sức chứa không thể nhỏ hơn.", n=holding),
                              field="visitor_capacity")
    for name, value in changes.items():
        setattr(event, name, EventKind(value) if name == "kind" else value)
    if "title" in changes:
        event.title = event.title.strip()
    event.updated_at = utcnow()
    fill_free_booths(event, now=now)
    fill_free_places(event, now=now)
    finish(commit)
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
                                   src=label(event.status), dst=label(to_status)))
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
    finish(commit)
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
