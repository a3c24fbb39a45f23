"""How other domains tell search that something changed: an outbox message, written
in their transaction and applied to the index by the outbox drain.

Kept free of imports from the rest of `search` so that any service may import it.
"""
from marketplace.core.outbox import enqueue

REINDEX = "search.reindex"
KINDS = ("product", "producer")


def request_reindex(kind, record_id):
    """Reindex (or remove, when no longer public) one record once this transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown search record kind {kind!r}")
    return enqueue(REINDEX, {"kind": kind, "id": int(record_id)})
