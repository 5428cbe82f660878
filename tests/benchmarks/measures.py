"""The in-process measures: each returns its median beside a baseline taken in the same run and machine.

Every figure is the median of several runs (wall clock). Fast measures make one untimed call first (imports,
caches, the OS page cache), so they show what a clerk sees once the window is up. The window measures, in
fresh processes, are in windows.py.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from db import clock
from db.engine import Database, open_database
from tests.benchmarks.databases import BENCH_OPERATOR, BenchDatabase, copy_database, one_mine_database
from tests.benchmarks.timing import Measure, median, repeat, seconds_of

VISIBLE_ROWS = 40  # rows a roster shows on a 1366×768 laptop, give or take


@dataclass
class Bench:
    """What the measures share: the databases, the run counts and a scratch folder."""

    size: str
    office: BenchDatabase  # office measures: its first mine
    county: BenchDatabase | None  # county measures (None: the size has none)
    scratch: Path
    runs: int | None = None  # --runs: every measure runs this often
    import_rows: int = 10_000
    pdf_rows: int = 5_000

    def runs_for(self, slow: bool = False) -> int:
        return self.runs or (3 if slow else 5)

    @contextlib.contextmanager
    def open(self, database: BenchDatabase) -> Iterator[Database]:
        db = open_database(database.path)
        try:
            yield db
        finally:
            db.close()


@contextlib.contextmanager
def bare_sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path)
    try:
        yield conn
    finally:
        conn.close()


# ------------------------------------------------------------------------------------------------- roster


def _roster_model(db: Database, mine_id: int | None) -> tuple[Any, Any]:
    from desktop.tablemodels.lazy import ColumnSpec, LazyTableModel
    from desktop.tablemodels.roster import SORT_COLUMNS, RosterFilter, RosterSource

    try:  # the roster tab's colouring of people who left, as the window paints it
        from desktop.views.roster_tab import muted_when_not_active as decorate
    except ImportError:
        decorate = None

    flt = RosterFilter(mine_id=mine_id)  # type: ignore[arg-type]  # None: all mines, where supported
    columns = [ColumnSpec(key, key) for key in SORT_COLUMNS]
    model = LazyTableModel(db, RosterSource(flt), columns, decorate)
    return model, flt


def _paint_roles() -> tuple[Any, ...]:
    from PySide6.QtCore import Qt

    r = Qt.ItemDataRole
    # What QStyledItemDelegate asks of every visible cell when the table paints.
    return (
        r.DisplayRole,
        r.DecorationRole,
        r.FontRole,
        r.TextAlignmentRole,
        r.ForegroundRole,
        r.BackgroundRole,
        r.CheckStateRole,
    )


def _refresh_and_first_page(model: Any, roles: tuple[Any, ...]) -> None:
    model.refresh()
    for row in range(min(VISIBLE_ROWS, model.rowCount())):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            for role in roles:
                model.data(index, role)


def _all_mines_supported(db: Database) -> bool:
    """Whether RosterFilter(mine_id=None) means every mine (it may be added later)."""
    try:
        model, _flt = _roster_model(db, None)
        model.refresh()
        return model.rowCount() > 0
    except Exception:
        return False


def _search_words(conn: sqlite3.Connection, mine_id: int | None) -> tuple[str, str]:
    """The commonest surname, and the commonest two first characters under it: what a clerk types."""
    where, args = ("WHERE mine_id = ?", (mine_id,)) if mine_id is not None else ("", ())
    one = conn.execute(
        f"SELECT substr(name, 1, 1) c FROM person {where} GROUP BY c ORDER BY count(*) DESC, c LIMIT 1", args
    ).fetchone()[0]
    two = conn.execute(
        f"SELECT substr(name, 1, 2) c FROM person {where} {'AND' if where else 'WHERE'} name LIKE ? "
        "GROUP BY c ORDER BY count(*) DESC, c LIMIT 1",
        (*args, one + "%"),
    ).fetchone()[0]
    return one, two


def _bare_page(conn: sqlite3.Connection, mine_id: int | None, search: str = "") -> None:
    from desktop.tablemodels.lazy import PAGE

    clauses, args = [], []
    if mine_id is not None:
        clauses.append("mine_id = ?")
        args.append(mine_id)
    if search:
        clauses.append("(name LIKE ? OR id_number LIKE ?)")
        args += [f"%{search}%"] * 2
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    ids = [row[0] for row in conn.execute(f"SELECT id FROM person {where} ORDER BY name", args)]
    page = ids[:PAGE]  # the lazy model reads one page of rows on the first paint
    conn.execute(f"SELECT * FROM person WHERE id IN ({','.join('?' * len(page))})", page).fetchall()


def _roster_case(bench: Bench, db: Database, conn: sqlite3.Connection, mine_id: int | None) -> dict[str, Any]:
    runs = bench.runs_for()
    roles = _paint_roles()
    model, flt = _roster_model(db, mine_id)
    one, two = _search_words(conn, mine_id)
    first = repeat(lambda: _refresh_and_first_page(model, roles), runs)
    rows = model.rowCount()

    def typed(word: str) -> Callable[[], None]:
        def run() -> None:
            flt.search = word
            _refresh_and_first_page(model, roles)

        return run

    keystrokes = {}
    for word in (one, two):
        keystrokes[word] = repeat(typed(word), runs)
        keystrokes[word + ":rows"] = model.rowCount()
    flt.search = ""
    bare_first = repeat(lambda: _bare_page(conn, mine_id), runs)
    bare_keys = {word: repeat(lambda word=word: _bare_page(conn, mine_id, word), runs) for word in (one, two)}
    worst_word = max((one, two), key=lambda w: median(keystrokes[w]))
    return {
        "mine_id": mine_id,
        "rows": rows,
        "first_page_ms": median(first) * 1000,
        "first_page_bare_ms": median(bare_first) * 1000,
        "keystroke_ms": median(keystrokes[worst_word]) * 1000,
        "keystroke_bare_ms": median(bare_keys[worst_word]) * 1000,
        "keystrokes": {
            w: {
                "ms": round(median(keystrokes[w]) * 1000, 2),
                "bare_ms": round(median(bare_keys[w]) * 1000, 2),
                "rows": keystrokes[w + ":rows"],
            }
            for w in (one, two)
        },
    }


def measure_roster(bench: Bench, database: BenchDatabase) -> tuple[Measure, Measure]:
    """Refresh + first page of the lazy roster, and a search keystroke, for one mine (and all mines)."""
    runs = bench.runs_for()
    with bench.open(database) as db, bare_sqlite(database.path) as conn:
        cases = [_roster_case(bench, db, conn, database.mine_ids[0])]
        all_mines = _all_mines_supported(db)
        if all_mines:
            cases.append(_roster_case(bench, db, conn, None))
    worst_first = max(cases, key=lambda c: c["first_page_ms"])
    worst_key = max(cases, key=lambda c: c["keystroke_ms"])

    def rounded(case: dict[str, Any]) -> dict[str, Any]:
        return {k: round(v, 2) if isinstance(v, float) else v for k, v in case.items()}

    detail = {
        "all_mines_measured": all_mines,
        "visible_rows": VISIBLE_ROWS,
        "cases": [rounded(c) for c in cases],
    }
    bare = "bare sqlite3: SELECT id FROM person WHERE mine_id=? ORDER BY name, then one page of rows"
    return (
        Measure(
            "roster_first_page",
            value=worst_first["first_page_ms"],
            baseline=worst_first["first_page_bare_ms"],
            runs=runs,
            baseline_what=bare,
            detail={**detail, "worst": "all mines" if worst_first["mine_id"] is None else "one mine"},
        ),
        Measure(
            "roster_search_keystroke",
            value=worst_key["keystroke_ms"],
            baseline=worst_key["keystroke_bare_ms"],
            runs=runs,
            baseline_what=bare + ", with the same name/ID LIKE",
            detail={"worst": "all mines" if worst_key["mine_id"] is None else "one mine"},
        ),
    )


# ----------------------------------------------------------------------------------------------- findings

# The tables the rules read, counted for one mine: the least any check of them has to touch.
_COUNTS = (
    "SELECT count(*) FROM person WHERE mine_id = :m",
    "SELECT count(*) FROM person_status_change c JOIN person p ON p.id = c.person_id WHERE p.mine_id = :m",
    "SELECT count(*) FROM drill_result r JOIN drill_session s ON s.id = r.session_id WHERE s.mine_id = :m",
    "SELECT count(*) FROM training_attendance a JOIN training_session s ON s.id = a.session_id "
    "WHERE s.mine_id = :m",
    "SELECT count(*) FROM certificate c JOIN person p ON p.id = c.person_id WHERE p.mine_id = :m",
    "SELECT count(*) FROM hazard WHERE mine_id = :m",
)


def _count_tables(conn: sqlite3.Connection, mine_id: int) -> None:
    for sql in _COUNTS:
        conn.execute(sql, {"m": mine_id}).fetchone()


def measure_findings_one_mine(bench: Bench, database: BenchDatabase) -> Measure:
    from db.rules.runner import findings_for_mine

    runs = bench.runs_for()
    mine_id = database.mine_ids[0]
    with bench.open(database) as db, bare_sqlite(database.path) as conn:
        found = len(findings_for_mine(db, mine_id))
        ours = repeat(lambda: findings_for_mine(db, mine_id), runs)
        bare = repeat(lambda: _count_tables(conn, mine_id), runs)
    return Measure(
        "findings_one_mine",
        value=median(ours) * 1000,
        baseline=median(bare) * 1000,
        runs=runs,
        baseline_what="bare sqlite3 count(*) of each table the rules read, for the mine",
        detail={"mine_id": mine_id, "findings": found},
    )


def measure_findings_all_mines(bench: Bench, database: BenchDatabase) -> Measure:
    from db.rules.runner import PARALLEL_FROM, findings_for_mines

    runs = bench.runs_for(slow=True)
    mines = database.mine_ids
    with bench.open(database) as db, bare_sqlite(database.path) as conn:
        # As `mineledger check --all` does it: worker processes (one per core, at most four) for a county file.
        ours = repeat(lambda: findings_for_mines(db, mines), runs, warmup=False)
        bare = repeat(lambda: [_count_tables(conn, m) for m in mines], runs)
    return Measure(
        "findings_all_mines",
        value=median(ours),
        baseline=median(bare),
        runs=runs,
        baseline_what="bare sqlite3 count(*) of each table the rules read, every mine in turn",
        detail={
            "mines": len(mines),
            "per_mine_ms": round(median(ours) / len(mines) * 1000, 1),
            "worker_processes": min(4, os.cpu_count() or 1) if len(mines) >= PARALLEL_FROM else 1,
        },
    )


# ------------------------------------------------------------------------------------------------- drills


def _bare_month(conn: sqlite3.Connection, mine_id: int, start: date, end: date) -> None:
    conn.execute(
        "SELECT r.person_id, r.seconds, r.passed FROM drill_result r JOIN drill_session s "
        "ON s.id = r.session_id WHERE s.mine_id = ? AND s.held_on BETWEEN ? AND ?",
        (mine_id, start.isoformat(), end.isoformat()),
    ).fetchall()
    conn.execute("SELECT id, name FROM person WHERE mine_id = ? AND underground = 1", (mine_id,)).fetchall()


def measure_drill_coverage(bench: Bench, database: BenchDatabase) -> Measure:
    """The 月度覆盖 tab's month (desktop.views.drill_data.month_summary) for the last complete month."""
    from db.rules.drills import month_bounds, previous_month
    from desktop.views.drill_data import month_summary

    runs = bench.runs_for()
    mine_id = database.mine_ids[0]
    today = clock.today()
    year, month = previous_month(today.year, today.month)
    start, end = month_bounds(year, month)
    with bench.open(database) as db, bare_sqlite(database.path) as conn:
        summary = month_summary(db, mine_id, year, month, today)
        ours = repeat(lambda: month_summary(db, mine_id, year, month, today), runs)
        bare = repeat(lambda: _bare_month(conn, mine_id, start, end), runs)
    return Measure(
        "drill_coverage_month",
        value=median(ours) * 1000,
        baseline=median(bare) * 1000,
        runs=runs,
        baseline_what="bare sqlite3: the month's drill results and the underground roster",
        detail={
            "mine_id": mine_id,
            "month": f"{year}-{month:02}",
            "underground_people": len(summary.lines) if summary else 0,
        },
    )


# -------------------------------------------------------------------------------------------------- print

BARE_FONT = "BenchCJK"


def _bare_ledger_pdf(
    target: Path, header: Sequence[str], rows: Sequence[Sequence[str]], widths: list[float]
) -> int:
    """The same strings in a plain ReportLab LongTable of Paragraphs: what a form costs without our layout."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    from desktop.printing.layout import (
        BODY_LEADING,
        BODY_SIZE,
        MARGIN_BOTTOM,
        MARGIN_TOP,
        MARGIN_X,
        PAD_X,
        PAD_Y,
    )

    style = ParagraphStyle(
        "cell", fontName=BARE_FONT, fontSize=BODY_SIZE, leading=BODY_LEADING, wordWrap="CJK"
    )

    def para(text: str) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    data = [[para(h) for h in header], *([para(c) for c in row] for row in rows)]
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
                ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
            ]
        )
    )
    doc = SimpleDocTemplate(
        str(target),
        pagesize=landscape(A4),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        initialFontName=BARE_FONT,
    )
    doc.build([table])
    return doc.page


def _register_bare_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from resources import resource_path

    if BARE_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(
            TTFont(BARE_FONT, str(resource_path("fonts", "wqy-microhei.ttc")), subfontIndex=0)
        )


def measure_hazard_ledger_pdf(bench: Bench, database: BenchDatabase) -> Measure:
    """隐患排查治理台账 of up to pdf_rows hazards (hazard_ledger_form → build_pdf) against a bare LongTable."""
    from reportlab.lib.pagesizes import A4, landscape

    from db.reports.hazards import hazard_ledger
    from desktop.printing.hazard_ledger import hazard_ledger_form
    from desktop.printing.layout import MARGIN_X, build_pdf, register_font

    runs = bench.runs_for(slow=True)
    mine_id = database.mine_ids[0]
    today = clock.today()
    with bench.open(database) as db:
        query_s = seconds_of(lambda: hazard_ledger(db, mine_id, date(2000, 1, 1), today))
        ledger = hazard_ledger(db, mine_id, date(2000, 1, 1), today)
    ledger = replace(ledger, lines=ledger.lines[: bench.pdf_rows])
    printed_at = datetime.combine(today, datetime.min.time())
    form = hazard_ledger_form(ledger, printed_at)
    total = sum(c.width for c in form.columns)
    frame_w = landscape(A4)[0] - 2 * MARGIN_X
    widths = [frame_w * c.width / total for c in form.columns]
    header = [c.header for c in form.columns]
    # Both fonts are parsed before the clock starts: a process pays that once, not per form.
    register_font()
    _register_bare_font()
    out = bench.scratch / "pdf"
    out.mkdir(exist_ok=True)
    pages: dict[str, int] = {}

    def ours() -> None:
        pages["ours"] = build_pdf(out / "ours.pdf", hazard_ledger_form(ledger, printed_at))

    def bare() -> None:
        pages["bare"] = _bare_ledger_pdf(out / "bare.pdf", header, form.rows, widths)

    ours_s: list[float] = []
    bare_s: list[float] = []
    for _ in range(runs):  # alternated, so a slow spell hits both sides alike
        ours_s += repeat(ours, 1, warmup=False)
        bare_s += repeat(bare, 1, warmup=False)
    return Measure(
        "hazard_ledger_pdf",
        value=median(ours_s),
        baseline=median(bare_s),
        runs=runs,
        baseline_what="bare ReportLab LongTable(repeatRows=1) of the same strings in Paragraphs, same font",
        detail={
            "mine_id": mine_id,
            "rows": len(form.rows),
            "pages": pages.get("ours"),
            "bare_pages": pages.get("bare"),
            "query_s": round(query_s, 3),
            "pdf_kb": round((out / "ours.pdf").stat().st_size / 1024),
            "bare_pdf_kb": round((out / "bare.pdf").stat().st_size / 1024),
        },
    )


# ------------------------------------------------------------------------------------------------- import


def make_roster_xlsx(db: Database, mine_id: int, rows: int, target: Path, scratch: Path) -> Path:
    """A roster of `rows` people in the export's layout (title, unit line, header, then data): the mine's own
    export, its people repeated with fresh valid ID numbers (sex kept right) and employee numbers."""
    from openpyxl import Workbook, load_workbook

    from db.exchange.roster_export import export_roster
    from db.idnumber import IdNumberError, make, parse

    sample = scratch / "roster-export.xlsx"
    export_roster(db, mine_id, sample)
    book = load_workbook(sample, read_only=True)
    sheet = book.worksheets[0]
    grid = [list(values) for values in sheet.iter_rows(values_only=True)]
    book.close()
    header_at = next(i for i, r in enumerate(grid) if "身份证号" in r)
    top, header, people = grid[:header_at], grid[header_at], grid[header_at + 1 :]
    people = [p for p in people if p and p[header.index("身份证号")]]
    col_id, col_sex, col_no = header.index("身份证号"), header.index("性别"), header.index("工号")
    areas = ("140502", "140522", "140525", "140581", "140981", "140902", "140521", "140524")
    used: dict[tuple[date, int], int] = {}
    out = Workbook(write_only=True)
    sheet_out = out.create_sheet("从业人员花名册")
    for row in (*top, header):
        sheet_out.append(row)
    for n in range(rows):
        row = list(people[n % len(people)])
        row += [None] * (len(header) - len(row))  # read-only rows stop at their last value
        try:
            birth = parse(str(row[col_id])).birth_date
        except IdNumberError:
            birth = date(1985, 1, 1)
        parity = 0 if row[col_sex] == "女" else 1  # the 17th digit is odd for a man
        k = used.get((birth, parity), 0)
        used[(birth, parity)] = k + 1
        row[0] = n + 1
        row[col_id] = make(areas[k % len(areas)], birth, 2 * (k // len(areas)) + parity)
        row[col_no] = f"J{n + 1:05d}"
        sheet_out.append(row)
    out.save(target)
    return target


_PERSON_COLUMNS = (
    "mine_id, name, id_number, sex, education, major, post, employment_type, underground, work_start, "
    "hire_date, status, created_at, work_no, phone, core_major, school, title, contractor, note"
)


def _bare_import(xlsx: Path, target: Path, mine_id: int) -> int:
    """openpyxl read-only, every row as a tuple, one executemany into person, one transaction."""
    from openpyxl import load_workbook

    book = load_workbook(xlsx, read_only=True, data_only=True)
    rows = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    header_at = next(i for i, r in enumerate(rows) if "身份证号" in r)
    at = {name: i for i, name in enumerate(rows[header_at]) if name}
    width = len(rows[header_at])
    rows = [r + (None,) * (width - len(r)) for r in rows]  # read-only rows stop at their last value
    now = datetime.now().isoformat(sep=" ")

    def text(row: tuple[Any, ...], name: str) -> str:
        value = row[at[name]]
        return "" if value is None else str(value)

    def day(row: tuple[Any, ...], name: str) -> str | None:
        value = row[at[name]]
        return value.date().isoformat() if isinstance(value, datetime) else None

    values = [
        (
            mine_id,
            text(r, "姓名"),
            text(r, "身份证号"),
            text(r, "性别"),
            text(r, "文化程度"),
            text(r, "所学专业"),
            text(r, "岗位/职务"),
            text(r, "用工形式"),
            r[at["入井"]] == "是",
            day(r, "参加工作时间"),
            day(r, "入职时间"),
            "active",
            now,
            text(r, "工号"),
            text(r, "联系电话"),
            r[at["是否主体专业"]] == "是",
            text(r, "毕业院校"),
            text(r, "职称"),
            text(r, "外包单位"),
            text(r, "备注"),
        )
        for r in rows[header_at + 1 :]
        if r[at["身份证号"]]
    ]
    conn = sqlite3.connect(target)
    try:
        with conn:  # one transaction, committed
            conn.executemany(
                f"INSERT INTO person ({_PERSON_COLUMNS}) VALUES ({', '.join('?' * 20)})",
                values,
            )
    finally:
        conn.close()
    return len(values)


def _our_import(xlsx: Path, target: Path, mine_id: int) -> tuple[dict[str, float], dict[str, int]]:
    """The import as the dialog runs it: read the sheet, preview, commit; seconds of each step."""
    from db.exchange.roster_import import commit, preview, read_roster

    db = open_database(target)
    try:
        began = time.perf_counter()
        roster = read_roster(xlsx)
        read = time.perf_counter()
        checked = preview(db, mine_id, roster)
        previewed = time.perf_counter()
        added = commit(db, BENCH_OPERATOR, checked)
        committed = time.perf_counter()
    finally:
        db.close()
    steps = {"read": read - began, "preview": previewed - read, "commit": committed - previewed}
    return steps, {"added": added, "rejected": len(checked.rejected)}


def measure_roster_import(bench: Bench, database: BenchDatabase) -> Measure:
    """read_roster → preview → commit of an N-row roster into an empty mine, against openpyxl + executemany."""
    runs = bench.runs_for(slow=True)
    folder = bench.scratch / "import"
    folder.mkdir(exist_ok=True)
    xlsx = folder / f"roster-{bench.import_rows}.xlsx"
    with bench.open(database) as db:
        make_roster_xlsx(db, database.mine_ids[0], bench.import_rows, xlsx, folder)
    base, mine_id = one_mine_database(folder / "one-mine.sqlite3")
    phases: dict[str, list[float]] = {"read": [], "preview": [], "commit": []}
    ours_s: list[float] = []
    bare_s: list[float] = []
    outcome: dict[str, int] = {}
    for n in range(runs):
        target = copy_database(base, folder / f"ours-{n}.sqlite3")
        steps, outcome = _our_import(xlsx, target, mine_id)
        for name, seconds in steps.items():
            phases[name].append(seconds)
        ours_s.append(sum(steps.values()))
        target.unlink()
        bare_target = copy_database(base, folder / f"bare-{n}.sqlite3")
        began = time.perf_counter()
        outcome["bare_added"] = _bare_import(xlsx, bare_target, mine_id)
        bare_s.append(time.perf_counter() - began)
        bare_target.unlink()
    return Measure(
        "roster_import",
        value=median(ours_s),
        baseline=median(bare_s),
        runs=runs,
        baseline_what="openpyxl read-only rows → one sqlite3 executemany INSERT into person, one transaction",
        detail={
            "rows": bench.import_rows,
            **outcome,
            "phases_s": {k: round(median(v), 3) for k, v in phases.items()},
        },
    )
