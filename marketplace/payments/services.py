"""The payment seam: which methods a checkout offers, card payments through Stripe,
the webhook that marks an order paid, refunds, and the VietQR code of a transfer.

Three methods:
- card: a Stripe PaymentIntent per attempt; the order is paid only when a signed
  `payment_intent.succeeded` webhook arrives for the right amount, processed once
  (the event id is stored); a failed attempt is recorded and the buyer may retry;
- cash on delivery: nothing to do here; the order is paid when every parcel's
  cash is recorded by its producer (orders.state);
- bank transfer: a VietQR code for the order's total with its reference as the
  transfer content; an officer (or the only producer) marks it received.

Refunds leave through the outbox (topic `payments.refund`): the handler calls
Stripe with an idempotency key, so a retried message never refunds twice.
"""
from flask import current_app
from sqlalchemy.exc import IntegrityError

from marketplace.core import outbox
from marketplace.core.errors import DomainError, InvalidTransition
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders import notifications
from marketplace.orders.models import Order, PaymentMethod, PaymentStatus
from marketplace.orders.services import lock_order
from marketplace.orders.state import REFUND_TOPIC, move_payment
from marketplace.payments import gateway, vietqr
from marketplace.payments.gateway import GatewayError, InvalidSignature, StripeSettings  # noqa: F401
from marketplace.payments.models import AttemptStatus, PaymentAttempt, ProcessedEvent, Refund, RefundStatus


class PaymentFailed(DomainError):
    """The card was refused or Stripe could not be reached; the order stays unpaid."""


# --- which methods ----------------------------------------------------------------

def available_methods(config):
    """Cash on delivery always; bank transfer with a VietQR account; card with Stripe's keys."""
    methods = [PaymentMethod.COD]
    if config.get("VIETQR_BANK_BIN") and config.get("VIETQR_ACCOUNT_NUMBER"):
        methods.append(PaymentMethod.BANK_TRANSFER)
    if StripeSettings.from_config(config).enabled:
        methods.append(PaymentMethod.CARD)
    return methods


# --- bank transfer ------------------------------------------------------------------

def transfer_details(order, config):
    """What the buyer needs to transfer: account, amount, content, and the VietQR code as SVG."""
    data = vietqr.payload(bank_bin=config["VIETQR_BANK_BIN"], account_number=config["VIETQR_ACCOUNT_NUMBER"],
                          amount=order.total, reference=order.reference)
    return {"bank_bin": config["VIETQR_BANK_BIN"], "bank_name": config.get("VIETQR_BANK_NAME") or "",
            "account_number": config["VIETQR_ACCOUNT_NUMBER"], "account_name": config.get("VIETQR_ACCOUNT_NAME") or "",
            "amount": order.total, "content": order.reference, "payload": data, "svg": vietqr.svg(data)}


# --- card ---------------------------------------------------------------------------

def _lock(order_id):
    return lock_order(order_id)


def start_card_payment(order, payment_method_id, *, settings, now):
    """Charge the order's total to the buyer's card (a Stripe payment method id).

    Returns (attempt, intent): intent.status `requires_action` means the page must
    finish 3-D Secure with Stripe.js. A refused card records a failed attempt and
    raises PaymentFailed; the order stays unpaid and may be paid again.
    """
    if not settings.enabled:
        raise PaymentFailed(_l("Thanh toán bằng thẻ hiện không dùng được."))
    if order.payment_method != PaymentMethod.CARD:
        raise InvalidTransition(_l("Đơn hàng này không thanh toán bằng thẻ."))
    if not order.awaits_payment or (order.expires_at is not None and order.expires_at <= now):
        raise InvalidTransition(_l("Đơn hàng này không còn chờ thanh toán."))
    pm = (payment_method_id or "").strip()
    if not pm or len(pm) > 255 or not pm.replace("_", "").isalnum():
        raise PaymentFailed(_l("Thông tin thẻ không hợp lệ."))
    pending = db.session.execute(db.select(PaymentAttempt).where(
        PaymentAttempt.order_id == order.id, PaymentAttempt.status == AttemptStatus.SUCCEEDED)).first()
    if pending is not None:
        raise InvalidTransition(_l("Đơn hàng này đã được thanh toán."))
    number = db.session.execute(db.select(db.func.count(PaymentAttempt.id))
                                .where(PaymentAttempt.order_id == order.id)).scalar_one() + 1
    order_id, amount, reference = order.id, order.total, order.reference
    db.session.rollback()  # no transaction stays open while Stripe answers
    try:
        intent = gateway.create_and_confirm(settings, amount=amount, payment_method=pm, reference=reference,
                                            order_id=order_id, idempotency_key=f"{reference}-attempt-{number}")
    except GatewayError as error:
        with atomic():
            order = db.session.get(Order, order_id)
            if error.declined:
                db.session.add(PaymentAttempt(order_id=order_id, intent_id=error.intent_id or f"declined-{reference}-{number}",
                                              amount=amount, status=AttemptStatus.FAILED,
                                              failure_message=error.message[:500], created_at=now, updated_at=now))
        raise PaymentFailed(_l("Thanh toán chưa thành công: %(reason)s Bạn có thể thử lại bằng thẻ khác.",
                               reason=error.message)) from None
    with atomic():
        attempt = PaymentAttempt(order_id=order_id, intent_id=intent.id, amount=amount, status=AttemptStatus.PENDING,
                                 created_at=now, updated_at=now)
        db.session.add(attempt)
    return attempt, intent


def latest_attempt(order):
    return db.session.execute(db.select(PaymentAttempt).where(PaymentAttempt.order_id == order.id)
                              .order_by(PaymentAttempt.id.desc()).limit(1)).scalar_one_or_none()


def handle_stripe_event(event, *, now):
    """Apply one verified Stripe event, once. Returns what was done (for the log and tests).

    `payment_intent.succeeded` pays the order when the intent is one of ours and its
    amount and currency are the order's; for an order cancelled or expired in the
    meantime the money is refunded at once. `payment_intent.payment_failed` records
    the failure; the order stays unpaid and may be paid again.
    """
    event_id, kind = event.get("id"), event.get("type")
    if not event_id or not kind:
        return "ignored"
    intent = ((event.get("data") or {}).get("object") or {})
    try:
        with atomic():
            db.session.add(ProcessedEvent(id=event_id, provider="stripe", type=kind[:100], received_at=now))
            db.session.flush()  # a replayed event stops here (primary key)
            if kind == "payment_intent.succeeded":
                result = _intent_succeeded(intent, now)
            elif kind == "payment_intent.payment_failed":
                result = _intent_failed(intent, now)
            else:
                result = "ignored"
    except IntegrityError:
        db.session.rollback()
        return "duplicate"
    return result


def _attempt_for(intent):
    if not intent.get("id"):
        return None
    return db.session.execute(db.select(PaymentAttempt).where(PaymentAttempt.intent_id == intent["id"])
                              ).scalar_one_or_none()


def _intent_succeeded(intent, now):
    attempt = _attempt_for(intent)
    if attempt is None:
        return "unknown intent"
    order = _lock(attempt.order_id)
    if intent.get("amount") != attempt.amount or attempt.amount != order.total \
            or str(intent.get("currency", "")).lower() != gateway.CURRENCY:
        current_app.logger.error("Stripe intent %s: amount %s %s does not match order %s (%s)", intent.get("id"),
                                 intent.get("amount"), intent.get("currency"), order.reference, order.total)
        return "amount mismatch"
    attempt.status, attempt.updated_at, attempt.failure_message = AttemptStatus.SUCCEEDED, now, None
    if order.payment_status != PaymentStatus.UNPAID:
        # Paid twice (two intents both succeeded): give the second payment back.
        outbox.enqueue(REFUND_TOPIC, {"order_id": order.id, "intent_id": attempt.intent_id, "amount": attempt.amount,
                                      "method": "card", "key": f"duplicate-{attempt.intent_id}"})
        return "refunded duplicate payment"
    move_payment(order, PaymentStatus.PAID, now=now)
    if order.is_cancelled:  # expired or cancelled while the buyer was paying: the money goes back
        order.refunded_amount = order.total
        outbox.enqueue(REFUND_TOPIC, {"order_id": order.id, "intent_id": attempt.intent_id, "amount": order.total,
                                      "method": "card", "key": f"late-{attempt.intent_id}"})
        move_payment(order, PaymentStatus.REFUNDED, now=now)
        return "refunded late payment"
    notifications.payment_received(order)
    return "paid"


def _intent_failed(intent, now):
    attempt = _attempt_for(intent)
    if attempt is None:
        return "unknown intent"
    if attempt.status == AttemptStatus.SUCCEEDED:
        return "ignored"
    error = intent.get("last_payment_error") or {}
    attempt.status, attempt.updated_at = AttemptStatus.FAILED, now
    attempt.failure_message = (error.get("message") or "Thanh toán bị từ chối")[:500]
    order = db.session.get(Order, attempt.order_id)
    if order.payment_status == PaymentStatus.UNPAID and not order.is_cancelled:
        notifications.payment_failed(order, attempt.failure_message)
    return "failed"


# --- refunds (outbox handler) ---------------------------------------------------------

def _refund_key(payload):
    return payload.get("key") or f"order-{payload['order_id']}-shipment-{payload.get('shipment_id')}"


def deliver_refunds(payloads):
    """Outbox handler: send each refund once (Stripe for card payments; recorded for staff otherwise)."""
    settings = StripeSettings.from_config(current_app.config)
    for payload in payloads:
        key = _refund_key(payload)
        if db.session.execute(db.select(Refund.id).where(Refund.key == key)).first() is not None:
            continue  # already done: a message handled twice changes nothing
        if payload.get("method") == PaymentMethod.CARD.value:
            intent_id = payload.get("intent_id") or db.session.execute(
                db.select(PaymentAttempt.intent_id).where(PaymentAttempt.order_id == payload["order_id"],
                                                          PaymentAttempt.status == AttemptStatus.SUCCEEDED)
                .order_by(PaymentAttempt.id).limit(1)).scalar_one_or_none()
            if intent_id is None:
                raise RuntimeError(f"no succeeded payment to refund for order {payload['order_id']}")
            try:
                provider_id = gateway.refund(settings, intent_id=intent_id, amount=payload["amount"],
                                             idempotency_key=key)
            except GatewayError as error:
                raise outbox.RetryLater(error.message) from error
            db.session.add(Refund(order_id=payload["order_id"], key=key, amount=payload["amount"],
                                  status=RefundStatus.SUCCEEDED, provider_id=provider_id))
        else:
            db.session.add(Refund(order_id=payload["order_id"], key=key, amount=payload["amount"],
                                  status=RefundStatus.MANUAL))
        db.session.flush()


def refunds_of(order):
    return db.session.execute(db.select(Refund).where(Refund.order_id == order.id).order_by(Refund.id)
                              ).scalars().all()


__all__ = ["available_methods", "transfer_details", "start_card_payment", "handle_stripe_event", "deliver_refunds",
           "PaymentFailed", "InvalidSignature", "StripeSettings", "latest_attempt", "refunds_of"]
