"""The two ways a whole order is cancelled: the buyer cancels it while nothing has left, or
an unpaid order's reservation runs out (`expire_orders`, run by `flask orders expire`).

Either way every parcel and booking still standing moves to cancelled through its state
machine (orders.state, orders.bookings), which gives the stock or places back and refunds
what was paid; each order changes under its row lock (orders.locking).
"""
from marketplace.core.errors import InvalidTransition
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders import notifications
from marketplace.orders.bookings import move_booking
from marketplace.orders.locking import lock_order
from marketplace.orders.models import BookingStatus, Order, PaymentStatus, ShipmentStatus
from marketplace.orders.state import move_shipment


def may_cancel(order):
    """The buyer may cancel while nothing has left and no stay has been used: every parcel placed
    or confirmed, every booking requested or confirmed."""
    if order.is_cancelled:
        return False
    return (all(s.status in (ShipmentStatus.PLACED, ShipmentStatus.CONFIRMED) for s in order.live_shipments)
            and all(b.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED) for b in order.live_bookings))


def cancel_order(order, *, now, reason=None):
    """The buyer cancels: every parcel and booking still waiting is cancelled, its stock or places
    released and, if paid, refunded. Refused once a parcel has left or a booking was used."""
    with atomic():
        order = lock_order(order.id)
        if order.is_cancelled:
            raise InvalidTransition(_l("Đơn hàng này đã được hủy."))
        if not may_cancel(order):
            raise InvalidTransition(_l("Không thể hủy: đã có kiện hàng được gửi đi hoặc dịch vụ đã được sử dụng."))
        for shipment in order.live_shipments:
            move_shipment(shipment, ShipmentStatus.CANCELLED, now=now, reason=reason or "Người mua hủy đơn")
        for booking in order.live_bookings:
            move_booking(booking, BookingStatus.CANCELLED, now=now, reason=reason or "Người mua hủy đơn")
        notifications.order_cancelled(order)
    return order


# --- unpaid orders expire -------------------------------------------------------------

def expire_orders(*, now, limit=500):
    """Cancel unpaid orders whose reservation ran out and give their stock back; returns how many.

    Each order is its own transaction under its row lock, so a payment confirmed at
    the same moment is seen (a paid order is left alone)."""
    due = db.session.execute(
        db.select(Order.id).where(Order.payment_status == PaymentStatus.UNPAID, Order.expires_at.is_not(None),
                                  Order.expires_at <= now, Order.expired_at.is_(None))
        .order_by(Order.expires_at).limit(limit)).scalars().all()
    db.session.rollback()
    expired = 0
    for order_id in due:
        with atomic():
            order = lock_order(order_id)
            if order.payment_status != PaymentStatus.UNPAID or order.expired_at is not None:
                continue
            order.expired_at = now
            for shipment in order.live_shipments:
                move_shipment(shipment, ShipmentStatus.CANCELLED, now=now, reason="Hết hạn thanh toán")
            for booking in order.live_bookings:
                move_booking(booking, BookingStatus.CANCELLED, now=now, reason="Hết hạn thanh toán")
            notifications.order_expired(order)
            expired += 1
    return expired
