"""The one door every write goes through: validate, write, append the audit row, commit — or nothing.

with write(db, "张会计") as w:
    mine = Mine(...); w.session.add(mine); w.session.flush()
    w.audit("create", mine, before=None)
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import insert, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from db import clock
from db.engine import Database, translate_sqlite_error
from db.errors import ValidationError
from db.models import AuditEntry, Operator


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def snapshot(obj: object) -> dict[str, Any]:
    """The record's column values as plain JSON-able data, for the before/after of an audit row."""
    mapper = inspect(obj).mapper  # type: ignore[union-attr]
    return {attr.key: _plain(getattr(obj, attr.key)) for attr in mapper.column_attrs}


@dataclass
class Writer:
    session: Session
    operator: Operator

    def audit(
        self,
        action: str,
        obj: object,
        before: dict[str, Any] | None,
        *,
        mine_id: int | None = None,
        after: dict[str, Any] | None = None,
    ) -> AuditEntry:
        """Append one audit row. `after` defaults to the object's current state; on update only the
        fields that changed are kept on both sides, so the trail reads as field / old / new."""
        if getattr(obj, "id", None) is None:
            self.session.flush()  # the audit row needs the new record's id
        state = snapshot(obj) if after is None else after
        if before is not None:
            changed = {k for k in state if before.get(k) != state.get(k)}
            before = {k: before.get(k) for k in sorted(changed)}
            state = {k: state.get(k) for k in sorted(changed)}
        entry = AuditEntry(
            at=clock.now(),
            operator_id=self.operator.id,
            operator_name=self.operator.name,
            action=action,
            entity=obj.__tablename__,  # type: ignore[attr-defined]
            entity_id=getattr(obj, "id", None),
            mine_id=mine_id if mine_id is not None else getattr(obj, "mine_id", None),
            before=None if before is None else json.dumps(before, ensure_ascii=False),
            after=json.dumps(state, ensure_ascii=False),
        )
        self.session.add(entry)
        return entry

    def audit_many(
        self,
        action: str,
        model: type[Any],
        records: Sequence[Mapping[str, Any]],
        *,
        mine_id: int | None = None,
    ) -> int:
        """The audit rows of records written with a Core insert (a 10,000-row import), one executemany
        instead of one ORM object each. Each record maps every column attribute of `model`, the new id
        included, and gets the row audit(action, obj, before=None) would append: same entity, entity_id,
        mine_id and `after` JSON (same keys, same order). Returns the number of rows written."""
        keys = [attr.key for attr in inspect(model).column_attrs]
        at = clock.now()
        entries = [
            {
                "at": at,
                "operator_id": self.operator.id,
                "operator_name": self.operator.name,
                "action": action,
                "entity": model.__tablename__,
                "entity_id": record["id"],
                "mine_id": mine_id if mine_id is not None else record.get("mine_id"),
                "before": None,
                "after": json.dumps({k: _plain(record[k]) for k in keys}, ensure_ascii=False),
            }
            for record in records
        ]
        if entries:
            # The session's own connection: the same transaction as the ORM work, so rollback takes both.
            self.session.connection().execute(insert(AuditEntry), entries)
        return len(entries)


def _operator(session: Session, name: str) -> Operator:
    name = name.strip()
    if not name:
        raise ValidationError("操作员", "请填写操作员姓名，每一处修改都要记下是谁做的。")
    op = session.scalar(select(Operator).where(Operator.name == name))
    if op is None:
        op = Operator(name=name, active=True, created_at=clock.now())
        session.add(op)
        session.flush()
    return op


@contextmanager
def write(db: Database, operator: str) -> Iterator[Writer]:
    """One transaction: commits when the block ends, rolls back everything on any error."""
    session = db.session()
    try:
        with session.begin():
            yield Writer(session=session, operator=_operator(session, operator))
    except DBAPIError as exc:
        mapped = translate_sqlite_error(exc, db.path)
        if mapped is not None:
            raise mapped from exc
        raise
    finally:
        session.close()
