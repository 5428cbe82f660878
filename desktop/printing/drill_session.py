"""自救器实操培训记录表: the session block, then one row per worker with his blind-donning time and a blank
column to sign in; portrait A4. A mine with no drill yet gets the same sheet blank, to fill in by hand."""

from __future__ import annotations

from datetime import datetime

from db.reports.drills import DrillSessionLine, DrillSessionSheet
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date, fmt_number, fmt_passed

__all__ = ["DRILL_SESSION_COLUMNS", "DRILL_SESSION_TITLE", "drill_session_form"]

DRILL_SESSION_TITLE = "自救器实操培训记录表"

# Weights are points on the portrait frame (527.2 pt). 本人签字 stays blank, wide and two lines tall: the
# worker signs his own result, which is what makes the record stand up to an inspector (备查).
DRILL_SESSION_COLUMNS: tuple[Column, ...] = (
    Column("序号", 26, align="center", wrap=False),
    Column("姓名", 56, align="center"),
    Column("部门", 86),
    Column("岗位", 70),
    Column("盲戴用时（秒）", 54, align="center", wrap=False),
    Column("是否合格", 46, align="center", wrap=False),
    Column("本人签字", 104, align="center", min_lines=2),
    Column("备注", 85),
)


def _result(line: DrillSessionLine) -> tuple[str, str]:
    """(盲戴用时, 是否合格): an absent worker is 缺席, never a blank that reads as "not yet typed"."""
    if line.absent:
        return "", "缺席"
    # One decimal always ("28.0"): a column of times reads evenly, as a stopwatch shows them.
    return ("" if line.seconds is None else f"{line.seconds:.1f}"), fmt_passed(line.passed)


def _remark(line: DrillSessionLine) -> str:
    parts = [line.remark] if line.remark else []
    if line.attempts > 1:
        parts.append(f"共测{line.attempts}次，记最后一次")
    return "；".join(parts)


def drill_session_form(sheet: DrillSessionSheet, printed_at: datetime) -> TableForm:
    standard = f"{fmt_number(sheet.threshold_s)} 秒（盲戴用时不超过{fmt_number(sheet.threshold_s)}秒为合格）"
    if sheet.blank:
        rows = [[str(n), x.name, x.department, x.post, "", "", "", ""] for n, x in enumerate(sheet.lines, 1)]
        info = [
            ("日期", ""),
            ("地点", ""),
            ("培训人", ""),
            ("培训自救器型号/编号", ""),
            ("合格标准", standard),
            ("类别", "月度实操培训 / 班前抽查"),
        ]
        period = "日期：　　年　　月　　日"
    else:
        rows = []
        for n, line in enumerate(sheet.lines, start=1):
            seconds, passed = _result(line)
            rows.append([str(n), line.name, line.department, line.post, seconds, passed, "", _remark(line)])
        unit = "　".join(x for x in (sheet.unit_model, sheet.unit_serials) if x)
        assert sheet.held_on is not None
        info = [
            ("日期", cn_date(sheet.held_on) + (f"（{sheet.shift}）" if sheet.shift else "")),
            ("地点", sheet.place),
            ("培训人", sheet.instructor),
            ("培训自救器型号/编号", unit),
            ("合格标准", standard),
            ("类别", sheet.kind_label),
            (
                "参训情况",
                f"应到 {len(sheet.lines)} 人，实到 {sheet.attended} 人，合格 {sheet.passed} 人，"
                f"不合格 {sheet.failed} 人，缺席 {sheet.absent} 人",
            ),
        ]
        if sheet.notes:
            info.append(("说明", sheet.notes))
        period = f"日期：{cn_date(sheet.held_on)}"
    return TableForm(
        title=DRILL_SESSION_TITLE,
        mine_name=sheet.mine_name,
        period=period,
        columns=list(DRILL_SESSION_COLUMNS),
        rows=rows,
        landscape=False,
        printed_at=printed_at,
        info_block=info,
        empty_text="（未登记参训人员）",
    )
