"""Producers fulfil their parcels: a member of the shipment's producer confirms, ships,
delivers or cancels it, through the shipment state machine (orders.state), under the
order's row lock. Who may act is checked on the very record.
"""
from sqlalchemy.orm import selectinload

from marketplace.accounts.access import require_confirmed
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders import notifications
from marketplace.orders.locking import lock_order
from marketplace.orders.models import PaymentStatus, Shipment, ShipmentStatus
from marketplace.orders.state import move_shipment


PRODUCER_ACTIONS = {
    "confirm": ShipmentStatus.CONFIRMED,
    "ship": ShipmentStatus.SHIPPED,
    "deliver": ShipmentStatus.DELIVERED,
    "cancel": ShipmentStatus.CANCELLED,
}


def require_producer_member(user, producer_id):
    from marketplace.catalog.models import ProducerMember
    member = None
    if user is not None and getattr(user, "id", None):
        member = db.session.get(ProducerMember, (producer_id, user.id))
    if member is None or not user.is_active:
        raise PermissionDenied(_l("Bạn không quản lý chủ thể này."))
    require_confirmed(user)  # acting for a producer needs a confirmed address (accounts.access)


def shipments_of(producer_id, statuses=None, limit=200):
    query = (db.select(Shipment).where(Shipment.producer_id == producer_id)
             .options(selectinload(Shipment.order), selectinload(Shipment.items))
             .order_by(Shipment.id.desc()).limit(limit))
    if statuses:
        query = query.where(Shipment.status.in_(list(statuses)))
    return db.session.execute(query).scalars().all()


def producer_move(user, shipment, action, *, now, carrier=None, tracking_number=None, reason=None):
    """A member of the shipment's producer moves it: confirm, ship (carrier and tracking number),
    deliver (for cash on delivery: the cash is collected), or cancel (stock back, refund if paid)."""
    require_producer_member(user, shipment.producer_id)
    if action not in PRODUCER_ACTIONS:
        raise ValidationError(_l("Thao tác không hợp lệ."))
    with atomic():
        order = lock_order(shipment.order_id)
        shipment = db.session.execute(db.select(Shipment).where(Shipment.id == shipment.id)
                                      .execution_options(populate_existing=True)).scalar_one()
        before = order.payment_status
        move_shipment(shipment, PRODUCER_ACTIONS[action], now=now, carrier=carrier, tracking_number=tracking_number,
                      reason=reason or ("Chủ thể hủy kiện hàng" if action == "cancel" else None))
        notifications.shipment_changed(shipment)
        if before != order.payment_status and order.payment_status == PaymentStatus.PAID:
            notifications.payment_received(order)
    return shipment
