"""Self-rescuer drills for paper and the command line: a month's coverage, one session's sheet, one
evacuation drill.

The month is built on db.rules.drills.month_coverage over the same facts (load_mine_data) the 首页 findings
use, so a printed 覆盖情况表, `mineledger report drills` and DRILL-MONTHLY / DRILL-30S never disagree about who
is missing or barred. Read-only; plain dataclasses out, no ORM objects, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import clock
from db.catalogs import drill_catalog, drill_kinds
from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.gcpause import gc_paused
from db.models import Department, DrillResult, DrillSession, EvacuationDrill, Person, PersonStatus
from db.reports.common import mine_facts, require_mine
from db.rules.drills import drills_by_person, month_bounds, month_coverage, previous_month

NO_DEPARTMENT = "（未分部门）"
STATUS_LABELS = {"passed": "合格", "failed": "不合格", "none": "未培训"}

_MONTH = re.compile(r"^(\d{4})\s*(?:[-./年])\s*(\d{1,2})\s*月?$")


# --- the month ------------------------------------------------------------------------------------------


def parse_month(text: str, today: date | None = None) -> tuple[int, int]:
    """ "2026-05" (also 2026-5, 2026.05, 2026年5月) → (2026, 5); a month after this one is refused."""
    folded = unicodedata.normalize("NFKC", str(text)).strip()
    m = _MONTH.match(folded)
    if m is None or not 1 <= int(m[2]) <= 12:
        raise ValidationError("月份", f"“{text}”应写作YYYY-MM，例如2026-05")
    year, month = int(m[1]), int(m[2])
    today = today or clock.today()
    if (year, month) > (today.year, today.month):
        raise ValidationError("月份", f"{year}年{month}月还没有到")
    if year < 2000:
        raise ValidationError("月份", f"“{text}”中的年份不对")
    return year, month


def percent(value: float | None) -> str:
    """0.9523 -> "95.2%", 1 -> "100%", None (nobody to count) -> "—"."""
    if value is None:
        return "—"
    text = f"{value * 100:.1f}".removesuffix(".0")
    return f"{text}%"


def month_text(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def last_month(today: date | None = None) -> str:
    """The default month of the coverage form: the last complete month."""
    today = today or clock.today()
    return month_text(*previous_month(today.year, today.month))


@dataclass(frozen=True)
class MonthDrill:
    """One drill of the month for one person (the export's columns)."""

    held_on: date
    kind_label: str
    seconds: float | None
    passed: bool | None  # None: absent
    session_id: int

    @property
    def result(self) -> str:
        return "缺席" if self.passed is None else ("合格" if self.passed else "不合格")


@dataclass(frozen=True)
class DrillPerson:
    person_id: int
    name: str
    id_number: str
    department: str
    post: str
    status: str  # passed | failed | none (failed: drilled this month, never passed)
    best: float | None  # best time this month
    barred: bool  # latest drill up to the month's end (or today) failed: may not go underground
    repeat_fail: bool  # failed only, this month and the month before (DRILL-REPEAT-FAIL)
    active: bool  # still 在岗 today (a leaver mid-month still counts for the month)
    drills: tuple[MonthDrill, ...] = ()

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def to_json(self) -> dict[str, Any]:
        return {
            "id_number": self.id_number,
            "name": self.name,
            "department": self.department,
            "post": self.post,
            "status": self.status,
            "best_seconds": self.best,
            "barred": self.barred,
            "repeat_fail": self.repeat_fail,
        }


@dataclass(frozen=True)
class DepartmentLine:
    """One row of the 覆盖情况表; the 合计 row is one too."""

    department: str
    underground: int  # 入井人数
    drilled: int  # 已培训人数 (attended at least one drill, pass or fail)
    passed: int  # 合格人数
    missing: tuple[str, ...]  # 未培训人员名单

    @property
    def coverage(self) -> float | None:
        """覆盖率 = 已培训 / 入井."""
        return self.drilled / self.underground if self.underground else None

    @property
    def pass_rate(self) -> float | None:
        """合格率 = 合格 / 已培训 (of those who drilled, how many reached 30 s)."""
        return self.passed / self.drilled if self.drilled else None

    def to_json(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "underground": self.underground,
            "drilled": self.drilled,
            "passed": self.passed,
            "coverage": None if self.coverage is None else round(self.coverage, 4),
            "pass_rate": None if self.pass_rate is None else round(self.pass_rate, 4),
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class DrillMonthReport:
    mine_name: str
    year: int
    month: int
    as_of: date  # the month's last day, or today for the month under way
    threshold_s: float  # the catalogue's standard, for the heading
    people: list[DrillPerson]  # every underground worker of the month, by department then name
    departments: list[DepartmentLine]
    total: DepartmentLine

    @property
    def month_key(self) -> str:
        return month_text(self.year, self.month)

    @property
    def complete(self) -> bool:
        return self.as_of == month_bounds(self.year, self.month)[1]

    @property
    def passed(self) -> list[DrillPerson]:
        return [p for p in self.people if p.status == "passed"]

    @property
    def failed(self) -> list[DrillPerson]:
        return [p for p in self.people if p.status == "failed"]

    @property
    def drilled(self) -> list[DrillPerson]:
        return [p for p in self.people if p.status != "none"]

    @property
    def missing(self) -> list[DrillPerson]:
        return [p for p in self.people if p.status == "none"]

    @property
    def barred(self) -> list[DrillPerson]:
        return [p for p in self.people if p.barred]

    @property
    def repeat_fail(self) -> list[DrillPerson]:
        return [p for p in self.people if p.repeat_fail]

    def to_json(self) -> dict[str, Any]:
        return {
            "mine": self.mine_name,
            "month": self.month_key,
            "as_of": f"{self.as_of:%Y-%m-%d}",
            "complete": self.complete,
            "threshold_seconds": self.threshold_s,
            "underground": len(self.people),
            "drilled": len(self.drilled),
            "passed": len(self.passed),
            "failed": len(self.failed),
            "coverage": self.total.to_json()["coverage"],
            "pass_rate": self.total.to_json()["pass_rate"],
            "missing": [p.id_number for p in self.missing],
            "barred": [p.id_number for p in self.barred],
            "repeat_fail": [p.id_number for p in self.repeat_fail],
            "departments": [d.to_json() for d in self.departments],
            "people": [p.to_json() for p in self.people],
        }


class RosterRow(NamedTuple):
    """One person of the roster as the month report reads it: the drills page takes the same rows
    (month_report_and_roster), so a month reads the roster once. A named tuple: cheap by the thousand."""

    person_id: int
    name: str
    id_number: str
    post: str
    work_no: str
    underground: bool
    status: str
    department_id: int | None  # as the person row has it
    joined_department_id: int | None  # the department found for it (None: no department)
    department_name: str | None
    department_order: int | None

    @property
    def department(self) -> str:
        return self.department_name or NO_DEPARTMENT

    @property
    def dept_key(self) -> tuple[int, int]:
        """Department sort order, id; people without one come last."""
        if self.joined_department_id is None or self.department_order is None:
            return (2**31, 0)
        return (self.department_order, self.joined_department_id)

    @property
    def active(self) -> bool:
        return self.status == PersonStatus.active


def _roster(session: Session, mine_id: int) -> dict[int, RosterRow]:
    """The mine's people, whatever the status. Column rows straight off the connection: the ORM's per-row
    work would cost more than the query."""
    query = (
        select(
            Person.id,
            Person.name,
            Person.id_number,
            Person.post,
            Person.work_no,
            Person.underground,
            Person.status,
            Person.department_id,
            Department.id,
            Department.name,
            Department.sort_order,
        )
        .outerjoin(Department, Person.department_id == Department.id)
        .where(Person.mine_id == mine_id)
    )
    return {row[0]: RosterRow(*row) for row in session.connection().execute(query).all()}


def _line(department: str, people: list[DrillPerson]) -> DepartmentLine:
    return DepartmentLine(
        department=department,
        underground=len(people),
        drilled=sum(1 for p in people if p.status != "none"),
        passed=sum(1 for p in people if p.status == "passed"),
        # A worker who left during the month still owed its drill; the name says he is gone now.
        missing=tuple(p.name + ("（已离岗）" if not p.active else "") for p in people if p.status == "none"),
    )


def drill_month_report(
    db: Database, mine_id: int, year: int, month: int, today: date | None = None
) -> DrillMonthReport:
    """Each underground worker's month (passed / failed only / none), by department, with the totals, the
    missing, the barred (latest drill failed) and those who failed two months running."""
    return month_report_and_roster(db, mine_id, year, month, today)[0]


@gc_paused()
def month_report_and_roster(
    db: Database,
    mine_id: int,
    year: int,
    month: int,
    today: date | None = None,
    *,
    with_drills: bool = True,
) -> tuple[DrillMonthReport, dict[int, RosterRow]]:
    """drill_month_report, with the roster it read (person id → RosterRow, everyone whatever the status):
    the drills page shows the month with each worker's roster details and need not read them again.
    with_drills=False leaves each person's `drills` empty, for a caller that shows only the counts (the
    page): thousands of MonthDrill fewer to build."""
    today = today or clock.today()
    with db.session() as s:
        mine_name = require_mine(s, mine_id).name
        # The month and the one before (two months running failed), and whoever has no drill in them.
        window = (month_bounds(*previous_month(year, month))[0], month_bounds(year, month)[1])
        data = mine_facts(s, mine_id, drill_window=window, parts=frozenset({"drills"}))
        rows = _roster(s, mine_id)
    by_person = drills_by_person(data.drills)
    cov = month_coverage(data, data.activity, data.drills, year, month, today, by_person)
    # The month before matters only to whoever failed this month (two months running): cover just them.
    failed_now = {pm.person.id for pm in cov.people if pm.status == "failed"}
    before = month_coverage(
        data, data.activity, data.drills, *previous_month(year, month), today, by_person, failed_now
    )
    failed_before = {pm.person.id for pm in before.people if pm.status == "failed"}
    start, end = month_bounds(year, month)
    month_drills: dict[int, list[MonthDrill]] = defaultdict(list)
    if with_drills:
        kinds = drill_kinds()
        # The loaded drills reach back years for some people: keep the month's before sorting them.
        in_month = [d for d in data.drills if start <= d.held_on <= end]
        in_month.sort(key=lambda d: (d.held_on, d.session_id))
        for d in in_month:
            month_drills[d.person_id].append(
                MonthDrill(d.held_on, kinds.get(d.kind, d.kind), d.seconds, d.passed, d.session_id)
            )
    people = []
    for pm in cov.people:
        pid = pm.person.id
        row = rows[pid]
        people.append(
            DrillPerson(
                person_id=pid,
                name=row.name,
                id_number=row.id_number,
                department=row.department,
                post=row.post,
                status=pm.status,
                best=pm.best,
                barred=pm.barred,
                repeat_fail=pm.status == "failed" and pid in failed_before,
                active=row.active,
                drills=tuple(month_drills.get(pid, ())),
            )
        )
    people.sort(key=lambda p: (rows[p.person_id].dept_key, p.name, p.person_id))
    by_dept: dict[str, list[DrillPerson]] = {}
    for p in people:
        by_dept.setdefault(p.department, []).append(p)
    report = DrillMonthReport(
        mine_name=mine_name,
        year=year,
        month=month,
        as_of=min(end, today),
        threshold_s=float(drill_catalog()["threshold_seconds"]),
        people=people,
        departments=[_line(name, members) for name, members in by_dept.items()],
        total=_line("合计", people),
    )
    return report, rows


# --- one session: 自救器实操培训记录表 ------------------------------------------------------------------


@dataclass(frozen=True)
class DrillSessionLine:
    person_id: int
    name: str
    department: str
    post: str
    seconds: float | None
    passed: bool | None  # None when absent (or on a blank sheet)
    absent: bool
    attempts: int
    remark: str


@dataclass(frozen=True)
class DrillSessionSheet:
    mine_name: str
    session_id: int | None  # None: a blank sheet to take to a drill (no drill recorded yet)
    held_on: date | None
    kind_label: str
    shift: str
    place: str
    instructor: str
    unit_model: str
    unit_serials: str
    threshold_s: float
    notes: str
    lines: list[DrillSessionLine] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return self.session_id is None

    @property
    def attended(self) -> int:
        return sum(1 for line in self.lines if not line.absent)

    @property
    def passed(self) -> int:
        return sum(1 for line in self.lines if line.passed)

    @property
    def failed(self) -> int:
        return sum(1 for line in self.lines if line.passed is False)

    @property
    def absent(self) -> int:
        return sum(1 for line in self.lines if line.absent)


@dataclass(frozen=True)
class DrillSessionChoice:
    session_id: int
    label: str  # "2026-06-05 月度实操培训 井口培训室（46人）"


def latest_drill_session_id(db: Database, mine_id: int, kind: str | None = "monthly") -> int | None:
    """The latest session of that kind (any kind when None), by date then entry order."""
    query = select(DrillSession.id).where(DrillSession.mine_id == mine_id)
    if kind is not None:
        query = query.where(DrillSession.kind == kind)
    with db.session() as s:
        return s.scalar(query.order_by(DrillSession.held_on.desc(), DrillSession.id.desc()).limit(1))


def drill_session_sheet(db: Database, mine_id: int, session_id: int | None = None) -> DrillSessionSheet:
    """The record of one session; without session_id the latest monthly drill (else the latest of any
    kind). A mine with no drill at all gets a blank sheet listing its active underground workers, to fill
    in by hand at the first drill."""
    with db.session() as s:
        mine_name = require_mine(s, mine_id).name
    if session_id is None:
        session_id = latest_drill_session_id(db, mine_id) or latest_drill_session_id(db, mine_id, None)
        if session_id is None:
            return _blank_sheet(db, mine_id, mine_name)
    with db.session() as s:
        session = s.get(DrillSession, session_id)
        if session is None or session.mine_id != mine_id:
            raise NotFoundError(f"{mine_name}没有编号为{session_id}的自救器实操培训")
        rows = s.execute(
            select(DrillResult, Person.name, Person.post, Department.name)
            .join(Person, Person.id == DrillResult.person_id)
            .outerjoin(Department, Person.department_id == Department.id)
            .where(DrillResult.session_id == session_id)
            # The order the results were typed in: the order of the paper sheet.
            .order_by(DrillResult.id)
        )
        lines = [
            DrillSessionLine(
                r.person_id, name, dept or "", post, r.seconds, r.passed, r.absent, r.attempts, r.remark
            )
            for r, name, post, dept in rows
        ]
        return DrillSessionSheet(
            mine_name=mine_name,
            session_id=session.id,
            held_on=session.held_on,
            kind_label=drill_kinds().get(session.kind, session.kind),
            shift=session.shift,
            place=session.place,
            instructor=session.instructor,
            unit_model=session.unit_model,
            unit_serials=session.unit_serials,
            threshold_s=session.threshold_s,
            notes=session.notes,
            lines=lines,
        )


def _blank_sheet(db: Database, mine_id: int, mine_name: str) -> DrillSessionSheet:
    with db.session() as s:
        rows = s.execute(
            select(Person.id, Person.name, Person.post, Department.name)
            .outerjoin(Department, Person.department_id == Department.id)
            .where(
                Person.mine_id == mine_id,
                Person.underground.is_(True),
                Person.status == PersonStatus.active,
            )
            .order_by(Department.sort_order, Department.id, Person.name, Person.id)
        )
        lines = [
            DrillSessionLine(pid, name, dept or "", post, None, None, False, 0, "")
            for pid, name, post, dept in rows
        ]
    return DrillSessionSheet(
        mine_name=mine_name,
        session_id=None,
        held_on=None,
        kind_label="",
        shift="",
        place="",
        instructor="",
        unit_model="",
        unit_serials="",
        threshold_s=float(drill_catalog()["threshold_seconds"]),
        notes="",
        lines=lines,
    )


def drill_session_choices(db: Database, mine_id: int) -> list[DrillSessionChoice]:
    """The mine's drill sessions, latest first, with their head counts, for a picker."""
    counts = (
        select(DrillResult.session_id, func.count().label("n")).group_by(DrillResult.session_id).subquery()
    )
    kinds = drill_kinds()
    with db.session() as s:
        rows = s.execute(
            select(DrillSession.id, DrillSession.held_on, DrillSession.kind, DrillSession.place, counts.c.n)
            .outerjoin(counts, counts.c.session_id == DrillSession.id)
            .where(DrillSession.mine_id == mine_id)
            .order_by(DrillSession.held_on.desc(), DrillSession.id.desc())
        ).all()
    return [
        DrillSessionChoice(
            sid,
            " ".join(x for x in (f"{day:%Y-%m-%d}", kinds.get(kind, kind), place) if x) + f"（{n or 0}人）",
        )
        for sid, day, kind, place, n in rows
    ]


# --- one evacuation drill: 紧急撤离和逃生避险应急演练记录 ------------------------------------------------


@dataclass(frozen=True)
class EvacuationRecord:
    mine_name: str
    drill_id: int | None  # None: a blank record to fill in by hand (no drill recorded yet)
    held_on: date | None
    duration_min: int | None
    place: str
    scenario: str
    organiser: str
    participants: int | None
    participant_names: str
    process: str
    problems: str
    measures: str
    evaluation: str
    reported_on: date | None

    @property
    def blank(self) -> bool:
        return self.drill_id is None


@dataclass(frozen=True)
class EvacuationChoice:
    drill_id: int
    label: str  # "2026-04-10 井下透水事故逃生避险"


def evacuation_record(db: Database, mine_id: int, drill_id: int | None = None) -> EvacuationRecord:
    """One evacuation drill; without drill_id the latest. A mine with none gets a blank record."""
    with db.session() as s:
        mine_name = require_mine(s, mine_id).name
        if drill_id is None:
            drill = s.scalars(
                select(EvacuationDrill)
                .where(EvacuationDrill.mine_id == mine_id)
                .order_by(EvacuationDrill.held_on.desc(), EvacuationDrill.id.desc())
                .limit(1)
            ).first()
            if drill is None:
                return EvacuationRecord(
                    mine_name, None, None, None, "", "", "", None, "", "", "", "", "", None
                )
        else:
            drill = s.get(EvacuationDrill, drill_id)
            if drill is None or drill.mine_id != mine_id:
                raise NotFoundError(f"{mine_name}没有编号为{drill_id}的应急演练")
        return EvacuationRecord(
            mine_name=mine_name,
            drill_id=drill.id,
            held_on=drill.held_on,
            duration_min=drill.duration_min,
            place=drill.place,
            scenario=drill.scenario,
            organiser=drill.organiser,
            participants=drill.participants,
            participant_names=drill.participant_names,
            process=drill.process,
            problems=drill.problems,
            measures=drill.measures,
            evaluation=drill.evaluation,
            reported_on=drill.reported_on,
        )


def evacuation_choices(db: Database, mine_id: int) -> list[EvacuationChoice]:
    with db.session() as s:
        rows = s.execute(
            select(EvacuationDrill.id, EvacuationDrill.held_on, EvacuationDrill.scenario)
            .where(EvacuationDrill.mine_id == mine_id)
            .order_by(EvacuationDrill.held_on.desc(), EvacuationDrill.id.desc())
        ).all()
    return [EvacuationChoice(did, f"{day:%Y-%m-%d} {scenario}") for did, day, scenario in rows]
