"""Export a mine's roster (花名册) as .xlsx or .csv that Excel opens correctly and roster_import reads back.

The columns are the printed 花名册's (FORMS.md) followed by the rest of the record and 状态, so nothing a clerk
typed is lost on the way out. An ID number is text everywhere: in .xlsx a text cell formatted "@" (Excel would
round a number to 15 digits and drop a trailing X); in .csv a leading tab, which Excel reads as "keep as text"
when the file is double-clicked, and which any reader (ours included) strips as white space.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import select

from db import clock
from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.models import STATUS_LABELS, Certificate, CertificateKind, FrontLineGap, Mine, Person
from db.queries import roster_people

ROSTER_TITLE = "从业人员花名册"
SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True)
class ExportRow:
    """One person as the export writes them: plain values, dates as dates."""

    person: Person
    department: str
    front_line_years: float | None
    cert_numbers: str
    cert_valid_until: date | None


def _yes(value: bool) -> str:
    return "是" if value else "否"


# (header, value, kind): kind "text" is forced text, "date" a date cell, "" whatever the value is.
COLUMNS: tuple[tuple[str, Callable[[ExportRow], Any], str], ...] = (
    ("姓名", lambda r: r.person.name, ""),
    ("性别", lambda r: r.person.sex, ""),
    ("身份证号", lambda r: r.person.id_number, "text"),
    ("文化程度", lambda r: r.person.education, ""),
    ("所学专业", lambda r: r.person.major, ""),
    ("部门（区队）", lambda r: r.department, ""),
    ("岗位/职务", lambda r: r.person.post, ""),
    ("用工形式", lambda r: r.person.employment_type, ""),
    ("入井", lambda r: _yes(r.person.underground), ""),
    ("参加工作时间", lambda r: r.person.work_start, "date"),
    ("一线年限", lambda r: r.front_line_years, ""),
    ("特种作业证号", lambda r: r.cert_numbers, "text"),
    ("有效期至", lambda r: r.cert_valid_until, "date"),
    ("毕业院校", lambda r: r.person.school, ""),
    ("职称", lambda r: r.person.title, ""),
    ("是否主体专业", lambda r: _yes(r.person.core_major), ""),
    ("外包单位", lambda r: r.person.contractor, ""),
    ("入职时间", lambda r: r.person.hire_date, "date"),
    ("工号", lambda r: r.person.work_no, "text"),
    ("联系电话", lambda r: r.person.phone, "text"),
    ("状态", lambda r: STATUS_LABELS.get(r.person.status, r.person.status), ""),
    ("备注", lambda r: r.person.note, ""),
)
HEADERS = ("序号", *(c[0] for c in COLUMNS))
# Excel character widths (a CJK character counts two).
WIDTHS = {
    "序号": 6,
    "姓名": 10,
    "身份证号": 21,
    "部门（区队）": 14,
    "岗位/职务": 14,
    "特种作业证号": 20,
    "备注": 24,
}


def _rows(db: Database, mine_id: int, today: date) -> tuple[str, list[ExportRow]]:
    with db.session() as s:
        mine = s.get(Mine, mine_id)
        if mine is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        people = roster_people(s, mine_id, include_left=True)
        in_mine = select(Person.id).where(Person.mine_id == mine_id)
        gap_days: dict[int, int] = {}
        for person_id, start, end in s.execute(
            select(FrontLineGap.person_id, FrontLineGap.start, FrontLineGap.end).where(
                FrontLineGap.person_id.in_(in_mine)
            )
        ):
            gap_days[person_id] = gap_days.get(person_id, 0) + (end - start).days + 1
        certs: dict[int, list[Certificate]] = {}
        for cert in s.scalars(
            select(Certificate)
            .where(
                Certificate.person_id.in_(in_mine),
                Certificate.kind == CertificateKind.special_operation,
                Certificate.superseded.is_(False),
            )
            .order_by(Certificate.valid_until)
        ):
            certs.setdefault(cert.person_id, []).append(cert)
        rows = []
        for person, department in people:
            held = certs.get(person.id, [])
            years = None
            if person.work_start is not None:
                days = max(0, (today - person.work_start).days - gap_days.get(person.id, 0))
                years = round(days / 365.25, 1)
            rows.append(
                ExportRow(
                    person=person,
                    department=department,
                    front_line_years=years,
                    cert_numbers="、".join(c.number for c in held),
                    cert_valid_until=held[0].valid_until if held else None,
                )
            )
        s.expunge_all()  # the rows outlive the session; only loaded columns are read
        return mine.name, rows


def _text_cell(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value or None)
    if value:
        cell.data_type = "s"  # never a formula or a number, whatever the text looks like
    cell.number_format = "@"
    return cell


def _write_xlsx(target: Path, mine_name: str, rows: list[ExportRow], today: date) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(ROSTER_TITLE)
    last = get_column_letter(len(HEADERS))
    for index, header in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(header, 12)
    sheet.merged_cells.add(f"A1:{last}1")
    sheet.freeze_panes = "C4"
    title = WriteOnlyCell(sheet, value=ROSTER_TITLE)
    title.font = Font(bold=True, size=16)
    title.alignment = Alignment(horizontal="center")
    sheet.append([title])
    sheet.append([_text_cell(sheet, f"单位：{mine_name}"), None, None, None, f"导出日期：{today:%Y-%m-%d}"])
    bold = Font(bold=True)
    header_cells = []
    for header in HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for number, row in enumerate(rows, start=1):
        values: list[Any] = [number]
        for _header, get, kind in COLUMNS:
            value = get(row)
            if kind == "text" or (isinstance(value, str) and value.startswith("=")):
                values.append(_text_cell(sheet, value or ""))
            elif kind == "date" and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                values.append(cell)
            else:
                values.append(value if value != "" else None)
        sheet.append(values)
    workbook.save(target)


def _csv_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    text = str(value)
    # Excel opening a .csv turns long digit strings into 1.4E+17, drops leading zeros and runs a cell starting
    # with "=" as a formula; a leading tab keeps each of them text (and every reader strips it as white space).
    if kind == "text" and text.isdigit() and (len(text) > 11 or text.startswith("0")):
        return "\t" + text
    if text.startswith(("=", "+", "@")):
        return "\t" + text
    return text


def _write_csv(target: Path, rows: list[ExportRow]) -> None:
    # utf-8-sig: the BOM is how Excel recognises UTF-8; without it Chinese opens as mojibake.
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for number, row in enumerate(rows, start=1):
            writer.writerow([number, *(_csv_value(get(row), kind) for _h, get, kind in COLUMNS)])


def export_roster(db: Database, mine_id: int, target: str | Path) -> int:
    """Write every person of the mine (left and transferred too, with 状态) to target; returns the count."""
    path = Path(target).expanduser()
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError("--out", f"“{path.name}”应以 .xlsx 或 .csv 结尾")
    today = clock.today()
    mine_name, rows = _rows(db, mine_id, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        _write_xlsx(path, mine_name, rows, today)
    else:
        _write_csv(path, rows)
    return len(rows)
