"""A mine and its departments (区队/科室)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base


class MineKind(enum.StrEnum):
    coal = "coal"
    underground_metal = "underground_metal"
    open_pit = "open_pit"
    tailings = "tailings"


MINE_KIND_LABELS: dict[MineKind, str] = {
    MineKind.coal: "煤矿",
    MineKind.underground_metal: "金属非金属地下矿山",
    MineKind.open_pit: "金属非金属露天矿山",
    MineKind.tailings: "尾矿库",
}


class Mine(Base):
    __tablename__ = "mine"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    licence_no: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    # 主要负责人（含实际控制人）: a name now; the roster links it to a person record.
    principal_name: Mapped[str] = mapped_column(String(50), default="")
    # Qualification profile the rules use: "shanxi" (stricter, default) or "national".
    rule_profile: Mapped[str] = mapped_column(String(20), default="shanxi")
    # The mine's own hazard grades (e.g. A级/B级/C级), each mapped onto 一般 or 重大: JSON list of
    # {"label": "B级", "maps_to": "general"}; empty means the catalogue's defaults.
    hazard_grades: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime]

    departments: Mapped[list[Department]] = relationship(
        back_populates="mine", order_by="Department.sort_order, Department.id"
    )


class Department(Base):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("mine_id", "name", name="uq_department_mine_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mine_id: Mapped[int] = mapped_column(ForeignKey("mine.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(default=0)
    underground: Mapped[bool] = mapped_column(default=False)

    mine: Mapped[Mine] = relationship(back_populates="departments")
