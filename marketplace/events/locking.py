"""The event's row lock and the unit of work of every events service.

Booths and visitor places are counted under a lock on the event's row (`lock_event`):
PostgreSQL holds a row lock (SELECT ... FOR UPDATE) until commit; SQLite, which has no
row locks, takes its database write lock at once by writing to the row first. Two
registrations for the last place therefore run one after the other and the second one
sees the first. Each service is one transaction (`transaction(commit)`); `commit=False`
lets a caller such as the demo loader batch.
"""
from contextlib import contextmanager

from sqlalchemy import update

from marketplace.core.transactions import atomic
from marketplace.events.models import Event
from marketplace.extensions import db


def finish(commit):
    if commit:
        db.session.commit()
    else:
        db.session.flush()


@contextmanager
def transaction(commit):
    """The service's own transaction (commit=True: committed at the end, rolled back on any
    error, its form token claim with it), or a part of the caller's (commit=False: flushed)."""
    if commit:
        with atomic():
            yield
    else:
        yield
        db.session.flush()


def lock_event(event_id):
    """Take the event's row lock for the rest of the transaction and return the fresh row."""
    if db.session.get_bind().dialect.name == "sqlite":
        # SQLite starts a deferred transaction at the first write: write first so the
        # counts read next cannot change before we commit.
        db.session.execute(update(Event).where(Event.id == event_id).values(status=Event.status)
                           .execution_options(synchronize_session=False))
    return db.session.execute(
        db.select(Event).where(Event.id == event_id).with_for_update()
        .execution_options(populate_existing=True)).scalar_one()
