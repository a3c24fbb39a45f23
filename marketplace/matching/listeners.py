"""Changes in the catalogue that move matches: a listing's certificates (its stars),
its name (the words of offers linked to it), a producer's verification.

As search does (search.events), a session listener notices every flushed
certificate, product or producer and writes a `matching.catalog_changed` outbox
message in that same transaction; its handler (services.on_catalog_changed) stamps
the offers concerned and recomputes their matches after the commit.
"""
from sqlalchemy import event
from sqlalchemy.orm import Session

from marketplace.core.outbox import enqueue

_TRACKED = "matching_catalog_changes"


def _touched(session):
    from marketplace.catalog.models import Certification, Producer, Product
    touched = set()
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        if isinstance(obj, Certification):
            product_id = obj.product_id if obj.product_id is not None else getattr(obj.product, "id", None)
            touched.add(("product", product_id))
        elif isinstance(obj, Product) and obj not in session.new:
            touched.add(("product", obj.id))
        elif isinstance(obj, Producer) and obj not in session.new:
            touched.add(("producer", obj.id))
    return touched


def _after_flush(session, flush_context):
    touched = _touched(session)
    if touched:
        session.info.setdefault(_TRACKED, set()).update(touched)


def _with_offers(session, touched):
    """The touched records some offer depends on (most products have no offer: no message)."""
    from sqlalchemy import select

    from marketplace.matching.models import Offer
    products = {i for kind, i in touched if kind == "product" and i is not None}
    producers = {i for kind, i in touched if kind == "producer" and i is not None}
    found = set()
    connection = session.connection()
    if products:
        found |= {("product", i) for i in connection.execute(
            select(Offer.product_id).where(Offer.product_id.in_(products)).distinct()).scalars()}
    if producers:
        found |= {("producer", i) for i in connection.execute(
            select(Offer.producer_id).where(Offer.producer_id.in_(producers)).distinct()).scalars()}
    return found


def _after_flush_postexec(session, flush_context):
    from marketplace.matching.services.posts import CATALOG_CHANGED
    touched = session.info.pop(_TRACKED, None)
    if not touched:
        return
    for kind, record_id in sorted(_with_offers(session, touched)):
        enqueue(CATALOG_CHANGED, {"kind": kind, "id": int(record_id)})


def track_catalog_changes():
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_flush_postexec", _after_flush_postexec)
