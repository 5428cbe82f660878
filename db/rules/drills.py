"""Self-rescuer and evacuation drill rules, and the month coverage they rest on: pure functions."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from db.rules.facts import Activity, DrillFact, MineData, PersonFacts
from db.rules.findings import Finding, Subject, finding


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


class PersonMonth(NamedTuple):
    person: PersonFacts
    status: str  # passed | failed | none
    best: float | None  # best (lowest) time this month
    barred: bool  # latest drill up to the month's end (or today) failed


@dataclass
class Coverage:
    year: int
    month: int
    people: list[PersonMonth] = field(default_factory=list)

    @property
    def drilled(self) -> list[PersonMonth]:
        return [p for p in self.people if p.status != "none"]

    @property
    def passed(self) -> list[PersonMonth]:
        return [p for p in self.people if p.status == "passed"]

    @property
    def failed(self) -> list[PersonMonth]:
        return [p for p in self.people if p.status == "failed"]

    @property
    def missing(self) -> list[PersonMonth]:
        return [p for p in self.people if p.status == "none"]

    @property
    def barred(self) -> list[PersonMonth]:
        return [p for p in self.people if p.barred]


def underground_in_period(
    data: MineData,
    activity: dict[int, Activity],
    start: date,
    end: date,
    among: Collection[int] | None = None,
) -> list[PersonFacts]:
    out = []
    people = data.people.values() if among is None else [data.people[i] for i in among if i in data.people]
    for p in people:
        if not p.underground:
            continue
        act = activity.get(p.id)
        if act is None:
            if p.active and (p.hire_date is None or p.hire_date <= end):
                out.append(p)
        elif act.active_during(start, end):
            out.append(p)
    return out


def drills_by_person(drills: list[DrillFact]) -> dict[int, list[DrillFact]]:
    by_person: dict[int, list[DrillFact]] = defaultdict(list)
    for d in drills:
        by_person[d.person_id].append(d)
    return by_person


def month_coverage(
    data: MineData,
    activity: dict[int, Activity],
    drills: list[DrillFact],
    year: int,
    month: int,
    today: date,
    by_person: dict[int, list[DrillFact]] | None = None,
    only: Collection[int] | None = None,
) -> Coverage:
    """Each active underground worker's status for a month: passed / failed only / none. `by_person` is
    drills_by_person(drills), when the caller covers several months of the same drills; `only` limits the
    month to those people."""
    start, end = month_bounds(year, month)
    if by_person is None:
        by_person = drills_by_person(drills)
    cov = Coverage(year, month)
    as_of = min(end, today)
    if only is not None:  # a few people: test just them
        people = underground_in_period(data, activity, start, end, only)
    else:
        people = underground_in_period(data, activity, start, end)
    for p in sorted(people, key=lambda p: p.id):
        # One pass over the person's drills: this month's attended ones, and the latest attended by `as_of`
        # (barred: fail-closed on that latest drill until a pass).
        attended = passed = False
        best: float | None = None
        latest: tuple[date, int] | None = None
        latest_passed = True
        for d in by_person.get(p.id, ()):
            if d.passed is None:
                continue
            if start <= d.held_on <= end:
                attended = True
                passed = passed or d.passed
                if d.seconds is not None and (best is None or d.seconds < best):
                    best = d.seconds
            if d.held_on <= as_of and (latest is None or (d.held_on, d.session_id) > latest):
                latest, latest_passed = (d.held_on, d.session_id), d.passed
        status = "passed" if passed else ("failed" if attended else "none")
        cov.people.append(PersonMonth(p, status, best, not latest_passed))
    return cov


def _subject(p: PersonFacts) -> Subject:
    return Subject("person", p.id, p.name)


def check_drills(data: MineData, today: date) -> list[Finding]:
    """DRILL-MONTHLY, DRILL-30S, DRILL-REPEAT-FAIL, DRILL-SHIFT-SPOT over the drill facts."""
    activity, drills = data.activity, data.drills
    found: list[Finding] = []
    last_y, last_m = previous_month(today.year, today.month)
    before_y, before_m = previous_month(last_y, last_m)
    by_person = drills_by_person(drills)
    last = month_coverage(data, activity, drills, last_y, last_m, today, by_person)
    this = month_coverage(data, activity, drills, today.year, today.month, today, by_person)
    # The month before last matters only to whoever failed last month (two months running).
    failed_last = {pm.person.id for pm in last.failed}
    before = month_coverage(data, activity, drills, before_y, before_m, today, by_person, failed_last)
    judged_last = data.judged(month_bounds(last_y, last_m)[1])
    for pm in last.missing if judged_last else []:
        msg = f"{pm.person.name}{last_y}年{last_m}月没有自救器实操培训记录（每月至少一次）。"
        found.append(finding("DRILL-MONTHLY", _subject(pm.person), msg, data.id))
    if this.missing:
        names = "、".join(pm.person.name for pm in this.missing[:10])
        more = f"等{len(this.missing)}人" if len(this.missing) > 10 else ""
        msg = f"本月（{today.month}月）尚有{len(this.missing)}名入井人员未进行自救器实操培训：{names}{more}。"
        found.append(finding("DRILL-MONTHLY", Subject("mine", data.id, data.name), msg, data.id, "amber"))
    for pm in this.people:
        if pm.barred:
            msg = f"{pm.person.name}最近一次自救器盲戴不合格，复训合格前不得入井。"
            found.append(finding("DRILL-30S", _subject(pm.person), msg, data.id))
    # Two consecutive months with only failures: the two most recent complete-or-current pairs.
    statuses = {
        (y, m): {pm.person.id: pm.status for pm in cov.people}
        for (y, m), cov in (
            ((before_y, before_m), before),
            ((last_y, last_m), last),
            ((today.year, today.month), this),
        )
    }
    flagged: set[int] = set()
    pairs = [((before_y, before_m), (last_y, last_m)), ((last_y, last_m), (today.year, today.month))]
    for first, second in pairs:
        for pid, status in statuses[second].items():
            if status == "failed" and statuses[first].get(pid) == "failed" and pid not in flagged:
                flagged.add(pid)
                p = data.people[pid]
                msg = f"{p.name}{first[0]}年{first[1]}月和{second[0]}年{second[1]}月自救器盲戴均不合格，请安排再培训。"
                found.append(finding("DRILL-REPEAT-FAIL", _subject(p), msg, data.id))
    if this.people or last.people:
        recent = [
            d for d in drills if d.kind == "shift_spot" and today - timedelta(days=7) < d.held_on <= today
        ]
        if not recent:
            msg = "近7天没有班前抽查入井人员盲戴自救器的记录（每班必须抽查并做好记录）。"
            found.append(finding("DRILL-SHIFT-SPOT", Subject("mine", data.id, data.name), msg, data.id))
    return found


def half_year(day: date) -> tuple[date, date]:
    return (
        (date(day.year, 1, 1), date(day.year, 6, 30))
        if day.month <= 6
        else (date(day.year, 7, 1), date(day.year, 12, 31))
    )


def check_evacuation(data: MineData, today: date) -> list[Finding]:
    """DRILL-EVACUATION: one per half year, reported to the county regulator."""
    drills = data.evacuations
    found: list[Finding] = []
    this_start, _this_end = half_year(today)
    prev_start, prev_end = half_year(this_start - timedelta(days=1))
    subject = Subject("mine", data.id, data.name)
    label = lambda start: f"{start.year}年{'上' if start.month == 1 else '下'}半年"  # noqa: E731
    if data.judged(prev_end) and not any(prev_start <= d.held_on <= prev_end for d in drills):
        msg = f"{label(prev_start)}没有紧急撤离和逃生避险应急演练记录（每半年至少一次）。"
        found.append(finding("DRILL-EVACUATION", subject, msg, data.id))
    if not any(this_start <= d.held_on <= today for d in drills):
        msg = f"{label(this_start)}尚未组织紧急撤离和逃生避险应急演练，请在{_this_end:%m月%d日}前完成。"
        found.append(finding("DRILL-EVACUATION", subject, msg, data.id, "amber"))
    for d in drills:
        if d.reported_on is None and d.held_on >= prev_start:
            msg = f"{d.held_on:%Y-%m-%d}的应急演练（{d.scenario}）未登记报县级应急管理部门的日期。"
            found.append(
                finding(
                    "DRILL-EVACUATION", Subject("evacuation_drill", d.id, d.scenario), msg, data.id, "amber"
                )
            )
    return found
