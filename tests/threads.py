"""Run the same work in several threads released at the same instant (concurrency tests on PostgreSQL)."""
import threading

from marketplace.extensions import db


def at_once(app, n, work, timeout=120):
    """Call `work(i)` for i in 0..n-1, each in its own thread, app context and database session,
    all released by one barrier. Returns (outcomes, errors): what each call returned, and the
    repr of each unexpected exception (the test asserts there are none)."""
    barrier = threading.Barrier(n)
    outcomes, errors = [], []

    def run(i):
        with app.app_context():
            try:
                barrier.wait()
                outcomes.append(work(i))
            except Exception as error:  # a deadlock, a 500 ... fails the test that reads `errors`
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread is still running"
    return outcomes, errors
