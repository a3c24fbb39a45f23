"""The sustained-load benchmark (bench/load_bench.py) on a tiny catalogue for a few seconds:
the site in its production shape (PostgreSQL, Redis, gunicorn with deploy/gunicorn.conf.py,
the outbox worker) behind a simulated HTTPS proxy serves browsing, searching, signing in,
adding to the cart and checking out with cash on delivery without a single failure, every
buyer's order reaches the database, each web worker's memory is read, and with --no-write
nothing in the checkout changes. The recorded run is `make bench` (5 minutes at 100k).

The benchmark runs on the real clock in all of its processes (its PostgreSQL too), whatever
the suite's clock: marked undated, it is left out of the moved-clock runs, which would only
repeat it."""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA_DIR
from tests.pgcluster import find_pg_bin
from tests.redisserver import find_redis_server

ROOT = Path(__file__).resolve().parents[2]


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.mark.undated  # its processes keep the real clock (see above)
def test_a_short_load_on_the_production_shape_has_no_failure_and_every_buyer_orders(tmp_path):
    if find_pg_bin() is None or find_redis_server() is None:
        pytest.skip("PostgreSQL and redis-server (Debian packages) are needed; `make test` installs them")
    benchmarks = ROOT / "BENCHMARKS.md"
    before = _digest(benchmarks)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OCOP_TEST_CLOCK", "MEILI_"))}
    env["SHARED_DATA_DIR"] = SHARED_DATA_DIR
    result = subprocess.run(
        [sys.executable, "-m", "bench.load_bench", "--products", "400", "--buyers", "4", "--users", "8",
         "--spawn-rate", "8", "--workers", "2", "--seconds", "12", "--sample-every", "4", "--no-write",
         "--workdir", str(tmp_path / "work"), "--results", str(tmp_path / "load.json")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "<!-- load-bench:start -->" in result.stdout and "Targets: 0 errors — 0 (met)" in result.stdout
    report = json.loads((tmp_path / "load.json").read_text(encoding="utf-8"))
    steps = {s["name"]: s for s in report["steps"]}
    assert steps["all"]["failures"] == 0 and report["failures"] == [] and report["server_errors"] == 0
    for name in ("home", "search", "product page", "sign in", "add to cart", "checkout: place order (COD)"):
        assert steps[name]["requests"] > 0, name
    assert report["orders_after"] - report["orders_before"] >= 2  # the two buyers' first orders, at least
    assert report["workers"] == 2 and all(w["rss"] > 0 and w["hwm"] >= w["rss"]
                                          for w in report["samples"][-1]["workers"].values())
    assert _digest(benchmarks) == before
