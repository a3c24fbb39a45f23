"""The load benchmark's section of BENCHMARKS.md, written from its report (bench/load_bench.py):
throughput and latency per step, orders placed, and each web worker's memory through the run,
set against issue 15's targets."""

RSS_LIMIT_MB = 150
GROWTH_LIMIT = 0.10


def _growth(first, last):
    return (last - first) / first if first else 0.0


def memory_rows(samples):
    """Per worker present from start to end: RSS at the start, after the first interval
    (warmed up), at the end; growth from each; PSS and USS at the end."""
    start, warm, end = samples[0]["workers"], samples[1]["workers"] if len(samples) > 2 else samples[0]["workers"], \
        samples[-1]["workers"]
    rows = []
    for pid, first in start.items():
        pid = str(pid)
        if pid not in {str(p) for p in end}:
            continue
        last = {str(k): v for k, v in end.items()}[pid]
        warmed = {str(k): v for k, v in warm.items()}.get(pid, first)
        rows.append({"pid": pid, "start": first["rss"], "warm": warmed["rss"], "end": last["rss"],
                     "growth_start": _growth(first["rss"], last["rss"]),
                     "growth_warm": _growth(warmed["rss"], last["rss"]), "pss": last["pss"], "uss": last["uss"],
                     "peak": max(s["workers"].get(pid, s["workers"].get(int(pid), {"rss": 0}))["rss"]
                                 for s in samples)})
    return rows


def verdicts(report):
    """(errors, worst RSS, worst growth after warm-up) and whether each meets its target."""
    total = next(s for s in report["steps"] if s["name"] == "all")
    errors = total["failures"] + report["server_errors"]
    rows = memory_rows(report["samples"])
    peak = max((r["peak"] for r in rows), default=0)
    growth = max((r["growth_warm"] for r in rows), default=0)
    return {"errors": errors, "errors_ok": errors == 0, "peak_rss": peak, "rss_ok": 0 < peak < RSS_LIMIT_MB,
            "growth": growth, "growth_ok": growth <= GROWTH_LIMIT, "total": total, "rows": rows}


def _met(ok):
    return "met" if ok else "**not met**"


def render(report, start_mark, end_mark):
    m = report["machine"]
    v = verdicts(report)
    total = v["total"]
    interval = report["samples"][1]["t"] if len(report["samples"]) > 2 else report["seconds"]
    lines = [start_mark, "## Sustained load (`bench/load_bench.py`)", "",
             f"Run {report['when']} on {m['cpus']} cores ({m['cpu']}), Python {m['python']}; load average at start "
             f"{m['load_average']}. Catalogue: {report['products']:,} synthetic products ({report['public']:,} public), "
             f"{report['buyers']} buyer accounts, on {report['postgresql']}; {report['redis']}.", "",
             "The production shape: gunicorn with `deploy/gunicorn.conf.py` as it stands "
             f"({report['workers']} workers of 2 threads, the application preloaded), `APP_ENV=production`, the page "
             "cache and the rate limits in Redis, the embedded search engine, and the outbox worker (`flask worker`) "
             "forgetting the cached pages that orders change. The load: "
             f"{report['locust']} headless on the same machine, {report['users']} simulated people for "
             f"{report['seconds']} s (started at {report['spawn_rate']:g} a second), three anonymous visitors for each "
             "buyer, 1–3 s between steps (`bench/locustfile.py`: home, catalogue pages with and without filters, "
             "province and group pages, searches with short generic words and with product names, product pages, "
             "events and programme, the read API; buyers sign in, add to the cart from the product page's form, "
             "check out with cash on delivery, and now and then sign out and in again). Every answer is checked for "
             "what a person would see (the product added, the order's page reached), not only its status.", "",
             "| step | requests | failures | req/s | p50 ms | p95 ms | p99 ms |", "|---|---:|---:|---:|---:|---:|---:|"]
    for s in report["steps"]:
        name = "**all**" if s["name"] == "all" else s["name"]
        lines.append(f"| {name} | {s['requests']:,} | {s['failures']} | {s['rps']:.1f} | {s['p50']:,.0f} | "
                     f"{s['p95']:,.0f} | {s['p99']:,.0f} |")
    placed = report["orders_after"] - report["orders_before"]
    lines += ["", f"Throughput {total['rps']:.1f} requests/s, p99 {total['p99']:,.0f} ms over {total['requests']:,} "
              f"requests; {total['failures']} failed, {report['server_errors']} answers 5xx in gunicorn's access log, "
              f"{report['worker_timeouts']} worker time-outs. Orders placed (counted in the database): {placed:,}.", ""]
    if report["failures"]:
        lines += ["Failures: " + "; ".join(f"{f['name']}: {f['error']} ×{f['count']}" for f in report["failures"]),
                  ""]
    lines += [f"**Web workers' memory** (MB; RSS as `ps` shows it, read at the start, every {interval} s and at the "
              "end; PSS and USS at the end: the worker's share of the pages it shares with the master and the "
              "others, and what it holds alone).", "",
              "| worker | RSS at start | RSS after the first interval | RSS at the end | peak | growth from start "
              "| growth after the first interval | PSS at the end | USS at the end |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for i, r in enumerate(v["rows"], 1):
        lines.append(f"| {i} | {r['start']} | {r['warm']} | {r['end']} | {r['peak']} | {r['growth_start']:+.1%} | "
                     f"{r['growth_warm']:+.1%} | {r['pss']} | {r['uss']} |")
    if report.get("outbox_worker_rss_mb"):
        lines.append(f"\nThe outbox worker: {report['outbox_worker_rss_mb']} MB RSS at the end.")
    lines += ["", f"Targets: 0 errors — {v['errors']} ({_met(v['errors_ok'])}); every web worker under "
              f"{RSS_LIMIT_MB} MB RSS — peak {v['peak_rss']} MB ({_met(v['rss_ok'])}); stable memory, no growth "
              f"beyond {GROWTH_LIMIT:.0%} — at most {v['growth']:+.1%} after the first interval "
              f"({_met(v['growth_ok'])}).", "",
              "Notes: the load generator plays the reverse proxy of `deploy/nginx` (which terminates HTTPS): each "
              "simulated person sends `X-Forwarded-Proto: https` and an `X-Forwarded-For` address of its own, and the "
              "site runs with `TRUSTED_PROXIES=1`, so the rate limits count per person as they do in production. "
              "They keep their production values (`LOGIN_RATE_LIMIT` 10 a minute, 50 an hour per address); no "
              "limit is raised or switched off for the run. Growth is given from the start (the workers just "
              "forked, before their first request) and from the first interval (warmed up: templates compiled, "
              "the search engine's readers open); the target is read on the second. Locust, PostgreSQL, Redis and "
              "the outbox worker share the 2 cores with gunicorn, so throughput is the whole machine's, not the "
              "web tier's alone.", "",
              "Reproduce: `make bench` (or `.venv/bin/python -m bench.load_bench`; `--seconds 30 --products 10000` for "
              "a quick check; `--users`, `--buyers`). The catalogue is generated once and kept under "
              "`bench/results/load/` as a pg_dump; `--fresh` makes it again. Raw figures: "
              "`bench/results/load-bench.json`.", end_mark, ""]
    return "\n".join(lines)
