"""The producer's side of bookings: their bookings, confirming, declining, completing and
cancelling them, and how a service is booked (what its capacity counts, nights or a
date, dates closed).

Each function that writes is one transaction and checks, on the very record, that the
user acts for its producer (studio.access); a refused move raises InvalidTransition
or ValidationError and changes nothing.
"""
from datetime import date, timedelta

from sqlalchemy import update
from sqlalchemy.orm import selectinload

from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders import notifications
from marketplace.orders.bookings import _insert_day_if_missing, day_text, move_booking
from marketplace.orders.kinds import BOOKING_HORIZON_DAYS, is_service, terms_for
from marketplace.orders.models import (Booking, BookingStatus, PaymentStatus, ServiceCount, ServiceDay,
                                       ServiceTerms)
from marketplace.orders.locking import lock_order
from marketplace.studio.access import require_member

PRODUCER_ACTIONS = {
    "confirm": BookingStatus.CONFIRMED,
    "decline": BookingStatus.DECLINED,
    "complete": BookingStatus.COMPLETED,
    "cancel": BookingStatus.CANCELLED,
}
NEEDS_REASON = {"decline", "cancel"}


def bookings_of(producer_id, statuses=None, limit=200):
    query = (db.select(Booking).where(Booking.producer_id == producer_id)
             .options(selectinload(Booking.order)).order_by(Booking.starts_on.desc(), Booking.id.desc()).limit(limit))
    if statuses:
        query = query.where(Booking.status.in_(list(statuses)))
    return db.session.execute(query).scalars().all()


def producer_booking_move(user, booking, action, *, now, reason=None):
    """A member of the booking's producer confirms it, declines it (with a reason: the places go
    back, a paid booking is refunded), marks it used (pay on arrival: the cash is collected) or
    cancels a confirmed one (with a reason)."""
    require_member(user, booking.producer)
    if action not in PRODUCER_ACTIONS:
        raise ValidationError(_l("Thao tác không hợp lệ."))
    reason = (reason or "").strip()
    if action in NEEDS_REASON and not reason:
        raise ValidationError(_l("Nhập lý do để người mua được biết."), field="reason")
    with atomic():
        order = lock_order(booking.order_id)
        booking = db.session.execute(db.select(Booking).where(Booking.id == booking.id)
                                     .execution_options(populate_existing=True)).scalar_one()
        before = order.payment_status
        move_booking(booking, PRODUCER_ACTIONS[action], now=now, reason=reason or None)
        notifications.booking_changed(booking)
        if before != order.payment_status and order.payment_status == PaymentStatus.PAID:
            notifications.payment_received(order)
    return booking


# --- how a service is booked -------------------------------------------------------------

def save_terms(user, product, *, counts, by_night):
    """What the capacity counts (people or units) and whether the service is booked by night."""
    require_member(user, product.producer)
    if not is_service(product):
        raise ValidationError(_l("Chỉ dịch vụ du lịch mới đặt chỗ theo ngày."))
    try:
        counts = ServiceCount(counts)
    except ValueError:
        raise ValidationError(_l("Chọn sức chứa tính theo người hay theo phòng, chỗ."), field="counts") from None
    with atomic():
        terms = db.session.get(ServiceTerms, product.id)
        if terms is None:
            terms = ServiceTerms(product_id=product.id)
            db.session.add(terms)
        terms.counts, terms.by_night = counts, bool(by_night)
    return terms


def _check_day(product, day, today):
    if not is_service(product):
        raise ValidationError(_l("Chỉ dịch vụ du lịch mới đặt chỗ theo ngày."))
    if not isinstance(day, date):
        raise ValidationError(_l("Vui lòng chọn ngày."), field="day")
    if day < today or day > today + timedelta(days=BOOKING_HORIZON_DAYS):
        raise ValidationError(_l("Chọn một ngày từ hôm nay đến %(n)s ngày tới.", n=BOOKING_HORIZON_DAYS), field="day")


def close_day(user, product, day, *, today):
    """Stop taking bookings on `day`; refused while places are booked on it (decline them first)."""
    require_member(user, product.producer)
    _check_day(product, day, today)
    with atomic():
        _insert_day_if_missing(product.id, day)
        result = db.session.execute(update(ServiceDay).where(ServiceDay.product_id == product.id,
                                                             ServiceDay.day == day, ServiceDay.booked == 0)
                                    .values(closed=True).execution_options(synchronize_session=False))
        if result.rowcount != 1:
            raise ValidationError(_l("Ngày %(day)s đã có khách đặt; hãy xử lý các lượt đặt đó trước khi đóng ngày.",
                                     day=day_text(day)), field="day")


def open_day(user, product, day, *, today):
    require_member(user, product.producer)
    _check_day(product, day, today)
    with atomic():
        db.session.execute(update(ServiceDay).where(ServiceDay.product_id == product.id, ServiceDay.day == day)
                           .values(closed=False).execution_options(synchronize_session=False))


def closed_days(product, today):
    return db.session.execute(db.select(ServiceDay.day).where(
        ServiceDay.product_id == product.id, ServiceDay.closed.is_(True), ServiceDay.day >= today)
        .order_by(ServiceDay.day)).scalars().all()


def service_settings(product, today):
    """What the studio's service panel shows: the terms (stored or default) and the closed dates."""
    return {"terms": terms_for(product), "closed": closed_days(product, today)}
