"""The load benchmark's section of BENCHMARKS.md, written from its report (bench/load_bench.py):
throughput and latency per step, orders placed, and each web worker's memory through the run,
set against issue 15's targets."""

RSS_LIMIT_MB = 150
GROWTH_LIMIT = 0.10


def _growth(first, last):
    return (last - first) / first if first else 0.0


def memory_rows(samples):
    """Per worker alive at the end: RSS at its first reading (the workers fork one after the
    other, so a late one's first reading is after the start), after the first interval (warmed
    up), half-way and at the end; growth from each; the kernel's peak; PSS and USS at the end."""
    warm, half, end = (samples[min(1, len(samples) - 1)]["workers"], samples[len(samples) // 2]["workers"],
                       samples[-1]["workers"])
    rows = []
    for pid, last in end.items():
        first = next(s["workers"][pid] for s in samples if pid in s["workers"])
        warmed, middle = warm.get(pid, first), half.get(pid, first)
        rows.append({"pid": pid, "start": first["rss"], "warm": warmed["rss"], "half": middle["rss"],
                     "end": last["rss"], "growth_start": _growth(first["rss"], last["rss"]),
                     "growth_warm": _growth(warmed["rss"], last["rss"]),
                     "growth_half": _growth(middle["rss"], last["rss"]), "peak": last["hwm"],
                     "pss": last["pss"], "uss": last["uss"]})
    return rows


def replaced_workers(samples):
    """Workers read during the run and gone at its end (gunicorn replaced them)."""
    seen = set().union(*(s["workers"] for s in samples))
    return len(seen - set(samples[-1]["workers"]))


def verdicts(report):
    """The figures the targets are read on, and whether each is met."""
    total = next(s for s in report["steps"] if s["name"] == "all")
    errors = total["failures"] + report["server_errors"]
    rows = memory_rows(report["samples"])
    held = max((r["end"] for r in rows), default=0)
    peak = max((r["peak"] for r in rows), default=0)
    growth = max((r["growth_warm"] for r in rows), default=0)
    return {"errors": errors, "errors_ok": errors == 0, "held": held, "held_ok": 0 < held < RSS_LIMIT_MB,
            "peak": peak, "peak_ok": 0 < peak < RSS_LIMIT_MB, "growth": growth, "growth_ok": growth <= GROWTH_LIMIT,
            "total": total, "rows": rows}


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
    lines += [f"**Web workers' memory** (MB). RSS as `ps` shows it, read at the start (the workers just forked, "
              f"before their first request), after the first {interval} s, half-way and at the end; *peak*: the "
              "kernel's high-water mark of the worker's RSS (VmHWM), which catches what happens between two "
              "readings; PSS and USS at the end: the worker's share of the pages it shares with the master and "
              "the other workers, and what it holds alone.", "",
              "| worker | RSS at start | after the first interval | half-way | at the end | peak | growth from start "
              "| growth after the first interval | growth over the second half | PSS | USS |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for i, r in enumerate(v["rows"], 1):
        lines.append(f"| {i} | {r['start']} | {r['warm']} | {r['half']} | {r['end']} | {r['peak']} | "
                     f"{r['growth_start']:+.1%} | {r['growth_warm']:+.1%} | {r['growth_half']:+.1%} | {r['pss']} | "
                     f"{r['uss']} |")
    replaced = replaced_workers(report["samples"])
    if replaced:
        lines.append(f"\n{replaced} worker(s) replaced during the run (left out of the table).")
    if report.get("outbox_worker_rss_mb"):
        lines.append(f"\nThe outbox worker: {report['outbox_worker_rss_mb']} MB RSS at the end.")
    lines += ["", f"Targets: 0 errors — {v['errors']} ({_met(v['errors_ok'])}); every web worker under "
              f"{RSS_LIMIT_MB} MB RSS — {v['held']} MB at the end ({_met(v['held_ok'])}), peak {v['peak']} MB "
              f"({_met(v['peak_ok'])}); stable, no growth beyond {GROWTH_LIMIT:.0%} — at most {v['growth']:+.1%} "
              f"after the first interval ({_met(v['growth_ok'])}).", "",
              "Notes: the load generator plays the reverse proxy of `deploy/nginx` (which terminates HTTPS): each "
              "simulated person sends `X-Forwarded-Proto: https` and an `X-Forwarded-For` address of its own, and the "
              "site runs with `TRUSTED_PROXIES=1`, so the rate limits count per person as they do in production. "
              "They keep their production values (`LOGIN_RATE_LIMIT` 10 a minute, 50 an hour per address); no "
              "limit is raised or switched off for the run. Growth is given from the start and from the first "
              "interval (warmed up: templates compiled, the search engine's readers open, the preloaded pages the "
              "worker touches copied); the target is read on the second. A sign-in checks the password with "
              "scrypt (`PASSWORD_HASH_METHOD`, Werkzeug's n=2^15, r=8), which holds 32 MB for the time of the hash, "
              "per thread: the peak column includes it. Locust, PostgreSQL, Redis and "
              "the outbox worker share the 2 cores with gunicorn, so throughput is the whole machine's, not the "
              "web tier's alone.", "",
              "Reproduce: `make bench` (or `.venv/bin/python -m bench.load_bench`; `--seconds 30 --products 10000` for "
              "a quick check; `--users`, `--buyers`). The catalogue is generated once and kept under "
              "`bench/results/load/` as a pg_dump; `--fresh` makes it again. Raw figures: "
              "`bench/results/load-bench.json`.", end_mark, ""]
    return "\n".join(lines)
