"""从业人员花名册: the staff roster, one row a person, on landscape A4 (columns per FORMS.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from desktop.printing.layout import Column, TableForm, build_pdf

__all__ = ["ROSTER_COLUMNS", "ROSTER_TITLE", "RosterRow", "build_roster_pdf", "roster_form"]

ROSTER_TITLE = "从业人员花名册"

# Widths are points on the landscape frame (773.9 pt; the template scales weights to it). An 18-character
# ID number is 89.2 pt at 9 pt and a "T" + ID certificate number 93.9 pt, so both columns hold one on a
# single line; they are also wrap=False, so a stray longer value shrinks instead of breaking mid-number.
ROSTER_COLUMNS: tuple[Column, ...] = (
    Column("序号", 28, align="center", wrap=False),
    Column("姓名", 50, align="center"),
    Column("性别", 26, align="center"),
    Column("身份证号", 98, align="center", wrap=False),
    Column("文化程度", 48, align="center"),
    Column("所学专业", 56),
    Column("部门（区队）", 86),
    Column("岗位/职务", 60),
    Column("用工形式", 46, align="center"),
    Column("入井", 26, align="center"),
    Column("参加工作时间", 56, align="center", wrap=False),
    Column("一线年限", 36, align="center"),
    Column("特种作业证号", 102, align="center", wrap=False),
    Column("有效期至", 56, align="center", wrap=False),
)


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person as the roster prints them; None prints as an empty cell."""

    name: str
    sex: str | None = None
    id_number: str | None = None
    education: str | None = None
    major: str | None = None
    department: str | None = None
    post: str | None = None
    employment: str | None = None
    underground: bool = False
    work_start: date | None = None
    front_line_years: float | None = None
    cert_no: str | None = None
    cert_valid_until: date | None = None


def _date(value: date | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d}"


def _years(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text  # 3.0 -> "3", 2.5 -> "2.5"


def _text(value: str | None) -> str:
    return "" if value is None else value.strip()


def roster_form(
    mine_name: str, rows: Sequence[RosterRow], printed_at: datetime, period: str | None = None
) -> TableForm:
    """The roster as a printable form; period defaults to "截至 <print date>"."""
    if period is None:
        period = f"截至 {printed_at.year}年{printed_at.month}月{printed_at.day}日"
    cells = [
        (
            str(number),
            _text(row.name),
            _text(row.sex),
            _text(row.id_number),
            _text(row.education),
            _text(row.major),
            _text(row.department),
            _text(row.post),
            _text(row.employment),
            "是" if row.underground else "否",
            _date(row.work_start),
            _years(row.front_line_years),
            _text(row.cert_no),
            _date(row.cert_valid_until),
        )
        for number, row in enumerate(rows, start=1)
    ]
    return TableForm(
        title=ROSTER_TITLE,
        mine_name=mine_name,
        period=period,
        columns=list(ROSTER_COLUMNS),
        rows=cells,
        landscape=True,
        printed_at=printed_at,
    )


def build_roster_pdf(
    target: str | Path | BinaryIO,
    mine_name: str,
    rows: Sequence[RosterRow],
    printed_at: datetime,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Print the roster to target; returns the page count (see layout.build_pdf for the callbacks)."""
    return build_pdf(target, roster_form(mine_name, rows, printed_at), progress=progress, cancelled=cancelled)
