"""Pieces the form queries share: the mine (or a clear error) and the facts the rules run on."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from db.errors import NotFoundError
from db.models import Mine
from db.rules.facts import MineData
from db.rules.runner import load_mine_data


def require_mine(session: Session, mine_id: int) -> Mine:
    mine = session.get(Mine, mine_id)
    if mine is None:
        raise NotFoundError(f"找不到编号为{mine_id}的矿山")
    return mine


def mine_facts(
    session: Session,
    mine_id: int,
    *,
    drill_window: tuple[date, date] | None = None,
    parts: frozenset[str] = frozenset(),
) -> MineData:
    """The facts the rules run on: front-line gaps, current holdings and certificates come from here. Drill
    and hazard facts only when asked for in `parts` ("drills", "hazards"): a roster form needs neither."""
    data = load_mine_data(session, mine_id, drill_window=drill_window, parts=parts)
    if data is None:
        raise NotFoundError(f"找不到编号为{mine_id}的矿山")
    return data
