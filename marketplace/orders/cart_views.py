"""The buyer's cart and checkout pages: thin routes over orders.cart and orders.checkout.

A guest's cart lives in the session, a signed-in buyer's in the database, and the two
are merged at sign-in. A guest's orders are remembered in the session by their keys,
so the checkout's browser can see the order it placed. Bad input is a message on the
page, never a 500.
"""
from flask import current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, user_logged_in

from marketplace.catalog.models import Product, Province
from marketplace.core import submissions
from marketplace.core.errors import DomainError, ValidationError
from marketplace.core.forms import attach_error, show_first
from marketplace.core.inputs import DB_BIGINT_MAX, parse_int, safe_next
from marketplace.core.templating import vnd
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db
from marketplace.orders import booking_cart, bp
from marketplace.orders import cart as cart_service  # its names are the routes here: cart, add_to_cart
from marketplace.orders.checkout import CheckoutRules, Contact, place_order
from marketplace.orders.forms import AddToCartForm, CartLineForm, CheckoutForm
from marketplace.orders.models import Order, PaymentMethod
from marketplace.payments import services as payments


CART_KEY = "cart"
BOOKINGS_KEY = "cart_bookings"
GUEST_ORDERS_KEY = "guest_orders"
MAX_GUEST_ORDERS = 20


# --- where the cart lives -------------------------------------------------------------

def _cart():
    if current_user.is_authenticated:
        return cart_service.user_cart(current_user.id)
    return cart_service.normalise_cart(session.get(CART_KEY))


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
        cart_service.save_user_cart(current_user.id, items, now=utcnow(), submission=submission)
    else:
        if submission is not None:
            cart_service.record_guest_cart_addition(submission, product_id)
        session[CART_KEY] = {str(k): v for k, v in items.items()}


@user_logged_in.connect
def _merge_guest_cart(app, user, **extra):
    """Signing in keeps what the guest put in the cart."""
    guest = session.pop(CART_KEY, None)
    if guest:
        cart_service.merge_carts(user.id, guest, now=utcnow())
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
    return CheckoutRules.from_config(current_app.config, payments.available_methods(current_app.config))


def _back_to(default):
    return safe_next(request.form.get("next"), default)


# --- cart -------------------------------------------------------------------------------

@bp.get("/cart")
def cart():
    summary = cart_service.summarise_cart(_cart(), bookings=_bookings())
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
        items = cart_service.add_to_cart(_cart(), int(form.product_id.data), form.quantity.data)
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
        items = cart_service.set_quantity(_cart(), int(form.product_id.data), form.quantity.data)
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
    needs_address = bool(cart_service.normalise_cart(items))
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
    summary = cart_service.summarise_cart(items, rules, province, bookings=bookings)
    if summary.is_empty:
        flash(_("Giỏ hàng đang trống."), "info")
        return redirect(url_for("orders.cart"))
    status = 200
    if placing and form.validate_on_submit():
        contact = Contact(name=form.name.data, phone=form.phone.data, email=form.email.data,
                          province=province, ward=form.ward.data or "", street=form.street.data or "",
                          note=form.note.data or "")
        expected = parse_int(form.expected_total.data, 0, DB_BIGINT_MAX)
        try:
            if expected is None:
                raise ValidationError(_("Phí giao hàng đã được tính theo địa chỉ của bạn; hãy kiểm tra tổng "
                                        "tiền rồi bấm “Đặt hàng” lần nữa."))
            order = place_order(items=items, contact=contact, payment_method=form.payment_method.data,
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
    """The checkout's summary for another province, without reloading the page (static/js/js):
    the summary's HTML as the page renders it, the new total, and a sentence for screen readers.
    The page's "Tính phí giao hàng" button does the same without JavaScript."""
    rules = _rules()
    province = _province(request.args.get("province"))
    summary = cart_service.summarise_cart(_cart(), rules, province, bookings=_bookings())
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
