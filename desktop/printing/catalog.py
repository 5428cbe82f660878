"""The printable forms: each is a title and a function that reads the database into a TableForm.

The GUI's 打印中心 and `mineledger print FORM` both list and build forms from here. No Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from db import clock
from db.engine import Database
from db.models import Mine
from db.queries import roster_people

if TYPE_CHECKING:
    from desktop.printing.layout import TableForm


@dataclass(frozen=True)
class FormEntry:
    key: str  # the command-line name: `mineledger print roster`
    title: str  # as printed
    build: Callable[[Database, int], TableForm]


def years_between(start: date | None, end: date) -> float | None:
    if start is None:
        return None
    return round((end - start).days / 365.25, 1)


def build_roster(db: Database, mine_id: int) -> TableForm:
    # ReportLab loads only when a form is built, so other command-line verbs start fast.
    from desktop.printing.roster import RosterRow, roster_form

    today = clock.today()
    with db.session() as s:
        mine = s.get(Mine, mine_id)
        assert mine is not None
        rows = [
            RosterRow(
                name=p.name,
                sex=p.sex,
                id_number=p.id_number,
                education=p.education,
                major=p.major,
                department=dept,
                post=p.post,
                employment=p.employment_type,
                underground=p.underground,
                work_start=p.work_start,
                front_line_years=years_between(p.work_start, today),
                cert_no="",
                cert_valid_until=None,
            )
            for p, dept in roster_people(s, mine_id)
        ]
        mine_name = mine.name
    return roster_form(mine_name, rows, clock.now(), period=f"截至 {today:%Y年%m月%d日}")


FORMS: dict[str, FormEntry] = {
    "roster": FormEntry("roster", "从业人员花名册", build_roster),
}
