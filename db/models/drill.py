"""Self-rescuer drills (自救器实操培训 / 班前抽查) and emergency evacuation drills."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class DrillSession(Base):
    __tablename__ = "drill_session"
    __table_args__ = (Index("ix_drill_session_mine_date", "mine_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mine_id: Mapped[int] = mapped_column(ForeignKey("mine.id"))
    held_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20))  # monthly | shift_spot (resources/catalogs/drills.json)
    shift: Mapped[str] = mapped_column(String(20), default="")
    place: Mapped[str] = mapped_column(String(100), default="")
    instructor: Mapped[str] = mapped_column(String(50), default="")  # 培训人/考核人
    unit_model: Mapped[str] = mapped_column(String(40), default="")  # 培训自救器型号
    unit_serials: Mapped[str] = mapped_column(String(200), default="")  # 编号
    # The threshold in force when the drill was held, kept with it: a later rule change never rewrites history.
    threshold_s: Mapped[float] = mapped_column(default=30.0)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class DrillResult(Base):
    __tablename__ = "drill_result"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id", name="uq_drill_result_session_person"),
        Index("ix_drill_result_person", "person_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("drill_session.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    seconds: Mapped[float | None]  # None when absent
    passed: Mapped[bool | None]  # computed from the session threshold; None when absent
    absent: Mapped[bool] = mapped_column(default=False)
    attempts: Mapped[int] = mapped_column(default=1)  # a retry within the session counts here
    remark: Mapped[str] = mapped_column(String(200), default="")


class EvacuationDrill(Base):
    """紧急撤离和逃生避险应急演练."""

    __tablename__ = "evacuation_drill"
    __table_args__ = (Index("ix_evacuation_drill_mine_date", "mine_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mine_id: Mapped[int] = mapped_column(ForeignKey("mine.id"))
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(100), default="")
    scenario: Mapped[str] = mapped_column(String(200))
    organiser: Mapped[str] = mapped_column(String(50), default="")
    participants: Mapped[int] = mapped_column(default=0)
    participant_names: Mapped[str] = mapped_column(Text, default="")
    duration_min: Mapped[int | None]
    process: Mapped[str] = mapped_column(Text, default="")  # 演练过程
    problems: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    evaluation: Mapped[str] = mapped_column(Text, default="")
    reported_on: Mapped[date | None]  # date reported to the county regulator
    created_at: Mapped[datetime]
