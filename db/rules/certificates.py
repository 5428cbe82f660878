"""Certificate rules (证书): pure functions over plain data."""

from __future__ import annotations

from datetime import date

from db.catalogs import EDUCATION_ORDER, operation_for_post
from db.models.certificate import CERTIFICATE_KIND_LABELS, CertificateKind
from db.rules.catalog import rule
from db.rules.facts import CertFacts, MineData
from db.rules.findings import Finding, Subject, finding


def _label(c: CertFacts) -> str:
    return c.operation_type or CERTIFICATE_KIND_LABELS[c.kind]


def review_applies(due: date) -> bool:
    """Under the edition in force on the due date, is a 3-yearly review (复审) still required?"""
    abolished = date.fromisoformat(rule("CERT-EXPIRY").param("review_abolished_from"))
    return due < abolished


EXPIRED, EXPIRING, REVIEW_OVERDUE, REVIEW_DUE = "expired", "expiring", "review_overdue", "review_due"


def expiry_verdict(c: CertFacts, today: date, window: int) -> tuple[str, date] | None:
    """(status, due date) under CERT-EXPIRY, most severe first: expired, an overdue review (where the edition
    in force on the review date still requires one), then renewal or review due within the window."""
    review = c.next_review
    if not (c.kind == CertificateKind.special_operation and review is not None and review_applies(review)):
        review = None
    if c.valid_until < today:
        return EXPIRED, c.valid_until
    if review is not None and review < today:
        return REVIEW_OVERDUE, review
    if (c.valid_until - today).days <= window:
        return EXPIRING, c.valid_until
    if review is not None and (review - today).days <= window:
        return REVIEW_DUE, review
    return None


def check_expiry(data: MineData, today: date) -> list[Finding]:
    """CERT-EXPIRY: expired or review overdue (red); renewal or review due within the warning window (amber)."""
    window = int(rule("CERT-EXPIRY").param("warning_days"))
    found = []
    for c in data.certificates:
        person = data.people.get(c.person_id)
        if person is None or not person.active:
            continue
        verdict = expiry_verdict(c, today, window)
        if verdict is None:
            continue
        status, due = verdict
        days = (due - today).days
        what = f"{person.name}的{_label(c)}证（{c.number}）"
        message, severity = {
            EXPIRED: (f"{what}已于{due:%Y-%m-%d}过期，请立即换证，换证前不得从事该作业。", "red"),
            REVIEW_OVERDUE: (f"{what}应于{due:%Y-%m-%d}复审，已逾期。", "red"),
            EXPIRING: (f"{what}将于{due:%Y-%m-%d}到期（剩{days}天），请申请换证。", "amber"),
            REVIEW_DUE: (f"{what}应于{due:%Y-%m-%d}前复审（剩{days}天），请在到期前60日内申请。", "amber"),
        }[status]
        found.append(
            finding("CERT-EXPIRY", Subject("person", person.id, person.name), message, data.id, severity)
        )
    return found


def check_special_operation_licence(data: MineData, today: date) -> list[Finding]:
    """CERT-SPECIAL-OP: a special-operation post needs a valid certificate for that operation (无证上岗)."""
    valid: dict[int, set[str]] = {}
    for c in data.certificates:
        if c.kind == CertificateKind.special_operation and c.valid_until >= today:
            valid.setdefault(c.person_id, set()).add(c.operation_type)
    found = []
    for p in data.people.values():
        if not p.active or not p.post:
            continue
        op = operation_for_post(data.kind, p.post, today)
        if op is not None and op.name not in valid.get(p.id, set()):
            message = (
                f"{p.name}的岗位为{p.post}，须持有效的“{op.name}”特种作业操作证，未见有效证书（无证上岗）。"
            )
            found.append(finding("CERT-SPECIAL-OP", Subject("person", p.id, p.name), message, data.id))
    return found


def check_first_underground_education(data: MineData) -> list[Finding]:
    """CERT-FIRST-UNDERGROUND-EDU: a first-time underground licence holder has 高中 or above."""
    minimum = rule("CERT-FIRST-UNDERGROUND-EDU").param("min_education")
    found = []
    for c in data.certificates:
        person = data.people.get(c.person_id)
        if person is None or not person.active or not c.first_underground:
            continue
        if person.education_rank < EDUCATION_ORDER[minimum]:
            message = f"{person.name}首次取得井下特种作业操作证（{_label(c)}），文化程度为{person.education or '未填写'}，低于高中。"
            found.append(
                finding(
                    "CERT-FIRST-UNDERGROUND-EDU", Subject("person", person.id, person.name), message, data.id
                )
            )
    return found
