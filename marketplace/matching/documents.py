"""What offers and demands become in the search indexes (`search.specs.OFFERS`, `DEMANDS`).

Only open, unexpired posts are indexed (an offer also needs a verified producer);
expiry is a filter (`expires_on >= today`), so a post that expires at midnight
drops out without a write. Text is folded once, here, for every engine. No
contact detail of anyone ever goes into an index.
"""
from sqlalchemy import func

from marketplace.catalog.models import Category, Producer, Product
from marketplace.extensions import db
from marketplace.matching.models import BuyerOrganisation, Demand, Offer, PostStatus
from marketplace.search.analysis import folded_text
from marketplace.search.indexing import Source
from marketplace.search.specs import DEMANDS, OFFERS, day_number


def _categories():
    return {c.id: c for c in db.session.execute(db.select(Category)).scalars()}


def _group(categories, category_id):
    category = categories[category_id]
    return categories[category.parent_id] if category.parent_id else category


def _category_names(categories, category_id):
    category = categories[category_id]
    group = _group(categories, category_id)
    names = [group.name_vi, group.name_en]
    if category is not group:
        names += [category.name_vi, category.name_en]
    return names


_OFFER_COLUMNS = (Offer.id, Offer.title, Offer.description, Offer.category_id, Offer.expires_on, Offer.producer_id,
                  Producer.name, Producer.province_id, Product.name)


def _offers_query():
    return (db.select(*_OFFER_COLUMNS).select_from(Offer).join(Producer, Producer.id == Offer.producer_id)
            .outerjoin(Product, Product.id == Offer.product_id)
            .where(Offer.status == PostStatus.OPEN, Producer.verified.is_(True)))


def _offer_documents(rows, categories):
    documents = []
    for offer_id, title, description, category_id, expires_on, producer_id, producer_name, province_id, \
            product_name in rows:
        documents.append({
            "id": offer_id,
            "name": folded_text(title, product_name),
            "context": folded_text(producer_name, *_category_names(categories, category_id)),
            "description": folded_text(description),
            "category_id": category_id,
            "group_id": _group(categories, category_id).id,
            "province_id": province_id,
            "producer_id": producer_id,
            "expires_on": day_number(expires_on),
        })
    return documents


def offer_documents(ids, today=None):
    ids = sorted({int(i) for i in ids})
    rows = db.session.execute(_offers_query().where(Offer.id.in_(ids))).all() if ids else []
    documents = _offer_documents(rows, _categories()) if rows else []
    found = {doc["id"] for doc in documents}
    return documents, [i for i in ids if i not in found]


def iter_offer_batches(today=None, batch_size=2000):
    categories, last_id = _categories(), 0
    while True:
        rows = db.session.execute(_offers_query().where(Offer.id > last_id).order_by(Offer.id)
                                  .limit(batch_size)).all()
        if not rows:
            return
        yield _offer_documents(rows, categories)
        last_id = rows[-1][0]


def count_offers():
    return db.session.execute(db.select(func.count()).select_from(_offers_query().subquery())).scalar_one()


_DEMAND_COLUMNS = (Demand.id, Demand.title, Demand.description, Demand.category_id, Demand.expires_on,
                   Demand.buyer_id, Demand.delivery_province_id, BuyerOrganisation.kind)


def _demands_query():
    return (db.select(*_DEMAND_COLUMNS).select_from(Demand)
            .join(BuyerOrganisation, BuyerOrganisation.id == Demand.buyer_id)
            .where(Demand.status == PostStatus.OPEN))


def _demand_documents(rows, categories):
    documents = []
    for demand_id, title, description, category_id, expires_on, buyer_id, province_id, _kind in rows:
        documents.append({
            "id": demand_id,
            "name": folded_text(title),
            "context": folded_text(*_category_names(categories, category_id)),
            "description": folded_text(description),
            "category_id": category_id,
            "group_id": _group(categories, category_id).id,
            "province_id": province_id,
            "buyer_id": buyer_id,
            "expires_on": day_number(expires_on),
        })
    return documents


def demand_documents(ids, today=None):
    ids = sorted({int(i) for i in ids})
    rows = db.session.execute(_demands_query().where(Demand.id.in_(ids))).all() if ids else []
    documents = _demand_documents(rows, _categories()) if rows else []
    found = {doc["id"] for doc in documents}
    return documents, [i for i in ids if i not in found]


def iter_demand_batches(today=None, batch_size=2000):
    categories, last_id = _categories(), 0
    while True:
        rows = db.session.execute(_demands_query().where(Demand.id > last_id).order_by(Demand.id)
                                  .limit(batch_size)).all()
        if not rows:
            return
        yield _demand_documents(rows, categories)
        last_id = rows[-1][0]


def count_demands():
    return db.session.execute(db.select(func.count()).select_from(_demands_query().subquery())).scalar_one()


SOURCES = (
    Source(kind="offer", index=OFFERS.name, documents=offer_documents, batches=iter_offer_batches,
           count=count_offers),
    Source(kind="demand", index=DEMANDS.name, documents=demand_documents, batches=iter_demand_batches,
           count=count_demands),
)
