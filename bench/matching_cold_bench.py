"""Matching cold start: how long a fresh gunicorn web worker takes to answer its first matching
request at 100,000 offers, with and without the master loading the in-memory tables before it
forks (deploy/gunicorn.conf.py `when_ready`, matching.tables.preload_tables), in one run.

    .venv/bin/python -m bench.matching_cold_bench                 # writes BENCHMARKS.md
    .venv/bin/python -m bench.matching_cold_bench --no-write --workdir /tmp/matching-data

It uses the data of bench/matching_bench.py (generated there first if missing: the synthetic
catalogue and offers, the search indexes), ANALYZEs the SQLite file once, then starts, one
after the other, on a free loopback port:

- the baseline: `gunicorn --preload -w 1 wsgi:app`, the application loaded in the master as
  before but not the tables: the worker reads every open post on its first matching request;
- this tree: `gunicorn -c deploy/gunicorn.conf.py` with one worker: the master loads the tables
  before the fork; then the worker is stopped and the master forks a replacement, whose first
  matching request is measured too (a worker started later, after the tables moved on).

For each: seconds until the server answers /healthz (start-up, the master's load included),
then one signed-in buyer's GET /matching/demands/<id>/matches.json, timed (the worker's first
matching request), then the same request again (warm). The two servers' answers are compared:
the same offers with the same scores.
"""
import argparse
import json
import os
import secrets
import signal
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from bench.scale_bench import Server
from bench.search_bench import machine, write_benchmarks

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
MARK_START = "<!-- matching-cold:start -->"
MARK_END = "<!-- matching-cold:end -->"
TARGET_FIRST_S = 2.0
REQUEST_LIMIT_S = 600


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--demands", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", default=str(RESULTS / "matching-bench"), help="shared with matching_bench")
    parser.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md")
    parser.add_argument("--results", default=str(RESULTS / "matching-cold.json"), help="raw figures (JSON)")
    return parser.parse_args(argv)


def _env(work):
    return {"APP_ENV": "production", "SECRET_KEY": secrets.token_hex(16),
            "DATABASE_URL": f"sqlite:///{work / 'matching.sqlite3'}", "SEARCH_INDEX_DIR": str(work / "index"),
            "SEARCH_ENGINE": "embedded", "MEDIA_ROOT": str(work / "media"), "MAIL_DIR": str(work / "mail"),
            "OUTBOX_DRAIN_AFTER_REQUEST": "0", "RATELIMIT_ENABLED": "0", "SITE_URL": "http://localhost",
            "TRUSTED_HOSTS": "localhost,127.0.0.1", "TRUSTED_PROXIES": "0", "FORCE_HTTPS": "0",
            "GUNICORN_ACCESS_LOG": "/dev/null", "GUNICORN_TIMEOUT": str(REQUEST_LIMIT_S),
            "WEB_CONCURRENCY": "1", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}


def prepare(args, work):
    """Data (made by matching_bench if missing), statistics, and a signed-in buyer's session
    cookie with one of its open demands: (cookie header, demand id, open offers)."""
    from marketplace import create_app
    from marketplace.accounts import sessions
    from marketplace.core.maintenance import analyze_if_never
    from marketplace.core.timeutil import vn_today
    from marketplace.extensions import db
    from marketplace.matching.models import BuyerMember, Offer, PostStatus

    app = create_app("production")
    with app.app_context():
        from bench import matching_bench
        today = vn_today()
        data = matching_bench.prepare(argparse.Namespace(offers=args.offers, demands=args.demands, seed=args.seed),
                                      today)
        if not (work / "index").exists():
            matching_bench.build_indexes(today)
        analyze_if_never()
        _buyer, user = matching_bench.buyer_account()
        demand = _demand_with_matches(today)
        if db.session.get(BuyerMember, (demand.buyer_id, user.id)) is None:
            db.session.add(BuyerMember(buyer_id=demand.buyer_id, user_id=user.id, is_owner=False))
            db.session.commit()
        demand_id = demand.id
        sessions.start(user)
        cookie = app.session_interface.get_signing_serializer(app).dumps({"_user_id": user.get_id(), "_fresh": True})
        open_offers = db.session.execute(db.select(db.func.count(Offer.id))
                                         .where(Offer.status == PostStatus.OPEN)).scalar_one()
        db.session.remove()
        db.engine.dispose()
    return f"{app.config.get('SESSION_COOKIE_NAME', 'session')}={cookie}", demand_id, open_offers, data


def _demand_with_matches(today):
    """The first open demand that has matches (ranked here, in the bench's own process), so that
    the two servers' answers have something to compare."""
    from marketplace.extensions import db
    from marketplace.matching import matcher
    from marketplace.matching.models import Demand, PostStatus
    from marketplace.matching.tables import reset_tables
    demands = db.session.execute(db.select(Demand).where(Demand.status == PostStatus.OPEN)
                                 .order_by(Demand.id).limit(50)).scalars().all()
    try:
        return next(d for d in demands if matcher.rank_offers_for_demand(d.id, today, limit=1).matches)
    finally:
        reset_tables()


def timed_get(server, path, cookie):
    """(seconds, parsed JSON) of one GET with the session cookie."""
    request = urllib.request.Request(server.url(path), headers={"Cookie": cookie, "Accept": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=REQUEST_LIMIT_S) as answer:
        body = answer.read()
        assert answer.status == 200, (path, answer.status)
    return time.perf_counter() - started, json.loads(body)


def _ranking(answer):
    return [(m["offer"]["id"], m["score"]) for m in answer["matches"]]


def _worker_pids(server):
    pid = server.process.pid
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def serve(args, env, path, cookie, replace_worker=False):
    started = time.perf_counter()
    with Server(args, ROOT, env) as server:
        server.wait("/healthz", timeout=REQUEST_LIMIT_S)
        found = {"ready_s": round(time.perf_counter() - started, 2)}
        first, answer = timed_get(server, path, cookie)
        warm, _ = timed_get(server, path, cookie)
        found.update(first_s=round(first, 2), warm_s=round(warm, 3), ranking=_ranking(answer))
        if replace_worker:  # a worker started later: the master forks a new one in place of the old
            old = _worker_pids(server)
            os.kill(int(old[0]), signal.SIGTERM)
            deadline = time.monotonic() + 60
            while (not _worker_pids(server) or _worker_pids(server) == old) and time.monotonic() < deadline:
                time.sleep(0.1)
            server.wait("/healthz", timeout=60)
            again, answer = timed_get(server, path, cookie)
            found.update(replacement_first_s=round(again, 2), replacement_same=_ranking(answer) == found["ranking"])
    return found


def render(r):
    base, after = r["baseline"], r["preloaded"]
    ratio = base["first_s"] / after["first_s"] if after["first_s"] else float("inf")
    met = "met" if max(after["first_s"], after.get("replacement_first_s", 0)) < TARGET_FIRST_S else "not met"
    m = r["machine"]
    return "\n".join([
        MARK_START,
        "### Cold start of a web worker (`bench/matching_cold_bench.py`)", "",
        f"Run {r['when']} on {m.get('cpus')} cores ({m.get('cpu')}), load average at start {m.get('load_average')}; "
        "**the machine was shared with other jobs during the run**, so the absolute seconds are high and noisy, "
        f"the ratio is the figure to read. Data: the matching bench's {r['open_offers']:,} open offers "
        "(100,000 synthetic), SQLite analyzed. One gunicorn worker; the request is a signed-in buyer's "
        "`/matching/demands/<id>/matches.json` (the in-memory tables, the search engine, scoring, reasons).", "",
        "| server | start-up until /healthz | first matching request of the worker | second request |",
        "|---|---:|---:|---:|",
        f"| baseline: `gunicorn --preload -w 1` (the worker loads the tables on its first match) | "
        f"{base['ready_s']} s | {base['first_s']} s | {base['warm_s'] * 1000:.0f} ms |",
        f"| `gunicorn -c deploy/gunicorn.conf.py` (the master loads them before the fork) | {after['ready_s']} s | "
        f"{after['first_s']} s | {after['warm_s'] * 1000:.0f} ms |",
        f"| the same, a worker forked later in place of a stopped one | | {after['replacement_first_s']} s | |", "",
        f"A fresh worker's first matching request: {after['first_s']} s against {base['first_s']} s, "
        f"{ratio:.0f}× faster (target under {TARGET_FIRST_S:.0f} s: {met}). The load moves to the master's "
        "start-up (once per deploy, before any worker takes a request). Same answer from both servers "
        f"(offers and scores): {'yes' if r['same_ranking'] else 'NO'}; from the replacement worker: "
        f"{'yes' if after.get('replacement_same') else 'NO'}.", "",
        "Reproduce: `.venv/bin/python -m bench.matching_cold_bench` (after `bench.matching_bench`, whose data it "
        "reuses). Raw figures: `bench/results/matching-cold.json`.",
        MARK_END, ""])


def main(argv=None):
    args = parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    env = _env(work)
    os.environ.pop("MEILI_URL", None)
    os.environ.update(env)
    report = {"when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine()}
    cookie, demand_id, report["open_offers"], report["data"] = prepare(args, work)
    path = f"/matching/demands/{demand_id}/matches.json"
    server_env = {**os.environ, **env}
    print("baseline: the worker loads the tables on its first matching request")
    report["baseline"] = serve(["--preload", "-w", "1", "--timeout", str(REQUEST_LIMIT_S), "wsgi:app"],
                               server_env, path, cookie)
    print(f"   {report['baseline']['ready_s']} s to start, first request {report['baseline']['first_s']} s")
    print("this tree: the master loads the tables before it forks")
    report["preloaded"] = serve(["-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "wsgi:app"], server_env, path,
                                cookie, replace_worker=True)
    print(f"   {report['preloaded']['ready_s']} s to start, first request {report['preloaded']['first_s']} s, "
          f"replacement worker {report['preloaded']['replacement_first_s']} s")
    report["same_ranking"] = report["baseline"]["ranking"] == report["preloaded"]["ranking"]
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    section = render(report)
    print(section)
    if not args.no_write:
        write_benchmarks(section, MARK_START, MARK_END)
        print("BENCHMARKS.md updated")
    return report


if __name__ == "__main__":
    main(sys.argv[1:])
