"""Import a hand-typed roster (花名册) from .xlsx or .csv: find the header, map the columns, read every row.

    sheet = read_roster("花名册.xlsx")              # finds the header row itself; sheet.mapping can be corrected
    result = preview(db, mine_id, sheet)           # good rows, rejected rows (Excel row + reason), new departments
    result = result.remap(db, {"hire_date": 7})    # the clerk moved a column: run again on the same cells
    commit(db, "张会计", result)                    # departments and people in one transaction, or nothing

Nothing is written before commit(). A row is refused only when it cannot be right (a wrong check digit, an ID
Excel turned into a number, a duplicate, an unreadable date…); whatever hand-typing does is normalised first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from db import clock
from db.engine import Database
from db.errors import DuplicateError, NotFoundError, ValidationError
from db.exchange import cells
from db.exchange.sheets import Grid, ImportFileError, first_sheet_with_header
from db.exchange.vocabulary import FIELD_LABELS, FOOTER_PREFIXES, HEADERS, fold, header_field
from db.idnumber import IdNumberError, normalise, parse
from db.models import Department, Mine, Person, PersonStatus
from db.models.person import STATUS_LABELS
from db.queries import departments
from db.services.people import CheckedPerson, PersonInput, insert_people, validate_person
from db.services.unit import write

__all__ = [
    "FIELD_LABELS",
    "ColumnMapping",
    "GoodRow",
    "ImportFileError",
    "RejectedRow",
    "RosterPreview",
    "RosterSheet",
    "commit",
    "find_header",
    "mapping_at",
    "preview",
    "read_roster",
]

HEADER_SCAN_ROWS = 30  # title, notes and a two-row header fit well inside this
_ID_LIKE = re.compile(r"^\d{15}$|^\d{17}[\dX]$")


# ---------------------------------------------------------------------------------------------- the header


@dataclass(frozen=True)
class ColumnMapping:
    """Which sheet column feeds which field. Columns are 0-based (A = 0); rows are Excel row numbers."""

    header_rows: tuple[int, ...]  # one row, or two for a header whose top row is merged over groups
    headers: tuple[str, ...]  # the header text of every column, as the clerk reads it ("" if none)
    columns: dict[str, int]  # field → column
    unmapped: dict[int, str]  # column → header text that feeds no field (民族, 籍贯 …)
    ignored: frozenset[int] = frozenset()  # 序号, 年龄 …: known columns we deliberately do not read

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1

    def label(self, field_name: str) -> str:
        """The column's name in the clerk's own sheet, for messages ("入矿时间“2005.13”…")."""
        col = self.columns.get(field_name)
        text = self.headers[col] if col is not None and col < len(self.headers) else ""
        return text or FIELD_LABELS[field_name]

    def with_columns(self, changes: Mapping[str, int | None]) -> ColumnMapping:
        """The clerk's correction: {field: column} moves a field, {field: None} drops it. A column feeds one
        field only, so a column taken by the change is released from the field that had it."""
        columns = dict(self.columns)
        for name, col in changes.items():
            if name not in FIELD_LABELS:
                raise ValidationError("列对应", f"没有名为“{name}”的字段")
            if col is None:
                columns.pop(name, None)
                continue
            if not 0 <= col < len(self.headers):
                raise ValidationError("列对应", f"{FIELD_LABELS[name]}：表中没有第{col + 1}列")
            for other, used in list(columns.items()):
                if used == col and other != name:
                    del columns[other]
            columns[name] = col
        used = set(columns.values())
        unmapped = {c: h for c, h in enumerate(self.headers) if h and c not in used and c not in self.ignored}
        return replace(self, columns=columns, unmapped=unmapped, ignored=self.ignored - used)


def _header_text(top: Any, bottom: Any) -> tuple[str, tuple[str, int] | None]:
    """The text and field of one column of a two-row header: "学历情况 / 文化程度" is 文化程度, and "时间"
    merged over "参加工作 | 入矿" reads 参加工作时间 and 入矿时间."""
    t, b = cells.text(top), cells.text(bottom)
    tries = [b, b + t, t + b, t] if t != b else [t]
    for candidate in tries:
        if candidate:
            hit = header_field(fold(candidate))
            if hit is not None:
                return candidate, hit
    shown = f"{t}/{b}" if t and b and t != b else (b or t)
    return shown, None


def mapping_at(grid: Grid, header_rows: tuple[int, ...]) -> ColumnMapping:
    """The automatic mapping for a header the clerk (or find_header) points at: one row or two."""
    top = grid.spread(header_rows[0])
    bottom = grid.spread(header_rows[-1]) if len(header_rows) > 1 else top
    if len(header_rows) > 1:
        # A group label over several sub-headers whose merge was lost (CSV): "时间" then an empty top cell
        # over "参加工作 | 入职" still means 入职时间. A label with nothing below it is a column of its own.
        group = None
        for col in range(grid.width):
            if not cells.is_blank(top[col]):
                group = top[col] if not cells.is_blank(bottom[col]) else None
            elif group is not None and not cells.is_blank(bottom[col]):
                top[col] = group
            else:
                group = None
    headers: list[str] = []
    # field → (rank, column): the more specific header wins; the other column is left unmapped
    claims: dict[str, tuple[int, int]] = {}
    ignored: set[int] = set()
    for col in range(grid.width):
        text, hit = _header_text(top[col], bottom[col])
        headers.append(text)
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
    return ColumnMapping(
        header_rows=header_rows,
        headers=tuple(headers),
        columns=columns,
        unmapped=unmapped,
        ignored=frozenset(ignored),
    )


def _score(mapping: ColumnMapping) -> int:
    """How header-like a row is: known columns count; without 姓名 or 身份证号 it is no roster header."""
    if "name" not in mapping.columns and "id_number" not in mapping.columns:
        return 0
    score = len(mapping.columns) + len(mapping.ignored)
    return score if score >= 2 else 0  # one lone match is a sentence mentioning 身份证号, not a header


def _holds_an_id(values: list[Any]) -> bool:
    """A row with an ID-like value is a person, never the second row of a header."""
    return any(isinstance(v, str) and _ID_LIKE.match(normalise(v)) for v in values)


def find_header(grid: Grid) -> ColumnMapping | None:
    """The row (or pair of rows) that reads most like a roster header, among the first rows of the sheet.

    Title rows, "填报单位：… 日期：…" rows and notes score nothing. A two-row header wins over its rows alone
    only when the second row adds columns, so a header followed by its first person stays one row."""
    last = min(len(grid.rows), HEADER_SCAN_ROWS)
    single = {
        row: mapping_at(grid, (row,))
        for row in range(1, last + 1)
        if any(not cells.is_blank(v) for v in grid.row(row))
    }
    scores = {row: _score(m) for row, m in single.items()}
    best: tuple[int, ColumnMapping] | None = None
    for row, mapping in single.items():
        candidates = [(scores[row], mapping)]
        if row + 1 in single and not _holds_an_id(grid.row(row + 1)):
            double = mapping_at(grid, (row, row + 1))
            # Only when both rows add to it: a title above a header, or a person below it, adds nothing.
            if _score(double) > max(scores[row], scores[row + 1]):
                candidates.append((_score(double), double))
        for score, candidate in candidates:
            if score and (best is None or score > best[0]):
                best = (score, candidate)
    return best[1] if best else None


@dataclass
class RosterSheet:
    """A sheet read into memory, with the header found automatically (the clerk may correct `mapping`)."""

    grid: Grid
    mapping: ColumnMapping

    @property
    def name(self) -> str:
        return self.grid.sheet


def read_roster(path: str | Path, sheet: str | None = None) -> RosterSheet:
    """Read the sheet and find its header. Without `sheet`, the active sheet, then the others in order."""
    grid, found = first_sheet_with_header(
        path, sheet, find_header, "花名册", "表头应有“姓名”“身份证号”等列名", HEADER_SCAN_ROWS
    )
    return RosterSheet(grid=grid, mapping=found)


# ------------------------------------------------------------------------------------------------ the rows


@dataclass
class GoodRow:
    row: int  # as Excel numbers it
    person: PersonInput  # department_id is None here: departments are matched by name at commit
    department: str = ""  # the department's name as it will be stored ("" for none)
    status: str = PersonStatus.active
    warnings: list[str] = field(default_factory=list)


@dataclass
class RejectedRow:
    row: int
    reason: str


@dataclass
class RosterPreview:
    mine_id: int
    sheet: RosterSheet
    mapping: ColumnMapping
    good: list[GoodRow]
    rejected: list[RejectedRow]
    new_departments: list[str]  # in the order they first appear; created by commit()
    notes: list[str]  # about the whole sheet: columns not imported, defaults that were applied

    def remap(self, db: Database, changes: Mapping[str, int | None]) -> RosterPreview:
        """Run the preview again on the same cells with the clerk's corrected mapping."""
        return preview(db, self.mine_id, self.sheet, mapping=self.mapping.with_columns(changes))


def _dept_key(name: str) -> str:
    return fold(name)


class _Row:
    """One sheet row being read: what it says, what is wrong with it, what the clerk should look at."""

    def __init__(self, values: list[Any], mapping: ColumnMapping) -> None:
        self.values = values
        self.mapping = mapping
        self.reasons: list[str] = []
        self.warnings: list[str] = []

    def get(self, name: str) -> Any:
        col = self.mapping.columns.get(name)
        return None if col is None else self.values[col]

    def read(self, name: str, reader: Any, default: Any = None) -> Any:
        try:
            return reader(self.get(name))
        except cells.CellError as err:
            self.reasons.append(f"{self.mapping.label(name)}{err}")
            return default


def _skip_quietly(values: list[Any], mapping: ColumnMapping) -> bool:
    """Blank rows, a row with only its 序号, 合计/小计 and signature lines, a header repeated per page."""
    # One scan that stops at the first cell of content (a person's row has it in the first columns).
    first: str | None = None  # the first cell that is not blank, folded: 合计, 制表人 …
    for col, value in enumerate(values):
        if cells.is_blank(value):
            continue
        if first is None:
            first = fold(value)
        if col not in mapping.ignored:
            break
    else:
        return True  # nothing but blanks and ignored columns
    assert first is not None  # set at the latest by the cell the loop stopped at
    name_col, id_col = mapping.columns.get("name"), mapping.columns.get("id_number")
    in_name = fold(values[name_col]) if name_col is not None and not cells.is_blank(values[name_col]) else ""
    if first.startswith(FOOTER_PREFIXES) or (in_name and in_name.startswith(FOOTER_PREFIXES)):
        return True
    repeated = [
        col
        for col in (name_col, id_col)
        if col is not None and not cells.is_blank(values[col]) and header_field(fold(values[col])) is not None
    ]
    return len(repeated) == 2


def _read_row(
    excel_row: int, values: list[Any], mapping: ColumnMapping, today: date
) -> GoodRow | RejectedRow:
    """A good row, or the reasons it is refused (all of them, so one pass over the sheet fixes the row)."""
    r = _Row(values, mapping)
    name = cells.name(r.get("name"))
    raw_id = r.get("id_number")
    if not name and cells.is_blank(raw_id):
        return RejectedRow(excel_row, "既没有姓名也没有身份证号")
    if not name:
        r.reasons.append("缺少姓名")
    elif len(name) > 30:
        r.reasons.append(f"姓名“{name[:12]}…”超过30个字，请核对是否把别的内容填进了姓名列")
    number, info = "", None
    if cells.is_blank(raw_id):
        r.reasons.append("缺少身份证号")
    else:
        try:
            number, upgrade = cells.id_number(raw_id)
            info = parse(number, today=today)
            if upgrade:
                r.warnings.append(upgrade)
        except (cells.CellError, IdNumberError) as err:
            r.reasons.append(str(err))
    education = r.read("education", cells.education, "")
    employment = r.read("employment_type", cells.employment, "正式")
    work_start = r.read("work_start", cells.parse_date)
    hire_date = r.read("hire_date", cells.parse_date)
    underground = r.read("underground", cells.yes_no)
    core_major = r.read("core_major", cells.yes_no)
    if r.reasons:
        return RejectedRow(excel_row, "；".join(r.reasons))

    grade = cells.title(r.get("title"))
    if grade is None:
        r.warnings.append(
            f"{mapping.label('title')}“{cells.text(r.get('title'))}”无法对应初级/中级/高级，未登记"
        )
    status = cells.status(r.get("status"))
    if status is None:
        r.warnings.append(f"{mapping.label('status')}“{cells.text(r.get('status'))}”无法识别，按在岗登记")
        status = PersonStatus.active
    elif status != PersonStatus.active:
        r.warnings.append(
            f"{mapping.label('status')}为“{STATUS_LABELS[status]}”：按{STATUS_LABELS[status]}登记，生效日期记为导入当天"
        )
    data = PersonInput(
        name=name,
        id_number=number,
        education=education,
        major=cells.text(r.get("major")),
        core_major=bool(core_major),
        school=cells.text(r.get("school")),
        title=grade or "",
        post=cells.text(r.get("post")),
        employment_type=employment,
        contractor=cells.text(r.get("contractor")),
        underground=bool(underground),
        work_start=work_start,
        hire_date=hire_date,
        work_no=cells.code(r.get("work_no")),
        phone=cells.code(r.get("phone")),
        note=cells.text(r.get("note")),
    )
    try:
        validate_person(data, today)  # the door's own rules (future dates, contractor for 劳务派遣 …)
    except ValidationError as err:
        return RejectedRow(excel_row, str(err))

    assert info is not None
    written_sex = cells.sex(r.get("sex"))
    if written_sex and written_sex != info.sex:
        r.warnings.append(f"性别填写为“{written_sex}”，身份证号显示为{info.sex}；按身份证号登记")
    if not cells.is_blank(r.get("birth")):
        try:
            birth = cells.parse_date(r.get("birth"))
        except cells.CellError as err:
            r.warnings.append(f"{mapping.label('birth')}{err}；按身份证号登记")
        else:
            if birth and (birth.year, birth.month) != (info.birth_date.year, info.birth_date.month):
                r.warnings.append(
                    f"{mapping.label('birth')}填写为{birth:%Y-%m-%d}，身份证号显示为"
                    f"{info.birth_date:%Y-%m-%d}；按身份证号登记"
                )
    if data.underground and data.employment_type == "劳务派遣":
        r.warnings.append("劳务派遣人员不得入井（见检查结果）")
    department = "".join(cells.text(r.get("department")).split())
    return GoodRow(row=excel_row, person=data, department=department, status=status, warnings=r.warnings)


def _mark_duplicates(good: list[GoodRow], rejected: list[RejectedRow]) -> list[GoodRow]:
    """The same ID twice in the file. Same name: a row typed twice, keep the first. Different names: one of
    the numbers is mistyped and we cannot tell which, so both rows wait for the clerk."""
    by_number: dict[str, list[GoodRow]] = {}
    for g in good:
        by_number.setdefault(g.person.id_number, []).append(g)
    refused: set[int] = set()
    for rows in by_number.values():
        if len(rows) < 2:
            continue
        first = rows[0]
        if all(g.person.name == first.person.name for g in rows):
            for g in rows[1:]:
                rejected.append(RejectedRow(g.row, f"身份证号与第{first.row}行（{first.person.name}）重复"))
                refused.add(id(g))
            continue
        for g in rows:
            others = "、".join(f"第{o.row}行（{o.person.name}）" for o in rows if o is not g)
            rejected.append(RejectedRow(g.row, f"身份证号与{others}相同但姓名不同，请核对哪一行抄错"))
            refused.add(id(g))
    return [g for g in good if id(g) not in refused]


def _existing(db: Database, mine_id: int) -> dict[str, str]:
    with db.session() as s:
        return dict(s.execute(select(Person.id_number, Person.name).where(Person.mine_id == mine_id)).all())


def preview(
    db: Database,
    mine_id: int,
    source: RosterSheet | str | Path,
    *,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
) -> RosterPreview:
    """Read every row and say what an import would do; writes nothing."""
    roster = source if isinstance(source, RosterSheet) else read_roster(source, sheet)
    mapping = mapping or roster.mapping
    for needed in ("name", "id_number"):
        if needed not in mapping.columns:
            raise ImportFileError(
                f"表头（第{'、'.join(map(str, mapping.header_rows))}行）中找不到“{FIELD_LABELS[needed]}”列；"
                f"可用的列名：{'、'.join(HEADERS[needed][:4])}"
            )
    with db.session() as s:
        if s.get(Mine, mine_id) is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
    today = clock.today()
    grid = roster.grid
    good: list[GoodRow] = []
    rejected: list[RejectedRow] = []
    for excel_row in range(mapping.data_start, len(grid.rows) + 1):
        values = grid.row(excel_row)
        if _skip_quietly(values, mapping):
            continue
        row = _read_row(excel_row, values, mapping, today)
        if isinstance(row, RejectedRow):
            rejected.append(row)
            continue
        good.append(row)

    good = _mark_duplicates(good, rejected)
    existing = _existing(db, mine_id)
    kept: list[GoodRow] = []
    for g in good:
        holder = existing.get(g.person.id_number)
        if holder is not None:
            rejected.append(RejectedRow(g.row, f"身份证号已登记在本矿（{holder}）"))
        else:
            kept.append(g)
    rejected.sort(key=lambda r: r.row)

    known = {_dept_key(d.name): d.name for d in departments(db, mine_id)}
    new_departments: list[str] = []
    for g in kept:
        if not g.department:
            continue
        key = _dept_key(g.department)
        if key not in known:
            known[key] = g.department  # later spellings ("综采 一队", full-width brackets) join the first
            new_departments.append(g.department)
        g.department = known[key]

    notes: list[str] = []
    down = mapping.columns.get("underground")
    blank_underground = sum(1 for g in kept if down is not None and cells.is_blank(grid.row(g.row)[down]))
    if mapping.unmapped:
        notes.append(f"以下列未导入：{'、'.join(mapping.unmapped.values())}")
    if "underground" not in mapping.columns:
        notes.append("表中没有“入井”列：全部按不入井登记；入井人员要参加自救器演练，请导入后核对")
    elif blank_underground:
        notes.append(f"{blank_underground} 人的“入井”未填写，按不入井登记")
    return RosterPreview(
        mine_id=mine_id,
        sheet=roster,
        mapping=mapping,
        good=kept,
        rejected=rejected,
        new_departments=new_departments,
        notes=notes,
    )


# ----------------------------------------------------------------------------------------------- the write


def commit(db: Database, operator: str, result: RosterPreview) -> int:
    """Write the good rows and the new departments in ONE transaction, an audit row for each record: all of
    them or, on any error, none. Every row is checked again inside the transaction, since the database may
    have changed since the preview. Returns the number of people added."""
    if not result.good:
        return 0
    today = clock.today()
    mine_id = result.mine_id
    with write(db, operator) as w:
        s = w.session
        if s.get(Mine, mine_id) is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        known = {
            _dept_key(d.name): d for d in s.scalars(select(Department).where(Department.mine_id == mine_id))
        }
        order = s.scalar(
            select(func.coalesce(func.max(Department.sort_order), 0)).where(Department.mine_id == mine_id)
        )
        for g in result.good:
            key = _dept_key(g.department)
            if g.department and key not in known:
                order = (order or 0) + 1
                dept = Department(mine_id=mine_id, name=g.department, underground=False, sort_order=order)
                s.add(dept)
                s.flush()
                w.audit("create", dept, before=None)
                known[key] = dept

        existing = dict(
            s.execute(select(Person.id_number, Person.name).where(Person.mine_id == mine_id)).all()
        )
        rows: list[CheckedPerson] = []
        for g in result.good:
            data = replace(
                g.person, department_id=known[_dept_key(g.department)].id if g.department else None
            )
            try:
                number, sex, birth = validate_person(data, today)
            except ValidationError as err:
                raise ValidationError(f"第{g.row}行{err.field}", str(err).split("：", 1)[1]) from None
            if number in existing:
                raise DuplicateError(f"第{g.row}行身份证号", f"{number}已登记在本矿（{existing[number]}）")
            existing[number] = data.name
            rows.append(
                CheckedPerson(data, number, sex, birth, status=g.status, note="登记入册（花名册导入）")
            )
        return len(insert_people(w, mine_id, rows))
