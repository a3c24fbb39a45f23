"""Money moves once: per webhook event, per PaymentIntent, per card form and per order
(one attempt at a time), against localstripe; and webhook bodies that are signed but
are not events, or are dated in the future, are refused before they touch anything."""
import json
import time
import urllib.parse
import urllib.request

import pytest
import stripe

from marketplace.core import outbox
from marketplace.core.errors import InvalidTransition
from marketplace.orders.models import Order, PaymentStatus
from marketplace.payments import services as payments
from marketplace.payments.models import AttemptStatus, PaymentAttempt, ProcessedEvent, Refund, RefundStatus
from tests.conftest import STRIPE_TEST_SETTINGS
from tests.orders.conftest import NOW
from tests.payments.conftest import intent_event, post_webhook, signature_for

THREE_D_SECURE_CARD = "4000000000003220"


def _settings(app):
    return payments.StripeSettings.from_config(app.config)


def _pay(app, order, pm="pm_card_visa", submission=None):
    return payments.start_card_payment(order, pm, settings=_settings(app), now=NOW, submission=submission)


@pytest.fixture(autouse=True)
def _stripe_is_localstripe(card_app):
    """The test's own calls to Stripe (cards, lists) go to localstripe too, whatever ran before."""
    stripe.api_key, stripe.api_base = card_app.config["STRIPE_SECRET_KEY"], card_app.config["STRIPE_API_BASE"]


def _three_d_secure_method(app):
    return stripe.PaymentMethod.create(type="card", card={"number": THREE_D_SECURE_CARD, "exp_month": 12,
                                                          "exp_year": 2030, "cvc": "123"}).id


def _authenticate(localstripe, intent):
    """What Stripe.js does when the buyer passes 3-D Secure: the intent succeeds at Stripe."""
    data = urllib.parse.urlencode({"key": STRIPE_TEST_SETTINGS["STRIPE_PUBLISHABLE_KEY"],
                                   "client_secret": intent.client_secret, "success": "true"}).encode()
    urllib.request.urlopen(urllib.request.Request(f"{localstripe}/v1/payment_intents/{intent.id}/_authenticate",
                                                  data=data), timeout=5).read()
    assert stripe.PaymentIntent.retrieve(intent.id).status == "succeeded"


def _intents_at_stripe(order):
    return [i for i in stripe.PaymentIntent.list(limit=100).auto_paging_iter()
            if i.metadata and i.metadata.to_dict().get("order_reference") == order.reference]


def _refunds_at_stripe(intent_id):
    return stripe.Refund.list(payment_intent=intent_id).data


# --- (a) once per PaymentIntent -----------------------------------------------------------

def test_a_second_event_for_the_same_intent_changes_nothing(card_app, shop, place, db, client, mailbox):
    order = place({shop.tea: 1}, method="card")
    _attempt, intent = _pay(card_app, order)
    assert post_webhook(client, intent_event(intent.id, order.total, event_id="evt_first")).json["result"] == "paid"
    mails = len(mailbox())
    again = post_webhook(client, intent_event(intent.id, order.total, event_id="evt_second"))
    assert again.status_code == 200 and again.json["result"] == "already applied"
    outbox.drain()
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    assert order.payment_status == PaymentStatus.PAID and order.refunded_amount == 0
    assert db.session.query(Refund).count() == 0 and _refunds_at_stripe(intent.id) == []
    assert len(mailbox()) == mails  # no second "payment received"


def test_a_second_intent_paying_a_paid_order_is_refunded_and_recorded(card_app, localstripe, shop, place, db,
                                                                      client, mailbox):
    order = place({shop.tea: 2}, method="card")
    # The buyer leaves 3-D Secure unfinished and pays with another card, then finishes the first one.
    first, first_intent = _pay(card_app, order, _three_d_secure_method(card_app))
    assert first_intent.status == "requires_action"
    second, second_intent = _pay(card_app, db.session.get(Order, order.id))
    assert post_webhook(client, intent_event(second_intent.id, order.total)).json["result"] == "paid"
    _authenticate(localstripe, first_intent)

    response = post_webhook(client, intent_event(first_intent.id, order.total))
    assert response.json["result"] == "refunded duplicate payment"
    # Recorded in the webhook's own transaction, before Stripe is called.
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    refund = db.session.query(Refund).one()
    assert (refund.status, refund.amount, refund.key) == (RefundStatus.PENDING, order.total,
                                                          f"duplicate-{first_intent.id}")
    assert db.session.get(PaymentAttempt, first.id).status == AttemptStatus.REFUNDED
    assert db.session.get(PaymentAttempt, second.id).status == AttemptStatus.SUCCEEDED
    assert order.payment_status == PaymentStatus.PAID and order.refunded_amount == 0  # paid once, kept
    page = client.get(f"/orders/{order.reference}?key={order.access_token}", follow_redirects=True)
    assert "khoản thanh toán trùng" in page.get_data(as_text=True)

    assert outbox.drain().failed == 0
    db.session.expire_all()
    refund = db.session.query(Refund).one()
    assert refund.status == RefundStatus.SUCCEEDED and refund.provider_id.startswith("re_")
    assert [r.amount for r in _refunds_at_stripe(first_intent.id)] == [order.total]
    assert _refunds_at_stripe(second_intent.id) == []
    # The message handled again (a crash before its commit) and the event replayed: nothing more.
    payments.deliver_refunds([{"order_id": order.id, "intent_id": first_intent.id, "amount": order.total,
                               "method": "card", "key": refund.key}])
    assert post_webhook(client, intent_event(first_intent.id, order.total, event_id="evt_again")
                        ).json["result"] == "already applied"
    outbox.drain()
    assert len(_refunds_at_stripe(first_intent.id)) == 1 and db.session.query(Refund).count() == 1
    assert any("hoàn lại khoản thanh toán trùng" in m.lower() for m in mailbox())


def test_the_webhook_can_come_before_our_answer_from_stripe(card_app, shop, place, db, client):
    """Stripe may send the event before start_card_payment has written the intent's id: the
    attempt is found by the key carried in the intent's metadata."""
    order = place({shop.tea: 1}, method="card")
    attempt_id, key, amount, _reference = payments._open_attempt(order.id, now=NOW, submission=None)
    event = intent_event("pi_early", amount)
    event["data"]["object"]["metadata"] = {"attempt": key, "order_reference": order.reference}
    assert post_webhook(client, event).json["result"] == "paid"
    db.session.expire_all()
    attempt = db.session.get(PaymentAttempt, attempt_id)
    assert attempt.intent_id == "pi_early" and attempt.status == AttemptStatus.SUCCEEDED
    assert db.session.get(Order, order.id).payment_status == PaymentStatus.PAID


# --- (b) one attempt at a time, one PaymentIntent per form ---------------------------------

def test_no_second_attempt_while_one_may_still_take_the_money(card_app, shop, place, db):
    order = place({shop.tea: 1}, method="card")
    attempt, intent = _pay(card_app, order)
    assert intent.status == "succeeded" and attempt.key and attempt.intent_id == intent.id
    with pytest.raises(InvalidTransition, match="đang được xử lý"):
        _pay(card_app, db.session.get(Order, order.id))
    assert db.session.query(PaymentAttempt).count() == 1 and len(_intents_at_stripe(order)) == 1
    # The key sent to Stripe as idempotency key is the attempt's own, kept with the intent.
    assert stripe.PaymentIntent.retrieve(intent.id).metadata["attempt"] == attempt.key


def test_the_same_card_form_twice_makes_one_payment_intent(card_app, shop, place, db, client, forms):
    from marketplace.core.timeutil import utcnow
    order = place({shop.tea: 1}, method="card", now=utcnow())
    url = f"/orders/{order.reference}"
    client.get(f"{url}?key={order.access_token}")
    data = {**forms.hidden(url, f"{url}/pay/card"), "payment_method": "pm_card_visa"}
    first = client.post(f"{url}/pay/card", data=data)
    second = client.post(f"{url}/pay/card", data=data)
    assert first.json["status"] == "succeeded"
    assert second.status_code == 200 and second.json == {"status": "submitted", "redirect": url}
    assert db.session.query(PaymentAttempt).count() == 1 and len(_intents_at_stripe(order)) == 1


def test_a_card_form_without_its_token_charges_nothing(card_app, shop, place, db, client, forms):
    from marketplace.core.timeutil import utcnow
    order = place({shop.tea: 1}, method="card", now=utcnow())
    url = f"/orders/{order.reference}"
    client.get(f"{url}?key={order.access_token}")
    response = client.post(f"{url}/pay/card", data={"csrf_token": forms.token(url), "payment_method": "pm_card_visa"})
    assert response.status_code == 400 and "gửi lần nữa" in response.json["error"]
    assert response.json["submission"]  # the page carries on with a new token
    assert db.session.query(PaymentAttempt).count() == 0 and _intents_at_stripe(order) == []


# --- (c) what a signed body must be --------------------------------------------------------

def _post_raw(client, body, timestamp=None):
    """`body` as it is, correctly signed."""
    return client.post("/payments/stripe/webhook", data=body, content_type="application/json",
                       headers={"Stripe-Signature": signature_for(body, timestamp=timestamp)})


GOOD = {"id": "evt_shape", "object": "event", "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_shape", "amount": 1, "currency": "vnd"}}}


@pytest.mark.parametrize("body", [
    b"[]", b'"a string"', b"42", b"null", b"true", b"not json", b"{",
    json.dumps({**GOOD, "data": []}).encode(),
    json.dumps({**GOOD, "data": "x"}).encode(),
    json.dumps({**GOOD, "data": {}}).encode(),
    json.dumps({**GOOD, "data": {"object": []}}).encode(),
    json.dumps({**GOOD, "data": {"object": "pi_1"}}).encode(),
    json.dumps({k: v for k, v in GOOD.items() if k != "id"}).encode(),
    json.dumps({**GOOD, "id": 123}).encode(),
    json.dumps({**GOOD, "id": ""}).encode(),
    json.dumps({**GOOD, "id": "e" * 300}).encode(),
    json.dumps({k: v for k, v in GOOD.items() if k != "type"}).encode(),
    json.dumps({**GOOD, "type": ["payment_intent.succeeded"]}).encode(),
], ids=lambda b: b[:40].decode(errors="replace"))
def test_signed_bodies_that_are_not_events_are_400(card_app, client, db, body):
    response = _post_raw(client, body)
    assert response.status_code == 400 and response.json == {"error": "malformed event"}
    assert db.session.query(ProcessedEvent).count() == 0


def test_odd_values_inside_a_real_event_are_ignored_not_500(card_app, shop, place, client, db):
    order = place({shop.tea: 1}, method="card")
    attempt, intent = _pay(card_app, order)
    for n, obj in enumerate([{"id": 42}, {"id": ["pi"]}, {"id": intent.id, "metadata": "x", "amount": "1"},
                             {"id": "pi_unknown", "metadata": {"attempt": 7}}]):
        response = _post_raw(client, json.dumps({**GOOD, "id": f"evt_odd_{n}", "data": {"object": obj}}).encode())
        assert response.status_code == 200, obj
    failed = {**GOOD, "id": "evt_odd_fail", "type": "payment_intent.payment_failed",
              "data": {"object": {"id": intent.id, "last_payment_error": "not an object"}}}
    assert _post_raw(client, json.dumps(failed).encode()).json["result"] == "failed"
    db.session.expire_all()
    assert db.session.get(Order, order.id).payment_status == PaymentStatus.UNPAID


@pytest.mark.parametrize("offset, accepted", [(0, True), (60, True), (-60, True), (3600, False),
                                              (10 ** 9, False), (-3600, False)])
def test_signatures_dated_beyond_the_tolerance_are_refused(card_app, shop, place, client, db, offset, accepted):
    order = place({shop.tea: 1}, method="card")
    _attempt, intent = _pay(card_app, order)
    body = json.dumps(intent_event(intent.id, order.total)).encode()
    response = _post_raw(client, body, timestamp=int(time.time()) + offset)
    if accepted:
        assert response.status_code == 200 and response.json["result"] == "paid"
    else:
        assert response.status_code == 400 and response.json == {"error": "invalid signature"}
        db.session.expire_all()
        assert db.session.get(Order, order.id).payment_status == PaymentStatus.UNPAID
