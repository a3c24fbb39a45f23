"""Connections between a buyer organisation and a producer: a request from either side, answered
by the other (accepted, or declined for good), withdrawn by the asker; messages once both agreed.
Contact details are shown only to the two sides of an accepted connection (`visible_contacts`)."""

from sqlalchemy import or_

from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.matching import access, notifications
from marketplace.matching.models import Connection, ConnectionMessage, ConnectionStatus, Side

CONNECTION_TRANSITIONS = {
    ConnectionStatus.REQUESTED: {ConnectionStatus.ACCEPTED, ConnectionStatus.DECLINED, ConnectionStatus.WITHDRAWN},
    ConnectionStatus.ACCEPTED: set(),
    ConnectionStatus.DECLINED: set(),
    ConnectionStatus.WITHDRAWN: set(),
}
LIVE_CONNECTION = (ConnectionStatus.REQUESTED, ConnectionStatus.ACCEPTED)


def contacts_visible(buyer_id, producer_id):
    """True once a connection of this buyer organisation and producer has been accepted by both."""
    return db.session.execute(db.select(Connection.id).where(
        Connection.buyer_id == buyer_id, Connection.producer_id == producer_id,
        Connection.status == ConnectionStatus.ACCEPTED).limit(1)).first() is not None


def live_connection(buyer_id, producer_id):
    return db.session.execute(db.select(Connection).where(
        Connection.buyer_id == buyer_id, Connection.producer_id == producer_id,
        Connection.status.in_(LIVE_CONNECTION)).order_by(Connection.id.desc()).limit(1)).scalar_one_or_none()


def declined_by_other_side(buyer_id, producer_id, side):
    """Did the other side decline a request this side sent for the pair? Then it is not asked again."""
    return db.session.execute(db.select(Connection.id).where(
        Connection.buyer_id == buyer_id, Connection.producer_id == producer_id,
        Connection.status == ConnectionStatus.DECLINED, Connection.requested_by_side == side).limit(1)
    ).first() is not None


def request_connection(actor, *, side, buyer, producer, message="", demand=None, offer=None, now=None,
                       submission=None):
    """`side` (buyer or producer), acted for by `actor`, asks to connect with the other one
    (once per submitted form: a repeat finds the first request, not "already requested")."""
    side = Side(side)
    now = now or utcnow()
    if buyer is None or producer is None:
        raise ValidationError(_l("Không tìm thấy bên cần kết nối."))
    if side is Side.BUYER:
        access.require_buyer(actor, buyer)
    else:
        access.require_producer(actor, producer)
    if demand is not None and demand.buyer_id != buyer.id:
        raise ValidationError(_l("Nhu cầu không thuộc doanh nghiệp này."))
    if offer is not None and offer.producer_id != producer.id:
        raise ValidationError(_l("Tin chào bán không thuộc chủ thể này."))
    if not producer.verified:
        raise ValidationError(_l("Chủ thể này chưa được xác minh."))
    message = (message or "").strip()
    if len(message) > 2000:
        raise ValidationError(_l("Lời nhắn tối đa 2000 ký tự."), field="message")
    with atomic():
        claim = submissions.claim(submission, "connection")
        existing = live_connection(buyer.id, producer.id)
        if existing is not None:
            if existing.status is ConnectionStatus.ACCEPTED:
                raise ValidationError(_l("Hai bên đã kết nối với nhau."))
            raise ValidationError(_l("Đã có một yêu cầu kết nối đang chờ trả lời."))
        if declined_by_other_side(buyer.id, producer.id, side):
            raise PermissionDenied(_l("Bên kia đã từ chối kết nối; không thể gửi lại yêu cầu."))
        connection = Connection(buyer_id=buyer.id, producer_id=producer.id, requested_by_side=side,
                                requested_by_id=actor.id, message=message, created_at=now,
                                demand_id=demand.id if demand is not None else None,
                                offer_id=offer.id if offer is not None else None,
                                status=ConnectionStatus.REQUESTED)
        connection.buyer, connection.producer = buyer, producer
        db.session.add(connection)
        db.session.flush()
        claim.done(connection.id)
        notifications.connection_requested(connection)
    return connection


def _move_connection(connection, to_status, actor, now):
    if to_status not in CONNECTION_TRANSITIONS[connection.status]:
        raise InvalidTransition(_l("Yêu cầu kết nối này đã được trả lời."))
    connection.status = to_status
    connection.decided_by_id = actor.id
    connection.decided_at = now


def answer_connection(actor, connection, accept, *, now=None):
    """The side that was asked accepts or declines."""
    now = now or utcnow()
    asked = Side.PRODUCER if connection.requested_by_side is Side.BUYER else Side.BUYER
    if asked not in access.sides_of(actor, connection.buyer_id, connection.producer_id):
        raise PermissionDenied(_l("Chỉ bên nhận được yêu cầu mới trả lời được."))
    with atomic():
        db.session.refresh(connection, with_for_update=True)
        _move_connection(connection, ConnectionStatus.ACCEPTED if accept else ConnectionStatus.DECLINED, actor, now)
        notifications.connection_answered(connection)
    return connection


def withdraw_connection(actor, connection, *, now=None):
    now = now or utcnow()
    if connection.requested_by_side not in access.sides_of(actor, connection.buyer_id, connection.producer_id):
        raise PermissionDenied(_l("Chỉ bên gửi yêu cầu mới rút lại được."))
    with atomic():
        db.session.refresh(connection, with_for_update=True)
        _move_connection(connection, ConnectionStatus.WITHDRAWN, actor, now)
    return connection


def send_message(actor, connection, body, *, now=None, submission=None):
    """A message in the thread of an accepted connection, once per submitted form."""
    now = now or utcnow()
    sides = access.sides_of(actor, connection.buyer_id, connection.producer_id)
    if not sides:
        raise PermissionDenied(_l("Bạn không thuộc kết nối này."))
    if connection.status is not ConnectionStatus.ACCEPTED:
        raise InvalidTransition(_l("Chỉ nhắn tin được khi hai bên đã đồng ý kết nối."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(_l("Tin nhắn trống."), field="body")
    if len(body) > 4000:
        raise ValidationError(_l("Tin nhắn tối đa 4000 ký tự."), field="body")
    side = Side.BUYER if Side.BUYER in sides else Side.PRODUCER
    with atomic():
        claim = submissions.claim(submission, "connection_message")
        message = ConnectionMessage(connection_id=connection.id, sender_id=actor.id, sender_side=side, body=body,
                                    created_at=now)
        db.session.add(message)
        db.session.flush()
        claim.done(message.id)
        notifications.message_sent(connection, message)
    return message


def connections_of(user):
    """Connections of every buyer organisation and producer `user` acts for, newest first."""
    buyer_ids = [m.buyer_id for m in access.buyer_memberships(user)]
    producer_ids = [m.producer_id for m in access.producer_memberships(user)]
    if not buyer_ids and not producer_ids:
        return []
    return db.session.execute(db.select(Connection).where(or_(
        Connection.buyer_id.in_(buyer_ids or [-1]), Connection.producer_id.in_(producer_ids or [-1])))
        .order_by(Connection.created_at.desc(), Connection.id.desc())).scalars().all()


def contact_card(party):
    """What a party's contact details are: shown only through `visible_contacts`."""
    return {"phone": party.phone, "email": party.email, "address": party.address or None}


def visible_contacts(viewer, connection):
    """The other side's contact details for `viewer`, or None while they may not see them."""
    sides = access.sides_of(viewer, connection.buyer_id, connection.producer_id)
    if not sides or not contacts_visible(connection.buyer_id, connection.producer_id):
        return None
    if Side.BUYER in sides:
        return contact_card(connection.producer)
    return contact_card(connection.buyer)
