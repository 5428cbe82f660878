"""A person on a mine's roster (the minimal record; the roster issue extends it)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base
from db.models.mine import Department


class PersonStatus:
    active = "active"  # 在岗
    transferred = "transferred"  # 调离
    left = "left"  # 离职


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (
        # An ID number is unique within a mine; the same worker may appear at two mines.
        Index("uq_person_mine_id_number", "mine_id", "id_number", unique=True),
        Index("ix_person_mine_name", "mine_id", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mine_id: Mapped[int] = mapped_column(ForeignKey("mine.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str] = mapped_column(String(18))
    sex: Mapped[str] = mapped_column(String(2), default="")
    birth_date: Mapped[date | None]
    education: Mapped[str] = mapped_column(String(20), default="")
    major: Mapped[str] = mapped_column(String(60), default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    post: Mapped[str] = mapped_column(String(60), default="")
    employment_type: Mapped[str] = mapped_column(String(20), default="正式")
    underground: Mapped[bool] = mapped_column(default=False)
    work_start: Mapped[date | None]
    hire_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=PersonStatus.active)
    created_at: Mapped[datetime]

    department: Mapped[Department | None] = relationship()
