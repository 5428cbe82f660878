"""从业人员安全培训档案（一人一档）: a person block with a photo space, then every training, portrait A4.

Printed for one person or for everyone 在岗 at a mine; each person starts on a new page and his pages are
numbered on their own ("第 1 页 共 2 页" of his file), so the stack splits cleanly into the files.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from db.reports.person_file import PersonFile, PersonFileReport, TrainingRecord
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import FormPart, FormSet, cn_date, fmt_date, fmt_number, fmt_passed

__all__ = ["PERSON_FILE_COLUMNS", "PERSON_FILE_TITLE", "person_file_form", "person_files_formset"]

PERSON_FILE_TITLE = "从业人员安全培训档案（一人一档）"

# Weights are points on the portrait frame (527.2 pt); 培训内容 takes the most room, since it holds the
# session's name and what was taught.
PERSON_FILE_COLUMNS: tuple[Column, ...] = (
    Column("序号", 24, align="center", wrap=False),
    Column("培训日期", 50, align="center"),
    Column("培训类别", 58, align="center"),
    Column("培训内容", 158),
    Column("学时", 26, align="center", wrap=False),
    Column("培训单位", 68),
    Column("考核成绩", 30, align="center"),
    Column("是否合格", 32, align="center"),
    Column("备注", 50),
)

# The same columns with the person in front: the flat table of everyone (the spreadsheet).
FLAT_COLUMNS: tuple[Column, ...] = (
    PERSON_FILE_COLUMNS[0],
    Column("姓名", 50, align="center"),
    Column("身份证号", 96, align="center", wrap=False),
    *PERSON_FILE_COLUMNS[1:],
)

NO_TRAINING = "暂无培训记录"


def training_dates(start: date, end: date) -> str:
    if start == end:
        return fmt_date(start)
    tail = f"{end:%m-%d}" if end.year == start.year else fmt_date(end)
    return f"{fmt_date(start)}\n至{tail}"  # two short lines: the column stays narrow


def _content(t: TrainingRecord) -> str:
    return f"{t.name}\n{t.content}" if t.content else t.name


def _cells(t: TrainingRecord) -> list[str]:
    return [
        training_dates(t.start_date, t.end_date),
        t.kind_label,
        _content(t),
        fmt_number(t.hours),
        t.organiser,
        fmt_number(t.score),
        fmt_passed(t.passed),
        t.note,
    ]


def _certificates(f: PersonFile) -> str:
    if not f.certificates:
        return "无"
    lines = []
    for c in f.certificates:
        name = f"{c.kind_label}（{c.operation_type}）" if c.operation_type else c.kind_label
        lines.append(f"{name} {c.number}，有效期至{fmt_date(c.valid_until)}")
    return "\n".join(lines)


def _post(f: PersonFile) -> str:
    text = " ".join(x for x in (f.department, f.post) if x)
    return text if f.status == "active" else f"{text}（{f.status_label}）".strip()


def person_block(f: PersonFile) -> list[tuple[str, str]]:
    return [
        ("姓名", f.name),
        ("身份证号", f.id_number),
        ("学历", f.education),
        ("专业", f.major),
        ("岗位", _post(f)),
        ("入职日期", fmt_date(f.hire_date)),
        ("证书", _certificates(f)),
    ]


def person_file_form(f: PersonFile, mine_name: str, on: date, printed_at: datetime) -> TableForm:
    rows = [[str(n), *_cells(t)] for n, t in enumerate(f.trainings, start=1)]
    return TableForm(
        title=PERSON_FILE_TITLE,
        mine_name=mine_name,
        period=f"截至 {cn_date(on)}",
        columns=list(PERSON_FILE_COLUMNS),
        rows=rows,
        landscape=False,
        printed_at=printed_at,
        info_block=person_block(f),
        empty_text=f"（{NO_TRAINING}）",
    )


def _flat_rows(files: Sequence[PersonFile]) -> list[list[str]]:
    rows: list[list[str]] = []
    for f in files:
        if not f.trainings:
            rows.append([str(len(rows) + 1), f.name, f.id_number, *[""] * 7, NO_TRAINING])
        for t in f.trainings:
            rows.append([str(len(rows) + 1), f.name, f.id_number, *_cells(t)])
    return rows


def person_files_formset(report: PersonFileReport, printed_at: datetime) -> FormSet:
    """Every file of the report as one document (one person per page set), with the flat table inside."""
    parts = tuple(
        FormPart(person_file_form(f, report.mine_name, report.on, printed_at), photo_box=True,
                 label=f"{f.name}（{f.id_number}）")
        for f in report.files
    )  # fmt: skip
    return FormSet(
        title=PERSON_FILE_TITLE,
        mine_name=report.mine_name,
        period=f"截至 {cn_date(report.on)}",
        columns=list(FLAT_COLUMNS),
        rows=_flat_rows(report.files),
        landscape=True,
        printed_at=printed_at,
        empty_text="（无在岗人员）",
        parts=parts,
    )
