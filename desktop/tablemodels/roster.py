"""The roster table's rows: ids sorted and filtered in SQL, rows fetched by id for the lazy model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, or_, select

from db.engine import Database
from db.models import Department, Mine, Person
from db.models.person import STATUS_LABELS

# Column key → the SQL it sorts by; the order here is the table's column order.
SORT_COLUMNS: dict[str, Any] = {
    "name": Person.name,
    "sex": Person.sex,
    "id_number": Person.id_number,
    "department": Department.name,
    "post": Person.post,
    "education": Person.education,
    "employment_type": Person.employment_type,
    "underground": Person.underground,
    "work_start": Person.work_start,
    "status": Person.status,
    "work_no": Person.work_no,
    "mine": Mine.name,  # shown when the roster lists every mine
}


@dataclass
class RosterFilter:
    mine_id: int | None  # None: every mine in the file (a county bureau looking for one person)
    search: str = ""  # name or ID number, as typed
    department_id: int | None = None
    post: str | None = None
    status: str | None = "active"  # None: everyone, including people who left
    underground: bool | None = None
    only_ids: frozenset[int] | None = None  # e.g. the people with a finding
    extra: dict[str, Any] = field(default_factory=dict)


class RosterSource:
    def __init__(self, flt: RosterFilter) -> None:
        self.filter = flt

    def _where(self, query: Select[Any]) -> Select[Any]:
        f = self.filter
        if f.mine_id is not None:
            query = query.where(Person.mine_id == f.mine_id)
        text = "".join(f.search.split())
        if text:
            like = f"%{text.upper() if text[-1:] in 'xX' else text}%"
            query = query.where(
                or_(Person.name.like(like), Person.id_number.like(like), Person.work_no == text)
            )
        if f.department_id is not None:
            query = query.where(Person.department_id == f.department_id)
        if f.post:
            query = query.where(Person.post == f.post)
        if f.status:
            # While searching, a full scan testing each row beats walking the status index and fetching
            # every row it names (150 ms against 40 at 120,000 people): `status || ''` is not indexed.
            status = Person.status.concat("") if text else Person.status
            query = query.where(status == f.status)
        if f.underground is not None:
            query = query.where(Person.underground.is_(f.underground))
        if f.only_ids is not None:
            query = query.where(Person.id.in_(f.only_ids))
        return query

    def ids(self, db: Database, sort_key: str | None, descending: bool) -> Sequence[int]:
        column = SORT_COLUMNS.get(sort_key or "")
        direction = (lambda c: c.desc()) if descending else (lambda c: c.asc())
        if self.filter.mine_id is None and (column is None or column is Person.name):
            # Every mine: by name (departments of different mines have no common order), read in order
            # from ix_person_status_name instead of sorting 120,000 rows. While searching, the few matches
            # are sorted instead (`name || ''` keeps SQLite from walking the whole index to find them).
            name = Person.name.concat("") if "".join(self.filter.search.split()) else Person.name
            order = [direction(name), direction(Person.id)]
        elif column is None:  # one mine's roster: its departments in their order, then names
            order = [Department.sort_order, Person.name, Person.id]
        else:
            order = [direction(column), Department.sort_order, Person.name, Person.id]
        query = select(Person.id)
        if any(c is Department.sort_order or c is Department.name for c in (column, *order)):
            query = query.outerjoin(Department, Person.department_id == Department.id)
        if column is Mine.name:
            query = query.join(Mine, Mine.id == Person.mine_id)
        query = self._where(query).order_by(*order)
        with db.engine.connect() as conn:
            # Core rows, not ORM: the ids of a 15,000-row ledger come back in a tenth of the time.
            return list(conn.execute(query).scalars())

    def rows(self, db: Database, ids: Sequence[int]) -> dict[int, Sequence[Any]]:
        if not ids:
            return {}
        query = (
            select(Person, Department.name, Mine.name)
            .outerjoin(Department, Person.department_id == Department.id)
            .join(Mine, Mine.id == Person.mine_id)
            .where(Person.id.in_(list(ids)))
        )
        out: dict[int, Sequence[Any]] = {}
        with db.session() as s:
            for p, dept, mine in s.execute(query):
                out[p.id] = (
                    p.name,
                    p.sex,
                    p.id_number,
                    dept or "",
                    p.post,
                    p.education,
                    p.employment_type,
                    "是" if p.underground else "否",
                    p.work_start.isoformat() if p.work_start else "",
                    STATUS_LABELS.get(p.status, p.status),
                    p.work_no,
                    mine,
                )
        return out
