"""隐患排查治理台账: one row per hazard found in a period (and filter), landscape A4, the 16 columns of
FORMS.md. Voided entries stay on the paper as 已作废 with their reason; an overdue one says how many days."""

from __future__ import annotations

from datetime import datetime

from db.reports.hazards import HazardLedger, LedgerLine
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date, fmt_date, fmt_number

__all__ = ["HAZARD_LEDGER_COLUMNS", "HAZARD_LEDGER_TITLE", "hazard_ledger_form", "ledger_cells"]

HAZARD_LEDGER_TITLE = "隐患排查治理台账"

# Weights are points on the landscape frame (773.9 pt; they are scaled to it). Dates and numbers stay on
# one line (wrap=False shrinks a value a little rather than break "2026-01-15"); the free text wraps.
HAZARD_LEDGER_COLUMNS: tuple[Column, ...] = (
    Column("序号", 22, align="center", wrap=False),
    Column("编号", 48, align="center", wrap=False),
    Column("排查日期", 46, align="center", wrap=False),
    Column("排查层级/来源", 46, align="center"),
    Column("地点", 56),
    Column("专业类别", 40, align="center"),
    Column("隐患描述", 108),
    Column("等级", 42, align="center"),
    Column("责任人", 36, align="center"),
    Column("整改措施", 96),
    Column("整改期限", 46, align="center", wrap=False),
    Column("整改资金", 34, align="right", wrap=False),
    Column("整改完成日期", 46, align="center", wrap=False),
    Column("验收人", 36, align="center"),
    Column("验收日期", 46, align="center", wrap=False),
    Column("状态", 56, align="center"),
)


def _source(line: LedgerLine) -> str:
    # An outside inspector's unit tells an enforcement visit from a group check.
    return f"{line.source_label}\n{line.found_by_unit}" if line.found_by_unit else line.source_label


def _grade(line: LedgerLine) -> str:
    # 一般 over （B级）: a narrow column would otherwise break inside the brackets.
    return line.grade_shown.replace("（", "\n（", 1)


def _status(line: LedgerLine) -> str:
    if line.status == "voided":
        return f"{line.status_label}\n（{line.void_reason}）" if line.void_reason else line.status_label
    if line.overdue_days is not None:
        return f"{line.status_label}\n逾期{line.overdue_days}天"
    return line.status_label


def ledger_cells(line: LedgerLine) -> list[str]:
    """The 15 cells after 序号, as printed (the export writes the same text)."""
    return [
        line.number,
        fmt_date(line.found_on),
        _source(line),
        line.place,
        line.category_shown,
        line.description,
        _grade(line),
        line.responsible,
        line.measures,
        fmt_date(line.deadline),
        fmt_number(line.funds, 2),
        fmt_date(line.rectified_on),
        line.accepted_by,
        fmt_date(line.accepted_on),
        _status(line),
    ]


def _summary(ledger: HazardLedger) -> list[tuple[str, str]]:
    lines = ledger.lines
    live = [x for x in lines if x.status != "voided"]
    info = [
        ("隐患总数", f"{len(live)} 项"),
        ("其中重大事故隐患", f"{sum(1 for x in live if x.grade == 'major')} 项"),
        ("已销号", f"{sum(1 for x in live if x.status == 'closed')} 项"),
        ("未销号", f"{sum(1 for x in live if x.is_open)} 项"),
        ("逾期未销号", f"{sum(1 for x in live if x.overdue_days is not None)} 项"),
        ("已作废（不计入）", f"{ledger.voided} 项"),
    ]
    if ledger.filter.describe():
        info.append(("筛选条件", ledger.filter.describe()))
    return info


def hazard_ledger_form(ledger: HazardLedger, printed_at: datetime) -> TableForm:
    rows = [[str(n), *ledger_cells(line)] for n, line in enumerate(ledger.lines, start=1)]
    period = f"排查日期：{cn_date(ledger.start)}至{cn_date(ledger.end)}"
    return TableForm(
        title=HAZARD_LEDGER_TITLE,
        mine_name=ledger.mine_name,
        period=period,
        columns=list(HAZARD_LEDGER_COLUMNS),
        rows=rows,
        landscape=True,
        printed_at=printed_at,
        info_block=_summary(ledger),
        empty_text="（本期没有符合条件的隐患）",
    )
