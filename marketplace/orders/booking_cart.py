"""Bookings in the cart: a guest's in the session, a signed-in buyer's in `cart_bookings`.

A booking line is a BookingRequest (product, first date, departure date, places, guests),
one per product and first date: booking the same service for the same date again
replaces the line. Lines are checked again at checkout (orders.checkout.place_order),
where the places are really taken; here they are only flagged when they can no longer be
had (the service left the shop, the date passed or is full), never silently dropped.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import selectinload

from marketplace.catalog.models import Producer, Product, ProductStatus
from marketplace.core import submissions
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders.bookings import BookingRequest, MAX_PEOPLE, clean_request, day_text, shortage
from marketplace.orders.kinds import MAX_NIGHTS, is_service, terms_for
from marketplace.orders.models import CartBooking

MAX_CART_BOOKINGS = 20


def _day(value):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def normalise_bookings(raw):
    """BookingRequests from what the session or a form holds, only sane ones (a tampered session
    cannot inject a negative count or a week of years), one per product and first date."""
    clean = {}
    for entry in raw or ():
        try:
            if isinstance(entry, BookingRequest):
                request = entry
            else:
                product_id, starts_on, ends_on, quantity, people = entry
                request = BookingRequest(int(product_id), _day(starts_on), _day(ends_on), int(quantity), int(people))
        except (TypeError, ValueError):
            continue
        if (request.product_id > 0 and request.starts_on and request.ends_on
                and 0 <= (request.ends_on - request.starts_on).days <= MAX_NIGHTS
                and 0 < request.quantity <= MAX_PEOPLE and 0 < request.people <= MAX_PEOPLE):
            clean[request.key] = request
    return list(clean.values())[:MAX_CART_BOOKINGS]


def to_session(bookings):
    return [[b.product_id, b.starts_on.isoformat(), b.ends_on.isoformat(), b.quantity, b.people]
            for b in normalise_bookings(bookings)]


def _public_service(product_id):
    product = db.session.execute(
        db.select(Product).join(Product.producer)
        .where(Product.id == product_id, Product.status == ProductStatus.ACTIVE, Producer.verified.is_(True))
    ).scalar_one_or_none()
    if product is None or not is_service(product):
        raise ValidationError(_l("Dịch vụ này hiện không nhận đặt chỗ."), field="product_id")
    return product


def add_booking(bookings, product_id, *, starts_on, ends_on=None, quantity=None, people, today):
    """The cart's bookings with this one added (or replacing the line of the same service and
    first date); refused when the dates are closed or have fewer places than asked."""
    bookings = normalise_bookings(bookings)
    product = _public_service(product_id)
    request = clean_request(product, terms_for(product), starts_on=starts_on, ends_on=ends_on, quantity=quantity,
                            people=people, today=today)
    others = [b for b in bookings if b.key != request.key]
    problem = shortage(product, request, also=_held_by(others, request))
    if problem:
        raise ValidationError(problem, field="starts_on")
    if len(others) >= MAX_CART_BOOKINGS:
        raise ValidationError(_l("Giỏ hàng đã có %(n)s lượt đặt dịch vụ.", n=MAX_CART_BOOKINGS))
    return [*others, request]


def _held_by(others, request):
    """The most places other lines of the cart hold on one of `request`'s dates."""
    dates = set(request.dates)
    per_day = {}
    for other in others:
        if other.product_id == request.product_id:
            for day in dates.intersection(other.dates):
                per_day[day] = per_day.get(day, 0) + other.quantity
    return max(per_day.values(), default=0)


def remove_booking(bookings, product_id, starts_on):
    starts_on = _day(starts_on)
    return [b for b in normalise_bookings(bookings) if b.key != (int(product_id), starts_on)]


def user_bookings(user_id):
    rows = db.session.execute(db.select(CartBooking).where(CartBooking.user_id == user_id)
                              .order_by(CartBooking.id)).scalars()
    return [BookingRequest(r.product_id, r.starts_on, r.ends_on, r.quantity, r.people) for r in rows]


def save_user_bookings(user_id, bookings, *, now, submission=None):
    """Store a signed-in buyer's bookings as they now are; with `submission` (the booking form's
    token), once per submitted form."""
    bookings = normalise_bookings(bookings)
    with atomic():
        submissions.claim(submission, "cart_booking").done(user_id)
        db.session.execute(db.delete(CartBooking).where(CartBooking.user_id == user_id))
        db.session.flush()
        for b in bookings:
            db.session.add(CartBooking(user_id=user_id, product_id=b.product_id, starts_on=b.starts_on,
                                       ends_on=b.ends_on, quantity=b.quantity, people=b.people, added_at=now))


def record_guest_booking(submission, product_id):
    """A guest's bookings live in the session; the booking form's token is still claimed."""
    with atomic():
        submissions.claim(submission, "cart_booking").done(product_id)


def merge_bookings(user_id, guest_bookings, *, now):
    """At sign-in: the guest's booking lines join the account's (the guest's line wins for the same
    service and first date)."""
    guest = normalise_bookings(guest_bookings)
    if not guest:
        return user_bookings(user_id)
    merged = {b.key: b for b in user_bookings(user_id)}
    merged.update({b.key: b for b in guest})
    existing = {p for p, in db.session.execute(db.select(Product.id).where(
        Product.id.in_({key[0] for key in merged})))}
    kept = [b for b in merged.values() if b.product_id in existing]
    save_user_bookings(user_id, kept, now=now)
    return kept


@dataclass
class BookingLine:
    product: Product
    request: BookingRequest
    by_night: bool
    problem: object = None  # a sentence when the booking cannot be had as it is

    @property
    def unit_price(self):
        return self.product.price

    @property
    def nights(self):
        return self.request.nights

    @property
    def total(self):
        return self.product.price * self.request.quantity * self.request.nights

    @property
    def dates_text(self):
        if self.by_night:
            return _l("%(start)s → %(end)s (%(n)s đêm)", start=day_text(self.request.starts_on),
                      end=day_text(self.request.ends_on), n=self.request.nights)
        return day_text(self.request.starts_on)


def booking_lines(bookings, today):
    """The cart's bookings as the buyer sees them, priced from the database, each flagged when it
    cannot be had (no longer offered, the date passed, closed or full)."""
    bookings = normalise_bookings(bookings)
    if not bookings:
        return []
    products = {p.id: p for p in db.session.execute(
        db.select(Product).where(Product.id.in_({b.product_id for b in bookings}))
        .options(selectinload(Product.producer).selectinload(Producer.province), selectinload(Product.category))
    ).scalars()}
    lines = []
    for index, request in enumerate(bookings):
        product = products.get(request.product_id)
        if product is None:
            continue
        terms = terms_for(product)
        problem = None
        if product.status != ProductStatus.ACTIVE or not product.producer.verified or not is_service(product):
            problem = _l("Dịch vụ này đã ngừng nhận đặt chỗ.")
        elif terms.by_night != (request.ends_on > request.starts_on):
            problem = _l("Cách đặt dịch vụ này vừa thay đổi; hãy bỏ lượt đặt này và đặt lại.")
        elif request.starts_on < today:
            problem = _l("Ngày %(day)s đã qua; hãy bỏ lượt đặt này và chọn ngày khác.", day=day_text(request.starts_on))
        else:
            problem = shortage(product, request, also=_held_by(bookings[:index], request))
        lines.append(BookingLine(product=product, request=request, by_night=terms.by_night, problem=problem))
    return sorted(lines, key=lambda line: (line.product.producer.name, line.product.name, line.request.starts_on))
