"""Gather a mine's plain data with a few set-based queries and run every rule over it."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from multiprocessing import get_context
from typing import Any

from sqlalchemy import Result, Select, func, select, text
from sqlalchemy.orm import Session

from db import clock
from db.catalogs import retrain_after_days_away
from db.engine import Database, open_database
from db.gcpause import gc_paused
from db.models import (
    Certificate,
    DrillResult,
    DrillSession,
    EvacuationDrill,
    FrontLineGap,
    Hazard,
    Mine,
    MonthlyCheck,
    Person,
    PersonStatus,
    PersonStatusChange,
    PostAssignment,
    TrainingAttendance,
    TrainingSession,
)
from db.models.hazard import UNACCEPTED_SQL, place_key_sql
from db.rules import certificates, drills, hazards, staffing, training
from db.rules.catalog import rule
from db.rules.drills import month_bounds, previous_month
from db.rules.facts import (
    Activity,
    Attendance,
    CertFacts,
    DrillFact,
    EvacuationFact,
    HazardFact,
    Holding,
    MineData,
    MonthlyCheckFact,
    PersonFacts,
    RepeatFact,
)
from db.rules.findings import Finding, sort_findings

ALL_PARTS = frozenset({"training", "certificates", "drills", "hazards"})


def _rows(session: Session, query: Select[Any]) -> Result[Any]:
    # Plain column rows through the session's connection: the ORM's row processing is most of the cost
    # of reading 50,000 facts, and nothing here needs identity or relationships.
    return session.connection().execute(query)


def _raw(session: Session, query: Select[Any]) -> list[tuple[Any, ...]]:
    """Rows straight from sqlite3 for the big reads (drills, people, yearly hours): without SQLAlchemy's
    per-row processing they cost a third. Dates come back as ISO text (the caller parses what it keeps),
    booleans as 0/1."""
    conn = session.connection()
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    values = [_plain(params[name]) for name in compiled.positiontup or ()]
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    return dbapi.execute(str(compiled), values).fetchall()  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _chunked(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _status_history(session: Session, mine_id: int) -> dict[int, list[tuple[date, bool]]]:
    """Person id → (effective, active?) in order: one query feeds both the returns and the drill activity."""
    out: dict[int, list[tuple[date, bool]]] = defaultdict(list)
    active = PersonStatus.active
    for pid, effective, status in _raw(
        session,
        select(PersonStatusChange.person_id, PersonStatusChange.effective, PersonStatusChange.status)
        .join(Person, Person.id == PersonStatusChange.person_id)
        .where(Person.mine_id == mine_id)
        .order_by(PersonStatusChange.effective, PersonStatusChange.id),
    ):
        out[pid].append((date.fromisoformat(effective), status == active))
    return out


def _returns_after_absence(history: dict[int, list[tuple[date, bool]]]) -> dict[int, date]:
    """Person id → date he came back to work after a year or more away (the latest such return)."""
    away = retrain_after_days_away()
    out: dict[int, date] = {}
    for pid, changes in history.items():
        left_on: date | None = None
        for effective, active in changes:
            if not active:
                left_on = effective
            elif left_on is not None:
                if (effective - left_on).days >= away:
                    out[pid] = effective
                left_on = None
    return out


def load_mine_data(
    session: Session,
    mine_id: int,
    *,
    drill_window: tuple[date, date] | None = None,
    parts: frozenset[str] = ALL_PARTS,
    hours_year: int | None = None,
) -> MineData | None:
    """The mine's facts in a handful of set-based queries (columns, not ORM objects).

    `drill_window` limits the drill rows to the days a month coverage looks at, plus the earlier history of
    whoever has no attended drill inside it (barring is fail-closed on the latest drill, however old);
    `hours_year` limits the yearly training hours to that year (TRAIN-ANNUAL-HOURS judges last year only).
    `parts` names what else to read besides the people, their history and the key posts: "training",
    "certificates", "drills" (with the evacuation drills), "hazards" (with the monthly checks); a form reads
    only what it prints."""
    mine = session.get(Mine, mine_id)
    if mine is None:
        return None
    data = MineData(mine.id, mine.name, mine.kind, mine.principal_name, mine.rule_profile)
    data.records_since = _records_since(session, mine_id, mine.created_at.date())
    gaps: dict[int, int] = defaultdict(int)
    for pid, start, end in _rows(
        session,
        select(FrontLineGap.person_id, FrontLineGap.start, FrontLineGap.end)
        .join(Person, Person.id == FrontLineGap.person_id)
        .where(Person.mine_id == mine_id),
    ):
        gaps[pid] += (end - start).days + 1
    history = _status_history(session, mine_id)
    returns = _returns_after_absence(history)
    for row in _raw(session,
        select(
            Person.id, Person.name, Person.education, Person.core_major, Person.title, Person.employment_type,
            Person.underground, Person.status, Person.post, Person.work_start, Person.hire_date,
        ).where(Person.mine_id == mine_id)
    ):  # fmt: skip
        pid, name, education, core_major, title, employment, underground, status, post, start, hired = row
        data.people[pid] = PersonFacts(
            id=pid,
            name=name,
            education=education,
            core_major=bool(core_major),
            title=title,
            employment_type=employment,
            underground=bool(underground),
            active=status == PersonStatus.active,
            post=post,
            work_start=_day(start),
            hire_date=_day(hired),
            gap_days=gaps.get(pid, 0),
            returned_after_absence=returns.get(pid),
        )
    data.activity = {pid: Activity(tuple(changes)) for pid, changes in history.items()}
    data.holdings = [
        Holding(code, pid, start)
        for code, pid, start in _rows(
            session,
            select(PostAssignment.post_code, PostAssignment.person_id, PostAssignment.start).where(
                PostAssignment.mine_id == mine_id, PostAssignment.end.is_(None)
            ),
        )
    ]
    if "training" in parts:
        _load_training(session, data, hours_year)
    if "certificates" in parts:
        data.certificates = [
            CertFacts(*row)
            for row in _rows(session,
                select(
                    Certificate.id, Certificate.person_id, Certificate.kind, Certificate.operation_type,
                    Certificate.number, Certificate.issued_on, Certificate.valid_until, Certificate.next_review,
                    Certificate.first_underground,
                )
                .join(Person, Person.id == Certificate.person_id)
                .where(Person.mine_id == mine_id, Certificate.superseded.is_(False))
            )
        ]  # fmt: skip
    if "drills" in parts:
        data.evacuations = [
            EvacuationFact(*row)
            for row in _rows(session,
                select(EvacuationDrill.id, EvacuationDrill.held_on, EvacuationDrill.scenario, EvacuationDrill.reported_on)
                .where(EvacuationDrill.mine_id == mine_id)
            )
        ]  # fmt: skip
        data.drills = _drill_facts(session, data, drill_window)
    if "hazards" in parts:
        _load_hazards(session, data)
    return data


def _records_since(session: Session, mine_id: int, created: date) -> date:
    """The first day of this mine's records: the mine's creation, or an earlier dated record entered since."""
    firsts = [
        # Only sessions with results count, as the drills page shows them.
        select(func.min(DrillSession.held_on)).where(
            DrillSession.mine_id == mine_id,
            select(DrillResult.id).where(DrillResult.session_id == DrillSession.id).exists(),
        ),
        select(func.min(EvacuationDrill.held_on)).where(EvacuationDrill.mine_id == mine_id),
        select(func.min(Hazard.found_on)).where(Hazard.mine_id == mine_id),
        select(func.min(MonthlyCheck.checked_on)).where(MonthlyCheck.mine_id == mine_id),
        # Only sessions someone attended count, as before: an empty session is not a record of anyone.
        select(func.min(TrainingSession.start_date)).where(
            TrainingSession.mine_id == mine_id,
            select(TrainingAttendance.id).where(TrainingAttendance.session_id == TrainingSession.id).exists(),
        ),
    ]
    days = [day for query in firsts if (day := session.scalar(query)) is not None]
    return min([created, *days])


_DRILL_COLUMNS = (
    DrillResult.person_id,
    DrillSession.held_on,
    DrillSession.kind,
    DrillResult.seconds,
    DrillResult.passed,
    DrillResult.absent,
    DrillSession.id,
)


def _drill_facts(session: Session, data: MineData, window: tuple[date, date] | None) -> list[DrillFact]:
    query = (
        select(*_DRILL_COLUMNS)
        .join(DrillSession, DrillSession.id == DrillResult.session_id)
        .where(DrillSession.mine_id == data.id)
    )
    if window is not None:
        query = query.where(DrillSession.held_on.between(*window))
    facts = _drill_rows(_raw(session, query))
    if window is None:
        return facts
    attended = {d.person_id for d in facts if d.passed is not None}
    failed = {d.person_id for d in facts if d.passed is False}
    start, end = window

    def counted(p: PersonFacts) -> bool:
        return p.underground and (
            p.active or (p.id in data.activity and data.activity[p.id].active_during(start, end))
        )

    # Whoever has no attended drill in the window: all his earlier drills (barring is fail-closed on his
    # latest one, however old). Whoever failed one in it: the month before the window (two months running).
    missing = sorted(p.id for p in data.people.values() if p.id not in attended and counted(p))
    month_before = month_bounds(*previous_month(start.year, start.month))[0]
    failing = sorted(p.id for p in data.people.values() if p.id in failed and counted(p))
    for ids, since in ((missing, None), (failing, month_before)):
        for chunk in _chunked(ids):
            # By person (ix_drill_result_person): a person's drills are all at his own mine, and filtering
            # on the mine would send SQLite through every earlier session of it instead.
            earlier = (
                select(*_DRILL_COLUMNS)
                .join(DrillSession, DrillSession.id == DrillResult.session_id)
                .where(DrillSession.held_on < start, DrillResult.person_id.in_(chunk))
            )
            if since is not None:
                earlier = earlier.where(DrillSession.held_on >= since)
            facts += _drill_rows(_raw(session, earlier))
    return facts


def _drill_rows(rows: list[tuple[Any, ...]]) -> list[DrillFact]:
    days: dict[str, date] = {}  # a month's thousands of results share a few dozen days: parse each once
    return [
        DrillFact(
            pid,
            days.get(held_on) or days.setdefault(held_on, date.fromisoformat(held_on)),
            kind,
            seconds,
            None if absent or passed is None else bool(passed),
            sid,
        )
        for pid, held_on, kind, seconds, passed, absent, sid in rows
    ]


_OPEN = ("registered", "rectifying", "awaiting_acceptance")


def _load_training(session: Session, data: MineData, hours_year: int | None) -> None:
    one_by_one = ("special", "pre_job", "spot_exam")
    attendances = (
        select(
            TrainingAttendance.person_id, TrainingSession.id, TrainingSession.name, TrainingSession.kind,
            TrainingSession.start_date, TrainingSession.end_date, TrainingSession.hours, TrainingAttendance.passed,
        )
        .join(TrainingSession, TrainingSession.id == TrainingAttendance.session_id)
        .where(TrainingSession.mine_id == data.id)
    )  # fmt: skip
    rows = _rows(session, attendances.where(TrainingSession.kind.in_(one_by_one))).all()
    # Whoever failed a spot exam or came back after a year away is judged on every session he attended since.
    followed = {pid for pid, _s, _n, kind, *_rest, passed in rows if kind == "spot_exam" and passed is False}
    followed |= {p.id for p in data.people.values() if p.returned_after_absence is not None}
    for chunk in _chunked(sorted(followed)):
        more = attendances.where(
            TrainingSession.kind.not_in(one_by_one), TrainingAttendance.person_id.in_(chunk)
        )
        rows += _rows(session, more).all()
    attended = select(TrainingAttendance.session_id).where(
        TrainingAttendance.session_id == TrainingSession.id
    )
    data.empty_sessions = [
        (sid, name)
        for sid, name in _rows(
            session,
            select(TrainingSession.id, TrainingSession.name).where(
                TrainingSession.mine_id == data.id, ~attended.exists()
            ),
        )
    ]
    data.attendances = [Attendance(*row) for row in rows]
    year = func.substr(TrainingSession.start_date, 1, 4)
    data.training_hours = {
        (pid, int(y)): float(hours)
        for pid, y, hours in _raw(
            session,
            select(TrainingAttendance.person_id, year, func.sum(TrainingSession.hours))
            .join(TrainingSession, TrainingSession.id == TrainingAttendance.session_id)
            .where(
                TrainingSession.mine_id == data.id,
                TrainingAttendance.passed.is_not(False),
                TrainingSession.start_date.between(
                    date(hours_year or date.min.year, 1, 1), date(hours_year or date.max.year, 12, 31)
                ),
            )
            .group_by(TrainingAttendance.person_id, year),
        )
    }


def _load_hazards(session: Session, data: MineData) -> None:
    columns = (
        Hazard.id, Hazard.number, Hazard.found_on, Hazard.place, Hazard.category, Hazard.grade, Hazard.status,
        Hazard.deadline, Hazard.closed_on, Hazard.responsible_name, Hazard.measures, Hazard.funds,
        Hazard.contingency_plan, Hazard.reported_on, Hazard.announced_on, Hazard.accepted_by_name,
        Hazard.accepted_on, Hazard.cause_analysis,
    )  # fmt: skip
    mine = Hazard.mine_id == data.id
    # Three index reads (open, major, closed without acceptance) instead of a pass over the whole ledger;
    # INDEXED BY because, without statistics, SQLite would rather walk every closed hazard of the mine.
    unaccepted = session.connection().execute(
        text(
            f"SELECT id FROM hazard INDEXED BY ix_hazard_unaccepted WHERE mine_id = :mine AND {UNACCEPTED_SQL}"
        ),
        {"mine": data.id},
    )
    seen: set[int] = set()
    data.hazards = []
    for query in (
        select(*columns).where(mine, Hazard.status.in_(_OPEN)),
        select(*columns).where(mine, Hazard.grade == "major"),
        # Normally none; a legacy import might bring thousands: chunked under SQLite's variable limit.
        *(select(*columns).where(Hazard.id.in_(chunk)) for chunk in _chunked(list(unaccepted.scalars()))),
    ):
        for row in _rows(session, query):
            if row[0] not in seen:
                seen.add(row[0])
                data.hazards.append(HazardFact(*row))
    data.hazard_repeats = _hazard_repeats(session, data.id)
    data.monthly_checks = [
        MonthlyCheckFact(*row)
        for row in _rows(
            session,
            select(
                MonthlyCheck.id, MonthlyCheck.year, MonthlyCheck.month, MonthlyCheck.checked_on,
                MonthlyCheck.zero_report_on,
            ).where(MonthlyCheck.mine_id == data.id),
        )
    ]  # fmt: skip


def _hazard_repeats(session: Session, mine_id: int) -> list[RepeatFact]:
    """HAZ-REPEAT pairs: a live hazard without a cause analysis, and a closed one of the same category at
    the same place (blanks ignored) closed within the window before it was found. One seek per hazard on
    ix_hazard_repeat, whose expression this query repeats word for word."""
    days = int(rule("HAZ-REPEAT").param("days"))
    query = text(
        f"""
        SELECT h.id, h.number, h.category, e.number, e.closed_on
        FROM hazard AS h JOIN hazard AS e
          ON e.mine_id = h.mine_id AND e.category = h.category
         AND {place_key_sql("e.place")} = {place_key_sql("h.place")}
         AND e.status = 'closed' AND e.closed_on <= h.found_on AND e.closed_on >= date(h.found_on, :back)
         AND e.id != h.id
        WHERE h.mine_id = :mine AND h.status != 'voided' AND trim(h.cause_analysis) = ''
        ORDER BY h.id, e.found_on, e.id
        """
    )
    latest: dict[int, RepeatFact] = {}
    for hid, number, category, earlier, closed_on in session.connection().execute(
        query, {"mine": mine_id, "back": f"-{days} days"}
    ):
        # Ordered by the earlier hazard's finding: the last one seen is the one the message names.
        latest[hid] = RepeatFact(hid, number, category, earlier, date.fromisoformat(closed_on))
    return sorted(latest.values(), key=lambda r: r.hazard_id)


def run_rules(data: MineData, today: date) -> list[Finding]:
    facts = staffing.MineFacts(data.id, data.name, data.kind, data.principal_name, data.rule_profile)
    found: list[Finding] = []
    found += staffing.check_principal(facts)
    found += staffing.check_five_positions(data)
    found += staffing.check_specialties(data)
    found += staffing.check_key_post_qualifications(data, today)
    found += staffing.check_dispatch_underground(data)
    found += training.check_special_annual(data, today)
    found += training.check_pre_job(data, today)
    found += training.check_annual_hours(data, today)
    found += training.check_spot_exam_fail(data)
    found += training.check_archive(data)
    found += _certificate_rules(data, today)
    if data.kind != "open_pit" and data.kind != "tailings":  # self-rescuers are carried underground
        found += drills.check_drills(data, today)
    found += drills.check_evacuation(data, today)
    found += hazards.check_hazards(data, today)
    return sort_findings(found)


@gc_paused()
def findings_for_mine(db: Database, mine_id: int, today: date | None = None) -> list[Finding]:
    """Every current finding for one mine, most severe first."""
    today = today or clock.today()
    with db.session() as s:
        data = load_mine_data(
            s, mine_id, drill_window=findings_drill_window(today), hours_year=today.year - 1
        )
    if data is None:
        return []
    return run_rules(data, today)


def findings_for_mines(
    db: Database, mine_ids: Sequence[int], today: date | None = None, *, workers: int | None = None
) -> dict[int, list[Finding]]:
    """Every current finding of several mines (a county bureau's whole file): mine id → findings.

    The rules are Python, so one process checks about ten office-sized mines a second; with a dozen mines or
    more the work is shared between worker processes (one per core, at most four), each reading the file on
    its own connection. A pool needs a file on disk; an in-memory database is checked here, in turn."""
    today = today or clock.today()
    ids = list(mine_ids)
    workers = min(4, os.cpu_count() or 1) if workers is None else workers
    if workers <= 1 or len(ids) < PARALLEL_FROM or db.path is None:
        return {m: findings_for_mine(db, m, today) for m in ids}
    # Interleaved shares, so big and small mines spread evenly; "spawn" everywhere: a forked child must not
    # inherit the parent's open SQLite handles, and Windows can only spawn.
    shares = [ids[i::workers] for i in range(workers)]
    out: dict[int, list[Finding]] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for found in pool.map(_check_share, [str(db.path)] * workers, shares, [today] * workers):
            out.update(found)
    return {m: out[m] for m in ids}


PARALLEL_FROM = 12  # fewer mines than this finish sooner in one process than a pool takes to start


def _check_share(path: str, mine_ids: list[int], today: date) -> dict[int, list[Finding]]:
    # In a worker process: the parent has opened (and, if need be, migrated and checked) the file already.
    db = open_database(path, migrate=False, check="deferred")
    try:
        return {m: findings_for_mine(db, m, today) for m in mine_ids}
    finally:
        db.close()


def certificate_findings(db: Database, mine_id: int, today: date | None = None) -> list[Finding]:
    """The CERT-* findings alone, from the people and their certificates: what a certificate page shows
    beside a person, without reading the mine's drills and hazards."""
    today = today or clock.today()
    with db.session() as s:
        data = load_mine_data(s, mine_id, parts=frozenset({"certificates"}))
    if data is None:
        return []
    return sort_findings(_certificate_rules(data, today))


def _certificate_rules(data: MineData, today: date) -> list[Finding]:
    found = certificates.check_expiry(data, today)
    found += certificates.check_special_operation_licence(data, today)
    found += certificates.check_first_underground_education(data)
    return found


def findings_drill_window(today: date) -> tuple[date, date]:
    """The drill days the findings read: last month and this (the month before last is read only for those
    who failed in the window, see _drill_facts)."""
    # To the end of this month, not today: a drill dated later this month (a PC clock set back) counts, as
    # the rules over every drill would count it.
    return month_bounds(*previous_month(today.year, today.month))[0], month_bounds(today.year, today.month)[1]
