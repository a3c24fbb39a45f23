"""How other domains tell search that something changed: an outbox message, written
in their transaction and applied to the index by the outbox drain.

Kept free of imports from the rest of `search` so that any service may import it.
"""
from marketplace.core.outbox import enqueue

REINDEX = "search.reindex"
KINDS = {"product", "producer"}  # other domains add theirs (indexing.register_source)


def register_kind(kind):
    KINDS.add(kind)


def request_reindex(kind, record_id):
    """Reindex (or remove, when no longer public) one record once this transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown search record kind {kind!r}")
    return enqueue(REINDEX, {"kind": kind, "id": int(record_id)})


# --- Every change to what the index shows is noticed in one place --------------
#
# Rather than asking each service (catalog, studio, admin, bulk imports...) to
# remember a call, a session listener notices every flushed product, producer or
# certificate and writes the reindex message in that same transaction.

_TRACKED = "search_tracked_changes"


def _records_touched(session):
    """(kind, id) pairs whose search documents this flush may have changed."""
    from marketplace.catalog.models import Certification, Producer, Product
    touched = set()
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        if isinstance(obj, Product):
            touched.add(("product", obj.id))
        elif isinstance(obj, Certification):
            touched.add(("product", obj.product_id if obj.product_id is not None else obj.product.id))
        elif isinstance(obj, Producer):
            touched.add(("producer", obj.id))
    return touched


def _after_flush(session, flush_context):
    touched = _records_touched(session)
    if touched:
        session.info.setdefault(_TRACKED, set()).update(touched)


def _after_flush_postexec(session, flush_context):
    """Enqueue after the flush (ids are known); commit flushes the new messages too."""
    touched = session.info.pop(_TRACKED, None)
    for kind, record_id in sorted(touched or (), key=lambda pair: (pair[0], pair[1] or 0)):
        if record_id is not None:
            request_reindex(kind, record_id)


def track_changes():
    """Install the listeners once per process (idempotent)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_flush_postexec", _after_flush_postexec)
