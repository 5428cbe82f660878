"""“五职”矿长和“五科”专业技术人员配备情况表: one row per key post and holder, on landscape A4.

A vacant post prints a row saying 空缺; a holder who does not qualify prints the reasons the staffing rules
give (db.reports.staffing), so this sheet and the 首页 findings say the same thing.
"""

from __future__ import annotations

from datetime import datetime

from db.reports.staffing import StaffingLine, StaffingReport
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date, fmt_date

__all__ = ["STAFFING_COLUMNS", "STAFFING_TITLE", "staffing_form"]

STAFFING_TITLE = "“五职”矿长和“五科”专业技术人员配备情况表"

# Weights are points on the landscape frame (773.9 pt). The reasons column takes what is left, since a
# holder may fall short on several counts.
STAFFING_COLUMNS: tuple[Column, ...] = (
    Column("序号", 28, align="center", wrap=False),
    Column("职务/专业", 74, align="center"),
    Column("姓名", 52, align="center"),
    Column("学历", 42, align="center"),
    Column("专业", 64),
    Column("是否主体专业", 40, align="center"),
    Column("一线从业年限", 44, align="center"),
    Column("任职时间", 58, align="center", wrap=False),
    Column("考核合格证号", 82, align="center"),
    Column("年度专门培训", 68, align="center"),
    Column("是否符合要求（不符合的写明原因）", 222),
)

VACANT = "空缺"
QUALIFIED = "符合"
NOT_APPLICABLE = "—"


def _post(line: StaffingLine) -> str:
    return f"{line.post_title}专业" if line.group == "five_specialties" else line.post_title


def _competence(line: StaffingLine, report: StaffingReport) -> str:
    if not line.competence:
        # The principal and the five positions are meant to hold one; a technician is not.
        return "无" if line.special_training_required else ""
    return "\n".join(
        f"{number}（已过期）" if valid_until < report.on else number
        for number, valid_until in line.competence
    )


def _special_training(line: StaffingLine, report: StaffingReport) -> str:
    if not line.special_training_required:
        return NOT_APPLICABLE
    year = report.on.year
    text = f"{year}年{'已' if line.special_training_this_year else '未'}参加"
    if line.special_training_missed_last_year:
        text += f"\n{year - 1}年未参加"
    return text


def _verdict(line: StaffingLine) -> str:
    if line.vacant:
        return VACANT
    if line.reasons:
        return "不符合：" + "；".join(line.reasons)
    return f"{QUALIFIED}（{line.note}）" if line.note else QUALIFIED


def _years(line: StaffingLine) -> str:
    if line.person_id is None:
        return ""
    # One decimal, as the rule's reason text prints it ("一线从业经历8.0年，不足10年").
    return "未填写" if line.front_line_years is None else f"{line.front_line_years:.1f}"


def _row(number: int, line: StaffingLine, report: StaffingReport) -> list[str]:
    if line.person_id is None:
        blank = [""] * 7
        return [str(number), _post(line), line.name, *blank, _verdict(line)]
    core = "" if line.core_major is None else ("是" if line.core_major else "否")
    return [
        str(number),
        _post(line),
        line.name,
        line.education,
        line.major,
        core,
        _years(line),
        fmt_date(line.since),
        _competence(line, report),
        _special_training(line, report),
        _verdict(line),
    ]


def staffing_form(report: StaffingReport, printed_at: datetime) -> TableForm:
    rows = [_row(number, line, report) for number, line in enumerate(report.lines, start=1)]
    return TableForm(
        title=STAFFING_TITLE,
        mine_name=report.mine_name,
        period=f"截至 {cn_date(report.on)}",
        columns=list(STAFFING_COLUMNS),
        rows=rows,
        landscape=True,
        printed_at=printed_at,
        info_block=[
            ("矿山类别", report.mine_kind_label),
            ("任职条件", f"{report.profile_label}：" + "；".join(report.requirements)),
        ],
    )
