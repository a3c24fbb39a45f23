"""E-mail leaves through the outbox: `queue` writes a message in the caller's
transaction; the outbox drain delivers it.

Delivery uses SMTP when MAIL_SERVER is set, and otherwise writes each message as an
RFC 5322 text file (.eml) under MAIL_DIR (instance/mail/), so that a developer can
read what would have been sent. Domains compose their messages (subject and body
rendered in Vietnamese from templates/email/*.txt) and call `queue`.
"""
import itertools
import os
import secrets
import smtplib
from datetime import timezone
from email.message import EmailMessage
from email.policy import SMTPUTF8
from email.utils import format_datetime as rfc2822_datetime

from flask import current_app

from marketplace.core import outbox
from marketplace.core.timeutil import utcnow

TOPIC = "mail.send"
_sequence = itertools.count()  # file names sort in the order messages were delivered


def queue(to, subject, body, topic="mail"):
    """Send a message once this transaction commits; nothing is sent to nobody."""
    recipients = [to] if isinstance(to, str) else [address for address in (to or []) if address]
    if not recipients:
        return None
    return outbox.enqueue(TOPIC, {"to": recipients, "subject": subject, "body": body, "topic": topic})


def build_email(payload, sender):
    email = EmailMessage(policy=SMTPUTF8)
    email["From"] = sender
    email["To"] = ", ".join(payload["to"])
    email["Subject"] = payload["subject"]
    email["Date"] = rfc2822_datetime(utcnow().replace(tzinfo=timezone.utc))
    email["X-Topic"] = payload.get("topic", "mail")
    email.set_content(payload["body"], cte="8bit")
    return email


def write_mail_file(directory, email, topic="mail"):
    """Write one message as a .eml file and return its path."""
    os.makedirs(directory, exist_ok=True)
    name = f"{utcnow():%Y%m%dT%H%M%S%f}-{next(_sequence):06d}-{topic.replace('.', '-')}-{secrets.token_hex(3)}.eml"
    path = os.path.join(directory, name)
    with open(path, "wb") as handle:
        handle.write(email.as_bytes())
    return path


def deliver(payloads):
    """Outbox handler for mail.send: SMTP if configured, else files under MAIL_DIR.

    A failure to reach the SMTP server leaves the batch pending; it is retried.
    """
    config = current_app.config
    emails = [(build_email(p, config["MAIL_FROM"]), p.get("topic", "mail")) for p in payloads]
    if not config.get("MAIL_SERVER"):
        for email, topic in emails:
            write_mail_file(config["MAIL_DIR"], email, topic)
        return
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config.get("MAIL_PORT", 587), timeout=10) as smtp:
            if config.get("MAIL_USE_TLS", True):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            for email, _topic in emails:
                smtp.send_message(email)
    except (OSError, smtplib.SMTPException) as error:
        raise outbox.RetryLater(f"SMTP: {error}") from error


def init_app(app):
    outbox.register_handler(TOPIC, deliver)
