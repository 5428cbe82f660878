"""紧急撤离和逃生避险应急演练记录: one drill as a two-column table (项目 | 内容), portrait A4. A mine with no
drill recorded gets the same record blank, with room to write it up by hand."""

from __future__ import annotations

from datetime import datetime

from db.reports.drills import EvacuationRecord
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date

__all__ = ["EVACUATION_FIELDS", "EVACUATION_TITLE", "evacuation_form"]

EVACUATION_TITLE = "紧急撤离和逃生避险应急演练记录"
EVACUATION_FIELDS = (
    "演练时间",
    "地点",
    "演练科目/场景",
    "组织人",
    "参演人数",
    "演练过程",
    "存在问题",
    "整改措施",
    "评估结论",
    "报告县级应急管理部门日期",
)
# Weights are points on the portrait frame (527.2 pt).
_KEY = Column("项目", 132, align="center")
_VALUE = Column("内容", 395.2, min_lines=2)
# Every field has room for a note by hand; a blank record room to write the whole drill up.
_BLANK_LINES = 4


def _values(record: EvacuationRecord) -> list[str]:
    when = ""
    if record.held_on is not None:
        when = cn_date(record.held_on)
        if record.duration_min:
            when += f"，历时{record.duration_min}分钟"
    people = "" if record.participants is None else f"{record.participants} 人"
    if record.participant_names:
        people += f"\n{record.participant_names}"
    reported = cn_date(record.reported_on) if record.reported_on else "（未报告）"
    return [
        when,
        record.place,
        record.scenario,
        record.organiser,
        people,
        record.process,
        record.problems,
        record.measures,
        record.evaluation,
        reported,
    ]


def evacuation_form(record: EvacuationRecord, printed_at: datetime) -> TableForm:
    if record.blank:
        values = [""] * len(EVACUATION_FIELDS)
        columns = [_KEY, Column(_VALUE.header, _VALUE.width, min_lines=_BLANK_LINES)]
        period = "演练时间：　　年　　月　　日"
    else:
        values = _values(record)
        columns = [_KEY, _VALUE]
        assert record.held_on is not None
        period = f"演练时间：{cn_date(record.held_on)}"
    return TableForm(
        title=EVACUATION_TITLE,
        mine_name=record.mine_name,
        period=period,
        columns=columns,
        rows=[[key, value] for key, value in zip(EVACUATION_FIELDS, values, strict=True)],
        landscape=False,
        printed_at=printed_at,
    )
