"""Writing the audit log. Called inside the caller's transaction (no commit here)."""
from marketplace.audit.models import AuditEntry
from marketplace.extensions import db

SUBJECT_TYPES = {
    "Producer": "producer",
    "Certification": "certification",
    "Product": "product",
    "ProducerMember": "member",
    "ProducerInvitation": "invitation",
    "StockImport": "stock_import",
}


def record(action, subject, *, actor=None, producer=None, reason=None, **details):
    """Add one entry: `actor` (None for the system) did `action` to `subject`, because `reason`."""
    subject_type = SUBJECT_TYPES[type(subject).__name__]
    key = "user_id" if subject_type == "member" else "id"
    if getattr(subject, key) is None or (producer is not None and producer.id is None):
        db.session.flush()  # new records get their ids
    subject_id = getattr(subject, key)
    entry = AuditEntry(action=action, subject_type=subject_type, subject_id=subject_id,
                       actor_id=actor.id if actor is not None else None,
                       actor_email=actor.email if actor is not None else None,
                       producer_id=producer.id if producer is not None else None,
                       reason=(reason or "").strip() or None,
                       details={k: (v.value if hasattr(v, "value") else v) for k, v in details.items()})
    db.session.add(entry)
    return entry


def entries_for(subject_type, subject_id):
    """A record's history, oldest first."""
    return db.session.execute(
        db.select(AuditEntry).where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
        .order_by(AuditEntry.created_at, AuditEntry.id)).scalars().all()
