"""Doors for people on the roster: add, change, status with dated history, front-line gaps.

Nobody is hard-deleted: people leave (离职) or move (调离), and their records stay for inspection.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import insert, select

from db import clock
from db.engine import Database
from db.errors import DuplicateError, NotFoundError, ValidationError
from db.idnumber import IdNumberError, parse
from db.models import Department, FrontLineGap, Mine, Person, PersonStatus, PersonStatusChange
from db.models.person import STATUS_LABELS
from db.services.unit import Writer, snapshot, write

EDUCATION_LEVELS = ("初中", "高中/中专/技校", "大专", "本科", "研究生")
EMPLOYMENT_TYPES = ("正式", "合同", "劳务派遣", "外包")
TITLES = ("", "初级", "中级", "高级")


@dataclass
class PersonInput:
    name: str
    id_number: str
    education: str = ""
    major: str = ""
    core_major: bool = False
    school: str = ""
    title: str = ""
    department_id: int | None = None
    post: str = ""
    employment_type: str = "正式"
    contractor: str = ""
    underground: bool = False
    work_start: date | None = None
    hire_date: date | None = None
    work_no: str = ""
    phone: str = ""
    note: str = ""


TEXT_FIELDS = ("name", "major", "school", "post", "contractor", "work_no", "phone", "note")


def validate_person(data: PersonInput, today: date) -> tuple[str, str, date]:
    """Returns (canonical id number, sex, birth date) or raises ValidationError naming the field."""
    if not data.name.strip():
        raise ValidationError("姓名", "不能为空")
    try:
        info = parse(data.id_number, today=today)
    except IdNumberError as err:
        raise ValidationError("身份证号", str(err)) from None
    if data.education and data.education not in EDUCATION_LEVELS:
        raise ValidationError("文化程度", f"“{data.education}”不在可选项中：{'、'.join(EDUCATION_LEVELS)}")
    if data.title not in TITLES:
        raise ValidationError("职称", f"“{data.title}”不在可选项中：初级、中级、高级")
    if data.employment_type not in EMPLOYMENT_TYPES:
        raise ValidationError(
            "用工形式", f"“{data.employment_type}”不在可选项中：{'、'.join(EMPLOYMENT_TYPES)}"
        )
    if data.employment_type in ("劳务派遣", "外包") and not data.contractor.strip():
        raise ValidationError("派遣/外包单位", f"{data.employment_type}人员须填写派遣或外包单位名称")
    for label, value in (("参加工作时间", data.work_start), ("入职日期", data.hire_date)):
        if value and value > today:
            raise ValidationError(label, "不能晚于今天")
        if value and value < info.birth_date:
            raise ValidationError(label, "早于出生日期")
    return info.number, info.sex, info.birth_date


# Looked up once: fields() per person is a measurable share of a 10,000-row import.
_INPUT_COLUMNS = tuple(f.name for f in fields(PersonInput) if f.name != "id_number")


def _columns(data: PersonInput) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in _INPUT_COLUMNS}
    for key in TEXT_FIELDS:
        values[key] = values[key].strip()
    return values


@dataclass
class CheckedPerson:
    """A person already validated (canonical ID, sex and birth date read from it), ready to insert."""

    data: PersonInput
    number: str
    sex: str
    birth: date
    status: str = PersonStatus.active
    note: str = "登记入册"


def insert_people(w: Writer, mine_id: int, rows: list[CheckedPerson]) -> list[int]:
    """Insert validated people inside an open write: the person, the dated status rows, an audit row each.
    Shared by add_people and the roster import so both leave the same trail. Returns the new ids in the
    order of `rows`.

    Core executemany, not ORM objects: a 10,000-row import built 30,000 ORM objects and spent seconds in the
    unit of work. Same transaction as the write, so an error still leaves nothing."""
    if not rows:
        return []
    today, now = clock.today(), clock.now()
    records = [
        {
            "mine_id": mine_id,
            "id_number": r.number,
            "sex": r.sex,
            "birth_date": r.birth,
            "status": r.status,
            "created_at": now,
            **_columns(r.data),
        }
        for r in rows
    ]
    w.session.flush()  # ORM work of this write (new departments) must reach the database before Core's
    connection = w.session.connection()
    connection.execute(insert(Person), records)
    ids = _new_ids(w, mine_id, [r.number for r in rows])
    changes: list[dict[str, Any]] = []
    for r, record, person_id in zip(rows, records, ids, strict=True):
        record["id"] = person_id
        changes.append(
            {
                "person_id": person_id,
                "effective": r.data.hire_date or today,
                "status": PersonStatus.active,
                "note": r.note,
            }
        )
        if r.status != PersonStatus.active:
            changes.append(
                {
                    "person_id": person_id,
                    "effective": today,
                    "status": r.status,
                    "note": f"登记时状态为{STATUS_LABELS[r.status]}",
                }
            )
    connection.execute(insert(PersonStatusChange), changes)
    w.audit_many("create", Person, records)
    return ids


_ID_CHUNK = 500  # ID numbers per IN (...): far below SQLite's limit on bound parameters


def _new_ids(w: Writer, mine_id: int, numbers: list[str]) -> list[int]:
    """The ids of people just inserted, by ID number: (mine, ID number) is unique, so each number names
    exactly one row, the one this write inserted (an older holder would have failed the insert)."""
    found: dict[str, int] = {}
    for start in range(0, len(numbers), _ID_CHUNK):
        chunk = numbers[start : start + _ID_CHUNK]
        query = select(Person.id_number, Person.id).where(
            Person.mine_id == mine_id, Person.id_number.in_(chunk)
        )
        for number, person_id in w.session.connection().execute(query):
            found[number] = person_id
    return [found[n] for n in numbers]


def add_person(db: Database, operator: str, mine_id: int, data: PersonInput) -> int:
    return add_people(db, operator, mine_id, [data])[0]


def add_people(db: Database, operator: str, mine_id: int, people: list[PersonInput]) -> list[int]:
    """Add several people in one transaction: all of them, with an audit row each, or none."""
    today = clock.today()
    checked = []
    seen: dict[str, int] = {}
    for row, data in enumerate(people, start=1):
        where = f"第{row}人" if len(people) > 1 else ""
        try:
            number, sex, birth = validate_person(data, today)
        except ValidationError as err:
            raise ValidationError(f"{where}{err.field}", str(err).split("：", 1)[1]) from None
        if number in seen:
            raise DuplicateError(f"{where}身份证号", f"{number}与第{seen[number]}人重复")
        seen[number] = row
        checked.append((data, number, sex, birth))
    with write(db, operator) as w:
        if w.session.get(Mine, mine_id) is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        dept_ids = set(w.session.scalars(select(Department.id).where(Department.mine_id == mine_id)))
        existing = dict(
            w.session.execute(
                select(Person.id_number, Person.name).where(
                    Person.mine_id == mine_id, Person.id_number.in_(list(seen))
                )
            ).all()
        )
        checked_rows = []
        for data, number, sex, birth in checked:
            if data.department_id is not None and data.department_id not in dept_ids:
                raise ValidationError("部门", f"{data.name}所选部门不属于本矿")
            if number in existing:
                raise DuplicateError("身份证号", f"{number}已登记在本矿（{existing[number]}）")
            checked_rows.append(CheckedPerson(data, number, sex, birth))
        return insert_people(w, mine_id, checked_rows)


def _person(w: Writer, person_id: int) -> Person:
    person = w.session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"找不到编号为{person_id}的人员")
    return person


def update_person(db: Database, operator: str, person_id: int, data: PersonInput) -> None:
    """Change a person's record; the ID number may be corrected (it must stay unique in the mine)."""
    today = clock.today()
    number, sex, birth = validate_person(data, today)
    with write(db, operator) as w:
        person = _person(w, person_id)
        if data.department_id is not None:
            dept = w.session.get(Department, data.department_id)
            if dept is None or dept.mine_id != person.mine_id:
                raise ValidationError("部门", "所选部门不属于本矿")
        clash = w.session.scalar(
            select(Person.name).where(
                Person.mine_id == person.mine_id, Person.id_number == number, Person.id != person_id
            )
        )
        if clash is not None:
            raise DuplicateError("身份证号", f"{number}已登记在本矿（{clash}）")
        before = snapshot(person)
        for key, value in _columns(data).items():
            setattr(person, key, value)
        person.id_number, person.sex, person.birth_date = number, sex, birth
        w.audit("update", person, before=before)


def set_status(
    db: Database, operator: str, person_id: int, status: str, effective: date, note: str = ""
) -> None:
    """在岗 / 调离 / 离职, dated; the history keeps every change."""
    if status not in STATUS_LABELS:
        raise ValidationError("状态", f"“{status}”不是可选的状态（在岗、调离、离职）")
    if effective > clock.today():
        raise ValidationError("生效日期", "不能晚于今天")
    with write(db, operator) as w:
        person = _person(w, person_id)
        if person.status == status:
            raise ValidationError("状态", f"{person.name}已经是“{STATUS_LABELS[status]}”")
        last = w.session.scalar(
            select(PersonStatusChange.effective)
            .where(PersonStatusChange.person_id == person_id)
            .order_by(PersonStatusChange.effective.desc())
            .limit(1)
        )
        if last is not None and effective < last:
            raise ValidationError("生效日期", f"早于上一次状态变更（{last:%Y-%m-%d}）")
        before = snapshot(person)
        person.status = status
        change = PersonStatusChange(
            person_id=person_id, effective=effective, status=status, note=note.strip()
        )
        w.session.add(change)
        w.audit("status", person, before=before)


def add_gap(db: Database, operator: str, person_id: int, start: date, end: date, note: str = "") -> int:
    """Record a period away from front-line work (subtracted from the front-line years)."""
    if end < start:
        raise ValidationError("中断结束日期", "早于开始日期")
    if end > clock.today():
        raise ValidationError("中断结束日期", "不能晚于今天")
    with write(db, operator) as w:
        person = _person(w, person_id)
        if person.work_start and start < person.work_start:
            raise ValidationError("中断开始日期", "早于一线工作开始时间")
        gap = FrontLineGap(person_id=person_id, start=start, end=end, note=note.strip())
        w.session.add(gap)
        w.session.flush()
        w.audit("create", gap, before=None, mine_id=person.mine_id)
        return gap.id
