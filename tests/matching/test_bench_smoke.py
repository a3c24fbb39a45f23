"""The matching benchmark runs end to end on a tiny data set, in its own process (it sets its
environment as a deployment would). The real run is `python -m bench.matching_bench`."""
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED_DATA_DIR

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_script_runs_on_tiny_data(tmp_path):
    env = {**os.environ, "SHARED_DATA_DIR": SHARED_DATA_DIR, "INSTANCE_PATH": str(tmp_path / "instance")}
    result = subprocess.run(
        [sys.executable, "-m", "bench.matching_bench", "--offers", "600", "--demands", "60", "--new-demands", "5",
         "--brute", "2", "--meetings", "40", "--no-write", "--workdir", str(tmp_path / "work"),
         "--results", str(tmp_path / "r.json")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "<!-- matching-bench:start -->" in result.stdout and "Targets:" in result.stdout
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["new_demands"]["n"] == 5 and report["scheduling"]["requests"] == 40
    assert report["new_demands"]["top10_overlap"] is not None
