"""What the 隐患台账 page reads: the filter choices, the monthly checks with their status at a glance, the
stock of open major hazards, and one hazard with its history. Plain reads returning plain data, so every
number is testable without a window. The statistics themselves are db.reports.hazards.hazard_stats: the
统计 tab and the printed 隐患统计表 show the same figures.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from db.engine import Database
from db.models import (
    AuditEntry,
    DrillSession,
    EvacuationDrill,
    Hazard,
    HazardEvent,
    HazardStatus,
    Mine,
    MonthlyCheck,
    TrainingSession,
)
from db.rules.drills import month_bounds, previous_month
from desktop.tablemodels.hazards import OPEN_STATUSES

S = HazardStatus

# --- filter choices -------------------------------------------------------------------------------


def responsible_names(db: Database, mine_id: int) -> list[str]:
    """The responsible persons named on this mine's hazards, for the ledger's filter."""
    with db.session() as s:
        names = s.scalars(
            select(Hazard.responsible_name)
            .where(Hazard.mine_id == mine_id, Hazard.responsible_name != "")
            .group_by(Hazard.responsible_name)
            .order_by(Hazard.responsible_name)
        )
        return list(names)


def hazard_years(db: Database, mine_id: int, today: date) -> list[int]:
    """Years with hazards, newest first, always including this year."""
    with db.session() as s:
        first = s.scalar(select(func.min(Hazard.found_on)).where(Hazard.mine_id == mine_id))
    start = first.year if first is not None else today.year
    return list(range(today.year, min(start, today.year) - 1, -1))


# --- the monthly whole-system check ------------------------------------------------------------------

CHECK_DONE, CHECK_MISSING, CHECK_DUE = "done", "missing", "due"
ZERO_FILED, ZERO_DUE, ZERO_NOT_NEEDED, ZERO_NONE = "filed", "due", "not_needed", "none"


@dataclass(frozen=True)
class MonthRow:
    year: int
    month: int
    check_id: int | None
    checked_on: date | None
    led_by: str
    participants: str
    scope: str
    result: str
    majors: tuple[str, ...]  # numbers of the major hazards found that month (not voided)
    zero_report_on: date | None
    check_status: str  # CHECK_DONE | CHECK_MISSING (a past month) | CHECK_DUE (this month, not yet)
    zero_status: str  # ZERO_FILED | ZERO_DUE | ZERO_NOT_NEEDED (a major was found) | ZERO_NONE (no check)

    @property
    def can_file_zero_report(self) -> bool:
        return self.zero_status == ZERO_DUE


def records_since(db: Database, mine_id: int) -> date | None:
    """When the mine's records begin (the rules judge no month before): its creation or its earliest
    record, whichever comes first."""
    with db.session() as s:
        mine = s.get(Mine, mine_id)
        if mine is None:
            return None
        earliest = [mine.created_at.date()]
        for column, owner in (
            (Hazard.found_on, Hazard.mine_id),
            (MonthlyCheck.checked_on, MonthlyCheck.mine_id),
            (DrillSession.held_on, DrillSession.mine_id),
            (EvacuationDrill.held_on, EvacuationDrill.mine_id),
            (TrainingSession.start_date, TrainingSession.mine_id),
        ):
            first = s.scalar(select(func.min(column)).where(owner == mine_id))
            if first is not None:
                earliest.append(first)
    return min(earliest)


def month_rows(db: Database, mine_id: int, today: date) -> list[MonthRow]:
    """The months since the hazard ledger began (its first check or hazard) to this one, newest first, with
    the check and zero report of each. Last month is always listed once the mine's records reach back to
    it, as HAZ-MONTHLY-CHECK judges it whatever else is recorded."""
    since = records_since(db, mine_id)
    if since is None:
        return []
    with db.session() as s:
        first_hazard = s.scalar(select(func.min(Hazard.found_on)).where(Hazard.mine_id == mine_id))
        checks = {
            (c.year, c.month): c
            for c in s.scalars(select(MonthlyCheck).where(MonthlyCheck.mine_id == mine_id))
        }
        majors: dict[tuple[int, int], list[str]] = defaultdict(list)
        for number, found_on in s.execute(
            select(Hazard.number, Hazard.found_on)
            .where(Hazard.mine_id == mine_id, Hazard.grade == "major", Hazard.status != S.voided)
            .order_by(Hazard.found_on, Hazard.number)
        ):
            majors[(found_on.year, found_on.month)].append(number)
        s.expunge_all()
    last = previous_month(today.year, today.month)
    starts = [*checks, (today.year, today.month)]
    if first_hazard is not None:
        starts.append((first_hazard.year, first_hazard.month))
    if since <= month_bounds(*last)[1]:
        starts.append(last)
    first = min(starts)
    months = [(today.year, today.month)]
    while months[-1] > first:
        months.append(previous_month(*months[-1]))
    rows = []
    for year, month in months:
        check = checks.get((year, month))
        found = tuple(majors.get((year, month), ()))
        current = (year, month) == (today.year, today.month)
        if check is None:
            check_status = CHECK_DUE if current else CHECK_MISSING
            zero = ZERO_NONE
        else:
            check_status = CHECK_DONE
            zero = ZERO_NOT_NEEDED if found else ZERO_FILED if check.zero_report_on else ZERO_DUE
        rows.append(
            MonthRow(
                year, month, check.id if check else None, check.checked_on if check else None,
                check.led_by if check else "", check.participants if check else "",
                check.scope if check else "", check.result if check else "", found,
                check.zero_report_on if check else None, check_status, zero,
            )
        )  # fmt: skip
    return rows


def month_of_check(db: Database, check_id: int) -> tuple[int, int] | None:
    with db.session() as s:
        check = s.get(MonthlyCheck, check_id)
        return None if check is None else (check.year, check.month)


# --- statistics (the figures themselves come from db.reports.hazards, as the printed 隐患统计表's do) ------


def stock_numbers(db: Database, mine_id: int, year: int) -> list[str]:
    """The numbers of the major hazards found before `year` and still open (存量, HAZ-STOCK)."""
    with db.session() as s:
        return list(
            s.scalars(
                select(Hazard.number)
                .where(
                    Hazard.mine_id == mine_id,
                    Hazard.grade == "major",
                    Hazard.status.in_(OPEN_STATUSES),
                    Hazard.found_on < date(year, 1, 1),
                )
                .order_by(Hazard.found_on, Hazard.number)
            )
        )


# --- one hazard -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    at: datetime
    operator: str
    from_status: str
    to_status: str
    note: str


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    operator: str
    action: str
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class HazardDetail:
    hazard: Hazard  # detached: read its columns only
    mine_kind: str
    events: list[EventRow]
    audit: list[AuditRow]

    @property
    def last_failed_acceptance(self) -> EventRow | None:
        """The latest step back from 待验收 to 整改中 (a failed acceptance), if the hazard is still there."""
        for event in reversed(self.events):
            if event.from_status == S.awaiting_acceptance and event.to_status == S.rectifying:
                return event if self.hazard.status == S.rectifying else None
            if event.to_status != S.rectifying:
                return None
        return None


def hazard_detail(db: Database, hazard_id: int) -> HazardDetail | None:
    with db.session() as s:
        hazard = s.get(Hazard, hazard_id)
        if hazard is None:
            return None
        mine = s.get(Mine, hazard.mine_id)
        events = [
            EventRow(e.at, e.operator_name, e.from_status, e.to_status, e.note)
            for e in s.scalars(
                select(HazardEvent).where(HazardEvent.hazard_id == hazard_id).order_by(HazardEvent.id)
            )
        ]
        audit = [
            AuditRow(
                a.at,
                a.operator_name,
                a.action,
                json.loads(a.before) if a.before else {},
                json.loads(a.after) if a.after else {},
            )
            for a in s.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == Hazard.__tablename__, AuditEntry.entity_id == hazard_id)
                .order_by(AuditEntry.id)
            )
        ]
        s.expunge(hazard)
        return HazardDetail(hazard, mine.kind if mine else "coal", events, audit)


def month_span(year: int, month: int) -> tuple[date, date]:
    return month_bounds(year, month)
