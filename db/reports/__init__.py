"""Read-only queries behind the printed forms: each returns plain dataclasses, never ORM objects.

Nothing here writes, and nothing imports Qt or `desktop`. Where a form shows what a rule judges (front-line
years, the reasons a key-post holder does not qualify, certificate expiry), the numbers come from the same
facts and rule functions the 首页 findings use, so paper and screen never disagree.
"""

from db.reports.cert_expiry import ExpiryLine, ExpiryReport, cert_expiry_report, default_warning_days
from db.reports.person_file import (
    CertificateSummary,
    PersonChoice,
    PersonFile,
    PersonFileReport,
    TrainingRecord,
    person_choices,
    person_file_report,
)
from db.reports.roster import RosterLine, RosterReport, roster_report
from db.reports.staffing import StaffingLine, StaffingReport, staffing_report
from db.reports.training_session import (
    SessionAttendee,
    SessionChoice,
    SessionSheet,
    session_choices,
    session_sheet,
)

__all__ = [
    "CertificateSummary",
    "ExpiryLine",
    "ExpiryReport",
    "PersonChoice",
    "PersonFile",
    "PersonFileReport",
    "RosterLine",
    "RosterReport",
    "SessionAttendee",
    "SessionChoice",
    "SessionSheet",
    "StaffingLine",
    "StaffingReport",
    "TrainingRecord",
    "cert_expiry_report",
    "default_warning_days",
    "person_choices",
    "person_file_report",
    "roster_report",
    "session_choices",
    "session_sheet",
    "staffing_report",
]
