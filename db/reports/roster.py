"""从业人员花名册: one line a person, with front-line years and special-operation licences."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from db import clock
from db.engine import Database
from db.models import CertificateKind
from db.queries import roster_people
from db.reports.common import mine_facts
from db.rules.facts import CertFacts


@dataclass(frozen=True)
class RosterLine:
    person_id: int
    name: str
    sex: str
    id_number: str
    education: str
    major: str
    department: str
    post: str
    employment_type: str
    underground: bool
    work_start: date | None
    # From work_start minus recorded gaps, exactly as the rules count it; None without a start date.
    front_line_years: float | None
    # Current (not superseded) special-operation licences, the one expiring first leading.
    licence_numbers: tuple[str, ...]
    licence_valid_until: date | None  # of the licence expiring first


@dataclass(frozen=True)
class RosterReport:
    mine_name: str
    on: date
    lines: list[RosterLine]


def current_licences(certificates: list[CertFacts]) -> dict[int, list[CertFacts]]:
    """Person id → current special-operation licences, expiring first first."""
    out: dict[int, list[CertFacts]] = defaultdict(list)
    for c in certificates:
        if c.kind == CertificateKind.special_operation:
            out[c.person_id].append(c)
    for items in out.values():
        items.sort(key=lambda c: (c.valid_until, c.number))
    return out


def roster_report(
    db: Database, mine_id: int, today: date | None = None, *, include_inactive: bool = False
) -> RosterReport:
    """The people of a mine in roster order (department, then name); 在岗 only unless include_inactive."""
    today = today or clock.today()
    with db.session() as s:
        data = mine_facts(s, mine_id, parts=frozenset({"certificates"}))
        licences = current_licences(data.certificates)
        lines = []
        for p, department in roster_people(s, mine_id, include_left=include_inactive):
            facts = data.people[p.id]
            held = licences.get(p.id, [])
            lines.append(
                RosterLine(
                    person_id=p.id,
                    name=p.name,
                    sex=p.sex,
                    id_number=p.id_number,
                    education=p.education,
                    major=p.major,
                    department=department,
                    post=p.post,
                    employment_type=p.employment_type,
                    underground=p.underground,
                    work_start=p.work_start,
                    front_line_years=None if p.work_start is None else facts.front_line_years(today),
                    licence_numbers=tuple(c.number for c in held),
                    licence_valid_until=held[0].valid_until if held else None,
                )
            )
    return RosterReport(data.name, today, lines)
