"""A person on a mine's roster, with the dated history an inspector may ask for."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base
from db.models.mine import Department


class PersonStatus:
    active = "active"  # 在岗
    transferred = "transferred"  # 调离
    left = "left"  # 离职


STATUS_LABELS = {PersonStatus.active: "在岗", PersonStatus.transferred: "调离", PersonStatus.left: "离职"}


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (
        # An ID number is unique within a mine; the same worker may appear at two mines.
        Index("uq_person_mine_id_number", "mine_id", "id_number", unique=True),
        Index("ix_person_mine_name", "mine_id", "name"),
        Index("ix_person_mine_status", "mine_id", "status"),
        # Every mine's 在岗 roster in name order (a county bureau's search) straight from the index.
        Index("ix_person_status_name", "status", "name"),
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
    # Start of front-line (一线) work; years are computed from it minus recorded gaps.
    work_start: Mapped[date | None]
    hire_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=PersonStatus.active)
    created_at: Mapped[datetime]
    # Schema 0002: the roster's full record.
    work_no: Mapped[str] = mapped_column(String(30), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(30), default="", server_default="")
    core_major: Mapped[bool] = mapped_column(
        default=False, server_default="0"
    )  # 主体专业, confirmed by the clerk
    school: Mapped[str] = mapped_column(String(100), default="", server_default="")
    title: Mapped[str] = mapped_column(String(10), default="", server_default="")  # 职称: 初级/中级/高级
    contractor: Mapped[str] = mapped_column(String(100), default="", server_default="")  # 外包/派遣单位
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

    department: Mapped[Department | None] = relationship()


class PersonStatusChange(Base):
    """在岗/调离/离职 with the date it took effect: people leave, their records stay."""

    __tablename__ = "person_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    effective: Mapped[date]
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(200), default="")


class FrontLineGap(Base):
    """A period away from front-line work, subtracted from the front-line years."""

    __tablename__ = "front_line_gap"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    start: Mapped[date]
    end: Mapped[date]
    note: Mapped[str] = mapped_column(String(200), default="")
