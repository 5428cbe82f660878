"""Doors for the hazard ledger: register, five fixes, rectify, accept or send back, close, void.

Each step is checked (dates in order, acceptor named and not the rectifier, a closed hazard locked), written
with its HazardEvent and audit row in one transaction. Nothing registered is ever deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select, update

from db import clock
from db.catalogs import find_clause, hazard_catalog, hazard_categories, hazard_sources
from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.models import Hazard, HazardCounter, HazardEvent, HazardStatus, Mine, MonthlyCheck, Person
from db.models.hazard import HAZARD_STATUS_LABELS
from db.services.unit import Writer, snapshot, write

S = HazardStatus


@dataclass
class HazardInput:
    found_on: date
    source: str  # code: shift_daily … (resources/catalogs/hazards.json)
    place: str
    category: str
    description: str
    grade: str = "general"  # general | major, or one of the mine's own grade labels (A级 …)
    found_by_person_id: int | None = None
    found_by_name: str = ""
    found_by_unit: str = ""
    clause_key: str = ""  # for a major hazard: edition|part|article|item from the standards catalogue
    category_text: str = ""
    # five fixes, optional at registration
    responsible_person_id: int | None = None
    responsible_name: str = ""
    measures: str = ""
    funds: float | str | None = None
    deadline: date | None = None
    contingency_plan: str = ""


@dataclass
class FiveFixes:
    responsible_person_id: int | None = None
    responsible_name: str = ""
    measures: str = ""
    funds: float | str | None = None
    deadline: date | None = None
    contingency_plan: str = ""
    listed_by: str = ""
    listed_on: date | None = None
    reported_on: date | None = None
    announced_on: date | None = None
    cause_analysis: str = ""


def mine_grades(mine: Mine) -> dict[str, str]:
    """Grade label → general/major, the national two plus the mine's own (or the catalogue's defaults)."""
    grades = {"一般": "general", "重大": "major", "general": "general", "major": "major"}
    extra = json.loads(mine.hazard_grades) if mine.hazard_grades else hazard_catalog()["default_extra_grades"]
    for g in extra:
        grades[g["label"]] = g["maps_to"]
    return grades


def parse_funds(value: float | str | None) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = float(str(value).replace(",", "").replace("元", "").replace("万", "e4").strip())
    except ValueError:
        raise ValidationError("资金", f"“{value}”不是金额") from None
    if amount != amount or amount < 0:
        raise ValidationError("资金", "应为不小于0的金额（元）")
    return round(amount, 2)


def graded_clause(mine: Mine, key: str) -> tuple[str, str]:
    clause = find_clause(key)
    if clause is None:
        raise ValidationError("判定依据", "所选条款不在判定标准目录中")
    applies = next(e for e in hazard_catalog()["standard_editions"] if e["code"] == clause.edition)[
        "applies_to"
    ]
    part = hazard_catalog()["part_for_kind"].get(mine.kind, "")
    if mine.kind not in applies or (part and clause.part != part):
        raise ValidationError("判定依据", f"{clause.label}不属于本矿类型适用的判定标准")
    return clause.edition, f"{clause.article}{clause.item} {clause.text}".strip()


def next_number(w: Writer, mine_id: int, year: int) -> str:
    # UPDATE first: it takes SQLite's write lock, so two registrations in quick succession queue here
    # instead of both reading the same last number.
    bumped = w.session.execute(
        update(HazardCounter)
        .where(HazardCounter.mine_id == mine_id, HazardCounter.year == year)
        .values(last=HazardCounter.last + 1)
    )
    if bumped.rowcount == 0:  # type: ignore[attr-defined]
        w.session.add(HazardCounter(mine_id=mine_id, year=year, last=1))
        w.session.flush()
        return f"{year}-0001"
    last = w.session.scalar(
        select(HazardCounter.last).where(HazardCounter.mine_id == mine_id, HazardCounter.year == year)
    )
    return f"{year}-{last:04d}"


def add_event(w: Writer, hazard: Hazard, before: str, note: str = "") -> None:
    w.session.add(
        HazardEvent(
            hazard_id=hazard.id,
            at=clock.now(),
            operator_name=w.operator.name,
            from_status=before,
            to_status=hazard.status,
            note=note.strip(),
        )
    )


def _person_name(w: Writer, mine_id: int, person_id: int | None, label: str) -> str:
    if person_id is None:
        return ""
    person = w.session.get(Person, person_id)
    if person is None or person.mine_id != mine_id:
        raise ValidationError(label, "所选人员不是本矿人员")
    return person.name


def register_hazard(db: Database, operator: str, mine_id: int, data: HazardInput) -> int:
    today = clock.today()
    if data.found_on > today:
        raise ValidationError("排查日期", "不能晚于今天")
    if data.source not in hazard_sources():
        raise ValidationError("排查层级/来源", f"“{data.source}”不是可选的来源")
    if not data.place.strip():
        raise ValidationError("地点", "不能为空")
    if not data.description.strip():
        raise ValidationError("隐患描述", "不能为空")
    category, category_text = data.category.strip(), data.category_text.strip()
    if category not in hazard_categories():
        category, category_text = "其他", category_text or category  # keep what was written
    if data.deadline is not None and data.deadline < data.found_on:
        raise ValidationError("整改期限", "早于排查日期")
    funds = parse_funds(data.funds)
    if data.found_by_person_id is None and not data.found_by_name.strip():
        raise ValidationError("排查人", "请选择本矿人员或填写外部检查人员姓名")
    with write(db, operator) as w:
        mine = w.session.get(Mine, mine_id)
        if mine is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        grades = mine_grades(mine)
        if data.grade.strip() not in grades:
            raise ValidationError("等级", f"“{data.grade}”不是本矿的隐患等级（{'、'.join(sorted(grades))}）")
        grade = grades[data.grade.strip()]
        label = "" if data.grade.strip() in ("一般", "重大", "general", "major") else data.grade.strip()
        edition = clause_text = ""
        if grade == "major":
            if not data.clause_key:
                raise ValidationError("判定依据", "重大事故隐患须选择判定标准的条款")
            edition, clause_text = graded_clause(mine, data.clause_key)
        found_by = _person_name(w, mine_id, data.found_by_person_id, "排查人") or data.found_by_name.strip()
        responsible = (
            _person_name(w, mine_id, data.responsible_person_id, "责任人") or data.responsible_name.strip()
        )
        hazard = Hazard(
            mine_id=mine_id,
            number=next_number(w, mine_id, data.found_on.year),
            found_on=data.found_on,
            found_by_person_id=data.found_by_person_id,
            found_by_name=found_by,
            found_by_unit=data.found_by_unit.strip(),
            source=data.source,
            place=data.place.strip(),
            category=category,
            category_text=category_text,
            description=data.description.strip(),
            grade=grade,
            grade_label=label,
            standard_edition=edition,
            clause_key=data.clause_key if grade == "major" else "",
            clause_text=clause_text,
            responsible_person_id=data.responsible_person_id,
            responsible_name=responsible,
            measures=data.measures.strip(),
            funds=funds,
            deadline=data.deadline,
            contingency_plan=data.contingency_plan.strip(),
            status=S.registered,
            created_at=clock.now(),
        )
        w.session.add(hazard)
        w.session.flush()
        add_event(w, hazard, "", "登记")
        w.audit("create", hazard, before=None)
        return hazard.id


def _hazard(w: Writer, hazard_id: int) -> Hazard:
    hazard = w.session.get(Hazard, hazard_id)
    if hazard is None:
        raise NotFoundError(f"找不到编号为{hazard_id}的隐患")
    return hazard


def _unlocked(hazard: Hazard) -> None:
    if hazard.status in (S.closed, S.voided):
        raise ValidationError(
            "状态", f"隐患{hazard.number}{HAZARD_STATUS_LABELS[hazard.status]}，已锁定，不能修改"
        )


def set_five_fixes(db: Database, operator: str, hazard_id: int, data: FiveFixes) -> None:
    """五落实, 挂牌督办, 双报告 and the cause analysis (the last may be added after closing, for a repeat)."""
    funds = parse_funds(data.funds)
    with write(db, operator) as w:
        hazard = _hazard(w, hazard_id)
        only_cause = all(
            getattr(data, f.name) in (None, "") for f in fields(data) if f.name != "cause_analysis"
        )
        if not (only_cause and hazard.status == S.closed):
            _unlocked(hazard)
        for label, value in (
            ("整改期限", data.deadline),
            ("挂牌督办日期", data.listed_on),
            ("报监管部门日期", data.reported_on),
            ("向职工公告日期", data.announced_on),
        ):
            if value is not None and value < hazard.found_on:
                raise ValidationError(label, f"早于排查日期（{hazard.found_on:%Y-%m-%d}）")
            if value is not None and label != "整改期限" and value > clock.today():
                raise ValidationError(label, "不能晚于今天")
        before = snapshot(hazard)
        if not only_cause:
            hazard.responsible_person_id = data.responsible_person_id
            hazard.responsible_name = (
                _person_name(w, hazard.mine_id, data.responsible_person_id, "责任人")
                or data.responsible_name.strip()
            )
            hazard.measures = data.measures.strip()
            hazard.funds = funds
            hazard.deadline = data.deadline
            hazard.contingency_plan = data.contingency_plan.strip()
            hazard.listed_by = data.listed_by.strip()
            hazard.listed_on = data.listed_on
            hazard.reported_on = data.reported_on
            hazard.announced_on = data.announced_on
        hazard.cause_analysis = data.cause_analysis.strip() or hazard.cause_analysis
        w.audit("update", hazard, before=before)


# --- life-cycle steps on an open Writer: the service functions below and the ledger import both use them,
# so an imported hazard passes the same checks and leaves the same events and audit rows as a typed one.


def start_step(w: Writer, hazard: Hazard, note: str = "") -> None:
    if hazard.status != S.registered:
        raise ValidationError(
            "状态", f"只有“已登记”的隐患才能开始整改（当前：{HAZARD_STATUS_LABELS[hazard.status]}）"
        )
    before = snapshot(hazard)
    hazard.status = S.rectifying
    add_event(w, hazard, S.registered, note or "开始整改")
    w.audit("status", hazard, before=before)


def rectify_step(
    w: Writer, hazard: Hazard, rectified_on: date, rectification: str, rectified_by: str = ""
) -> None:
    if hazard.status not in (S.registered, S.rectifying):
        raise ValidationError("状态", f"当前状态为“{HAZARD_STATUS_LABELS[hazard.status]}”，不能登记整改完成")
    if rectified_on < hazard.found_on:
        raise ValidationError("整改完成日期", f"早于排查日期（{hazard.found_on:%Y-%m-%d}）")
    before, old = snapshot(hazard), hazard.status
    hazard.rectified_on = rectified_on
    hazard.rectification = rectification.strip()
    hazard.rectified_by = rectified_by.strip() or hazard.responsible_name
    hazard.status = S.awaiting_acceptance
    add_event(w, hazard, old, "整改完成，待验收")
    w.audit("status", hazard, before=before)


def accept_step(
    w: Writer,
    hazard: Hazard,
    *,
    accepted_on: date,
    opinion: str,
    acceptor: str,
    acceptor_person_id: int | None = None,
    passed: bool = True,
) -> None:
    if hazard.status != S.awaiting_acceptance:
        raise ValidationError("状态", "隐患整改完成后才能验收")
    acceptor = acceptor.strip()
    if not acceptor:
        raise ValidationError("验收人", "销号须有具名验收人（谁检查、谁签名、谁负责）")
    if acceptor == hazard.rectified_by:
        raise ValidationError("验收人", "验收人不能是整改人")
    assert hazard.rectified_on is not None
    if accepted_on < hazard.rectified_on:
        raise ValidationError("验收日期", f"早于整改完成日期（{hazard.rectified_on:%Y-%m-%d}）")
    before, old = snapshot(hazard), hazard.status
    if passed:
        hazard.accepted_by_person_id = acceptor_person_id
        hazard.accepted_by_name = acceptor
        hazard.accepted_on = accepted_on
        hazard.acceptance_opinion = opinion.strip()
        hazard.closed_on = accepted_on
        hazard.status = S.closed
        add_event(w, hazard, old, f"验收合格（{acceptor}），销号")
    else:
        hazard.status = S.rectifying
        hazard.rectified_on = None
        add_event(w, hazard, old, f"验收不合格（{acceptor}）：{opinion.strip()}")
    w.audit("status", hazard, before=before)


def void_step(w: Writer, hazard: Hazard, reason: str) -> None:
    if not reason.strip():
        raise ValidationError("作废原因", "请写明作废原因")
    if hazard.status in (S.closed, S.voided):
        raise ValidationError("状态", f"隐患{hazard.number}已{HAZARD_STATUS_LABELS[hazard.status]}，不能作废")
    before, old = snapshot(hazard), hazard.status
    hazard.status = S.voided
    hazard.void_reason = reason.strip()
    add_event(w, hazard, old, f"作废：{reason.strip()}")
    w.audit("void", hazard, before=before)


def start_rectification(db: Database, operator: str, hazard_id: int, note: str = "") -> None:
    with write(db, operator) as w:
        start_step(w, _hazard(w, hazard_id), note)


def record_rectification(
    db: Database,
    operator: str,
    hazard_id: int,
    rectified_on: date,
    rectification: str,
    rectified_by: str = "",
) -> None:
    """整改完成: the hazard waits for acceptance."""
    if not rectification.strip():
        raise ValidationError("整改情况", "请填写整改情况")
    if rectified_on > clock.today():
        raise ValidationError("整改完成日期", "不能晚于今天")
    with write(db, operator) as w:
        rectify_step(w, _hazard(w, hazard_id), rectified_on, rectification, rectified_by)


def accept_hazard(
    db: Database,
    operator: str,
    hazard_id: int,
    *,
    accepted_on: date,
    opinion: str,
    acceptor_person_id: int | None = None,
    acceptor_name: str = "",
    passed: bool = True,
) -> None:
    """验收: passed → 已销号 (closed that day); failed → back to 整改中 with the reason, visibly."""
    if accepted_on > clock.today():
        raise ValidationError("验收日期", "不能晚于今天")
    if not opinion.strip():
        raise ValidationError("验收意见", "请填写验收意见" if passed else "验收不合格须写明原因")
    with write(db, operator) as w:
        hazard = _hazard(w, hazard_id)
        if hazard.status != S.awaiting_acceptance:
            raise ValidationError("状态", "隐患整改完成后才能验收")
        acceptor = _person_name(w, hazard.mine_id, acceptor_person_id, "验收人") or acceptor_name
        accept_step(
            w, hazard, accepted_on=accepted_on, opinion=opinion, acceptor=acceptor,
            acceptor_person_id=acceptor_person_id, passed=passed,
        )  # fmt: skip


def void_hazard(db: Database, operator: str, hazard_id: int, reason: str) -> None:
    """A wrong entry is voided with its reason and stays visible; its number is never reused."""
    if not reason.strip():
        raise ValidationError("作废原因", "请写明作废原因")
    with write(db, operator) as w:
        void_step(w, _hazard(w, hazard_id), reason)


@dataclass
class MonthlyCheckInput:
    year: int
    month: int
    checked_on: date
    led_by: str
    participants: str = ""
    scope: str = ""
    result: str = ""


def record_monthly_check(db: Database, operator: str, mine_id: int, data: MonthlyCheckInput) -> int:
    if not 1 <= data.month <= 12:
        raise ValidationError("月份", "应为1到12")
    if data.checked_on > clock.today():
        raise ValidationError("排查日期", "不能晚于今天")
    if (data.checked_on.year, data.checked_on.month) != (data.year, data.month):
        raise ValidationError("排查日期", f"不在{data.year}年{data.month}月内")
    if not data.led_by.strip():
        raise ValidationError("组织人（主要负责人）", "不能为空")
    with write(db, operator) as w:
        if w.session.get(Mine, mine_id) is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        taken = w.session.scalar(
            select(MonthlyCheck.id).where(
                MonthlyCheck.mine_id == mine_id,
                MonthlyCheck.year == data.year,
                MonthlyCheck.month == data.month,
            )
        )
        if taken:
            raise ValidationError("月份", f"{data.year}年{data.month}月的排查已登记")
        check = MonthlyCheck(
            mine_id=mine_id,
            year=data.year,
            month=data.month,
            checked_on=data.checked_on,
            led_by=data.led_by.strip(),
            participants=data.participants.strip(),
            scope=data.scope.strip(),
            result=data.result.strip(),
            created_at=clock.now(),
        )
        w.session.add(check)
        w.session.flush()
        w.audit("create", check, before=None)
        return check.id


def file_zero_report(db: Database, operator: str, check_id: int, filed_on: date) -> None:
    """零报告: only for a month whose check found no major hazard."""
    if filed_on > clock.today():
        raise ValidationError("报告日期", "不能晚于今天")
    with write(db, operator) as w:
        check = w.session.get(MonthlyCheck, check_id)
        if check is None:
            raise NotFoundError(f"找不到编号为{check_id}的月度排查")
        start = date(check.year, check.month, 1)
        end = date(check.year + (check.month == 12), check.month % 12 + 1, 1)
        majors = w.session.scalars(
            select(Hazard.number).where(
                Hazard.mine_id == check.mine_id,
                Hazard.grade == "major",
                Hazard.status != S.voided,
                Hazard.found_on >= start,
                Hazard.found_on < end,
            )
        ).all()
        if majors:
            raise ValidationError("零报告", f"本月发现了重大事故隐患（{'、'.join(majors)}），不能报零")
        if filed_on < check.checked_on:
            raise ValidationError("报告日期", "早于排查日期")
        before = snapshot(check)
        check.zero_report_on = filed_on
        w.audit("zero_report", check, before=before)
