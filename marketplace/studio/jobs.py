"""Daily work: mark expired certificates, remind producers 60 days before expiry.

Run by `flask studio daily` (cron or a systemd timer, once a day). Both are safe
to run again: an expired certificate is marked once, a reminder goes once
(`Certification.reminder_sent_at`). The badge itself never waits for this
command: `Certification.is_current` checks the date on every read.
"""
from datetime import timedelta

from sqlalchemy.orm import selectinload

from marketplace.audit import services as audit
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Certification, CertificationStatus, Producer, ProducerMember, Product
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.studio import notifications


def _with_producer():
    return (selectinload(Certification.product).selectinload(Product.producer).selectinload(Producer.members)
            .selectinload(ProducerMember.user))


def expire_certificates(today):
    """Verified certificates whose expiry date is before `today` become expired; the producer is told."""
    due = db.session.execute(
        db.select(Certification).where(Certification.status == CertificationStatus.VERIFIED,
                                       Certification.expires_on < today)
        .options(_with_producer()).order_by(Certification.id)).scalars().all()
    with atomic():
        for certification in due:
            catalog.transition_certification(certification, CertificationStatus.EXPIRED, today=today, commit=False)
            audit.record("certification.expired", certification, producer=certification.product.producer,
                         expires_on=certification.expires_on.isoformat())
            notifications.dispatch(notifications.compose_certificate_expired(certification))
    return len(due)


def send_expiry_reminders(today, days=60):
    """Remind producers once about each verified certificate expiring within `days` days."""
    due = db.session.execute(
        db.select(Certification).where(Certification.status == CertificationStatus.VERIFIED,
                                       Certification.expires_on >= today,
                                       Certification.expires_on <= today + timedelta(days=days),
                                       Certification.reminder_sent_at.is_(None))
        .options(_with_producer()).order_by(Certification.expires_on, Certification.id)).scalars().all()
    now = utcnow()
    with atomic():
        for certification in due:
            notifications.dispatch(notifications.compose_expiry_reminder(certification, today))
            certification.reminder_sent_at = now
    return len(due)
