"""Post-inspection (hậu kiểm) of certified products, and buyers' reports about them.

An inspection is an officer's record of checking one current certificate: the day,
what was found and the outcome. A revocation or a downgrade moves the certificate
along the catalogue's state machine at once (a downgrade also creates the lower
certificate that replaces it, `replacement`), so the badge, the catalogue, the search
index and the verify page all follow the same rows.

A complaint is a buyer's report about a product's OCOP claim or its quality. It is
filed against the product's producer's province, whose officers answer it.
"""
import enum

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class InspectionOutcome(str, enum.Enum):
    MAINTAINED = "maintained"   # giữ nguyên hạng
    WARNING = "warning"         # nhắc nhở, yêu cầu khắc phục
    DOWNGRADED = "downgraded"   # hạ hạng sao
    REVOKED = "revoked"         # thu hồi chứng nhận


class Inspection(db.Model):
    __tablename__ = "inspections"
    __table_args__ = (
        db.CheckConstraint("stars_after IS NULL OR (stars_after BETWEEN 3 AND 4 AND stars_after < stars_before)",
                           name="stars_after_lower"),
        db.Index("ix_inspections_province_inspected", "province_id", "inspected_on"),
    )
    id = db.Column(db.Integer, primary_key=True)
    certification_id = db.Column(db.ForeignKey("certifications.id", ondelete="CASCADE"), nullable=False, index=True)
    # The producer's province when inspected: whose officers see the record.
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False)
    inspected_on = db.Column(db.Date, nullable=False)
    findings = db.Column(db.Text, nullable=False)
    outcome = db.Column(value_enum(InspectionOutcome, "inspection_outcome"), nullable=False)
    stars_before = db.Column(db.SmallInteger, nullable=False)
    stars_after = db.Column(db.SmallInteger)  # a downgrade only
    decision_number = db.Column(db.String(80))  # the downgrade or revocation decision, when there is one
    replacement_id = db.Column(db.ForeignKey("certifications.id"), unique=True)  # the lower certificate
    officer_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    certification = db.relationship("Certification", foreign_keys=[certification_id])
    replacement = db.relationship("Certification", foreign_keys=[replacement_id])
    province = db.relationship("Province")
    officer = db.relationship("User")


class ComplaintKind(str, enum.Enum):
    OCOP_CLAIM = "ocop_claim"  # the stars or the certificate shown look wrong
    QUALITY = "quality"        # quality, food safety, labelling
    OTHER = "other"


class ComplaintStatus(str, enum.Enum):
    NEW = "new"
    IN_REVIEW = "in_review"
    ANSWERED = "answered"
    CLOSED = "closed"


class Complaint(db.Model):
    __tablename__ = "complaints"
    __table_args__ = (
        db.Index("ix_complaints_province_status", "province_id", "status"),
    )
    id = db.Column(db.Integer, primary_key=True)
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True)
    # The certificate the product showed when reported (None: it showed no stars).
    certification_id = db.Column(db.ForeignKey("certifications.id", ondelete="SET NULL"))
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False)  # the producer's, when filed
    kind = db.Column(value_enum(ComplaintKind, "complaint_kind"), nullable=False)
    message = db.Column(db.Text, nullable=False)
    reporter_id = db.Column(db.ForeignKey("users.id"), index=True)  # None: a guest
    reporter_name = db.Column(db.String(120), nullable=False, default="")
    reporter_email = db.Column(db.String(254), nullable=False)
    status = db.Column(value_enum(ComplaintStatus, "complaint_status"), nullable=False, default=ComplaintStatus.NEW)
    answer = db.Column(db.Text)  # sent to the reporter
    note = db.Column(db.String(500))  # why it was closed without an answer (officers only)
    handled_by_id = db.Column(db.ForeignKey("users.id"))
    answered_at = db.Column(db.DateTime)
    closed_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    product = db.relationship("Product")
    certification = db.relationship("Certification")
    province = db.relationship("Province")
    reporter = db.relationship("User", foreign_keys=[reporter_id])
    handled_by = db.relationship("User", foreign_keys=[handled_by_id])
