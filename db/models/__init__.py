"""All models, imported together so metadata is complete for Alembic and queries."""

from db.models.audit import AuditEntry, Operator
from db.models.base import Base
from db.models.mine import MINE_KIND_LABELS, Department, Mine, MineKind
from db.models.person import Person, PersonStatus

__all__ = [
    "MINE_KIND_LABELS",
    "AuditEntry",
    "Base",
    "Department",
    "Mine",
    "MineKind",
    "Operator",
    "Person",
    "PersonStatus",
]
