"""The hazard ledger's rows: ids sorted and filtered in SQL, rows fetched by id for the lazy model.

A row is the ten columns the ledger shows, followed by what the view needs to colour it without another
query: whether the hazard is overdue, whether it is voided, its status code and its grade code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy import ColumnElement, Select, and_, or_, select

from db import clock
from db.catalogs import hazard_sources
from db.engine import Database
from db.models import GRADE_LABELS, HAZARD_STATUS_LABELS, Hazard, HazardStatus

OPEN_STATUSES = (HazardStatus.registered, HazardStatus.rectifying, HazardStatus.awaiting_acceptance)
OPEN = "open"  # the status filter's value for “not closed yet” (已登记, 整改中, 待验收)

# Column key → the SQL it sorts by; the order here is the table's column order.
SORT_COLUMNS: dict[str, Any] = {
    "number": Hazard.number,
    "found_on": Hazard.found_on,
    "source": Hazard.source,
    "place": Hazard.place,
    "category": Hazard.category,
    "description": Hazard.description,
    "grade": Hazard.grade,
    "responsible": Hazard.responsible_name,
    "deadline": Hazard.deadline,
    "status": Hazard.status,
}
COLUMN_COUNT = len(SORT_COLUMNS)
# Positions of the hidden values after the shown columns.
OVERDUE, VOIDED, STATUS_CODE, GRADE_CODE = range(COLUMN_COUNT, COLUMN_COUNT + 4)
DESCRIPTION_CHARS = 120  # the cell shows the start; the dialog shows it whole


@dataclass
class HazardFilter:
    mine_id: int
    search: str = ""  # number, place or description, as typed
    status: str | None = None  # a HazardStatus code, OPEN, or None for every hazard (voided ones too)
    grade: str | None = None  # general | major
    grade_label: str | None = None  # one of the mine's own grades (A级 …)
    category: str | None = None
    source: str | None = None
    found_from: date | None = None
    found_to: date | None = None
    overdue_only: bool = False
    responsible: str | None = None  # the responsible person's name as recorded
    today: date | None = None  # pinned by tests; else the clock's today


def overdue_clause(today: date) -> ColumnElement[bool]:
    """Past its deadline and not closed (HAZ-OVERDUE): the same test the rule makes."""
    return and_(Hazard.status.in_(OPEN_STATUSES), Hazard.deadline.is_not(None), Hazard.deadline < today)


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class HazardSource:
    def __init__(self, flt: HazardFilter) -> None:
        self.filter = flt

    def today(self) -> date:
        return self.filter.today or clock.today()

    def where(self, query: Select[Any]) -> Select[Any]:
        f = self.filter
        query = query.where(Hazard.mine_id == f.mine_id)
        text = f.search.strip()
        if text:
            like = like_pattern(text)
            query = query.where(
                or_(
                    Hazard.number.like(like, escape="\\"),
                    Hazard.place.like(like, escape="\\"),
                    Hazard.description.like(like, escape="\\"),
                )
            )
        if f.status == OPEN:
            query = query.where(Hazard.status.in_(OPEN_STATUSES))
        elif f.status:
            query = query.where(Hazard.status == f.status)
        if f.grade:
            query = query.where(Hazard.grade == f.grade)
        if f.grade_label:
            query = query.where(Hazard.grade_label == f.grade_label)
        if f.category:
            query = query.where(Hazard.category == f.category)
        if f.source:
            query = query.where(Hazard.source == f.source)
        if f.found_from is not None:
            query = query.where(Hazard.found_on >= f.found_from)
        if f.found_to is not None:
            query = query.where(Hazard.found_on <= f.found_to)
        if f.overdue_only:
            query = query.where(overdue_clause(self.today()))
        if f.responsible:
            query = query.where(Hazard.responsible_name == f.responsible)
        return query

    def ids(self, db: Database, sort_key: str | None, descending: bool) -> Sequence[int]:
        column = SORT_COLUMNS.get(sort_key or "")
        if column is None:  # the ledger's own order: newest first
            order = [Hazard.found_on.desc(), Hazard.number.desc(), Hazard.id.desc()]
        else:
            order = [column.desc() if descending else column.asc(), Hazard.found_on.desc(), Hazard.id.desc()]
        query = self.where(select(Hazard.id)).order_by(*order)
        with db.engine.connect() as conn:
            # Core rows, not ORM: the ids of a 15,000-row ledger come back in a tenth of the time.
            return list(conn.execute(query).scalars())

    def rows(self, db: Database, ids: Sequence[int]) -> dict[int, Sequence[Any]]:
        if not ids:
            return {}
        today = self.today()
        sources = hazard_sources()
        query = select(
            Hazard.id,
            Hazard.number,
            Hazard.found_on,
            Hazard.source,
            Hazard.place,
            Hazard.category,
            Hazard.category_text,
            Hazard.description,
            Hazard.grade,
            Hazard.grade_label,
            Hazard.responsible_name,
            Hazard.deadline,
            Hazard.status,
            Hazard.void_reason,
        ).where(Hazard.id.in_(list(ids)))
        out: dict[int, Sequence[Any]] = {}
        with db.session() as s:
            for (
                hid, number, found_on, source, place, category, category_text, description, grade,
                grade_label, responsible, deadline, status, void_reason,
            ) in s.execute(query):  # fmt: skip
                overdue = status in OPEN_STATUSES and deadline is not None and deadline < today
                grade_text = grade_label or GRADE_LABELS.get(
                    grade, grade
                )  # the mine's own grade if it has one
                text = " ".join(description.split())
                if len(text) > DESCRIPTION_CHARS:
                    text = text[: DESCRIPTION_CHARS - 1] + "…"
                status_text = HAZARD_STATUS_LABELS.get(status, status)
                if status == HazardStatus.voided and void_reason:
                    status_text = QCoreApplication.translate("HazardSource", "{status}: {reason}").format(
                        status=status_text, reason=" ".join(void_reason.split())
                    )
                if overdue:
                    status_text = QCoreApplication.translate(
                        "HazardSource", "{status}, {days} d overdue"
                    ).format(status=status_text, days=(today - deadline).days)
                out[hid] = (
                    number,
                    found_on.isoformat(),
                    sources.get(source, source),
                    place,
                    f"{category}（{category_text}）" if category_text else category,
                    text,
                    grade_text,
                    responsible,
                    deadline.isoformat() if deadline else "",
                    status_text,
                    overdue,
                    status == HazardStatus.voided,
                    status,
                    grade,
                )
        return out
