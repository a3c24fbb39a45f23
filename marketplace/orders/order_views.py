"""The buyer's orders: history, an order's page (payment, cancelling, reviews), and the
bank transfers an officer or producer confirms. Thin routes: another buyer's order
answers 404, exactly like one that does not exist.
"""
from datetime import timedelta

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.core import submissions
from marketplace.core.errors import DomainError
from marketplace.core.forms import MISSING_SUBMISSION, show_first
from marketplace.core.security import allow_csp_sources
from marketplace.core.timeutil import utcnow
from marketplace.orders import bp
from marketplace.orders.cancellation import cancel_order, may_cancel
from marketplace.orders.lookup import find_order, may_view_order, orders_of
from marketplace.orders.reviews import add_review, reviewable_items
from marketplace.orders.transfers import mark_transfer_received, may_mark_transfer, transfers_waiting
from marketplace.orders.cart_views import GUEST_ORDERS_KEY, _back_to, _remember_guest_order
from marketplace.orders.forms import CardPaymentForm, ConfirmForm, ReviewForm
from marketplace.orders.models import PaymentMethod
from marketplace.payments import services as payments


def _visible_order(reference):
    order = find_order(reference)
    keys = [(session.get(GUEST_ORDERS_KEY) or {}).get(order.reference)] if order is not None else []
    if not may_view_order(order, user=current_user, keys=keys):
        abort(404)
    return order


@bp.get("/orders")
@login_required
def history():
    return render_template("orders/history.html", orders=orders_of(current_user))


@bp.get("/orders/<reference>")
def order(reference):
    key = request.args.get("key")
    if key:  # the link of an e-mail: remember the key in this browser, then drop it from the address
        found = find_order(reference)
        if not may_view_order(found, keys=[key]):
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
    reviewable = reviewable_items(order, current_user)
    can_pay_card = (order.payment_method == PaymentMethod.CARD and order.awaits_payment
                    and order.expired_at is None and stripe_settings.enabled)
    if can_pay_card:  # Stripe.js, its frames and its API: allowed on this page only
        allow_csp_sources(**stripe_settings.csp_sources())
    return render_template(
        "orders/order.html", order=order, transfer=transfer, attempt=attempt, waiting=waiting, stripe=stripe_settings,
        can_pay_card=can_pay_card,
        can_cancel=may_cancel(order),
        can_mark_transfer=(order.payment_method == PaymentMethod.BANK_TRANSFER and order.awaits_payment
                           and may_mark_transfer(current_user, order)),
        reviewable=reviewable, review_form=ReviewForm(), confirm_form=ConfirmForm(), refunds=payments.refunds_of(order))


@bp.post("/orders/<reference>/cancel")
def cancel(reference):
    order = _visible_order(reference)
    if ConfirmForm().validate_on_submit():
        try:
            cancel_order(order, now=utcnow())
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
        add_review(current_user, order, int(form.product_id.data), rating=form.rating.data,
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
    order = find_order(reference)
    if order is None or not may_mark_transfer(current_user, order):
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            mark_transfer_received(current_user, order, now=utcnow())
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
    return render_template("orders/transfers.html", orders=transfers_waiting(), confirm_form=ConfirmForm())
