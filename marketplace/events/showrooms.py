"""Showrooms: an organizer's permanent places where OCOP products can be seen and bought,
and the products each one stocks.
"""
from marketplace.catalog.models import Product, ProductStatus
from marketplace.catalog.services import unique_slug
from marketplace.core import submissions
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.events.access import acts_as_organizer
from marketplace.events.locking import finish, transaction
from marketplace.events.models import Showroom, ShowroomProduct
from marketplace.extensions import db


def _check_showroom(name, address, province):
    if not name or not name.strip():
        raise ValidationError(_l("Tên điểm giới thiệu không được để trống."), field="name")
    if not address or not address.strip():
        raise ValidationError(_l("Cần địa chỉ."), field="address")
    if province is None:
        raise ValidationError(_l("Cần chọn tỉnh, thành phố."), field="province")


def create_showroom(*, organizer, name, address, province, opening_hours="", description="", phone=None,
                    email=None, slug=None, is_demo=False, commit=True, submission=None, cover_path=None):
    if not acts_as_organizer(organizer):
        raise PermissionDenied(_l("Chỉ đơn vị tổ chức mới tạo được điểm giới thiệu sản phẩm."))
    _check_showroom(name, address, province)
    with transaction(commit):
        claim = submissions.claim(submission, "showroom")
        showroom = Showroom(organizer_id=organizer.id, name=name.strip(), slug=slug or unique_slug(Showroom, name),
                            address=address.strip(), province=province, opening_hours=opening_hours or "",
                            description=description or "", phone=phone or None, email=email or None,
                            is_demo=is_demo, cover_path=cover_path)
        db.session.add(showroom)
        db.session.flush()
        claim.done(showroom.id)
    return showroom


def update_showroom(showroom, *, name, address, province, opening_hours="", description="", phone=None,
                    email=None, is_active=True, commit=True, **photo):
    """`cover_path=` (only when given) replaces or, with None, removes the photo (events.media)."""
    _check_showroom(name, address, province)
    if "cover_path" in photo:
        showroom.cover_path = photo.pop("cover_path")
    if photo:
        raise TypeError(f"unexpected arguments {sorted(photo)}")
    showroom.name, showroom.address, showroom.province = name.strip(), address.strip(), province
    showroom.opening_hours, showroom.description = opening_hours or "", description or ""
    showroom.phone, showroom.email, showroom.is_active = phone or None, email or None, bool(is_active)
    finish(commit)
    return showroom


def find_product_for_showroom(key):
    """A product by slug or by its page's URL (…/products/<slug>), public or not."""
    slug = (key or "").strip().rstrip("/").rsplit("/products/", 1)[-1].split("?")[0].strip().lower()
    if not slug:
        return None
    return db.session.execute(db.select(Product).where(Product.slug == slug)).scalar_one_or_none()


def stock_product(showroom, product, *, commit=True):
    """Say that `product` can be seen and bought at `showroom`."""
    if product is None or product.status is not ProductStatus.ACTIVE or not product.producer.verified:
        raise ValidationError(_l("Không tìm thấy sản phẩm đang bán với mã này."), field="product")
    exists = db.session.get(ShowroomProduct, (showroom.id, product.id))
    if exists is None:
        db.session.add(ShowroomProduct(showroom=showroom, product=product))
    finish(commit)
    return showroom


def unstock_product(showroom, product_id, *, commit=True):
    item = db.session.get(ShowroomProduct, (showroom.id, product_id))
    if item is not None:
        db.session.delete(item)
    finish(commit)
