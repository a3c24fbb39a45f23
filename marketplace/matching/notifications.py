"""What matching tells people by e-mail: new strong matches (at once or as a daily
digest), connection requests and answers, new messages, meeting agendas.

Messages are rendered in Vietnamese from templates/email/matching_*.txt and
queued with `core.mail.queue` in the caller's transaction (the outbox delivers
them). No e-mail ever carries anyone's phone, e-mail or address: they are
shown on the site, to the two sides of an accepted connection only.
"""
from flask import render_template
from flask_babel import force_locale

from marketplace.accounts.models import User
from marketplace.core import mail
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.urls import external_url
from marketplace.extensions import db
from marketplace.matching import access
from marketplace.matching.models import PostStatus, Side

STATUS_LABELS = {
    PostStatus.DRAFT: _l("Bản nháp"),
    PostStatus.OPEN: _l("Đang mở"),
    PostStatus.PAUSED: _l("Tạm dừng"),
    PostStatus.CLOSED: _l("Đã đóng"),
    PostStatus.EXPIRED: _l("Hết hạn"),
}


def status_label(status):
    return STATUS_LABELS.get(PostStatus(status), status)


def _render(template, **context):
    with force_locale("vi"):
        return render_template(f"email/{template}.txt", **context).strip() + "\n"


def _send(user_ids, subject, template, topic, **context):
    users = db.session.execute(db.select(User).where(User.id.in_(set(user_ids)),
                                                     User.is_active_account.is_(True))).scalars().all()
    for user in users:
        mail.queue(user.email, subject, _render(template, user=user, **context), topic=topic)


def new_matches(user_id, items, today, digest):
    """One message to `user_id` about new strong matches: items are (side, Match)."""
    from marketplace.matching.matcher import explain_pair
    lines = []
    for side, match in items:
        pair = explain_pair(match.demand_id, match.offer_id, today)
        reasons = [str(r.text) for r in pair.reasons] if pair is not None else []
        if side is Side.BUYER:
            url = external_url("matching.demand", demand_id=match.demand_id)
            lines.append({"mine": match.demand.title, "theirs": match.offer.title,
                          "party": match.offer.producer.name, "score": pair.score if pair else match.score,
                          "reasons": reasons, "url": url})
        else:
            url = external_url("matching.offer", offer_id=match.offer_id)
            lines.append({"mine": match.offer.title, "theirs": match.demand.title,
                          "party": match.demand.buyer.name, "score": pair.score if pair else match.score,
                          "reasons": reasons, "url": url})
    with force_locale("vi"):
        subject = (f"Bản tin kết nối cung cầu: {len(lines)} kết nối phù hợp mới" if digest
                   else f"Kết nối cung cầu: {len(lines)} đối tác phù hợp mới")
    _send([user_id], subject, "matching_new", "matching.new", lines=lines, digest=digest,
          settings_url=external_url("matching.settings"))


def connection_requested(connection):
    asked = Side.PRODUCER if connection.requested_by_side is Side.BUYER else Side.BUYER
    party_id = connection.producer_id if asked is Side.PRODUCER else connection.buyer_id
    requester = connection.buyer.name if asked is Side.PRODUCER else connection.producer.name
    _send(access.member_user_ids(asked, party_id), f"Yêu cầu kết nối từ {requester}", "matching_request",
          "matching.connection", connection=connection, requester=requester,
          url=external_url("matching.connection", connection_id=connection.id))


def connection_answered(connection):
    side = connection.requested_by_side
    party_id = connection.buyer_id if side is Side.BUYER else connection.producer_id
    other = connection.producer.name if side is Side.BUYER else connection.buyer.name
    accepted = connection.status.value == "accepted"
    subject = f"{other} đã đồng ý kết nối" if accepted else f"{other} đã từ chối kết nối"
    _send(access.member_user_ids(side, party_id), subject, "matching_answer", "matching.connection",
          connection=connection, other=other, accepted=accepted,
          url=external_url("matching.connection", connection_id=connection.id))


def message_sent(connection, message):
    to_side = Side.PRODUCER if message.sender_side is Side.BUYER else Side.BUYER
    party_id = connection.producer_id if to_side is Side.PRODUCER else connection.buyer_id
    sender = connection.buyer.name if message.sender_side is Side.BUYER else connection.producer.name
    _send([u for u in access.member_user_ids(to_side, party_id) if u != message.sender_id],
          f"Tin nhắn mới từ {sender}", "matching_message", "matching.message", sender=sender,
          url=external_url("matching.connection", connection_id=connection.id))


def meetings_scheduled(event, side, party_id, meetings):
    _send(access.member_user_ids(side, party_id), f"Lịch gặp giao thương: {event.title}", "matching_agenda",
          "matching.meetings", event=event, meetings=meetings, side=side.value,
          url=external_url("matching.agenda", slug=event.slug))
