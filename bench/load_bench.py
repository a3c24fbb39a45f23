"""Sustained load: the whole site in its production shape, on PostgreSQL and Redis, under a
realistic mix of visitors and buyers for a bounded time (issue 15), with every web worker's
memory followed through the run.

    .venv/bin/python -m bench.load_bench                              # 100k products, 5 min: BENCHMARKS.md
    .venv/bin/python -m bench.load_bench --products 10000 --seconds 30 --no-write   # a quick check

What it does:
1. a throwaway PostgreSQL cluster (tests/pgcluster.py) and Debian's redis-server
   (tests/redisserver.py), each on a free loopback port;
2. the synthetic catalogue of --products products, --buyers buyer accounts and the search
   index (bench/load_data.py); kept under --workdir as a pg_dump and an index folder, and
   restored from them on the next run (--fresh makes them again);
3. the production processes: gunicorn with deploy/gunicorn.conf.py (APP_ENV=production,
   the page cache and the rate limits in Redis, the embedded search engine unless MEILI_URL
   is set) and the outbox worker (`flask worker`, as deploy/systemd runs it), which
   forgets the cached pages that orders change;
4. Locust, headless, for --seconds (bench/locustfile.py: the mix and why), while every web
   worker's memory (RSS, and PSS/USS: what it holds alone) is read at the start, every
   --sample-every seconds and at the end;
5. throughput, p50/p95/p99 and failures per step, orders placed, memory before and after,
   into BENCHMARKS.md (between the load-bench markers) and bench/results/load-bench.json.

Every server it starts is stopped on any exit (the cluster also by its watchdog).
"""
import argparse
import contextlib
import csv
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from bench.load_report import render
from bench.search_bench import ROOT, RESULTS, machine, write_benchmarks

MARK_START = "<!-- load-bench:start -->"
MARK_END = "<!-- load-bench:end -->"
VENV_BIN = Path(sys.executable).parent
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.255.255.254"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=300, help="how long the load lasts")
    parser.add_argument("--users", type=int, default=32, help="simulated visitors at once")
    parser.add_argument("--spawn-rate", type=float, default=4, help="visitors started per second")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: deploy/gunicorn.conf.py's, 2 a core)")
    parser.add_argument("--buyers", type=int, default=200, help="buyer accounts made before the run")
    parser.add_argument("--sample-every", type=int, default=30, help="seconds between memory readings")
    parser.add_argument("--workdir", default=str(RESULTS / "load"))
    parser.add_argument("--fresh", action="store_true", help="make the catalogue again")
    parser.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md")
    parser.add_argument("--results", default=str(RESULTS / "load-bench.json"), help="raw figures (JSON)")
    return parser.parse_args(argv)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(run, database_url, redis_url):
    """Production settings, every folder under the run's own directory."""
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_hex(32),
           "DATABASE_URL": database_url, "RATELIMIT_STORAGE_URI": redis_url,  # the page cache follows it
           "SEARCH_INDEX_DIR": str(run / "index"), "MEDIA_ROOT": str(run / "media"),
           "PRIVATE_MEDIA_ROOT": str(run / "private"), "MAIL_DIR": str(run / "mail"),
           "INSTANCE_PATH": str(run / "instance"), "SITE_URL": "https://localhost",
           "TRUSTED_HOSTS": "127.0.0.1,localhost", "TRUSTED_PROXIES": "1", "FLASK_APP": "wsgi.py",
           "GUNICORN_ACCESS_LOG": str(run / "access.log"), "PYTHONPATH": str(ROOT)}
    for name in ("RATELIMIT_ENABLED", "PAGE_CACHE_URL", "SEARCH_ENGINE", "LOGIN_RATE_LIMIT", "WEB_CONCURRENCY",
                 "GUNICORN_THREADS", "GUNICORN_MAX_REQUESTS", "OUTBOX_DRAIN_AFTER_REQUEST", "SESSION_COOKIE_SECURE",
                 "FORCE_HTTPS"):
        env.pop(name, None)  # the production defaults, not whatever this shell has
    return env


def _pg(cluster, program, *args, **kwargs):
    command = [os.path.join(cluster.bin_dir, program), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres",
               *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def catalogue(args, cluster, work, run, env):
    """The database `ocop` with the catalogue and buyers, and the index under `run`; returns
    the seconds each step took (made) or the restore took (restored from --workdir)."""
    dump = work / f"catalogue-{args.products}-{args.buyers}.dump"
    index = work / f"index-{args.products}-{args.buyers}"
    if args.fresh:
        dump.unlink(missing_ok=True)
        shutil.rmtree(index, ignore_errors=True)
    _pg(cluster, "createdb", "ocop")
    started = time.perf_counter()
    if dump.exists() and index.exists():
        _pg(cluster, "pg_restore", "-d", "ocop", "--no-owner", "-j", "2", str(dump))
        _pg(cluster, "psql", "-d", "ocop", "-c", "ANALYZE")
        shutil.copytree(index, run / "index")
        # migrations added since the dump was made
        subprocess.run([str(VENV_BIN / "flask"), "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        if os.environ.get("MEILI_URL"):
            subprocess.run([str(VENV_BIN / "flask"), "search", "reindex"], cwd=ROOT, env=env, check=True)
        return {"restored_s": round(time.perf_counter() - started, 1)}
    out = run / "took.json"
    subprocess.run([sys.executable, "-m", "bench.load_data", "--products", str(args.products), "--buyers",
                    str(args.buyers), "--catalogue-only", "--out", str(out)], cwd=ROOT, env=env, check=True)
    took = json.loads(out.read_text())["took"]
    _pg(cluster, "pg_dump", "-Fc", "-d", "ocop", "-f", str(dump))
    shutil.copytree(run / "index", index)
    return took


class Process:
    """A server program in a session of its own, stopped (whole group) on exit."""

    def __init__(self, command, env, log):
        self.log = log
        with open(log, "ab") as out:  # the child keeps its own descriptor
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def stop(self):
        """SIGTERM to the group (gunicorn's graceful stop), SIGKILL if it is still there after 40 s."""
        for sig, patience in ((signal.SIGTERM, 40), (signal.SIGKILL, None)):
            if self.process.poll() is not None:
                return
            os.killpg(self.process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(patience)

    def tail(self):
        return Path(self.log).read_text(errors="replace")[-3000:]


def wait_ready(url, server, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError("gunicorn stopped:\n" + server.tail())
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=PROXY_HEADERS), timeout=60) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time:\n" + server.tail())


def memory(master_pid):
    """{pid: {rss, pss, uss, hwm} in MB} of each gunicorn worker (the master's children); hwm is
    the kernel's high-water mark of the worker's RSS since it started (VmHWM), which catches
    the peaks between two readings."""
    import psutil
    out = {}
    for child in psutil.Process(master_pid).children():
        try:
            info = child.memory_full_info()
            status = Path(f"/proc/{child.pid}/status").read_text()
        except (psutil.NoSuchProcess, OSError):
            continue
        out[str(child.pid)] = {k: round(getattr(info, k) / 2**20, 1) for k in ("rss", "pss", "uss")}
        for key, field in (("hwm", "VmHWM"), ("anon", "RssAnon"), ("file", "RssFile")):  # file: code, mmapped index
            out[str(child.pid)][key] = round(int(re.search(field + r":\s+(\d+)", status).group(1)) / 1024, 1)
    return out


def run_locust(args, url, plan, run, master_pid):
    """Locust for --seconds, memory read every --sample-every s; returns (samples, csv prefix)."""
    prefix = run / "locust"
    command = [str(VENV_BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--only-summary",
               "-u", str(args.users), "-r", str(args.spawn_rate), "--run-time", f"{args.seconds}s",
               "--stop-timeout", "30", "--host", url, "--csv", str(prefix), "--loglevel", "WARNING"]
    samples = [{"t": 0, "workers": memory(master_pid)}]
    started = time.monotonic()
    locust = Process(command, {**os.environ, "LOAD_PLAN": str(plan)}, run / "locust.log")
    try:
        while locust.process.poll() is None:
            due = started + len(samples) * args.sample_every
            while locust.process.poll() is None and time.monotonic() < due:
                time.sleep(0.5)
            if locust.process.poll() is None:
                samples.append({"t": round(time.monotonic() - started), "workers": memory(master_pid)})
    finally:
        locust.stop()
    samples.append({"t": round(time.monotonic() - started), "workers": memory(master_pid), "end": True})
    return samples, prefix, locust.tail()


def read_stats(prefix):
    """Locust's per-step figures (the CSV's rows, Aggregated last)."""
    rows = []
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append({"name": row["Name"] if row["Name"] != "Aggregated" else "all", "method": row["Type"],
                         "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                         "rps": float(row["Requests/s"]), "p50": float(row["50%"] or 0),
                         "p95": float(row["95%"] or 0), "p99": float(row["99%"] or 0)})
    failures = []
    with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            failures.append({"name": row["Name"], "error": row["Error"], "count": int(row["Occurrences"])})
    return rows, failures


def server_errors(access_log):
    """Answers 5xx in gunicorn's access log (the status follows the quoted request line)."""
    with open(access_log, errors="replace") as lines:
        return sum(1 for line in lines if '" ' in line and line.split('" ', 1)[1][:1] == "5")


def versions(cluster):
    from importlib.metadata import version
    postgres = subprocess.run([os.path.join(cluster.bin_dir, "postgres"), "--version"], capture_output=True,
                              text=True).stdout.split()
    redis = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.split()
    return {"postgresql": f"PostgreSQL {postgres[2]}", "redis": f"Redis {redis[2].removeprefix('v=')}",
            "locust": f"Locust {version('locust')}"}


def count_orders(cluster):
    return int(_pg(cluster, "psql", "-d", "ocop", "-tAc", "SELECT count(*) FROM orders").stdout.strip())


def main(argv=None):
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.pgcluster import PostgresCluster, find_pg_bin
    from tests.redisserver import RedisServer, find_redis_server
    if find_pg_bin() is None or find_redis_server() is None:
        raise SystemExit("PostgreSQL and redis-server are needed (Debian packages postgresql, redis-server)")
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    report = {"when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
              "users": args.users, "seconds": args.seconds, "spawn_rate": args.spawn_rate, "buyers": args.buyers}
    with contextlib.ExitStack() as stack:
        run = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="load-bench-")))
        print("1. PostgreSQL and Redis")
        cluster = PostgresCluster(find_pg_bin()).start()
        stack.callback(cluster.stop)
        redis = RedisServer(find_redis_server()).start()
        stack.callback(redis.stop)
        env = _environment(run, cluster.url("ocop"), redis.url)
        report.update(versions(cluster))
        print("2. catalogue, buyers, index")
        report["prepared"] = catalogue(args, cluster, work, run, env)
        plan = run / "plan.json"
        subprocess.run([sys.executable, "-m", "bench.load_data", "--plan-only", "--buyers", str(args.buyers),
                        "--out", str(plan)], cwd=ROOT, env=env, check=True)
        facts = json.loads(plan.read_text())
        report["products"], report["public"] = facts["products_total"], facts["public"]
        print("3. gunicorn (deploy/gunicorn.conf.py) and the outbox worker")
        port = _free_port()
        env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
        if args.workers:
            env["WEB_CONCURRENCY"] = str(args.workers)
        web = Process([str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "wsgi:app"],
                      env, run / "gunicorn.log")
        stack.callback(web.stop)
        worker = Process([str(VENV_BIN / "flask"), "worker"], env, run / "worker.log")
        stack.callback(worker.stop)
        wait_ready(f"http://127.0.0.1:{port}/healthz", web)
        report["orders_before"] = count_orders(cluster)
        print(f"4. Locust: {args.users} visitors for {args.seconds} s")
        samples, prefix, locust_log = run_locust(args, f"http://127.0.0.1:{port}", plan, run, web.process.pid)
        report["samples"] = samples
        report["steps"], report["failures"] = read_stats(prefix)
        report["orders_after"] = count_orders(cluster)
        log = Path(web.log).read_text(errors="replace")
        report["worker_timeouts"] = log.count("WORKER TIMEOUT")
        report["workers_booted"] = log.count("Booting worker")
        report["server_errors"] = server_errors(run / "access.log")
        report["workers"] = len(samples[-1]["workers"])
        if not report["steps"]:
            raise RuntimeError("Locust reported nothing:\n" + locust_log)
        report["outbox_worker_rss_mb"] = _rss_mb(worker.process.pid)
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    section = render(report, MARK_START, MARK_END)
    print(section)
    if not args.no_write:
        write_benchmarks(section, MARK_START, MARK_END)
    return report


def _rss_mb(pid):
    import psutil
    try:
        return round(sum(p.memory_info().rss for p in [psutil.Process(pid), *psutil.Process(pid).children(True)])
                     / 2**20, 1)
    except psutil.NoSuchProcess:
        return None


if __name__ == "__main__":
    main()
