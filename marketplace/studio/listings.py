"""The producer's listings and their photos: create, edit, change status; add, remove and
order photos (the first is the cover).

Every function takes the acting user (`actor`) and checks, through `studio.access`, that
they act for the very producer whose record they touch; a refusal raises PermissionDenied
and changes nothing. Each function is one transaction (studio.files.file_transaction).
"""
from marketplace.catalog import services as catalog
from marketplace.catalog.models import ProductPhoto, ProductStatus
from marketplace.core import submissions
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.storage import forget, media_storage, new_key
from marketplace.core.uploads import PHOTO_VARIANTS
from marketplace.extensions import db
from marketplace.studio.access import require_member
from marketplace.studio.files import checked_image, file_transaction


MAX_PHOTOS = 8


# --- listings ----------------------------------------------------------------------

def create_listing(actor, producer, *, category, name, price, unit, stock=0, description="", origin="",
                   submission=None):
    """A new listing, as a draft: nobody sees it until it is published. Once per submitted form."""
    require_member(actor, producer)
    if not (unit or "").strip():
        raise ValidationError(_l("Cần ghi đơn vị bán (ví dụ: hộp 500 g)."), field="unit")
    with file_transaction():
        claim = submissions.claim(submission, "product")
        product = catalog.create_product(producer=producer, category=category, name=name, price=price,
                                         unit=unit.strip(), stock=stock, description=description or "",
                                         origin=origin or "", status=ProductStatus.DRAFT, commit=False)
        db.session.flush()
        claim.done(product.id)
    return product


def update_listing(actor, product, **fields):
    require_member(actor, product.producer)
    with file_transaction():
        catalog.update_product(product, commit=False, **fields)
    return product


def change_listing_status(actor, product, to_status):
    """Publish, unpublish, archive or restore (catalog.services.PRODUCT_TRANSITIONS)."""
    require_member(actor, product.producer)
    with file_transaction():
        catalog.transition_product(product, to_status, commit=False)
    return product


# --- photos --------------------------------------------------------------------------

def add_photo(actor, product, data, alt="", submission=None):
    """Check an uploaded photo, store its page and list variants, add it last; once per submitted form."""
    require_member(actor, product.producer)
    submissions.check(submission, "product_photo")  # before the count: a repeat of the 8th photo is not a 9th
    if len(product.photos) >= MAX_PHOTOS:
        raise ValidationError(_l("Mỗi sản phẩm có tối đa %(n)s ảnh.", n=MAX_PHOTOS), field="photo")
    image = checked_image(data, PHOTO_VARIANTS, "photo")
    page, thumb = image.variants["page"], image.variants["list"]
    store = media_storage()
    base = new_key(f"products/{product.id}", "")
    with file_transaction() as files:
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
    with file_transaction():
        product.photos.remove(photo)  # delete-orphan: the row goes too
        _renumber(product)
    forget(media_storage(), *keys)


def make_cover(actor, photo):
    """Put `photo` first: it becomes the cover shown in lists."""
    product = photo.product
    require_member(actor, product.producer)
    with file_transaction():
        photo.position = -1
        _renumber(product)
    return photo
