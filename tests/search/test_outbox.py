"""The durable outbox behind index updates: written in the change's transaction,
retried with backoff while the engine is down, never lost."""
from datetime import timedelta

import pytest

from marketplace.core.outbox import (OutboxMessage, backoff, drain, enqueue, has_pending, pending_count,
                                     purge_processed, register_handler)
from marketplace.core.timeutil import utcnow
from marketplace.search import get_engine
from marketplace.search.base import SearchRequest, SearchUnavailable


@pytest.fixture(autouse=True)
def _no_page_cache(app):
    """These tests count the search outbox's own messages; the page cache's (one more topic
    per change) are tested in tests/core/test_pagecache.py."""
    app.extensions["pagecache"] = None
    app.config["PROGRAMME_FIGURES_TRACKING"] = False  # its messages: tests/programme/test_figures.py


def _messages(db):
    return db.session.execute(db.select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()


def _ids(engine, q):
    return engine.search(SearchRequest(index="products", query=q)).ids


class DownEngine:
    """An engine whose server is unreachable."""

    name = "down"
    calls = 0

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            DownEngine.calls += 1
            raise SearchUnavailable("connection refused")
        return fail


@pytest.mark.both_engines
def test_messages_are_written_in_the_same_transaction(db, make_product):
    product = make_product(name="Mắm cá linh")
    payloads = [m.payload for m in _messages(db)]
    assert {"kind": "product", "id": product.id} in payloads
    assert {"kind": "producer", "id": product.producer_id} in payloads


def test_a_rolled_back_change_leaves_no_message(db):
    from marketplace.catalog.services import create_product, find_category, find_province
    from marketplace.catalog.services import create_producer
    producer = create_producer(name="HTX Bỏ dở", kind="cooperative", province=find_province("ha-noi"), commit=False)
    create_product(producer=producer, category=find_category("mat-ong"), name="Mật ong bỏ dở", price=1, unit="lọ",
                   commit=False)
    db.session.rollback()
    assert _messages(db) == []


def test_the_same_change_twice_in_a_transaction_is_one_message(db, make_product, make_certification):
    from marketplace.catalog.services import transition_certification
    product = make_product()
    certification = make_certification(product, status="pending")
    before = len(_messages(db))
    transition_certification(certification, "verified", commit=False)
    enqueue("search.reindex", {"kind": "product", "id": product.id})
    db.session.commit()
    assert len(_messages(db)) == before + 1


@pytest.mark.both_engines
def test_engine_down_keeps_messages_and_retries_them_later(app, db, make_product):
    product = make_product(name="Nước mắm Cửa Hội")
    engine = get_engine(app)
    app.extensions["search"] = DownEngine()
    report = drain()
    assert report.failed == 2 and report.processed == 0  # the producer and its product
    messages = _messages(db)
    assert all(m.processed_at is None and m.attempts == 1 and "connection refused" in m.last_error
               for m in messages)
    assert all(m.available_at > utcnow() for m in messages)
    assert not has_pending() and pending_count() == 0  # not due again before the backoff

    # Still down at the next attempt: the wait doubles.
    later = utcnow() + timedelta(seconds=backoff(1) + 1)
    drain(now=later)
    assert {m.attempts for m in _messages(db)} == {2}
    assert all(m.available_at >= later + timedelta(seconds=backoff(2)) for m in _messages(db))

    # The engine is back: the next drain after the backoff indexes everything.
    app.extensions["search"] = engine
    assert drain(now=later).processed == 0  # still waiting
    report = drain(now=later + timedelta(seconds=backoff(2) + 1))
    assert report.processed == 2 and not report.failed
    assert all(m.processed_at is not None and m.last_error is None for m in _messages(db))
    assert _ids(engine, "cua hoi") == [product.id]


def test_backoff_grows_and_is_capped():
    assert [backoff(n) for n in (1, 2, 3, 4)] == [2, 4, 8, 16]
    assert backoff(50) == 15 * 60


def test_a_bad_message_does_not_block_the_others(db, app, make_product):
    product = make_product(name="Bánh pía Sóc Trăng")
    enqueue("search.reindex", {"kind": "product", "id": "not-a-number"})
    enqueue("search.reindex", {"kind": "rocket", "id": 3})
    db.session.commit()
    report = drain()
    assert report.processed == 2 and report.failed == 2
    bad = [m for m in _messages(db) if m.processed_at is None]
    assert len(bad) == 2 and all("bad search.reindex payload" in m.last_error for m in bad)
    assert _ids(get_engine(app), "banh pia") == [product.id]


def test_messages_without_a_handler_wait_for_one(db, app):
    enqueue("email.send", {"to": "a@example.vn"})
    db.session.commit()
    assert drain().failed == 1
    seen = []
    register_handler("email.send", seen.extend)
    try:
        assert drain(now=utcnow() + timedelta(minutes=1)).processed == 1
    finally:
        register_handler("email.send", None)
    assert seen == [{"to": "a@example.vn"}]


def test_worker_command_once(app, db, make_product):
    product_id = make_product(name="Hồng treo gió").id
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "processed 2" in result.output
    assert _ids(get_engine(app), "hong treo gio") == [product_id]
    assert pending_count() == 0


def test_processed_messages_are_purged_after_a_week(db, make_product):
    make_product()
    drain()
    assert purge_processed(now=utcnow() + timedelta(days=1)) == 0
    assert purge_processed(now=utcnow() + timedelta(days=8)) == 2
    assert _messages(db) == []


@pytest.mark.parametrize("drain_after_request", [True, False])
def test_development_drains_right_after_the_request(app, client, db, make_product, drain_after_request):
    app.config["OUTBOX_DRAIN_AFTER_REQUEST"] = drain_after_request
    make_product(name="Chả cá Lã Vọng")
    response = client.get("/healthz")
    response.close()
    assert pending_count() == (0 if drain_after_request else 2)
    assert bool(_ids(get_engine(app), "cha ca la vong")) is drain_after_request


def test_every_writer_of_a_product_asks_for_a_reindex(app, db, make_product, make_user, sync_index):
    """Not only catalog services: a studio edit and a bulk price change made directly
    on the row are noticed by the session listener and reach the index."""
    from werkzeug.datastructures import MultiDict

    from marketplace.catalog.models import ProducerMember
    from marketplace.catalog.queries import parse_catalog_args
    from marketplace.core.timeutil import vn_today
    from marketplace.search.service import search_products
    from marketplace.studio.listings import update_listing

    product = make_product(name="Mứt gừng Huế", price=80_000)
    owner = make_user(role="producer")
    db.session.add(ProducerMember(producer=product.producer, user=owner, is_owner=True))
    db.session.commit()
    sync_index()

    def found(query):
        page = search_products(parse_catalog_args(MultiDict(query)), vn_today(), facets=False)
        return [p.slug for p in page.items]

    update_listing(owner, product, category=product.category, name="Mứt gừng non Huế", price=product.price,
                   unit=product.unit, stock=product.stock, description=product.description, origin=product.origin)
    product.price = 95_000  # as the CSV bulk import does: a plain attribute change
    db.session.commit()
    assert OutboxMessage.query.filter_by(processed_at=None).count() >= 1
    sync_index()
    assert found({"q": "mut gung non"}) == [product.slug]
    assert found({"q": "mut gung", "min_price": "90000"}) == [product.slug]
