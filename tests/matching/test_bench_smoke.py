"""The matching benchmark on a tiny data set, in its own process (it sets its environment
as a deployment would): it runs, and what it reports holds — the fast ranking gives the
brute force's top 10 with the same scores, a second recomputation finds nothing new,
every meeting request is placed or left unscheduled (the scheduler agreeing with the
naive baseline is asserted by the script itself), and with --no-write nothing in the
checkout changes. The real run is `python -m bench.matching_bench`."""
import hashlib
import json
import os
import subprocess
from pathlib import Path

from tests.clock import python_command
from tests.conftest import SHARED_DATA_DIR

ROOT = Path(__file__).resolve().parents[2]


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def test_the_benchmark_runs_on_tiny_data_and_its_figures_hold(tmp_path):
    benchmarks, results = ROOT / "BENCHMARKS.md", ROOT / "bench" / "results"
    before = (_digest(benchmarks), results.exists())
    env = {**os.environ, "SHARED_DATA_DIR": SHARED_DATA_DIR, "INSTANCE_PATH": str(tmp_path / "instance")}
    result = subprocess.run(
        python_command("-m", "bench.matching_bench", "--offers", "600", "--demands", "60", "--new-demands", "5",
                       "--brute", "2", "--meetings", "40", "--no-write", "--workdir", str(tmp_path / "work"),
                       "--results", str(tmp_path / "r.json")),
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "<!-- matching-bench:start -->" in result.stdout and "Targets:" in result.stdout
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (report["data"]["offers"], report["data"]["demands"]) == (600, 60)
    assert report["indexes"]["documents"]["demands"] == 60 and 0 < report["indexes"]["documents"]["offers"] <= 600
    ranked = report["new_demands"]
    assert (ranked["n"], ranked["n_brute"]) == (5, 2) and ranked["with_matches"] > 0
    assert ranked["top10_overlap"] == 1.0 and ranked["same_top10_scores"] == 1.0  # the ranking is exact
    assert ranked["passed_p50"] <= ranked["considered_p50"]
    first, again = report["recompute"]["first"], report["recompute"]["again"]
    assert first["posts"] == again["posts"] == 65 and first["new"] == first["strong"] > 0
    assert again["strong"] == first["strong"] and again["new"] == 0  # a pair is announced once
    meetings = report["scheduling"]
    assert meetings["requests"] == 40 and meetings["scheduled"] + meetings["unscheduled"] == 40
    assert meetings["scheduled"] > 0
    assert (_digest(benchmarks), results.exists()) == before  # --no-write: the checkout is left alone
