"""Small builders for records-layer tests."""

from __future__ import annotations

from datetime import date
from itertools import count

from db.engine import Database
from db.idnumber import make
from db.services.people import PersonInput, add_person

_seq = count(1)


def person(db: Database, mine_id: int, name: str, **fields: object) -> int:
    """Add a person with a fresh valid ID number; fields override the defaults."""
    n = next(_seq)
    data = PersonInput(name=name, id_number=make("140522", date(1975, 1 + n % 12, 1 + n % 28), n % 1000))
    for key, value in fields.items():
        setattr(data, key, value)
    return add_person(db, "测试员", mine_id, data)
