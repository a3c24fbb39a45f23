"""Officers' decisions on producers and certificates, and the lists they work from.

A decision moves the record along its state machine (catalog.services), writes the
audit log and tells the producer (studio.notifications), all in one transaction.
Only officers and admins may decide; nobody decides on a producer they act for, and a
provincial officer decides and lists only its own province's records (accounts.jurisdiction).
"""
from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from marketplace.accounts import jurisdiction
from marketplace.accounts.models import Role
from marketplace.audit import services as audit
from marketplace.audit.models import AuditEntry
from marketplace.catalog import services as catalog
from marketplace.catalog.models import (Certification, CertificationStatus, Producer, ProducerMember,
                                        ProducerStatus, Product)
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.text import fold
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.studio import notifications

PRODUCER_DECISIONS = {
    "verify": ProducerStatus.VERIFIED,
    "reject": ProducerStatus.REJECTED,
    "suspend": ProducerStatus.SUSPENDED,
    "reinstate": ProducerStatus.VERIFIED,
}
CERTIFICATION_DECISIONS = {
    "verify": CertificationStatus.VERIFIED,
    "reject": CertificationStatus.REJECTED,
    "revoke": CertificationStatus.REVOKED,
}


def require_officer(user, producer=None):
    if user is None or not user.is_active or not user.has_role(Role.OFFICER):
        raise PermissionDenied(_l("Chỉ cán bộ chương trình OCOP mới làm được việc này."))
    if producer is not None and not jurisdiction.covers(user, producer.province_id):
        raise PermissionDenied(_l("Chủ thể này thuộc tỉnh, thành phố khác: bạn không xét duyệt được."))
    if producer is not None and db.session.get(ProducerMember, (producer.id, user.id)) is not None:
        raise PermissionDenied(_l("Bạn không thể xét duyệt chủ thể mà chính mình quản lý."))


def may_see(user, producer):
    """Whether an officer may open this producer's records (else the page answers 404)."""
    return jurisdiction.covers(user, producer.province_id)


def _decision(decisions, decision):
    try:
        return decisions[decision]
    except KeyError:
        raise ValidationError(_l("Quyết định không hợp lệ."), field="decision") from None


def decide_producer(officer, producer, decision, reason=None):
    """Verify, reject, suspend or reinstate a producer."""
    require_officer(officer, producer)
    to_status = _decision(PRODUCER_DECISIONS, decision)
    from_status = producer.verification_status
    with atomic():
        catalog.transition_producer(producer, to_status, actor=officer, reason=reason, commit=False)
        audit.record(f"producer.{decision}", producer, actor=officer, producer=producer, reason=reason,
                     **{"from": from_status, "to": to_status})
        notifications.dispatch(notifications.compose_producer_decision(producer))
    return producer


def decide_certification(officer, certification, decision, reason=None):
    """Verify, reject or revoke a certificate."""
    producer = certification.product.producer
    require_officer(officer, producer)
    to_status = _decision(CERTIFICATION_DECISIONS, decision)
    from_status = certification.status
    with atomic():
        catalog.transition_certification(certification, to_status, actor=officer, reason=reason, commit=False)
        audit.record(f"certification.{decision}", certification, actor=officer, producer=producer, reason=reason,
                     stars=certification.stars, product_id=certification.product_id,
                     **{"from": from_status, "to": to_status})
        notifications.dispatch(notifications.compose_certificate_decision(certification))
    return certification


def record_validity_exception(officer, certification, expires_on, reason):
    """Accept a waiting certificate's expiry beyond the usual validity (ocop.json), with a reason.

    Audit-logged (who, when, the old and new expiry, why); the queue and the certificate
    page show it to every officer until the certificate is decided.
    """
    producer = certification.product.producer
    require_officer(officer, producer)
    old_expiry = certification.expires_on
    with atomic():
        catalog.record_validity_exception(certification, expires_on=expires_on, reason=reason, actor=officer,
                                          commit=False)
        audit.record("certification.validity_exception", certification, actor=officer, producer=producer,
                     reason=certification.validity_exception_reason, product_id=certification.product_id,
                     **{"from": old_expiry.isoformat(), "to": certification.expires_on.isoformat()})
    return certification


# --- what officers look at -----------------------------------------------------------

def _certifications_of(officer):
    """Certificates joined to their producer, limited to the officer's province."""
    query = (db.select(Certification).join(Product, Product.id == Certification.product_id)
             .join(Producer, Producer.id == Product.producer_id)
             .options(selectinload(Certification.product).selectinload(Product.producer)))
    return jurisdiction.narrow(query, officer, Producer.province_id)


def review_queue(officer, limit=100):
    """Producers and certificates waiting for the officer's decision, oldest first."""
    producers = db.session.execute(jurisdiction.narrow(
        db.select(Producer).where(Producer.verification_status == ProducerStatus.PENDING)
        .options(selectinload(Producer.province)).order_by(Producer.created_at, Producer.id).limit(limit),
        officer, Producer.province_id)).scalars().all()
    certifications = db.session.execute(
        _certifications_of(officer).where(Certification.status == CertificationStatus.PENDING)
        .order_by(Certification.created_at, Certification.id).limit(limit)).scalars().all()
    return producers, certifications


def producers_page(officer, status=None, q="", page=1, per_page=50):
    query = db.select(Producer).options(selectinload(Producer.province)).order_by(Producer.name, Producer.id)
    query = jurisdiction.narrow(query, officer, Producer.province_id)
    if status:
        query = query.where(Producer.verification_status == ProducerStatus(status))
    if q:
        like = f"%{q.strip()}%"
        query = query.where(or_(Producer.name.ilike(like), Producer.tax_code.ilike(like), Producer.slug.ilike(
            f"%{fold(q).replace(' ', '-')}%")))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def certifications_page(officer, status=None, page=1, per_page=50):
    query = _certifications_of(officer).order_by(Certification.created_at.desc(), Certification.id.desc())
    if status:
        query = query.where(Certification.status == CertificationStatus(status))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def audit_page(officer, *, producer_id=None, action=None, page=1, per_page=50):
    """The audit log; a provincial officer reads the entries about its province's producers."""
    query = (db.select(AuditEntry).options(selectinload(AuditEntry.producer))
             .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()))
    if jurisdiction.province_scope(officer) is not jurisdiction.EVERYWHERE:
        query = jurisdiction.narrow(query.join(Producer, Producer.id == AuditEntry.producer_id), officer,
                                    Producer.province_id)
    if producer_id:
        query = query.where(AuditEntry.producer_id == producer_id)
    if action:
        query = query.where(AuditEntry.action.startswith(action))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def history(subject_type, subject_id):
    return audit.entries_for(subject_type, subject_id)
