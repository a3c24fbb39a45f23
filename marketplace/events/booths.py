"""Booth applications: a producer applies with the products it will show, the organizer
accepts (lowest free booth), waitlists, rejects or cancels, the producer may withdraw.

APPLICATION_TRANSITIONS is the table of allowed moves and `_move_application` the one
function that moves along it. A booth freed by a withdrawal or cancellation, or added to
a larger hall, goes at once to the first application on the waiting list; booths are
counted under the event's row lock (events.locking).
"""
from marketplace.catalog.models import Product, ProductStatus
from marketplace.core import submissions
from marketplace.core.errors import DomainError, InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import utcnow
from marketplace.events import notifications
from marketplace.events.access import may_act_for_producer, may_manage_event
from marketplace.events.labels import label
from marketplace.events.locking import finish, lock_event, transaction
from marketplace.events.models import (ApplicationStatus, BoothApplication, BoothApplicationProduct, BoothSize,
                                       EventStatus)
from marketplace.extensions import db


MAX_PRODUCTS_PER_APPLICATION = 12


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


class NoBoothAvailable(DomainError):
    """Every booth of the event is taken."""


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
    with transaction(commit):
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
                                   src=label(application.status), dst=label(to_status)))
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
        fill_free_booths(event, now=now)
    finish(commit)
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


def fill_free_booths(event, *, now=None):
    """Give free booths to the waiting list, first come first served."""
    now = now or utcnow()
    waiting = waiting_applications(event.id)
    free = free_booths(event)
    for application in waiting[:len(free)]:
        _move_application(application, ApplicationStatus.ACCEPTED, actor_id=None, reason=None, now=now)
