"""The producer's operations: profile, listings, photos, certificates, team.

Every function takes the acting user (`actor`) and checks, through
`studio.access`, that they act for the very producer whose record they touch; a
refusal raises PermissionDenied and changes nothing. Each function is one
transaction. Uploaded bytes are checked by core.uploads before anything is
stored; files written for a transaction that then fails are removed again.
"""
import hashlib
import secrets
from contextlib import contextmanager
from datetime import timedelta

from flask import current_app

from marketplace.accounts.models import Role
from marketplace.accounts.services import mark_email_confirmed, normalise_email
from marketplace.admin import audit
from marketplace.catalog import services as catalog
from marketplace.catalog.models import (CertificationLevel, CertificationStatus, ProducerMember, ProducerStatus,
                                        ProductPhoto, ProductStatus)
from marketplace.core import submissions
from marketplace.core.errors import DomainError, PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.storage import NewFiles, forget, media_storage, new_key, private_storage
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.core.uploads import LOGO_VARIANTS, PHOTO_VARIANTS, process_document, process_upload
from marketplace.extensions import db
from marketplace.studio import notifications
from marketplace.studio.access import may_create_producer, require_member
from marketplace.studio.models import ProducerInvitation

MAX_PHOTOS = 8
INVITATION_DAYS = 14


# --- files -------------------------------------------------------------------

@contextmanager
def _transaction():
    """Commit at the end; on any error roll back and remove files written meanwhile."""
    files = NewFiles()
    with atomic(undo=files.discard):
        yield files


@contextmanager
def _about(field):
    """Upload errors name the form field they belong to."""
    try:
        yield
    except ValidationError as error:
        if error.field:
            raise
        raise ValidationError(error.message, field=field) from None


def _image(data, variants, field):
    """Checked, re-encoded variants of an uploaded image (limits from the configuration)."""
    with _about(field):
        return process_upload(data, variants)


def _store_logo(files, producer, data):
    logo = _image(data, LOGO_VARIANTS, "logo").variants["logo"]
    return files.save(media_storage(), new_key(f"producers/{producer.id}", "-logo.jpg"), logo.data,
                      logo.content_type)


def _store_document(files, folder, producer, data, field):
    with _about(field):
        document = process_document(data, max_bytes=current_app.config["MAX_DOCUMENT_BYTES"],
                                    max_pixels=current_app.config["MAX_IMAGE_PIXELS"])
    return files.save(private_storage(), new_key(f"{folder}/{producer.id}", document.extension), document.data,
                      document.content_type)


# --- producer profile ------------------------------------------------------------

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
    with _transaction() as files:
        claim = submissions.claim(submission, "producer")
        producer = catalog.create_producer(owner=actor, verified=False, commit=False,
                                           **{k: fields[k] for k in PROFILE_FIELDS if fields.get(k) is not None})
        db.session.flush()
        claim.done(producer.id)
        if logo:
            producer.logo_path = _store_logo(files, producer, logo)
        if registration_doc:
            producer.registration_doc_path = _store_document(files, "registrations", producer, registration_doc,
                                                                   "registration_doc")
        audit.record("producer.submitted", producer, actor=actor, producer=producer)
    return producer


def update_profile(actor, producer, *, logo=None, registration_doc=None, **fields):
    """Edit the profile. It stays in its verification state; a rejected one is sent again separately."""
    require_member(actor, producer)
    _check_profile(fields)
    old_logo, old_doc = producer.logo_path, producer.registration_doc_path
    with _transaction() as files:
        catalog.update_producer(producer, commit=False, **{k: fields.get(k) for k in PROFILE_FIELDS})
        if logo:
            producer.logo_path = _store_logo(files, producer, logo)
        if registration_doc:
            producer.registration_doc_path = _store_document(files, "registrations", producer, registration_doc,
                                                                   "registration_doc")
    if logo:
        forget(media_storage(), old_logo)
    if registration_doc:
        forget(private_storage(), old_doc)
    return producer


def resubmit_profile(actor, producer):
    """After a rejection, send the corrected profile to the officers again."""
    require_member(actor, producer)
    with _transaction():
        catalog.transition_producer(producer, ProducerStatus.PENDING, actor=actor, commit=False)
        audit.record("producer.resubmitted", producer, actor=actor, producer=producer)
    return producer


# --- listings ----------------------------------------------------------------------

def create_listing(actor, producer, *, category, name, price, unit, stock=0, description="", origin="",
                   submission=None):
    """A new listing, as a draft: nobody sees it until it is published. Once per submitted form."""
    require_member(actor, producer)
    if not (unit or "").strip():
        raise ValidationError(_l("Cần ghi đơn vị bán (ví dụ: hộp 500 g)."), field="unit")
    with _transaction():
        claim = submissions.claim(submission, "product")
        product = catalog.create_product(producer=producer, category=category, name=name, price=price,
                                         unit=unit.strip(), stock=stock, description=description or "",
                                         origin=origin or "", status=ProductStatus.DRAFT, commit=False)
        db.session.flush()
        claim.done(product.id)
    return product


def update_listing(actor, product, **fields):
    require_member(actor, product.producer)
    with _transaction():
        catalog.update_product(product, commit=False, **fields)
    return product


def change_listing_status(actor, product, to_status):
    """Publish, unpublish, archive or restore (catalog.services.PRODUCT_TRANSITIONS)."""
    require_member(actor, product.producer)
    with _transaction():
        catalog.transition_product(product, to_status, commit=False)
    return product


# --- photos --------------------------------------------------------------------------

def add_photo(actor, product, data, alt="", submission=None):
    """Check an uploaded photo, store its page and list variants, add it last; once per submitted form."""
    require_member(actor, product.producer)
    submissions.check(submission, "product_photo")  # before the count: a repeat of the 8th photo is not a 9th
    if len(product.photos) >= MAX_PHOTOS:
        raise ValidationError(_l("Mỗi sản phẩm có tối đa %(n)s ảnh.", n=MAX_PHOTOS), field="photo")
    image = _image(data, PHOTO_VARIANTS, "photo")
    page, thumb = image.variants["page"], image.variants["list"]
    store = media_storage()
    base = new_key(f"products/{product.id}", "")
    with _transaction() as files:
        claim = submissions.claim(submission, "product_photo")  # before any file is written
        photo = ProductPhoto(
            product=product, alt=(alt or "").strip()[:200],
            path=files.save(store, f"{base}-page.jpg", page.data, page.content_type),
            thumb_path=files.save(store, f"{base}-list.jpg", thumb.data, thumb.content_type),
            width=page.width, height=page.height,
            position=max((p.position for p in product.photos), default=-1) + 1)
        db.session.add(photo)
        db.session.flush()
        claim.done(photo.id)
    return photo


def _renumber(product):
    for position, photo in enumerate(sorted(product.photos, key=lambda p: (p.position, p.id))):
        photo.position = position


def delete_photo(actor, photo):
    product = photo.product
    require_member(actor, product.producer)
    if product.status == ProductStatus.ACTIVE and len(product.photos) == 1:
        raise ValidationError(_l("Sản phẩm đang bán cần ít nhất một ảnh; hãy thêm ảnh khác trước."), field="photo")
    keys = (photo.path, photo.thumb_path)
    with _transaction():
        product.photos.remove(photo)  # delete-orphan: the row goes too
        _renumber(product)
    forget(media_storage(), *keys)


def make_cover(actor, photo):
    """Put `photo` first: it becomes the cover shown in lists."""
    product = photo.product
    require_member(actor, product.producer)
    with _transaction():
        photo.position = -1
        _renumber(product)
    return photo


# --- certificates ----------------------------------------------------------------------

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
    with _transaction() as files:
        claim = submissions.claim(submission, "certification")
        certification = catalog.add_certification(product=product, status=CertificationStatus.PENDING,
                                                  commit=False, **{k: fields.get(k) for k in CERT_FIELDS})
        db.session.flush()
        claim.done(certification.id)
        certification.issuing_body = certification.issuing_body.strip()
        certification.scan_path = _store_document(files, "certificates", producer, scan, "scan")
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
    with _transaction() as files:
        certification.stars, certification.points = fields["stars"], fields["points"]
        certification.number = fields["number"].strip()
        certification.issuing_body = fields["issuing_body"].strip()
        certification.level = CertificationLevel(fields["level"])
        certification.decided_on, certification.expires_on = fields["decided_on"], expires_on
        if exception is None:
            certification.validity_exception_reason = certification.validity_exception_by_id = None
            certification.validity_exception_at = None
        if scan:
            certification.scan_path = _store_document(files, "certificates", producer, scan, "scan")
        action = "certification.updated"
        if certification.status == CertificationStatus.REJECTED:
            catalog.transition_certification(certification, CertificationStatus.PENDING, actor=actor, commit=False)
            action = "certification.resubmitted"
        audit.record(action, certification, actor=actor, producer=producer, stars=certification.stars)
    if scan:
        forget(private_storage(), old_scan)
    return certification


# --- team ---------------------------------------------------------------------------------

def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invite_member(actor, producer, email, accept_url, submission=None):
    """The owner invites someone by e-mail; `accept_url(token)` builds the link sent to them.
    Once per submitted form: a repeat neither revokes the first link nor sends a second e-mail."""
    require_member(actor, producer, owner=True)
    email = normalise_email(email)
    if not email or "@" not in email:
        raise ValidationError(_l("Email không hợp lệ."), field="email")
    if any(m.user.email == email for m in producer.members):
        raise ValidationError(_l("Người này đã ở trong nhóm."), field="email")
    now = utcnow()
    token = secrets.token_urlsafe(32)
    with _transaction():
        claim = submissions.claim(submission, "invitation")
        for old in db.session.execute(db.select(ProducerInvitation).where(
                ProducerInvitation.producer_id == producer.id, ProducerInvitation.email == email,
                ProducerInvitation.accepted_at.is_(None), ProducerInvitation.revoked_at.is_(None))).scalars():
            old.revoked_at = now  # one open invitation per address: the newest
        invitation = ProducerInvitation(producer=producer, email=email, token_hash=_token_hash(token),
                                        invited_by=actor, created_at=now,
                                        expires_at=now + timedelta(days=INVITATION_DAYS))
        db.session.add(invitation)
        db.session.flush()
        claim.done(invitation.id)
        audit.record("team.invited", invitation, actor=actor, producer=producer, email=email)
        notifications.dispatch(notifications.compose_invitation(invitation, accept_url(token)))
    return invitation


def find_invitation(token):
    if not token or len(token) > 100:
        return None
    return db.session.execute(db.select(ProducerInvitation).where(
        ProducerInvitation.token_hash == _token_hash(token))).scalar_one_or_none()


def accept_invitation(user, token, submission=None):
    """`user` joins the team the invitation names, if it is open and addressed to them; once per
    submitted form, and once per invitation (its row is locked while it is checked and used).

    The link reached that address, so accepting it also confirms the account's address.
    """
    submissions.check(submission, "team_membership")  # the first one used the invitation up
    invitation = find_invitation(token)
    if invitation is None or not invitation.is_open(utcnow()):
        raise ValidationError(_l("Lời mời không còn hiệu lực."))
    if normalise_email(user.email) != invitation.email:
        raise PermissionDenied(_l("Lời mời này gửi tới một địa chỉ email khác. Hãy đăng nhập bằng %(email)s.",
                                  email=invitation.email))
    if user.has_role(Role.OFFICER):
        raise PermissionDenied(_l("Cán bộ xác minh không thể tham gia nhóm của chủ thể."))
    producer = invitation.producer
    with _transaction():
        submissions.claim(submission, "team_membership").done(producer.id)
        db.session.refresh(invitation, with_for_update=True)
        if not invitation.is_open(utcnow()):  # used meanwhile (another tab)
            raise ValidationError(_l("Lời mời không còn hiệu lực."))
        mark_email_confirmed(user, commit=False)
        if db.session.get(ProducerMember, (producer.id, user.id)) is None:
            member = ProducerMember(producer=producer, user=user, is_owner=False)
            db.session.add(member)
            audit.record("team.joined", member, actor=user, producer=producer)
        invitation.accepted_at = utcnow()
        invitation.accepted_by_id = user.id
    return producer


def revoke_invitation(actor, invitation):
    require_member(actor, invitation.producer, owner=True)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        return invitation
    with _transaction():
        invitation.revoked_at = utcnow()
        audit.record("team.invitation_revoked", invitation, actor=actor, producer=invitation.producer,
                     email=invitation.email)
    return invitation


def remove_member(actor, member):
    """The owner removes a team member (owners themselves cannot be removed)."""
    producer = member.producer
    require_member(actor, producer, owner=True)
    if member.is_owner:
        raise ValidationError(_l("Không thể xóa chủ gian hàng khỏi nhóm."))
    with _transaction():
        audit.record("team.removed", member, actor=actor, producer=producer, email=member.user.email)
        producer.members.remove(member)  # delete-orphan: the row goes too


def team(producer):
    """Members (owners first) and open invitations of `producer`."""
    now = utcnow()
    members = sorted(producer.members, key=lambda m: (not m.is_owner, m.user.full_name))
    invitations = db.session.execute(db.select(ProducerInvitation).where(
        ProducerInvitation.producer_id == producer.id, ProducerInvitation.accepted_at.is_(None),
        ProducerInvitation.revoked_at.is_(None), ProducerInvitation.expires_at > now)
        .order_by(ProducerInvitation.created_at.desc())).scalars().all()
    return members, invitations
