"""Every write goes through one door: validate, write, audit row, one transaction."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from db.errors import DuplicateError, ValidationError
from db.idnumber import make
from db.models import AuditEntry, Department, Mine, Operator, Person
from db.queries import audit_trail
from db.services.mines import add_department, create_mine, update_mine
from db.services.people import PersonInput, add_people
from db.services.unit import snapshot


def rows(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_create_mine_writes_one_audit_row_with_operator_and_after(db):
    mine_id = create_mine(db, "张会计", name="一号矿", kind="underground", principal_name="赵矿长")
    (entry,) = audit_trail(db, "mine", mine_id)
    assert entry.action == "create" and entry.operator_name == "张会计" and entry.mine_id == mine_id
    assert entry.before is None
    after = json.loads(entry.after)
    assert (
        after["name"] == "一号矿"
        and after["kind"] == "underground_metal"
        and after["principal_name"] == "赵矿长"
    )
    with db.session() as s:
        assert s.scalar(select(Operator.name)) == "张会计"


def test_update_keeps_field_old_and_new(db):
    mine_id = create_mine(db, "张会计", name="一号矿", kind="coal")
    update_mine(db, "李主任", mine_id, principal_name="赵矿长", address="阳城县")
    entry = audit_trail(db, "mine", mine_id)[-1]
    assert entry.action == "update" and entry.operator_name == "李主任"
    assert json.loads(entry.before) == {"address": "", "principal_name": ""}
    assert json.loads(entry.after) == {"address": "阳城县", "principal_name": "赵矿长"}


def test_department_and_people_writes_are_audited(db):
    mine_id = create_mine(db, "张会计", name="一号矿", kind="coal")
    dept = add_department(db, "张会计", mine_id, "综采一队", underground=True)
    ids = add_people(
        db,
        "张会计",
        mine_id,
        [
            PersonInput(name="王建国", id_number=make("140522", date(1980, 5, 6), 13), department_id=dept),
            PersonInput(name="李秀兰", id_number=make("140522", date(1990, 1, 2), 24).lower()),
        ],
    )
    assert len(ids) == 2
    assert [e.action for e in audit_trail(db, "department", dept)] == ["create"]
    for pid in ids:
        assert [e.action for e in audit_trail(db, "person", pid)] == ["create"]
    with db.session() as s:
        sexes = dict(s.execute(select(Person.name, Person.sex)).all())
    assert sexes == {"王建国": "男", "李秀兰": "女"}


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda db, m: create_mine(db, "张会计", name="  ", kind="coal"), "矿山名称"),
        (lambda db, m: create_mine(db, "张会计", name="二号矿", kind="gold"), "矿山类型"),
        (lambda db, m: create_mine(db, "", name="二号矿", kind="coal"), "操作员"),
        (lambda db, m: update_mine(db, "张会计", m, rule_profile="beijing"), "资格标准"),
        (lambda db, m: add_department(db, "张会计", m, ""), "部门名称"),
        (
            lambda db, m: add_people(
                db,
                "张会计",
                m,
                [
                    PersonInput(name="甲", id_number=make("140522", date(1980, 5, 6), 13)),
                    PersonInput(name="乙", id_number="140522198005060131"),  # wrong check digit
                ],
            ),
            "第2人身份证号",
        ),
    ],
)
def test_a_refused_write_names_the_field_and_leaves_nothing(db, call, field):
    mine_id = create_mine(db, "张会计", name="一号矿", kind="coal")
    before = (rows(db, Mine), rows(db, Department), rows(db, Person), rows(db, AuditEntry))
    with pytest.raises(ValidationError) as info:
        call(db, mine_id)
    assert info.value.field == field
    assert (rows(db, Mine), rows(db, Department), rows(db, Person), rows(db, AuditEntry)) == before


def test_a_batch_with_one_duplicate_writes_no_one(db):
    mine_id = create_mine(db, "张会计", name="一号矿", kind="coal")
    number = make("140522", date(1980, 5, 6), 13)
    add_people(db, "张会计", mine_id, [PersonInput(name="王建国", id_number=number)])
    audit_before = rows(db, AuditEntry)
    with pytest.raises(DuplicateError, match="已登记在本矿"):
        add_people(
            db,
            "张会计",
            mine_id,
            [
                PersonInput(name="新人", id_number=make("140522", date(1991, 5, 6), 15)),
                PersonInput(name="王建国", id_number=" " + number),
            ],
        )
    assert rows(db, Person) == 1 and rows(db, AuditEntry) == audit_before


def test_add_people_returns_ids_in_input_order_with_one_audit_row_each(db):
    mine_id = create_mine(db, "张会计", name="一号矿", kind="coal")
    names = ["丙", "甲", "乙"]
    inputs = [
        PersonInput(name=n, id_number=make("140522", date(1980 + i, 5, 6), 13)) for i, n in enumerate(names)
    ]
    ids = add_people(db, "张会计", mine_id, inputs)
    with db.session() as s:
        by_id = {p.id: p for p in s.scalars(select(Person))}
        assert [by_id[i].name for i in ids] == names
        for pid in ids:
            (entry,) = audit_trail(db, "person", pid)
            assert entry.mine_id == mine_id and entry.before is None
            assert json.loads(entry.after) == snapshot(by_id[pid])
