"""Keeping the indexes in step with the database: the outbox handler for
"search.reindex" messages and the full reindex behind `flask search reindex`."""
import logging

from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.search.documents import (count_public_producers, count_public_products, iter_producer_batches,
                                          iter_product_batches, producer_documents, product_documents)
from marketplace.search.specs import PRODUCERS, PRODUCTS

log = logging.getLogger(__name__)


def apply_changes(engine, product_ids=(), producer_ids=(), today=None):
    """Upsert the public ones among these records, delete the others; a producer's
    products follow it (its name, place and verification are in their documents)."""
    today = today or vn_today()
    product_ids = set(product_ids)
    producer_ids = set(producer_ids)
    if producer_ids:
        from marketplace.catalog.models import Product
        product_ids |= set(db.session.execute(
            db.select(Product.id).where(Product.producer_id.in_(producer_ids))).scalars())
        documents, gone = producer_documents(producer_ids)
        engine.upsert(PRODUCERS.name, documents)
        engine.delete(PRODUCERS.name, gone)
    if product_ids:
        documents, gone = product_documents(product_ids, today)
        engine.upsert(PRODUCTS.name, documents)
        engine.delete(PRODUCTS.name, gone)
    return len(product_ids), len(producer_ids)


def handle_reindex_messages(engine, payloads):
    """Outbox handler: many messages about the same record make one index write."""
    if engine is None:  # SEARCH_ENGINE=database: nothing to keep up to date
        return
    products, producers = set(), set()
    for payload in payloads:
        kind, record_id = payload.get("kind"), payload.get("id")
        if not isinstance(record_id, int):
            raise ValueError(f"bad search.reindex payload {payload!r}")
        if kind == "product":
            products.add(record_id)
        elif kind == "producer":
            producers.add(record_id)
        else:
            raise ValueError(f"bad search.reindex payload {payload!r}")
    apply_changes(engine, products, producers)


def reindex_all(engine, today=None, batch_size=2000, progress=None):
    """Rebuild every index from the database. `progress(index_name, total)` returns a
    callable taking the size of each batch done (e.g. a tqdm bar's update) or None."""
    today = today or vn_today()
    engine.ensure()
    counts = {}
    plan = ((PRODUCTS.name, count_public_products, lambda: iter_product_batches(today, batch_size)),
            (PRODUCERS.name, count_public_producers, lambda: iter_producer_batches(batch_size)))
    for name, counter, batches in plan:
        step = progress(name, counter()) if progress else None
        counts[name] = engine.rebuild(name, batches(), progress=step)
    return counts
