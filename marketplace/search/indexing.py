"""Keeping the indexes in step with the database: the outbox handler for
"search.reindex" messages and the full reindex behind `flask search reindex`.

Products and producers are built here; other domains register a `Source` for
their own kinds of record (matching: offers and demands) and are then reindexed
by the same messages and the same full rebuild.
"""
import logging
from dataclasses import dataclass
from typing import Callable

from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.search.documents import (count_public_producers, count_public_products, iter_producer_batches,
                                          iter_product_batches, producer_documents, product_documents)
from marketplace.search.specs import PRODUCERS, PRODUCTS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    """Another domain's records in an index: `documents(ids, today)` gives (documents of the
    indexable ones, ids to delete); `batches(today, batch_size)` every document, in batches;
    `count()` how many are indexable."""

    kind: str
    index: str
    documents: Callable
    batches: Callable
    count: Callable


_SOURCES = {}


def register_source(source):
    from marketplace.search.events import register_kind
    _SOURCES[source.kind] = source
    register_kind(source.kind)


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
    products, producers, others = set(), set(), {}
    for payload in payloads:
        kind, record_id = payload.get("kind"), payload.get("id")
        if not isinstance(record_id, int):
            raise ValueError(f"bad search.reindex payload {payload!r}")
        if kind == "product":
            products.add(record_id)
        elif kind == "producer":
            producers.add(record_id)
        elif kind in _SOURCES:
            others.setdefault(kind, set()).add(record_id)
        else:
            raise ValueError(f"bad search.reindex payload {payload!r}")
    apply_changes(engine, products, producers)
    today = vn_today()
    for kind, ids in others.items():
        source = _SOURCES[kind]
        documents, gone = source.documents(ids, today)
        engine.upsert(source.index, documents)
        engine.delete(source.index, gone)


def reindex_all(engine, today=None, batch_size=2000, progress=None):
    """Rebuild every index from the database. `progress(index_name, total)` returns a
    callable taking the size of each batch done (e.g. a tqdm bar's update) or None."""
    today = today or vn_today()
    engine.ensure()
    counts = {}
    plan = [(PRODUCTS.name, count_public_products, lambda: iter_product_batches(today, batch_size)),
            (PRODUCERS.name, count_public_producers, lambda: iter_producer_batches(batch_size))]
    for source in _SOURCES.values():
        plan.append((source.index, source.count, lambda source=source: source.batches(today, batch_size)))
    for name, counter, batches in plan:
        step = progress(name, counter()) if progress else None
        counts[name] = engine.rebuild(name, batches(), progress=step)
    return counts
