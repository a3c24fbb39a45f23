"""Card attempts under concurrency, on PostgreSQL against localstripe: however many "pay"
requests for one order arrive at once (a double tap, two tabs), one PaymentIntent is made."""
import pytest
import stripe

from marketplace.core.errors import InvalidTransition
from marketplace.core.submissions import AlreadySubmitted, new_token
from marketplace.extensions import db as _db
from marketplace.orders.models import Order
from marketplace.payments import services as payments
from marketplace.payments.models import PaymentAttempt
from tests.orders.conftest import NOW
from tests.threads import at_once

PAYERS = 6


def _intents_at_stripe(reference):
    return [i for i in stripe.PaymentIntent.list(limit=100).auto_paging_iter()
            if i.metadata and i.metadata.to_dict().get("order_reference") == reference]


@pytest.mark.postgresql_only
@pytest.mark.parametrize("same_form", [True, False], ids=["one form sent six times", "six forms"])
def test_payers_at_once_make_one_payment_intent(card_app, shop, place, db, same_form):
    stripe.api_key, stripe.api_base = card_app.config["STRIPE_SECRET_KEY"], card_app.config["STRIPE_API_BASE"]
    order = place({shop.tea: 1}, method="card")
    order_id, reference = order.id, order.reference
    settings = payments.StripeSettings.from_config(card_app.config)
    token = new_token()
    db.session.remove()

    def pay(i):
        try:
            _attempt, intent = payments.start_card_payment(
                _db.session.get(Order, order_id), "pm_card_visa", settings=settings, now=NOW,
                submission=token if same_form else new_token())
        except AlreadySubmitted:
            return "same form"
        except InvalidTransition:
            return "refused: another attempt is under way"
        return intent.status

    outcomes, errors = at_once(card_app, PAYERS, pay)
    assert errors == []
    assert outcomes.count("succeeded") == 1
    expected = "same form" if same_form else "refused: another attempt is under way"
    assert outcomes.count(expected) == PAYERS - 1
    assert db.session.query(PaymentAttempt).filter_by(order_id=order_id).count() == 1
    assert len(_intents_at_stripe(reference)) == 1
