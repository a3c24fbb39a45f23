"""The producer's profile: created at onboarding (it then waits for verification),
edited, and sent for review again after a refusal.

Every function takes the acting user (`actor`) and checks, through `studio.access`, that
they act for the very producer whose record they touch; a refusal raises PermissionDenied
and changes nothing. Each function is one transaction (studio.files.file_transaction).
"""
from marketplace.audit import services as audit
from marketplace.catalog import services as catalog
from marketplace.catalog.models import ProducerStatus
from marketplace.core import submissions
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.storage import forget, media_storage, private_storage
from marketplace.extensions import db
from marketplace.studio.access import may_create_producer, require_member
from marketplace.studio.files import file_transaction, store_document, store_logo


PROFILE_FIELDS = ("name", "kind", "province", "former_province", "address", "story", "phone", "email", "website",
                  "tax_code")


def _check_profile(fields):
    if not (fields.get("tax_code") or "").strip():
        raise ValidationError(_l("Cần mã số thuế hoặc số đăng ký kinh doanh để cán bộ xác minh."), field="tax_code")
    if not (fields.get("address") or "").strip():
        raise ValidationError(_l("Cần địa chỉ sản xuất."), field="address")


def create_profile(actor, *, logo=None, registration_doc=None, submission=None, **fields):
    """A producer account creates its producer profile (once per submitted form); it waits for an
    officer's verification."""
    submissions.check(submission, "producer")  # the first one made this account a member already
    if not may_create_producer(actor):
        raise PermissionDenied(_l("Tài khoản này không thể tạo thêm hồ sơ chủ thể."))
    _check_profile(fields)
    with file_transaction() as files:
        claim = submissions.claim(submission, "producer")
        producer = catalog.create_producer(owner=actor, verified=False, commit=False,
                                           **{k: fields[k] for k in PROFILE_FIELDS if fields.get(k) is not None})
        db.session.flush()
        claim.done(producer.id)
        if logo:
            producer.logo_path = store_logo(files, producer, logo)
        if registration_doc:
            producer.registration_doc_path = store_document(files, "registrations", producer, registration_doc,
                                                            "registration_doc")
        audit.record("producer.submitted", producer, actor=actor, producer=producer)
    return producer


def update_profile(actor, producer, *, logo=None, registration_doc=None, **fields):
    """Edit the profile. It stays in its verification state; a rejected one is sent again separately."""
    require_member(actor, producer)
    _check_profile(fields)
    old_logo, old_doc = producer.logo_path, producer.registration_doc_path
    with file_transaction() as files:
        catalog.update_producer(producer, commit=False, **{k: fields.get(k) for k in PROFILE_FIELDS})
        if logo:
            producer.logo_path = store_logo(files, producer, logo)
        if registration_doc:
            producer.registration_doc_path = store_document(files, "registrations", producer, registration_doc,
                                                            "registration_doc")
    if logo:
        forget(media_storage(), old_logo)
    if registration_doc:
        forget(private_storage(), old_doc)
    return producer


def resubmit_profile(actor, producer):
    """After a rejection, send the corrected profile to the officers again."""
    require_member(actor, producer)
    with file_transaction():
        catalog.transition_producer(producer, ProducerStatus.PENDING, actor=actor, commit=False)
        audit.record("producer.resubmitted", producer, actor=actor, producer=producer)
    return producer
