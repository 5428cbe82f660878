"""The window measures: fresh processes (window_child.py) timed from Popen to the main window shown, and
their peak memory. Each child gets a throwaway HOME, XDG folders and MINELEDGER_HOME, with an operator set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.databases import BenchDatabase
from tests.benchmarks.measures import Bench
from tests.benchmarks.timing import Measure, median
from tests.benchmarks.window_child import RESULT_PREFIX, SHOWN_MARKER

CHILD = Path(__file__).resolve().with_name("window_child.py")
CHILD_TIMEOUT_S = 300


@dataclass
class ChildRun:
    shown_s: float  # Popen → the marker line read by the parent
    result: dict[str, Any]


def _child_env(scratch: Path) -> tuple[dict[str, str], Path]:
    """A throwaway HOME, XDG folders and MINELEDGER_HOME, with an operator already set (no prompt)."""
    root = Path(tempfile.mkdtemp(prefix="child-", dir=scratch))
    home = root / "mineledger"
    home.mkdir()
    # Written as Qt writes it (QSettings INI); ASCII, so no question of the file's encoding.
    (home / "settings.ini").write_text("[operator]\nname=bench\n", encoding="ascii")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        MINELEDGER_HOME=str(home),
        HOME=str(root),
        XDG_CONFIG_HOME=str(root / "config"),
        XDG_DATA_HOME=str(root / "data"),
        XDG_CACHE_HOME=str(root / "cache"),
    )
    return env, root


def run_child(mode: str, scratch: Path, db_path: Path | None = None, mine_id: int | None = None) -> ChildRun:
    args = [sys.executable, str(CHILD), mode]
    if db_path is not None:
        args += ["--db", str(db_path)]
    if mine_id is not None:
        args += ["--mine-id", str(mine_id)]
    env, _root = _child_env(scratch)
    began = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    shown: float | None = None
    result: dict[str, Any] = {}
    for line in proc.stdout:
        if shown is None and line.strip() == SHOWN_MARKER:
            shown = time.perf_counter() - began
        elif line.startswith(RESULT_PREFIX):
            result = json.loads(line[len(RESULT_PREFIX) :])
    try:
        _out, err = proc.communicate(timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
    if proc.returncode != 0 or shown is None or not result:
        raise RuntimeError(f"window child {mode} failed (exit {proc.returncode}):\n{err[-3000:]}")
    if mode != "bare" and not result.get("main_window"):
        raise RuntimeError(f"window child {mode}: the main window did not come up:\n{err[-3000:]}")
    return ChildRun(shown, result)


def _median_phases(runs: Sequence[ChildRun]) -> dict[str, float]:
    keys = runs[0].result.get("phases", {}).keys()
    return {k: round(median([r.result["phases"][k] for r in runs]), 4) for k in keys}


def measure_startup(bench: Bench, database: BenchDatabase) -> Measure:
    """Popen → main window shown, on the real entry point, against a bare window with an empty table."""
    runs = bench.runs_for()
    if runs > 1:  # the first start reads everything from disk; later ones are what a clerk sees
        run_child("bare", bench.scratch)
        run_child("app", bench.scratch, database.path)
    bare: list[ChildRun] = []
    app: list[ChildRun] = []
    for _ in range(runs):  # alternated, so a slow spell of the machine hits both sides alike
        bare.append(run_child("bare", bench.scratch))
        app.append(run_child("app", bench.scratch, database.path))
    return Measure(
        "startup",
        value=median([r.shown_s for r in app]),
        baseline=median([r.shown_s for r in bare]),
        runs=runs,
        baseline_what="bare PySide6 main window with one empty QTableView, fresh process",
        detail={
            "database": database.path.name,
            "mines": len(database.mine_ids),
            "samples_s": [round(r.shown_s, 4) for r in app],
            "baseline_samples_s": [round(r.shown_s, 4) for r in bare],
            "app_phases_s": _median_phases(app),
            "bare_phases_s": _median_phases(bare),
        },
    )


def measure_peak_memory(bench: Bench, database: BenchDatabase) -> Measure:
    """Peak RSS of a window on the database showing a mine's roster, beside a bare window's."""
    runs = bench.runs_for(slow=True)
    mine_id = database.mine_ids[0]
    app = [run_child("memory", bench.scratch, database.path, mine_id) for _ in range(runs)]
    bare = [run_child("bare", bench.scratch) for _ in range(runs)]
    mb = [r.result["maxrss_kib"] / 1024 for r in app]
    bare_mb = [r.result["maxrss_kib"] / 1024 for r in bare]
    return Measure(
        "peak_memory",
        value=median(mb),
        baseline=median(bare_mb),
        runs=runs,
        baseline_what="peak RSS of the bare PySide6 window",
        detail={
            "database": database.path.name,
            "mine_id": mine_id,
            "roster_rows": app[0].result.get("roster_rows"),
            "samples_mb": [round(x, 1) for x in mb],
        },
    )
