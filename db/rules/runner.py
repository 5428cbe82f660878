"""Gather a mine's plain data with set-based queries and run every rule over it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db import clock
from db.engine import Database
from db.models import Mine
from db.rules.findings import Finding, sort_findings
from db.rules.staffing import MineFacts, check_principal


def mine_facts(mine: Mine) -> MineFacts:
    return MineFacts(mine.id, mine.name, mine.kind, mine.principal_name, mine.rule_profile)


def findings_for_mine(db: Database, mine_id: int, today: date | None = None) -> list[Finding]:
    """Every current finding for one mine, most severe first."""
    _ = today or clock.today()  # rules with dates (drills, certificates, hazards) will read it
    with db.session() as s:
        mine = s.scalar(select(Mine).where(Mine.id == mine_id))
        if mine is None:
            return []
        facts = mine_facts(mine)
    found: list[Finding] = []
    found += check_principal(facts)
    return sort_findings(found)
