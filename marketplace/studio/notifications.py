"""What the marketplace tells producers by e-mail, and the one place it is sent from.

Each `compose_*` function builds a `Message` (recipients, subject, Vietnamese text
rendered from templates/email/*.txt); services call `dispatch(message)` inside
their transaction, before they commit.

`dispatch` is the seam to the durable outbox: it will become
`outbox.enqueue("mail.send", message.to_payload())`, which adds a row to the same
transaction, drained by `flask worker`. Until then it writes each message as an
.eml text file under MAIL_DIR (instance/mail/ by default) for developers to read.
"""
import os
import secrets
from dataclasses import asdict, dataclass, field
from datetime import timezone
from email.message import EmailMessage
from email.policy import SMTPUTF8
from email.utils import format_datetime as rfc2822_datetime

from flask import current_app, render_template
from flask_babel import force_locale

from marketplace.core.timeutil import utcnow


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
    """Send `message` once the caller's transaction commits.

    At merge this becomes `outbox.enqueue("mail.send", message.to_payload())`.
    For now it writes the message under MAIL_DIR.
    """
    if not message.to:
        current_app.logger.warning("Message %s has no recipient; not sent", message.topic)
        return None
    return write_mail_file(current_app.config["MAIL_DIR"], message, sender=current_app.config["MAIL_FROM"])


def write_mail_file(directory, message, sender):
    """Write `message` as one RFC 5322 text file (.eml) and return its path."""
    now = utcnow()
    email = EmailMessage(policy=SMTPUTF8)
    email["From"] = sender
    email["To"] = ", ".join(message.to)
    email["Subject"] = message.subject
    email["Date"] = rfc2822_datetime(now.replace(tzinfo=timezone.utc))
    email["X-Topic"] = message.topic
    email.set_content(message.body, cte="8bit")
    os.makedirs(directory, exist_ok=True)
    name = f"{now:%Y%m%dT%H%M%S%f}-{message.topic.replace('.', '-')}-{secrets.token_hex(3)}.eml"
    path = os.path.join(directory, name)
    with open(path, "wb") as handle:
        handle.write(email.as_bytes())
    return path

