"""重大事故隐患“五落实”及整改销号单: one major hazard, portrait A4. The key/value block carries the fields of
FORMS.md in their order (registration, 判定依据, the five fixes, 挂牌督办, 双报告, rectification, acceptance,
closing, 原因分析); below it the hazard's history, every step with who and when.

A gap the rules report (missing_five_fixes, missing_double_report) prints as （未落实）, so the inspector sees
on paper what the 首页 finding says; an unverified edition of the standard prints 「待核对」 after the clause.
"""

from __future__ import annotations

from datetime import datetime

from db.reports.hazards import HazardCard
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date, fmt_date, fmt_number

__all__ = ["GAP", "HAZARD_CARD_COLUMNS", "HAZARD_CARD_TITLE", "hazard_card_form"]

HAZARD_CARD_TITLE = "重大事故隐患“五落实”及整改销号单"
GAP = "（未落实）"

# Weights are points on the portrait frame (527.2 pt): the history of the hazard.
HAZARD_CARD_COLUMNS: tuple[Column, ...] = (
    Column("序号", 24, align="center", wrap=False),
    Column("时间", 80, align="center", wrap=False),
    Column("操作人", 70, align="center"),
    Column("原状态", 44, align="center"),
    Column("新状态", 44, align="center"),
    Column("说明", 265.2),
)


BLANK_KEYS = (
    "编号", "发现日期", "等级", "专业类别", "来源", "地点", "隐患描述", "判定依据（判定标准条款）",
    "五落实：责任人", "五落实：资金", "五落实：时限", "挂牌督办", "五落实：措施", "五落实：预案",
    "双报告：报监管部门日期", "双报告：向职工公告日期", "验收人签字", "销号日期", "整改情况", "验收意见",
    "当前状态", "原因分析",
)  # fmt: skip


def _or_gap(value: str, gap: bool) -> str:
    return GAP if gap else value


def _found_by(card: HazardCard) -> str:
    line = card.line
    assert line is not None
    who = "，".join(x for x in (line.found_by, line.found_by_unit) if x)
    return f"{line.source_label}（{who}）" if who else line.source_label


def _rectification(card: HazardCard) -> str:
    line = card.line
    assert line is not None
    if line.rectified_on is None:
        if line.status == "voided":
            return ""
        return "（未整改完成）" if line.rectification == "" else line.rectification
    by = f"，整改人：{line.rectified_by}" if line.rectified_by else ""
    return f"{line.rectification}（{cn_date(line.rectified_on)}完成{by}）"


def _status(card: HazardCard) -> str:
    line = card.line
    assert line is not None
    if line.status == "voided":
        return f"{line.status_label}（{line.void_reason}）"
    if line.overdue_days is not None:
        return f"{line.status_label}（逾期{line.overdue_days}天）"
    return line.status_label


def card_info(card: HazardCard) -> list[tuple[str, str]]:
    line = card.line
    if line is None:  # a blank card: every field left to fill in by hand
        return [(key, "") for key in BLANK_KEYS]
    fixes = set(card.five_fixes_gaps)
    reports = set(card.double_report_gaps)
    listed = "，".join(x for x in (line.listed_by, fmt_date(line.listed_on)) if x) or "（无）"
    # Short values pair up two to a row; the ones that may run long come where a full row costs no order.
    return [
        ("编号", line.number),
        ("发现日期", fmt_date(line.found_on)),
        ("等级", line.grade_shown),
        ("专业类别", line.category_shown),
        ("来源", _found_by(card)),
        ("地点", line.place),
        ("隐患描述", line.description),
        ("判定依据（判定标准条款）", card.basis or GAP),
        ("五落实：责任人", _or_gap(line.responsible, "责任人" in fixes)),
        ("五落实：资金", _or_gap(f"{fmt_number(line.funds, 2)} 元", "资金" in fixes)),
        ("五落实：时限", _or_gap(fmt_date(line.deadline), "时限" in fixes)),
        ("挂牌督办", listed),
        ("五落实：措施", _or_gap(line.measures, "措施" in fixes)),
        ("五落实：预案", _or_gap(line.contingency_plan, "预案" in fixes)),
        ("双报告：报监管部门日期", _or_gap(fmt_date(line.reported_on), "报监管部门" in reports)),
        ("双报告：向职工公告日期", _or_gap(fmt_date(line.announced_on), "向职工公告" in reports)),
        ("验收人签字", f"{line.accepted_by}（{cn_date(line.accepted_on)}）" if line.accepted_on else ""),
        ("销号日期", fmt_date(line.closed_on) or "（未销号）"),
        ("整改情况", _rectification(card)),
        ("验收意见", line.acceptance_opinion),
        ("当前状态", _status(card)),
        ("原因分析", line.cause_analysis),
    ]


def hazard_card_form(card: HazardCard, printed_at: datetime) -> TableForm:
    rows = [
        [str(n), f"{e.at:%Y-%m-%d %H:%M}", e.operator, e.from_label, e.to_label, e.note]
        for n, e in enumerate(card.events, start=1)
    ]
    line = card.line
    if line is None:
        period = "编号：　　　　　发现日期：　　　　年　　月　　日"
    else:
        period = f"编号：{line.number}　发现日期：{cn_date(line.found_on)}"
    return TableForm(
        title=HAZARD_CARD_TITLE,
        mine_name=card.mine_name,
        period=period,
        columns=list(HAZARD_CARD_COLUMNS),
        rows=rows,
        landscape=False,
        printed_at=printed_at,
        info_block=card_info(card),
        empty_text="（无处理记录）",
    )
