"""The Stripe webhook: the only way a card payment marks an order paid.

CSRF-exempt (Stripe cannot send our token) but signed: a delivery whose
Stripe-Signature does not verify with STRIPE_WEBHOOK_SECRET, or is dated more than
five minutes before or after now, is answered 400 and changes nothing; so is a
signed body that is not an event object. Events are processed once per event id
and once per PaymentIntent.
"""
from flask import current_app, jsonify, request

from marketplace.core.timeutil import utcnow
from marketplace.extensions import csrf
from marketplace.payments import bp
from marketplace.payments.services import InvalidSignature, MalformedEvent, StripeSettings, handle_stripe_event
from marketplace.payments.gateway import verify_event


@bp.post("/payments/stripe/webhook")
@csrf.exempt
def stripe_webhook():
    settings = StripeSettings.from_config(current_app.config)
    try:
        event = verify_event(request.get_data(), request.headers.get("Stripe-Signature"), settings.webhook_secret)
    except InvalidSignature:
        return jsonify(error="invalid signature"), 400
    except MalformedEvent:
        return jsonify(error="malformed event"), 400
    result = handle_stripe_event(event, now=utcnow())
    current_app.logger.info("stripe event %s (%s): %s", event.get("id"), event.get("type"), result)
    return jsonify(received=True, result=result)
