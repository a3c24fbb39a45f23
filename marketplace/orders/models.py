"""Orders: the buyer's cart, one order per checkout, split into one shipment per
producer, the items bought, and verified-purchase reviews.

Money is integer đồng; time is naive UTC. State lives in two explicit machines,
moved only by `orders.state`: each shipment's status (placed → confirmed → shipped
→ delivered, or cancelled) and the order's payment status (unpaid → paid →
refunded).
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
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False)
    ward = db.Column(db.String(120), nullable=False)
    street = db.Column(db.String(300), nullable=False)
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

    @property
    def live_shipments(self):
        return [s for s in self.shipments if s.status != ShipmentStatus.CANCELLED]

    @property
    def is_cancelled(self):
        return all(s.status == ShipmentStatus.CANCELLED for s in self.shipments)

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
