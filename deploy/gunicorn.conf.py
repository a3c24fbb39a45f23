"""gunicorn settings of the production web processes:

    gunicorn -c deploy/gunicorn.conf.py wsgi:app

Workers and threads follow the machine's cores; every value can be changed from the
environment (WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_BIND, GUNICORN_TIMEOUT,
GUNICORN_ACCESS_LOG, GUNICORN_MAX_REQUESTS) without editing this file. The choices,
measured on a 2-core machine in BENCHMARKS.md (bench/scale_bench.py):

- 2 processes per core, each with 2 threads (`gthread`): a request waiting for
  PostgreSQL, Redis or the search engine leaves its core to another; more processes
  than that only add memory (each holds its own copy of the catalogue's hot data).
- The application is loaded once in the master before the workers fork (`preload_app`),
  with matching's in-memory tables (`when_ready`), and its objects are moved out of the
  garbage collector's reach (`gc.freeze`), so the workers share the imported code and data
  instead of each holding a copy, and a new worker's first matching request is fast.
- A request taking over 30 s is a bug, not a load: its worker is killed and replaced.
- The access log goes to stdout (journald under systemd), with the time each request
  took (`%(M)s` ms) and the client address the reverse proxy forwarded.
"""
import gc
import os
import time


def _cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


cores = _cores()
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * cores))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5  # behind nginx, which keeps connections to the upstream open
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))  # 0: workers are not recycled
max_requests_jitter = max_requests // 10
preload_app = True
# The web workers never migrate: no Flask-Migrate and Alembic in their memory (config.py).
raw_env = ["MIGRATIONS_COMMAND=0"]
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


def when_ready(server):
    """In the master, once the application is loaded and before the first fork: a SQLite
    database that has never been analyzed gets the planner's statistics (core.maintenance;
    PostgreSQL's autovacuum does it), and matching's in-memory tables are loaded once, so that
    no worker pays for them on its first matching request (matching.tables.preload_tables)."""
    app = getattr(server.app, "callable", None)
    if app is not None and "sqlalchemy" in getattr(app, "extensions", {}):
        from marketplace.core.maintenance import analyze_if_never
        from marketplace.core.timeutil import vn_today
        from marketplace.extensions import db
        from marketplace.matching.tables import preload_tables
        with app.app_context():
            took = analyze_if_never()
            started = time.perf_counter()
            tables = preload_tables(app, vn_today())
            loaded = time.perf_counter() - started
            db.engine.dispose()  # no connection of the master's is inherited by a worker
        if took is not None:
            server.log.info("SQLite analyzed at start-up in %.1f s", took)
        server.log.info("Matching tables (%d offers, %d demands) loaded for the workers in %.1f s",
                        tables.offers.size, tables.demands.size, loaded)


def pre_fork(server, worker):
    """In the master, before each fork: what the app loaded stays shared with the workers."""
    gc.freeze()


def post_fork(server, worker):
    """In each new worker: database connections are never shared across processes."""
    app = getattr(server.app, "callable", None)
    if app is not None and "sqlalchemy" in getattr(app, "extensions", {}):
        from marketplace.extensions import db
        with app.app_context():
            db.engine.dispose(close=False)
