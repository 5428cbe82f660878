"""Key posts (主要负责人, “五职”矿长, “五科”专业技术人员) held by people, with dated history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class PostAssignment(Base):
    __tablename__ = "post_assignment"
    __table_args__ = (Index("ix_post_assignment_mine_post", "mine_id", "post_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mine_id: Mapped[int] = mapped_column(ForeignKey("mine.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    post_code: Mapped[str] = mapped_column(String(40))  # a code from resources/catalogs/posts.json
    start: Mapped[date]
    end: Mapped[date | None]  # None while the person holds the post
    note: Mapped[str] = mapped_column(String(200), default="")
