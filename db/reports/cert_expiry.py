"""证书到期预警清单: current certificates of 在岗 people that are expired or fall due within a window.

The judgement is CERT-EXPIRY's (db.rules.certificates.check_expiry): renewal first (expired, or within the
window); otherwise a special-operation licence's review (复审), where the rule edition in force on the review
date still requires one. With the default window the list holds exactly the certificates 首页 warns about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db import clock
from db.engine import Database
from db.errors import ValidationError
from db.models import CERTIFICATE_KIND_LABELS, CertificateKind, Department, Person
from db.reports.common import mine_facts
from db.rules.catalog import rule
from db.rules.certificates import (
    EXPIRED,
    EXPIRING,
    REVIEW_DUE,
    REVIEW_OVERDUE,
    expiry_verdict,
    review_applies,
)
from db.rules.facts import CertFacts

STATUS_LABELS = {EXPIRED: "已过期", EXPIRING: "即将到期", REVIEW_OVERDUE: "复审逾期", REVIEW_DUE: "复审到期"}


@dataclass(frozen=True)
class ExpiryLine:
    certificate_id: int
    person_id: int
    name: str
    department: str
    kind: str
    kind_label: str
    operation_type: str
    number: str
    issued_on: date
    valid_until: date
    next_review: date | None
    due: date  # the date that triggers the line: valid_until, or next_review for a review
    days_left: int  # negative once past due
    status: str  # EXPIRED | EXPIRING | REVIEW_OVERDUE | REVIEW_DUE

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ExpiryReport:
    mine_name: str
    on: date
    window_days: int
    lines: list[ExpiryLine]


def default_warning_days() -> int:
    return int(rule("CERT-EXPIRY").param("warning_days"))


# The rule's own judgement: the list and 首页 must never disagree.
rule_verdict = expiry_verdict


def _earliest_due(c: CertFacts, today: date, window: int) -> tuple[str, date] | None:
    """Renewal or review, whichever falls due first within the window (or is already overdue)."""
    found: list[tuple[date, str]] = []
    if (c.valid_until - today).days <= window:
        found.append((c.valid_until, EXPIRED if c.valid_until < today else EXPIRING))
    due = c.next_review
    if c.kind == CertificateKind.special_operation and due is not None and review_applies(due):
        if (due - today).days <= window:
            found.append((due, REVIEW_OVERDUE if due < today else REVIEW_DUE))
    if not found:
        return None
    due, status = min(found)
    return status, due


def classify(c: CertFacts, today: date, window: int, rule_window: int) -> tuple[str, date] | None:
    """(status, due date) of a certificate, or None when nothing falls due within the window.

    What the rule flags reads as the rule says it (the 首页 and this list agree); a window wider than the
    rule's adds what falls due later, by whichever of renewal or review comes first; a narrower one keeps
    only what falls due within it.
    """
    verdict = rule_verdict(c, today, rule_window)
    if verdict is not None and (verdict[1] - today).days <= window:
        return verdict
    return _earliest_due(c, today, window)


def cert_expiry_report(
    db: Database, mine_id: int, today: date | None = None, days: int | None = None
) -> ExpiryReport:
    """Certificates due within `days` (default: CERT-EXPIRY's warning_days), fewest days left first."""
    today = today or clock.today()
    rule_window = default_warning_days()
    window = rule_window if days is None else days
    if window < 0:
        raise ValidationError("预警天数", "不能为负数")
    with db.session() as s:
        data = mine_facts(s, mine_id, parts=frozenset({"certificates"}))
        departments = dict(
            s.execute(
                select(Person.id, Department.name)
                .join(Department, Person.department_id == Department.id)
                .where(Person.mine_id == mine_id)
            ).all()
        )
    lines = []
    for c in data.certificates:
        person = data.people.get(c.person_id)
        if person is None or not person.active:
            continue
        judged = classify(c, today, window, rule_window)
        if judged is None:
            continue
        status, due = judged
        lines.append(
            ExpiryLine(
                certificate_id=c.id,
                person_id=person.id,
                name=person.name,
                department=departments.get(person.id, ""),
                kind=c.kind,
                kind_label=CERTIFICATE_KIND_LABELS.get(c.kind, c.kind),
                operation_type=c.operation_type,
                number=c.number,
                issued_on=c.issued_on,
                valid_until=c.valid_until,
                next_review=c.next_review,
                due=due,
                days_left=(due - today).days,
                status=status,
            )
        )
    lines.sort(key=lambda line: (line.days_left, line.name, line.number))
    return ExpiryReport(data.name, today, window, lines)
