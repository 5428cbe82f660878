"""Hazards (事故隐患) through their life cycle, the monthly whole-system check and its zero report."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class HazardStatus:
    registered = "registered"  # 已登记
    rectifying = "rectifying"  # 整改中
    awaiting_acceptance = "awaiting_acceptance"  # 待验收
    closed = "closed"  # 已销号
    voided = "voided"  # 已作废 (a wrong entry, kept with its reason)


HAZARD_STATUS_LABELS = {
    HazardStatus.registered: "已登记",
    HazardStatus.rectifying: "整改中",
    HazardStatus.awaiting_acceptance: "待验收",
    HazardStatus.closed: "已销号",
    HazardStatus.voided: "已作废",
}
GRADE_LABELS = {"general": "一般", "major": "重大"}


# The blanks a typed or pasted place can carry (of the 29 str.split() knows, less the control separators,
# the quads, Ogham and the line/paragraph separators): SQLite's parser takes about twenty nested replace()s
# on each side of the comparison, no more.
BLANKS = "\t\n\x0b\x0c\r \xa0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


def place_key_sql(column: str) -> str:
    """SQL for a place with its blanks removed ("1302 工作面" = "1302工作面"), as HAZ-REPEAT compares
    places. The expression index below is built on exactly this text, so a query written with it can use it."""
    sql = column
    for blank in BLANKS:
        sql = f"replace({sql}, char({ord(blank)}), '')"
    return sql


UNACCEPTED_SQL = "status = 'closed' AND (trim(accepted_by_name) = '' OR accepted_on IS NULL)"


class HazardCounter(Base):
    """The last number given per mine and year: numbers are never reused, even after a void."""

    __tablename__ = "hazard_counter"

    mine_id: Mapped[int] = mapped_column(ForeignKey("mine.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class Hazard(Base):
    __tablename__ = "hazard"
    __table_args__ = (
        UniqueConstraint("mine_id", "number", name="uq_hazard_mine_number"),
        Index("ix_hazard_mine_status", "mine_id", "status"),
        Index("ix_hazard_mine_found", "mine_id", "found_on"),
        Index("ix_hazard_mine_deadline", "mine_id", "deadline"),
        Index("ix_hazard_mine_grade", "mine_id", "grade"),
        # HAZ-CLOSE-ACCEPTED: the (normally empty) set of closed hazards without an acceptor or a date.
        Index("ix_hazard_unaccepted", "mine_id", sqlite_where=text(UNACCEPTED_SQL)),
        # HAZ-REPEAT: closed hazards by kind and place, so each hazard finds an earlier closing in one seek.
        Index(
            "ix_hazard_repeat",
            "mine_id",
            "category",
            text(place_key_sql("place")),
            "closed_on",
            sqlite_where=text("status = 'closed'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mine_id: Mapped[int] = mapped_column(ForeignKey("mine.id"))
    number: Mapped[str] = mapped_column(String(20))  # 2026-0042
    found_on: Mapped[date]
    found_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    found_by_name: Mapped[str] = mapped_column(String(50), default="")  # an outside inspector
    found_by_unit: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(20))  # code from resources/catalogs/hazards.json
    place: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(30))
    category_text: Mapped[str] = mapped_column(
        String(60), default=""
    )  # the original text when mapped to 其他
    description: Mapped[str] = mapped_column(Text)
    grade: Mapped[str] = mapped_column(String(10))  # general | major
    grade_label: Mapped[str] = mapped_column(String(20), default="")  # the mine's own grade (A级 …)
    # The standard's edition and clause it was graded against, kept forever (an old hazard prints its old clause).
    standard_edition: Mapped[str] = mapped_column(String(20), default="")
    clause_key: Mapped[str] = mapped_column(String(80), default="")
    clause_text: Mapped[str] = mapped_column(Text, default="")
    # 五落实
    responsible_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    responsible_name: Mapped[str] = mapped_column(String(50), default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    funds: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False))
    deadline: Mapped[date | None]
    contingency_plan: Mapped[str] = mapped_column(Text, default="")
    # 挂牌督办 and 双报告
    listed_by: Mapped[str] = mapped_column(String(100), default="")
    listed_on: Mapped[date | None]
    reported_on: Mapped[date | None]  # to the regulator
    announced_on: Mapped[date | None]  # made known to the workers
    # rectification and acceptance
    status: Mapped[str] = mapped_column(String(30), default=HazardStatus.registered)
    rectified_on: Mapped[date | None]
    rectified_by: Mapped[str] = mapped_column(String(50), default="")
    rectification: Mapped[str] = mapped_column(Text, default="")
    accepted_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    accepted_by_name: Mapped[str] = mapped_column(String(50), default="")
    accepted_on: Mapped[date | None]
    acceptance_opinion: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None]
    cause_analysis: Mapped[str] = mapped_column(Text, default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class HazardEvent(Base):
    """Every step of a hazard's life: who, when, from, to, note. Shown as its history; never edited."""

    __tablename__ = "hazard_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    hazard_id: Mapped[int] = mapped_column(ForeignKey("hazard.id"), index=True)
    at: Mapped[datetime]
    operator_name: Mapped[str] = mapped_column(String(50))
    from_status: Mapped[str] = mapped_column(String(30), default="")
    to_status: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")


class MonthlyCheck(Base):
    """The principal's monthly whole-system major-hazard check (and its zero report)."""

    __tablename__ = "monthly_check"
    __table_args__ = (UniqueConstraint("mine_id", "year", "month", name="uq_monthly_check_mine_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mine_id: Mapped[int] = mapped_column(ForeignKey("mine.id"))
    year: Mapped[int]
    month: Mapped[int]
    checked_on: Mapped[date]
    led_by: Mapped[str] = mapped_column(String(50))  # 组织人（主要负责人）
    participants: Mapped[str] = mapped_column(Text, default="")
    scope: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    zero_report_on: Mapped[date | None]  # date the zero report was filed (no major hazard found)
    created_at: Mapped[datetime]
