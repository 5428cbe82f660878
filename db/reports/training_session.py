"""安全培训签到及考核记录表: one training session and its attendees, with their results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from db.catalogs import training_kinds
from db.engine import Database
from db.errors import NotFoundError
from db.models import Department, Person, TrainingAttendance, TrainingSession
from db.reports.common import require_mine


@dataclass(frozen=True)
class SessionAttendee:
    person_id: int
    name: str
    department: str
    post: str
    score: float | None
    passed: bool | None  # None: not examined
    note: str


@dataclass(frozen=True)
class SessionSheet:
    mine_name: str
    session_id: int
    name: str
    kind: str
    kind_label: str
    start_date: date
    end_date: date
    place: str
    organiser: str  # 授课人或培训单位
    hours: float
    content: str
    attendees: list[SessionAttendee]


@dataclass(frozen=True)
class SessionChoice:
    session_id: int
    label: str  # "2026-03-22 2026年度从业人员安全再培训（第1期）（120人）"


def _latest_session_id(db: Database, mine_id: int) -> int | None:
    with db.session() as s:
        return s.scalar(
            select(TrainingSession.id)
            .where(TrainingSession.mine_id == mine_id)
            .order_by(TrainingSession.start_date.desc(), TrainingSession.id.desc())
            .limit(1)
        )


def session_sheet(db: Database, mine_id: int, session_id: int | None = None) -> SessionSheet:
    """The sheet of one session of this mine; without session_id, the latest session (by start date)."""
    with db.session() as s:
        mine = require_mine(s, mine_id)
        mine_name = mine.name
    if session_id is None:
        session_id = _latest_session_id(db, mine_id)
        if session_id is None:
            raise NotFoundError(f"{mine_name}还没有培训记录，无法打印签到及考核记录表")
    with db.session() as s:
        session = s.get(TrainingSession, session_id)
        if session is None or session.mine_id != mine_id:
            raise NotFoundError(f"{mine_name}没有编号为{session_id}的培训")
        rows = s.execute(
            select(TrainingAttendance, Person, Department.name)
            .join(Person, Person.id == TrainingAttendance.person_id)
            .outerjoin(Department, Person.department_id == Department.id)
            .where(TrainingAttendance.session_id == session_id)
            .order_by(Department.sort_order, Department.id, Person.name, Person.id)
        )
        attendees = [
            SessionAttendee(p.id, p.name, dept or "", p.post, a.score, a.passed, a.note)
            for a, p, dept in rows
        ]
        return SessionSheet(
            mine_name=mine_name,
            session_id=session.id,
            name=session.name,
            kind=session.kind,
            kind_label=training_kinds().get(session.kind, session.kind),
            start_date=session.start_date,
            end_date=session.end_date,
            place=session.place,
            organiser=session.organiser,
            hours=session.hours,
            content=session.content,
            attendees=attendees,
        )


def session_choices(db: Database, mine_id: int) -> list[SessionChoice]:
    """The mine's sessions, latest first, with their attendee counts, for a picker."""
    counts = (
        select(TrainingAttendance.session_id, func.count().label("n"))
        .group_by(TrainingAttendance.session_id)
        .subquery()
    )
    with db.session() as s:
        rows = s.execute(
            select(TrainingSession.id, TrainingSession.start_date, TrainingSession.name, counts.c.n)
            .outerjoin(counts, counts.c.session_id == TrainingSession.id)
            .where(TrainingSession.mine_id == mine_id)
            .order_by(TrainingSession.start_date.desc(), TrainingSession.id.desc())
        ).all()
    return [SessionChoice(sid, f"{start:%Y-%m-%d} {name}（{n or 0}人）") for sid, start, name, n in rows]
