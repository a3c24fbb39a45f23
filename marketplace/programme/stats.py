"""The national and provincial figures of the programme pages and the open data.

Aggregates in SQL that run the same on SQLite and PostgreSQL; each returns plain
rows (dicts) that pages, charts, CSV and JSON all share. `today` is Vietnam's date,
passed by the caller. Counted: products of verified producers holding a verified
certificate (whatever the listing's status); see programme.metrics.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, func, select

from marketplace.catalog.models import (RECOGNISED_STATUSES, Category, Certification, FormerProvince, Producer,
                                        Product, Province)
from marketplace.extensions import db

EXPIRY_WINDOW_DAYS = 90
STARS = (3, 4, 5)


def _producer_filter(province):
    clause = Producer.verified.is_(True)
    if province is not None:
        clause = and_(clause, Producer.province_id == province.id)
    return clause


def certified_products(today, province=None):
    """Products holding a current certificate, counted per (province_id, group_id, stars) — long rows."""
    stars = (select(func.max(Certification.stars))
             .where(Certification.product_id == Product.id, Certification.is_current(today))
             .correlate(Product).scalar_subquery())
    per_product = (select(Producer.province_id.label("province_id"),
                          func.coalesce(Category.parent_id, Category.id).label("group_id"),
                          stars.label("stars"))
                   .select_from(Product).join(Product.producer).join(Product.category)
                   .where(_producer_filter(province))
                   .subquery())
    query = (select(per_product.c.province_id, per_product.c.group_id, per_product.c.stars, func.count())
             .where(per_product.c.stars.is_not(None))
             .group_by(per_product.c.province_id, per_product.c.group_id, per_product.c.stars))
    return [{"province_id": p, "group_id": g, "stars": int(s), "products": n}
            for p, g, s, n in db.session.execute(query).all()]


def certifications_by_year(province=None):
    """Recognised certificates (verified, also once expired or downgraded) per (year of decision,
    province_id, stars) — long rows."""
    year = func.extract("year", Certification.decided_on)
    query = (select(year.label("year"), Producer.province_id, Certification.stars, func.count(Certification.id))
             .select_from(Certification).join(Product, Product.id == Certification.product_id)
             .join(Producer, Producer.id == Product.producer_id)
             .where(_producer_filter(province), Certification.status.in_(RECOGNISED_STATUSES))
             .group_by(year, Producer.province_id, Certification.stars))
    return [{"year": int(y), "province_id": p, "stars": int(s), "certifications": n}
            for y, p, s, n in db.session.execute(query).all()]


def _latest_expiry(today):
    """Per product, the last expiry date of its current certificates."""
    return (select(Certification.product_id.label("product_id"),
                   func.max(Certification.expires_on).label("expires_on"))
            .where(Certification.is_current(today))
            .group_by(Certification.product_id)
            .subquery())


def expiring_counts(today, days=EXPIRY_WINDOW_DAYS, province=None):
    """Products whose OCOP stars lapse within `days` unless renewed, per province_id: {province_id: count}.

    A product renewed already (another current certificate expiring later) is not counted.
    """
    latest = _latest_expiry(today)
    query = (select(Producer.province_id, func.count())
             .select_from(latest).join(Product, Product.id == latest.c.product_id)
             .join(Producer, Producer.id == Product.producer_id)
             .where(_producer_filter(province), latest.c.expires_on <= today + timedelta(days=days))
             .group_by(Producer.province_id))
    return dict(db.session.execute(query).all())


@dataclass(frozen=True)
class Expiring:
    certification: Certification
    product: Product
    producer: Producer
    province: Province
    former_province: FormerProvince | None
    days_left: int


def expiring_certifications(today, days=EXPIRY_WINDOW_DAYS, province=None):
    """The certificates to inspect after (hậu kiểm): each product's last current certificate,
    expiring within `days`, soonest first."""
    latest = _latest_expiry(today)
    query = (select(Certification, Product, Producer, Province, FormerProvince)
             .select_from(latest)
             .join(Certification, and_(Certification.product_id == latest.c.product_id,
                                       Certification.expires_on == latest.c.expires_on,
                                       Certification.is_current(today)))
             .join(Product, Product.id == Certification.product_id)
             .join(Producer, Producer.id == Product.producer_id)
             .join(Province, Province.id == Producer.province_id)
             .outerjoin(FormerProvince, FormerProvince.id == Producer.former_province_id)
             .where(_producer_filter(province), latest.c.expires_on <= today + timedelta(days=days))
             .order_by(Certification.expires_on, Province.name_ascii, Product.name, Certification.id))
    seen, rows = set(), []
    for cert, product, producer, prov, former in db.session.execute(query).all():
        if product.id in seen:  # two current certificates with the same expiry: one line
            continue
        seen.add(product.id)
        rows.append(Expiring(cert, product, producer, prov, former, (cert.expires_on - today).days))
    return rows


# --------------------------------------------------------------------------- shaping for pages

def totals_by(rows, key, value):
    out = defaultdict(int)
    for row in rows:
        out[row[key]] += row[value]
    return dict(out)


def stars_table(rows, key, value):
    """{key: {3: n, 4: n, 5: n}} from long rows."""
    out = defaultdict(lambda: {s: 0 for s in STARS})
    for row in rows:
        out[row[key]][row["stars"]] += row[value]
    return dict(out)


def year_span(rows, today, max_years=10):
    """The years a certifications-over-time chart shows: up to `max_years`, ending this year."""
    if not rows:
        return [today.year]
    first = max(min(row["year"] for row in rows), today.year - max_years + 1)
    return list(range(first, max(today.year, max(row["year"] for row in rows)) + 1))
