"""The payment seam: which methods a checkout offers, card payments through Stripe,
the webhook that marks an order paid, refunds, and the VietQR code of a transfer.

Three methods:
- card: a Stripe PaymentIntent per attempt, one attempt at a time per order (under
  the order's row lock); the order is paid only when a signed
  `payment_intent.succeeded` webhook arrives for the right amount, processed once
  per event id and once per PaymentIntent; a second intent that pays an order
  already paid is refunded; a failed attempt is recorded and the buyer may retry;
- cash on delivery: nothing to do here; the order is paid when every parcel's
  cash is recorded by its producer (orders.state);
- bank transfer: a VietQR code for the order's total with its reference as the
  transfer content; an officer (or the only producer) marks it received.

Refunds leave through the outbox (topic `payments.refund`): the handler calls
Stripe with an idempotency key, so a retried message never refunds twice.
"""
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from marketplace.core import outbox, submissions
from marketplace.core.errors import DomainError, InvalidTransition
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders import notifications
from marketplace.orders.models import PaymentMethod, PaymentStatus
from marketplace.orders.locking import lock_order
from marketplace.orders.state import REFUND_TOPIC, move_payment
from marketplace.payments import gateway, vietqr
from marketplace.payments.gateway import (GatewayError, InvalidSignature, MalformedEvent,  # noqa: F401
                                          StripeSettings)
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

# An attempt whose Stripe call has not been answered yet blocks others this long; past it the
# call is taken as lost (the process died) and the buyer may try again.
IN_FLIGHT = timedelta(minutes=2)
# What Stripe said of an intent that may still be paid without the buyer: no second attempt meanwhile.
PAYING = ("succeeded", "processing")


def _attempt_in_progress(order_id, now):
    """An attempt of this order that may still take the buyer's money, or None."""
    return db.session.execute(db.select(PaymentAttempt).where(
        PaymentAttempt.order_id == order_id, PaymentAttempt.status == AttemptStatus.PENDING,
        db.or_(db.and_(PaymentAttempt.intent_id.is_(None), PaymentAttempt.created_at > now - IN_FLIGHT),
               PaymentAttempt.intent_status.in_(PAYING))).limit(1)).scalar_one_or_none()


def _open_attempt(order_id, *, now, submission):
    """Under the order's row lock: check it still waits for a card payment and that no other
    attempt is under way, then write the attempt with its own key. One transaction."""
    with atomic():
        claim = submissions.claim(submission, "payment_attempt")
        order = lock_order(order_id)
        if order.payment_method != PaymentMethod.CARD:
            raise InvalidTransition(_l("Đơn hàng này không thanh toán bằng thẻ."))
        if not order.awaits_payment or order.expired_at is not None \
                or (order.expires_at is not None and order.expires_at <= now):
            raise InvalidTransition(_l("Đơn hàng này không còn chờ thanh toán."))
        if _attempt_in_progress(order.id, now) is not None:
            raise InvalidTransition(_l("Một lần thanh toán của đơn hàng này đang được xử lý. Vui lòng chờ kết quả "
                                       "trước khi thử lại."))
        attempt = PaymentAttempt(order_id=order.id, key=f"{order.reference}-{secrets.token_urlsafe(12)}",
                                 amount=order.total, status=AttemptStatus.PENDING, created_at=now, updated_at=now)
        db.session.add(attempt)
        db.session.flush()
        claim.done(attempt.id)
        return attempt.id, attempt.key, order.total, order.reference


def start_card_payment(order, payment_method_id, *, settings, now, submission=None):
    """Charge the order's total to the buyer's card (a Stripe payment method id).

    One attempt at a time per order: the attempt is written under the order's row lock
    (with `submission`, the form's token, claimed first: the same form sent twice makes
    one attempt) before Stripe is called with the attempt's key as idempotency key, so a
    retried call never makes a second PaymentIntent. Returns (attempt, intent):
    intent.status `requires_action` means the page must finish 3-D Secure with Stripe.js.
    A refused card marks the attempt failed and raises PaymentFailed; the order stays
    unpaid and may be paid again. AlreadySubmitted: this form made an attempt before.
    """
    if not settings.enabled:
        raise PaymentFailed(_l("Thanh toán bằng thẻ hiện không dùng được."))
    pm = (payment_method_id or "").strip()
    if not pm or len(pm) > 255 or not pm.isascii() or not pm.replace("_", "").isalnum():
        raise PaymentFailed(_l("Thông tin thẻ không hợp lệ."), field="payment_method")
    attempt_id, key, amount, reference = _open_attempt(order.id, now=now, submission=submission)
    try:
        intent = gateway.create_and_confirm(settings, amount=amount, payment_method=pm, reference=reference,
                                            order_id=order.id, idempotency_key=key)
    except GatewayError as error:
        with atomic():
            attempt = db.session.get(PaymentAttempt, attempt_id, with_for_update=True, populate_existing=True)
            if error.intent_id and attempt.intent_id is None:
                attempt.intent_id = error.intent_id
            if attempt.status == AttemptStatus.PENDING:  # the webhook may have said it first
                attempt.status, attempt.updated_at = AttemptStatus.FAILED, now
                attempt.failure_message = error.message[:500]
        raise PaymentFailed(_l("Thanh toán chưa thành công: %(reason)s Bạn có thể thử lại bằng thẻ khác.",
                               reason=error.message)) from None
    with atomic():
        attempt = db.session.get(PaymentAttempt, attempt_id, with_for_update=True, populate_existing=True)
        attempt.intent_id = attempt.intent_id or intent.id
        attempt.intent_status, attempt.updated_at = intent.status[:40], now
    return attempt, intent


def latest_attempt(order):
    return db.session.execute(db.select(PaymentAttempt).where(PaymentAttempt.order_id == order.id)
                              .order_by(PaymentAttempt.id.desc()).limit(1)).scalar_one_or_none()


def handle_stripe_event(event, *, now):
    """Apply one verified Stripe event, once. Returns what was done (for the log and tests).

    Once per event id (ProcessedEvent) and once per PaymentIntent: a second
    `payment_intent.succeeded` for an intent already applied, under a new event id,
    changes nothing. `payment_intent.succeeded` pays the order when the intent is one
    of ours and its amount and currency are the order's; for an order cancelled or
    expired in the meantime the money is refunded at once; for an order another
    intent already paid, this second payment is refunded in full. Every refund is
    recorded (Refund row, order or attempt state) in the transaction that decides
    it; Stripe is called through the outbox with a key derived from the intent.
    `payment_intent.payment_failed` records the failure; the order stays unpaid.
    """
    event_id, kind = event.get("id"), event.get("type")
    if not isinstance(event_id, str) or not isinstance(kind, str) or not event_id or not kind:
        return "ignored"
    intent = (event.get("data") or {}).get("object")
    if not isinstance(intent, dict):
        return "ignored"
    try:
        with atomic():
            db.session.add(ProcessedEvent(id=event_id[:255], provider="stripe", type=kind[:100], received_at=now))
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
    """Our attempt for this intent: by its id, or by the attempt key in its metadata (the
    webhook can come before Stripe's answer to our own call was recorded)."""
    intent_id = intent.get("id")
    if not isinstance(intent_id, str) or not intent_id or len(intent_id) > 255:
        return None
    attempt = db.session.execute(db.select(PaymentAttempt).where(PaymentAttempt.intent_id == intent_id)
                                 ).scalar_one_or_none()
    if attempt is not None:
        return attempt
    metadata = intent.get("metadata")
    key = metadata.get("attempt") if isinstance(metadata, dict) else None
    if not isinstance(key, str) or not key:
        return None
    attempt = db.session.execute(db.select(PaymentAttempt).where(PaymentAttempt.key == key,
                                                                 PaymentAttempt.intent_id.is_(None))
                                 ).scalar_one_or_none()
    if attempt is not None:
        attempt.intent_id = intent_id
    return attempt


def _lock_attempt(intent):
    """The order's row lock first (every payment decision of an order runs under it), then the
    attempt read again under it; (None, None) for an intent that is not ours."""
    attempt = _attempt_for(intent)
    if attempt is None:
        return None, None
    attempt_id = attempt.id
    order = lock_order(attempt.order_id)  # flushes, then reloads everything under the lock
    return db.session.get(PaymentAttempt, attempt_id), order


def _record_refund(order, attempt, amount, key):
    """Decide a card refund: a pending Refund row now, Stripe's call through the outbox."""
    db.session.add(Refund(order_id=order.id, key=key, amount=amount, status=RefundStatus.PENDING))
    outbox.enqueue(REFUND_TOPIC, {"order_id": order.id, "intent_id": attempt.intent_id, "amount": amount,
                                  "method": "card", "key": key})


def _intent_succeeded(intent, now):
    attempt, order = _lock_attempt(intent)
    if attempt is None:
        return "unknown intent"
    if attempt.status in (AttemptStatus.SUCCEEDED, AttemptStatus.REFUNDED):
        return "already applied"  # this PaymentIntent was counted before, under another event id
    if intent.get("amount") != attempt.amount or attempt.amount != order.total \
            or str(intent.get("currency", "")).lower() != gateway.CURRENCY:
        current_app.logger.error("Stripe intent %s: amount %s %s does not match order %s (%s)", attempt.intent_id,
                                 intent.get("amount"), intent.get("currency"), order.reference, order.total)
        return "amount mismatch"
    attempt.updated_at, attempt.failure_message = now, None
    if order.payment_status != PaymentStatus.UNPAID:
        # Paid twice (another intent paid it first): this second payment goes back in full.
        attempt.status = AttemptStatus.REFUNDED
        _record_refund(order, attempt, attempt.amount, f"duplicate-{attempt.intent_id}")
        notifications.duplicate_payment_refunded(order, attempt.amount)
        return "refunded duplicate payment"
    attempt.status = AttemptStatus.SUCCEEDED
    move_payment(order, PaymentStatus.PAID, now=now)
    if order.is_cancelled:  # expired or cancelled while the buyer was paying: the money goes back
        order.refunded_amount = order.total
        _record_refund(order, attempt, order.total, f"late-{attempt.intent_id}")
        move_payment(order, PaymentStatus.REFUNDED, now=now)
        return "refunded late payment"
    notifications.payment_received(order)
    return "paid"


def _intent_failed(intent, now):
    attempt, order = _lock_attempt(intent)
    if attempt is None:
        return "unknown intent"
    if attempt.status != AttemptStatus.PENDING:
        return "ignored"
    error = intent.get("last_payment_error")
    message = error.get("message") if isinstance(error, dict) else None
    attempt.status, attempt.updated_at = AttemptStatus.FAILED, now
    attempt.failure_message = (message if isinstance(message, str) and message.strip()
                               else "Thanh toán bị từ chối")[:500]
    if order.payment_status == PaymentStatus.UNPAID and not order.is_cancelled:
        notifications.payment_failed(order, attempt.failure_message)
    return "failed"


# --- refunds (outbox handler) ---------------------------------------------------------

def _refund_key(payload):
    return payload.get("key") or f"order-{payload['order_id']}-shipment-{payload.get('shipment_id')}"


def deliver_refunds(payloads):
    """Outbox handler: send each refund once (Stripe for card payments; recorded for staff otherwise).

    A refund decided by the webhook already has its pending row (written with the
    decision); the others get theirs here. The key is Stripe's idempotency key, so a
    message handled twice (a crash before the commit) never refunds twice."""
    settings = StripeSettings.from_config(current_app.config)
    for payload in payloads:
        key = _refund_key(payload)
        recorded = db.session.execute(db.select(Refund).where(Refund.key == key)).scalar_one_or_none()
        if recorded is not None and recorded.status != RefundStatus.PENDING:
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
            if recorded is not None:
                recorded.status, recorded.provider_id = RefundStatus.SUCCEEDED, provider_id
            else:
                db.session.add(Refund(order_id=payload["order_id"], key=key, amount=payload["amount"],
                                      status=RefundStatus.SUCCEEDED, provider_id=provider_id))
        elif recorded is not None:
            recorded.status = RefundStatus.MANUAL
        else:
            db.session.add(Refund(order_id=payload["order_id"], key=key, amount=payload["amount"],
                                  status=RefundStatus.MANUAL))
        db.session.flush()


def refunds_of(order):
    return db.session.execute(db.select(Refund).where(Refund.order_id == order.id).order_by(Refund.id)
                              ).scalars().all()


__all__ = ["available_methods", "transfer_details", "start_card_payment", "handle_stripe_event", "deliver_refunds",
           "PaymentFailed", "InvalidSignature", "MalformedEvent", "StripeSettings", "latest_attempt", "refunds_of"]
