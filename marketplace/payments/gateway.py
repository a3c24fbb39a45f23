"""The Stripe side of card payments: the only module that talks to Stripe.

Amounts are integer đồng: VND is a zero-decimal currency for Stripe, so 150000
means 150.000 ₫ and is sent as it is (never multiplied by 100).
"""
from dataclasses import dataclass
from urllib.parse import urlsplit

import stripe

CURRENCY = "vnd"


@dataclass(frozen=True)
class StripeSettings:
    secret_key: str | None
    publishable_key: str | None
    webhook_secret: str | None
    api_base: str | None = None
    js_url: str = "https://js.stripe.com/v3/"

    @classmethod
    def from_config(cls, config):
        return cls(secret_key=config.get("STRIPE_SECRET_KEY"), publishable_key=config.get("STRIPE_PUBLISHABLE_KEY"),
                   webhook_secret=config.get("STRIPE_WEBHOOK_SECRET"), api_base=config.get("STRIPE_API_BASE"),
                   js_url=config.get("STRIPE_JS_URL") or "https://js.stripe.com/v3/")

    @property
    def enabled(self):
        """Card payments need both keys and the webhook secret (the order is paid only by the webhook)."""
        return bool(self.secret_key and self.publishable_key and self.webhook_secret)

    def csp_sources(self):
        """The origins the card page needs in its Content-Security-Policy.

        Stripe.js comes from STRIPE_JS_URL's origin (and, for Stripe's own, its *.js.stripe.com
        hosts) and shows its card field and 3-D Secure in frames from there and from
        hooks.stripe.com; it calls Stripe's API from the browser. Against localstripe all of it
        is localstripe's one origin.
        """
        js = _origin(self.js_url)
        api = _origin(self.api_base) if self.api_base else "https://api.stripe.com"
        stripes_own = js == "https://js.stripe.com"
        scripts = [js, "https://*.js.stripe.com"] if stripes_own else [js]
        frames = scripts + (["https://hooks.stripe.com"] if stripes_own else [])
        return {"script_src": scripts, "frame_src": frames, "connect_src": [api, js]}


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class GatewayError(Exception):
    """Stripe refused or could not be reached; `message` is safe to show, `declined` tells a refused card."""

    def __init__(self, message, *, declined=False, intent_id=None):
        super().__init__(message)
        self.message = message
        self.declined = declined
        self.intent_id = intent_id


class InvalidSignature(Exception):
    """A webhook whose Stripe-Signature does not match the payload and the secret."""


def _configure(settings):
    stripe.api_key = settings.secret_key
    if settings.api_base:
        stripe.api_base = settings.api_base


@dataclass(frozen=True)
class Intent:
    id: str
    status: str
    client_secret: str | None
    amount: int


def create_and_confirm(settings, *, amount, payment_method, reference, order_id, idempotency_key):
    """A PaymentIntent for `amount` đồng with the buyer's payment method, confirmed at once.

    Its status is `succeeded`, `processing` or `requires_action` (3-D Secure: the
    page finishes it with Stripe.js); the order is paid only by the webhook.
    """
    _configure(settings)
    try:
        intent = stripe.PaymentIntent.create(
            amount=amount, currency=CURRENCY, payment_method=payment_method, payment_method_types=["card"],
            confirm=True, metadata={"order_reference": reference, "order_id": str(order_id)},
            idempotency_key=idempotency_key)
    except stripe.CardError as error:
        body = getattr(error, "json_body", None) or {}
        intent_id = ((body.get("error") or {}).get("payment_intent") or {}).get("id")
        raise GatewayError(error.user_message or str(error), declined=True, intent_id=intent_id) from error
    except stripe.StripeError as error:
        raise GatewayError(getattr(error, "user_message", None) or "Stripe: " + str(error)) from error
    return Intent(id=intent.id, status=intent.status, client_secret=intent.client_secret, amount=intent.amount)


def refund(settings, *, intent_id, amount, idempotency_key):
    """Refund `amount` đồng of a PaymentIntent; the idempotency key makes a retry harmless."""
    _configure(settings)
    try:
        result = stripe.Refund.create(payment_intent=intent_id, amount=amount, idempotency_key=idempotency_key)
    except stripe.APIConnectionError as error:
        raise GatewayError("Stripe: " + str(error)) from error
    return result.id


def verify_event(payload, signature_header, secret):
    """The event of a webhook delivery, as a dict, once its signature is checked; InvalidSignature otherwise."""
    if not secret or not signature_header:
        raise InvalidSignature("missing signature or secret")
    try:
        event = stripe.Webhook.construct_event(payload, signature_header, secret)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise InvalidSignature(str(error)) from error
    return event.to_dict() if hasattr(event, "to_dict") else dict(event)
