"""What a change moves, noticed where every change passes: the ORM session.

Every flush (inserts, updates, deletes of mapped rows) and every bulk UPDATE or DELETE
run through the session gives tags (core/pagecache/tags.py):

- the changed row's own tag, and, when the change can move lists, its parents' (the rows
  its foreign keys name, old and new values; not the reference tables'): a new photo
  changes its product's pages, a product's new stock only the pages showing that product;
- when the change can move lists (a new or deleted row, or a column other than those
  `ignore_columns` names, e.g. a product's stock, which no list filters or sorts by):
  the table's set tag and, per foreign key, `table@column:value` for the old and new
  values; domains add the dimensions they derive (`register_rule`: a product's
  province is its producer's).

The tags are written in the same transaction as an outbox message (topic
"pagecache.invalidate", handled after the other topics of a drain, so after the search
index update) and, once the transaction commits, forgotten at once in this process's
store: the page shows the change as soon as the database does, and the worker's
message covers what the index showed meanwhile, other processes, and a store that was
down. A rolled-back transaction invalidates nothing.

Tables no anonymous page ever shows and that change all the time are left out
(`UNTRACKED`); tests/core/test_pagecache.py checks that no cached page shows one.
Raw SQL (`text()`) is not seen: code that writes that way clears the cache itself.
"""
import logging
import os
import socket
from collections import defaultdict
from dataclasses import dataclass, field

from flask import current_app, has_app_context
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from marketplace.core.pagecache.tags import REFERENCE_TABLES, identity_key, primary_keys_in, row_tag, set_tag

log = logging.getLogger(__name__)

TOPIC = "pagecache.invalidate"
_PENDING = "pagecache_pending"  # session.info: tags of this transaction, forgotten at commit
_FLUSHED = "pagecache_flushed"  # session.info: tags of this flush, for its outbox message

UNTRACKED = {"outbox_messages", "form_submissions", "user_sessions", "audit_log", "processed_events", "cart_items",
             "payment_attempts", "refunds", "stock_imports", "match_notices", "matching_state", "alembic_version"}
_ignored_columns = defaultdict(set)
_rules = defaultdict(list)


@dataclass
class RowChange:
    table: str
    key: object  # the primary key; None for a row not yet flushed
    kind: str  # "new", "changed", "deleted" or "bulk" (a bulk statement, a reindex)
    changed: frozenset | None = None  # column names; None: unknown (all may have)
    old: dict = field(default_factory=dict)  # column name -> value before
    new: dict = field(default_factory=dict)  # column name -> value now (as far as known)

    @property
    def moves_lists(self):
        if self.kind in ("new", "deleted") or self.changed is None:
            return True
        return bool(self.changed - _ignored_columns[self.table])

    def values(self, column):
        return {v for v in (self.old.get(column), self.new.get(column)) if v is not None}


def register_rule(table, rule):
    """`rule(connection, changes) -> tags` adds a domain's derived tags for changes of `table`."""
    if rule not in _rules[table]:
        _rules[table].append(rule)


def ignore_columns(table, *columns):
    """Columns of `table` that no list filters, sorts or counts by (a change of only these
    invalidates the pages showing the row, not the lists)."""
    _ignored_columns[table].update(columns)


def change_tags(connection, changes):
    from marketplace.extensions import db
    tags = set()
    by_table = defaultdict(list)
    for change in changes:
        table = db.metadata.tables.get(change.table)
        if table is None or change.table in UNTRACKED:
            continue
        if change.kind != "new" and change.key is not None:
            tags.add(row_tag(change.table, change.key))
        moves = change.moves_lists
        if moves:
            tags.add(change.table)
        for column in table.columns:
            if not column.foreign_keys:
                continue
            parent = next(iter(column.foreign_keys)).column.table.name
            for value in change.values(column.name):
                if moves and parent not in REFERENCE_TABLES:  # a reference row is not changed by its children
                    tags.add(row_tag(parent, value))
                if moves:
                    tags.add(set_tag(change.table, column.name, value))
        by_table[change.table].append(change)
    for table_name, items in by_table.items():
        for rule in _rules.get(table_name, ()):
            tags.update(rule(connection, items))
    return tags


# --- from the session ------------------------------------------------------------------

def _orm_change(obj, kind):
    state = inspect(obj)
    table = state.mapper.local_table
    if table.name in UNTRACKED:
        return None
    columns = {prop.key: prop.columns[0].name for prop in state.mapper.column_attrs}
    loaded = state.dict
    new = {name: loaded[attr] for attr, name in columns.items() if attr in loaded}
    change = RowChange(table.name, identity_key(state.identity), kind, new=new)
    if kind == "deleted":
        change.old = dict(new)
    elif kind == "changed":
        changed, old = set(), {}
        for attr, name in columns.items():
            history = state.attrs[attr].history
            if history.has_changes():
                changed.add(name)
                old[name] = history.deleted[0] if history.deleted else None
        if not changed:
            return None
        change.changed, change.old = frozenset(changed), old
    return change


def _enabled():
    return has_app_context() and current_app.extensions.get("pagecache") is not None


def _after_flush(session, flush_context):
    if not _enabled():
        return
    changes = []
    for kind, objects in (("new", session.new), ("changed", session.dirty), ("deleted", session.deleted)):
        for obj in list(objects):
            change = _orm_change(obj, kind)
            if change is not None:
                changes.append(change)
    if changes:
        _note(session, change_tags(session.connection(), changes))


def _note(session, tags):
    if tags:
        session.info.setdefault(_PENDING, set()).update(tags)
        session.info.setdefault(_FLUSHED, set()).update(tags)


def _after_flush_postexec(session, flush_context):
    _write_message(session)


def _origin():
    return f"{socket.gethostname()}:{os.getpid()}"


def _write_message(session):
    tags = session.info.pop(_FLUSHED, None)
    if tags:
        from marketplace.core.outbox import enqueue
        enqueue(TOPIC, {"tags": sorted(tags), "origin": _origin()})


def foreign_changes_waiting():
    """True when another process (a command beside `make run`) changed rows whose message
    is not drained yet: an in-process store cannot know which pages they moved."""
    from marketplace.core.outbox import OutboxMessage
    from marketplace.extensions import db
    payloads = db.session.execute(db.select(OutboxMessage.payload).where(
        OutboxMessage.topic == TOPIC, OutboxMessage.processed_at.is_(None)).limit(50)).scalars()
    me = _origin()
    return any(payload.get("origin") != me for payload in payloads)


def _insert_tags(state, table):
    """A Core INSERT run through the session (bulk rows, an upsert such as the programme's
    stored figures): the keys of its rows are not known before it runs, and an upsert may
    change rows that exist, so it moves its table's lists (the set tag) and, for every
    foreign key its rows name, that parent's list (`table@column:value`)."""
    rows = state.parameters
    if not rows:
        rows = [state.statement.compile().params]
    elif isinstance(rows, dict):
        rows = [rows]
    tags = {set_tag(table.name)}
    for column in table.columns:
        if column.foreign_keys:
            tags.update(set_tag(table.name, column.key, row[column.key]) for row in rows
                        if row.get(column.key) is not None)
    return tags


def _bulk_statement(state):
    """A bulk UPDATE/DELETE (stock reservations, a certificate's inspection): its rows are
    looked up before it runs, so a deleted row's parents are known. A Core INSERT: see
    `_insert_tags`."""
    if not (state.is_update or state.is_delete or state.is_insert) or not _enabled():
        return
    statement = state.statement
    table = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    if name is None or name in UNTRACKED:
        return
    if state.is_insert:
        _note(state.session, _insert_tags(state, table))
        _write_message(state.session)
        return
    keys = primary_keys_in(statement.whereclause, table)
    if keys is None:
        log.warning("page cache: bulk %s of %s without its primary keys: every page is forgotten",
                    "update" if state.is_update else "delete", name)
        _note(state.session, {"*"})
    else:
        changed = None
        values = getattr(statement, "_values", None)
        if state.is_update and values:
            changed = frozenset(getattr(k, "name", None) or getattr(k, "key", None) or str(k) for k in values)
        connection = state.session.connection()
        parents = [c for c in table.columns if c.foreign_keys]
        pk = list(table.primary_key.columns)[0]
        rows = {row[0]: row for row in connection.execute(select(pk, *parents).where(pk.in_(keys)))} \
            if parents and keys else {}
        changes = []
        for key in keys:
            row = rows.get(key)
            old = {c.name: row[i + 1] for i, c in enumerate(parents)} if row is not None else {}
            changes.append(RowChange(name, key, "bulk", changed, old=old))
        _note(state.session, change_tags(connection, changes))
    _write_message(state.session)


def _after_commit(session):
    tags = session.info.pop(_PENDING, None)
    session.info.pop(_FLUSHED, None)
    if tags and _enabled():
        invalidate(tags)


def _after_soft_rollback(session, previous_transaction):
    if not previous_transaction.nested:  # a savepoint's rollback keeps the rest of the transaction
        session.info.pop(_PENDING, None)
        session.info.pop(_FLUSHED, None)


def install():
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_flush_postexec", _after_flush_postexec)
        event.listen(Session, "do_orm_execute", _bulk_statement)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_soft_rollback)


# --- forgetting pages -----------------------------------------------------------------

def invalidate(tags):
    """Forget, now, the pages holding any of `tags` ("*": every page); never raises."""
    from marketplace.core.pagecache.store import StoreUnavailable
    cache = current_app.extensions.get("pagecache") if has_app_context() else None
    if cache is None or not tags:
        return 0
    try:
        return cache.store.invalidate(tags)
    except StoreUnavailable:  # the outbox message will do it once the store is back
        return 0


def rows_changed(table, keys):
    """Forget the pages showing these rows and the lists they may be in (after a search
    index update: pages rendered from the index meanwhile)."""
    from marketplace.extensions import db
    keys = sorted(set(keys))
    if keys and _enabled():
        invalidate(change_tags(db.session.connection(), [RowChange(table, key, "bulk") for key in keys]))


def handle_messages(payloads):
    """The outbox handler: the store is down, try again later (RetryLater)."""
    from marketplace.core.outbox import RetryLater
    from marketplace.core.pagecache.store import StoreUnavailable
    cache = current_app.extensions.get("pagecache")
    if cache is None:
        return
    tags = set()
    for payload in payloads:
        tags.update(payload.get("tags") or ())
    try:
        cache.store.invalidate(tags)
    except StoreUnavailable as exc:
        raise RetryLater(str(exc)) from exc
