"""On SQLite (no FOR UPDATE SKIP LOCKED) the outbox drains of one process take turns: the
threaded development server drains after every request, and without turns two requests
finishing together each sent the same e-mail (seen as a ticket mailed seven times)."""
import threading
import time

import pytest

from marketplace.core import outbox

TOPIC = "test.turns"


def test_drains_in_parallel_threads_handle_a_message_once(app, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL claims messages with FOR UPDATE SKIP LOCKED (tests/search/test_outbox.py)")
    handled = []

    def slow(payloads):  # slow enough that the other drains read the message while it is handled
        handled.extend(payloads)
        time.sleep(0.3)

    outbox.register_handler(TOPIC, slow)
    try:
        outbox.enqueue(TOPIC, {"ticket": "ABCD"})
        db.session.commit()
        start = threading.Barrier(4)

        def drain():
            with app.app_context():
                start.wait()
                outbox.drain()
                db.session.remove()

        threads = [threading.Thread(target=drain) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert handled == [{"ticket": "ABCD"}]
        assert not outbox.has_pending()
    finally:
        outbox._handlers.pop(TOPIC, None)
