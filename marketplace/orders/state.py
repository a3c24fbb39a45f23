"""The state machines of an order's parcels and payment, and the stock that follows them
(a booking's machine, and the places it holds, are in orders.bookings).

Shipment (one per producer parcel):

    placed ──► confirmed ──► shipped ──► delivered
       │            │
       └────────────┴──► cancelled

Payment (one per order):  unpaid ──► paid ──► refunded

`move_shipment` and `move_payment` are the only functions that change either
state; a move not in the tables raises InvalidTransition and changes nothing.
They neither commit nor check who acts: the services (orders.checkout, orders.fulfilment,
orders.cancellation, orders.transfers, payments.services) do that, inside one transaction.

Stock: the units of an order are taken from `Product.stock` when it is placed
(`reserve_stock`: a conditional UPDATE ... WHERE stock >= qty, so two buyers of
the last unit cannot both get it, and stock never goes below zero) and given
back when a shipment is cancelled (`release_stock`), whether by the buyer, the
producer or the expiry of an unpaid order.
"""
from sqlalchemy import update

from marketplace.catalog.models import Product, ProductStatus
from marketplace.core import outbox
from marketplace.core.errors import InvalidTransition
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.extensions import db
from marketplace.orders.models import PaymentMethod, PaymentStatus, Shipment, ShipmentStatus

SHIPMENT_TRANSITIONS = {
    ShipmentStatus.PLACED: {ShipmentStatus.CONFIRMED, ShipmentStatus.CANCELLED},
    ShipmentStatus.CONFIRMED: {ShipmentStatus.SHIPPED, ShipmentStatus.CANCELLED},
    ShipmentStatus.SHIPPED: {ShipmentStatus.DELIVERED},
    ShipmentStatus.DELIVERED: set(),
    ShipmentStatus.CANCELLED: set(),
}

PAYMENT_TRANSITIONS = {
    PaymentStatus.UNPAID: {PaymentStatus.PAID},
    PaymentStatus.PAID: {PaymentStatus.REFUNDED},
    PaymentStatus.REFUNDED: set(),
}

REFUND_TOPIC = "payments.refund"


def shipment_label(status):
    return {
        ShipmentStatus.PLACED: _l("Đã đặt"),
        ShipmentStatus.CONFIRMED: _l("Đã xác nhận"),
        ShipmentStatus.SHIPPED: _l("Đang giao"),
        ShipmentStatus.DELIVERED: _l("Đã giao"),
        ShipmentStatus.CANCELLED: _l("Đã hủy"),
    }[ShipmentStatus(status)]


def payment_label(status):
    return {
        PaymentStatus.UNPAID: _l("Chưa thanh toán"),
        PaymentStatus.PAID: _l("Đã thanh toán"),
        PaymentStatus.REFUNDED: _l("Đã hoàn tiền"),
    }[PaymentStatus(status)]


def method_label(method, *, goods=True, services=False):
    """How a method reads for this order: cash is paid on delivery for parcels and on arrival for
    services (both, in an order that has both)."""
    method = PaymentMethod(method)
    if method == PaymentMethod.COD and services:
        return _l("Thanh toán khi nhận hàng (COD) hoặc khi đến nơi") if goods else _l("Thanh toán khi đến nơi")
    return {
        PaymentMethod.CARD: _l("Thẻ ngân hàng (Visa, Mastercard…)"),
        PaymentMethod.COD: _l("Thanh toán khi nhận hàng (COD)"),
        PaymentMethod.BANK_TRANSFER: _l("Chuyển khoản ngân hàng (VietQR)"),
    }[method]


def move_payment(order, to_status, *, now):
    """unpaid → paid → refunded; anything else is refused."""
    to_status = PaymentStatus(to_status)
    if to_status not in PAYMENT_TRANSITIONS[order.payment_status]:
        raise InvalidTransition(_l("Không thể chuyển trạng thái thanh toán từ “%(from)s” sang “%(to)s”.",
                                   **{"from": payment_label(order.payment_status), "to": payment_label(to_status)}))
    order.payment_status = to_status
    if to_status == PaymentStatus.PAID:
        order.paid_at = now
    elif to_status == PaymentStatus.REFUNDED:
        order.refunded_at = now


def move_shipment(shipment, to_status, *, now, reason=None, carrier=None, tracking_number=None):
    """Move one parcel along SHIPMENT_TRANSITIONS, with what each state needs.

    Shipping a parcel of an order paid by card or transfer needs the money first;
    cancelling gives the stock back and, when the order was paid, refunds that
    parcel (through the outbox); delivering a cash-on-delivery parcel records the
    cash collected, and the order is paid once every parcel's cash is in.
    """
    to_status = ShipmentStatus(to_status)
    order = shipment.order
    if to_status not in SHIPMENT_TRANSITIONS[shipment.status]:
        raise InvalidTransition(_l("Không thể chuyển kiện hàng từ “%(from)s” sang “%(to)s”.",
                                   **{"from": shipment_label(shipment.status), "to": shipment_label(to_status)}))
    if to_status == ShipmentStatus.SHIPPED:
        if order.payment_method != PaymentMethod.COD and order.payment_status != PaymentStatus.PAID:
            raise InvalidTransition(_l("Đơn hàng chưa được thanh toán: chỉ giao hàng sau khi đã nhận tiền."))
        if not (carrier or "").strip() or not (tracking_number or "").strip():
            raise InvalidTransition(_l("Cần nhập đơn vị vận chuyển và mã vận đơn."))
        shipment.carrier, shipment.tracking_number = carrier.strip()[:80], tracking_number.strip()[:80]
        shipment.shipped_at = now
    elif to_status == ShipmentStatus.CONFIRMED:
        shipment.confirmed_at = now
    elif to_status == ShipmentStatus.DELIVERED:
        shipment.delivered_at = now
        if order.payment_method == PaymentMethod.COD:
            shipment.cash_collected_at = now
    elif to_status == ShipmentStatus.CANCELLED:
        shipment.cancelled_at = now
        shipment.cancel_reason = (reason or "")[:300] or None
        release_stock(shipment)
    shipment.status = to_status

    if to_status == ShipmentStatus.CANCELLED and order.payment_status == PaymentStatus.PAID:
        refund(order, shipment, now=now)
    settle_cash_payment(order, now=now)


def settle_cash_payment(order, *, now):
    """Cash on delivery (or pay on arrival): the order is paid once the cash of every parcel and
    booking still standing is in — whichever move (a delivery, a completed stay, the
    cancellation of the last one still waiting) brings it there."""
    if order.payment_method != PaymentMethod.COD or order.payment_status != PaymentStatus.UNPAID:
        return
    live = [*order.live_shipments, *order.live_bookings]
    if live and all(part.cash_collected_at is not None for part in live):
        move_payment(order, PaymentStatus.PAID, now=now)


def refund(order, part, *, now):
    """Give back what a cancelled parcel or booking cost; the order is refunded once nothing is left
    to deliver or to host."""
    amount = part.total
    if order.is_cancelled:  # the last part: everything that was paid and not yet returned
        amount = order.total - order.refunded_amount
    if amount > 0:
        order.refunded_amount += amount
        payload = {"order_id": order.id, "amount": amount, "method": order.payment_method.value}
        if isinstance(part, Shipment):
            payload["shipment_id"] = part.id
        else:
            payload["key"] = f"order-{order.id}-booking-{part.id}"
        outbox.enqueue(REFUND_TOPIC, payload)
    if order.is_cancelled:
        move_payment(order, PaymentStatus.REFUNDED, now=now)


class OutOfStock(Exception):
    """Raised inside placement when a product has fewer units than asked; carries the product id."""

    def __init__(self, product_id):
        super().__init__(product_id)
        self.product_id = product_id


def reserve_stock(quantities):
    """Take `{product_id: quantity}` from stock, lowest product id first (so concurrent
    orders lock rows in one order and cannot deadlock); OutOfStock if one is short.

    Each row is changed only if it still has enough: the database checks and
    subtracts in one statement, under the row's lock.
    """
    for product_id in sorted(quantities):
        quantity = quantities[product_id]
        result = db.session.execute(
            update(Product)
            .where(Product.id == product_id, Product.stock >= quantity, Product.status == ProductStatus.ACTIVE)
            .values(stock=Product.stock - quantity)
            .execution_options(synchronize_session=False))
        if result.rowcount != 1:
            raise OutOfStock(product_id)


def release_stock(shipment):
    """Give a cancelled parcel's units back to stock."""
    for item in shipment.items:
        db.session.execute(update(Product).where(Product.id == item.product_id)
                           .values(stock=Product.stock + item.quantity)
                           .execution_options(synchronize_session=False))
