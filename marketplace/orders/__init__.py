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
def payment_method_label(method, order=None):
    """How the order was paid; `order` tells cash on delivery from pay on arrival."""
    from marketplace.orders.state import method_label
    if order is None:
        return method_label(method)
    return method_label(method, goods=bool(order.shipments), services=bool(order.bookings))


@bp.app_template_global()
def booking_status_label(status):
    from marketplace.orders.bookings import booking_label
    return booking_label(status)


@bp.app_template_global()
def is_service(product):
    """Goods or service (orders.kinds): templates show a booking form instead of a quantity."""
    from marketplace.orders.kinds import is_service as rule
    return rule(product)


@bp.app_template_global()
def booking_panel(product):
    """What the product page of a service shows: how it is booked, its booking form, the dates
    of the next 60 days that are closed or full."""
    from marketplace.core.timeutil import vn_today
    from marketplace.orders.bookings import unavailable_dates
    from marketplace.orders.forms import BookingForm
    from marketplace.orders.kinds import BOOKING_HORIZON_DAYS, MAX_NIGHTS, terms_for
    from datetime import timedelta
    today = vn_today()
    terms = terms_for(product)
    form = BookingForm(terms=terms, formdata=None)
    last_day = today + timedelta(days=BOOKING_HORIZON_DAYS)
    return {"terms": terms, "form": form, "today": today, "last_day": last_day, "max_nights": MAX_NIGHTS,
            "first_departure": today + timedelta(days=1), "last_departure": last_day + timedelta(days=MAX_NIGHTS),
            "unavailable": unavailable_dates(product, today)}


@bp.app_template_global()
def service_settings(product):
    from marketplace.core.timeutil import vn_today
    from marketplace.orders.booking_services import service_settings as settings
    from marketplace.orders.forms import ServiceDayForm, ServiceTermsForm
    found = settings(product, vn_today())
    terms = found["terms"]
    form = ServiceTermsForm(formdata=None, data={"counts": terms.counts.value, "by_night": terms.by_night})
    return {**found, "form": form, "day_form": ServiceDayForm(formdata=None)}


from . import cart_views, order_views, shipment_views  # noqa: E402,F401
from . import booking_views  # noqa: E402,F401
from . import panels  # noqa: E402

bp.record_once(lambda state: panels.register())  # the studio dashboard's order panels
