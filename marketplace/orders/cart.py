"""The cart: what a buyer may put in it, where it is kept, and how it reads at checkout.

A guest's cart is `{product_id: quantity}` in the session, a signed-in buyer's is rows
(CartItem); both pass through `normalise_cart`, so a tampered session cannot inject
more. `summarise_cart` prices every line from the database and flags each one that
cannot be bought as it is; checkout (orders.checkout) refuses a cart with a flag.
"""
from dataclasses import dataclass, field

from sqlalchemy.orm import selectinload

from marketplace.catalog.models import Producer, Product, ProductStatus
from marketplace.core import submissions
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import vn_today
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders.booking_cart import booking_lines
from marketplace.orders.models import CartItem


MAX_LINE_QUANTITY = 999  # per product and order; more is a wholesale demand, not a cart
MAX_CART_LINES = 50


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
    bookings: list = field(default_factory=list)  # booking_cart.BookingLine: services, never shipped

    @property
    def lines(self):
        return [line for parcel in self.parcels for line in parcel.lines]

    @property
    def problems(self):
        return [line for line in [*self.lines, *self.bookings] if line.problem is not None]

    @property
    def is_empty(self):
        return not self.lines and not self.bookings

    @property
    def needs_address(self):
        """Only goods are shipped: a cart of services asks for no address and pays no shipping."""
        return bool(self.parcels)

    @property
    def count(self):
        return sum(line.quantity for line in self.lines) + len(self.bookings)

    @property
    def subtotal(self):
        return (sum(parcel.subtotal for parcel in self.parcels)
                + sum(line.total for line in self.bookings if line.problem is None))

    @property
    def shipping_total(self):
        if any(parcel.fee is None for parcel in self.parcels):
            return None
        return sum(parcel.fee for parcel in self.parcels if parcel.subtotal)

    @property
    def total(self):
        shipping = self.shipping_total
        return None if shipping is None else self.subtotal + shipping


def summarise_cart(items, rules=None, buyer_province=None, bookings=(), today=None):
    """The cart as the buyer sees it: goods grouped by producer into parcels, services as bookings,
    prices from the database, each line that cannot be had flagged (no longer on sale, out of
    stock, not enough; a booking's date passed, closed or full)."""
    items = normalise_cart(items)
    booked = booking_lines(bookings, today or vn_today())
    if not items:
        return CartSummary(parcels=[], bookings=booked)
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
    return CartSummary(parcels=parcels, missing=len(items) - len(products), bookings=booked)
