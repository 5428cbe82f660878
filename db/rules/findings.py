"""What a rule returns: a finding a clerk can act on and cite to an inspector."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SEVERITY_ORDER = {"red": 0, "amber": 1}
SEVERITY_LABELS = {"red": "红色（违规）", "amber": "黄色（临期/不完整）"}


@dataclass(frozen=True)
class Subject:
    """The record a finding is about, so the window can open it."""

    entity: str  # table name: mine, person, hazard …
    id: int
    label: str


@dataclass(frozen=True)
class Finding:
    rule_code: str
    severity: str  # red | amber
    subject: Subject
    message: str
    source: str
    mine_id: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then by rule and subject, so the list reads the same every time."""
    return sorted(
        findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.rule_code, f.subject.label, f.subject.id)
    )


def finding(code: str, subject: Subject, message: str, mine_id: int, severity: str | None = None) -> Finding:
    """A finding for a catalogue rule, with the rule's source and (unless given) its severity."""
    from db.rules.catalog import rule

    spec = rule(code)
    return Finding(code, severity or spec.severity, subject, message, spec.source, mine_id)
