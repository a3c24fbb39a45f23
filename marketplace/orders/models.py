"""Orders: the buyer's cart, one order per checkout, split into one shipment per
producer for goods and one booking per booked service, the items bought, and
verified-purchase reviews.

Money is integer đồng; time is naive UTC. State lives in explicit machines, moved
only by `orders.state` and `orders.bookings`: each shipment's status (placed →
confirmed → shipped → delivered, or cancelled), each booking's (requested →
confirmed → completed, or declined / cancelled) and the order's payment status
(unpaid → paid → refunded).

Services (OCOP group 6, see `orders.kinds`) are not parcels: they are booked for a
date or a range of nights, hold places of the product's capacity per date
(`ServiceDay`) and need no address.
"""
import enum

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class PaymentMethod(str, enum.Enum):
    CARD = "card"
    COD = "cod"
    BANK_TRANSFER = "bank_transfer"


class PaymentStatus(str, enum.Enum):
    UNPAID = "unpaid"
    PAID = "paid"
    REFUNDED = "refunded"


class ShipmentStatus(str, enum.Enum):
    PLACED = "placed"
    CONFIRMED = "confirmed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class CartItem(db.Model):
    """A line of a signed-in buyer's cart (a guest's cart lives in the session)."""

    __tablename__ = "cart_items"
    __table_args__ = (
        db.UniqueConstraint("user_id", "product_id", name="uq_cart_items_user_product"),
        db.CheckConstraint("quantity > 0", name="quantity_positive"),
    )
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True)
    quantity = db.Column(db.Integer, nullable=False)
    added_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class Order(db.Model):
    """One checkout: the buyer's contact and address, how they pay, and the totals."""

    __tablename__ = "orders"
    __table_args__ = (
        db.CheckConstraint("subtotal >= 0 AND shipping_total >= 0 AND total = subtotal + shipping_total",
                           name="totals_add_up"),
        db.CheckConstraint("refunded_amount >= 0 AND refunded_amount <= total", name="refund_within_total"),
        db.Index("ix_orders_unpaid_expiry", "payment_status", "expires_at"),
    )
    id = db.Column(db.Integer, primary_key=True)
    reference = db.Column(db.String(20), nullable=False, unique=True)  # "OCOP" + 8 characters, printed everywhere
    access_token = db.Column(db.String(64), nullable=False)  # lets a guest open their own order
    user_id = db.Column(db.ForeignKey("users.id"), index=True)  # None for a guest
    contact_name = db.Column(db.String(120), nullable=False)
    phone = db.Column(db.String(20), nullable=False)
    email = db.Column(db.String(254), nullable=False)
    # The delivery address: None for an order of services only (nothing is shipped).
    province_id = db.Column(db.ForeignKey("provinces.id"))
    ward = db.Column(db.String(120))
    street = db.Column(db.String(300))
    note = db.Column(db.String(500), nullable=False, default="")
    payment_method = db.Column(value_enum(PaymentMethod, "payment_method"), nullable=False)
    payment_status = db.Column(value_enum(PaymentStatus, "payment_status"), nullable=False,
                               default=PaymentStatus.UNPAID)
    subtotal = db.Column(db.BigInteger, nullable=False)
    shipping_total = db.Column(db.BigInteger, nullable=False)
    total = db.Column(db.BigInteger, nullable=False)
    refunded_amount = db.Column(db.BigInteger, nullable=False, default=0)
    placed_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    # An unpaid order keeps its stock reserved until then (None: until delivery, cash on delivery).
    expires_at = db.Column(db.DateTime)
    expired_at = db.Column(db.DateTime)
    paid_at = db.Column(db.DateTime)
    refunded_at = db.Column(db.DateTime)

    user = db.relationship("User")
    province = db.relationship("Province")
    shipments = db.relationship("Shipment", back_populates="order", order_by="Shipment.id",
                                cascade="all, delete-orphan")
    items = db.relationship("OrderItem", back_populates="order", order_by="OrderItem.id")
    bookings = db.relationship("Booking", back_populates="order", order_by="Booking.id",
                               cascade="all, delete-orphan")

    @property
    def live_shipments(self):
        return [s for s in self.shipments if s.status != ShipmentStatus.CANCELLED]

    @property
    def live_bookings(self):
        return [b for b in self.bookings if b.status not in BOOKING_ENDED_UNUSED]

    @property
    def is_cancelled(self):
        """Nothing left to deliver or to host: every parcel cancelled, every booking declined or cancelled."""
        return not self.live_shipments and not self.live_bookings

    @property
    def ships_goods(self):
        return bool(self.shipments)

    @property
    def awaits_payment(self):
        """Card or transfer still to be paid, and something left to pay for."""
        return (self.payment_method != PaymentMethod.COD and self.payment_status == PaymentStatus.UNPAID
                and not self.is_cancelled)


class Shipment(db.Model):
    """One producer's parcel of an order, fulfilled by that producer alone."""

    __tablename__ = "shipments"
    __table_args__ = (
        db.UniqueConstraint("order_id", "producer_id", name="uq_shipments_order_producer"),
        db.CheckConstraint("subtotal >= 0 AND shipping_fee >= 0", name="amounts_not_negative"),
        db.Index("ix_shipments_producer_status", "producer_id", "status"),
    )
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.ForeignKey("orders.id", ondelete="CASCADE"), nullable=False, index=True)
    producer_id = db.Column(db.ForeignKey("producers.id"), nullable=False)
    status = db.Column(value_enum(ShipmentStatus, "shipment_status"), nullable=False, default=ShipmentStatus.PLACED)
    subtotal = db.Column(db.BigInteger, nullable=False)
    shipping_fee = db.Column(db.BigInteger, nullable=False)
    shipping_zone = db.Column(db.String(20), nullable=False)  # same_province, same_region, elsewhere
    carrier = db.Column(db.String(80))
    tracking_number = db.Column(db.String(80))
    cancel_reason = db.Column(db.String(300))
    confirmed_at = db.Column(db.DateTime)
    shipped_at = db.Column(db.DateTime)
    delivered_at = db.Column(db.DateTime)
    cancelled_at = db.Column(db.DateTime)
    # Cash on delivery: when the producer recorded the cash collected.
    cash_collected_at = db.Column(db.DateTime)

    order = db.relationship("Order", back_populates="shipments")
    producer = db.relationship("Producer")
    items = db.relationship("OrderItem", back_populates="shipment", order_by="OrderItem.id",
                            cascade="all, delete-orphan")

    @property
    def total(self):
        return self.subtotal + self.shipping_fee


class OrderItem(db.Model):
    """A product bought: name and price are copied at placement, so the order never changes afterwards."""

    __tablename__ = "order_items"
    __table_args__ = (
        db.CheckConstraint("quantity > 0", name="quantity_positive"),
        db.CheckConstraint("unit_price >= 0 AND line_total = unit_price * quantity", name="line_total_matches"),
    )
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.ForeignKey("orders.id", ondelete="CASCADE"), nullable=False, index=True)
    shipment_id = db.Column(db.ForeignKey("shipments.id", ondelete="CASCADE"), nullable=False, index=True)
    product_id = db.Column(db.ForeignKey("products.id"), nullable=False, index=True)
    product_name = db.Column(db.String(200), nullable=False)
    unit = db.Column(db.String(60), nullable=False)
    unit_price = db.Column(db.BigInteger, nullable=False)
    quantity = db.Column(db.Integer, nullable=False)
    line_total = db.Column(db.BigInteger, nullable=False)

    order = db.relationship("Order", back_populates="items")
    shipment = db.relationship("Shipment", back_populates="items")
    product = db.relationship("Product")


class Review(db.Model):
    """A verified-purchase review: by the buyer of a delivered item, once per product per order."""

    __tablename__ = "reviews"
    __table_args__ = (
        db.UniqueConstraint("order_id", "product_id", name="uq_reviews_order_product"),
        db.CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )
    id = db.Column(db.Integer, primary_key=True)
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True)
    order_id = db.Column(db.ForeignKey("orders.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    rating = db.Column(db.SmallInteger, nullable=False)
    body = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    user = db.relationship("User")
    product = db.relationship("Product")


# --- services: capacity per date, bookings -----------------------------------------

class ServiceCount(str, enum.Enum):
    """What a service's capacity per date counts: guests, or units (rooms, boats, tables)."""

    PEOPLE = "people"
    UNITS = "units"


class ServiceTerms(db.Model):
    """How a service is booked. The capacity per date itself is the product's `stock`
    (for a service, "stock" means places per date: see orders.kinds)."""

    __tablename__ = "service_terms"
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    counts = db.Column(value_enum(ServiceCount, "service_count"), nullable=False, default=ServiceCount.PEOPLE)
    # Booked as nights (arrival date to departure date), not for one date.
    by_night = db.Column(db.Boolean, nullable=False, default=False)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class ServiceDay(db.Model):
    """One date of a service: the places booked on it, or closed by the producer.

    A row exists for each date that was ever booked or closed. Places are taken by
    a conditional UPDATE (orders.bookings.reserve_places), as stock is for goods."""

    __tablename__ = "service_days"
    __table_args__ = (
        db.CheckConstraint("booked >= 0", name="booked_not_negative"),
        db.CheckConstraint("NOT closed OR booked = 0", name="closed_has_no_bookings"),
    )
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    day = db.Column(db.Date, primary_key=True)
    booked = db.Column(db.Integer, nullable=False, default=0)
    closed = db.Column(db.Boolean, nullable=False, default=False)


class BookingStatus(str, enum.Enum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    DECLINED = "declined"
    CANCELLED = "cancelled"


BOOKING_ENDED_UNUSED = (BookingStatus.DECLINED, BookingStatus.CANCELLED)


class Booking(db.Model):
    """A service booked in an order: one product, a date (or nights), places and guests.

    Name and price are copied at placement. `quantity` places are held on each of the
    `nights` dates from `starts_on` (one date for a service that is not booked by night);
    `ends_on` is the departure date for nights, `starts_on` otherwise."""

    __tablename__ = "bookings"
    __table_args__ = (
        db.CheckConstraint("quantity > 0 AND people > 0 AND nights > 0", name="counts_positive"),
        db.CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        db.CheckConstraint("unit_price >= 0 AND line_total = unit_price * quantity * nights",
                           name="line_total_matches"),
        db.Index("ix_bookings_producer_status", "producer_id", "status"),
    )
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.ForeignKey("orders.id", ondelete="CASCADE"), nullable=False, index=True)
    producer_id = db.Column(db.ForeignKey("producers.id"), nullable=False)
    product_id = db.Column(db.ForeignKey("products.id"), nullable=False, index=True)
    product_name = db.Column(db.String(200), nullable=False)
    unit = db.Column(db.String(60), nullable=False)
    unit_price = db.Column(db.BigInteger, nullable=False)
    starts_on = db.Column(db.Date, nullable=False)
    ends_on = db.Column(db.Date, nullable=False)
    nights = db.Column(db.Integer, nullable=False)
    quantity = db.Column(db.Integer, nullable=False)
    people = db.Column(db.Integer, nullable=False)
    line_total = db.Column(db.BigInteger, nullable=False)
    status = db.Column(value_enum(BookingStatus, "booking_status"), nullable=False, default=BookingStatus.REQUESTED)
    reason = db.Column(db.String(300))  # why it was declined or cancelled
    confirmed_at = db.Column(db.DateTime)
    completed_at = db.Column(db.DateTime)
    ended_at = db.Column(db.DateTime)  # declined or cancelled
    # Pay on arrival: when the producer recorded the cash collected at the venue.
    cash_collected_at = db.Column(db.DateTime)

    order = db.relationship("Order", back_populates="bookings")
    producer = db.relationship("Producer")
    product = db.relationship("Product")

    @property
    def total(self):
        return self.line_total


class CartBooking(db.Model):
    """A booking in a signed-in buyer's cart (a guest's lives in the session)."""

    __tablename__ = "cart_bookings"
    __table_args__ = (
        db.UniqueConstraint("user_id", "product_id", "starts_on", name="uq_cart_bookings_user_product_start"),
        db.CheckConstraint("quantity > 0 AND people > 0", name="counts_positive"),
        db.CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
    )
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True)
    starts_on = db.Column(db.Date, nullable=False)
    ends_on = db.Column(db.Date, nullable=False)
    quantity = db.Column(db.Integer, nullable=False)
    people = db.Column(db.Integer, nullable=False)
    added_at = db.Column(db.DateTime, nullable=False, default=utcnow)
