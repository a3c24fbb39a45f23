"""The version counter that keeps every process's in-memory tables in step with the database.

Every transaction that changes a post (or what its matching depends on: a listing's
certificates, a producer's verification) takes the next version here and stamps the changed
rows with it (`row_version`). The counter's row is locked until commit, so versions become
visible in order; a table that has version v reloads only the rows stamped above v.
"""
from sqlalchemy import update

from marketplace.extensions import db
from marketplace.matching.models import MatchingState


def current_version():
    version = db.session.execute(db.select(MatchingState.version).where(MatchingState.id == 1)).scalar()
    return int(version or 0)


def bump_version():
    """Take the next version for this transaction (locks the counter until commit)."""
    moved = db.session.execute(update(MatchingState).where(MatchingState.id == 1)
                               .values(version=MatchingState.version + 1)
                               .execution_options(synchronize_session=False)).rowcount
    if not moved:
        db.session.add(MatchingState(id=1, version=1))
        db.session.flush()
    return current_version()
