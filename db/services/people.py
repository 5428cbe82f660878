"""Doors for people on the roster (the minimal record the spine needs; the roster issue widens it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from db import clock
from db.engine import Database
from db.errors import DuplicateError, NotFoundError, ValidationError
from db.idnumber import IdNumberError, parse
from db.models import Department, Mine, Person
from db.services.unit import write

EDUCATION_LEVELS = ("初中", "高中/中专/技校", "大专", "本科", "研究生")
EMPLOYMENT_TYPES = ("正式", "合同", "劳务派遣", "外包")


@dataclass
class PersonInput:
    name: str
    id_number: str
    education: str = ""
    major: str = ""
    department_id: int | None = None
    post: str = ""
    employment_type: str = "正式"
    underground: bool = False
    work_start: date | None = None
    hire_date: date | None = None
    extra: dict[str, object] = field(default_factory=dict)


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
    if data.employment_type not in EMPLOYMENT_TYPES:
        raise ValidationError(
            "用工形式", f"“{data.employment_type}”不在可选项中：{'、'.join(EMPLOYMENT_TYPES)}"
        )
    if data.work_start and data.work_start > today:
        raise ValidationError("参加工作时间", "不能晚于今天")
    if data.work_start and data.work_start < info.birth_date:
        raise ValidationError("参加工作时间", "早于出生日期")
    return info.number, info.sex, info.birth_date


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
        ids: list[int] = []
        for data, number, sex, birth in checked:
            if data.department_id is not None and data.department_id not in dept_ids:
                raise ValidationError("部门", f"{data.name}所选部门不属于本矿")
            if number in existing:
                raise DuplicateError("身份证号", f"{number}已登记在本矿（{existing[number]}）")
            person = Person(
                mine_id=mine_id,
                name=data.name.strip(),
                id_number=number,
                sex=sex,
                birth_date=birth,
                education=data.education,
                major=data.major.strip(),
                department_id=data.department_id,
                post=data.post.strip(),
                employment_type=data.employment_type,
                underground=data.underground,
                work_start=data.work_start,
                hire_date=data.hire_date,
                created_at=clock.now(),
            )
            w.session.add(person)
            w.session.flush()
            w.audit("create", person, before=None)
            ids.append(person.id)
        return ids
