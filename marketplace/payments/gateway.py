"""The Stripe side of card payments: the only module that talks to Stripe.

Amounts are integer đồng: VND is a zero-decimal currency for Stripe, so 150000
means 150.000 ₫ and is sent as it is (never multiplied by 100).

A webhook delivery is trusted only when its signature matches, its timestamp is
within WEBHOOK_TOLERANCE seconds of now on either side (Stripe's library checks
only the past, so a signature made for the future would be replayable until
then), and its body is an event object: `id`, `type` and `data.object` of the
right types. Anything else is refused before it reaches the database.

Stripe's library is imported on first use (`_stripe()`), not when this module is: it
holds some 32 MB, and every web worker imported it at start-up although only the card
payment pages and the webhook need it (tests/payments/test_gateway_import.py).
"""
import json
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

CURRENCY = "vnd"
WEBHOOK_TOLERANCE = 300  # seconds, Stripe's own default


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
    """A webhook whose Stripe-Signature does not match the payload and the secret, or is too old or too new."""


class MalformedEvent(Exception):
    """A correctly signed webhook body that is not a Stripe event object."""


def _stripe():
    """Stripe's library, imported the first time a payment needs it."""
    import stripe
    return stripe


def _configure(settings):
    stripe = _stripe()
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
    page finishes it with Stripe.js); the order is paid only by the webhook. The
    idempotency key is the attempt's own key, also kept in the intent's metadata
    (`attempt`) so that a webhook arriving before our answer finds the attempt.
    """
    _configure(settings)
    stripe = _stripe()
    try:
        intent = stripe.PaymentIntent.create(
            amount=amount, currency=CURRENCY, payment_method=payment_method, payment_method_types=["card"],
            confirm=True, metadata={"order_reference": reference, "order_id": str(order_id),
                                    "attempt": idempotency_key},
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
    stripe = _stripe()
    try:
        result = stripe.Refund.create(payment_intent=intent_id, amount=amount, idempotency_key=idempotency_key)
    except stripe.APIConnectionError as error:
        raise GatewayError("Stripe: " + str(error)) from error
    return result.id


def _signed_at(signature_header):
    """The header's timestamp (the first `t=`, as Stripe's library reads it), or None."""
    for item in signature_header.split(","):
        name, _, value = item.strip().partition("=")
        if name == "t":
            return int(value) if value.isascii() and value.isdigit() else None
    return None


def verify_event(payload, signature_header, secret, *, now=None, tolerance=WEBHOOK_TOLERANCE):
    """The event of a webhook delivery, as a dict, once checked.

    InvalidSignature: no secret or header, a signature that does not match, or a
    timestamp more than `tolerance` seconds in the past or in the future.
    MalformedEvent: a signed body that is not a JSON event object with a string `id`
    and `type` and an object `data.object`.
    """
    if not secret or not signature_header:
        raise InvalidSignature("missing signature or secret")
    stripe = _stripe()
    try:
        stripe.WebhookSignature.verify_header(payload, signature_header, secret, tolerance=tolerance)
    except (ValueError, UnicodeDecodeError, stripe.SignatureVerificationError) as error:
        raise InvalidSignature(str(error)) from error
    signed_at = _signed_at(signature_header)
    now = time.time() if now is None else now
    if signed_at is None or signed_at > now + tolerance:
        raise InvalidSignature("timestamp outside the tolerance zone (future)")
    try:
        event = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedEvent("not JSON") from error
    _check_event(event)
    return event


def _text(value, limit):
    return isinstance(value, str) and 0 < len(value) <= limit


def _check_event(event):
    if not isinstance(event, dict):
        raise MalformedEvent("not an object")
    if not _text(event.get("id"), 255) or not _text(event.get("type"), 100):
        raise MalformedEvent("id and type must be strings")
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise MalformedEvent("data.object must be an object")
