"""The programme pages over HTTP, under concurrent clients, as a share of a bare Flask
"hello" served by the same gunicorn on the same machine in the same run (issue 15).

    .venv/bin/python -m bench.scale_bench                      # after only (this tree)
    .venv/bin/python -m bench.scale_bench --before main        # and main's code, for comparison
    .venv/bin/python -m bench.scale_bench --seconds 5 --no-write

The catalogue is the search benchmark's generator at --products (kept under
bench/results/scale/ between runs). Each server is gunicorn with deploy/gunicorn.conf.py
on a free loopback port; the load is wrk (Debian) with 8 and 32 connections. "before"
runs `git archive <rev>` of the code the way its README ran it (`gunicorn -w 4 wsgi:app`),
on a copy of the same database without the planner's statistics (main never ran
ANALYZE). Raw throughputs move with the machine's load; their ratio to "hello" measured
minutes apart moves much less, which is why every figure is given as that ratio.
Figures go into BENCHMARKS.md between the scale markers.
"""
import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from bench.search_bench import ROOT, RESULTS, machine, write_benchmarks

MARK_START = "<!-- scale-bench:start -->"
MARK_END = "<!-- scale-bench:end -->"
PAGES = [("/programme/", "/programme/"), ("a province's programme page", "/programme/provinces/{province}"),
         ("open data: certified products", "/api/v1/stats/products")]
VENV_BIN = Path(sys.executable).parent
FIRST_LIMIT = 60  # seconds a first request may take before it is written as "> 60 s"
BEFORE = "662e0d4"  # main before issue 15's stored programme figures: `make bench` compares with it


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default=str(RESULTS / "scale"))
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10, help="per page and client count")
    parser.add_argument("--clients", default="8,32")
    parser.add_argument("--before", default=None, help="a git revision to measure too (e.g. main)")
    parser.add_argument("--no-write", action="store_true")
    return parser.parse_args(argv)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(work, database):
    return {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_hex(16),
            "DATABASE_URL": f"sqlite:///{database}", "SEARCH_INDEX_DIR": str(work / "index"),
            "SEARCH_ENGINE": "embedded", "MEDIA_ROOT": str(work / "media"), "OUTBOX_DRAIN_AFTER_REQUEST": "0",
            "SITE_URL": "http://localhost", "TRUSTED_HOSTS": "localhost,127.0.0.1", "TRUSTED_PROXIES": "0",
            "FORCE_HTTPS": "0", "RATELIMIT_ENABLED": "0", "GUNICORN_ACCESS_LOG": "/dev/null"}


def prepare(work, products):
    """The catalogue at `products` products, migrated and analyzed; returns the product count."""
    os.environ.update(_env(work, work / "catalogue.sqlite3"))
    from bench.search_bench import prepare as build
    from marketplace import create_app
    from marketplace.core.maintenance import analyze
    from marketplace.core.timeutil import vn_today
    from marketplace.programme.figures import forget_all
    app = create_app("production")
    with app.app_context():
        found = build(app, argparse.Namespace(products=products, seed=15), vn_today())
        forget_all()  # the first request of the run computes them (measured apart)
        analyze()
        from marketplace.catalog.models import Province
        from marketplace.extensions import db
        province = db.session.execute(db.select(Province.slug).order_by(Province.id)).scalars().first()
    return found["products"], province


class Server:
    """gunicorn on a free loopback port, stopped on exit."""

    def __init__(self, args, cwd, env):
        self.port = _free_port()
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([str(VENV_BIN / "gunicorn"), "-b", f"127.0.0.1:{self.port}", *args],
                                        cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def wait(self, path="/", timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError("gunicorn stopped:\n" + self.log.read().decode(errors="replace")[-3000:])
            try:
                with urllib.request.urlopen(self.url(path), timeout=120) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer in time")

    def first(self, path, limit=FIRST_LIMIT):
        """Seconds of one request (the first of a page: the stored figures computed), or None
        when it took longer than `limit` seconds."""
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(self.url(path), timeout=limit) as answer:
                answer.read()
                assert answer.status == 200, path
        except TimeoutError:
            return None
        return time.perf_counter() - started

    def worker_rss_mb(self):
        """RSS (MB) of each worker process."""
        out = []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out.append(round(int(line.split()[1]) / 1024))
        return out

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(url, clients, seconds):
    """{rps, p99 (ms), errors} from wrk with `clients` connections for `seconds`."""
    done = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s", "--latency", url],
                          capture_output=True, text=True, check=True)
    out = done.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    finished = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": round(rps, 1), "finished": finished,
            "p99": round(_ms(p99.group(1)), 1) if p99 and finished else None,
            "errors": errors + (int(non2xx.group(1)) if non2xx else 0)}


def measure(server, pages, clients, seconds):
    out = {}
    for label, path in pages:
        took = server.first(path)
        out[label] = {"first_s": round(took, 2) if took is not None else None}
        for n in clients:
            out[label][n] = wrk(server.url(path), n, seconds)
    return out


def ceiling(clients, seconds):
    with Server(["-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "bench.hello:app"], ROOT, os.environ) as hello:
        hello.wait()
        return {n: wrk(hello.url("/"), n, seconds) for n in clients}


def before(rev, work, pages, clients, seconds):
    """main's code (git archive), served as its README said, on a copy without statistics."""
    with tempfile.TemporaryDirectory(prefix="scale-before-") as folder:
        tree = Path(folder) / "tree"
        tree.mkdir()
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        for mo in (ROOT / "marketplace" / "translations").rglob("*.mo"):
            target = tree / mo.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(mo, target)
        database = Path(folder) / "catalogue.sqlite3"
        shutil.copy2(work / "catalogue.sqlite3", database)
        with sqlite3.connect(database) as conn:
            conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
        env = {k: v for k, v in _env(work, database).items() if not k.startswith("GUNICORN_")}
        with Server(["-w", "4", "--timeout", "120", "wsgi:app"], tree, env) as server:
            server.wait("/healthz")
            found = measure(server, pages, clients, seconds)
            found["rss_mb"] = server.worker_rss_mb()
            return found


def after(work, pages, clients, seconds):
    with Server(["-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "wsgi:app"], ROOT,
                _env(work, work / "catalogue.sqlite3")) as server:
        server.wait("/healthz")
        found = measure(server, pages, clients, seconds)
        found["rss_mb"] = server.worker_rss_mb()
        return found


def render(report):
    clients = report["clients"]
    hello = report["hello"]
    lines = [MARK_START, "## Programme pages under load (`bench/scale_bench.py`)", "",
             f"Run {report['when']} on {report['machine']['cpus']} cores (load average before the run "
             f"{report['machine']['load_average']}), {report['products']:,} products, SQLite, each server gunicorn "
             f"on loopback, wrk with {' and '.join(map(str, clients))} connections for {report['seconds']} s per "
             "figure. The ceiling: a bare Flask \"hello\" (`bench/hello.py`) under the same gunicorn "
             "configuration in the same run: " + ", ".join(
                 f"{hello[n]['rps']:,.0f} requests/s at {n} (p99 {hello[n]['p99']} ms)" for n in clients) + ".",
             "", "| page | code | first request | " + " | ".join(
                 f"req/s at {n} | share of ceiling | p99 at {n}" for n in clients) + " | errors |",
             "|---|---|---:|" + "---:|---:|---:|" * len(clients) + "---:|"]
    for name in ("before", "after"):
        found = report.get(name)
        if not found:
            continue
        code = f"{name} ({report['before_rev']})" if name == "before" else "after (this tree)"
        for label, figures in found.items():
            if label == "rss_mb":
                continue
            cells = []
            for n in clients:
                f = figures[n]
                if not f.get("finished"):  # not one request answered in the time
                    cells += [f"< {1 / report['seconds']:.2f}", f"< {1 / report['seconds'] / hello[n]['rps']:.5f}",
                              f"> {report['seconds']} s"]
                    continue
                cells += [f"{f['rps']:,.1f}", f"{f['rps'] / hello[n]['rps']:.4f}", f"{f['p99']:,.0f} ms"]
            errors = sum(figures[n]["errors"] for n in clients)
            first = f"{figures['first_s']} s" if figures["first_s"] is not None else f"> {FIRST_LIMIT} s"
            lines.append(f"| {label} | {code} | {first} | " + " | ".join(cells) + f" | {errors} |")
    lines.append("")
    for name in ("before", "after"):
        if report.get(name):
            lines.append(f"Worker RSS after the run, {name}: {report[name]['rss_mb']} MB.")
    lines += ["", "\"first request\": the page's first request after start-up (after: the stored programme "
              "figures are computed then, once, and read by every later request; before: every request "
              "computes them). \"before\" runs the revision's code as its README served it (`gunicorn -w 4`, "
              "4 sync workers) on a copy of the same database without ANALYZE statistics, as it ran; "
              "\"after\" runs `deploy/gunicorn.conf.py`. Reproduce: `make bench` (or "
              f"`.venv/bin/python -m bench.scale_bench --before {report['before_rev'] or BEFORE}`, the code before "
              "issue 15).", "", summary(report), MARK_END, ""]
    return "\n".join(lines)


def summary(report):
    """What the figures say, in words: the machine's load, then before against after."""
    cores, load = report["machine"]["cpus"], report["machine"]["load_average"][0]
    words = []
    if load > cores:
        words.append(f"This run shared its {cores} cores with other work (load average {load} before the run), "
                     "so the absolute figures are a fraction of an idle machine's; the ratios are the comparable "
                     "part.")
    pages = [f for k, f in report.get("before", {}).items() if k != "rss_mb"]
    if pages and not any(f[n].get("finished") for f in pages for n in report["clients"]):
        words.append(f"Before, not one request of any programme page finished within {report['seconds']} s under "
                     "load;")
    after = [(f[n], report["hello"][n]["rps"]) for k, f in report["after"].items() if k != "rss_mb"
             for n in report["clients"]]
    shares = [figures["rps"] / ceiling for figures, ceiling in after if ceiling]
    errors = sum(figures["errors"] for figures, _ceiling in after)
    if shares:
        words.append(f"after, every page answers at {min(shares):.3f}–{max(shares):.3f} of the ceiling with "
                     f"{errors} errors.")
    return " ".join(words)


def main(argv=None):
    args = parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    clients = [int(n) for n in args.clients.split(",")]
    products, province = prepare(work, args.products)
    pages = [(label, path.format(province=province)) for label, path in PAGES]
    report = {"when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
              "products": products, "clients": clients, "seconds": args.seconds, "before_rev": args.before}
    print("hello (the ceiling)")
    report["hello"] = ceiling(clients, args.seconds)
    print(report["hello"])
    if args.before:
        print(f"before: {args.before}")
        report["before"] = before(args.before, work, pages, clients, args.seconds)
        print(report["before"])
    print("after: this tree")
    report["after"] = after(work, pages, clients, args.seconds)
    print(report["after"])
    section = render(report)
    print(section)
    if not args.no_write:
        write_benchmarks(section, MARK_START, MARK_END)


if __name__ == "__main__":
    main()
