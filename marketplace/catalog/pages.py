"""Read-side helpers for storefront pages: fetch one public record or 404, and
the lists the home, province, region and category pages show."""
from flask import abort
from sqlalchemy import func
from sqlalchemy.orm import contains_eager, selectinload

from marketplace.catalog.models import Category, FormerProvince, MacroRegion, Producer, Product, Province, Region
from marketplace.catalog.queries import public_products_clause
from marketplace.core import pagecache
from marketplace.extensions import db


def public_product_or_404(slug):
    with pagecache.declared():  # the page shows this product and its producer: their rows are its tags
        product = db.session.execute(
            db.select(Product).join(Product.producer).where(Product.slug == slug, public_products_clause())
            .options(selectinload(Product.photos), selectinload(Product.certifications),
                     contains_eager(Product.producer))
        ).scalar_one_or_none()
    if product is None:
        abort(404)
    return product


def public_producer_or_404(slug):
    with pagecache.declared():  # its row is the page's tag: a change of slug or verification forgets it
        producer = db.session.execute(
            db.select(Producer).where(Producer.slug == slug, Producer.verified.is_(True))).scalar_one_or_none()
    if producer is None:
        abort(404)
    return producer


def one_or_404(model, **by):
    row = db.session.execute(db.select(model).filter_by(**by)).scalar_one_or_none()
    if row is None:
        abort(404)
    return row


def product_counts_by_province():
    """Public product count per province id (for the browse-by-province lists)."""
    query = (db.select(Producer.province_id, func.count(Product.id)).join(Product.producer)
             .where(public_products_clause()).group_by(Producer.province_id))
    return dict(db.session.execute(query).all())


def provinces_by_region():
    """The regions, their provinces and each province's former provinces (the filter lists
    them all: loaded here in three queries, not one per province)."""
    regions = db.session.execute(
        db.select(Region).order_by(Region.position)
        .options(selectinload(Region.provinces).selectinload(Province.former_provinces))).scalars().all()
    return regions


def all_macro_regions():
    return db.session.execute(db.select(MacroRegion).order_by(MacroRegion.position)).scalars().all()


def producers_of_province(province, limit=60):
    return db.session.execute(
        db.select(Producer).where(Producer.province_id == province.id, Producer.verified.is_(True))
        .order_by(Producer.name).limit(limit)).scalars().all()


def group_categories():
    return db.session.execute(
        db.select(Category).where(Category.parent_id.is_(None)).order_by(Category.position)
        .options(selectinload(Category.children))).scalars().all()


def former_province_by_slug(slug):
    """A province merged in 2025, by its slug (e.g. soc-trang, now part of Cần Thơ), or None.

    Pages of a province accept a former one's slug as the catalogue filters do: they lead to
    today's unit and say which unit now covers it (`former=` on the page, see
    templates/catalog/_former_note.html), never a 404."""
    if not slug:
        return None
    return db.session.execute(db.select(FormerProvince).where(FormerProvince.slug == slug.lower())
                              .options(selectinload(FormerProvince.province))).scalar_one_or_none()


def former_note(province, slug):
    """The former province named by `slug` if it is part of `province` and not its namesake, for
    the note "Sóc Trăng (former) is part of Cần Thơ"; None otherwise."""
    former = former_province_by_slug(slug)
    if former is None or former.province_id != province.id or former.name_vi == province.name_vi:
        return None
    return former
