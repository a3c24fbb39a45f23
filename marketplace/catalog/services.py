"""Catalogue operations: producers, products and their OCOP certifications.

Plain functions with explicit arguments. Each public function is one transaction
(`commit=False` lets a caller such as the demo loader batch many into one).
"""
from datetime import date

from marketplace.catalog.models import (Category, Certification, CertificationLevel, CertificationStatus,
                                        FormerProvince, Producer, ProducerKind, ProducerMember, ProducerStatus,
                                        Product, ProductStatus, Province)
from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.core.facts import certificate_valid_months, star_bands
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.text import fold, slugify
from marketplace.core.timeutil import add_months, utcnow, vn_today
from marketplace.extensions import db

# The certificate state machine: which status may follow which.
CERTIFICATION_TRANSITIONS = {
    CertificationStatus.PENDING: {CertificationStatus.VERIFIED, CertificationStatus.REJECTED},
    CertificationStatus.VERIFIED: {CertificationStatus.REVOKED, CertificationStatus.EXPIRED,
                                   CertificationStatus.DOWNGRADED},
    CertificationStatus.REJECTED: {CertificationStatus.PENDING},
    CertificationStatus.REVOKED: set(),
    CertificationStatus.EXPIRED: set(),  # a renewal is a new certificate
    CertificationStatus.DOWNGRADED: set(),  # the new, lower certificate carries on
}
# Moves that need a reason the producer reads.
_CERTIFICATION_REASON_NEEDED = (CertificationStatus.REJECTED, CertificationStatus.REVOKED,
                                CertificationStatus.DOWNGRADED)

# The producer verification state machine. Rejected profiles are corrected and sent
# again (back to pending); a suspended producer may be reinstated.
PRODUCER_TRANSITIONS = {
    ProducerStatus.PENDING: {ProducerStatus.VERIFIED, ProducerStatus.REJECTED},
    ProducerStatus.REJECTED: {ProducerStatus.PENDING},
    ProducerStatus.VERIFIED: {ProducerStatus.SUSPENDED},
    ProducerStatus.SUSPENDED: {ProducerStatus.VERIFIED},
}

# The listing state machine: drafts are published, unpublished back to draft, archived.
PRODUCT_TRANSITIONS = {
    ProductStatus.DRAFT: {ProductStatus.ACTIVE, ProductStatus.ARCHIVED},
    ProductStatus.ACTIVE: {ProductStatus.DRAFT, ProductStatus.ARCHIVED},
    ProductStatus.ARCHIVED: {ProductStatus.DRAFT},
}


def unique_slug(model, text, exclude_id=None):
    """A slug for `text` not yet used by another row of `model`."""
    base = slugify(text)
    candidate, n = base, 2
    while True:
        query = db.select(model.id).where(model.slug == candidate)
        if exclude_id is not None:
            query = query.where(model.id != exclude_id)
        if db.session.execute(query).first() is None:
            return candidate
        candidate, n = f"{base}-{n}", n + 1


def _finish(commit):
    if commit:
        db.session.commit()
    else:
        db.session.flush()


def product_search_text(product):
    """Folded words a database search matches: product, producer, places, group."""
    producer = product.producer
    province = producer.province
    parts = [product.name, producer.name, province.name_vi, product.origin,
             producer.former_province.name_vi if producer.former_province else "",
             product.category.name_vi, product.category.group.name_vi]
    return fold(" ".join(p for p in parts if p))


def create_producer(*, name, kind, province, former_province=None, address="", story="", phone=None,
                    email=None, website=None, tax_code=None, logo_path=None, verified=False, is_demo=False,
                    owner=None, slug=None, commit=True):
    if not name or not name.strip():
        raise ValidationError(_l("Tên chủ thể không được để trống."), field="name")
    kind = ProducerKind(kind)
    if former_province is not None and former_province.province_id != province.id:
        raise ValidationError(_l("Tỉnh cũ không thuộc tỉnh đã chọn."), field="former_province")
    producer = Producer(
        name=name.strip(), slug=slug or unique_slug(Producer, name), kind=kind, province=province,
        former_province=former_province, address=address, story=story, phone=phone, email=email,
        website=website, tax_code=tax_code, logo_path=logo_path, verified=verified,
        verification_status=ProducerStatus.VERIFIED if verified else ProducerStatus.PENDING,
        verified_at=utcnow() if verified else None, is_demo=is_demo)
    db.session.add(producer)
    if owner is not None:
        producer.members.append(ProducerMember(user=owner, is_owner=True))
    _finish(commit)
    return producer


def update_producer(producer, *, name, kind, province, former_province=None, address="", story="", phone=None,
                    email=None, website=None, tax_code=None, commit=True):
    """Change a producer's profile; the folded search text of its products follows."""
    if not name or not name.strip():
        raise ValidationError(_l("Tên chủ thể không được để trống."), field="name")
    if former_province is not None and former_province.province_id != province.id:
        raise ValidationError(_l("Tỉnh cũ không thuộc tỉnh đã chọn."), field="former_province")
    producer.name = name.strip()
    producer.kind = ProducerKind(kind)
    producer.province = province
    producer.former_province = former_province
    producer.address, producer.story = address or "", story or ""
    producer.phone, producer.email, producer.website, producer.tax_code = phone, email, website, tax_code
    for product in producer.products:
        product.search_text = product_search_text(product)
    _finish(commit)
    return producer


def transition_producer(producer, to_status, *, actor=None, reason=None, commit=True):
    """Move a producer along its verification state machine, or raise InvalidTransition.

    Officers verify, reject (with a reason) and suspend (with a reason); the producer
    sends a rejected profile again (back to pending). `verified` follows the status.
    """
    to_status = ProducerStatus(to_status)
    if to_status not in PRODUCER_TRANSITIONS[producer.verification_status]:
        raise InvalidTransition(_l("Không thể chuyển hồ sơ chủ thể từ “%(src)s” sang “%(dst)s”.",
                                   src=producer.verification_status.value, dst=to_status.value))
    if to_status in (ProducerStatus.REJECTED, ProducerStatus.SUSPENDED) and not (reason or "").strip():
        raise ValidationError(_l("Cần nêu lý do."), field="reason")
    producer.verification_status = to_status
    producer.verified = to_status == ProducerStatus.VERIFIED
    producer.status_reason = (reason or "").strip() or None
    if to_status == ProducerStatus.VERIFIED:
        producer.verified_at = utcnow()
    if to_status != ProducerStatus.PENDING:
        producer.reviewed_at = utcnow()
        producer.reviewed_by_id = actor.id if actor is not None else None
    _finish(commit)
    return producer


def validate_price(price):
    if isinstance(price, bool) or not isinstance(price, int):
        raise ValidationError(_l("Giá phải là số nguyên đồng."), field="price")
    if price < 0 or price > 10_000_000_000:
        raise ValidationError(_l("Giá phải từ 0 đến 10 tỷ đồng."), field="price")


def create_product(*, producer, category, name, price, unit, stock=0, description="", origin="",
                   status=ProductStatus.DRAFT, slug=None, created_at=None, commit=True):
    if not name or not name.strip():
        raise ValidationError(_l("Tên sản phẩm không được để trống."), field="name")
    validate_price(price)
    if stock < 0:
        raise ValidationError(_l("Tồn kho không được âm."), field="stock")
    product = Product(producer=producer, category=category, name=name.strip(),
                      slug=slug or unique_slug(Product, name), price=price, unit=unit, stock=stock,
                      description=description, origin=origin, status=ProductStatus(status))
    if created_at is not None:
        product.created_at = created_at
    db.session.add(product)
    product.search_text = product_search_text(product)
    _finish(commit)
    return product


def update_product(product, *, category, name, price, unit, stock, description="", origin="", commit=True):
    """Change a listing's details (its status moves only through transition_product)."""
    if not name or not name.strip():
        raise ValidationError(_l("Tên sản phẩm không được để trống."), field="name")
    validate_price(price)
    if isinstance(stock, bool) or not isinstance(stock, int) or stock < 0:
        raise ValidationError(_l("Tồn kho không được âm."), field="stock")
    if not (unit or "").strip():
        raise ValidationError(_l("Cần ghi đơn vị bán (ví dụ: hộp 500 g)."), field="unit")
    product.category, product.name, product.price = category, name.strip(), price
    product.unit, product.stock = unit.strip(), stock
    product.description, product.origin = description or "", origin or ""
    product.search_text = product_search_text(product)
    _finish(commit)
    return product


def transition_product(product, to_status, *, commit=True):
    """Publish, unpublish, archive or restore a listing, or raise InvalidTransition.

    A listing goes on sale only with a price and at least one photo.
    """
    to_status = ProductStatus(to_status)
    if to_status not in PRODUCT_TRANSITIONS[product.status]:
        raise InvalidTransition(_l("Không thể chuyển sản phẩm từ “%(src)s” sang “%(dst)s”.",
                                   src=product.status.value, dst=to_status.value))
    if to_status == ProductStatus.ACTIVE:
        if product.price <= 0:
            raise ValidationError(_l("Cần đặt giá bán trước khi đăng bán."), field="price")
        if not product.photos:
            raise ValidationError(_l("Cần ít nhất một ảnh sản phẩm trước khi đăng bán."), field="photos")
    product.status = to_status
    _finish(commit)
    return product


def points_in_band(stars, points):
    band = star_bands().get(stars)
    return band is not None and band.certified and band.min_points <= points <= band.max_points


def default_expiry(decided_on: date) -> date:
    """Certificates are valid for 36 months after the decision (ocop.json); also the latest expiry allowed."""
    return add_months(decided_on, certificate_valid_months())


def check_certification(*, stars, points, number, level, decided_on, expires_on=None, validity_exception=None):
    """Validate a certificate's facts; return its expiry date (36 months by default).

    The one place of the validity rule: an expiry later than `default_expiry` (the
    validity of shared/data/ocop.json) is refused unless `validity_exception` gives an
    officer's reason (see record_validity_exception). Used by the studio, the officers'
    pages and the demo loader alike.
    """
    if stars not in (3, 4, 5):
        raise ValidationError(_l("Chỉ sản phẩm 3, 4 hoặc 5 sao được chứng nhận OCOP."), field="stars")
    if not points_in_band(stars, points):
        band = star_bands()[stars]
        raise ValidationError(_l("Điểm %(points)s không thuộc hạng %(stars)s sao (%(min)s–%(max)s điểm).",
                                 points=points, stars=stars, min=band.min_points, max=band.max_points),
                              field="points")
    if not number or not number.strip():
        raise ValidationError(_l("Cần số quyết định hoặc số giấy chứng nhận."), field="number")
    try:
        CertificationLevel(level)
    except ValueError:
        raise ValidationError(_l("Cấp công nhận không hợp lệ."), field="level") from None
    if decided_on is None:
        raise ValidationError(_l("Cần ngày quyết định."), field="decided_on")
    latest = default_expiry(decided_on)
    expires_on = expires_on or latest
    if expires_on <= decided_on:
        raise ValidationError(_l("Ngày hết hạn phải sau ngày quyết định."), field="expires_on")
    if expires_on > latest and not (validity_exception or "").strip():
        raise ValidationError(_l("Giấy chứng nhận OCOP có hiệu lực %(months)s tháng kể từ ngày quyết định, nên hạn "
                                 "muộn nhất là %(latest)s. Hãy nhập hạn ghi trên giấy (không quá ngày này) hoặc để "
                                 "trống; nếu giấy ghi hạn dài hơn, cán bộ xác minh sẽ xem bản chụp và có thể ghi "
                                 "nhận ngoại lệ.", months=certificate_valid_months(),
                                 latest=latest.strftime("%d/%m/%Y")), field="expires_on")
    return expires_on


def add_certification(*, product, stars, points, number, issuing_body, level, decided_on, expires_on=None,
                      status=CertificationStatus.PENDING, commit=True):
    """Record a certificate; it shows a badge only once verified (see catalog.rating)."""
    expires_on = check_certification(stars=stars, points=points, number=number, level=level,
                                     decided_on=decided_on, expires_on=expires_on)
    certification = Certification(product=product, stars=stars, points=points, number=number.strip(),
                                  issuing_body=issuing_body, level=CertificationLevel(level),
                                  decided_on=decided_on, expires_on=expires_on,
                                  status=CertificationStatus(status))
    db.session.add(certification)
    _finish(commit)
    return certification


def record_validity_exception(certification, *, expires_on, reason, actor, commit=True):
    """An officer accepts an expiry beyond the usual validity for a waiting certificate, saying why.

    The caller (admin.services) checks the officer and writes the audit log.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_l("Cần nêu lý do của ngoại lệ."), field="reason")
    if len(reason) > 500:
        raise ValidationError(_l("Lý do tối đa 500 ký tự."), field="reason")
    if certification.status != CertificationStatus.PENDING:
        raise InvalidTransition(_l("Chỉ ghi nhận ngoại lệ cho chứng nhận đang chờ xác minh."))
    if expires_on is None:
        raise ValidationError(_l("Cần ngày hết hạn ghi trên giấy chứng nhận."), field="expires_on")
    certification.expires_on = check_certification(
        stars=certification.stars, points=certification.points, number=certification.number,
        level=certification.level, decided_on=certification.decided_on, expires_on=expires_on,
        validity_exception=reason)
    certification.validity_exception_reason = reason
    certification.validity_exception_by_id = actor.id if actor is not None else None
    certification.validity_exception_at = utcnow()
    _finish(commit)
    return certification


def exceeds_validity(certification):
    """Whether the certificate's expiry is later than the usual validity (it then carries an exception)."""
    return certification.expires_on > default_expiry(certification.decided_on)


def transition_certification(certification, to_status, *, actor=None, reason=None, today=None, commit=True):
    """Move a certificate along its state machine, or raise InvalidTransition.

    Officers verify, reject and revoke (with a reason); the producer sends a rejected
    certificate again (back to pending, reviewer kept); the daily command marks a
    verified certificate expired once its expiry date has passed in Vietnam; a
    post-inspection downgrades it (with a reason) when a lower certificate replaces it.
    """
    to_status = CertificationStatus(to_status)
    if to_status not in CERTIFICATION_TRANSITIONS[certification.status]:
        raise InvalidTransition(_l("Không thể chuyển chứng nhận từ “%(src)s” sang “%(dst)s”.",
                                   src=certification.status.value, dst=to_status.value))
    if to_status in _CERTIFICATION_REASON_NEEDED and not (reason or "").strip():
        raise ValidationError(_l("Cần nêu lý do."), field="reason")
    if to_status == CertificationStatus.EXPIRED and certification.expires_on >= (today or vn_today()):
        raise InvalidTransition(_l("Chứng nhận vẫn còn hiệu lực."))
    certification.status = to_status
    certification.status_reason = (reason or "").strip() or None
    if to_status != CertificationStatus.PENDING:
        certification.reviewed_at = utcnow()
        certification.reviewed_by_id = actor.id if actor is not None else None
    _finish(commit)
    return certification


def find_province(key):
    """A current province by slug or code (case-insensitive), or None."""
    if not key:
        return None
    return db.session.execute(
        db.select(Province).where(db.or_(Province.slug == key.lower(), Province.code == key.upper()))
    ).scalar_one_or_none()


def find_former_province(key):
    if not key:
        return None
    return db.session.execute(
        db.select(FormerProvince).where(FormerProvince.slug == slugify(key))).scalar_one_or_none()


def find_category(slug):
    if not slug:
        return None
    return db.session.execute(db.select(Category).where(Category.slug == slug)).scalar_one_or_none()
