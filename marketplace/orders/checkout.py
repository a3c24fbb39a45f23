"""Checkout: the buyer's contact, the shipping fee rule, and turning a cart into an order.

`place_order` is one transaction: prices come from the database, the units leave stock
and the booked places are taken (orders.state, orders.bookings), one shipment per
producer; the same form sent twice places one order (core.submissions).
"""
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email

from marketplace.catalog.models import Product, Province
from marketplace.core import submissions
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.money import format_vnd
from marketplace.core.timeutil import vn_today
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders import notifications
from marketplace.orders.bookings import NoPlaces, day_text, reserve_places
from marketplace.orders.cart import normalise_cart, summarise_cart
from marketplace.orders.models import (Booking, BookingStatus, CartBooking, CartItem, Order, OrderItem, PaymentMethod,
                                       PaymentStatus, Shipment, ShipmentStatus)
from marketplace.orders.state import OutOfStock, reserve_stock


REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PHONE_MOBILE = re.compile(r"^0[35789]\d{8}$")
PHONE_LANDLINE = re.compile(r"^02\d{9}$")


# --- rules read from configuration ------------------------------------------------

@dataclass(frozen=True)
class CheckoutRules:
    """The shipping fee rule and reservation times, built from the app's configuration by the caller."""

    fee_same_province: int = 20_000
    fee_same_region: int = 30_000
    fee_elsewhere: int = 45_000
    free_from: int = 0
    reservation_minutes: dict = field(default_factory=lambda: {PaymentMethod.CARD: 30,
                                                                PaymentMethod.BANK_TRANSFER: 2880})
    methods: tuple = (PaymentMethod.COD, PaymentMethod.BANK_TRANSFER)

    @classmethod
    def from_config(cls, config, methods):
        return cls(fee_same_province=config["SHIPPING_FEE_SAME_PROVINCE"],
                   fee_same_region=config["SHIPPING_FEE_SAME_REGION"],
                   fee_elsewhere=config["SHIPPING_FEE_ELSEWHERE"], free_from=config["SHIPPING_FREE_FROM"],
                   reservation_minutes={PaymentMethod.CARD: config["RESERVATION_MINUTES_CARD"],
                                        PaymentMethod.BANK_TRANSFER: config["RESERVATION_MINUTES_BANK_TRANSFER"]},
                   methods=tuple(methods))

    def zone(self, producer_province, buyer_province):
        if buyer_province is None:
            return None
        if producer_province.id == buyer_province.id:
            return "same_province"
        if producer_province.region_id == buyer_province.region_id:
            return "same_region"
        return "elsewhere"

    def fee(self, zone, subtotal):
        if zone is None:
            return None
        if self.free_from and subtotal >= self.free_from:
            return 0
        return {"same_province": self.fee_same_province, "same_region": self.fee_same_region,
                "elsewhere": self.fee_elsewhere}[zone]


# --- checkout -----------------------------------------------------------------------

def clean_phone(text):
    """A Vietnamese phone number in its stored form (0912345678), from 0912 345 678, +84 912.345.678 ..."""
    digits = re.sub(r"[\s.\-()]", "", text or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if PHONE_MOBILE.match(digits) or PHONE_LANDLINE.match(digits):
        return digits
    raise ValidationError(_l("Số điện thoại không hợp lệ: nhập số di động 10 chữ số (ví dụ 0912 345 678) "
                             "hoặc số cố định 11 chữ số."), field="phone")


def clean_email(text):
    try:
        return validate_email((text or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValidationError(_l("Email không hợp lệ."), field="email") from None


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str
    province: Province | None = None
    ward: str = ""
    street: str = ""
    note: str = ""


def clean_contact(contact, needs_address=True):
    """The buyer's contact; the delivery address only when something is shipped (an order of
    services only keeps none)."""
    name = (contact.name or "").strip()
    if not name:
        raise ValidationError(_l("Vui lòng nhập họ tên người nhận."), field="name")
    phone, email, note = clean_phone(contact.phone), clean_email(contact.email), (contact.note or "").strip()[:500]
    if not needs_address:
        return Contact(name=name[:120], phone=phone, email=email, note=note)
    if contact.province is None:
        raise ValidationError(_l("Vui lòng chọn tỉnh, thành phố."), field="province")
    ward, street = (contact.ward or "").strip(), (contact.street or "").strip()
    if not ward:
        raise ValidationError(_l("Vui lòng nhập phường, xã."), field="ward")
    if not street:
        raise ValidationError(_l("Vui lòng nhập số nhà, đường."), field="street")
    return Contact(name=name[:120], phone=phone, email=email, province=contact.province, ward=ward[:120],
                   street=street[:300], note=note)


def new_reference():
    return "OCOP" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def place_order(*, items, contact, payment_method, rules, now, user=None, expected_total=None, submission=None,
                bookings=()):
    """Turn a cart into an order, in one transaction.

    Every line is priced from the database; the units are taken from stock
    (`state.reserve_stock`), so two buyers of the last unit cannot both have it;
    one shipment per producer with its shipping fee. `bookings` (BookingRequests of
    services) take their places on each date (`bookings.reserve_places`, after the
    stock), need no address and pay no shipping, and become one Booking each,
    requested until the producer confirms it. The buyer's and producers' e-mails are
    queued. `expected_total` is the total the buyer saw: if prices
    changed since, nothing is placed and the buyer is asked to look again.
    `submission` is the checkout form's token, claimed before the stock is touched:
    the same form sent twice places one order and reserves the stock once (the
    second raises core.submissions.AlreadySubmitted with the first order's id).
    """
    try:
        payment_method = PaymentMethod(payment_method)
    except ValueError:
        raise ValidationError(_l("Vui lòng chọn cách thanh toán."), field="payment_method") from None
    if payment_method not in rules.methods:
        raise ValidationError(_l("Cách thanh toán này hiện không dùng được."), field="payment_method")
    today = vn_today(now)
    needs_address = bool(normalise_cart(items))
    contact = clean_contact(contact, needs_address=needs_address)
    summary = summarise_cart(items, rules, contact.province, bookings=bookings, today=today)
    if summary.is_empty:
        raise ValidationError(_l("Giỏ hàng đang trống."))
    if summary.problems:
        line = summary.problems[0]
        raise ValidationError(_l("Không mua được “%(name)s” như hiện tại: %(problem)s Hãy xem lại giỏ hàng.",
                                 name=line.product.name, problem=line.problem))
    if summary.needs_address != needs_address:  # every goods line named a product that is gone
        raise ValidationError(_l("Giỏ hàng vừa thay đổi; hãy xem lại giỏ hàng."))
    if expected_total is not None and int(expected_total) != summary.total:
        raise ValidationError(_l("Giá hoặc phí giao hàng vừa thay đổi: tổng mới là %(total)s. Vui lòng kiểm tra "
                                 "lại rồi đặt hàng.", total=format_vnd(summary.total)))
    minutes = rules.reservation_minutes.get(payment_method)
    try:
        with atomic():
            claim = submissions.claim(submission, "order")
            reserve_stock({line.product.id: line.quantity for line in summary.lines})
            reserve_places([line.request for line in summary.bookings])
            order = Order(reference=_unique_reference(), access_token=secrets.token_urlsafe(24),
                          user_id=user.id if user is not None else None, contact_name=contact.name,
                          phone=contact.phone, email=contact.email,
                          province_id=contact.province.id if contact.province is not None else None,
                          ward=contact.ward or None, street=contact.street or None, note=contact.note,
                          payment_method=payment_method, payment_status=PaymentStatus.UNPAID,
                          subtotal=summary.subtotal, shipping_total=summary.shipping_total, total=summary.total,
                          refunded_amount=0, placed_at=now,
                          expires_at=now + timedelta(minutes=minutes) if minutes else None)
            db.session.add(order)
            for parcel in summary.parcels:
                shipment = Shipment(order=order, producer_id=parcel.producer.id, status=ShipmentStatus.PLACED,
                                    subtotal=parcel.subtotal, shipping_fee=parcel.fee, shipping_zone=parcel.zone)
                for line in parcel.lines:
                    shipment.items.append(OrderItem(order=order, product_id=line.product.id,
                                                    product_name=line.product.name, unit=line.product.unit,
                                                    unit_price=line.unit_price, quantity=line.quantity,
                                                    line_total=line.total))
                db.session.add(shipment)
            for line in summary.bookings:
                db.session.add(Booking(
                    order=order, producer_id=line.product.producer_id, product_id=line.product.id,
                    product_name=line.product.name, unit=line.product.unit, unit_price=line.unit_price,
                    starts_on=line.request.starts_on, ends_on=line.request.ends_on, nights=line.nights,
                    quantity=line.request.quantity, people=line.request.people, line_total=line.total,
                    status=BookingStatus.REQUESTED))
            if user is not None:
                db.session.execute(db.delete(CartItem).where(CartItem.user_id == user.id))
                db.session.execute(db.delete(CartBooking).where(CartBooking.user_id == user.id))
            db.session.flush()
            claim.done(order.id)
            notifications.order_placed(order)
    except OutOfStock as short:
        product = db.session.get(Product, short.product_id)
        db.session.refresh(product)
        raise ValidationError(_l("“%(name)s” vừa hết hàng hoặc không còn đủ số lượng (còn %(n)s). Giỏ hàng "
                                 "của bạn vẫn được giữ nguyên.", name=product.name, n=product.stock)) from None
    except NoPlaces as short:
        product = db.session.get(Product, short.product_id)
        raise ValidationError(_l("“%(name)s” vừa hết chỗ ngày %(day)s. Giỏ hàng của bạn vẫn được giữ nguyên; "
                                 "hãy chọn ngày khác.", name=product.name, day=day_text(short.day))) from None
    return order


def _unique_reference():
    for _ in range(10):
        reference = new_reference()
        if db.session.execute(db.select(Order.id).where(Order.reference == reference)).first() is None:
            return reference
    raise RuntimeError("could not draw a unique order reference")  # 32^8 codes: practically unreachable
