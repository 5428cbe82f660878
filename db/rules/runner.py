"""Gather a mine's plain data with a few set-based queries and run every rule over it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import clock
from db.catalogs import retrain_after_days_away
from db.engine import Database
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
from db.rules import certificates, drills, hazards, staffing, training
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
)
from db.rules.findings import Finding, sort_findings


def _returns_after_absence(session: Session, mine_id: int) -> dict[int, date]:
    """Person id → date he came back to work after a year or more away (the latest such return)."""
    away = retrain_after_days_away()
    rows = session.execute(
        select(PersonStatusChange.person_id, PersonStatusChange.effective, PersonStatusChange.status)
        .join(Person, Person.id == PersonStatusChange.person_id)
        .where(Person.mine_id == mine_id)
        .order_by(PersonStatusChange.person_id, PersonStatusChange.effective, PersonStatusChange.id)
    )
    out: dict[int, date] = {}
    left_on: dict[int, date] = {}
    for pid, effective, status in rows:
        if status != PersonStatus.active:
            left_on[pid] = effective
        elif pid in left_on:
            if (effective - left_on.pop(pid)).days >= away:
                out[pid] = effective
    return out


def load_mine_data(session: Session, mine_id: int) -> MineData | None:
    mine = session.get(Mine, mine_id)
    if mine is None:
        return None
    data = MineData(mine.id, mine.name, mine.kind, mine.principal_name, mine.rule_profile)
    data.records_since = mine.created_at.date()
    gaps: dict[int, int] = defaultdict(int)
    for pid, start, end in session.execute(
        select(FrontLineGap.person_id, FrontLineGap.start, FrontLineGap.end)
        .join(Person, Person.id == FrontLineGap.person_id)
        .where(Person.mine_id == mine_id)
    ):
        gaps[pid] += (end - start).days + 1
    returns = _returns_after_absence(session, mine_id)
    for p in session.scalars(select(Person).where(Person.mine_id == mine_id)):
        data.people[p.id] = PersonFacts(
            id=p.id,
            name=p.name,
            education=p.education,
            core_major=p.core_major,
            title=p.title,
            employment_type=p.employment_type,
            underground=p.underground,
            active=p.status == PersonStatus.active,
            post=p.post,
            work_start=p.work_start,
            hire_date=p.hire_date,
            gap_days=gaps.get(p.id, 0),
            returned_after_absence=returns.get(p.id),
        )
    data.holdings = [
        Holding(a.post_code, a.person_id, a.start)
        for a in session.scalars(
            select(PostAssignment).where(PostAssignment.mine_id == mine_id, PostAssignment.end.is_(None))
        )
    ]
    data.attendances = [
        Attendance(pid, sid, name, kind, start, end, hours, passed)
        for pid, sid, name, kind, start, end, hours, passed in session.execute(
            select(
                TrainingAttendance.person_id,
                TrainingSession.id,
                TrainingSession.name,
                TrainingSession.kind,
                TrainingSession.start_date,
                TrainingSession.end_date,
                TrainingSession.hours,
                TrainingAttendance.passed,
            )
            .join(TrainingSession, TrainingSession.id == TrainingAttendance.session_id)
            .where(TrainingSession.mine_id == mine_id)
        )
    ]
    data.certificates = [
        CertFacts(
            c.id, c.person_id, c.kind, c.operation_type, c.number, c.issued_on, c.valid_until, c.next_review,
            c.first_underground,
        )
        for c in session.scalars(
            select(Certificate)
            .join(Person, Person.id == Certificate.person_id)
            .where(Person.mine_id == mine_id, Certificate.superseded.is_(False))
        )
    ]  # fmt: skip
    attended = select(TrainingAttendance.session_id).group_by(TrainingAttendance.session_id)
    data.empty_sessions = [
        (sid, name)
        for sid, name in session.execute(
            select(TrainingSession.id, TrainingSession.name).where(
                TrainingSession.mine_id == mine_id, TrainingSession.id.not_in(attended)
            )
        )
    ]
    _load_drills(session, data)
    return data


def _load_drills(session: Session, data: MineData) -> None:
    history: dict[int, list[tuple[date, bool]]] = defaultdict(list)
    for pid, effective, status in session.execute(
        select(PersonStatusChange.person_id, PersonStatusChange.effective, PersonStatusChange.status)
        .join(Person, Person.id == PersonStatusChange.person_id)
        .where(Person.mine_id == data.id)
        .order_by(PersonStatusChange.effective, PersonStatusChange.id)
    ):
        history[pid].append((effective, status == PersonStatus.active))
    data.activity = {pid: Activity(tuple(changes)) for pid, changes in history.items()}
    data.drills = [
        DrillFact(pid, held_on, kind, seconds, None if absent else passed, sid)
        for pid, held_on, kind, seconds, passed, absent, sid in session.execute(
            select(
                DrillResult.person_id,
                DrillSession.held_on,
                DrillSession.kind,
                DrillResult.seconds,
                DrillResult.passed,
                DrillResult.absent,
                DrillSession.id,
            )
            .join(DrillSession, DrillSession.id == DrillResult.session_id)
            .where(DrillSession.mine_id == data.id)
        )
    ]
    data.evacuations = [
        EvacuationFact(e.id, e.held_on, e.scenario, e.reported_on)
        for e in session.scalars(select(EvacuationDrill).where(EvacuationDrill.mine_id == data.id))
    ]
    _load_hazards(session, data)
    earliest = [d.held_on for d in data.drills] + [e.held_on for e in data.evacuations]
    earliest += [h.found_on for h in data.hazards] + [c.checked_on for c in data.monthly_checks]
    earliest += [a.start_date for a in data.attendances]
    if earliest and data.records_since is not None:
        data.records_since = min(data.records_since, *earliest)


def _load_hazards(session: Session, data: MineData) -> None:
    data.hazards = [
        HazardFact(
            h.id, h.number, h.found_on, h.place, h.category, h.grade, h.status, h.deadline, h.closed_on,
            h.responsible_name, h.measures, h.funds, h.contingency_plan, h.reported_on, h.announced_on,
            h.accepted_by_name, h.accepted_on, h.cause_analysis,
        )
        for h in session.scalars(select(Hazard).where(Hazard.mine_id == data.id))
    ]  # fmt: skip
    data.monthly_checks = [
        MonthlyCheckFact(c.id, c.year, c.month, c.checked_on, c.zero_report_on)
        for c in session.scalars(select(MonthlyCheck).where(MonthlyCheck.mine_id == data.id))
    ]


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
    found += certificates.check_expiry(data, today)
    found += certificates.check_special_operation_licence(data, today)
    found += certificates.check_first_underground_education(data)
    if data.kind != "open_pit" and data.kind != "tailings":  # self-rescuers are carried underground
        found += drills.check_drills(data, today)
    found += drills.check_evacuation(data, today)
    found += hazards.check_hazards(data, today)
    return sort_findings(found)


def findings_for_mine(db: Database, mine_id: int, today: date | None = None) -> list[Finding]:
    """Every current finding for one mine, most severe first."""
    with db.session() as s:
        data = load_mine_data(s, mine_id)
    if data is None:
        return []
    return run_rules(data, today or clock.today())
