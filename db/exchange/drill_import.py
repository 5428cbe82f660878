"""Import a self-rescuer drill sheet (.xlsx or .csv: who, and how many seconds to don the unit blind).

    result = preview(db, mine_id, "6月实操.xlsx")        # good rows, rejected rows (Excel row + reason)
    session_id, added = commit(db, "张会计", result, DrillSessionInput(held_on=day), accept_warnings=False)

The sheet is read with the roster import's pieces (sheets.read_grids for the grid and Excel row numbers,
cells for names, IDs and text, vocabulary for the header words), so a drill sheet may carry a title row,
notes and merged cells just as a roster may. A person is matched by ID number first, then by 工号, then by a
name that only one person in the mine has; a name two people share is refused (同名，请填写身份证号).

Rows refused: a person not on the roster, an ID and a name that belong to different people, seconds that are
not a plausible donning time (db.services.drills.parse_seconds says why). A person who has left or does not
go underground is a *warning*: the row goes in only when the clerk accepts warnings, never silently.
The same person twice in one sheet is not refused: it is one result with two attempts, the later time
counting, exactly as record_drill merges a retry in one session (the row is marked so the clerk sees it).

Nothing is written before commit(), and commit() writes the session and all its results in one
record_drill call: one transaction, all rows or none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.exchange import cells
from db.exchange.roster_import import HEADER_SCAN_ROWS, RejectedRow
from db.exchange.sheets import Grid, ImportFileError, first_sheet_with_header
from db.exchange.vocabulary import FOOTER_PREFIXES, fold, header_field, strip_parens
from db.idnumber import IdNumberError, parse
from db.models import DrillSession, Mine, Person, PersonStatus
from db.models.person import STATUS_LABELS
from db.services.drills import DrillEntry, DrillSessionInput, parse_seconds, record_drill

__all__ = [
    "DrillColumns",
    "DrillPreview",
    "DrillRow",
    "ImportFileError",
    "RejectedRow",
    "commit",
    "find_drill_header",
    "preview",
    "read_drill_sheet",
]

# Drill-only headers, most specific first; 姓名, 身份证号, 工号, 部门, 岗位 and 备注 are the roster's words.
DRILL_HEADERS: dict[str, tuple[str, ...]] = {
    "seconds": (
        "盲戴用时",
        "盲戴时间",
        "佩戴用时",
        "佩戴时间",
        "实测用时",
        "用时",
        "用时/秒",
        "耗时",
        "秒数",
        "盲戴成绩",
        "成绩",
        "时间",
        "秒",
    ),
    "absent": ("缺席", "是否缺席", "缺考", "是否缺考", "缺勤"),
}
# The roster fields a drill sheet may carry, under the name this import gives them.
ROSTER_FIELDS = {"name": "name", "id_number": "id_number", "work_no": "work_no", "note": "remark"}
# Columns of the printed 记录表 that we know and do not read: the result is worked out from the seconds and
# the session's standard, never copied from a hand-written 合格.
IGNORED = frozenset(
    fold(h) for h in ("是否合格", "合格", "结果", "考核结果", "评定", "序号", "本人签字", "签字")
)
LABELS = {
    "name": "姓名",
    "id_number": "身份证号",
    "work_no": "工号",
    "seconds": "盲戴用时（秒）",
    "absent": "缺席",
    "remark": "备注",
}
# What a clerk writes in the seconds column for someone who did not drill.
ABSENT_WORDS = frozenset({"缺席", "缺考", "缺勤", "请假", "病假", "事假", "未参加", "未到", "未参训", "缺"})
# Lines under the table: the signatures of a drill sheet, besides the roster's 合计/制表人 ….
FOOTERS = (*FOOTER_PREFIXES, "培训人", "考核人", "记录人", "监考人", "主要负责人")
_MIN_SEC = re.compile(r"^(\d+)(?:分钟?|[′':])(\d+(?:\.\d+)?)(?:秒|″|′′|\")?$")
_UNIT = re.compile(r"^(\d+(?:\.\d*)?)(?:s|sec|秒钟?)$", re.IGNORECASE)


def _index() -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for name, words in DRILL_HEADERS.items():
        for rank, word in enumerate(words):
            out.setdefault(fold(word), (name, rank))
    return out


_DRILL_INDEX = _index()


def header_name(text: str) -> tuple[str, int] | None:
    """(field, rank) of a header cell, ("ignored", 0) for a known column we skip, or None."""
    folded = fold(text)
    for candidate in (folded, strip_parens(folded)):
        if candidate in _DRILL_INDEX:
            return _DRILL_INDEX[candidate]
        if candidate in IGNORED:
            return ("ignored", 0)
    hit = header_field(folded)  # the roster's words for who a row is (and its loose ID match)
    if hit is None:
        return None
    name, rank = hit
    if name in ROSTER_FIELDS:
        return ROSTER_FIELDS[name], rank
    if name in ("ignored", "department", "post", "sex", "birth"):
        return ("ignored", 0)  # printed on the sheet for the reader; the roster already knows them
    return None


@dataclass(frozen=True)
class DrillColumns:
    """Where the header is and which column feeds what. Columns are 0-based; header_row is Excel's."""

    header_row: int
    headers: tuple[str, ...]
    columns: dict[str, int]
    unmapped: dict[int, str]
    ignored: frozenset[int]

    def label(self, name: str) -> str:
        col = self.columns.get(name)
        return (self.headers[col] if col is not None else "") or LABELS[name]


def _columns_at(grid: Grid, row: int) -> DrillColumns:
    headers = [cells.text(v) for v in grid.spread(row)]
    claims: dict[str, tuple[int, int]] = {}
    ignored: set[int] = set()
    for col, text in enumerate(headers):
        hit = header_name(text) if text else None
        if hit is None:
            continue
        name, rank = hit
        if name == "ignored":
            ignored.add(col)
        elif name not in claims or rank < claims[name][0]:
            claims[name] = (rank, col)
    columns = {name: col for name, (_rank, col) in claims.items()}
    used = set(columns.values())
    unmapped = {c: h for c, h in enumerate(headers) if h and c not in used and c not in ignored}
    return DrillColumns(row, tuple(headers), columns, unmapped, frozenset(ignored))


def _score(found: DrillColumns) -> int:
    who = {"name", "id_number", "work_no"} & found.columns.keys()
    if not who or "seconds" not in found.columns:
        return 0
    return len(found.columns) + len(found.ignored)


def find_drill_header(grid: Grid) -> DrillColumns | None:
    """The row among the first ones that reads most like a drill sheet's header: a column for who
    (姓名, 身份证号 or 工号) and one for the seconds. Title and "日期：… 地点：…" rows above it score nothing."""
    best: tuple[int, DrillColumns] | None = None
    for row in range(1, min(len(grid.rows), HEADER_SCAN_ROWS) + 1):
        if all(cells.is_blank(v) for v in grid.row(row)):
            continue
        found = _columns_at(grid, row)
        score = _score(found)
        if score and (best is None or score > best[0]):
            best = (score, found)
    return best[1] if best else None


@dataclass
class DrillSheet:
    grid: Grid
    columns: DrillColumns

    @property
    def name(self) -> str:
        return self.grid.sheet


def read_drill_sheet(path: str | Path, sheet: str | None = None) -> DrillSheet:
    grid, found = first_sheet_with_header(
        path,
        sheet,
        find_drill_header,
        "实操培训表",
        "表头应有“姓名”或“身份证号”一列，以及“盲戴用时”（或“用时”“秒”）一列",
        HEADER_SCAN_ROWS,
    )
    return DrillSheet(grid, found)


# --- the rows -------------------------------------------------------------------------------------------


@dataclass
class DrillRow:
    """A row that can go in. `warnings` (left, not underground) hold it back unless the clerk accepts them."""

    row: int  # as Excel numbers it
    person_id: int
    name: str
    id_number: str
    seconds: float | None  # None when absent
    absent: bool
    remark: str
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # told, never held back (an ID upgraded, a retry)


@dataclass
class DrillPreview:
    mine_id: int
    sheet: DrillSheet
    good: list[DrillRow]  # including rows with warnings
    rejected: list[RejectedRow]  # refused whatever the clerk says
    notes: list[str]  # about the whole sheet

    def accepted(self, accept_warnings: bool) -> list[DrillRow]:
        return [g for g in self.good if accept_warnings or not g.warnings]

    def held_back(self, accept_warnings: bool) -> list[DrillRow]:
        return [] if accept_warnings else [g for g in self.good if g.warnings]

    def people(self, accept_warnings: bool) -> int:
        """How many people the import adds results for (a retry in the sheet is the same person)."""
        return len({g.person_id for g in self.accepted(accept_warnings)})


@dataclass(frozen=True)
class _Known:
    id: int
    name: str
    id_number: str
    work_no: str
    status: str
    underground: bool


class _People:
    """The mine's roster, indexed the three ways a drill sheet names a person."""

    def __init__(self, people: list[_Known]) -> None:
        self.by_id = {p.id_number: p for p in people}
        self.by_work_no: dict[str, list[_Known]] = {}
        self.by_name: dict[str, list[_Known]] = {}
        for p in people:
            if p.work_no:
                self.by_work_no.setdefault(cells.code(p.work_no), []).append(p)
            self.by_name.setdefault(cells.name(p.name), []).append(p)


def _load_people(db: Database, mine_id: int) -> _People:
    with db.session() as s:
        rows = s.execute(
            select(
                Person.id, Person.name, Person.id_number, Person.work_no, Person.status, Person.underground
            ).where(Person.mine_id == mine_id)
        )
        return _People([_Known(*r) for r in rows])


def _skip_quietly(values: list[Any], found: DrillColumns) -> bool:
    """Blank rows, a row with only its 序号, footers and signature lines, the header repeated on a new page."""
    content = [v for c, v in enumerate(values) if not cells.is_blank(v) and c not in found.ignored]
    if not content:
        return True
    if fold(content[0]).startswith(FOOTERS):
        return True
    who = [found.columns[k] for k in ("name", "id_number", "work_no") if k in found.columns]
    return all(not cells.is_blank(values[c]) and header_name(cells.text(values[c])) is not None for c in who)


def _same_name(person: _Known, written: str) -> bool:
    return not written or cells.name(person.name) == written


def _find_person(
    get: Callable[[str], Any], known: _People, found: DrillColumns, reasons: list[str], notes: list[str]
) -> _Known | None:
    """ID number first, then 工号, then a name only one person in the mine has."""
    name = cells.name(get("name"))
    raw_id = get("id_number")
    work_no = cells.code(get("work_no"))
    if not name and cells.is_blank(raw_id) and not work_no:
        reasons.append("没有姓名、身份证号或工号，不知道是谁")
        return None
    if not cells.is_blank(raw_id):
        try:
            number, upgrade = cells.id_number(raw_id)
        except cells.CellError as err:
            reasons.append(str(err))
            return None
        person = known.by_id.get(number)
        if person is None:
            try:
                parse(number)
            except IdNumberError as err:
                reasons.append(f"{err}（填写的是{number}）")
            else:
                reasons.append(f"身份证号{number}不是本矿花名册中的人员，请先在花名册中登记")
            return None
        if upgrade:
            notes.append(upgrade)
        if not _same_name(person, name):
            reasons.append(f"身份证号{number}是{person.name}的，姓名却填写为“{name}”，请核对")
            return None
        return person
    if work_no:
        holders = known.by_work_no.get(work_no, [])
        if len(holders) == 1:
            if not _same_name(holders[0], name):
                reasons.append(f"工号{work_no}是{holders[0].name}的，姓名却填写为“{name}”，请核对")
                return None
            return holders[0]
        if not name:
            problem = "有多人使用" if holders else "不是本矿花名册中的工号"
            reasons.append(f"工号{work_no}{problem}，请填写身份证号")
            return None
    same = known.by_name.get(name, [])
    if not same:
        reasons.append(f"本矿花名册中没有“{name}”，请核对姓名或填写身份证号")
        return None
    if len(same) > 1:
        reasons.append(f"本矿有{len(same)}人叫“{name}”，同名，请填写身份证号")
        return None
    return same[0]


def _seconds_text(value: Any) -> Any:
    """What hand-typing adds to a time, taken off before parse_seconds judges it: full-width digits,
    spaces, "25.3S", "1分05秒". A date or time cell is shown as text, so it is refused as "not a number"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return cells.shown(value)
    folded = "".join(unicodedata.normalize("NFKC", value).split())
    if m := _MIN_SEC.match(folded):
        return str(int(m[1]) * 60 + float(m[2]))
    if m := _UNIT.match(folded):
        return m[1]
    return folded


def _read_row(
    excel_row: int, values: list[Any], found: DrillColumns, known: _People
) -> DrillRow | RejectedRow:
    def get(name: str) -> Any:
        col = found.columns.get(name)
        return None if col is None else values[col]

    reasons: list[str] = []
    notes: list[str] = []
    person = _find_person(get, known, found, reasons, notes)

    raw = get("seconds")
    absent = False
    if "absent" in found.columns:
        try:
            absent = bool(cells.yes_no(get("absent")))
        except cells.CellError as err:
            reasons.append(f"{found.label('absent')}{err}")
    if isinstance(raw, str) and fold(raw) in ABSENT_WORDS:
        absent = True
        raw = None
    seconds: float | None = None
    if absent and not cells.is_blank(raw):
        reasons.append(f"既填了{found.label('seconds')}“{cells.shown(raw)}”又标为缺席，请核对")
    elif not absent and cells.is_blank(raw):
        reasons.append(f"{found.label('seconds')}未填写（没有参加的请填“缺席”）")
    elif not absent:
        try:
            seconds = parse_seconds(_seconds_text(raw), "")
        except ValidationError as err:
            # parse_seconds names its field "盲戴用时"; the clerk knows the column by its own header.
            reasons.append(f"{found.label('seconds')}{str(err).split('：', 1)[1]}")
    if reasons or person is None:
        return RejectedRow(excel_row, "；".join(reasons))

    warnings: list[str] = []
    if person.status != PersonStatus.active:
        warnings.append(f"{person.name}已不在岗（{STATUS_LABELS.get(person.status, person.status)}）")
    elif not person.underground:
        warnings.append(f"{person.name}不是入井人员（花名册中“入井”为否）")
    return DrillRow(
        row=excel_row,
        person_id=person.id,
        name=person.name,
        id_number=person.id_number,
        seconds=seconds,
        absent=absent,
        remark=cells.text(get("remark")),
        warnings=warnings,
        notes=notes,
    )


def preview(
    db: Database, mine_id: int, source: DrillSheet | str | Path, *, sheet: str | None = None
) -> DrillPreview:
    """Read every row and say what an import would do; writes nothing."""
    drill_sheet = source if isinstance(source, DrillSheet) else read_drill_sheet(source, sheet)
    with db.session() as s:
        if s.get(Mine, mine_id) is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
    known = _load_people(db, mine_id)
    grid, found = drill_sheet.grid, drill_sheet.columns
    good: list[DrillRow] = []
    rejected: list[RejectedRow] = []
    for excel_row in range(found.header_row + 1, len(grid.rows) + 1):
        values = grid.row(excel_row)
        if _skip_quietly(values, found):
            continue
        row = _read_row(excel_row, values, found, known)
        if isinstance(row, RejectedRow):
            rejected.append(row)
        else:
            good.append(row)
    first: dict[int, DrillRow] = {}
    for g in good:
        if g.person_id in first:
            # record_drill merges the same person in one session: one result, attempts added, last time counts.
            g.notes.append(
                f"{g.name}已在第{first[g.person_id].row}行出现：按本次培训的再次测试登记，以最后一次为准"
            )
        else:
            first[g.person_id] = g
    if not good and not rejected:
        raise ImportFileError(f"表头（第{found.header_row}行）下面没有人员行")
    notes = []
    if found.unmapped:
        notes.append(f"以下列未导入：{'、'.join(found.unmapped.values())}")
    return DrillPreview(mine_id, drill_sheet, good, rejected, notes)


def same_day_sessions(db: Database, mine_id: int, data: DrillSessionInput) -> int:
    """Sessions of that kind already recorded on that day: a second import of one sheet doubles it."""
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count()).where(
                    DrillSession.mine_id == mine_id,
                    DrillSession.held_on == data.held_on,
                    DrillSession.kind == data.kind,
                )
            )
            or 0
        )


def commit(
    db: Database,
    operator: str,
    result: DrillPreview,
    data: DrillSessionInput,
    *,
    accept_warnings: bool = False,
) -> tuple[int | None, int]:
    """The session and its accepted rows in ONE record_drill call (one transaction, all or nothing), in the
    sheet's order. Returns (session id, people added); (None, 0) and no empty session when nothing is left."""
    rows = result.accepted(accept_warnings)
    if not rows:
        return None, 0
    # record_drill merges a person entered twice into one result, joining the remarks.
    entries = [DrillEntry(g.person_id, g.seconds, absent=g.absent, remark=g.remark) for g in rows]
    session_id = record_drill(db, operator, result.mine_id, data, entries, accept_warnings=accept_warnings)
    return session_id, len({g.person_id for g in rows})
