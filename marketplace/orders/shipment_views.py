"""The producer's shipments in the studio: the list, one parcel, and its moves. Thin
routes: another producer's shipment answers 404, exactly like one that does not exist.
"""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.core.errors import DomainError, PermissionDenied
from marketplace.core.timeutil import utcnow
from marketplace.orders import bp
from marketplace.orders.fulfilment import PRODUCER_ACTIONS, producer_move, shipments_of
from marketplace.orders.transfers import may_mark_transfer
from marketplace.orders.forms import CancelShipmentForm, ConfirmForm, ShipForm
from marketplace.orders.models import PaymentMethod, Shipment, ShipmentStatus
from marketplace.studio.access import producer_record
from marketplace.studio.acting import studio_required


def _own(model, record_id):
    """The producer's own shipment or booking (`model` has `producer_id`), else 404."""
    row = producer_record(current_user, model, record_id, lambda r: r.producer_id)
    if row is None or row.producer_id != g.producer.id:
        abort(404)
    return row


def _status_filter(statuses):
    """The `?status=` a producer's list is narrowed to (one value of the enum), or None for all."""
    wanted = request.args.get("status")
    return wanted, ([statuses(wanted)] if wanted in {s.value for s in statuses} else None)


def _shipment(shipment_id):
    return _own(Shipment, shipment_id)


@bp.get("/studio/shipments")
@studio_required
def studio_shipments():
    wanted, statuses = _status_filter(ShipmentStatus)
    return render_template("orders/studio_shipments.html", shipments=shipments_of(g.producer.id, statuses),
                           status=wanted)


@bp.get("/studio/shipments/<int:shipment_id>")
@studio_required
def studio_shipment(shipment_id):
    shipment = _shipment(shipment_id)
    order = shipment.order
    return render_template("orders/studio_shipment.html", shipment=shipment, order=order, ship_form=ShipForm(),
                           cancel_form=CancelShipmentForm(), confirm_form=ConfirmForm(),
                           can_mark_transfer=(order.payment_method == PaymentMethod.BANK_TRANSFER
                                              and order.awaits_payment
                                              and may_mark_transfer(current_user, order)))


@bp.post("/studio/shipments/<int:shipment_id>/<action>")
@studio_required
def studio_move(shipment_id, action):
    shipment = _shipment(shipment_id)
    if action not in PRODUCER_ACTIONS:
        abort(404)
    form = {"ship": ShipForm, "cancel": CancelShipmentForm}.get(action, ConfirmForm)()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("orders.studio_shipment", shipment_id=shipment.id))
    try:
        producer_move(current_user, shipment, action, now=utcnow(),
                      carrier=getattr(form, "carrier", None) and form.carrier.data,
                      tracking_number=getattr(form, "tracking_number", None) and form.tracking_number.data,
                      reason=getattr(form, "reason", None) and form.reason.data)
    except PermissionDenied:
        abort(404)
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Đã cập nhật kiện hàng."), "success")
    return redirect(url_for("orders.studio_shipment", shipment_id=shipment.id))
