"""The benchmark script runs to the end and writes a well-formed JSON object. Correctness only: no timing is
asserted here (figures depend on the machine; tests/benchmarks/RESULTS.md records them)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "tests" / "benchmarks" / "run.py"
UNITS = {
    "startup": "s",
    "roster_first_page": "ms",
    "roster_search_keystroke": "ms",
    "findings_one_mine": "ms",
    "findings_all_mines": "s",
    "drill_coverage_month": "ms",
    "hazard_ledger_pdf": "s",
    "roster_import": "s",
    "peak_memory": "MB",
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "results.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--size", "small", "--runs", "1", "--json", str(out),
         "--keep-db", str(folder / "cache")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return json.loads(out.read_text(encoding="utf-8"))


def test_every_measure_has_a_positive_figure_in_its_unit(results: dict) -> None:
    measures = {k: v for k, v in results.items() if not k.startswith("_")}
    assert set(measures) == set(UNITS)
    for key, unit in UNITS.items():
        entry = measures[key]
        assert set(entry) == {"value", "unit", "baseline", "ratio"}, key
        assert entry["unit"] == unit, key
        assert isinstance(entry["value"], int | float) and entry["value"] > 0, key


def test_ratios_agree_with_value_over_baseline(results: dict) -> None:
    for key in UNITS:
        entry = results[key]
        if entry["baseline"] is None:
            assert entry["ratio"] is None, key
            continue
        assert entry["baseline"] > 0, key
        assert math.isclose(entry["ratio"], entry["value"] / entry["baseline"], rel_tol=1e-3), key


def test_meta_says_what_was_measured_where(results: dict) -> None:
    meta = results["_meta"]
    assert meta["size"] == "small"
    assert meta["machine"]["cpu_count"]
    assert "_errors" not in results
