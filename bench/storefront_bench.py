"""Storefront pages on a large catalogue: served through the search engine (as the
site does) against the database path (SEARCH_ENGINE=database, the fallback),
measured in the same run on the same data, in process with the test client.

    .venv/bin/python -m bench.storefront_bench            # reuses bench/results/search-bench/
    .venv/bin/python -m bench.storefront_bench --samples 5 --no-write

The catalogue and index are the search benchmark's (`bench.search_bench` builds them
first when missing). Figures go into BENCHMARKS.md between the storefront markers.
"""
import argparse
import os
import secrets
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.search_bench import RESULTS, machine, percentile, write_benchmarks

MARK_START = "<!-- storefront-bench:start -->"
MARK_END = "<!-- storefront-bench:end -->"
PAGES = [
    ("home", "/"),
    ("catalogue", "/products"),
    ("catalogue, 4 stars and up", "/products?stars=4"),
    ("catalogue by stars", "/products?sort=stars"),
    ("province, 3 stars, by price", "/products?province=ben-tre&stars=3&sort=price_asc"),
    ("a group", "/categories/thuc-pham"),
    ("a province page", "/provinces/vinh-long"),
    ("a product page", "{product}"),
    ("API, 5 stars by stars", "/api/v1/products?stars=5&sort=stars"),
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default=str(RESULTS / "search-bench"))
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--no-write", action="store_true")
    return parser.parse_args(argv)


def _time_pages(app, product_url, samples):
    client = app.test_client()
    figures = {}
    for label, url in PAGES:
        url = url.format(product=product_url)
        assert client.get(url).status_code == 200, url  # warm up, and the page must work
        runs = []
        for _ in range(samples):
            started = time.perf_counter()
            client.get(url)
            runs.append((time.perf_counter() - started) * 1000)
        figures[label] = {"p50": round(percentile(runs, 50), 1), "p95": round(percentile(runs, 95), 1)}
    return figures


def render(report):
    lines = [MARK_START, "## Storefront pages (`bench/storefront_bench.py`)", "",
             f"Run {report['when']} on {report['machine']['cpus']} cores, {report['products']:,} products "
             f"(the search benchmark's catalogue), in process with Flask's test client, "
             f"{report['samples']} requests per page; milliseconds. *Engine*: the site as it runs "
             "(listings, facets, home and related products through the embedded engine, rows read back from "
             "SQLite). *Database*: the same pages with `SEARCH_ENGINE=database`, the fallback used when the "
             "engine is down (correlated star subqueries, grouped facet counts).", "",
             "| page | engine p50 | engine p95 | database p50 | database p95 | database ÷ engine (p50) |",
             "|---|---:|---:|---:|---:|---:|"]
    for label, _url in PAGES:
        e, d = report["engine"][label], report["database"][label]
        ratio = f"{d['p50'] / e['p50']:.0f}×" if e["p50"] else "–"
        lines.append(f"| {label} | {e['p50']} | **{e['p95']}** | {d['p50']} | {d['p95']} | {ratio} |")
    lines += ["", "Reproduce: `.venv/bin/python -m bench.storefront_bench` (after `bench.search_bench`, "
              "whose catalogue and index it reuses).", MARK_END]
    return "\n".join(lines) + "\n"


def main(argv=None):
    args = parse_args(argv)
    work = Path(args.workdir)
    if not (work / "catalogue.sqlite3").exists() or not (work / "index").exists():
        from bench import search_bench
        search_bench.main(["--no-write"])
    os.environ.update({"APP_ENV": "production", "SECRET_KEY": secrets.token_hex(16),
                       "DATABASE_URL": f"sqlite:///{work / 'catalogue.sqlite3'}",
                       "SEARCH_INDEX_DIR": str(work / "index"), "MEDIA_ROOT": str(work / "media"),
                       "OUTBOX_DRAIN_AFTER_REQUEST": "0",
                       # in process with the test client (Host: localhost); limits are not measured
                       "SITE_URL": "http://localhost", "TRUSTED_HOSTS": "localhost,127.0.0.1",
                       "TRUSTED_PROXIES": "0", "FORCE_HTTPS": "0", "RATELIMIT_ENABLED": "0"})
    os.environ.pop("MEILI_URL", None)

    from flask_migrate import upgrade

    from marketplace import create_app
    from marketplace.catalog.models import Producer, Product, ProductStatus
    from marketplace.extensions import db

    report = {"when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
              "samples": args.samples}
    for engine in ("embedded", "database"):
        app = create_app("production", overrides={"SEARCH_ENGINE": engine})
        with app.app_context():
            upgrade()  # the catalogue may predate the latest migrations
            product = db.session.execute(db.select(Product).join(Product.producer).where(
                Product.status == ProductStatus.ACTIVE, Producer.verified.is_(True)).limit(1)).scalar_one()
            report["products"] = db.session.execute(db.select(db.func.count(Product.id))).scalar_one()
            product_url = f"/products/{product.slug}"
        report["engine" if engine == "embedded" else "database"] = _time_pages(app, product_url, args.samples)
        print(engine, report["engine" if engine == "embedded" else "database"])
    section = render(report)
    print(section)
    if not args.no_write:
        write_benchmarks(section, MARK_START, MARK_END)


if __name__ == "__main__":
    main()
