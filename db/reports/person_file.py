"""从业人员安全培训档案（一人一档）: a person's particulars, certificates and every training he attended."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import clock
from db.catalogs import training_kinds
from db.engine import Database
from db.errors import NotFoundError
from db.idnumber import normalise
from db.models import (
    CERTIFICATE_KIND_LABELS,
    STATUS_LABELS,
    Certificate,
    Department,
    Person,
    PersonStatus,
    TrainingAttendance,
    TrainingSession,
)
from db.reports.common import require_mine


@dataclass(frozen=True)
class CertificateSummary:
    kind: str
    kind_label: str
    operation_type: str
    number: str
    valid_until: date


@dataclass(frozen=True)
class TrainingRecord:
    session_id: int
    start_date: date
    end_date: date
    kind: str
    kind_label: str
    name: str
    content: str
    hours: float
    organiser: str
    score: float | None
    passed: bool | None  # None: not examined
    note: str


@dataclass(frozen=True)
class PersonFile:
    person_id: int
    name: str
    id_number: str
    sex: str
    education: str
    major: str
    department: str
    post: str
    hire_date: date | None
    status: str
    status_label: str
    certificates: tuple[CertificateSummary, ...]  # current rows (renewed ones are superseded)
    trainings: tuple[TrainingRecord, ...]  # oldest first


@dataclass(frozen=True)
class PersonFileReport:
    mine_name: str
    on: date
    files: list[PersonFile]


def _find_person(session: Session, mine_id: int, mine_name: str, id_number: str) -> Person:
    number = normalise(id_number)
    person = session.scalar(select(Person).where(Person.mine_id == mine_id, Person.id_number == number))
    if person is None:
        raise NotFoundError(f"{mine_name}没有身份证号为{number}的人员")
    return person


def person_file_report(
    db: Database, mine_id: int, id_number: str | None = None, today: date | None = None
) -> PersonFileReport:
    """One person's file (by ID number, whatever his status: a file is kept after he leaves), or the
    files of everyone 在岗 at the mine, in roster order."""
    today = today or clock.today()
    kinds = training_kinds()
    with db.session() as s:
        mine = require_mine(s, mine_id)
        query = (
            select(Person, Department.name)
            .outerjoin(Department, Person.department_id == Department.id)
            .where(Person.mine_id == mine_id)
            .order_by(Department.sort_order, Department.id, Person.name, Person.id)
        )
        # One person: his own rows only; everyone: one set-based query per table for the whole mine.
        whose = Person.mine_id == mine_id
        if id_number is not None:
            whose = Person.id == _find_person(s, mine_id, mine.name, id_number).id
            query = query.where(whose)
        else:
            query = query.where(Person.status == PersonStatus.active)
        people = [(p, d or "") for p, d in s.execute(query)]

        certs: dict[int, list[CertificateSummary]] = defaultdict(list)
        for c in s.scalars(
            select(Certificate)
            .join(Person, Person.id == Certificate.person_id)
            .where(whose, Certificate.superseded.is_(False))
            .order_by(Certificate.kind, Certificate.valid_until, Certificate.id)
        ):
            label = CERTIFICATE_KIND_LABELS.get(c.kind, c.kind)
            certs[c.person_id].append(
                CertificateSummary(c.kind, label, c.operation_type, c.number, c.valid_until)
            )

        trainings: dict[int, list[TrainingRecord]] = defaultdict(list)
        rows = s.execute(
            select(TrainingAttendance, TrainingSession)
            .join(TrainingSession, TrainingSession.id == TrainingAttendance.session_id)
            .join(Person, Person.id == TrainingAttendance.person_id)
            .where(whose)
            .order_by(TrainingSession.start_date, TrainingSession.end_date, TrainingSession.id)
        )
        for a, t in rows:
            trainings[a.person_id].append(
                TrainingRecord(
                    session_id=t.id,
                    start_date=t.start_date,
                    end_date=t.end_date,
                    kind=t.kind,
                    kind_label=kinds.get(t.kind, t.kind),
                    name=t.name,
                    content=t.content,
                    hours=t.hours,
                    organiser=t.organiser,
                    score=a.score,
                    passed=a.passed,
                    note=a.note,
                )
            )
        files = [
            PersonFile(
                person_id=p.id,
                name=p.name,
                id_number=p.id_number,
                sex=p.sex,
                education=p.education,
                major=p.major,
                department=dept,
                post=p.post,
                hire_date=p.hire_date,
                status=p.status,
                status_label=STATUS_LABELS.get(p.status, p.status),
                certificates=tuple(certs.get(p.id, [])),
                trainings=tuple(trainings.get(p.id, [])),
            )
            for p, dept in people
        ]
        return PersonFileReport(mine.name, today, files)


@dataclass(frozen=True)
class PersonChoice:
    id_number: str
    label: str  # "王建国（综采一队 采煤机司机）140522…"


def person_choices(db: Database, mine_id: int) -> list[PersonChoice]:
    """Everyone with a file at the mine, 在岗 first, for a picker."""
    with db.session() as s:
        rows = s.execute(
            select(Person.id_number, Person.name, Person.post, Person.status, Department.name)
            .outerjoin(Department, Person.department_id == Department.id)
            .where(Person.mine_id == mine_id)
            .order_by(Person.status != PersonStatus.active, Department.sort_order, Department.id, Person.name)
        ).all()
    out = []
    for number, name, post, status, dept in rows:
        where = " ".join(x for x in (dept or "", post) if x)
        state = "" if status == PersonStatus.active else f"，{STATUS_LABELS.get(status, status)}"
        out.append(PersonChoice(number, f"{name}（{where or '未分部门'}{state}）{number}"))
    return out
