"""Card payments against localstripe, and signed webhook deliveries built like Stripe's."""
import hashlib
import hmac
import json
import time

import pytest

from tests.conftest import STRIPE_TEST_SETTINGS
from tests.orders.conftest import Shop, now, place, rules, shop  # noqa: F401  (the same small shop)

SECRET = STRIPE_TEST_SETTINGS["STRIPE_WEBHOOK_SECRET"]


@pytest.fixture
def card_app(app, localstripe):
    """The app with Stripe's keys, talking to localstripe."""
    app.config.update(STRIPE_TEST_SETTINGS, STRIPE_API_BASE=localstripe)
    return app


def signature_for(body, secret=SECRET, timestamp=None):
    """The Stripe-Signature header of a body (t=…,v1=HMAC-SHA256 of "t.body")."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def signed(event, secret=SECRET, timestamp=None):
    """A webhook body and its Stripe-Signature header."""
    body = json.dumps(event).encode()
    return body, signature_for(body, secret, timestamp)


def intent_event(intent_id, amount, kind="payment_intent.succeeded", event_id=None, currency="vnd", error=None):
    obj = {"id": intent_id, "object": "payment_intent", "amount": amount, "currency": currency,
           "status": "succeeded" if kind.endswith("succeeded") else "requires_payment_method"}
    if error:
        obj["last_payment_error"] = {"message": error}
    return {"id": event_id or f"evt_{intent_id}_{kind}", "object": "event", "type": kind, "created": int(time.time()),
            "data": {"object": obj}}


def post_webhook(client, event, secret=SECRET, header=None):
    body, signature = signed(event, secret)
    return client.post("/payments/stripe/webhook", data=body, content_type="application/json",
                       headers={"Stripe-Signature": header if header is not None else signature})
