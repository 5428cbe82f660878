"""月度自救器实操培训覆盖情况表 (landscape: one row per department and a 合计 row, the names of the missing
wrapping in the last column), and the month's results as a spreadsheet (one row per underground worker with
each drill of the month), both from db.reports.drills.drill_month_report."""

from __future__ import annotations

from datetime import datetime

from db.reports.drills import DepartmentLine, DrillMonthReport, DrillPerson, percent
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date, fmt_date, fmt_number

__all__ = [
    "DRILL_COVERAGE_COLUMNS",
    "DRILL_COVERAGE_TITLE",
    "DRILL_RESULTS_TITLE",
    "drill_coverage_form",
    "drill_results_form",
]

DRILL_COVERAGE_TITLE = "月度自救器实操培训覆盖情况表"
DRILL_RESULTS_TITLE = "月度自救器实操培训结果"

# Weights are points on the landscape frame (773.9 pt): the counts stay narrow, the names get the rest.
DRILL_COVERAGE_COLUMNS: tuple[Column, ...] = (
    Column("部门", 110),
    Column("入井人数", 52, align="center", wrap=False),
    Column("已培训人数", 60, align="center", wrap=False),
    Column("合格人数", 52, align="center", wrap=False),
    Column("覆盖率", 52, align="center", wrap=False),
    Column("合格率", 52, align="center", wrap=False),
    Column("未培训人员名单", 396),
)


def _row(line: DepartmentLine, total: bool = False) -> list[str]:
    # The 合计 row counts the missing; their names are on the department rows above it.
    names = f"共 {len(line.missing)} 人" if total and line.missing else "、".join(line.missing)
    return [
        line.department,
        str(line.underground),
        str(line.drilled),
        str(line.passed),
        percent(line.coverage),
        percent(line.pass_rate),
        names,
    ]


def _names(people: list[DrillPerson]) -> str:
    return "、".join(f"{p.name}（{p.department}）" for p in people) or "无"


def _month(report: DrillMonthReport) -> str:
    text = f"{report.year}年{report.month}月"
    return text if report.complete else f"{text}（截至{cn_date(report.as_of)}）"


def drill_coverage_form(report: DrillMonthReport, printed_at: datetime) -> TableForm:
    rows = [_row(line) for line in report.departments]
    if rows:
        rows.append(_row(report.total, total=True))
    barred = _names(report.barred)
    repeat = _names(report.repeat_fail)
    info = [
        ("合格标准", f"盲戴用时不超过{fmt_number(report.threshold_s)}秒"),
        ("统计口径", "覆盖率＝已培训人数÷入井人数；合格率＝合格人数÷已培训人数"),
        ("不得入井", barred + ("（最近一次盲戴不合格，复训合格前不得入井）" if report.barred else "")),
        ("连续两月不合格", repeat + ("（须安排再培训）" if report.repeat_fail else "")),
    ]
    return TableForm(
        title=DRILL_COVERAGE_TITLE,
        mine_name=report.mine_name,
        period=f"统计月份：{_month(report)}",
        columns=list(DRILL_COVERAGE_COLUMNS),
        rows=rows,
        landscape=True,
        printed_at=printed_at,
        info_block=info,
        empty_text="（本月没有入井人员）",
    )


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


_FIXED = ("序号", "姓名", "身份证号", "部门", "岗位", "本月情况", "最好成绩（秒）", "不得入井", "在岗")
_PER_DRILL = ("日期", "类别", "用时（秒）", "结果")


def drill_results_form(report: DrillMonthReport, printed_at: datetime) -> TableForm:
    """The month as a spreadsheet: the fixed columns, then date, kind, seconds and result of each drill."""
    most = max((len(p.drills) for p in report.people), default=0)
    columns = [Column(h, wrap=h not in ("身份证号",)) for h in _FIXED]
    for n in range(1, most + 1):
        columns += [Column(f"第{n}次{h}") for h in _PER_DRILL]
    rows = []
    for index, p in enumerate(report.people, start=1):
        row = [
            str(index),
            p.name,
            p.id_number,
            p.department,
            p.post,
            p.status_label,
            _seconds(p.best),
            "是" if p.barred else "",
            "是" if p.active else "否",
        ]
        for d in p.drills:
            row += [fmt_date(d.held_on), d.kind_label, _seconds(d.seconds), d.result]
        row += [""] * (len(columns) - len(row))
        rows.append(row)
    return TableForm(
        title=DRILL_RESULTS_TITLE,
        mine_name=report.mine_name,
        period=f"统计月份：{_month(report)}",
        columns=columns,
        rows=rows,
        landscape=True,
        printed_at=printed_at,
        signatures=(),
        empty_text="（本月没有入井人员）",
    )
