"""Post-inspections and complaints: one transaction per call, typed errors, no request.

Who may act: an active officer or admin whose province covers the producer's
(accounts.jurisdiction); nobody inspects a producer they act for. A provincial
officer lists and answers only its own province's inspections and complaints.
"""
import re
from datetime import date

from email_validator import EmailNotValidError, validate_email
from marketplace.core.i18n import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.orm import selectinload

from marketplace.accounts import jurisdiction
from marketplace.audit import services as audit
from marketplace.admin.services import require_officer
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Certification, CertificationLevel, CertificationStatus, Product
from marketplace.catalog.rating import CertificateState, badge_for, certificate_state
from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.inspection import notifications
from marketplace.inspection.labels import label
from marketplace.inspection.models import (Complaint, ComplaintKind, ComplaintStatus, Inspection,
                                           InspectionOutcome)
from marketplace.studio.notifications import dispatch

MAX_TEXT = 5000
MAX_MESSAGE = 2000
MIN_MESSAGE = 10

# The complaint state machine: new → in review → answered → closed; a report that needs
# no answer (a duplicate, spam) is closed with a note.
COMPLAINT_TRANSITIONS = {
    ComplaintStatus.NEW: {ComplaintStatus.IN_REVIEW, ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED},
    ComplaintStatus.IN_REVIEW: {ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED},
    ComplaintStatus.ANSWERED: {ComplaintStatus.CLOSED},
    ComplaintStatus.CLOSED: set(),
}
# The catalogue's certificate fields, as the inspection form names them.
_DOWNGRADE_FIELDS = {"stars": "new_stars", "points": "new_points", "number": "decision_number",
                     "decided_on": "inspected_on", "expires_on": "inspected_on"}
# What a certificate becomes for each outcome (None: it stays as it is).
CERTIFICATE_AFTER = {
    InspectionOutcome.MAINTAINED: None,
    InspectionOutcome.WARNING: None,
    InspectionOutcome.DOWNGRADED: CertificationStatus.DOWNGRADED,
    InspectionOutcome.REVOKED: CertificationStatus.REVOKED,
}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # PostgreSQL refuses NUL in text


def _text(value, field, *, required=True, limit=MAX_TEXT):
    value = (value or "").strip()
    if _CONTROL.search(value):
        raise ValidationError(_l("Có ký tự không hợp lệ."), field=field)
    if required and not value:
        raise ValidationError(_l("Không được để trống."), field=field)
    if len(value) > limit:
        raise ValidationError(_l("Quá dài (tối đa %(n)s ký tự).", n=limit), field=field)
    return value


def _lock_certification(cert_id):
    """The certificate's row, locked until commit (SQLite: its write lock, taken by writing first)."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(Certification).where(Certification.id == cert_id)
                           .values(status=Certification.status).execution_options(synchronize_session=False))
    return db.session.execute(db.select(Certification).where(Certification.id == cert_id).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one()


# --- inspections ----------------------------------------------------------------------------

def may_inspect(user, certification):
    return jurisdiction.covers(user, certification.product.producer.province_id)


def record_inspection(*, officer, certification, inspected_on, findings, outcome, today, submission=None,
                      new_stars=None, new_points=None, decision_number=None, issuing_body=None):
    """Record an inspection of a valid certificate; a revocation or downgrade applies at once.

    A downgrade marks the certificate downgraded and creates its replacement: a verified
    provincial certificate with `new_stars` (3 or 4, fewer than before) and `new_points`
    inside that band, numbered by the downgrade decision, decided on the inspection day
    and valid until the old one's expiry.

    Once per submitted form (`submission`, core.submissions): the token is claimed before the
    certificate is locked, so a repeat finds the first inspection (AlreadySubmitted) rather than
    a certificate the first one revoked.
    """
    producer = certification.product.producer
    require_officer(officer, producer)
    try:
        outcome = InspectionOutcome(outcome)
    except ValueError:
        raise ValidationError(_l("Kết quả hậu kiểm không hợp lệ."), field="outcome") from None
    findings = _text(findings, "findings")
    if not isinstance(inspected_on, date):
        raise ValidationError(_l("Cần ngày hậu kiểm."), field="inspected_on")
    if inspected_on > today:
        raise ValidationError(_l("Ngày hậu kiểm không thể ở tương lai."), field="inspected_on")
    if inspected_on < certification.decided_on:
        raise ValidationError(_l("Ngày hậu kiểm phải sau ngày quyết định công nhận."), field="inspected_on")
    decision_number = _text(decision_number, "decision_number", required=outcome is InspectionOutcome.DOWNGRADED,
                            limit=80) or None
    try:
        claim = submissions.claim(submission, "inspection")
        certification = _lock_certification(certification.id)
        if certificate_state(certification, today) is not CertificateState.VALID:
            raise InvalidTransition(_l("Chỉ hậu kiểm được chứng nhận đang còn hiệu lực."))
        inspection = Inspection(certification=certification, province_id=producer.province_id,
                                inspected_on=inspected_on, findings=findings, outcome=outcome,
                                stars_before=certification.stars, decision_number=decision_number,
                                officer_id=officer.id)
        to_status = CERTIFICATE_AFTER[outcome]
        if outcome is InspectionOutcome.DOWNGRADED:
            inspection.replacement = _downgrade(certification, officer, new_stars, new_points, decision_number,
                                                issuing_body, inspected_on)
            inspection.stars_after = new_stars
        if to_status is not None:
            catalog.transition_certification(certification, to_status, actor=officer, reason=findings, commit=False)
        db.session.add(inspection)
        db.session.flush()
        claim.done(inspection.id)
        audit.record(f"certification.inspection_{outcome.value}", certification, actor=officer, producer=producer,
                     reason=findings, inspection_id=inspection.id, stars_before=inspection.stars_before,
                     stars_after=inspection.stars_after, replacement_id=inspection.replacement_id)
        dispatch(notifications.inspection_result(inspection))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return inspection


def _downgrade(old, officer, new_stars, new_points, number, issuing_body, decided_on):
    if new_stars not in (3, 4) or new_stars >= old.stars:
        raise ValidationError(_l("Hạng mới phải thấp hơn hạng hiện tại (%(n)s sao) và từ 3 sao trở lên; dưới 3 "
                                 "sao thì thu hồi chứng nhận.", n=old.stars), field="new_stars")
    if not isinstance(new_points, int) or isinstance(new_points, bool):
        raise ValidationError(_l("Cần điểm đánh giá lại."), field="new_points")
    issuing_body = _text(issuing_body, "issuing_body", limit=200)
    try:
        replacement = catalog.add_certification(
            product=old.product, stars=new_stars, points=new_points, number=number, issuing_body=issuing_body,
            level=CertificationLevel.PROVINCIAL, decided_on=decided_on, expires_on=old.expires_on,
            status=CertificationStatus.VERIFIED, commit=False)
    except ValidationError as error:  # named after the inspection form's fields
        raise ValidationError(error.message, field=_DOWNGRADE_FIELDS.get(error.field, error.field)) from None
    replacement.reviewed_at, replacement.reviewed_by_id = utcnow(), officer.id
    return replacement


def inspections_of(certification_ids):
    """Inspections of these certificates, newest first (for the verify page and the studio)."""
    if not certification_ids:
        return []
    return db.session.execute(
        db.select(Inspection).where(db.or_(Inspection.certification_id.in_(certification_ids),
                                           Inspection.replacement_id.in_(certification_ids)))
        .order_by(Inspection.inspected_on.desc(), Inspection.id.desc())).scalars().all()


def inspections_page(officer, page=1, per_page=50):
    query = (db.select(Inspection).options(selectinload(Inspection.certification).selectinload(Certification.product)
                                           .selectinload(Product.producer))
             .order_by(Inspection.inspected_on.desc(), Inspection.id.desc()))
    return db.paginate(jurisdiction.narrow(query, officer, Inspection.province_id), page=page, per_page=per_page,
                       error_out=False)


# --- complaints -----------------------------------------------------------------------------

def file_complaint(*, product, kind, message, email, today, submission=None, name="", reporter=None):
    """A buyer's report about a public product, queued for its producer's province.

    A signed-in reporter is answered at their account's address and named by it; a guest gives an
    address (and a name if they wish). Once per submitted form (`submission`, core.submissions).
    """
    try:
        kind = ComplaintKind(kind)
    except ValueError:
        raise ValidationError(_l("Hãy chọn loại vấn đề."), field="kind") from None
    message = _text(message, "message", limit=MAX_MESSAGE)
    if len(message) < MIN_MESSAGE:
        raise ValidationError(_l("Hãy mô tả vấn đề rõ hơn (ít nhất %(n)s ký tự).", n=MIN_MESSAGE), field="message")
    signed_in = reporter is not None and getattr(reporter, "is_authenticated", False)
    email = reporter.email if signed_in else (email or "").strip()
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValidationError(_l("Cần một email hợp lệ để nhận trả lời."), field="email") from None
    name = _text(reporter.full_name if signed_in else name, "name", required=False, limit=120)
    badge = badge_for(product, today)
    with atomic():
        claim = submissions.claim(submission, "complaint")
        complaint = Complaint(product=product, certification=badge.certification if badge.stars else None,
                              province_id=product.producer.province_id, kind=kind, message=message,
                              reporter_id=reporter.id if signed_in else None, reporter_name=name,
                              reporter_email=email, status=ComplaintStatus.NEW)
        db.session.add(complaint)
        db.session.flush()
        claim.done(complaint.id)
    return complaint


def may_handle(user, complaint):
    return jurisdiction.covers(user, complaint.province_id)


def move_complaint(officer, complaint, to_status, *, answer=None, note=None):
    """Take a report in review, answer it (the reporter is e-mailed) or close it (with a note
    when it was not answered). A compare-and-set on the status: of two officers answering at
    the same moment, one wins and the other is told the report changed."""
    if not may_handle(officer, complaint):
        raise PermissionDenied(_l("Phản ánh này thuộc tỉnh, thành phố khác."))
    try:
        to_status = ComplaintStatus(to_status)
    except ValueError:
        raise ValidationError(_l("Thao tác không hợp lệ."), field="action") from None
    if to_status not in COMPLAINT_TRANSITIONS[complaint.status]:
        raise InvalidTransition(_l("Không thể chuyển phản ánh từ “%(src)s” sang “%(dst)s”.",
                                   src=label(complaint.status),
                                   dst=label(to_status)))
    now, values = utcnow(), {"status": to_status, "handled_by_id": officer.id}
    if to_status is ComplaintStatus.ANSWERED:
        values.update(answer=_text(answer, "answer"), answered_at=now)
    if to_status is ComplaintStatus.CLOSED:
        values["closed_at"] = now
        if complaint.status is not ComplaintStatus.ANSWERED:
            values["note"] = _text(note, "note", limit=500)
    values["updated_at"] = now
    try:
        moved = db.session.execute(
            update(Complaint).where(Complaint.id == complaint.id, Complaint.status == complaint.status)
            .values(**values).execution_options(synchronize_session=False)).rowcount
        if moved != 1:
            raise InvalidTransition(_l("Phản ánh vừa được cán bộ khác xử lý; vui lòng tải lại trang."))
        db.session.refresh(complaint)
        if to_status is ComplaintStatus.ANSWERED:
            dispatch(notifications.complaint_answer(complaint))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return complaint


def complaints_page(officer, status=None, page=1, per_page=50):
    query = (db.select(Complaint).options(selectinload(Complaint.product).selectinload(Product.producer))
             .order_by(Complaint.created_at.desc(), Complaint.id.desc()))
    if status is not None:
        query = query.where(Complaint.status == ComplaintStatus(status))
    return db.paginate(jurisdiction.narrow(query, officer, Complaint.province_id), page=page, per_page=per_page,
                       error_out=False)


def open_complaint_counts(officer):
    """{status: count} of the officer's province's reports still waiting for an answer."""
    query = (db.select(Complaint.status, db.func.count(Complaint.id))
             .where(Complaint.status.in_([ComplaintStatus.NEW, ComplaintStatus.IN_REVIEW]))
             .group_by(Complaint.status))
    return dict(db.session.execute(jurisdiction.narrow(query, officer, Complaint.province_id)).all())
