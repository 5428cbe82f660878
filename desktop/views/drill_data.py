"""What the 自救器演练 page reads: the session list, one session's sheet, a month's coverage by department,
the evacuation drills and their half-year status. Plain reads returning plain data (no Qt), so the
coverage can be worked out on the worker thread and every number is testable without a window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Select, case, func, select

from db.catalogs import drill_catalog, drill_kinds
from db.engine import Database
from db.errors import NotFoundError
from db.models import (
    Department,
    DrillResult,
    DrillSession,
    EvacuationDrill,
    Mine,
    Person,
    PersonStatus,
    TrainingAttendance,
    TrainingSession,
)
from db.reports.drills import (
    NO_DEPARTMENT,
    DepartmentLine,
    RosterRow,
    gc_paused,
    month_report_and_roster,
)
from db.rules.drills import half_year, month_bounds, previous_month

# --- the session list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionRow:
    id: int
    held_on: date
    kind: str
    shift: str
    place: str
    instructor: str
    unit_model: str
    drilled: int  # attended (not absent)
    passed: int
    failed: int
    absent: int

    @property
    def kind_title(self) -> str:
        return drill_kinds().get(self.kind, self.kind)


def list_sessions(db: Database, mine_id: int, month: tuple[int, int] | None = None) -> list[SessionRow]:
    """The mine's drill sessions, newest first, with their counts; `month` (year, month) narrows them."""
    counts = (
        select(
            DrillResult.session_id.label("sid"),
            func.sum(case((DrillResult.absent.is_(False), 1), else_=0)).label("drilled"),
            func.sum(case((DrillResult.passed.is_(True), 1), else_=0)).label("passed"),
            func.sum(case((DrillResult.passed.is_(False), 1), else_=0)).label("failed"),
            func.sum(case((DrillResult.absent.is_(True), 1), else_=0)).label("absent"),
        )
        .group_by(DrillResult.session_id)
        .subquery()
    )
    query = (
        select(
            DrillSession.id,
            DrillSession.held_on,
            DrillSession.kind,
            DrillSession.shift,
            DrillSession.place,
            DrillSession.instructor,
            DrillSession.unit_model,
            counts.c.drilled,
            counts.c.passed,
            counts.c.failed,
            counts.c.absent,
        )
        .outerjoin(counts, counts.c.sid == DrillSession.id)
        .where(DrillSession.mine_id == mine_id)
        .order_by(DrillSession.held_on.desc(), DrillSession.id.desc())
    )
    if month is not None:
        start = date(month[0], month[1], 1)
        end = (start + timedelta(days=32)).replace(day=1)
        query = query.where(DrillSession.held_on >= start, DrillSession.held_on < end)
    with db.session() as s:
        rows = s.execute(query).all()
    return [
        SessionRow(sid, held, kind, shift, place, who, unit, d or 0, p or 0, f or 0, a or 0)
        for sid, held, kind, shift, place, who, unit, d, p, f, a in rows
    ]


def session_months(db: Database, mine_id: int) -> list[tuple[int, int]]:
    """The months that have drill sessions, newest first."""
    with db.session() as s:
        days = s.scalars(select(DrillSession.held_on).where(DrillSession.mine_id == mine_id).distinct()).all()
    return sorted({(d.year, d.month) for d in days}, reverse=True)


# --- one session's sheet ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredResult:
    person_id: int
    seconds: float | None
    passed: bool | None
    absent: bool
    attempts: int
    remark: str


@dataclass(frozen=True)
class SessionSheet:
    id: int
    held_on: date
    kind: str
    shift: str
    place: str
    instructor: str
    unit_model: str
    unit_serials: str
    threshold_s: float
    notes: str
    results: list[StoredResult]


def load_session(db: Database, session_id: int) -> SessionSheet | None:
    with db.session() as s:
        session = s.get(DrillSession, session_id)
        if session is None:
            return None
        results = [
            StoredResult(r.person_id, r.seconds, r.passed, r.absent, r.attempts, r.remark)
            for r in s.scalars(
                select(DrillResult).where(DrillResult.session_id == session_id).order_by(DrillResult.id)
            )
        ]
        return SessionSheet(
            session.id,
            session.held_on,
            session.kind,
            session.shift,
            session.place,
            session.instructor,
            session.unit_model,
            session.unit_serials,
            session.threshold_s,
            session.notes,
            results,
        )


# --- people -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    department_id: int | None
    department: str
    post: str
    work_no: str
    id_number: str
    underground: bool
    status: str

    @property
    def active(self) -> bool:
        return self.status == PersonStatus.active


def _people_query(mine_id: int) -> Select:
    return (
        select(
            Person.id,
            Person.name,
            Person.department_id,
            Department.name,
            Person.post,
            Person.work_no,
            Person.id_number,
            Person.underground,
            Person.status,
        )
        .outerjoin(Department, Person.department_id == Department.id)
        .where(Person.mine_id == mine_id)
        .order_by(Department.sort_order, Department.id, Person.name, Person.id)
    )


def _person(row: tuple) -> PersonInfo:
    pid, name, dept_id, dept, post, work_no, number, underground, status = row
    return PersonInfo(pid, name, dept_id, dept or "", post or "", work_no or "", number, underground, status)


def _roster_person(row: RosterRow) -> PersonInfo:
    """The month report's roster row as the page's PersonInfo (the same columns _people_query reads)."""
    return PersonInfo(
        row.person_id,
        row.name,
        row.department_id,
        row.department_name or "",
        row.post or "",
        row.work_no or "",
        row.id_number,
        row.underground,
        row.status,
    )


def people_info(db: Database, mine_id: int) -> dict[int, PersonInfo]:
    """Everyone on the mine's roster (whatever the status), in roster order."""
    with db.session() as s:
        return {row[0]: _person(row) for row in s.execute(_people_query(mine_id))}


@dataclass(frozen=True)
class DepartmentChoice:
    id: int
    name: str
    underground: bool
    count: int  # active underground people


def department_choices(db: Database, mine_id: int) -> list[DepartmentChoice]:
    """Departments with their count of active underground people, in roster order."""
    counted = (
        select(Person.department_id, func.count().label("n"))
        .where(
            Person.mine_id == mine_id,
            Person.status == PersonStatus.active,
            Person.underground.is_(True),
        )
        .group_by(Person.department_id)
        .subquery()
    )
    with db.session() as s:
        rows = s.execute(
            select(Department.id, Department.name, Department.underground, counted.c.n)
            .outerjoin(counted, counted.c.department_id == Department.id)
            .where(Department.mine_id == mine_id)
            .order_by(Department.sort_order, Department.id)
        ).all()
    return [DepartmentChoice(i, n, u, c or 0) for i, n, u, c in rows]


def department_people(db: Database, mine_id: int, department_id: int) -> list[PersonInfo]:
    """A department's active underground people in roster order: the rows of a team's drill sheet."""
    query = _people_query(mine_id).where(
        Person.department_id == department_id,
        Person.status == PersonStatus.active,
        Person.underground.is_(True),
    )
    with db.session() as s:
        return [_person(row) for row in s.execute(query)]


# --- a month's coverage -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageLine:
    person: PersonInfo
    status: str  # passed | failed | none
    best: float | None  # the best time this month
    barred: bool
    last_drill: date | None  # the latest attended drill up to the month's end
    last_seconds: float | None
    previous_best: float | None = None  # for repeat failures: last month's best time


@dataclass
class DepartmentCoverage:
    name: str
    underground: int = 0
    drilled: int = 0
    passed: int = 0
    failed: int = 0
    missing: int = 0

    @property
    def coverage(self) -> float | None:
        return self.drilled / self.underground if self.underground else None

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.drilled if self.drilled else None


@dataclass
class MonthSummary:
    year: int
    month: int
    lines: list[CoverageLine] = field(default_factory=list)
    departments: list[DepartmentCoverage] = field(default_factory=list)
    repeat_failures: list[CoverageLine] = field(default_factory=list)
    total: DepartmentCoverage = field(default_factory=lambda: DepartmentCoverage(""))

    @property
    def missing(self) -> list[CoverageLine]:
        return [line for line in self.lines if line.status == "none"]

    @property
    def barred(self) -> list[CoverageLine]:
        return [line for line in self.lines if line.barred]


@gc_paused()  # thousands of lines on top of the report's objects: see gc_paused
def month_summary(db: Database, mine_id: int, year: int, month: int, today: date) -> MonthSummary | None:
    """Each underground worker's status for a month, counted by department in roster order, with who is
    missing, who is barred (fail closed) and who failed two months running.

    The numbers are the printed 覆盖情况表's (db.reports.drills, on the rules' own month_coverage), so the
    screen, the paper and the 首页 findings never disagree; the screen adds each barred worker's latest drill
    and each repeat failure's time last month."""
    try:
        # The roster comes with the report (one read of it, not two); the page shows no single drill.
        report, roster = month_report_and_roster(db, mine_id, year, month, today, with_drills=False)
    except NotFoundError:
        return None
    summary = MonthSummary(year, month)
    wanted = {p.person_id for p in report.people if p.barred}
    repeat = {p.person_id for p in report.repeat_fail}
    latest, previous = _latest_and_previous(db, wanted | repeat, year, month, report.as_of)
    for p in report.people:
        last_drill, last_seconds = latest.get(p.person_id, (None, None))
        summary.lines.append(
            CoverageLine(
                _roster_person(roster[p.person_id]),
                p.status,
                p.best,
                p.barred,
                last_drill,
                last_seconds,
                previous.get(p.person_id),
            )
        )
    summary.repeat_failures = [line for line in summary.lines if line.person.id in repeat]
    summary.departments = [_department(d) for d in report.departments]
    summary.total = _department(report.total)
    return summary


def _department(line: DepartmentLine) -> DepartmentCoverage:
    return DepartmentCoverage(
        "" if line.department == NO_DEPARTMENT else line.department,
        underground=line.underground,
        drilled=line.drilled,
        passed=line.passed,
        failed=line.drilled - line.passed,
        missing=line.underground - line.drilled,
    )


def _latest_and_previous(
    db: Database, person_ids: set[int], year: int, month: int, as_of: date
) -> tuple[dict[int, tuple[date, float | None]], dict[int, float]]:
    """For a few people: the latest attended drill up to `as_of` (date, seconds), and the best time of the
    month before."""
    if not person_ids:
        return {}, {}
    prev_start, prev_end = month_bounds(*previous_month(year, month))
    latest: dict[int, tuple[date, float | None]] = {}
    previous: dict[int, float] = {}
    with db.session() as s:
        rows = s.execute(
            select(DrillResult.person_id, DrillSession.held_on, DrillResult.seconds)
            .join(DrillSession, DrillSession.id == DrillResult.session_id)
            .where(
                DrillResult.person_id.in_(person_ids),
                DrillResult.absent.is_(False),
                DrillSession.held_on <= as_of,
            )
            .order_by(DrillSession.held_on, DrillSession.id)
        ).all()
    for pid, held_on, seconds in rows:
        latest[pid] = (held_on, seconds)  # ordered: the last one stays
        if prev_start <= held_on <= prev_end and seconds is not None:
            previous[pid] = min(previous.get(pid, seconds), seconds)
    return latest, previous


@dataclass(frozen=True)
class PersonDrill:
    held_on: date
    kind: str
    seconds: float | None
    passed: bool | None
    absent: bool
    attempts: int
    remark: str


def person_drills(db: Database, person_id: int, limit: int = 24) -> list[PersonDrill]:
    """One worker's drill history, newest first."""
    with db.session() as s:
        rows = s.execute(
            select(
                DrillSession.held_on,
                DrillSession.kind,
                DrillResult.seconds,
                DrillResult.passed,
                DrillResult.absent,
                DrillResult.attempts,
                DrillResult.remark,
            )
            .join(DrillSession, DrillSession.id == DrillResult.session_id)
            .where(DrillResult.person_id == person_id)
            .order_by(DrillSession.held_on.desc(), DrillSession.id.desc())
            .limit(limit)
        ).all()
    return [PersonDrill(*row) for row in rows]


# --- evacuation drills ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvacuationRow:
    id: int
    held_on: date
    scenario: str
    place: str
    organiser: str
    participants: int
    duration_min: int | None
    reported_on: date | None


def list_evacuations(db: Database, mine_id: int) -> list[EvacuationRow]:
    with db.session() as s:
        rows = s.scalars(
            select(EvacuationDrill)
            .where(EvacuationDrill.mine_id == mine_id)
            .order_by(EvacuationDrill.held_on.desc(), EvacuationDrill.id.desc())
        ).all()
        return [
            EvacuationRow(
                e.id,
                e.held_on,
                e.scenario,
                e.place,
                e.organiser,
                e.participants,
                e.duration_min,
                e.reported_on,
            )
            for e in rows
        ]


@dataclass(frozen=True)
class HalfYearStatus:
    start: date
    end: date
    state: str  # done | due | overdue | not_judged
    drills: tuple[EvacuationRow, ...]  # held in the half-year, earliest first

    @property
    def label(self) -> str:
        return f"{self.start.year}年{'上' if self.start.month == 1 else '下'}半年"

    @property
    def unreported(self) -> tuple[EvacuationRow, ...]:
        return tuple(d for d in self.drills if d.reported_on is None)


def half_year_statuses(
    rows: list[EvacuationRow], today: date, records_since: date | None, count: int = 4
) -> list[HalfYearStatus]:
    """The current half-year and the ones before it, newest first: done / due / overdue at a glance.

    A half-year that ended before the mine's records began here is not judged (as DRILL-EVACUATION does)."""
    out = []
    start, end = half_year(today)
    for _ in range(count):
        held = tuple(sorted((r for r in rows if start <= r.held_on <= end), key=lambda r: r.held_on))
        if held:
            state = "done"
        elif end >= today:
            state = "due"
        elif records_since is not None and end < records_since:
            state = "not_judged"
        else:
            state = "overdue"
        out.append(HalfYearStatus(start, end, state, held))
        start, end = half_year(start - timedelta(days=1))
    return out


def records_since(db: Database, mine_id: int) -> date | None:
    """The first day this mine's records were kept here, as the rules count it (MineData.records_since)."""
    with db.session() as s:
        mine = s.get(Mine, mine_id)
        if mine is None:
            return None
        queries = (
            select(func.min(DrillSession.held_on))
            .join(DrillResult, DrillResult.session_id == DrillSession.id)
            .where(DrillSession.mine_id == mine_id),
            select(func.min(EvacuationDrill.held_on)).where(EvacuationDrill.mine_id == mine_id),
            select(func.min(TrainingSession.start_date))
            .join(TrainingAttendance, TrainingAttendance.session_id == TrainingSession.id)
            .where(TrainingSession.mine_id == mine_id),
        )
        days = [mine.created_at.date(), *(s.scalar(q) for q in queries)]
    return min(d for d in days if d is not None)


# --- catalogue --------------------------------------------------------------------------------------


def catalogue_threshold() -> float:
    return float(drill_catalog()["threshold_seconds"])


def unit_models() -> list[tuple[str, str, float]]:
    """(model, title, threshold seconds) of the training units in the catalogue."""
    default = catalogue_threshold()
    return [
        (u["model"], u.get("title", u["model"]), float(u.get("threshold_seconds", default)))
        for u in drill_catalog().get("training_units", [])
    ]


def shifts() -> list[str]:
    return list(drill_catalog().get("shifts", []))
