"""Bookings of services: what a buyer asks for, the places it holds on each date, and
the booking's state machine.

    requested ──► confirmed ──► completed
        │             │
        ├──► declined └──► cancelled
        └──► cancelled

A booking holds `quantity` places on each of its dates (one date, or every night from
arrival to the night before departure). Places are taken when the order is placed, by
a conditional UPDATE per (product, date) — `service_days.booked + q <= capacity`, where
the capacity is the product's `stock` (orders.kinds) — lowest product and date first,
after the goods' stock, so concurrent orders lock rows in one order and cannot
deadlock; the database checks and adds in one statement under the row's lock, so two
buyers of the last places of a date cannot both get them. A declined or cancelled
booking (by the producer, the buyer or the expiry of an unpaid order) gives its places
back. `move_booking` is the only function that changes a booking's state; it neither
commits nor checks who acts (orders.booking_services does, in one transaction).
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.catalog.models import Product, ProductStatus
from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.orders.kinds import BOOKING_HORIZON_DAYS, MAX_NIGHTS
from marketplace.orders.models import BookingStatus, PaymentMethod, PaymentStatus, ServiceCount, ServiceDay
from marketplace.orders.state import refund, settle_cash_payment

MAX_PEOPLE = 99  # per booking; a bigger group talks to the producer first

BOOKING_TRANSITIONS = {
    BookingStatus.REQUESTED: {BookingStatus.CONFIRMED, BookingStatus.DECLINED, BookingStatus.CANCELLED},
    BookingStatus.CONFIRMED: {BookingStatus.COMPLETED, BookingStatus.CANCELLED},
    BookingStatus.COMPLETED: set(),
    BookingStatus.DECLINED: set(),
    BookingStatus.CANCELLED: set(),
}


def booking_label(status):
    return {
        BookingStatus.REQUESTED: _l("Chờ xác nhận"),
        BookingStatus.CONFIRMED: _l("Đã xác nhận"),
        BookingStatus.COMPLETED: _l("Đã sử dụng"),
        BookingStatus.DECLINED: _l("Bị từ chối"),
        BookingStatus.CANCELLED: _l("Đã hủy"),
    }[BookingStatus(status)]


def day_text(day):
    return day.strftime("%d/%m/%Y")


# --- what the buyer asks for ----------------------------------------------------------

@dataclass(frozen=True)
class BookingRequest:
    """A booking in the cart: a product, the first date, the departure date (the first date
    again when not booked by night), the places held per date and the guests."""

    product_id: int
    starts_on: date
    ends_on: date
    quantity: int
    people: int

    @property
    def key(self):
        return (self.product_id, self.starts_on)

    @property
    def nights(self):
        return max((self.ends_on - self.starts_on).days, 1)

    @property
    def dates(self):
        return dates_from(self.starts_on, self.nights)


def dates_from(starts_on, nights):
    return [starts_on + timedelta(days=n) for n in range(nights)]


def _whole(value, field, message):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(message, field=field) from None
    if not 1 <= number <= MAX_PEOPLE:
        raise ValidationError(message, field=field)
    return number


def clean_request(product, terms, *, starts_on, ends_on=None, quantity=None, people, today):
    """A BookingRequest for `product`, or ValidationError naming the field: a date from today
    to a year ahead, 1–14 nights for a stay, 1–99 guests (and units when the capacity counts
    units). Whether places are left is checked by `check_places`."""
    if not isinstance(starts_on, date):
        raise ValidationError(_l("Vui lòng chọn ngày sử dụng dịch vụ."), field="starts_on")
    if starts_on < today:
        raise ValidationError(_l("Ngày %(day)s đã qua; hãy chọn từ hôm nay trở đi.", day=day_text(starts_on)),
                              field="starts_on")
    if starts_on > today + timedelta(days=BOOKING_HORIZON_DAYS):
        raise ValidationError(_l("Chỉ nhận đặt trước tối đa %(n)s ngày.", n=BOOKING_HORIZON_DAYS), field="starts_on")
    if terms.by_night:
        if not isinstance(ends_on, date):
            raise ValidationError(_l("Vui lòng chọn ngày trả phòng."), field="ends_on")
        if ends_on <= starts_on:
            raise ValidationError(_l("Ngày trả phòng phải sau ngày nhận phòng."), field="ends_on")
        if (ends_on - starts_on).days > MAX_NIGHTS:
            raise ValidationError(_l("Mỗi lần đặt tối đa %(n)s đêm.", n=MAX_NIGHTS), field="ends_on")
    else:
        ends_on = starts_on
    people = _whole(people, "people", _l("Số người từ 1 đến %(n)s.", n=MAX_PEOPLE))
    if terms.counts == ServiceCount.UNITS:
        quantity = _whole(quantity, "quantity", _l("Số phòng, chỗ từ 1 đến %(n)s.", n=MAX_PEOPLE))
    else:
        quantity = people
    return BookingRequest(product_id=product.id, starts_on=starts_on, ends_on=ends_on, quantity=quantity,
                          people=people)


# --- places per date -------------------------------------------------------------------

def places_taken(product_id, dates):
    """`{date: (booked, closed)}` for the dates of `product_id` that have a row."""
    rows = db.session.execute(select(ServiceDay.day, ServiceDay.booked, ServiceDay.closed)
                              .where(ServiceDay.product_id == product_id, ServiceDay.day.in_(list(dates)))).all()
    return {day: (booked, closed) for day, booked, closed in rows}


def shortage(product, request, also=0):
    """None when every date of `request` has its places; otherwise a sentence saying which date
    is closed or full. `also`: places the same cart already holds on those dates."""
    taken = places_taken(product.id, request.dates)
    for day in request.dates:
        booked, closed = taken.get(day, (0, False))
        if closed:
            return _l("Ngày %(day)s không nhận khách.", day=day_text(day))
        left = product.stock - booked - also
        if request.quantity > left:
            if left <= 0:
                return _l("Ngày %(day)s đã kín chỗ.", day=day_text(day))
            return _l("Ngày %(day)s chỉ còn %(n)s chỗ.", day=day_text(day), n=left)
    return None


def unavailable_dates(product, today, days=60):
    """Dates of the next `days` that are closed or full, for the product page."""
    rows = db.session.execute(
        select(ServiceDay.day, ServiceDay.booked, ServiceDay.closed)
        .where(ServiceDay.product_id == product.id, ServiceDay.day >= today,
               ServiceDay.day < today + timedelta(days=days))
        .order_by(ServiceDay.day)).all()
    return [day for day, booked, closed in rows if closed or booked >= product.stock]


class NoPlaces(Exception):
    """Raised inside placement when a date has fewer places than asked."""

    def __init__(self, product_id, day):
        super().__init__(product_id, day)
        self.product_id, self.day = product_id, day


def _insert_day_if_missing(product_id, day):
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(insert(ServiceDay).values(product_id=product_id, day=day, booked=0, closed=False)
                       .on_conflict_do_nothing(index_elements=["product_id", "day"]))


def reserve_places(requests):
    """Take the places of `requests` (BookingRequests) on each of their dates, lowest product and
    date first; NoPlaces if one date is closed or short. Each (product, date) is changed only if it
    still has room: `booked + q <= the product's capacity` checked and added in one statement."""
    wanted = defaultdict(int)
    for request in requests:
        for day in request.dates:
            wanted[(request.product_id, day)] += request.quantity
    for product_id, day in sorted(wanted):
        quantity = wanted[(product_id, day)]
        capacity = (select(Product.stock).where(Product.id == product_id, Product.status == ProductStatus.ACTIVE)
                    .scalar_subquery())
        _insert_day_if_missing(product_id, day)
        result = db.session.execute(
            update(ServiceDay)
            .where(ServiceDay.product_id == product_id, ServiceDay.day == day, ServiceDay.closed.is_(False),
                   ServiceDay.booked + quantity <= capacity)
            .values(booked=ServiceDay.booked + quantity)
            .execution_options(synchronize_session=False))
        if result.rowcount != 1:
            raise NoPlaces(product_id, day)


def release_places(booking):
    """Give a declined or cancelled booking's places back, on each of its dates."""
    for day in sorted(dates_from(booking.starts_on, booking.nights)):
        db.session.execute(update(ServiceDay)
                           .where(ServiceDay.product_id == booking.product_id, ServiceDay.day == day)
                           .values(booked=ServiceDay.booked - booking.quantity)
                           .execution_options(synchronize_session=False))


# --- the state machine -------------------------------------------------------------------

def move_booking(booking, to_status, *, now, reason=None):
    """Move one booking along BOOKING_TRANSITIONS, with what each state needs.

    Completing needs the date to have come and, for card or transfer, the money; with
    pay on arrival it records the cash collected (the order is paid once every parcel's
    and booking's cash is in). Declining or cancelling gives the places back and, when
    the order was paid, refunds the booking (through the outbox)."""
    to_status = BookingStatus(to_status)
    order = booking.order
    if to_status not in BOOKING_TRANSITIONS[booking.status]:
        raise InvalidTransition(_l("Không thể chuyển lượt đặt từ “%(from)s” sang “%(to)s”.",
                                   **{"from": booking_label(booking.status), "to": booking_label(to_status)}))
    if to_status == BookingStatus.COMPLETED:
        if booking.starts_on > vn_today(now):
            raise InvalidTransition(_l("Chưa đến ngày sử dụng dịch vụ (%(day)s).", day=day_text(booking.starts_on)))
        if order.payment_method != PaymentMethod.COD and order.payment_status != PaymentStatus.PAID:
            raise InvalidTransition(_l("Đơn hàng chưa được thanh toán."))
        booking.completed_at = now
        if order.payment_method == PaymentMethod.COD:
            booking.cash_collected_at = now
    elif to_status == BookingStatus.CONFIRMED:
        booking.confirmed_at = now
    else:  # declined or cancelled
        booking.ended_at = now
        booking.reason = (reason or "")[:300] or None
        release_places(booking)
    booking.status = to_status
    if to_status in (BookingStatus.DECLINED, BookingStatus.CANCELLED) and order.payment_status == PaymentStatus.PAID:
        refund(order, booking, now=now)
    settle_cash_payment(order, now=now)
