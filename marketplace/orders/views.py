"""Cart, checkout, the buyer's orders, and the producers' shipments: thin routes.

They read the form, find the record the user may act on (another buyer's order
or another producer's shipment answers 404, exactly like one that does not
exist), call a service and render. A refused move is a message on the page,
never a 500. A guest's cart lives in the session; a signed-in buyer's in the
database, and the two are merged at sign-in.
"""
from datetime import timedelta

from flask import abort, current_app, flash, g, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, user_logged_in

from marketplace.catalog.models import Product, Province
from marketplace.core import submissions
from marketplace.core.errors import DomainError, PermissionDenied
from marketplace.core.security import allow_csp_sources
from marketplace.core.forms import MISSING_SUBMISSION, attach_error, show_first
from marketplace.core.inputs import DB_BIGINT_MAX, parse_int, safe_next
from marketplace.core.templating import vnd
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db
from marketplace.orders import bp, booking_cart, services
from marketplace.orders.forms import (AddToCartForm, CancelShipmentForm, CardPaymentForm, CartLineForm, CheckoutForm,
                                      ConfirmForm, ReviewForm, ShipForm)
from marketplace.orders.models import Order, PaymentMethod, Shipment, ShipmentStatus
from marketplace.payments import services as payments
from marketplace.studio.access import producer_record
from marketplace.studio.acting import studio_required

CART_KEY = "cart"
BOOKINGS_KEY = "cart_bookings"
GUEST_ORDERS_KEY = "guest_orders"
MAX_GUEST_ORDERS = 20


# --- where the cart lives -------------------------------------------------------------

def _cart():
    if current_user.is_authenticated:
        return services.user_cart(current_user.id)
    return services.normalise_cart(session.get(CART_KEY))


def _bookings():
    """The cart's bookings of services (booking_cart.BookingRequest)."""
    if current_user.is_authenticated:
        return booking_cart.user_bookings(current_user.id)
    return booking_cart.normalise_bookings(session.get(BOOKINGS_KEY))


def _store_bookings(bookings, submission=None, product_id=None):
    """Keep the cart's bookings; `submission`: the booking form's token (AlreadySubmitted on a repeat)."""
    if current_user.is_authenticated:
        booking_cart.save_user_bookings(current_user.id, bookings, now=utcnow(), submission=submission)
    else:
        if submission is not None:
            booking_cart.record_guest_booking(submission, product_id)
        session[BOOKINGS_KEY] = booking_cart.to_session(bookings)


def _store_cart(items, submission=None, product_id=None):
    """Keep the cart; `submission`: the add-to-cart form's token (AlreadySubmitted on a repeat)."""
    if current_user.is_authenticated:
        services.save_user_cart(current_user.id, items, now=utcnow(), submission=submission)
    else:
        if submission is not None:
            services.record_guest_cart_addition(submission, product_id)
        session[CART_KEY] = {str(k): v for k, v in items.items()}


@user_logged_in.connect
def _merge_guest_cart(app, user, **extra):
    """Signing in keeps what the guest put in the cart."""
    guest = session.pop(CART_KEY, None)
    if guest:
        services.merge_carts(user.id, guest, now=utcnow())
    guest_bookings = session.pop(BOOKINGS_KEY, None)
    if guest_bookings:
        booking_cart.merge_bookings(user.id, guest_bookings, now=utcnow())


@bp.app_context_processor
def _cart_count():
    def cart_count():
        try:
            return sum(_cart().values()) + len(_bookings())
        except Exception:  # a page (an error page too) must not fail on its header
            db.session.rollback()
            return 0
    return {"cart_count": cart_count}


def _rules():
    return services.CheckoutRules.from_config(current_app.config, payments.available_methods(current_app.config))


def _back_to(default):
    return safe_next(request.form.get("next"), default)


# --- cart -------------------------------------------------------------------------------

@bp.get("/cart")
def cart():
    summary = services.summarise_cart(_cart(), bookings=_bookings())
    return render_template("orders/cart.html", summary=summary, line_form=CartLineForm())


@bp.post("/cart/add")
def add_to_cart():
    form = AddToCartForm()
    fallback = url_for("orders.cart")
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(_back_to(fallback))
    try:
        items = services.add_to_cart(_cart(), int(form.product_id.data), form.quantity.data)
        _store_cart(items, submission=form.submission_token, product_id=int(form.product_id.data))
    except submissions.AlreadySubmitted as done:  # a double tap: the units were added once
        return show_first(done, fallback)
    except (DomainError, ValueError) as error:
        flash(str(getattr(error, "message", _("Sản phẩm này hiện không được bán."))), "error")
        return redirect(_back_to(fallback))
    product = db.session.get(Product, int(form.product_id.data))
    flash(_("Đã thêm “%(name)s” vào giỏ hàng.", name=product.name), "success")
    return redirect(fallback)


@bp.post("/cart/update")
def update_cart():
    form = CartLineForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("orders.cart"))
    try:
        items = services.set_quantity(_cart(), int(form.product_id.data), form.quantity.data)
    except (DomainError, ValueError) as error:
        flash(str(getattr(error, "message", _("Yêu cầu không hợp lệ."))), "error")
    else:
        _store_cart(items)
        flash(_("Đã cập nhật giỏ hàng."), "success")
    return redirect(url_for("orders.cart"))


# --- checkout ---------------------------------------------------------------------------

def _province(slug):
    if not slug:
        return None
    return db.session.execute(db.select(Province).where(Province.slug == str(slug))).scalar_one_or_none()


@bp.route("/checkout", methods=["GET", "POST"])
def checkout():
    rules = _rules()
    items, bookings = _cart(), _bookings()
    needs_address = bool(services.normalise_cart(items))
    form = CheckoutForm(methods=rules.methods, needs_address=needs_address, services=bool(bookings))
    if request.method == "GET":
        if current_user.is_authenticated:
            form.name.data = form.name.data or current_user.full_name
            form.email.data = form.email.data or current_user.email
            form.phone.data = form.phone.data or current_user.phone
        form.payment_method.data = form.payment_method.data or PaymentMethod.COD.value
    placing = request.method == "POST" and "refresh" not in request.form
    if placing:  # the same form again (a double tap, a reload): its order was placed, the cart emptied
        try:
            submissions.check(form.submission_token, "order")
        except submissions.AlreadySubmitted as done:
            return _first_order(done)
        except DomainError as error:
            flash(str(error.message), "error")
            return redirect(url_for("orders.checkout"))
    province = _province(form.province.data) if needs_address else None
    summary = services.summarise_cart(items, rules, province, bookings=bookings)
    if summary.is_empty:
        flash(_("Giỏ hàng đang trống."), "info")
        return redirect(url_for("orders.cart"))
    status = 200
    if placing and form.validate_on_submit():
        contact = services.Contact(name=form.name.data, phone=form.phone.data, email=form.email.data,
                                   province=province, ward=form.ward.data or "", street=form.street.data or "",
                                   note=form.note.data or "")
        expected = parse_int(form.expected_total.data, 0, DB_BIGINT_MAX)
        try:
            if expected is None:
                raise services.ValidationError(_("Phí giao hàng đã được tính theo địa chỉ của bạn; hãy kiểm tra tổng "
                                                 "tiền rồi bấm “Đặt hàng” lần nữa."))
            order = services.place_order(items=items, contact=contact, payment_method=form.payment_method.data,
                                         rules=rules, now=utcnow(),
                                         user=current_user if current_user.is_authenticated else None,
                                         expected_total=expected, submission=form.submission_token,
                                         bookings=bookings)
        except submissions.AlreadySubmitted as done:
            return _first_order(done)
        except DomainError as error:
            attach_error(form, error)
            status = 400
        else:
            if not current_user.is_authenticated:
                session.pop(CART_KEY, None)
                session.pop(BOOKINGS_KEY, None)
                _remember_guest_order(order)
            flash(_("Đã đặt hàng. Mã đơn hàng của bạn là %(ref)s.", ref=order.reference), "success")
            return redirect(url_for("orders.order", reference=order.reference))
    elif placing:
        status = 400
    form.expected_total.data = str(summary.total) if summary.total is not None else ""
    return render_template("orders/checkout.html", form=form, summary=summary, rules=rules), status


@bp.get("/checkout/fees")
def checkout_fees():
    """The checkout's summary for another province, without reloading the page (static/js/checkout.js):
    the summary's HTML as the page renders it, the new total, and a sentence for screen readers.
    The page's "Tính phí giao hàng" button does the same without JavaScript."""
    rules = _rules()
    province = _province(request.args.get("province"))
    summary = services.summarise_cart(_cart(), rules, province, bookings=_bookings())
    if summary.total is None:
        announce = _("Chọn tỉnh, thành phố để tính phí giao hàng.")
    else:
        announce = _("Phí giao hàng %(fee)s. Tổng cộng %(total)s.", fee=vnd(summary.shipping_total),
                     total=vnd(summary.total))
    return jsonify(html=render_template("orders/_checkout_summary.html", summary=summary),
                   total=summary.total, expected_total=str(summary.total) if summary.total is not None else "",
                   announce=announce)


def _first_order(done):
    """The checkout form was sent before: show the order it placed. Holding the form's token
    shows this browser sent it, so a guest gets the order's key, as after the first answer
    (whose cookie a concurrent second answer may have overwritten)."""
    order = db.session.get(Order, done.record_id)
    if order.user_id is None and not current_user.is_authenticated:
        session.pop(CART_KEY, None)
        session.pop(BOOKINGS_KEY, None)
        _remember_guest_order(order)
    return show_first(done, url_for("orders.order", reference=order.reference))


def _remember_guest_order(order):
    known = dict(session.get(GUEST_ORDERS_KEY) or {})
    known[order.reference] = order.access_token
    session[GUEST_ORDERS_KEY] = dict(list(known.items())[-MAX_GUEST_ORDERS:])


# --- the buyer's orders ---------------------------------------------------------------------

def _visible_order(reference):
    order = services.find_order(reference)
    keys = [(session.get(GUEST_ORDERS_KEY) or {}).get(order.reference)] if order is not None else []
    if not services.may_view_order(order, user=current_user, keys=keys):
        abort(404)
    return order


@bp.get("/orders")
@login_required
def history():
    return render_template("orders/history.html", orders=services.orders_of(current_user))


@bp.get("/orders/<reference>")
def order(reference):
    key = request.args.get("key")
    if key:  # the link of an e-mail: remember the key in this browser, then drop it from the address
        found = services.find_order(reference)
        if not services.may_view_order(found, keys=[key]):
            abort(404)
        _remember_guest_order(found)
        return redirect(url_for("orders.order", reference=found.reference))
    order = _visible_order(reference)
    config = current_app.config
    stripe_settings = payments.StripeSettings.from_config(config)
    transfer = None
    if order.payment_method == PaymentMethod.BANK_TRANSFER and order.awaits_payment and order.expired_at is None:
        transfer = payments.transfer_details(order, config)
    attempt = payments.latest_attempt(order) if order.payment_method == PaymentMethod.CARD else None
    # A card payment whose webhook has not come yet: the page refreshes itself for a few minutes.
    waiting = (attempt is not None and attempt.status.value == "pending" and order.awaits_payment
               and attempt.created_at > utcnow() - timedelta(minutes=10))
    reviewable = services.reviewable_items(order, current_user)
    can_pay_card = (order.payment_method == PaymentMethod.CARD and order.awaits_payment
                    and order.expired_at is None and stripe_settings.enabled)
    if can_pay_card:  # Stripe.js, its frames and its API: allowed on this page only
        allow_csp_sources(**stripe_settings.csp_sources())
    return render_template(
        "orders/order.html", order=order, transfer=transfer, attempt=attempt, waiting=waiting, stripe=stripe_settings,
        can_pay_card=can_pay_card,
        can_cancel=services.may_cancel(order),
        can_mark_transfer=(order.payment_method == PaymentMethod.BANK_TRANSFER and order.awaits_payment
                           and services.may_mark_transfer(current_user, order)),
        reviewable=reviewable, review_form=ReviewForm(), confirm_form=ConfirmForm(), refunds=payments.refunds_of(order))


@bp.post("/orders/<reference>/cancel")
def cancel(reference):
    order = _visible_order(reference)
    if ConfirmForm().validate_on_submit():
        try:
            services.cancel_order(order, now=utcnow())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã hủy đơn hàng %(ref)s.", ref=order.reference), "success")
    return redirect(url_for("orders.order", reference=order.reference))


@bp.post("/orders/<reference>/pay/card")
def pay_card(reference):
    """Called by the card form's script: charge the card; JSON with what the page does next."""
    order = _visible_order(reference)
    form = CardPaymentForm()
    if not form.validate_on_submit():
        message = MISSING_SUBMISSION if "csrf_token" not in form.errors else \
            _("Phiên làm việc đã hết hạn. Vui lòng tải lại trang.")
        return jsonify(error=str(message), submission=submissions.new_token()), 400
    settings = payments.StripeSettings.from_config(current_app.config)
    try:
        attempt, intent = payments.start_card_payment(order, form.payment_method.data, settings=settings,
                                                      now=utcnow(), submission=form.submission_token)
    except submissions.AlreadySubmitted:  # this very form made an attempt: the order page tells how it went
        return jsonify(status="submitted", redirect=url_for("orders.order", reference=order.reference))
    except DomainError as error:  # the next try is another attempt: it gets its own token
        return jsonify(error=str(error.message), submission=submissions.new_token()), 400
    # `submission`: the token of another attempt, should the buyer give up 3-D Secure and try again.
    return jsonify(status=intent.status, client_secret=intent.client_secret, submission=submissions.new_token(),
                   redirect=url_for("orders.order", reference=order.reference))


@bp.post("/orders/<reference>/reviews")
@login_required
def review(reference):
    order = _visible_order(reference)
    form = ReviewForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("orders.order", reference=order.reference))
    try:
        services.add_review(current_user, order, int(form.product_id.data), rating=form.rating.data,
                            body=form.body.data, now=utcnow(), submission=form.submission_token)
    except submissions.AlreadySubmitted as done:
        return show_first(done, url_for("orders.order", reference=order.reference))
    except (DomainError, ValueError) as error:
        flash(str(getattr(error, "message", _("Yêu cầu không hợp lệ."))), "error")
    else:
        flash(_("Cảm ơn bạn đã đánh giá!"), "success")
    return redirect(url_for("orders.order", reference=order.reference))


@bp.post("/orders/<reference>/transfer-received")
@login_required
def transfer_received(reference):
    order = services.find_order(reference)
    if order is None or not services.may_mark_transfer(current_user, order):
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            services.mark_transfer_received(current_user, order, now=utcnow())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã ghi nhận khoản chuyển khoản của đơn %(ref)s.", ref=order.reference), "success")
    return redirect(_back_to(url_for("orders.transfers") if current_user.has_role("officer")
                             else url_for("orders.studio_shipments")))


@bp.get("/orders/transfers")
@login_required
def transfers():
    if not current_user.has_role("officer"):
        abort(403)
    return render_template("orders/transfers.html", orders=services.transfers_waiting(), confirm_form=ConfirmForm())


# --- the producer's shipments ------------------------------------------------------------------

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
    return render_template("orders/studio_shipments.html", shipments=services.shipments_of(g.producer.id, statuses),
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
                                              and services.may_mark_transfer(current_user, order)))


@bp.post("/studio/shipments/<int:shipment_id>/<action>")
@studio_required
def studio_move(shipment_id, action):
    shipment = _shipment(shipment_id)
    if action not in services.PRODUCER_ACTIONS:
        abort(404)
    form = {"ship": ShipForm, "cancel": CancelShipmentForm}.get(action, ConfirmForm)()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("orders.studio_shipment", shipment_id=shipment.id))
    try:
        services.producer_move(current_user, shipment, action, now=utcnow(),
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
