"""Page cache benchmark: anonymous storefront pages under load, from the page cache (Redis)
and without it, next to a bare Flask "hello" under the same gunicorn in the same run
(the ceiling: every figure is also given as a share of it, which is what carries over
from one machine, or one load, to another).

    .venv/bin/python -m bench.page_cache_bench                      # writes BENCHMARKS.md
    .venv/bin/python -m bench.page_cache_bench --products 2000 --seconds 5 --no-write

What it does:
1. a SQLite catalogue of --products synthetic products and its embedded index under
   --workdir (kept between runs unless --fresh);
2. Debian's redis-server on a free loopback port (tests/redisserver.py), stopped at exit;
3. three gunicorn servers in turn, each with --workers sync workers on a free loopback
   port: the bare hello app, the site with PAGE_CACHE_URL=off, the site with the page
   cache in Redis; each page is loaded by `wrk` (Debian package wrk) with --connections
   connections for --seconds seconds after one warming request;
4. requests/s and p99 per page, and their share of the hello ceiling, into BENCHMARKS.md
   (between the page-cache-bench markers) and bench/results/page-cache-bench.json.
"""
import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from bench.search_bench import Gunicorn, machine, write_benchmarks

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
MARK_START = "<!-- page-cache-bench:start -->"
MARK_END = "<!-- page-cache-bench:end -->"
PAGES = [
    ("home", "/"),
    ("catalogue", "/products"),
    ("catalogue, a word", "/products?q=tr%C3%A0"),
    ("catalogue, filters", "/products?province={province}&stars=4&sort=price_asc"),
    ("a product page", "{product}"),
    ("a province page", "/provinces/{province}"),
    ("provinces", "/provinces"),
    ("events", "/events"),
    ("programme", "/programme/"),
    ("a province's programme page", "/programme/provinces/{province}"),
    ("API, a word", "/api/v1/products?q=mat+ong"),
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", default=str(RESULTS / "page-cache-bench"))
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--results", default=str(RESULTS / "page-cache-bench.json"))
    return parser.parse_args(argv)


class Server(Gunicorn):
    """gunicorn serving `target` (not only the site) on 127.0.0.1 for the duration of a `with`."""

    def __init__(self, target, env, workers):
        super().__init__(env, workers)
        self.target = target

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-w", str(self.workers), "-b",
             f"127.0.0.1:{self.port}", "--log-level", "warning", self.target],
            cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn ({self.target}) exited")
        self.__exit__()
        raise RuntimeError(f"gunicorn ({self.target}) did not answer within 90 s")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, connections, seconds):
    """requests/s, p99 (ms) and non-2xx/3xx answers of `wrk` on one URL."""
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "--latency",
                          url],
                         capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": round(rate, 1), "p99_ms": round(float(p99.group(1)) * _UNITS[p99.group(2)], 1) if p99 else None,
            "errors": int(errors.group(1)) if errors else 0}


def prepare(env, args):
    """The catalogue and its index (in a child process: this one stays free of the app)."""
    code = ("from bench.search_bench import prepare; from marketplace import create_app;"
            "from marketplace.core.timeutil import vn_today; from marketplace.search import get_engine;"
            "from marketplace.search.indexing import reindex_all; from marketplace.catalog.models import Product,"
            " Producer, Province; from marketplace.extensions import db; import argparse, json\n"
            f"args = argparse.Namespace(products={args.products}, seed={args.seed})\n"
            "app = create_app('production')\n"
            "with app.app_context():\n"
            "    info = prepare(app, args, vn_today())\n"
            "    reindex_all(get_engine(), vn_today())\n"
            "    product = db.session.execute(db.select(Product.slug).join(Product.producer).where("
            "Product.status == 'active', Producer.verified.is_(True)).limit(1)).scalar_one()\n"
            "    province = db.session.execute(db.select(Province.slug).join(Producer, Producer.province_id =="
            " Province.id).group_by(Province.slug).order_by(db.func.count().desc()).limit(1)).scalar_one()\n"
            "    print('RESULT' + json.dumps(dict(info, product=product, province=province)))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.split("RESULT", 1)[1])


def main(argv=None):
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed (Debian package wrk: apt-get install wrk)")
    work = Path(args.workdir)
    if args.fresh and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_hex(16),
           "DATABASE_URL": f"sqlite:///{work / 'catalogue.sqlite3'}", "SEARCH_INDEX_DIR": str(work / "index"),
           "SEARCH_ENGINE": "embedded", "MEDIA_ROOT": str(work / "media"), "OUTBOX_DRAIN_AFTER_REQUEST": "0",
           "SITE_URL": "http://localhost", "TRUSTED_HOSTS": "localhost,127.0.0.1", "TRUSTED_PROXIES": "0",
           "FORCE_HTTPS": "0", "RATELIMIT_ENABLED": "0", "PAGE_CACHE_URL": "off"}
    env.pop("MEILI_URL", None)
    print("1. catalogue and index")
    info = prepare(env, args)
    pages = [(label, url.format(product=f"/products/{info['product']}", province=info["province"]))
             for label, url in PAGES]
    sys.path.insert(0, str(ROOT))
    from tests.redisserver import RedisServer, find_redis_server
    binary = find_redis_server()
    if binary is None:
        raise SystemExit("redis-server is needed (Debian package redis-server)")
    redis = RedisServer(binary).start()
    report = {"when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
              "products": info["products"], "workers": args.workers, "connections": args.connections,
              "seconds": args.seconds, "pages": {}}
    try:
        print("2. the ceiling: a bare Flask hello")
        with Server("bench.hello_app:app", env, args.workers) as hello:
            report["hello"] = wrk(hello.url + "/", args.connections, args.seconds)
        print("  ", report["hello"])
        for mode, cache in (("uncached", "off"), ("cached", redis.url)):
            print(f"3. the site, {mode}")
            with Server("wsgi:app", {**env, "PAGE_CACHE_URL": cache}, args.workers) as site:
                for label, url in pages:
                    with urllib.request.urlopen(site.url + url, timeout=60) as response:
                        assert response.status == 200, url
                        source = response.headers.get("X-Page-Cache")
                    figures = wrk(site.url + url, args.connections, args.seconds)
                    figures["source"] = source
                    report["pages"].setdefault(label, {})[mode] = figures
                    print("  ", label, figures)
    finally:
        redis.stop()
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(report, indent=2), encoding="utf-8")
    section = render(report)
    print(section)
    if not args.no_write:
        write_benchmarks(section, MARK_START, MARK_END)


def render(report):
    ceiling = report["hello"]["rps"] or 1
    m = report["machine"]
    lines = [MARK_START, "## Page cache (`bench/page_cache_bench.py`)", "",
             f"Run {report['when']} on {m['cpus']} cores (load average before the run "
             f"{', '.join(str(x) for x in m['load_average'])}), {report['products']:,} synthetic products, "
             f"gunicorn with {report['workers']} sync workers, `wrk` with {report['connections']} connections for "
             f"{report['seconds']} s per page, anonymous visitors. *Ceiling*: a bare Flask \"hello\" under the "
             f"same gunicorn in the same run: **{report['hello']['rps']:,} requests/s** "
             f"(p99 {report['hello']['p99_ms']} ms). *Cached*: the page cache in Redis (`PAGE_CACHE_URL=redis://…`), "
             "the page kept after the first request, each worker holding the pages it served for "
             "`PAGE_CACHE_NEAR_SECONDS` (1 s, the default); *uncached*: `PAGE_CACHE_URL=off`, every request rendered. "
             "Share: requests/s ÷ the ceiling's.", "",
             "| page | uncached req/s | share | p99 ms | cached req/s | share | p99 ms | cached ÷ uncached |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label, _url in PAGES:
        u, c = report["pages"][label]["uncached"], report["pages"][label]["cached"]
        gain = f"{c['rps'] / u['rps']:.0f}×" if u["rps"] else "–"
        lines.append(f"| {label} | {u['rps']} | {u['rps'] / ceiling:.3f} | {u['p99_ms']} | {c['rps']} | "
                     f"**{c['rps'] / ceiling:.3f}** | {c['p99_ms']} | {gain} |")
    errors = sum(f["errors"] for p in report["pages"].values() for f in p.values())
    lines += ["", f"Answers other than 2xx/3xx: {errors}. Reproduce: `make bench` (or `.venv/bin/python -m "
              f"bench.page_cache_bench --products {report['products']} --seconds {report['seconds']}`; needs Debian's "
              "`wrk` and `redis-server`); `--products`, `--workers`, `--connections`, `--seconds`.",
              MARK_END]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
