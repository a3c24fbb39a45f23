"""Connections between a buyer organisation and a producer: asking from a match, answering,
withdrawing, and the message thread once both sides agreed.

Contact details reach a page or a JSON answer only through `services.connections.visible_contacts`."""
from flask import abort, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import confirmed_required
from marketplace.core.errors import DomainError
from marketplace.core.forms import show_first, stale_submission
from marketplace.core.submissions import AlreadySubmitted
from marketplace.extensions import db, limiter
from marketplace.matching import access, bp
from marketplace.matching.forms import AnswerForm, ConfirmForm, ConnectForm, MessageForm
from marketplace.matching.models import ConnectionStatus, Demand, Offer, PostStatus, Side
from marketplace.matching.services import connections as connection_services
from marketplace.matching.views.acting import connection_limit, message_limit, own_connection, user_key


@bp.post("/connect")
@confirmed_required
@limiter.limit(connection_limit, key_func=user_key)
def connect():
    form = ConnectForm()
    valid = form.validate_on_submit()
    if not valid and set(form.errors) != {"submission"}:
        abort(400)
    try:
        side = Side(form.side.data)
        demand_row = db.session.get(Demand, int(form.demand_id.data))
        offer_row = db.session.get(Offer, int(form.offer_id.data))
    except ValueError:
        abort(400)
    if demand_row is None or offer_row is None:
        abort(404)
    own = demand_row if side is Side.BUYER else offer_row
    if side is Side.BUYER and not access.is_buyer_member(current_user, own.buyer_id):
        abort(404)
    if side is Side.PRODUCER and not access.is_producer_member(current_user, own.producer_id):
        abort(404)
    back = url_for("matching.demand", demand_id=demand_row.id) if side is Side.BUYER else \
        url_for("matching.offer", offer_id=offer_row.id)
    if not valid and stale_submission(form):  # only the token is missing: nothing sent, back to the page
        return redirect(back)
    if side is Side.BUYER and offer_row.status is not PostStatus.OPEN or \
            side is Side.PRODUCER and demand_row.status is not PostStatus.OPEN:
        flash(_("Tin này không còn mở."), "error")
        return redirect(back)
    try:
        connection = connection_services.request_connection(current_user, side=side, buyer=demand_row.buyer,
                                                            producer=offer_row.producer, message=form.message.data,
                                                            demand=demand_row, offer=offer_row,
                                                            submission=form.submission_token)
    except AlreadySubmitted as done:
        return show_first(done, url_for("matching.connection", connection_id=done.record_id))
    except DomainError as error:
        flash(str(error.message), "error")
        return redirect(back)
    flash(_("Đã gửi yêu cầu kết nối. Thông tin liên hệ của hai bên sẽ hiển thị khi bên kia đồng ý."), "success")
    return redirect(url_for("matching.connection", connection_id=connection.id))


@bp.get("/connections")
@confirmed_required
def connections():
    rows = connection_services.connections_of(current_user)
    return render_template("matching/connections.html", connections=rows)


def _connection_context(connection):
    sides = access.sides_of(current_user, connection.buyer_id, connection.producer_id)
    asked = Side.PRODUCER if connection.requested_by_side is Side.BUYER else Side.BUYER
    return {"connection": connection, "sides": sides, "may_answer": asked in sides
            and connection.status is ConnectionStatus.REQUESTED,
            "may_withdraw": connection.requested_by_side in sides and connection.status is ConnectionStatus.REQUESTED,
            "contacts": connection_services.visible_contacts(current_user, connection),
            "viewer_side": Side.BUYER if Side.BUYER in sides else Side.PRODUCER}


@bp.get("/connections/<int:connection_id>")
@confirmed_required
def connection(connection_id):
    item = own_connection(connection_id)
    return render_template("matching/connection.html", answer_form=AnswerForm(), confirm_form=ConfirmForm(),
                           message_form=MessageForm(), **_connection_context(item))


@bp.get("/connections/<int:connection_id>.json")
@confirmed_required
def connection_json(connection_id):
    item = own_connection(connection_id)
    context = _connection_context(item)
    return jsonify(id=item.id, status=item.status.value, requested_by=item.requested_by_side.value,
                   buyer={"id": item.buyer.id, "name": item.buyer.name, "province": item.buyer.province.name_vi},
                   producer={"id": item.producer.id, "name": item.producer.name,
                             "province": item.producer.province.name_vi},
                   message=item.message, contacts=context["contacts"],
                   messages=[{"side": m.sender_side.value, "body": m.body, "at": m.created_at.isoformat() + "Z"}
                             for m in item.messages] if item.status is ConnectionStatus.ACCEPTED else [])


@bp.post("/connections/<int:connection_id>/answer")
@confirmed_required
def answer(connection_id):
    item = own_connection(connection_id)
    form = AnswerForm()
    if form.validate_on_submit() and form.answer.data in ("accept", "decline"):
        try:
            connection_services.answer_connection(current_user, item, form.answer.data == "accept")
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Hai bên đã kết nối: thông tin liên hệ hiển thị bên dưới.") if form.answer.data == "accept"
                  else _("Đã từ chối kết nối. Bên kia sẽ không thể gửi lại yêu cầu."), "success")
    return redirect(url_for("matching.connection", connection_id=item.id))


@bp.post("/connections/<int:connection_id>/withdraw")
@confirmed_required
def withdraw(connection_id):
    item = own_connection(connection_id)
    if ConfirmForm().validate_on_submit():
        try:
            connection_services.withdraw_connection(current_user, item)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã rút lại yêu cầu kết nối."), "success")
    return redirect(url_for("matching.connection", connection_id=item.id))


@bp.post("/connections/<int:connection_id>/messages")
@confirmed_required
@limiter.limit(message_limit, key_func=user_key)
def send_message(connection_id):
    item = own_connection(connection_id)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            connection_services.send_message(current_user, item, form.body.data, submission=form.submission_token)
        except AlreadySubmitted as done:
            return show_first(done, url_for("matching.connection", connection_id=item.id, _anchor="thread"))
        except DomainError as error:
            flash(str(error.message), "error")
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
    return redirect(url_for("matching.connection", connection_id=item.id, _anchor="thread"))
