"""Operators (who works the app) and the audit trail (留痕) every service write appends to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class Operator(Base):
    __tablename__ = "operator"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    # The name is kept as written at the time, so the trail reads the same if an operator is renamed.
    operator_name: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(30))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    mine_id: Mapped[int | None] = mapped_column(ForeignKey("mine.id"), index=True)
    before: Mapped[str | None] = mapped_column(Text)  # JSON of the changed fields, or null on create
    after: Mapped[str | None] = mapped_column(Text)  # JSON, or null on void/delete
