"""What products and producers become in the search indexes.

Only what a visitor may see is indexed: public products (`catalog.queries.
public_products_clause`: active, of a verified producer) and verified producers.
Text is folded here, once, for every engine. Numbers are non-negative integers.

Stars change with time (a certificate expires at midnight without anyone touching
the database), so a product carries, per level n, the last day its stars are at
least n: `starsN_until` (yyyymmdd, 0 when never). "At least 4 stars today" is then
`stars4_until >= today`, right on any day without reindexing. `stars` (the stars on
the day of indexing) only breaks ties and sorts; `flask search reindex` refreshes it.
"""
from calendar import timegm
from collections import defaultdict

from sqlalchemy import func

from marketplace.catalog.models import (Category, Certification, CertificationStatus, FormerProvince, MacroRegion,
                                        Producer, Product, ProductStatus, Province, Region)
from marketplace.catalog.queries import public_products_clause
from marketplace.core.text import fold
from marketplace.extensions import db
from marketplace.search.analysis import folded_text
from marketplace.search.specs import STAR_LEVELS, day_number, price_band

def _epoch(moment):
    return timegm(moment.utctimetuple()) if moment else 0


class _Places:
    """The small reference tables, loaded once per batch run."""

    def __init__(self):
        self.categories = {c.id: c for c in db.session.execute(db.select(Category)).scalars()}
        self.provinces = {p.id: p for p in db.session.execute(db.select(Province)).scalars()}
        self.former = {f.id: f for f in db.session.execute(db.select(FormerProvince)).scalars()}
        self.regions = {r.id: r for r in db.session.execute(db.select(Region)).scalars()}
        self.macro_regions = {m.id: m for m in db.session.execute(db.select(MacroRegion)).scalars()}

    def place(self, province_id, former_province_id):
        """(province, its names and the former province's, the names of its regions)."""
        province = self.provinces[province_id]
        region = self.regions.get(province.region_id)
        macro = self.macro_regions.get(province.macro_region_id)
        former = self.former.get(former_province_id) if former_province_id else None
        names = [province.name_vi, former.name_vi if former else None]
        area = [region.name_vi if region else None, region.name_en if region else None,
                macro.name_vi if macro else None]
        return province, names, area


def _star_days(product_ids):
    """{product_id: {3: last day, 4: ..., 5: ...}} from verified certificates (expired ones too:
    the filters compare the day with today)."""
    days = defaultdict(dict)
    if not product_ids:
        return days
    rows = db.session.execute(
        db.select(Certification.product_id, Certification.stars, func.max(Certification.expires_on))
        .where(Certification.product_id.in_(product_ids), Certification.status == CertificationStatus.VERIFIED)
        .group_by(Certification.product_id, Certification.stars)).all()
    for product_id, stars, expires_on in rows:
        for level in STAR_LEVELS:
            if stars >= level and expires_on > days[product_id].get(level, expires_on.min):
                days[product_id][level] = expires_on
    return days


_PRODUCT_COLUMNS = (Product.id, Product.name, Product.description, Product.origin, Product.price,
                    Product.created_at, Product.category_id, Product.producer_id, Producer.name, Producer.kind,
                    Producer.province_id, Producer.former_province_id)


def _public_products():
    return db.select(*_PRODUCT_COLUMNS).select_from(Product).join(Product.producer).where(public_products_clause())


def _product_documents(rows, places, today):
    star_days = _star_days([row[0] for row in rows])
    today_number = day_number(today)
    documents = []
    for (product_id, name, description, origin, price, created_at, category_id, producer_id, producer_name, kind,
         province_id, former_province_id) in rows:
        category = places.categories[category_id]
        group = places.categories[category.parent_id] if category.parent_id else category
        province, place_names, area = places.place(province_id, former_province_id)
        until = {level: day_number(star_days[product_id].get(level)) for level in STAR_LEVELS}
        stars = max((level for level in STAR_LEVELS if until[level] >= today_number), default=0)
        documents.append({
            "id": product_id,
            "name": folded_text(name),
            "context": folded_text(producer_name, *place_names, origin, group.name_vi, group.name_en,
                                   category.name_vi if category is not group else None,
                                   category.name_en if category is not group else None),
            "description": folded_text(description),
            "area": folded_text(*area),
            "name_sort": fold(name),
            "group_id": group.id,
            "category_id": category.id,
            "province_id": province.id,
            "former_province_id": former_province_id,
            "region_id": province.region_id,
            "macro_region_id": province.macro_region_id,
            "producer_id": producer_id,
            "kind": getattr(kind, "value", kind),
            "stars": stars,
            "stars3_until": until[3],
            "stars4_until": until[4],
            "stars5_until": until[5],
            "price": int(price),
            "price_band": price_band(price),
            "created_at": _epoch(created_at),
        })
    return documents


def product_documents(ids, today):
    """(documents of the public products among `ids`, ids to delete from the index)."""
    ids = sorted({int(i) for i in ids})
    documents = []
    for start in range(0, len(ids), 1000):
        chunk = ids[start:start + 1000]
        rows = db.session.execute(_public_products().where(Product.id.in_(chunk))).all()
        if rows:
            documents.extend(_product_documents(rows, _Places(), today))
    found = {doc["id"] for doc in documents}
    return documents, [i for i in ids if i not in found]


def iter_product_batches(today, batch_size=2000):
    """Every public product's document, in batches (for a full reindex).

    Walks the primary key and keeps the public rows in Python: with the status in the
    WHERE clause SQLite would rather scan the status index and sort, for every batch.
    """
    places, last_id = _Places(), 0
    columns = _PRODUCT_COLUMNS + (Product.status, Producer.verified)
    while True:
        rows = db.session.execute(db.select(*columns).select_from(Product).join(Product.producer)
                                  .where(Product.id > last_id).order_by(Product.id).limit(batch_size)).all()
        if not rows:
            return
        last_id = rows[-1][0]
        public = [row[:-2] for row in rows if is_public(row[-2], row[-1])]
        if public:
            yield _product_documents(public, places, today)


def is_public(status, verified):
    """Python twin of catalog.queries.public_products_clause (checked by a test)."""
    return getattr(status, "value", status) == ProductStatus.ACTIVE.value and verified is True


def count_public_products():
    return db.session.execute(db.select(func.count()).select_from(Product).join(Product.producer)
                              .where(public_products_clause())).scalar_one()


_PRODUCER_COLUMNS = (Producer.id, Producer.name, Producer.story, Producer.address, Producer.kind,
                     Producer.province_id, Producer.former_province_id)


def _public_producers():
    return db.select(*_PRODUCER_COLUMNS).where(Producer.verified.is_(True))


def _producer_documents(rows, places):
    documents = []
    for producer_id, name, story, address, kind, province_id, former_province_id in rows:
        province, place_names, area = places.place(province_id, former_province_id)
        documents.append({
            "id": producer_id,
            "name": folded_text(name),
            "context": folded_text(address, *place_names),
            "story": folded_text(story),
            "area": folded_text(*area),
            "name_sort": fold(name),
            "province_id": province.id,
            "former_province_id": former_province_id,
            "region_id": province.region_id,
            "macro_region_id": province.macro_region_id,
            "kind": getattr(kind, "value", kind),
        })
    return documents


def producer_documents(ids):
    ids = sorted({int(i) for i in ids})
    rows = db.session.execute(_public_producers().where(Producer.id.in_(ids))).all() if ids else []
    documents = _producer_documents(rows, _Places()) if rows else []
    found = {doc["id"] for doc in documents}
    return documents, [i for i in ids if i not in found]


def iter_producer_batches(batch_size=2000):
    places, last_id = _Places(), 0
    while True:
        rows = db.session.execute(_public_producers().where(Producer.id > last_id)
                                  .order_by(Producer.id).limit(batch_size)).all()
        if not rows:
            return
        yield _producer_documents(rows, places)
        last_id = rows[-1][0]


def count_public_producers():
    return db.session.execute(db.select(func.count(Producer.id)).where(Producer.verified.is_(True))).scalar_one()
