"""Doors for training sessions and their attendees' results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from db import clock
from db.catalogs import training_kinds
from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.models import Mine, Person, TrainingAttendance, TrainingSession
from db.services.unit import Writer, snapshot, write

MAX_SESSION_HOURS = 200.0


@dataclass
class SessionInput:
    name: str
    kind: str  # code from resources/catalogs/training.json
    start_date: date
    end_date: date
    hours: float
    place: str = ""
    organiser: str = ""
    content: str = ""


@dataclass
class Result:
    person_id: int
    score: float | None = None
    passed: bool | None = None  # None: decided from the score (≥ 60 passes) or not examined
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)


PASS_MARK = 60.0


def _validate_session(data: SessionInput) -> None:
    if not data.name.strip():
        raise ValidationError("培训名称", "不能为空")
    if data.kind not in training_kinds():
        raise ValidationError("培训类别", f"“{data.kind}”不是可选的类别")
    if data.end_date < data.start_date:
        raise ValidationError("结束日期", "早于开始日期")
    if data.start_date > clock.today():
        raise ValidationError("开始日期", "不能晚于今天（培训记录登记已发生的培训）")
    if not 0 < data.hours <= MAX_SESSION_HOURS:
        raise ValidationError("学时", f"应大于0且不超过{MAX_SESSION_HOURS:g}")


def _apply_results(w: Writer, session: TrainingSession, results: list[Result]) -> None:
    person_ids = [r.person_id for r in results]
    if len(set(person_ids)) != len(person_ids):
        raise ValidationError("参训人员", "同一人不能在一次培训中出现两次")
    people = {
        p.id: p
        for p in w.session.scalars(
            select(Person).where(Person.id.in_(person_ids), Person.mine_id == session.mine_id)
        )
    }
    existing = {
        a.person_id: a
        for a in w.session.scalars(
            select(TrainingAttendance).where(TrainingAttendance.session_id == session.id)
        )
    }
    for row, r in enumerate(results, start=1):
        person = people.get(r.person_id)
        if person is None:
            raise ValidationError(f"第{row}名参训人员", "不是本矿人员")
        if r.score is not None and not 0 <= r.score <= 100:
            raise ValidationError(f"{person.name}的考核成绩", "应在0到100之间")
        passed = r.passed if r.passed is not None else (None if r.score is None else r.score >= PASS_MARK)
        attendance = existing.get(r.person_id)
        if attendance is None:
            attendance = TrainingAttendance(
                session_id=session.id,
                person_id=r.person_id,
                score=r.score,
                passed=passed,
                note=r.note.strip(),
            )
            w.session.add(attendance)
            w.session.flush()
            w.audit("create", attendance, before=None, mine_id=session.mine_id)
        else:
            before = snapshot(attendance)
            attendance.score, attendance.passed, attendance.note = r.score, passed, r.note.strip()
            w.audit("update", attendance, before=before, mine_id=session.mine_id)


def create_session(
    db: Database, operator: str, mine_id: int, data: SessionInput, results: list[Result]
) -> int:
    """A training session with its attendees and their results, in one transaction."""
    _validate_session(data)
    with write(db, operator) as w:
        if w.session.get(Mine, mine_id) is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        session = TrainingSession(
            mine_id=mine_id,
            name=data.name.strip(),
            kind=data.kind,
            start_date=data.start_date,
            end_date=data.end_date,
            hours=float(data.hours),
            place=data.place.strip(),
            organiser=data.organiser.strip(),
            content=data.content.strip(),
            created_at=clock.now(),
        )
        w.session.add(session)
        w.session.flush()
        w.audit("create", session, before=None)
        _apply_results(w, session, results)
        return session.id


def record_results(db: Database, operator: str, session_id: int, results: list[Result]) -> None:
    """Add attendees to a session or change their scores (quick score entry)."""
    with write(db, operator) as w:
        session = w.session.get(TrainingSession, session_id)
        if session is None:
            raise NotFoundError(f"找不到编号为{session_id}的培训")
        _apply_results(w, session, results)
