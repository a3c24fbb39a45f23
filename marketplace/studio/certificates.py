"""OCOP certificates: the producer submits a product's certificate with its scan and
corrects it while it waits; an officer decides (admin).

Every function takes the acting user (`actor`) and checks, through `studio.access`, that
they act for the very producer whose record they touch; a refusal raises PermissionDenied
and changes nothing. Each function is one transaction (studio.files.file_transaction).
"""
from marketplace.audit import services as audit
from marketplace.catalog import services as catalog
from marketplace.catalog.models import CertificationLevel, CertificationStatus
from marketplace.core import submissions
from marketplace.core.errors import DomainError, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.storage import forget, private_storage
from marketplace.extensions import db
from marketplace.studio.access import require_member
from marketplace.studio.files import file_transaction, store_document


CERT_FIELDS = ("stars", "points", "number", "issuing_body", "level", "decided_on", "expires_on")


def _check_submitted_dates(fields, today):
    decided_on, expires_on = fields.get("decided_on"), fields.get("expires_on")
    if decided_on is not None and decided_on > today:
        raise ValidationError(_l("Ngày quyết định không thể ở tương lai."), field="decided_on")
    if decided_on is not None and (expires_on or catalog.default_expiry(decided_on)) < today:
        raise ValidationError(_l("Chứng nhận này đã hết hạn; chỉ gửi chứng nhận còn hiệu lực."), field="expires_on")
    if not (fields.get("issuing_body") or "").strip():
        raise ValidationError(_l("Cần ghi cơ quan công nhận."), field="issuing_body")


def submit_certification(actor, product, *, scan, today, submission=None, **fields):
    """The producer sends an OCOP certificate with its scan (once per submitted form); it waits for an officer."""
    producer = product.producer
    require_member(actor, producer)
    _check_submitted_dates(fields, today)
    catalog.check_certification(**{k: fields.get(k) for k in CERT_FIELDS if k != "issuing_body"})
    if not scan:
        raise ValidationError(_l("Cần tải lên bản chụp giấy chứng nhận (PDF hoặc ảnh)."), field="scan")
    with file_transaction() as files:
        claim = submissions.claim(submission, "certification")
        certification = catalog.add_certification(product=product, status=CertificationStatus.PENDING,
                                                  commit=False, **{k: fields.get(k) for k in CERT_FIELDS})
        db.session.flush()
        claim.done(certification.id)
        certification.issuing_body = certification.issuing_body.strip()
        certification.scan_path = store_document(files, "certificates", producer, scan, "scan")
        audit.record("certification.submitted", certification, actor=actor, producer=producer,
                     stars=certification.stars, product_id=product.id)
    return certification


def update_certification(actor, certification, *, today, scan=None, **fields):
    """Correct a certificate still waiting or rejected; a rejected one goes back to the queue."""
    producer = certification.product.producer
    require_member(actor, producer)
    if certification.status not in (CertificationStatus.PENDING, CertificationStatus.REJECTED):
        raise DomainError(_l("Chứng nhận đã được xác minh thì không sửa được; hãy gửi chứng nhận mới."))
    _check_submitted_dates(fields, today)
    # An officer's exception to the validity rule holds while the dates it was given for stay the same.
    same_dates = (fields.get("decided_on"), fields.get("expires_on")) == (certification.decided_on,
                                                                          certification.expires_on)
    exception = certification.validity_exception_reason if same_dates else None
    expires_on = catalog.check_certification(validity_exception=exception,
                                             **{k: fields.get(k) for k in CERT_FIELDS if k != "issuing_body"})
    old_scan = certification.scan_path
    with file_transaction() as files:
        certification.stars, certification.points = fields["stars"], fields["points"]
        certification.number = fields["number"].strip()
        certification.issuing_body = fields["issuing_body"].strip()
        certification.level = CertificationLevel(fields["level"])
        certification.decided_on, certification.expires_on = fields["decided_on"], expires_on
        if exception is None:
            certification.validity_exception_reason = certification.validity_exception_by_id = None
            certification.validity_exception_at = None
        if scan:
            certification.scan_path = store_document(files, "certificates", producer, scan, "scan")
        action = "certification.updated"
        if certification.status == CertificationStatus.REJECTED:
            catalog.transition_certification(certification, CertificationStatus.PENDING, actor=actor, commit=False)
            action = "certification.resubmitted"
        audit.record(action, certification, actor=actor, producer=producer, stars=certification.stars)
    if scan:
        forget(private_storage(), old_scan)
    return certification
