"""MineLedger benchmark: measure, report the median beside a baseline taken in the same run. Asserts nothing.

    .venv/bin/python tests/benchmarks/run.py [--size small|office|county] [--json FILE] [--runs N]
                                             [--seed S] [--keep-db DIR] [--markdown FILE]

Sizes (db/generator.py): *office* is one mine of 3,000 people with three years of history, *county* forty
such mines (120,000 people). At size office the county measures (roster, all mines' findings, peak memory)
are left out; at size county the office measures use the county database's first mine, which is office
sized; size small runs every measure on the small data (for tests/test_benchmark.py, not for figures).

Generated databases are cached in the system temporary folder (or --keep-db DIR), so only the first run of
a size pays for generating it; any measure that writes works on a copy. Exit status 1 means a measure broke,
never that a target was missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
# Before Qt loads anywhere (the roster measure builds a Qt table model in this process).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks import measures as m  # noqa: E402
from tests.benchmarks import windows  # noqa: E402
from tests.benchmarks.databases import (  # noqa: E402
    BenchDatabase,
    existing_database,
    generated_database,
)
from tests.benchmarks.report import markdown, table, to_json  # noqa: E402
from tests.benchmarks.timing import Measure  # noqa: E402

DEFAULT_SEED = 20261123
SIZES = ("small", "office", "county")
# Rows of the generated import file: 10,000 for the figures, fewer for the quick check at size small.
IMPORT_ROWS = {"small": 500, "office": 10_000, "county": 10_000}
PDF_ROWS = 5_000


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="run.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--size", choices=SIZES, default="office", help="data size (default office)")
    p.add_argument("--json", metavar="FILE", type=Path, help="write the results as one JSON object")
    p.add_argument("--markdown", metavar="FILE", type=Path, help="write the results as Markdown (RESULTS.md)")
    p.add_argument("--runs", type=int, metavar="N", help="runs per measure (default 5, 3 for slow ones)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"generator seed (default {DEFAULT_SEED})")
    p.add_argument("--keep-db", metavar="DIR", type=Path, help="cache generated databases here")
    p.add_argument("--db", metavar="FILE", type=Path, help="measure this database instead of a generated one")
    p.add_argument("--only", metavar="KEYS", help="comma-separated measure keys (for profiling one measure)")
    args = p.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        p.error("--runs must be at least 1")
    return args


def machine() -> dict[str, Any]:
    import openpyxl
    import PySide6
    import reportlab
    import sqlalchemy
    from PySide6.QtCore import qVersion

    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
        "reportlab": reportlab.Version,
        "openpyxl": openpyxl.__version__,
    }


def commit_id() -> str | None:
    """HEAD, with "+changes" when tracked files differ from it (read-only git plumbing)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
        )
        changed = subprocess.run(["git", "diff-index", "--quiet", "HEAD", "--"], cwd=REPO, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    commit = head.stdout.strip()
    return f"{commit}+changes" if commit and changed.returncode == 1 else commit or None


def databases(args: argparse.Namespace) -> tuple[BenchDatabase, BenchDatabase | None]:
    """(the database of the office measures, the county measures' or None)."""
    if args.db is not None:
        custom = existing_database(args.db.expanduser().resolve())
        return custom, custom

    def say(msg: str) -> None:
        print(msg, flush=True)

    if args.size == "office":
        return generated_database("office", args.seed, args.keep_db, say), None
    data = generated_database(args.size, args.seed, args.keep_db, say)
    return data, data  # county: every county mine is office sized; small: everything on the small data


def plan(bench: m.Bench) -> list[tuple[tuple[str, ...], Callable[[], Measure | tuple[Measure, ...]]]]:
    office, county = bench.office, bench.county
    steps: list[tuple[tuple[str, ...], Callable[[], Measure | tuple[Measure, ...]]]] = [
        # A county office opens its county database; an office its own.
        (("startup",), lambda: windows.measure_startup(bench, county or office)),
        (("findings_one_mine",), lambda: m.measure_findings_one_mine(bench, office)),
        (("drill_coverage_month",), lambda: m.measure_drill_coverage(bench, office)),
        (("hazard_ledger_pdf",), lambda: m.measure_hazard_ledger_pdf(bench, office)),
        (("roster_import",), lambda: m.measure_roster_import(bench, office)),
    ]
    if county is not None:
        steps += [
            (("roster_first_page", "roster_search_keystroke"), lambda: m.measure_roster(bench, county)),
            (("findings_all_mines",), lambda: m.measure_findings_all_mines(bench, county)),
            (("peak_memory",), lambda: windows.measure_peak_memory(bench, county)),
        ]
    return steps


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now()
    office, county = databases(args)
    scratch = Path(tempfile.mkdtemp(prefix="mineledger-bench-run-"))
    only = set(args.only.split(",")) if args.only else None
    bench = m.Bench(
        size=args.size if args.db is None else "custom",
        office=office,
        county=county,
        scratch=scratch,
        runs=args.runs,
        import_rows=IMPORT_ROWS[args.size],
        pdf_rows=PDF_ROWS,
    )
    results: dict[str, Measure] = {}
    errors: dict[str, str] = {}
    try:
        for keys, step in plan(bench):
            if only is not None and not only & set(keys):
                continue
            print(f"measuring {', '.join(keys)} …", flush=True)
            try:
                got = step()
            except Exception as exc:  # one broken measure must not hide the others' figures
                traceback.print_exc()
                for key in keys:
                    errors[key] = f"{type(exc).__name__}: {exc}"
                continue
            for measure in got if isinstance(got, tuple) else (got,):
                results[measure.key] = measure
                print(f"  {measure.key}: {measure.value:.4g} {measure.unit}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    if county is None or county is office:
        used = {bench.size: office}
    else:
        used = {"office": office, "county": county}
    meta = {
        "size": bench.size,
        "seed": args.seed,
        "runs": args.runs,
        "date": started.isoformat(timespec="seconds"),
        "command": shlex.join([".venv/bin/python", "tests/benchmarks/run.py", *(argv or sys.argv[1:])]),
        "commit": commit_id(),
        "machine": machine(),
        "databases": {role: {**d.describe(), "name": d.path.name} for role, d in used.items()},
        "import_rows": bench.import_rows,
        "pdf_rows": bench.pdf_rows,
    }
    document = to_json(results, meta, errors)
    print()
    print(table(results))
    print()
    print(json.dumps(document, ensure_ascii=False, indent=1))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.markdown is not None:
        args.markdown.write_text(markdown(results, meta, errors), encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
