"""Certificates: 安全生产知识和管理能力考核合格证 and 特种作业操作证.

A renewal or a review is a new row linked to the one before (`previous_id`), never an overwritten date.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class CertificateKind:
    safety_competence = "safety_competence"  # 安全生产知识和管理能力考核合格证
    special_operation = "special_operation"  # 特种作业操作证


CERTIFICATE_KIND_LABELS = {
    CertificateKind.safety_competence: "安全生产知识和管理能力考核合格证",
    CertificateKind.special_operation: "特种作业操作证",
}


class Certificate(Base):
    __tablename__ = "certificate"
    __table_args__ = (Index("ix_certificate_valid_until", "valid_until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    operation_type: Mapped[str] = mapped_column(String(60), default="")  # 作业类别, special operations only
    catalogue_edition: Mapped[str] = mapped_column(String(30), default="")
    number: Mapped[str] = mapped_column(String(60))
    issued_on: Mapped[date]
    valid_until: Mapped[date]
    next_review: Mapped[date | None]  # 复审日期 (rule edition before 2026-06-01)
    issuer: Mapped[str] = mapped_column(String(100), default="")
    # The issuing body agreed to a 6-yearly review (10+ years in the trade): a per-certificate fact, not inferred.
    extended_review: Mapped[bool] = mapped_column(default=False)
    first_underground: Mapped[bool] = mapped_column(
        default=False
    )  # first-time underground certificate holder
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    superseded: Mapped[bool] = mapped_column(default=False)  # a later row (renewal/review) replaced it
    created_at: Mapped[datetime]
