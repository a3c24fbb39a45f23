"""What the payment seam records: every card payment attempt (failed ones too),
refunds, and the Stripe events already processed (so a replayed event changes nothing)."""
import enum

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class AttemptStatus(str, enum.Enum):
    PENDING = "pending"  # created, waiting for Stripe's answer, the buyer (3-D Secure) or the webhook
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUNDED = "refunded"  # succeeded after another payment had paid the order: given back in full


class PaymentAttempt(db.Model):
    """One try at paying an order by card: a Stripe PaymentIntent.

    The row is written (under the order's row lock) before Stripe is called, with a `key`
    unique per attempt that is also Stripe's idempotency key; `intent_id` follows once
    Stripe has answered (or from the webhook, which finds the attempt by the key in the
    intent's metadata when it comes first). `intent_status` is what Stripe said at creation.
    """

    __tablename__ = "payment_attempts"
    __table_args__ = (db.CheckConstraint("amount > 0", name="amount_positive"),)
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.ForeignKey("orders.id", ondelete="CASCADE"), nullable=False, index=True)
    provider = db.Column(db.String(20), nullable=False, default="stripe")
    key = db.Column(db.String(120), nullable=False, unique=True)
    intent_id = db.Column(db.String(255), unique=True)
    intent_status = db.Column(db.String(40))
    amount = db.Column(db.BigInteger, nullable=False)
    currency = db.Column(db.String(3), nullable=False, default="vnd")
    status = db.Column(value_enum(AttemptStatus, "attempt_status"), nullable=False, default=AttemptStatus.PENDING)
    failure_message = db.Column(db.String(500))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    order = db.relationship("Order")


class RefundStatus(str, enum.Enum):
    PENDING = "pending"  # decided and recorded; Stripe is called through the outbox
    SUCCEEDED = "succeeded"  # the card was refunded by Stripe
    MANUAL = "manual"  # a bank transfer or cash: staff send the money back


class Refund(db.Model):
    """Money returned for a cancelled part of a paid order, or a second payment of a paid one."""

    __tablename__ = "refunds"
    __table_args__ = (db.CheckConstraint("amount > 0", name="amount_positive"),)
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.ForeignKey("orders.id", ondelete="CASCADE"), nullable=False, index=True)
    key = db.Column(db.String(120), nullable=False, unique=True)  # also Stripe's idempotency key
    amount = db.Column(db.BigInteger, nullable=False)
    status = db.Column(value_enum(RefundStatus, "refund_status"), nullable=False)
    provider_id = db.Column(db.String(255))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class ProcessedEvent(db.Model):
    """A webhook event handled once; its id is the primary key, so a replay is seen."""

    __tablename__ = "processed_events"
    id = db.Column(db.String(255), primary_key=True)
    provider = db.Column(db.String(20), nullable=False, default="stripe")
    type = db.Column(db.String(100), nullable=False)
    received_at = db.Column(db.DateTime, nullable=False, default=utcnow)
