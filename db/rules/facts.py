"""Plain data the rules read: no sessions, no ORM objects, so rules are pure functions.

The per-row facts are NamedTuples: a mine's rules build tens of thousands of them, and a tuple is made
several times faster than a frozen dataclass (which sets each field through object.__setattr__)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from db.catalogs import EDUCATION_ORDER, TITLE_ORDER


class PersonFacts(NamedTuple):
    id: int
    name: str
    education: str
    core_major: bool
    title: str
    employment_type: str
    underground: bool
    active: bool
    post: str
    work_start: date | None
    hire_date: date | None
    gap_days: int = 0
    # The date a worker came back after a year or more away (离岗1年以上), if he did.
    returned_after_absence: date | None = None

    @property
    def education_rank(self) -> int:
        return EDUCATION_ORDER.get(self.education, -1)

    @property
    def title_rank(self) -> int:
        return TITLE_ORDER.get(self.title, 0)

    def front_line_years(self, today: date) -> float:
        if self.work_start is None:
            return 0.0
        days = max(0, (today - self.work_start).days - self.gap_days)
        return days / 365.25


class Holding(NamedTuple):
    post_code: str
    person_id: int
    start: date


class Attendance(NamedTuple):
    person_id: int
    session_id: int
    session_name: str
    kind: str
    start_date: date
    end_date: date
    hours: float
    passed: bool | None


class CertFacts(NamedTuple):
    id: int
    person_id: int
    kind: str
    operation_type: str
    number: str
    issued_on: date
    valid_until: date
    next_review: date | None
    first_underground: bool


class DrillFact(NamedTuple):
    person_id: int
    held_on: date
    kind: str
    seconds: float | None
    passed: bool | None  # None: absent
    session_id: int


class Activity(NamedTuple):
    """Dated status history of one person: (effective date, active?) in order."""

    changes: tuple[tuple[date, bool], ...]

    def active_during(self, start: date, end: date) -> bool:
        state = False
        for when, active in self.changes:
            if when > end:
                break
            if when <= start:
                state = active
            elif active:
                return True  # joined (or came back) during the period
        return state


@dataclass(frozen=True)
class EvacuationFact:
    id: int
    held_on: date
    scenario: str
    reported_on: date | None


@dataclass
class MineData:
    """Everything the roster rules need about one mine, read in a handful of set-based queries."""

    id: int
    name: str
    kind: str
    principal_name: str
    rule_profile: str
    people: dict[int, PersonFacts] = field(default_factory=dict)
    holdings: list[Holding] = field(default_factory=list)  # current holdings only
    # The attendances the rules read one by one: special, pre-job and spot-exam sessions, and every session
    # of whoever failed a spot exam or came back after a year away (yearly hours are summed in SQL).
    attendances: list[Attendance] = field(default_factory=list)
    certificates: list[CertFacts] = field(default_factory=list)  # current rows only (not superseded)
    empty_sessions: list[tuple[int, str]] = field(default_factory=list)
    activity: dict[int, Activity] = field(default_factory=dict)  # person id → dated status history
    drills: list[DrillFact] = field(default_factory=list)
    evacuations: list[EvacuationFact] = field(default_factory=list)
    # The first day this mine's records were kept here: a period that ended before it is not judged,
    # so a mine entered today is not told it missed last month's drills.
    records_since: date | None = None
    # The hazards a rule can speak about: open ones, majors, closed ones missing their acceptance. A closed
    # general hazard with its acceptance in order says nothing, so a 15,000-row ledger is not read whole.
    hazards: list[HazardFact] = field(default_factory=list)
    # HAZ-REPEAT pairs, found in SQL over an index (see db/rules/runner.py).
    hazard_repeats: list[RepeatFact] = field(default_factory=list)
    # (person id, year) → hours of training passed (or not examined) that year: TRAIN-ANNUAL-HOURS.
    training_hours: dict[tuple[int, int], float] = field(default_factory=dict)
    monthly_checks: list[MonthlyCheckFact] = field(default_factory=list)

    def judged(self, period_end: date) -> bool:
        return self.records_since is None or period_end >= self.records_since


class HazardFact(NamedTuple):
    id: int
    number: str
    found_on: date
    place: str
    category: str
    grade: str
    status: str
    deadline: date | None
    closed_on: date | None
    responsible: str
    measures: str
    funds: float | None
    contingency_plan: str
    reported_on: date | None
    announced_on: date | None
    accepted_by: str
    accepted_on: date | None
    cause_analysis: str


@dataclass(frozen=True)
class MonthlyCheckFact:
    id: int
    year: int
    month: int
    checked_on: date
    zero_report_on: date | None


@dataclass(frozen=True)
class RepeatFact:
    """A hazard found again (same category, same place) within the window after an earlier one was closed."""

    hazard_id: int
    number: str
    category: str
    earlier_number: str
    earlier_closed_on: date
