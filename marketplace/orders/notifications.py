"""What the orders domain tells buyers and producers by e-mail, in Vietnamese.

Each function composes one kind of message from templates/email/order_*.txt and
queues it through `core.mail.queue`: an outbox row in the caller's transaction,
so a message leaves only for an order that was really written.
"""
from flask import render_template
from flask_babel import force_locale

from marketplace.core import mail
from marketplace.core.money import format_vnd
from marketplace.core.urls import external_url
from marketplace.studio.notifications import producer_recipients


def _render(template, **context):
    with force_locale("vi"):
        return render_template(f"email/{template}.txt", vnd_vi=lambda n: format_vnd(n, "vi"), **context).strip() + "\n"


def order_url(order):
    """The buyer's link to their order; the key lets a guest open it from the e-mail."""
    return external_url("orders.order", reference=order.reference, key=order.access_token)


def _to_buyer(order, topic, subject, template, **context):
    mail.queue(order.email, subject, _render(template, order=order, order_url=order_url(order), **context),
               topic=topic)


def order_placed(order):
    _to_buyer(order, "order.placed", f"Chợ OCOP: đã nhận đơn hàng {order.reference}", "order_placed")
    for shipment in order.shipments:
        mail.queue(producer_recipients(shipment.producer),
                   f"Chợ OCOP: đơn hàng mới {order.reference}",
                   _render("order_new_for_producer", order=order, shipment=shipment,
                           shipment_url=external_url("orders.studio_shipment", shipment_id=shipment.id)),
                   topic="order.new_for_producer")
    for booking in order.bookings:
        mail.queue(producer_recipients(booking.producer),
                   f"Chợ OCOP: lượt đặt mới {booking.product_name} ({order.reference})",
                   _render("booking_new_for_producer", order=order, booking=booking,
                           booking_url=external_url("orders.studio_booking", booking_id=booking.id)),
                   topic="booking.new_for_producer")


_BOOKING_SUBJECTS = {
    "confirmed": "Lượt đặt {name} của đơn {ref} đã được xác nhận",
    "declined": "Lượt đặt {name} của đơn {ref} không được nhận",
    "completed": "Cảm ơn bạn đã sử dụng {name} (đơn {ref})",
    "cancelled": "Lượt đặt {name} của đơn {ref} đã bị hủy",
}


def booking_changed(booking):
    order = booking.order
    status = booking.status.value
    _to_buyer(order, f"booking.{status}",
              _BOOKING_SUBJECTS[status].format(name=booking.product_name, ref=order.reference),
              "booking_status", booking=booking, status=status)


_SHIPMENT_SUBJECTS = {
    "confirmed": "Kiện hàng của đơn {ref} đã được xác nhận",
    "shipped": "Kiện hàng của đơn {ref} đang được giao",
    "delivered": "Kiện hàng của đơn {ref} đã giao thành công",
    "cancelled": "Kiện hàng của đơn {ref} đã bị hủy",
}


def shipment_changed(shipment):
    order = shipment.order
    status = shipment.status.value
    _to_buyer(order, f"shipment.{status}", _SHIPMENT_SUBJECTS[status].format(ref=order.reference),
              "order_shipment_status", shipment=shipment, status=status)


def order_cancelled(order):
    _to_buyer(order, "order.cancelled", f"Chợ OCOP: đơn hàng {order.reference} đã được hủy", "order_cancelled")
    for shipment in order.shipments:
        mail.queue(producer_recipients(shipment.producer), f"Chợ OCOP: đơn hàng {order.reference} đã bị hủy",
                   _render("order_cancelled_for_producer", order=order, shipment=shipment), topic="order.cancelled")
    for booking in order.bookings:
        mail.queue(producer_recipients(booking.producer), f"Chợ OCOP: lượt đặt của đơn {order.reference} đã bị hủy",
                   _render("booking_cancelled_for_producer", order=order, booking=booking), topic="order.cancelled")


def order_expired(order):
    _to_buyer(order, "order.expired", f"Chợ OCOP: đơn hàng {order.reference} đã hết hạn thanh toán",
              "order_expired")


def payment_received(order):
    _to_buyer(order, "order.paid", f"Chợ OCOP: đã nhận thanh toán đơn hàng {order.reference}", "order_paid")


def payment_failed(order, message):
    _to_buyer(order, "order.payment_failed", f"Chợ OCOP: thanh toán đơn hàng {order.reference} chưa thành công",
              "order_payment_failed", message=message)


def duplicate_payment_refunded(order, amount):
    """The order was paid twice by card (two attempts both went through): the second goes back."""
    _to_buyer(order, "order.duplicate_refunded", f"Chợ OCOP: hoàn lại khoản thanh toán trùng của đơn {order.reference}",
              "order_duplicate_refunded", amount=amount)
