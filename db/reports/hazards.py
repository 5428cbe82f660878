"""The hazard ledger (隐患排查治理) for paper, spreadsheets and the command line.

    hazard_ledger(db, mine_id, start, end, HazardFilter(grade="major"))   # 隐患排查治理台账 rows
    hazard_card(db, mine_id, "2026-0042")                                 # 五落实及整改销号单 of one major
    monthly_check_record(db, mine_id, 2026, 10)                           # 月度排查记录（零报告）
    hazard_stats(db, mine_id, 2026, by="category")                        # 隐患统计表

Every figure counts what the rules count (db.rules.hazards): voided hazards are left out of statistics but
stay visible in the ledger with their reason; 逾期 is HAZ-OVERDUE's test (not closed and past the deadline
today); the card's gaps are missing_five_fixes / missing_double_report, so the paper shows what the 首页
finding says. Statistics are GROUP BY queries, never a query per hazard. Read-only; plain dataclasses out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from db import clock
from db.catalogs import hazard_catalog, hazard_categories, hazard_sources
from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.models import Hazard, HazardEvent, HazardStatus, MonthlyCheck
from db.models.hazard import GRADE_LABELS, HAZARD_STATUS_LABELS
from db.reports.common import require_mine
from db.rules.drills import month_bounds
from db.rules.facts import HazardFact
from db.rules.hazards import missing_double_report, missing_five_fixes

__all__ = [
    "OPEN_STATUSES",
    "STATUS_FILTERS",
    "ZERO_REPORT_TEXT",
    "HazardCard",
    "HazardChoice",
    "HazardEventLine",
    "HazardFilter",
    "HazardLedger",
    "HazardStats",
    "LedgerLine",
    "MajorLine",
    "MajorStock",
    "MonthlyCheckRecord",
    "StatsLine",
    "hazard_card",
    "hazard_choices",
    "hazard_events",
    "hazard_ledger",
    "hazard_stats",
    "monthly_check_record",
    "normalise_number",
    "rate_text",
]

S = HazardStatus
OPEN_STATUSES = (S.registered, S.rectifying, S.awaiting_acceptance)
ZERO_REPORT_TEXT = "本月未发现重大事故隐患（零报告）"
# The status filter's values beyond the five status codes, and how the forms name each.
STATUS_FILTERS: dict[str, str] = {
    **HAZARD_STATUS_LABELS,
    "open": "未销号",
    "overdue": "逾期未销号",
}
StatsBy = Literal["category", "month"]


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


def normalise_number(text: str) -> str:
    """2026-0042 as typed: "2026-42", "２０２６－００４２" and "2026 0042" are the same number."""
    folded = _fold(text).replace("—", "-").replace("－", "-")
    m = re.match(r"^(\d{4})\D?(\d{1,6})$", folded)
    if m is None:
        raise ValidationError("隐患编号", f"“{text}”应写作年份-序号，例如2026-0042")
    return f"{m[1]}-{int(m[2]):04d}"


def rate_text(value: float | None) -> str:
    """0.9523 -> "95.2%", 1 -> "100%", None (nothing to count) -> "—"."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}".removesuffix(".0") + "%"


def _open() -> ColumnElement[bool]:
    return Hazard.status.in_(OPEN_STATUSES)


def _overdue(today: date) -> ColumnElement[bool]:
    """Past its deadline and not closed: HAZ-OVERDUE's test."""
    return and_(Hazard.status.in_(OPEN_STATUSES), Hazard.deadline.is_not(None), Hazard.deadline < today)


# --- the ledger ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HazardFilter:
    """Which hazards a ledger lists; None / False / "" means "any"."""

    status: str | None = None  # a status code, "open" (not closed) or "overdue"
    grade: str | None = None  # general | major (一般 | 重大), or one of the mine's own labels (B级 …)
    category: str | None = None
    source: str | None = None  # code (shift_daily …) or its title (班组日查 …)
    overdue: bool = False
    responsible: str | None = None  # part of the responsible person's name

    def describe(self) -> str:
        """The filter as the form's period line shows it: "等级：重大；状态：整改中"."""
        parts = []
        if self.status:
            parts.append(f"状态：{STATUS_FILTERS.get(self.status, self.status)}")
        if self.overdue and self.status != "overdue":
            parts.append("仅逾期")
        if self.grade:
            parts.append(f"等级：{GRADE_LABELS.get(self.grade, self.grade)}")
        if self.category:
            parts.append(f"专业类别：{self.category}")
        if self.source:
            parts.append(f"来源：{hazard_sources().get(self.source, self.source)}")
        if self.responsible:
            parts.append(f"责任人：{self.responsible}")
        return "；".join(parts)

    def clauses(self, today: date) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.status == "open":
            out.append(_open())
        elif self.status == "overdue":
            out.append(_overdue(today))
        elif self.status:
            out.append(Hazard.status == self.status)
        if self.overdue:
            out.append(_overdue(today))
        if self.grade:
            grade = {"一般": "general", "重大": "major"}.get(self.grade, self.grade)
            out.append(Hazard.grade == grade if grade in GRADE_LABELS else Hazard.grade_label == self.grade)
        if self.category:
            out.append(Hazard.category == self.category)
        if self.source:
            titles = {title: code for code, title in hazard_sources().items()}
            out.append(Hazard.source == titles.get(self.source, self.source))
        if self.responsible:
            out.append(Hazard.responsible_name.contains(self.responsible.strip(), autoescape=True))
        return out


@dataclass(frozen=True)
class LedgerLine:
    """One hazard with everything the ledger, the card and the export print. Plain values only."""

    id: int
    number: str
    found_on: date
    found_by: str
    found_by_unit: str
    source: str
    place: str
    category: str
    category_text: str  # the text written when the category was mapped to 其他
    description: str
    grade: str  # general | major
    grade_label: str  # the mine's own grade (B级), "" if none
    standard_edition: str
    clause_key: str
    clause_text: str
    responsible: str
    measures: str
    funds: float | None
    deadline: date | None
    contingency_plan: str
    listed_by: str
    listed_on: date | None
    reported_on: date | None
    announced_on: date | None
    status: str
    rectified_on: date | None
    rectified_by: str
    rectification: str
    accepted_by: str
    accepted_on: date | None
    acceptance_opinion: str
    closed_on: date | None
    cause_analysis: str
    void_reason: str
    overdue_days: int | None  # days past the deadline while not closed; None when not overdue

    @property
    def source_label(self) -> str:
        return hazard_sources().get(self.source, self.source)

    @property
    def category_shown(self) -> str:
        """其他（原文）: a category outside the catalogue keeps what was written."""
        return f"{self.category}（{self.category_text}）" if self.category_text else self.category

    @property
    def grade_shown(self) -> str:
        """一般 / 重大, with the mine's own grade beside it: 一般（B级）."""
        national = GRADE_LABELS.get(self.grade, self.grade)
        return f"{national}（{self.grade_label}）" if self.grade_label else national

    @property
    def status_label(self) -> str:
        return HAZARD_STATUS_LABELS.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def fact(self) -> HazardFact:
        """The rules' view of this hazard, so the form's gaps are the findings' gaps."""
        return HazardFact(
            self.id, self.number, self.found_on, self.place, self.category, self.grade, self.status,
            self.deadline, self.closed_on, self.responsible, self.measures, self.funds, self.contingency_plan,
            self.reported_on, self.announced_on, self.accepted_by, self.accepted_on, self.cause_analysis,
        )  # fmt: skip


# LedgerLine's fields in order (all but overdue_days, worked out from them) and the columns they come from:
# the ledger reads these plain tuples through Core, not Hazard objects, whose loading and attribute access
# cost several times the query over a 15,000-hazard ledger.
_LINE_COLUMNS: dict[str, InstrumentedAttribute[Any]] = {
    "id": Hazard.id,
    "number": Hazard.number,
    "found_on": Hazard.found_on,
    "found_by": Hazard.found_by_name,
    "found_by_unit": Hazard.found_by_unit,
    "source": Hazard.source,
    "place": Hazard.place,
    "category": Hazard.category,
    "category_text": Hazard.category_text,
    "description": Hazard.description,
    "grade": Hazard.grade,
    "grade_label": Hazard.grade_label,
    "standard_edition": Hazard.standard_edition,
    "clause_key": Hazard.clause_key,
    "clause_text": Hazard.clause_text,
    "responsible": Hazard.responsible_name,
    "measures": Hazard.measures,
    "funds": Hazard.funds,
    "deadline": Hazard.deadline,
    "contingency_plan": Hazard.contingency_plan,
    "listed_by": Hazard.listed_by,
    "listed_on": Hazard.listed_on,
    "reported_on": Hazard.reported_on,
    "announced_on": Hazard.announced_on,
    "status": Hazard.status,
    "rectified_on": Hazard.rectified_on,
    "rectified_by": Hazard.rectified_by,
    "rectification": Hazard.rectification,
    "accepted_by": Hazard.accepted_by_name,
    "accepted_on": Hazard.accepted_on,
    "acceptance_opinion": Hazard.acceptance_opinion,
    "closed_on": Hazard.closed_on,
    "cause_analysis": Hazard.cause_analysis,
    "void_reason": Hazard.void_reason,
}
assert list(_LINE_COLUMNS) == [f.name for f in fields(LedgerLine)][:-1], "LedgerLine and its columns differ"
_STATUS_AT = list(_LINE_COLUMNS).index("status")
_DEADLINE_AT = list(_LINE_COLUMNS).index("deadline")


def _lines(session: Session, query: Select[Any], today: date) -> list[LedgerLine]:
    """The LedgerLines of a select(*_LINE_COLUMNS.values()) query, in its order. Row by row, not .all():
    each row is dropped once its line is made, so the garbage collector is not walking 15,000 of them too."""
    out = []
    for row in session.connection().execute(query):
        overdue = None
        deadline = row[_DEADLINE_AT]
        if deadline is not None and deadline < today and row[_STATUS_AT] in OPEN_STATUSES:
            overdue = (today - deadline).days
        out.append(LedgerLine(*row, overdue))
    return out


@dataclass(frozen=True)
class HazardLedger:
    mine_name: str
    mine_kind: str
    start: date
    end: date
    filter: HazardFilter
    lines: list[LedgerLine]
    as_of: date

    @property
    def voided(self) -> int:
        return sum(1 for line in self.lines if line.status == S.voided)


def hazard_ledger(
    db: Database,
    mine_id: int,
    start: date | None = None,
    end: date | None = None,
    filt: HazardFilter | None = None,
    today: date | None = None,
) -> HazardLedger:
    """Hazards found from start to end (default: this year up to today) that pass the filter, in the order
    they were found. Voided entries are listed too (状态 已作废 with the reason): they stay visible."""
    today = today or clock.today()
    start = start or date(today.year, 1, 1)
    end = end or today
    if end < start:
        raise ValidationError("日期", f"截止日期{end:%Y-%m-%d}早于起始日期{start:%Y-%m-%d}")
    filt = filt or HazardFilter()
    with db.session() as s:
        mine = require_mine(s, mine_id)
        lines = _lines(
            s,
            select(*_LINE_COLUMNS.values())
            .where(Hazard.mine_id == mine_id, Hazard.found_on >= start, Hazard.found_on <= end)
            .where(*filt.clauses(today))
            .order_by(Hazard.found_on, Hazard.number),
            today,
        )
        return HazardLedger(mine.name, mine.kind, start, end, filt, lines, today)


@dataclass(frozen=True)
class HazardEventLine:
    hazard_id: int
    at: datetime
    operator: str
    from_status: str
    to_status: str
    note: str

    @property
    def from_label(self) -> str:
        return HAZARD_STATUS_LABELS.get(self.from_status, self.from_status)

    @property
    def to_label(self) -> str:
        return HAZARD_STATUS_LABELS.get(self.to_status, self.to_status)


def hazard_events(
    db: Database, hazard_ids: list[int] | None = None, mine_id: int | None = None
) -> list[HazardEventLine]:
    """The history of the given hazards (or of every hazard of a mine), oldest first, in one query."""
    query = select(HazardEvent).order_by(HazardEvent.hazard_id, HazardEvent.at, HazardEvent.id)
    if hazard_ids is not None:
        query = query.where(HazardEvent.hazard_id.in_(hazard_ids))
    if mine_id is not None:
        query = query.join(Hazard, Hazard.id == HazardEvent.hazard_id).where(Hazard.mine_id == mine_id)
    with db.session() as s:
        return [
            HazardEventLine(e.hazard_id, e.at, e.operator_name, e.from_status, e.to_status, e.note)
            for e in s.scalars(query)
        ]


# --- the five-fixes card of one major hazard -------------------------------------------------------


@dataclass(frozen=True)
class HazardCard:
    mine_name: str
    line: LedgerLine | None  # None: a blank card to fill in by hand (the mine has no major hazard yet)
    edition_title: str  # 《煤矿重大事故隐患判定标准》（应急管理部令第4号）
    edition_verified: bool  # False: a transcription not yet checked against the official text (待核对)
    five_fixes_gaps: list[str]  # 责任人, 措施, 资金, 时限, 预案 (missing_five_fixes)
    double_report_gaps: list[str]  # 报监管部门, 向职工公告 (missing_double_report)
    events: list[HazardEventLine]
    as_of: date

    @property
    def basis(self) -> str:
        """判定依据 as printed: edition title, clause and its text; 「待核对」 for an unverified edition."""
        line = self.line
        if line is None or not line.standard_edition:
            return ""
        text = f"{self.edition_title}{line.clause_text}"
        if not self.edition_verified:
            text += f"「{hazard_catalog().get('unverified_mark', '待核对')}」"
        return text


@dataclass(frozen=True)
class HazardChoice:
    number: str
    label: str  # "2026-0042 1302综采工作面 整改中"


def _edition(code: str) -> tuple[str, bool]:
    for e in hazard_catalog()["standard_editions"]:
        if e["code"] == code:
            return str(e["title"]), bool(e.get("verified", False))
    return code, False


def hazard_card(
    db: Database, mine_id: int, number: str | None = None, today: date | None = None
) -> HazardCard:
    """The 五落实及整改销号单 of one major hazard (by number); without a number, the latest major hazard, or a
    blank card when the mine has none yet (the print center builds every form without parameters)."""
    today = today or clock.today()
    with db.session() as s:
        mine = require_mine(s, mine_id)
        if number is None:
            found = _lines(
                s,
                select(*_LINE_COLUMNS.values())
                .where(Hazard.mine_id == mine_id, Hazard.grade == "major", Hazard.status != S.voided)
                .order_by(Hazard.found_on.desc(), Hazard.id.desc())
                .limit(1),
                today,
            )
            if not found:
                return HazardCard(mine.name, None, "", True, [], [], [], today)
        else:
            wanted = normalise_number(number)
            found = _lines(
                s,
                select(*_LINE_COLUMNS.values()).where(Hazard.mine_id == mine_id, Hazard.number == wanted),
                today,
            )
            if not found:
                raise NotFoundError(f"{mine.name}没有编号为{wanted}的隐患")
            if found[0].grade != "major":
                raise ValidationError(
                    "隐患编号", f"{wanted}是一般事故隐患；“五落实”及整改销号单只用于重大事故隐患"
                )
        line = found[0]
        mine_name = mine.name
    title, verified = _edition(line.standard_edition)
    fact = line.fact()
    return HazardCard(
        mine_name=mine_name,
        line=line,
        edition_title=title,
        edition_verified=verified,
        five_fixes_gaps=missing_five_fixes(fact),
        double_report_gaps=missing_double_report(fact),
        events=hazard_events(db, [line.id]),
        as_of=today,
    )


def hazard_choices(db: Database, mine_id: int) -> list[HazardChoice]:
    """The mine's major hazards, latest first, for the card's picker."""
    with db.session() as s:
        rows = s.execute(
            select(Hazard.number, Hazard.place, Hazard.status)
            .where(Hazard.mine_id == mine_id, Hazard.grade == "major")
            .order_by(Hazard.found_on.desc(), Hazard.id.desc())
        ).all()
    return [HazardChoice(n, f"{n} {place} {HAZARD_STATUS_LABELS.get(st, st)}") for n, place, st in rows]


# --- the monthly whole-system check -------------------------------------------------------------------


@dataclass(frozen=True)
class MajorLine:
    number: str
    found_on: date
    place: str
    description: str
    status_label: str


@dataclass(frozen=True)
class MonthlyCheckRecord:
    mine_name: str
    year: int
    month: int
    checked: bool  # a check is recorded for the month (HAZ-MONTHLY-CHECK)
    checked_on: date | None
    led_by: str
    participants: str
    scope: str
    result: str
    zero_report_on: date | None
    majors: list[MajorLine]  # major hazards found in the month, not voided
    complete: bool  # the month is over

    @property
    def zero_report(self) -> bool:
        """The month files a zero report: its check found no major hazard (HAZ-ZERO-REPORT)."""
        return self.checked and not self.majors


def monthly_check_record(
    db: Database, mine_id: int, year: int, month: int, today: date | None = None
) -> MonthlyCheckRecord:
    today = today or clock.today()
    start, end = month_bounds(year, month)
    with db.session() as s:
        mine = require_mine(s, mine_id)
        check = s.scalars(
            select(MonthlyCheck).where(
                MonthlyCheck.mine_id == mine_id, MonthlyCheck.year == year, MonthlyCheck.month == month
            )
        ).first()
        majors = [
            MajorLine(
                h.number, h.found_on, h.place, h.description, HAZARD_STATUS_LABELS.get(h.status, h.status)
            )
            for h in s.scalars(
                select(Hazard)
                .where(
                    Hazard.mine_id == mine_id,
                    Hazard.grade == "major",
                    Hazard.status != S.voided,
                    Hazard.found_on >= start,
                    Hazard.found_on <= end,
                )
                .order_by(Hazard.found_on, Hazard.number)
            )
        ]
        return MonthlyCheckRecord(
            mine_name=mine.name,
            year=year,
            month=month,
            checked=check is not None,
            checked_on=check.checked_on if check else None,
            led_by=check.led_by if check else "",
            participants=check.participants if check else "",
            scope=check.scope if check else "",
            result=check.result if check else "",
            zero_report_on=check.zero_report_on if check else None,
            majors=majors,
            complete=end < today,
        )


# --- statistics ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsLine:
    label: str  # the category, or "3月"
    new: int  # 新增: found in the year (or month), not voided
    closed: int  # 已整改销号: of those, closed
    open: int  # 未整改: of those, not closed yet
    overdue: int  # 逾期: of those, not closed and past the deadline today
    major: int  # 重大: of those, major

    @property
    def rate(self) -> float | None:
        """整改率 = 已整改销号 ÷ 新增; None when nothing was found."""
        return self.closed / self.new if self.new else None


@dataclass(frozen=True)
class MajorStock:
    """存量 (found in earlier years) and 增量 (found this year) major hazards: dynamic zeroing at a glance."""

    stock_open: int  # found before the year, still open (HAZ-STOCK)
    stock_closed: int  # found before the year, closed during it
    increment: int  # found in the year
    increment_open: int
    increment_closed: int

    @property
    def open_total(self) -> int:
        return self.stock_open + self.increment_open


@dataclass(frozen=True)
class HazardStats:
    mine_name: str
    year: int
    by: StatsBy
    lines: list[StatsLine]
    total: StatsLine
    majors: MajorStock
    voided: int  # voided entries of the year, left out of every figure
    as_of: date

    @property
    def rate(self) -> float | None:
        return self.total.rate


def _counts(today: date) -> list[Any]:
    closed = Hazard.status == S.closed
    return [
        func.count(Hazard.id),
        func.sum(case((closed, 1), else_=0)),
        func.sum(case((_open(), 1), else_=0)),
        func.sum(case((_overdue(today), 1), else_=0)),
        func.sum(case((Hazard.grade == "major", 1), else_=0)),
    ]


def _stats_line(label: str, counts: tuple[Any, ...] | None) -> StatsLine:
    new, closed, still_open, overdue, major = (int(c or 0) for c in (counts or (0, 0, 0, 0, 0)))
    return StatsLine(label, new, closed, still_open, overdue, major)


def hazard_stats(
    db: Database, mine_id: int, year: int | None = None, by: StatsBy = "category", today: date | None = None
) -> HazardStats:
    """隐患统计表 of a year by category (every catalogue category, in catalogue order) or by month (all
    months of a past year; this year up to this month). Counted by the date found: a row's 整改率 says how
    many of the hazards found in it are closed."""
    today = today or clock.today()
    year = year or today.year
    if by not in ("category", "month"):
        raise ValidationError("统计方式", f"“{by}”应为 category（按类别）或 month（按月份）")
    if year > today.year:
        raise ValidationError("年度", f"{year}年还没有到")
    start, end = date(year, 1, 1), date(year, 12, 31)
    in_year = (Hazard.mine_id == mine_id, Hazard.found_on >= start, Hazard.found_on <= end)
    live = Hazard.status != S.voided
    with db.session() as s:
        mine = require_mine(s, mine_id)
        key = Hazard.category if by == "category" else func.strftime("%m", Hazard.found_on)
        grouped: dict[str, tuple[Any, ...]] = {
            str(k): tuple(rest)
            for k, *rest in s.execute(select(key, *_counts(today)).where(*in_year, live).group_by(key))
        }
        total = s.execute(select(*_counts(today)).where(*in_year, live)).one()
        voided = s.scalar(select(func.count(Hazard.id)).where(*in_year, Hazard.status == S.voided)) or 0
        majors = _major_stock(s, mine_id, start, end, today)
        mine_name = mine.name
    lines: list[StatsLine] = []
    if by == "category":
        order = hazard_categories()
        order += sorted(k for k in grouped if k not in order)  # a category dropped from the catalogue
        lines = [_stats_line(c, grouped.get(c)) for c in order]
    else:
        last = 12 if year < today.year else today.month
        lines = [_stats_line(f"{m}月", grouped.get(f"{m:02d}")) for m in range(1, last + 1)]
    return HazardStats(
        mine_name=mine_name,
        year=year,
        by=by,
        lines=lines,
        total=_stats_line("合计", tuple(total)),
        majors=majors,
        voided=int(voided),
        as_of=today,
    )


def _major_stock(s: Any, mine_id: int, start: date, end: date, today: date) -> MajorStock:
    earlier = Hazard.found_on < start
    this_year = and_(Hazard.found_on >= start, Hazard.found_on <= end)
    closed_in_year = and_(Hazard.closed_on.is_not(None), Hazard.closed_on >= start, Hazard.closed_on <= end)
    row = s.execute(
        select(
            func.sum(case((and_(earlier, _open()), 1), else_=0)),
            func.sum(case((and_(earlier, closed_in_year), 1), else_=0)),
            func.sum(case((this_year, 1), else_=0)),
            func.sum(case((and_(this_year, _open()), 1), else_=0)),
            func.sum(case((and_(this_year, Hazard.status == S.closed), 1), else_=0)),
        ).where(Hazard.mine_id == mine_id, Hazard.grade == "major", Hazard.status != S.voided)
    ).one()
    return MajorStock(*(int(v or 0) for v in row))


def open_majors_by_year(db: Database, mine_id: int) -> dict[int, int]:
    """Open major hazards per year found (存量 by year), one GROUP BY."""
    year = func.strftime("%Y", Hazard.found_on)
    with db.session() as s:
        rows = s.execute(
            select(year, func.count(Hazard.id))
            .where(Hazard.mine_id == mine_id, Hazard.grade == "major", Hazard.status.in_(OPEN_STATUSES))
            .group_by(year)
        )
        out: dict[int, int] = defaultdict(int)
        for y, n in rows:
            out[int(y)] += int(n)
        return dict(out)
