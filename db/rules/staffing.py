"""Staffing rules (配备): pure functions over plain data."""

from __future__ import annotations

from dataclasses import dataclass

from db.rules.catalog import rule
from db.rules.findings import Finding, Subject


@dataclass(frozen=True)
class MineFacts:
    id: int
    name: str
    kind: str
    principal_name: str
    rule_profile: str


def check_principal(mine: MineFacts) -> list[Finding]:
    """STAFF-PRINCIPAL: the mine names its principal (主要负责人)."""
    if mine.principal_name.strip():
        return []
    spec = rule("STAFF-PRINCIPAL")
    return [
        Finding(
            rule_code=spec.code,
            severity=spec.severity,
            subject=Subject("mine", mine.id, mine.name),
            message=f"{mine.name}未明确主要负责人（含实际控制人），请在矿山信息中填写。",
            source=spec.source,
            mine_id=mine.id,
        )
    ]
