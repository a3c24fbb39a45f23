"""Loading the demo catalogue: `load_demo_catalogue(store, today)` and `demo_counts()`.

The plan (`demo.plan`) becomes rows through the catalogue services in one transaction,
skipping producers and products whose slugs already exist; the pictures (`demo.pictures`)
are drawn in threads while this thread talks to the database, all written before the commit.
"""
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from marketplace.catalog.demo.pictures import PHOTO_SIZE, save_logo, save_photo
from marketplace.catalog.demo.plan import MEDIA_DIR, build_plan
from marketplace.catalog.models import (Category, Certification, CertificationStatus, FormerProvince, Producer,
                                        Product, ProductPhoto, Province)
from marketplace.catalog.services import add_certification, create_producer, create_product
from marketplace.extensions import db


def load_demo_catalogue(store, today: date) -> dict:
    """Load the demo catalogue (idempotent); returns the demo catalogue's counts."""
    provinces = {p.code: p for p in db.session.execute(select(Province)).scalars()}
    if not provinces:
        raise RuntimeError("Reference data is missing: run `flask catalog load-reference` first.")
    formers = {f.name_vi: f for f in db.session.execute(select(FormerProvince)).scalars()}
    categories = {c.slug: c for c in db.session.execute(select(Category)).scalars()}
    group_of = {c.slug: c.group.slug for c in categories.values() if not c.is_group}
    plans = build_plan({code: (p.name_vi, p.kind) for code, p in provinces.items()}, group_of, today)

    producer_slugs = [plan.slug for plan in plans]
    product_slugs = [listing.slug for plan in plans for listing in plan.listings]
    existing_producers = {p.slug: p for p in db.session.execute(
        select(Producer).where(Producer.slug.in_(producer_slugs))).scalars()}
    existing_products = set(db.session.execute(
        select(Product.slug).where(Product.slug.in_(product_slugs))).scalars())

    added = {"producers": 0, "products": 0}
    # Pictures are drawn and encoded in threads (Pillow releases the GIL while encoding)
    # while this thread talks to the database; all are written before the commit.
    pictures = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="demo-media")
    futures = []
    try:
        for plan in plans:
            producer = existing_producers.get(plan.slug)
            if producer is None:
                futures.append(pictures.submit(save_logo, plan.name, plan.slug, store, plan.logo_path))
                producer = create_producer(
                    name=plan.name, kind=plan.kind, province=provinces[plan.province_code],
                    former_province=formers.get(plan.former_name) if plan.former_name else None,
                    address=plan.address, story=plan.story, phone=plan.phone, email=plan.email,
                    website=plan.website, tax_code=plan.tax_code, logo_path=plan.logo_path, verified=True,
                    is_demo=True, slug=plan.slug, commit=False)
                producer.created_at = plan.created_at
                producer.verified_at = plan.created_at + timedelta(days=3)
                added["producers"] += 1
            for listing in plan.listings:
                if listing.slug in existing_products:
                    continue
                futures.extend(_add_listing(producer, listing, categories[listing.sub_slug], store, pictures))
                added["products"] += 1
        for future in futures:
            future.result()  # re-raises a failed write
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    finally:
        pictures.shutdown(wait=True, cancel_futures=True)
    summary = demo_counts()
    summary.update({f"added_{key}": value for key, value in added.items()})
    return summary


def _add_listing(producer, listing, category, store, pictures):
    """Create one product with its certificates and photos; returns the picture jobs."""
    product = create_product(
        producer=producer, category=category, name=listing.name, price=listing.price, unit=listing.unit,
        stock=listing.stock, description=listing.description, origin=listing.origin, status=listing.status,
        slug=listing.slug, created_at=listing.created_at, commit=False)
    for plan in listing.certs:
        certification = add_certification(
            product=product, stars=plan.stars, points=plan.points, number=plan.number,
            issuing_body=plan.issuing_body, level=plan.level, decided_on=plan.decided_on, status=plan.status,
            commit=False)
        certification.created_at = datetime.combine(plan.decided_on, time(2, 0)) + timedelta(days=10)
        if plan.status != CertificationStatus.PENDING:
            certification.reviewed_at = certification.created_at + timedelta(days=2)
            certification.status_reason = plan.reason
    jobs = []
    for index in range(listing.n_photos):
        rel_path = f"{MEDIA_DIR}/{listing.slug}-{index + 1}.jpg"
        rel_thumb = f"{MEDIA_DIR}/{listing.slug}-{index + 1}-thumb.jpg"
        jobs.append(pictures.submit(save_photo, listing, index, store, rel_path, rel_thumb))
        # Setting the many-to-one side does not load the (empty) photo collection.
        db.session.add(ProductPhoto(product=product, path=rel_path, thumb_path=rel_thumb, alt=listing.name,
                                    width=PHOTO_SIZE[0], height=PHOTO_SIZE[1], position=index))
    return jobs


def demo_counts():
    """How big the demo catalogue in the database is."""
    demo_products = select(Product.id).join(Producer).where(Producer.is_demo.is_(True))

    def count(query):
        return db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()

    return {
        "producers": count(select(Producer.id).where(Producer.is_demo.is_(True))),
        "products": count(demo_products),
        "certifications": count(select(Certification.id).where(Certification.product_id.in_(demo_products))),
        "photos": count(select(ProductPhoto.id).where(ProductPhoto.product_id.in_(demo_products))),
    }
