"""All models, imported together so metadata is complete for Alembic and queries."""

from db.models.audit import AuditEntry, Operator
from db.models.base import Base
from db.models.certificate import CERTIFICATE_KIND_LABELS, Certificate, CertificateKind
from db.models.drill import DrillResult, DrillSession, EvacuationDrill
from db.models.hazard import (
    GRADE_LABELS,
    HAZARD_STATUS_LABELS,
    Hazard,
    HazardCounter,
    HazardEvent,
    HazardStatus,
    MonthlyCheck,
)
from db.models.mine import MINE_KIND_LABELS, Department, Mine, MineKind
from db.models.person import STATUS_LABELS, FrontLineGap, Person, PersonStatus, PersonStatusChange
from db.models.staffing import PostAssignment
from db.models.training import TrainingAttendance, TrainingSession

__all__ = [
    "CERTIFICATE_KIND_LABELS",
    "GRADE_LABELS",
    "HAZARD_STATUS_LABELS",
    "MINE_KIND_LABELS",
    "STATUS_LABELS",
    "AuditEntry",
    "Base",
    "Certificate",
    "CertificateKind",
    "Department",
    "DrillResult",
    "DrillSession",
    "EvacuationDrill",
    "FrontLineGap",
    "Hazard",
    "HazardCounter",
    "HazardEvent",
    "HazardStatus",
    "Mine",
    "MineKind",
    "MonthlyCheck",
    "Operator",
    "Person",
    "PersonStatus",
    "PersonStatusChange",
    "PostAssignment",
    "TrainingAttendance",
    "TrainingSession",
]
