"""One transaction per service call: commit at the end, or roll back on any error."""
from contextlib import contextmanager

from marketplace.extensions import db


@contextmanager
def atomic(undo=None):
    """Commit what the block did; on an error roll back, call `undo()` (e.g. remove files written) and re-raise."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        if undo is not None:
            undo()
        raise
