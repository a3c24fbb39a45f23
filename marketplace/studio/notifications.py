"""What the marketplace tells producers by e-mail, and the one place it is sent from.

Each `compose_*` function builds a `Message` (recipients, subject, Vietnamese text
rendered from templates/email/*.txt); services call `dispatch(message)` inside
their transaction, before they commit.

`dispatch` hands the message to `core.mail.queue`: a row in the same outbox
transaction, delivered by the drain (SMTP, or .eml files under MAIL_DIR).
"""
from dataclasses import asdict, dataclass, field

from flask import current_app, render_template
from flask_babel import force_locale

from marketplace.core import mail


@dataclass
class Message:
    topic: str  # e.g. "certificate.expiry_reminder"
    to: list
    subject: str
    body: str
    # Facts a worker or a test may want without parsing the text (ids, statuses).
    meta: dict = field(default_factory=dict)

    def to_payload(self):
        return asdict(self)


def producer_recipients(producer):
    """E-mail addresses of the people acting for `producer`: owners first; else its contact e-mail."""
    members = sorted((m for m in producer.members if m.user is not None and m.user.is_active),
                     key=lambda m: (not m.is_owner, m.user.email))
    emails = [m.user.email for m in members]
    if not emails and producer.email:
        emails = [producer.email]
    return emails


def _render(name, **context):
    with force_locale("vi"):
        return render_template(f"email/{name}.txt", **context)


def compose_expiry_reminder(certification, today):
    product = certification.product
    producer = product.producer
    days_left = (certification.expires_on - today).days
    return Message(
        topic="certificate.expiry_reminder",
        to=producer_recipients(producer),
        subject=f"Chứng nhận OCOP của “{product.name}” hết hạn sau {days_left} ngày",
        body=_render("certificate_expiry_reminder", certification=certification, product=product,
                     producer=producer, days_left=days_left),
        meta={"certification_id": certification.id, "producer_id": producer.id, "days_left": days_left})


def compose_certificate_expired(certification):
    product = certification.product
    producer = product.producer
    return Message(
        topic="certificate.expired",
        to=producer_recipients(producer),
        subject=f"Chứng nhận OCOP của “{product.name}” đã hết hạn",
        body=_render("certificate_expired", certification=certification, product=product, producer=producer),
        meta={"certification_id": certification.id, "producer_id": producer.id})


_CERT_SUBJECTS = {
    "verified": "Chứng nhận OCOP của “{name}” đã được xác minh",
    "rejected": "Chứng nhận OCOP của “{name}” chưa được chấp nhận",
    "revoked": "Chứng nhận OCOP của “{name}” đã bị thu hồi trên Chợ OCOP",
}


def compose_certificate_decision(certification):
    product = certification.product
    producer = product.producer
    status = certification.status.value
    return Message(
        topic=f"certificate.{status}",
        to=producer_recipients(producer),
        subject=_CERT_SUBJECTS[status].format(name=product.name),
        body=_render("certificate_decision", certification=certification, product=product, producer=producer,
                     status=status),
        meta={"certification_id": certification.id, "producer_id": producer.id, "status": status})


_PRODUCER_SUBJECTS = {
    "verified": "Hồ sơ “{name}” đã được xác minh",
    "rejected": "Hồ sơ “{name}” cần được bổ sung",
    "suspended": "Gian hàng “{name}” đã bị tạm ngừng",
}


def compose_producer_decision(producer):
    status = producer.verification_status.value
    return Message(
        topic=f"producer.{status}",
        to=producer_recipients(producer),
        subject=_PRODUCER_SUBJECTS[status].format(name=producer.name),
        body=_render("producer_decision", producer=producer, status=status),
        meta={"producer_id": producer.id, "status": status})


def compose_invitation(invitation, accept_url):
    producer = invitation.producer
    inviter = invitation.invited_by
    return Message(
        topic="team.invitation",
        to=[invitation.email],
        subject=f"Lời mời tham gia quản lý gian hàng “{producer.name}” trên Chợ OCOP",
        body=_render("team_invitation", invitation=invitation, producer=producer, inviter=inviter,
                     accept_url=accept_url),
        meta={"invitation_id": invitation.id, "producer_id": producer.id})


def dispatch(message):
    """Send `message` once the caller's transaction commits (through the outbox)."""
    if not message.to:
        current_app.logger.warning("Message %s has no recipient; not sent", message.topic)
        return None
    return mail.queue(message.to, message.subject, message.body, topic=message.topic)
