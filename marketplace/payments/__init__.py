"""Payments: the seam with three methods (card through Stripe, cash on delivery,
bank transfer by VietQR), the Stripe webhook, and refunds through the outbox."""
from flask import Blueprint

bp = Blueprint("payments", __name__)


def init_app(app):
    from marketplace.core import outbox
    from marketplace.orders.state import REFUND_TOPIC
    from marketplace.payments.services import deliver_refunds
    outbox.register_handler(REFUND_TOPIC, deliver_refunds)


from . import views  # noqa: E402,F401
