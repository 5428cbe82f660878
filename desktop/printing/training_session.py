"""安全培训签到及考核记录表: the session block, then one row per attendee with room to sign; portrait A4."""

from __future__ import annotations

from datetime import datetime

from db.reports.training_session import SessionSheet
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date, fmt_date, fmt_number, fmt_passed

__all__ = ["TRAINING_SESSION_COLUMNS", "TRAINING_SESSION_TITLE", "training_session_form"]

TRAINING_SESSION_TITLE = "安全培训签到及考核记录表"

# Weights are points on the portrait frame (527.2 pt). 本人签字 is left blank, wide and two lines tall:
# room for a name written by hand.
TRAINING_SESSION_COLUMNS: tuple[Column, ...] = (
    Column("序号", 26, align="center", wrap=False),
    Column("姓名", 58, align="center"),
    Column("部门", 100),
    Column("岗位", 82),
    Column("本人签字", 120, align="center", min_lines=2),
    Column("考核成绩", 46, align="center"),
    Column("是否合格", 46, align="center"),
)


def _dates(sheet: SessionSheet) -> str:
    if sheet.start_date == sheet.end_date:
        return fmt_date(sheet.start_date)
    return f"{fmt_date(sheet.start_date)} 至 {fmt_date(sheet.end_date)}"


def training_session_form(sheet: SessionSheet, printed_at: datetime) -> TableForm:
    rows = [
        [str(n), a.name, a.department, a.post, "", fmt_number(a.score), fmt_passed(a.passed)]
        for n, a in enumerate(sheet.attendees, start=1)
    ]
    info = [
        ("培训名称", sheet.name),
        ("类别", sheet.kind_label),
        ("日期", _dates(sheet)),
        ("地点", sheet.place),
        ("授课人", sheet.organiser),
        ("学时", fmt_number(sheet.hours)),
    ]
    if sheet.content:
        info.append(("培训内容", sheet.content))
    period = f"培训日期：{cn_date(sheet.start_date)}"
    if sheet.end_date != sheet.start_date:
        period += f"至{cn_date(sheet.end_date)}"
    return TableForm(
        title=TRAINING_SESSION_TITLE,
        mine_name=sheet.mine_name,
        period=period,
        columns=list(TRAINING_SESSION_COLUMNS),
        rows=rows,
        landscape=False,
        printed_at=printed_at,
        info_block=info,
        empty_text="（未登记参训人员）",
    )
