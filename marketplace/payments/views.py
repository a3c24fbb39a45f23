"""The Stripe webhook: the only way a card payment marks an order paid.

CSRF-exempt (Stripe cannot send our token) but signed: a delivery whose
Stripe-Signature does not verify with STRIPE_WEBHOOK_SECRET is answered 400 and
changes nothing. Events are processed once (their id is stored).
"""
from flask import current_app, jsonify, request

from marketplace.core.timeutil import utcnow
from marketplace.extensions import csrf
from marketplace.payments import bp
from marketplace.payments.services import InvalidSignature, StripeSettings, handle_stripe_event
from marketplace.payments.gateway import verify_event


@bp.post("/payments/stripe/webhook")
@csrf.exempt
def stripe_webhook():
    settings = StripeSettings.from_config(current_app.config)
    try:
        event = verify_event(request.get_data(), request.headers.get("Stripe-Signature"), settings.webhook_secret)
    except InvalidSignature:
        return jsonify(error="invalid signature"), 400
    result = handle_stripe_event(event, now=utcnow())
    current_app.logger.info("stripe event %s (%s): %s", event.get("id"), event.get("type"), result)
    return jsonify(received=True, result=result)
