"""隐患统计表: a year's hazards by category or by month (新增, 已整改销号, 未整改, 逾期, 重大, 整改率) with a
合计 row, landscape A4; above the table, the counting rules and the 存量/增量 of major hazards."""

from __future__ import annotations

from datetime import datetime

from db.reports.hazards import HazardStats, StatsLine, rate_text
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date

__all__ = ["HAZARD_STATS_TITLE", "hazard_stats_columns", "hazard_stats_form"]

HAZARD_STATS_TITLE = "隐患统计表"
_COUNTS = ("新增", "已整改销号", "未整改", "逾期", "重大", "整改率")


def hazard_stats_columns(by: str) -> list[Column]:
    # Weights are points on the landscape frame (773.9 pt).
    first = Column("类别" if by == "category" else "月份", 193.9, align="center")
    return [first, *(Column(h, 96.7, align="center", wrap=False) for h in _COUNTS)]


def _row(line: StatsLine) -> list[str]:
    return [
        line.label,
        str(line.new),
        str(line.closed),
        str(line.open),
        str(line.overdue),
        str(line.major),
        rate_text(line.rate),
    ]


def hazard_stats_form(stats: HazardStats, printed_at: datetime) -> TableForm:
    rows = [_row(line) for line in stats.lines]
    rows.append(_row(stats.total))
    m = stats.majors
    year = f"{stats.year}年"
    if stats.year == stats.as_of.year:
        year += f"（截至{cn_date(stats.as_of)}）"
    info = [
        ("统计年度", year),
        ("整改率", rate_text(stats.rate)),
        ("已作废（不计入）", f"{stats.voided} 项"),
        (
            "统计口径",
            "按排查日期计入所在" + ("类别" if stats.by == "category" else "月份")
            + "；已整改销号、未整改、逾期为这些隐患的当前状态（逾期＝超过整改期限仍未销号）；"
            "整改率＝已整改销号÷新增",
        ),
        (
            "重大事故隐患存量",
            f"以前年度发现、仍未销号 {m.stock_open} 项；本年度已销号 {m.stock_closed} 项",
        ),
        (
            "重大事故隐患增量",
            f"本年度发现 {m.increment} 项：已销号 {m.increment_closed} 项，未销号 {m.increment_open} 项",
        ),
        ("重大事故隐患未销号", f"{m.open_total} 项（动态清零）"),
    ]  # fmt: skip
    by = "按专业类别" if stats.by == "category" else "按月份"
    return TableForm(
        title=HAZARD_STATS_TITLE,
        mine_name=stats.mine_name,
        period=f"统计年度：{stats.year}年（{by}）",
        columns=hazard_stats_columns(stats.by),
        rows=rows,
        landscape=True,
        printed_at=printed_at,
        info_block=info,
    )
