"""Orders: the cart, checkout, the producers' fulfilment, cancellation, expiry, reviews.

Plain functions with explicit arguments (no request, no session, no current_user);
each one that writes is one transaction (`atomic`), so an order is written whole
or not at all. Prices always come from the database. Who may act is checked here,
on the very record: the buyer (or the guest holding the order's key) for their
order, a member of the producer for its shipment, an officer for transfers.
"""
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from marketplace.accounts.access import require_confirmed
from marketplace.accounts.models import Role
from marketplace.catalog.models import Producer, Product, ProductStatus, Province
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core import submissions
from marketplace.core.money import format_vnd
from marketplace.core.errors import DomainError, InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.inputs import same_secret
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders import notifications
from marketplace.orders.models import (CartItem, Order, OrderItem, PaymentMethod, PaymentStatus, Review, Shipment,
                                       ShipmentStatus)
from marketplace.orders.state import OutOfStock, move_payment, move_shipment, reserve_stock

MAX_LINE_QUANTITY = 999  # per product and order; more is a wholesale demand, not a cart
MAX_CART_LINES = 50
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


# --- the cart -----------------------------------------------------------------------

def clean_quantity(value):
    """A quantity typed or posted by someone: a whole number from 1 to MAX_LINE_QUANTITY."""
    try:
        quantity = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(_l("Số lượng phải là số nguyên."), field="quantity") from None
    if quantity < 1:
        raise ValidationError(_l("Số lượng phải từ 1 trở lên."), field="quantity")
    if quantity > MAX_LINE_QUANTITY:
        raise ValidationError(_l("Mỗi sản phẩm chỉ đặt tối đa %(n)s đơn vị trong một đơn hàng.",
                                 n=MAX_LINE_QUANTITY), field="quantity")
    return quantity


def normalise_cart(items):
    """`{product_id: quantity}` with only sane entries (a tampered session cannot inject more)."""
    clean = {}
    for key, value in (items or {}).items():
        try:
            product_id, quantity = int(key), int(value)
        except (TypeError, ValueError):
            continue
        if product_id > 0 and 0 < quantity <= MAX_LINE_QUANTITY:
            clean[product_id] = quantity
    return dict(list(clean.items())[:MAX_CART_LINES])


def _public_product(product_id):
    product = db.session.execute(
        db.select(Product).join(Product.producer)
        .where(Product.id == product_id, Product.status == ProductStatus.ACTIVE, Producer.verified.is_(True))
    ).scalar_one_or_none()
    if product is None:
        raise ValidationError(_l("Sản phẩm này hiện không được bán."), field="product_id")
    return product


def add_to_cart(items, product_id, quantity):
    """The cart with `quantity` more of a product on sale; refuses more than its stock."""
    quantity = clean_quantity(quantity)
    items = normalise_cart(items)
    product = _public_product(product_id)
    wanted = items.get(product.id, 0) + quantity
    if wanted > product.stock:
        raise ValidationError(_l("Chỉ còn %(n)s %(unit)s “%(name)s”.", n=product.stock, unit=product.unit,
                                 name=product.name), field="quantity")
    if wanted > MAX_LINE_QUANTITY:
        raise ValidationError(_l("Mỗi sản phẩm chỉ đặt tối đa %(n)s đơn vị trong một đơn hàng.",
                                 n=MAX_LINE_QUANTITY), field="quantity")
    if product.id not in items and len(items) >= MAX_CART_LINES:
        raise ValidationError(_l("Giỏ hàng đã đủ %(n)s sản phẩm.", n=MAX_CART_LINES))
    items[product.id] = wanted
    return items


def set_quantity(items, product_id, quantity):
    """The cart with a line's quantity changed; 0 removes the line. Stock is checked at checkout
    (and flagged on the cart page), so a buyer can still lower a quantity that is too high."""
    items = normalise_cart(items)
    if str(quantity).strip() == "0":
        items.pop(int(product_id), None)
        return items
    quantity = clean_quantity(quantity)
    if int(product_id) not in items:
        raise ValidationError(_l("Sản phẩm này không có trong giỏ hàng."), field="product_id")
    items[int(product_id)] = quantity
    return items


def user_cart(user_id):
    rows = db.session.execute(db.select(CartItem.product_id, CartItem.quantity)
                              .where(CartItem.user_id == user_id).order_by(CartItem.id)).all()
    return {product_id: quantity for product_id, quantity in rows}


def save_user_cart(user_id, items, *, now, submission=None):
    """Store a signed-in buyer's cart as it now is; with `submission` (the add-to-cart form's token),
    once per submitted form: a double tap on "Thêm vào giỏ" adds the units once."""
    items = normalise_cart(items)
    with atomic():
        submissions.claim(submission, "cart_addition").done(user_id)
        existing = {row.product_id: row for row in db.session.execute(
            db.select(CartItem).where(CartItem.user_id == user_id)).scalars()}
        for product_id, row in existing.items():
            if product_id not in items:
                db.session.delete(row)
        for product_id, quantity in items.items():
            if product_id in existing:
                existing[product_id].quantity = quantity
            else:
                db.session.add(CartItem(user_id=user_id, product_id=product_id, quantity=quantity, added_at=now))


def record_guest_cart_addition(submission, product_id):
    """A guest's cart lives in the session, not here; its add-to-cart form's token is still
    claimed (the same form sent twice adds the units once)."""
    with atomic():
        submissions.claim(submission, "cart_addition").done(product_id)


def merge_carts(user_id, guest_items, *, now):
    """At sign-in: the guest's lines join the account's cart (quantities add up, capped)."""
    guest_items = normalise_cart(guest_items)
    if not guest_items:
        return user_cart(user_id)
    merged = user_cart(user_id)
    for product_id, quantity in guest_items.items():
        merged[product_id] = min(merged.get(product_id, 0) + quantity, MAX_LINE_QUANTITY)
    existing_ids = {p for p, in db.session.execute(db.select(Product.id).where(Product.id.in_(list(merged))))}
    merged = {p: q for p, q in merged.items() if p in existing_ids}
    save_user_cart(user_id, merged, now=now)
    return merged


@dataclass
class CartLine:
    product: Product
    quantity: int
    problem: object = None  # a sentence when the line cannot be bought as it is

    @property
    def unit_price(self):
        return self.product.price

    @property
    def total(self):
        return self.product.price * self.quantity


@dataclass
class Parcel:
    producer: Producer
    lines: list
    zone: str | None = None
    fee: int | None = None

    @property
    def subtotal(self):
        return sum(line.total for line in self.lines if line.problem is None)


@dataclass
class CartSummary:
    parcels: list
    missing: int = 0  # lines whose product no longer exists

    @property
    def lines(self):
        return [line for parcel in self.parcels for line in parcel.lines]

    @property
    def problems(self):
        return [line for line in self.lines if line.problem is not None]

    @property
    def is_empty(self):
        return not self.lines

    @property
    def count(self):
        return sum(line.quantity for line in self.lines)

    @property
    def subtotal(self):
        return sum(parcel.subtotal for parcel in self.parcels)

    @property
    def shipping_total(self):
        if any(parcel.fee is None for parcel in self.parcels):
            return None
        return sum(parcel.fee for parcel in self.parcels if parcel.subtotal)

    @property
    def total(self):
        shipping = self.shipping_total
        return None if shipping is None else self.subtotal + shipping


def summarise_cart(items, rules=None, buyer_province=None):
    """The cart as the buyer sees it: lines grouped by producer, prices from the database,
    each line that cannot be bought flagged (no longer on sale, out of stock, not enough)."""
    items = normalise_cart(items)
    if not items:
        return CartSummary(parcels=[])
    products = db.session.execute(
        db.select(Product).where(Product.id.in_(list(items)))
        .options(selectinload(Product.producer).selectinload(Producer.province), selectinload(Product.photos))
    ).scalars().all()
    by_producer = {}
    for product in sorted(products, key=lambda p: (p.producer.name, p.name)):
        quantity = items[product.id]
        problem = None
        if product.status != ProductStatus.ACTIVE or not product.producer.verified:
            problem = _l("Sản phẩm này đã ngừng bán.")
        elif product.stock <= 0:
            problem = _l("Sản phẩm này đã hết hàng.")
        elif quantity > product.stock:
            problem = _l("Chỉ còn %(n)s %(unit)s; hãy giảm số lượng.", n=product.stock, unit=product.unit)
        parcel = by_producer.setdefault(product.producer_id, Parcel(producer=product.producer, lines=[]))
        parcel.lines.append(CartLine(product=product, quantity=quantity, problem=problem))
    parcels = list(by_producer.values())
    if rules is not None and buyer_province is not None:
        for parcel in parcels:
            parcel.zone = rules.zone(parcel.producer.province, buyer_province)
            parcel.fee = rules.fee(parcel.zone, parcel.subtotal)
    return CartSummary(parcels=parcels, missing=len(items) - len(products))


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
    province: Province | None
    ward: str
    street: str
    note: str = ""


def clean_contact(contact):
    name = (contact.name or "").strip()
    if not name:
        raise ValidationError(_l("Vui lòng nhập họ tên người nhận."), field="name")
    if contact.province is None:
        raise ValidationError(_l("Vui lòng chọn tỉnh, thành phố."), field="province")
    ward, street = (contact.ward or "").strip(), (contact.street or "").strip()
    if not ward:
        raise ValidationError(_l("Vui lòng nhập phường, xã."), field="ward")
    if not street:
        raise ValidationError(_l("Vui lòng nhập số nhà, đường."), field="street")
    return Contact(name=name[:120], phone=clean_phone(contact.phone), email=clean_email(contact.email),
                   province=contact.province, ward=ward[:120], street=street[:300], note=(contact.note or "").strip()[:500])


def new_reference():
    return "OCOP" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def place_order(*, items, contact, payment_method, rules, now, user=None, expected_total=None, submission=None):
    """Turn a cart into an order, in one transaction.

    Every line is priced from the database; the units are taken from stock
    (`state.reserve_stock`), so two buyers of the last unit cannot both have it;
    one shipment per producer with its shipping fee; the buyer's and producers'
    e-mails are queued. `expected_total` is the total the buyer saw: if prices
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
    contact = clean_contact(contact)
    summary = summarise_cart(items, rules, contact.province)
    if summary.is_empty:
        raise ValidationError(_l("Giỏ hàng đang trống."))
    if summary.problems:
        line = summary.problems[0]
        raise ValidationError(_l("Không mua được “%(name)s” như hiện tại: %(problem)s Hãy xem lại giỏ hàng.",
                                 name=line.product.name, problem=line.problem))
    if expected_total is not None and int(expected_total) != summary.total:
        raise ValidationError(_l("Giá hoặc phí giao hàng vừa thay đổi: tổng mới là %(total)s. Vui lòng kiểm tra "
                                 "lại rồi đặt hàng.", total=format_vnd(summary.total)))
    minutes = rules.reservation_minutes.get(payment_method)
    try:
        with atomic():
            claim = submissions.claim(submission, "order")
            reserve_stock({line.product.id: line.quantity for line in summary.lines})
            order = Order(reference=_unique_reference(), access_token=secrets.token_urlsafe(24),
                          user_id=user.id if user is not None else None, contact_name=contact.name,
                          phone=contact.phone, email=contact.email, province_id=contact.province.id,
                          ward=contact.ward, street=contact.street, note=contact.note,
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
            if user is not None:
                db.session.execute(db.delete(CartItem).where(CartItem.user_id == user.id))
            db.session.flush()
            claim.done(order.id)
            notifications.order_placed(order)
    except OutOfStock as short:
        product = db.session.get(Product, short.product_id)
        db.session.refresh(product)
        raise ValidationError(_l("“%(name)s” vừa hết hàng hoặc không còn đủ số lượng (còn %(n)s). Giỏ hàng "
                                 "của bạn vẫn được giữ nguyên.", name=product.name, n=product.stock)) from None
    return order


def _unique_reference():
    for _ in range(10):
        reference = new_reference()
        if db.session.execute(db.select(Order.id).where(Order.reference == reference)).first() is None:
            return reference
    raise RuntimeError("could not draw a unique order reference")  # 32^8 codes: practically unreachable


# --- who may see and act on an order ------------------------------------------------

def lock_order(order_id):
    """Take the order's row lock for the rest of the transaction and return the fresh row
    (PostgreSQL: SELECT ... FOR UPDATE; SQLite: write first, which takes the database's write lock).

    Everything the session had loaded is expired first (pending changes are flushed), so the
    order's shipments and items are read again under the lock, as they are now."""
    db.session.flush()
    db.session.expire_all()
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(Order).where(Order.id == order_id).values(payment_status=Order.payment_status)
                           .execution_options(synchronize_session=False))
    return db.session.execute(db.select(Order).where(Order.id == order_id).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one()


def find_order(reference):
    return db.session.execute(db.select(Order).where(Order.reference == (reference or "").strip().upper())
                              ).scalar_one_or_none()


def may_view_order(order, *, user=None, keys=()):
    """The buyer who placed it, or someone holding its key (a guest's link); nobody else."""
    if order is None:
        return False
    if user is not None and getattr(user, "is_authenticated", False) and order.user_id == user.id:
        return True
    return any(same_secret(key, order.access_token) for key in keys if key)


def orders_of(user, limit=100):
    return db.session.execute(
        db.select(Order).where(Order.user_id == user.id).order_by(Order.placed_at.desc(), Order.id.desc())
        .options(selectinload(Order.shipments)).limit(limit)).scalars().all()


def cancel_order(order, *, now, reason=None):
    """The buyer cancels: every parcel still waiting (placed or confirmed) is cancelled,
    its stock released and, if paid, refunded. Refused once a parcel has left."""
    with atomic():
        order = lock_order(order.id)
        live = order.live_shipments
        if not live:
            raise InvalidTransition(_l("Đơn hàng này đã được hủy."))
        if any(s.status not in (ShipmentStatus.PLACED, ShipmentStatus.CONFIRMED) for s in live):
            raise InvalidTransition(_l("Không thể hủy: đã có kiện hàng được gửi đi."))
        for shipment in live:
            move_shipment(shipment, ShipmentStatus.CANCELLED, now=now, reason=reason or "Người mua hủy đơn")
        notifications.order_cancelled(order)
    return order


# --- producers fulfil their parcels --------------------------------------------------

PRODUCER_ACTIONS = {
    "confirm": ShipmentStatus.CONFIRMED,
    "ship": ShipmentStatus.SHIPPED,
    "deliver": ShipmentStatus.DELIVERED,
    "cancel": ShipmentStatus.CANCELLED,
}


def _require_member(user, producer_id):
    from marketplace.catalog.models import ProducerMember
    member = None
    if user is not None and getattr(user, "id", None):
        member = db.session.get(ProducerMember, (producer_id, user.id))
    if member is None or not user.is_active:
        raise PermissionDenied(_l("Bạn không quản lý chủ thể này."))
    require_confirmed(user)  # acting for a producer needs a confirmed address (accounts.access)


def shipments_of(producer_id, statuses=None, limit=200):
    query = (db.select(Shipment).where(Shipment.producer_id == producer_id)
             .options(selectinload(Shipment.order), selectinload(Shipment.items))
             .order_by(Shipment.id.desc()).limit(limit))
    if statuses:
        query = query.where(Shipment.status.in_(list(statuses)))
    return db.session.execute(query).scalars().all()


def producer_move(user, shipment, action, *, now, carrier=None, tracking_number=None, reason=None):
    """A member of the shipment's producer moves it: confirm, ship (carrier and tracking number),
    deliver (for cash on delivery: the cash is collected), or cancel (stock back, refund if paid)."""
    _require_member(user, shipment.producer_id)
    if action not in PRODUCER_ACTIONS:
        raise ValidationError(_l("Thao tác không hợp lệ."))
    with atomic():
        order = lock_order(shipment.order_id)
        shipment = db.session.execute(db.select(Shipment).where(Shipment.id == shipment.id)
                                      .execution_options(populate_existing=True)).scalar_one()
        before = order.payment_status
        move_shipment(shipment, PRODUCER_ACTIONS[action], now=now, carrier=carrier, tracking_number=tracking_number,
                      reason=reason or ("Chủ thể hủy kiện hàng" if action == "cancel" else None))
        notifications.shipment_changed(shipment)
        if before != order.payment_status and order.payment_status == PaymentStatus.PAID:
            notifications.payment_received(order)
    return shipment


def may_mark_transfer(user, order):
    """An officer, or a member of the order's only producer (the transfer went to them alone)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.has_role(Role.OFFICER):
        return True
    producer_ids = {s.producer_id for s in order.shipments}
    if len(producer_ids) != 1:
        return False
    try:
        _require_member(user, producer_ids.pop())
    except PermissionDenied:
        return False
    return True


def mark_transfer_received(user, order, *, now):
    """The bank transfer of `order` arrived: the order is paid."""
    if not may_mark_transfer(user, order):
        raise PermissionDenied(_l("Bạn không được xác nhận khoản chuyển khoản của đơn hàng này."))
    if order.payment_method != PaymentMethod.BANK_TRANSFER:
        raise InvalidTransition(_l("Đơn hàng này không thanh toán bằng chuyển khoản."))
    with atomic():
        order = lock_order(order.id)
        if order.is_cancelled:
            raise InvalidTransition(_l("Đơn hàng đã bị hủy; hãy hoàn lại khoản chuyển khoản cho người mua."))
        move_payment(order, PaymentStatus.PAID, now=now)
        notifications.payment_received(order)
    return order


def transfers_waiting(limit=200):
    return db.session.execute(
        db.select(Order).where(Order.payment_method == PaymentMethod.BANK_TRANSFER,
                               Order.payment_status == PaymentStatus.UNPAID, Order.expired_at.is_(None))
        .order_by(Order.placed_at).limit(limit)).scalars().all()


# --- unpaid orders expire -------------------------------------------------------------

def expire_orders(*, now, limit=500):
    """Cancel unpaid orders whose reservation ran out and give their stock back; returns how many.

    Each order is its own transaction under its row lock, so a payment confirmed at
    the same moment is seen (a paid order is left alone)."""
    due = db.session.execute(
        db.select(Order.id).where(Order.payment_status == PaymentStatus.UNPAID, Order.expires_at.is_not(None),
                                  Order.expires_at <= now, Order.expired_at.is_(None))
        .order_by(Order.expires_at).limit(limit)).scalars().all()
    db.session.rollback()
    expired = 0
    for order_id in due:
        with atomic():
            order = lock_order(order_id)
            if order.payment_status != PaymentStatus.UNPAID or order.expired_at is not None:
                continue
            order.expired_at = now
            for shipment in order.live_shipments:
                move_shipment(shipment, ShipmentStatus.CANCELLED, now=now, reason="Hết hạn thanh toán")
            notifications.order_expired(order)
            expired += 1
    return expired


# --- reviews --------------------------------------------------------------------------

def reviewable_items(order, user):
    """Items of `order` that `user` may still review: bought by them, delivered, not yet reviewed."""
    if user is None or not getattr(user, "is_authenticated", False) or order.user_id != user.id:
        return []
    reviewed = {p for p, in db.session.execute(db.select(Review.product_id).where(Review.order_id == order.id))}
    seen, items = set(), []
    for shipment in order.shipments:
        if shipment.status != ShipmentStatus.DELIVERED:
            continue
        for item in shipment.items:
            if item.product_id not in reviewed and item.product_id not in seen:
                seen.add(item.product_id)
                items.append(item)
    return items


def add_review(user, order, product_id, *, rating, body, now, submission=None):
    """A verified-purchase review: 1–5 and a text, for a delivered item of the user's own order,
    once per product per order (and once per submitted form: `submission`)."""
    if user is None or order is None or order.user_id != getattr(user, "id", None):
        raise PermissionDenied(_l("Chỉ người mua của đơn hàng mới đánh giá được."))
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError(_l("Hãy chọn từ 1 đến 5 sao."), field="rating")
    body = (body or "").strip()
    if len(body) < 5:
        raise ValidationError(_l("Hãy viết vài lời nhận xét (ít nhất 5 ký tự)."), field="body")
    if len(body) > 2000:
        raise ValidationError(_l("Nhận xét dài tối đa 2000 ký tự."), field="body")
    delivered = db.session.execute(
        db.select(OrderItem.id).join(Shipment, Shipment.id == OrderItem.shipment_id)
        .where(OrderItem.order_id == order.id, OrderItem.product_id == product_id,
               Shipment.status == ShipmentStatus.DELIVERED)).first()
    if delivered is None:
        raise ValidationError(_l("Chỉ đánh giá được sản phẩm đã giao cho bạn trong đơn hàng này."))
    try:
        with atomic():
            claim = submissions.claim(submission, "review")
            review = Review(product_id=product_id, order_id=order.id, user_id=user.id, rating=rating, body=body,
                            created_at=now)
            db.session.add(review)
            db.session.flush()
            claim.done(review.id)
    except IntegrityError:
        raise ValidationError(_l("Bạn đã đánh giá sản phẩm này cho đơn hàng này rồi.")) from None
    return review


@dataclass
class ReviewSummary:
    count: int
    average: float | None
    reviews: list


def product_reviews(product_id, limit=20):
    count, average = db.session.execute(
        db.select(func.count(Review.id), func.avg(Review.rating)).where(Review.product_id == product_id)).one()
    reviews = db.session.execute(
        db.select(Review).where(Review.product_id == product_id).options(selectinload(Review.user))
        .order_by(Review.created_at.desc(), Review.id.desc()).limit(limit)).scalars().all()
    return ReviewSummary(count=count, average=round(float(average), 1) if average is not None else None,
                         reviews=reviews)


