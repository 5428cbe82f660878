"""月度重大事故隐患排查记录（零报告）: the principal's whole-system check of one month, portrait A4, as a
two-column table (项目 | 内容). The month's major hazards are listed; a month whose check found none prints
"本月未发现重大事故隐患（零报告）" with the date the zero report was filed. A month with no check recorded
prints so, plainly (HAZ-MONTHLY-CHECK), with room to write it up by hand."""

from __future__ import annotations

from datetime import datetime

from db.reports.hazards import ZERO_REPORT_TEXT, MonthlyCheckRecord
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date, fmt_date

__all__ = ["MONTHLY_CHECK_FIELDS", "MONTHLY_CHECK_TITLE", "monthly_check_form"]

MONTHLY_CHECK_TITLE = "月度重大事故隐患排查记录（零报告）"
MONTHLY_CHECK_FIELDS = (
    "月份",
    "排查日期",
    "组织人（主要负责人）",
    "参加人员",
    "排查范围",
    "排查结果",
    "发现重大事故隐患数",
    "重大事故隐患清单",
    "签字",
)
NOT_RECORDED = "（本月未登记主要负责人组织的排查）"
# Weights are points on the portrait frame (527.2 pt).
_KEY = Column("项目", 112, align="center")
_VALUE = Column("内容", 415.2)
# Room to sign by hand: the signature cell's lines, kept from being stripped as blank.
_SIGN = "组织人（主要负责人）：\n\n\n参加人员：\n\n\n"


def _majors(record: MonthlyCheckRecord) -> str:
    if record.majors:
        return "\n".join(
            f"{m.number}　{fmt_date(m.found_on)}　{m.place}：{m.description}（{m.status_label}）"
            for m in record.majors
        )
    if not record.checked:
        return "（未排查，不能报零）"
    filed = (
        f"\n零报告报送日期：{cn_date(record.zero_report_on)}" if record.zero_report_on else "\n零报告尚未报送"
    )
    return ZERO_REPORT_TEXT + filed


def monthly_check_form(record: MonthlyCheckRecord, printed_at: datetime) -> TableForm:
    month = f"{record.year}年{record.month}月"
    if not record.complete:
        month += "（本月尚未结束）"
    values = [
        month,
        cn_date(record.checked_on) if record.checked_on else NOT_RECORDED,
        record.led_by,
        record.participants,
        record.scope,
        record.result,
        f"{len(record.majors)} 项",
        _majors(record),
        _SIGN + "日期：",
    ]
    return TableForm(
        title=MONTHLY_CHECK_TITLE,
        mine_name=record.mine_name,
        period=f"排查月份：{record.year}年{record.month}月",
        # A month without a check: every field tall enough to write it up by hand.
        columns=[_KEY, _VALUE if record.checked else Column(_VALUE.header, _VALUE.width, min_lines=2)],
        rows=[[key, value] for key, value in zip(MONTHLY_CHECK_FIELDS, values, strict=True)],
        landscape=False,
        printed_at=printed_at,
    )
