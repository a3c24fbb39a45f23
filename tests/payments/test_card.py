"""Card payments: a PaymentIntent per attempt against localstripe, and the signed
webhook as the only thing that marks an order paid (once, for the right amount)."""
from datetime import timedelta

import pytest
import stripe

from marketplace.core import outbox
from marketplace.core.timeutil import utcnow
from marketplace.core.errors import InvalidTransition
from marketplace.orders import cancellation
from marketplace.orders.models import Order, PaymentStatus
from marketplace.payments import services as payments
from marketplace.payments.models import AttemptStatus, PaymentAttempt, ProcessedEvent, Refund
from tests.orders.conftest import NOW, stock_of
from tests.payments.conftest import intent_event, post_webhook, signed


def _settings(app):
    return payments.StripeSettings.from_config(app.config)


def _pay(app, order, pm="pm_card_visa"):
    return payments.start_card_payment(order, pm, settings=_settings(app), now=NOW)


def test_card_is_offered_only_with_keys(app):
    assert "card" not in [m.value for m in payments.available_methods(app.config)]
    app.config.update(STRIPE_SECRET_KEY="sk_x", STRIPE_PUBLISHABLE_KEY="pk_x")
    assert "card" not in [m.value for m in payments.available_methods(app.config)]  # no webhook secret yet
    app.config["STRIPE_WEBHOOK_SECRET"] = "whsec_x"
    assert "card" in [m.value for m in payments.available_methods(app.config)]


def test_a_succeeded_intent_waits_for_the_webhook(card_app, shop, place, db, client, mailbox):
    order = place({shop.tea: 2}, method="card")
    attempt, intent = _pay(card_app, order)
    remote = stripe.PaymentIntent.retrieve(intent.id)
    assert remote.amount == order.total == 2 * 120_000 + 20_000  # VND is zero-decimal: đồng as they are
    assert remote.currency == "vnd" and remote.metadata["order_reference"] == order.reference
    order = db.session.get(Order, order.id)
    assert order.payment_status == PaymentStatus.UNPAID and attempt.status == AttemptStatus.PENDING
    response = post_webhook(client, intent_event(intent.id, order.total))
    assert response.status_code == 200 and response.json["result"] == "paid"
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    assert order.payment_status == PaymentStatus.PAID
    assert db.session.get(PaymentAttempt, attempt.id).status == AttemptStatus.SUCCEEDED
    assert any("đã nhận thanh toán" in m for m in mailbox())


def test_a_replayed_event_changes_nothing(card_app, shop, place, db, client, mailbox):
    order = place({shop.tea: 1}, method="card")
    _attempt, intent = _pay(card_app, order)
    event = intent_event(intent.id, order.total, event_id="evt_replayed")
    assert post_webhook(client, event).json["result"] == "paid"
    mails = len(mailbox())
    again = post_webhook(client, event)
    assert again.status_code == 200 and again.json["result"] == "duplicate"
    assert db.session.query(ProcessedEvent).filter_by(id="evt_replayed").count() == 1
    assert len(mailbox()) == mails


@pytest.mark.parametrize("header", ["", "t=1,v1=deadbeef", "garbage"])
def test_a_wrong_signature_is_400_and_changes_nothing(card_app, shop, place, db, client, header):
    order = place({shop.tea: 1}, method="card")
    _attempt, intent = _pay(card_app, order)
    response = post_webhook(client, intent_event(intent.id, order.total), header=header)
    assert response.status_code == 400
    response = post_webhook(client, intent_event(intent.id, order.total), secret="whsec_someone_else")
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Order, order.id).payment_status == PaymentStatus.UNPAID
    assert db.session.query(ProcessedEvent).count() == 0


def test_the_webhook_needs_no_csrf_token_but_a_configured_secret(app, client):
    response = client.post("/payments/stripe/webhook", data=b"{}", content_type="application/json",
                           headers={"Stripe-Signature": "t=1,v1=x"})
    assert response.status_code == 400 and response.json == {"error": "invalid signature"}  # not a CSRF refusal
    app.config.update(STRIPE_WEBHOOK_SECRET=None)
    body, header = signed(intent_event("pi_x", 1))
    response = client.post("/payments/stripe/webhook", data=body, content_type="application/json",
                           headers={"Stripe-Signature": header})
    assert response.status_code == 400  # no secret configured: nothing can be verified, nothing is accepted


def test_a_wrong_amount_does_not_pay(card_app, shop, place, db, client):
    order = place({shop.tea: 1}, method="card")
    _attempt, intent = _pay(card_app, order)
    assert post_webhook(client, intent_event(intent.id, 1_400)).json["result"] == "amount mismatch"
    assert post_webhook(client, intent_event(intent.id, order.total, currency="usd",
                                              event_id="evt_usd")).json["result"] == "amount mismatch"
    assert post_webhook(client, intent_event("pi_not_ours", order.total)).json["result"] == "unknown intent"
    db.session.expire_all()
    assert db.session.get(Order, order.id).payment_status == PaymentStatus.UNPAID


def test_a_declined_card_is_recorded_and_the_buyer_can_retry(card_app, shop, place, db):
    order = place({shop.tea: 1}, method="card")
    with pytest.raises(payments.PaymentFailed, match="thử lại"):
        _pay(card_app, order, "pm_card_chargeCustomerFail")
    failed = db.session.query(PaymentAttempt).one()
    assert failed.status == AttemptStatus.FAILED and failed.failure_message
    order = db.session.get(Order, order.id)
    assert order.payment_status == PaymentStatus.UNPAID and order.awaits_payment
    attempt, intent = _pay(card_app, order)
    assert intent.status == "succeeded" and db.session.query(PaymentAttempt).count() == 2


def test_a_failed_payment_event_leaves_the_order_unpaid(card_app, shop, place, db, client, mailbox):
    order = place({shop.tea: 1}, method="card")
    attempt, intent = _pay(card_app, order)
    event = intent_event(intent.id, order.total, kind="payment_intent.payment_failed", error="Thẻ hết hạn mức.")
    assert post_webhook(client, event).json["result"] == "failed"
    db.session.expire_all()
    attempt = db.session.get(PaymentAttempt, attempt.id)
    assert attempt.status == AttemptStatus.FAILED and attempt.failure_message == "Thẻ hết hạn mức."
    assert db.session.get(Order, order.id).payment_status == PaymentStatus.UNPAID
    assert any("chưa thành công" in m and "Thẻ hết hạn mức." in m for m in mailbox())


def test_three_d_secure_cards_need_the_buyers_action(card_app, shop, place):
    order = place({shop.tea: 1}, method="card")
    stripe.api_key, stripe.api_base = card_app.config["STRIPE_SECRET_KEY"], card_app.config["STRIPE_API_BASE"]
    pm = stripe.PaymentMethod.create(type="card", card={"number": "4000000000003220", "exp_month": 12,
                                                        "exp_year": 2030, "cvc": "123"})
    _attempt, intent = _pay(card_app, order, pm.id)
    assert intent.status == "requires_action" and intent.client_secret.startswith(intent.id)


def test_payment_is_refused_for_orders_not_waiting_for_a_card(card_app, shop, place, db, client):
    cod = place({shop.tea: 1})
    with pytest.raises(InvalidTransition):
        _pay(card_app, cod)
    expired = place({shop.tea: 1}, method="card", now=NOW - timedelta(hours=2))
    with pytest.raises(InvalidTransition):
        _pay(card_app, expired)
    order = place({shop.tea: 1}, method="card")
    for bad in ("", "pm_<script>", "x" * 300):
        with pytest.raises(payments.PaymentFailed):
            _pay(card_app, order, bad)


def test_a_payment_after_expiry_is_refunded_at_once(card_app, shop, place, db, client):
    order = place({shop.tea: 3}, method="card")
    _attempt, intent = _pay(card_app, order)
    cancellation.expire_orders(now=NOW + timedelta(hours=1))
    assert stock_of(db, shop.tea) == 10
    assert post_webhook(client, intent_event(intent.id, order.total)).json["result"] == "refunded late payment"
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    assert order.payment_status == PaymentStatus.REFUNDED and order.refunded_amount == order.total
    outbox.drain()
    refund = db.session.query(Refund).one()
    assert refund.amount == order.total and refund.provider_id.startswith("re_")
    assert stripe.Refund.retrieve(refund.provider_id).payment_intent == intent.id


def test_cancelling_a_paid_card_order_refunds_it_through_stripe(card_app, shop, place, db, client):
    order = place({shop.tea: 1, shop.rice: 1}, method="card", user=shop.buyer)
    _attempt, intent = _pay(card_app, order)
    post_webhook(client, intent_event(intent.id, order.total))
    order = db.session.get(Order, order.id)
    cancellation.cancel_order(order, now=NOW)
    assert order.payment_status == PaymentStatus.REFUNDED
    report = outbox.drain()
    assert report.failed == 0
    refunds = db.session.query(Refund).all()
    assert sum(r.amount for r in refunds) == order.total and all(r.provider_id for r in refunds)
    remote = stripe.Refund.list(payment_intent=intent.id)
    assert sum(r.amount for r in remote.data) == order.total


def test_the_card_form_endpoint(card_app, shop, place, client, forms, db):
    order = place({shop.tea: 1}, method="card", now=utcnow())
    client.get(f"/orders/{order.reference}?key={order.access_token}")
    url = f"/orders/{order.reference}"
    page = client.get(url).get_data(as_text=True)
    assert 'id="card-form"' in page and card_app.config["STRIPE_JS_URL"] in page
    assert 'name="submission"' in page  # the attempt's one-time token
    response = forms.post(f"{url}/pay/card", {"payment_method": "pm_card_chargeCustomerFail"}, form_url=url)
    assert response.status_code == 400 and "thử lại" in response.json["error"]
    page = client.get(url).get_data(as_text=True)  # the latest attempt failed: said so, and the form is back
    assert "Lần thanh toán gần nhất không thành công" in page and 'id="payment-pending"' not in page
    assert 'id="card-form"' in page
    retry = {**forms.hidden(url, f"{url}/pay/card"), "submission": response.json["submission"]}
    response = client.post(f"{url}/pay/card", data={**retry, "payment_method": "pm_card_visa"})
    assert response.status_code == 200 and response.json["status"] == "succeeded"
    page = client.get(url).get_data(as_text=True)  # paid only when the webhook comes: the page waits for it
    assert 'id="payment-pending"' in page and "không thành công" not in page
    # Paid at Stripe, the webhook not there yet: no second charge meanwhile.
    response = forms.post(f"{url}/pay/card", {"payment_method": "pm_card_visa"}, form_url=url)
    assert response.status_code == 400 and "đang được xử lý" in response.json["error"]
    assert client.post(f"{url}/pay/card", data={"payment_method": "pm_card_visa"}).status_code == 400  # no CSRF
    other = place({shop.rice: 1}, method="card", now=utcnow())
    response = forms.post(f"/orders/{other.reference}/pay/card", {"payment_method": "pm_card_visa"}, form_url=url)
    assert response.status_code == 404
    page = client.get(url).get_data(as_text=True)
    assert "Đang chờ ngân hàng xác nhận" in page
    db.session.expire_all()
    assert db.session.get(Order, other.id).payment_status == PaymentStatus.UNPAID
    assert db.session.query(PaymentAttempt).filter_by(order_id=other.id).count() == 0  # someone else's order
