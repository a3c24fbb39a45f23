"""A durable outbox: what must leave the transaction is written inside it.

A service that changes data and needs something done outside the database
(update the search index; later e-mail, webhooks) calls `enqueue(topic, payload)`
in the same transaction as the change. The message is committed with the change or
rolled back with it, so nothing is sent for a change that did not happen and
nothing is lost for one that did.

`drain()` hands pending messages to the handler registered for their topic and
marks them processed. A handler that fails leaves its messages pending with an
error, an attempt count and a later `available_at` (exponential backoff, capped);
they are retried until they succeed, never dropped. `flask worker` drains in a
loop; in development the app also drains right after each request
(`OUTBOX_DRAIN_AFTER_REQUEST`).

Handlers take a list of payloads (one batch per topic, so they can coalesce) and
must be idempotent: a message may be handled twice (a crash between the handler
and the commit), never zero times.
"""
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

import click
from sqlalchemy import event
from sqlalchemy.orm import Session

from marketplace.core import submissions
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db

log = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 2
BACKOFF_MAX_SECONDS = 15 * 60
KEEP_PROCESSED = timedelta(days=7)
_SESSION_KEY = "outbox_enqueued"
# SQLite has no FOR UPDATE SKIP LOCKED: two drains of one process (the threaded development
# server drains after every request) would both read the same pending message and send the
# same e-mail twice or more. On SQLite the drains of a process take turns.
_SQLITE_DRAIN = threading.RLock()


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"
    __table_args__ = (db.Index("ix_outbox_messages_pending", "processed_at", "available_at"),)

    id = db.Column(db.Integer, primary_key=True)
    topic = db.Column(db.String(100), nullable=False)
    payload = db.Column(db.JSON, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    available_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    processed_at = db.Column(db.DateTime)
    last_error = db.Column(db.Text)

    def __repr__(self):
        return f"<OutboxMessage {self.id} {self.topic} {self.payload}>"


class RetryLater(Exception):
    """Raised by a handler when the service it talks to is down: retry the whole batch later."""


_handlers = {}
_last = set()


def register_handler(topic, handler, last=False):
    """`handler(payloads: list)` processes a batch of messages of `topic`.

    `last`: within one drain, this topic's batch is handled after every other topic's
    (the page cache forgets pages only once the search index shows the change).
    """
    _handlers[topic] = handler
    if last:
        _last.add(topic)
    else:
        _last.discard(topic)


def handler_for(topic):
    return _handlers.get(topic)


def enqueue(topic, payload):
    """Add a message to the current transaction (no commit); the same message twice in
    one transaction is written once."""
    session = db.session()
    seen = session.info.setdefault(_SESSION_KEY, set())
    key = (topic, _freeze(payload))
    if key in seen:
        return None
    seen.add(key)
    message = OutboxMessage(topic=topic, payload=payload)
    session.add(message)
    return message


def _freeze(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_enqueued(session, *args):
    session.info.pop(_SESSION_KEY, None)


def backoff(attempts):
    """Seconds to wait before attempt number `attempts + 1`: 2, 4, 8 ... up to 15 minutes."""
    return min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS)


@dataclass
class DrainReport:
    processed: int = 0
    failed: int = 0
    errors: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.processed or self.failed)


def pending_count(now=None):
    now = now or utcnow()
    return db.session.execute(db.select(db.func.count(OutboxMessage.id)).where(
        OutboxMessage.processed_at.is_(None), OutboxMessage.available_at <= now)).scalar_one()


def has_pending(now=None):
    now = now or utcnow()
    return db.session.execute(db.select(OutboxMessage.id).where(
        OutboxMessage.processed_at.is_(None), OutboxMessage.available_at <= now).limit(1)).first() is not None


def drain(limit=500, now=None):
    """Handle up to `limit` due messages, oldest first; returns a DrainReport.

    One transaction: the messages are claimed (FOR UPDATE SKIP LOCKED on PostgreSQL,
    so several workers share the work), handled per topic, then marked processed or
    rescheduled, and committed.
    """
    if db.engine.dialect.name == "sqlite":
        with _SQLITE_DRAIN:  # the next one reads what the one before marked processed
            return _drain(limit, now)
    return _drain(limit, now)


def _drain(limit, now):
    now = now or utcnow()
    query = (db.select(OutboxMessage)
             .where(OutboxMessage.processed_at.is_(None), OutboxMessage.available_at <= now)
             .order_by(OutboxMessage.id).limit(limit))
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    messages = db.session.execute(query).scalars().all()
    report = DrainReport()
    by_topic = defaultdict(list)
    for message in messages:
        by_topic[message.topic].append(message)
    for topic, batch in sorted(by_topic.items(), key=lambda item: item[0] in _last):  # stable: else by id
        _handle_batch(topic, batch, now, report)
    db.session.commit()
    return report


def _handle_batch(topic, batch, now, report):
    handler = handler_for(topic)
    if handler is None:
        _failed(batch, now, f"no handler registered for topic {topic!r}", report)
        return
    try:
        handler([m.payload for m in batch])
    except RetryLater as exc:
        _failed(batch, now, f"{exc.__class__.__name__}: {exc}", report)
        return
    except Exception as exc:  # a bad message must not block the others: try them one by one
        if len(batch) > 1:
            for message in batch:
                _handle_batch(topic, [message], now, report)
            return
        log.exception("outbox message %s (%s) failed", batch[0].id, topic)
        _failed(batch, now, f"{exc.__class__.__name__}: {exc}", report)
        return
    for message in batch:
        message.processed_at = now
        message.attempts += 1
        message.last_error = None
    report.processed += len(batch)


def _failed(batch, now, error, report):
    for message in batch:
        message.attempts += 1
        message.last_error = error[:2000]
        message.available_at = now + timedelta(seconds=backoff(message.attempts))
    report.failed += len(batch)
    report.errors.append(error)
    log.warning("outbox: %s message(s) rescheduled: %s", len(batch), error)


def purge_processed(older_than=KEEP_PROCESSED, now=None):
    """Delete messages processed more than `older_than` ago; returns how many."""
    now = now or utcnow()
    result = db.session.execute(db.delete(OutboxMessage).where(
        OutboxMessage.processed_at.is_not(None), OutboxMessage.processed_at < now - older_than))
    db.session.commit()
    return result.rowcount


def drain_safely(app, limit=1000):
    """Drain in a fresh app context, logging instead of raising (after a response)."""
    with app.app_context():
        try:
            if has_pending():
                drain(limit=limit)
        except Exception:  # the request has been answered; the worker will retry
            log.exception("outbox drain after request failed")
            db.session.rollback()


def init_app(app):
    """Drain right after each request when OUTBOX_DRAIN_AFTER_REQUEST is on (development)."""

    @app.after_request
    def _drain_after_response(response):
        if app.config.get("OUTBOX_DRAIN_AFTER_REQUEST"):
            response.call_on_close(lambda: drain_safely(app))
        return response

    app.cli.add_command(worker_command)


@click.command("worker")
@click.option("--once", is_flag=True, help="Drain what is due now, then exit.")
@click.option("--interval", type=float, default=1.0, show_default=True, help="Seconds to sleep when idle.")
@click.option("--batch", type=click.IntRange(1, 10_000), default=500, show_default=True)
def worker_command(once, interval, batch):
    """Deliver outbox messages (search indexing ...); retries what fails, with backoff."""
    total = DrainReport()
    last_purge = 0.0
    click.echo(f"outbox worker: {pending_count()} message(s) due")
    try:
        while True:
            report = drain(limit=batch)
            total.processed += report.processed
            total.failed += report.failed
            if report:
                click.echo(f"processed {report.processed}, rescheduled {report.failed}"
                           + (f" ({report.errors[-1]})" if report.errors else ""))
            if once and not report.processed:
                break
            if time.monotonic() - last_purge > 3600:
                purge_processed()
                submissions.purge(utcnow() - submissions.KEEP)
                last_purge = time.monotonic()
            if not report.processed:
                time.sleep(interval)
    except KeyboardInterrupt:
        pass
    finally:
        db.session.remove()
    click.echo(f"outbox worker: processed {total.processed}, rescheduled {total.failed}")
