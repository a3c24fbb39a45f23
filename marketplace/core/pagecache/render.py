"""What a page being rendered for the cache reads, recorded as it reads it.

While a page is rendered for the cache (`recording()`), every row the ORM loads adds
its row tag (SQLAlchemy's `load` and `refresh` events), and every SELECT the page runs
adds the tags `tags.statement_tags` reads in it: the page depends on what it read,
whatever its templates do with it. Code that knows better says so:

- `declared(*tags)`: the queries inside depend on these tags (their loaded rows still
  count); e.g. a search answered by the engine, which runs no SQL for its list, or a
  lookup by slug, whose row is enough;
- `depends(*tags)`: one more dependency;
- `expires_at(moment)`: the page changes by itself then (an event starts, ends);
- `uncacheable(reason)`: this page must not be kept.

Outside a render these do nothing and cost a context-variable lookup.
"""
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapper, Session

from marketplace.core.pagecache.tags import identity_key, row_tag, statement_tags

_current = ContextVar("pagecache_recording", default=None)


@dataclass
class Recording:
    tags: set = field(default_factory=set)
    quiet: int = 0  # > 0 inside declared(): SELECTs add no tags of their own
    expires: float | None = None  # epoch seconds
    refused: str | None = None  # why the page must not be stored
    marker: str = ""  # this render's random prefix of the per-visitor placeholders (serving.py)


def current():
    return _current.get()


@contextmanager
def recording():
    rec = Recording()
    token = _current.set(rec)
    try:
        yield rec
    finally:
        _current.reset(token)


@contextmanager
def declared(*tags):
    rec = _current.get()
    if rec is None:
        yield
        return
    rec.tags.update(tags)
    rec.quiet += 1
    try:
        yield
    finally:
        rec.quiet -= 1


def depends(*tags):
    rec = _current.get()
    if rec is not None:
        rec.tags.update(tags)


def expires_at(moment):
    """`moment`: a datetime (naive means UTC, as stored) or epoch seconds; None does nothing."""
    rec = _current.get()
    if rec is None or moment is None:
        return
    if isinstance(moment, datetime):
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()
    rec.expires = moment if rec.expires is None else min(rec.expires, moment)


def uncacheable(reason):
    rec = _current.get()
    if rec is not None and rec.refused is None:
        rec.refused = reason


def submission_placeholder():
    """While a cached page renders, the one-time form tokens (core.submissions.new_token) are
    this placeholder, replaced by a new token per form and per visitor when it is served."""
    rec = _current.get()
    return rec.marker + "s" if rec is not None and rec.marker else None


# --- the listeners, installed once per process ------------------------------------------

def _loaded(target, *args):
    rec = _current.get()
    if rec is None:
        return
    state = inspect(target)
    rec.tags.add(row_tag(state.mapper.local_table.name, identity_key(state.identity)))


def _executed(state):
    rec = _current.get()
    if rec is None or rec.quiet or not state.is_select or state.is_relationship_load or state.is_column_load:
        return
    rec.tags |= statement_tags(state.statement)


def install():
    if not event.contains(Mapper, "load", _loaded):
        event.listen(Mapper, "load", _loaded)
        event.listen(Mapper, "refresh", _loaded)
        event.listen(Session, "do_orm_execute", _executed)
