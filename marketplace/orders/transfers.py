"""Bank transfers received: an officer, or a member of the order's only producer, says
the money of an order paid by transfer arrived, and the order is paid.
"""
from marketplace.accounts.models import Role
from marketplace.core.errors import InvalidTransition, PermissionDenied
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders import notifications
from marketplace.orders.fulfilment import require_producer_member
from marketplace.orders.locking import lock_order
from marketplace.orders.models import Order, PaymentMethod, PaymentStatus
from marketplace.orders.state import move_payment


def may_mark_transfer(user, order):
    """An officer, or a member of the order's only producer (the transfer went to them alone)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.has_role(Role.OFFICER):
        return True
    producer_ids = {s.producer_id for s in order.shipments} | {b.producer_id for b in order.bookings}
    if len(producer_ids) != 1:
        return False
    try:
        require_producer_member(user, producer_ids.pop())
    except PermissionDenied:
        return False
    return True


def mark_transfer_received(user, order, *, now):
    """The bank transfer of `order` arrived: the order is paid."""
    if not may_mark_transfer(user, order):
        raise PermissionDenied(_l("Bạn không được xác nhận khoản chuyển khoản của đơn hàng này."))
    if order.payment_method != PaymentMethod.BANK_TRANSFER:
        raise InvalidTransition(_l("Đơn hàng này không thanh toán bằng chuyển khoản."))
    with atomic():
        order = lock_order(order.id)
        if order.is_cancelled:
            raise InvalidTransition(_l("Đơn hàng đã bị hủy; hãy hoàn lại khoản chuyển khoản cho người mua."))
        move_payment(order, PaymentStatus.PAID, now=now)
        notifications.payment_received(order)
    return order


def transfers_waiting(limit=200):
    return db.session.execute(
        db.select(Order).where(Order.payment_method == PaymentMethod.BANK_TRANSFER,
                               Order.payment_status == PaymentStatus.UNPAID, Order.expired_at.is_(None))
        .order_by(Order.placed_at).limit(limit)).scalars().all()
