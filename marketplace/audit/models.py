"""The audit log's record: every decision on a producer or a certificate, kept for good."""
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class AuditEntry(db.Model):
    """Who did what to which record, when and why.

    `actor_id` is None for the system (the daily expiry command); `actor_email` keeps
    who it was even if the account changes. `details` holds the facts of the move
    (from/to status, stars...), `reason` what the officer wrote.
    """

    __tablename__ = "audit_log"
    __table_args__ = (db.Index("ix_audit_log_subject", "subject_type", "subject_id"),)
    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    actor_id = db.Column(db.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_email = db.Column(db.String(254))
    action = db.Column(db.String(60), nullable=False, index=True)  # "certification.verified"
    subject_type = db.Column(db.String(40), nullable=False)  # "producer", "certification", "member"
    subject_id = db.Column(db.Integer, nullable=False)
    producer_id = db.Column(db.ForeignKey("producers.id", ondelete="SET NULL"), index=True)
    reason = db.Column(db.Text)
    details = db.Column(db.JSON, nullable=False, default=dict)

    actor = db.relationship("User")
    producer = db.relationship("Producer")
