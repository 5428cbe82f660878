"""Training sessions and who attended, with scores: the raw material of 一人一档."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class TrainingSession(Base):
    __tablename__ = "training_session"
    __table_args__ = (Index("ix_training_session_mine_start", "mine_id", "start_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mine_id: Mapped[int] = mapped_column(ForeignKey("mine.id"))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30))  # code from resources/catalogs/training.json
    start_date: Mapped[date]
    end_date: Mapped[date]
    hours: Mapped[float]
    place: Mapped[str] = mapped_column(String(100), default="")
    organiser: Mapped[str] = mapped_column(String(100), default="")  # 授课人或培训单位
    content: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class TrainingAttendance(Base):
    __tablename__ = "training_attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id", name="uq_training_attendance_session_person"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    score: Mapped[float | None]
    passed: Mapped[bool | None]  # None: not examined
    note: Mapped[str] = mapped_column(String(200), default="")
