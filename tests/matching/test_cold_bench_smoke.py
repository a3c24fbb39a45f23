"""The cold-start benchmark on a tiny data set, in its own process: both gunicorn servers start,
a signed-in buyer's first matching request is answered by each, a worker forked from a master
that loaded the tables answers exactly what a worker that loads its own answers (also after
the master replaced it), and with --no-write nothing in the checkout changes. No timing is
asserted; the real run is `python -m bench.matching_cold_bench`."""
import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.clock import python_command
from tests.conftest import SHARED_DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.undated  # inheriting the tables takes no day, and its gunicorn servers keep the real clock


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def test_a_worker_of_a_preloading_master_answers_as_one_that_loads_its_own(tmp_path):
    benchmarks, results = ROOT / "BENCHMARKS.md", ROOT / "bench" / "results"
    before = (_digest(benchmarks), results.exists())
    env = {**os.environ, "SHARED_DATA_DIR": SHARED_DATA_DIR, "INSTANCE_PATH": str(tmp_path / "instance")}
    result = subprocess.run(
        python_command("-m", "bench.matching_cold_bench", "--offers", "400", "--demands", "40", "--no-write",
                       "--workdir", str(tmp_path / "work"), "--results", str(tmp_path / "r.json")),
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "<!-- matching-cold:start -->" in result.stdout
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["baseline"]["ranking"], "the buyer's demand has matches to compare"
    assert report["same_ranking"] and report["preloaded"]["replacement_same"]
    assert (_digest(benchmarks), results.exists()) == before  # --no-write: the checkout is left alone
