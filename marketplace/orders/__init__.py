"""Orders: cart, checkout, orders split per producer, stock reservations, the
producers' shipments, order history and verified-purchase reviews."""
from flask import Blueprint

bp = Blueprint("orders", __name__)


@bp.app_template_global()
def shipment_status_label(status):
    from marketplace.orders.state import shipment_label
    return shipment_label(status)


@bp.app_template_global()
def payment_status_label(status):
    from marketplace.orders.state import payment_label
    return payment_label(status)


@bp.app_template_global()
def payment_method_label(method):
    from marketplace.orders.state import method_label
    return method_label(method)


from . import views  # noqa: E402,F401
