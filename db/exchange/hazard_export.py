"""Export the hazard ledger as .xlsx with its history: what an inspector asks for beside the paper.

Three sheets:
- 隐患排查治理台账: the printed ledger's columns (FORMS.md), then the rest of each record (排查人, 判定依据,
  预案, 挂牌督办, 双报告, 整改情况, 验收意见, 销号日期, 原因分析, 作废原因), so nothing typed is lost on the
  way out; hazard_import reads the sheet back (its headers are the import's words);
- 处理记录: every step of every exported hazard (编号, 时间, 操作人, 原状态, 新状态, 说明): the HazardEvent
  rows;
- 修改记录: every change from the audit trail, one line per field (字段, 原值, 新值, who, when), including
  the five fixes filled in after registration, which change no status and so have no event.

Dates are date cells; text is text (a number-like 编号 or a value starting with "=" stays as typed).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
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
from db.errors import ValidationError
from db.models import AuditEntry
from db.models.hazard import GRADE_LABELS, HAZARD_STATUS_LABELS
from db.reports.hazards import HazardFilter, HazardLedger, LedgerLine, hazard_events, hazard_ledger

__all__ = ["EVENT_HEADERS", "LEDGER_HEADERS", "TRAIL_HEADERS", "export_hazards"]

LEDGER_TITLE = "隐患排查治理台账"
EVENTS_TITLE = "处理记录"
TRAIL_TITLE = "修改记录"

# The Chinese name of each Hazard column, for the trail sheet.
FIELD_NAMES = {
    "number": "编号", "found_on": "排查日期", "found_by_person_id": "排查人（人员编号）",
    "found_by_name": "排查人", "found_by_unit": "检查单位", "source": "排查层级/来源", "place": "地点",
    "category": "专业类别", "category_text": "专业类别（原文）", "description": "隐患描述", "grade": "等级",
    "grade_label": "本矿等级",
    "standard_edition": "判定标准版本", "clause_key": "判定标准条款", "clause_text": "判定依据",
    "responsible_person_id": "责任人（人员编号）", "responsible_name": "责任人", "measures": "整改措施",
    "funds": "整改资金", "deadline": "整改期限", "contingency_plan": "预案", "listed_by": "挂牌督办",
    "listed_on": "挂牌督办日期", "reported_on": "报监管部门日期", "announced_on": "向职工公告日期",
    "status": "状态", "rectified_on": "整改完成日期", "rectified_by": "整改人", "rectification": "整改情况",
    "accepted_by_person_id": "验收人（人员编号）", "accepted_by_name": "验收人", "accepted_on": "验收日期",
    "acceptance_opinion": "验收意见", "closed_on": "销号日期", "cause_analysis": "原因分析",
    "void_reason": "作废原因",
}  # fmt: skip
ACTIONS = {"create": "登记", "update": "修改", "status": "状态变更", "void": "作废"}


def _grade(line: LedgerLine) -> str:
    return line.grade_shown


def _status(line: LedgerLine) -> str:
    if line.overdue_days is not None:
        return f"{line.status_label}（逾期{line.overdue_days}天）"
    return line.status_label


# (header, value, width in Excel characters): the ledger's 15 columns after 序号, then the rest of the record.
LEDGER_COLUMNS: tuple[tuple[str, Any, int], ...] = (
    ("编号", lambda x: x.number, 11),
    ("排查日期", lambda x: x.found_on, 11),
    ("排查层级/来源", lambda x: x.source_label, 10),
    ("地点", lambda x: x.place, 18),
    ("专业类别", lambda x: x.category_shown, 10),
    ("隐患描述", lambda x: x.description, 36),
    ("等级", _grade, 10),
    ("责任人", lambda x: x.responsible, 8),
    ("整改措施", lambda x: x.measures, 30),
    ("整改期限", lambda x: x.deadline, 11),
    ("整改资金", lambda x: x.funds, 9),
    ("整改完成日期", lambda x: x.rectified_on, 11),
    ("验收人", lambda x: x.accepted_by, 8),
    ("验收日期", lambda x: x.accepted_on, 11),
    ("状态", _status, 12),
    ("排查人", lambda x: x.found_by, 10),
    ("检查单位", lambda x: x.found_by_unit, 14),
    ("判定依据", lambda x: x.clause_text, 30),
    ("预案", lambda x: x.contingency_plan, 24),
    ("挂牌督办", lambda x: x.listed_by, 14),
    ("挂牌督办日期", lambda x: x.listed_on, 11),
    ("报监管部门日期", lambda x: x.reported_on, 11),
    ("向职工公告日期", lambda x: x.announced_on, 11),
    ("整改情况", lambda x: x.rectification, 24),
    ("整改人", lambda x: x.rectified_by, 8),
    ("验收意见", lambda x: x.acceptance_opinion, 20),
    ("销号日期", lambda x: x.closed_on, 11),
    ("原因分析", lambda x: x.cause_analysis, 20),
    ("作废原因", lambda x: x.void_reason, 20),
)
LEDGER_HEADERS = ("序号", *(c[0] for c in LEDGER_COLUMNS))
EVENT_HEADERS = ("编号", "时间", "操作人", "原状态", "新状态", "说明")
TRAIL_HEADERS = ("编号", "时间", "操作人", "操作", "字段", "原值", "新值")


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str):
        if not value:
            return None
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula or a number, whatever the text looks like
        cell.alignment = Alignment(wrap_text="\n" in value, vertical="top")
        return cell
    return value


def _sheet(
    workbook: Workbook,
    title: str,
    headers: Sequence[str],
    widths: Sequence[int],
    heading: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{len(heading) + 2}"
    for n, text in enumerate(heading):
        cell = WriteOnlyCell(sheet, value=text)
        if n == 0:
            cell.font = Font(bold=True, size=14)
        sheet.append([cell])
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _field_value(name: str, value: Any) -> str:
    if name == "status":
        return HAZARD_STATUS_LABELS.get(str(value), _plain(value))
    if name == "grade":
        return GRADE_LABELS.get(str(value), _plain(value))
    return _plain(value)


def _trail(db: Database, ledger: HazardLedger) -> list[list[Any]]:
    """One line per changed field of every audit row of the exported hazards, oldest first."""
    numbers = {line.id: line.number for line in ledger.lines}
    if not numbers:
        return []
    with db.session() as s:
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "hazard", AuditEntry.entity_id.in_(list(numbers)))
            .order_by(AuditEntry.entity_id, AuditEntry.id)
        ).all()
        rows: list[list[Any]] = []
        for e in entries:
            before = json.loads(e.before) if e.before else {}
            after = json.loads(e.after) if e.after else {}
            action = ACTIONS.get(e.action, e.action)
            head = [numbers[e.entity_id], e.at, e.operator_name, action]  # type: ignore[index]
            if e.before is None:  # a registration: the record as created, not field by field
                rows.append([*head, "", "", "（新登记）"])
                continue
            for name in sorted(set(before) | set(after), key=lambda k: list(FIELD_NAMES).index(k)
                               if k in FIELD_NAMES else 99):  # fmt: skip
                rows.append(
                    [
                        *head,
                        FIELD_NAMES.get(name, name),
                        _field_value(name, before.get(name)),
                        _field_value(name, after.get(name)),
                    ]
                )
        return rows


def export_hazards(
    db: Database,
    mine_id: int,
    target: str | Path,
    start: date | None = None,
    end: date | None = None,
    filt: HazardFilter | None = None,
) -> tuple[int, int]:
    """Write the ledger of the hazards found from start to end (default: this year), their events and their
    trail to target (.xlsx). Returns (hazards, events)."""
    path = Path(target).expanduser()
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("--out", f"“{path.name}”应以 .xlsx 结尾")
    today = clock.today()
    ledger = hazard_ledger(db, mine_id, start, end, filt, today)
    events = hazard_events(db, [line.id for line in ledger.lines]) if ledger.lines else []
    numbers = {line.id: line.number for line in ledger.lines}
    period = f"排查日期：{ledger.start:%Y-%m-%d}至{ledger.end:%Y-%m-%d}"
    heading = [f"单位：{ledger.mine_name}　{period}　导出日期：{today:%Y-%m-%d}"]
    if ledger.filter.describe():
        heading.append(f"筛选条件：{ledger.filter.describe()}")
    workbook = Workbook(write_only=True)
    _sheet(
        workbook,
        LEDGER_TITLE,
        LEDGER_HEADERS,
        [6, *(c[2] for c in LEDGER_COLUMNS)],
        [LEDGER_TITLE, *heading],
        [[n, *(get(line) for _h, get, _w in LEDGER_COLUMNS)] for n, line in enumerate(ledger.lines, start=1)],
    )
    _sheet(
        workbook,
        EVENTS_TITLE,
        EVENT_HEADERS,
        (11, 17, 14, 10, 10, 50),
        [f"{LEDGER_TITLE}　{EVENTS_TITLE}（每一步的操作人和时间）", *heading],
        [[numbers[e.hazard_id], e.at, e.operator, e.from_label, e.to_label, e.note] for e in events],
    )
    _sheet(
        workbook,
        TRAIL_TITLE,
        TRAIL_HEADERS,
        (11, 17, 14, 10, 14, 30, 30),
        [f"{LEDGER_TITLE}　{TRAIL_TITLE}（字段、原值、新值、操作人、时间）", *heading],
        _trail(db, ledger),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return len(ledger.lines), len(events)
