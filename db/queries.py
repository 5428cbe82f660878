"""Read-only look-ups the window and the command line share (no writes here: see db/services)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.models import AuditEntry, Department, Mine, Person, PersonStatus


def list_mines(db: Database) -> list[Mine]:
    with db.session() as s:
        return list(s.scalars(select(Mine).order_by(Mine.name)))


def get_mine(db: Database, mine_id: int) -> Mine:
    with db.session() as s:
        mine = s.get(Mine, mine_id)
        if mine is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        return mine


def resolve_mine(db: Database, name: str | None) -> Mine:
    """The mine a command means: by name, or the only one when the database holds one."""
    mines = list_mines(db)
    if name is None:
        if len(mines) == 1:
            return mines[0]
        if not mines:
            raise ValidationError("--mine", "数据库中还没有矿山，请先用“mineledger mines add”或窗口向导创建")
        names = "、".join(m.name for m in mines)
        raise ValidationError("--mine", f"数据库中有多个矿山（{names}），请用 --mine 指定")
    for mine in mines:
        if mine.name == name.strip():
            return mine
    raise ValidationError("--mine", f"找不到名为“{name}”的矿山")


def person_mine(db: Database, person_id: int) -> int | None:
    """The mine whose roster a person is on (None if there is no such person)."""
    with db.session() as s:
        return s.scalar(select(Person.mine_id).where(Person.id == person_id))


def departments(db: Database, mine_id: int) -> list[Department]:
    with db.session() as s:
        return list(
            s.scalars(
                select(Department)
                .where(Department.mine_id == mine_id)
                .order_by(Department.sort_order, Department.id)
            )
        )


def roster_people(
    session: Session, mine_id: int, *, include_left: bool = False
) -> Sequence[tuple[Person, str]]:
    """People with their department name, in department then name order, for the 花名册."""
    query = (
        select(Person, Department.name)
        .outerjoin(Department, Person.department_id == Department.id)
        .where(Person.mine_id == mine_id)
        .order_by(Department.sort_order, Department.id, Person.name, Person.id)
    )
    if not include_left:
        query = query.where(Person.status == PersonStatus.active)
    return [(p, d or "") for p, d in session.execute(query)]


def audit_trail(db: Database, entity: str, entity_id: int) -> list[AuditEntry]:
    with db.session() as s:
        return list(
            s.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
                .order_by(AuditEntry.id)
            )
        )
