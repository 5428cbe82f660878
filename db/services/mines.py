"""Doors for mines and their departments."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from db import clock
from db.engine import Database
from db.errors import DuplicateError, NotFoundError, ValidationError
from db.models import Department, Mine, MineKind
from db.services.unit import snapshot, write

# What a clerk may type on the command line, mapped onto the stored kind.
KIND_ALIASES: dict[str, MineKind] = {
    "coal": MineKind.coal,
    "underground": MineKind.underground_metal,
    "underground_metal": MineKind.underground_metal,
    "open-pit": MineKind.open_pit,
    "open_pit": MineKind.open_pit,
    "tailings": MineKind.tailings,
    "煤矿": MineKind.coal,
    "金属非金属地下矿山": MineKind.underground_metal,
    "金属非金属露天矿山": MineKind.open_pit,
    "尾矿库": MineKind.tailings,
}
PROFILES = ("shanxi", "national")
MINE_FIELDS = ("name", "kind", "licence_no", "address", "principal_name", "rule_profile")


def parse_kind(value: str | MineKind) -> MineKind:
    if isinstance(value, MineKind):
        return value
    kind = KIND_ALIASES.get(value.strip())
    if kind is None:
        raise ValidationError(
            "矿山类型", f"“{value}”不是可选的类型（煤矿、金属非金属地下矿山、金属非金属露天矿山、尾矿库）"
        )
    return kind


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in MINE_FIELDS:
            raise ValueError(f"unknown mine field {key}")
        out[key] = value.strip() if isinstance(value, str) else value
    if "name" in out:
        if not out["name"]:
            raise ValidationError("矿山名称", "不能为空")
        if len(out["name"]) > 100:
            raise ValidationError("矿山名称", "不能超过100个字")
    if "kind" in out:
        out["kind"] = parse_kind(out["kind"]).value
    if "rule_profile" in out and out["rule_profile"] not in PROFILES:
        raise ValidationError("资格标准", "只能选择“山西省”或“国家”标准")
    return out


def _name_taken(session: Any, name: str, except_id: int | None = None) -> bool:
    query = select(func.count()).select_from(Mine).where(Mine.name == name)
    if except_id is not None:
        query = query.where(Mine.id != except_id)
    return bool(session.scalar(query))


def create_mine(
    db: Database,
    operator: str,
    *,
    name: str,
    kind: str | MineKind,
    licence_no: str = "",
    address: str = "",
    principal_name: str = "",
    rule_profile: str = "shanxi",
) -> int:
    fields = _clean(
        dict(
            name=name,
            kind=kind,
            licence_no=licence_no,
            address=address,
            principal_name=principal_name,
            rule_profile=rule_profile,
        )
    )
    with write(db, operator) as w:
        if _name_taken(w.session, fields["name"]):
            raise DuplicateError("矿山名称", f"“{fields['name']}”已存在，请换一个名称")
        mine = Mine(**fields, created_at=clock.now())
        w.session.add(mine)
        w.session.flush()
        w.audit("create", mine, before=None, mine_id=mine.id)
        return mine.id


def update_mine(db: Database, operator: str, mine_id: int, **changes: Any) -> None:
    fields = _clean(changes)
    with write(db, operator) as w:
        mine = w.session.get(Mine, mine_id)
        if mine is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        if "name" in fields and _name_taken(w.session, fields["name"], except_id=mine_id):
            raise DuplicateError("矿山名称", f"“{fields['name']}”已存在，请换一个名称")
        before = snapshot(mine)
        for key, value in fields.items():
            setattr(mine, key, value)
        w.audit("update", mine, before=before, mine_id=mine.id)


GRADE_RESERVED = ("一般", "重大", "general", "major")
MAX_GRADES = 10


def check_hazard_grades(grades: list[tuple[str, str]]) -> str:
    """Validate the mine's own grades (label → general/major); returns what is stored ("" = the defaults)."""
    if len(grades) > MAX_GRADES:
        raise ValidationError("隐患分级", f"最多{MAX_GRADES}个等级")
    cleaned: list[dict[str, str]] = []
    seen: set[str] = set()
    for label, maps_to in grades:
        label = label.strip()
        if not label:
            raise ValidationError("隐患分级", "等级名称不能为空")
        if label in GRADE_RESERVED:
            raise ValidationError("隐患分级", f"“{label}”是国家规定的等级，不能再作为本矿的等级名称")
        if label in seen:
            raise ValidationError("隐患分级", f"等级名称“{label}”重复")
        if maps_to not in ("general", "major"):
            raise ValidationError("隐患分级", f"“{label}”须对应一般或重大事故隐患")
        seen.add(label)
        cleaned.append({"label": label, "maps_to": maps_to})
    return json.dumps(cleaned, ensure_ascii=False) if cleaned else ""


def set_hazard_grades(db: Database, operator: str, mine_id: int, grades: list[tuple[str, str]]) -> None:
    """The mine's own hazard grades; an empty list restores the catalogue's defaults."""
    stored = check_hazard_grades(grades)
    with write(db, operator) as w:
        mine = w.session.get(Mine, mine_id)
        if mine is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        before = snapshot(mine)
        mine.hazard_grades = stored
        w.audit("update", mine, before=before, mine_id=mine.id)


def add_department(db: Database, operator: str, mine_id: int, name: str, *, underground: bool = False) -> int:
    name = name.strip()
    if not name:
        raise ValidationError("部门名称", "不能为空")
    with write(db, operator) as w:
        if w.session.get(Mine, mine_id) is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        exists = w.session.scalar(
            select(Department.id).where(Department.mine_id == mine_id, Department.name == name)
        )
        if exists:
            raise DuplicateError("部门名称", f"本矿已有“{name}”")
        order = w.session.scalar(
            select(func.coalesce(func.max(Department.sort_order), 0)).where(Department.mine_id == mine_id)
        )
        dept = Department(mine_id=mine_id, name=name, underground=underground, sort_order=(order or 0) + 1)
        w.session.add(dept)
        w.session.flush()
        w.audit("create", dept, before=None)
        return dept.id
