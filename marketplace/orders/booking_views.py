"""Booking services: the product page's booking form into the cart, and the producer's
booking pages and service settings in the studio. Thin routes, like orders.order_views: another
producer's booking or product answers 404, a refused move is a message on the page.
"""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.catalog.models import Product
from marketplace.core import submissions
from marketplace.core.errors import DomainError, PermissionDenied
from marketplace.core.forms import show_first
from marketplace.core.inputs import parse_int
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.extensions import db
from marketplace.orders import booking_cart, booking_services, bp
from marketplace.orders.forms import (BookingForm, BookingReasonForm, ConfirmForm, RemoveBookingForm, ServiceDayForm,
                                      ServiceTermsForm)
from marketplace.orders.kinds import is_service, terms_for
from marketplace.orders.models import Booking, BookingStatus, PaymentMethod
from marketplace.orders.shipment_views import _own, _status_filter
from marketplace.orders.transfers import may_mark_transfer
from marketplace.orders.cart_views import _back_to, _bookings, _store_bookings
from marketplace.studio.access import producer_record
from marketplace.studio.acting import studio_required


def _flash_errors(form):
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")


@bp.post("/cart/book")
def book():
    """Put a booking of a service (a date or nights, guests) in the cart."""
    product = db.session.get(Product, parse_int(request.form.get("product_id"), 1) or 0)
    fallback = url_for("orders.cart")
    form = BookingForm(terms=terms_for(product) if product is not None else None)
    if product is None or not form.validate_on_submit():
        _flash_errors(form)
        return redirect(_back_to(fallback))
    try:
        bookings = booking_cart.add_booking(_bookings(), product.id, starts_on=form.starts_on.data,
                                            ends_on=form.ends_on.data, quantity=form.quantity.data,
                                            people=form.people.data, today=vn_today())
        _store_bookings(bookings, submission=form.submission_token, product_id=product.id)
    except submissions.AlreadySubmitted as done:  # a double tap: booked once
        return show_first(done, fallback)
    except DomainError as error:
        flash(str(error.message), "error")
        return redirect(_back_to(fallback))
    flash(_("Đã thêm lượt đặt “%(name)s” vào giỏ hàng.", name=product.name), "success")
    return redirect(fallback)


@bp.post("/cart/bookings/remove")
def remove_booking():
    form = RemoveBookingForm()
    if form.validate_on_submit():
        try:
            _store_bookings(booking_cart.remove_booking(_bookings(), int(form.product_id.data), form.starts_on.data))
        except ValueError:
            pass
        else:
            flash(_("Đã bỏ lượt đặt khỏi giỏ hàng."), "success")
    return redirect(url_for("orders.cart"))


# --- the producer's bookings ------------------------------------------------------------

def _booking(booking_id):
    return _own(Booking, booking_id)


@bp.get("/studio/bookings")
@studio_required
def studio_bookings():
    wanted, statuses = _status_filter(BookingStatus)
    return render_template("orders/studio_bookings.html",
                           bookings=booking_services.bookings_of(g.producer.id, statuses), status=wanted)


@bp.get("/studio/bookings/<int:booking_id>")
@studio_required
def studio_booking(booking_id):
    booking = _booking(booking_id)
    order = booking.order
    return render_template("orders/studio_booking.html", booking=booking, order=order,
                           reason_form=BookingReasonForm(), today=vn_today(),
                           can_mark_transfer=(order.payment_method == PaymentMethod.BANK_TRANSFER
                                              and order.awaits_payment and may_mark_transfer(current_user, order)))


@bp.post("/studio/bookings/<int:booking_id>/<action>")
@studio_required
def studio_booking_move(booking_id, action):
    booking = _booking(booking_id)
    if action not in booking_services.PRODUCER_ACTIONS:
        abort(404)
    form = BookingReasonForm() if action in booking_services.NEEDS_REASON else ConfirmForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return redirect(url_for("orders.studio_booking", booking_id=booking.id))
    try:
        booking_services.producer_booking_move(current_user, booking, action, now=utcnow(),
                                               reason=getattr(form, "reason", None) and form.reason.data)
    except PermissionDenied:
        abort(404)
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Đã cập nhật lượt đặt."), "success")
    return redirect(url_for("orders.studio_booking", booking_id=booking.id))


# --- how a service is booked (on the studio's product page) --------------------------------

def _service_product(product_id):
    product = producer_record(current_user, Product, product_id, lambda p: p.producer_id)
    if product is None or product.producer_id != g.producer.id or not is_service(product):
        abort(404)
    return product


def _to_product(product):
    return redirect(url_for("studio.edit_product", product_id=product.id, _anchor="service"))


@bp.post("/studio/products/<int:product_id>/service")
@studio_required
def service_terms(product_id):
    product = _service_product(product_id)
    form = ServiceTermsForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _to_product(product)
    try:
        booking_services.save_terms(current_user, product, counts=form.counts.data, by_night=form.by_night.data)
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Đã lưu cách đặt chỗ của dịch vụ."), "success")
    return _to_product(product)


@bp.post("/studio/products/<int:product_id>/service/<any(close, open):change>")
@studio_required
def service_day(product_id, change):
    product = _service_product(product_id)
    form = ServiceDayForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _to_product(product)
    move = booking_services.close_day if change == "close" else booking_services.open_day
    try:
        move(current_user, product, form.day.data, today=vn_today())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Đã đóng ngày %(day)s.", day=form.day.data.strftime("%d/%m/%Y")) if change == "close"
              else _("Đã mở lại ngày %(day)s.", day=form.day.data.strftime("%d/%m/%Y")), "success")
    return _to_product(product)
