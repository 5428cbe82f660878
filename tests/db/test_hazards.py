"""Hazard ledger: numbering, life cycle with events and audit rows, rules at their edges, bad input."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from db import clock
from db.catalogs import clauses_for
from db.engine import open_database
from db.errors import ValidationError
from db.models import AuditEntry, Hazard, HazardEvent, Mine
from db.queries import audit_trail
from db.rules.hazards import months_back
from db.rules.runner import findings_for_mine
from db.services.hazards import (
    FiveFixes,
    HazardInput,
    MonthlyCheckInput,
    accept_hazard,
    file_zero_report,
    record_monthly_check,
    record_rectification,
    register_hazard,
    set_five_fixes,
    start_rectification,
    void_hazard,
)
from db.services.mines import create_mine, set_hazard_grades
from tests.db.helpers import person

TODAY = clock.today()


@pytest.fixture
def coal(db):
    return create_mine(db, "测试员", name="一号矿", kind="coal", principal_name="赵")


def general(found_on=TODAY, **kw):
    data = dict(
        found_on=found_on,
        source="shift_daily",
        place="1302工作面",
        category="顶板",
        description="顶板离层",
        found_by_name="李班长",
    )
    data.update(kw)
    return HazardInput(**data)


def clause_key(kind="coal", on=TODAY):
    return clauses_for(kind, on)[0].key


def rules(db, mine_id, code):
    return [f for f in findings_for_mine(db, mine_id) if f.rule_code == code]


FULL_FIXES = dict(
    responsible_name="王队长",
    measures="加强支护",
    funds="12000",
    deadline=TODAY + timedelta(days=10),
    contingency_plan="撤人预案",
)


def test_numbers_per_mine_and_year_never_reused(db, coal):
    first = register_hazard(db, "测试员", coal, general())
    void_hazard(db, "测试员", first, "重复登记")
    second = register_hazard(db, "测试员", coal, general())
    last_year = register_hazard(db, "测试员", coal, general(found_on=date(TODAY.year - 1, 12, 31)))
    with db.session() as s:
        numbers = {h.id: h.number for h in s.scalars(select(Hazard))}
    assert numbers[first] == f"{TODAY.year}-0001" and numbers[second] == f"{TODAY.year}-0002"
    assert numbers[last_year] == f"{TODAY.year - 1}-0001"


def test_two_registrations_in_quick_succession_get_distinct_numbers(db_path, coal, db):
    def worker(results):
        other = open_database(db_path)
        for _ in range(10):
            results.append(register_hazard(other, "测试员", coal, general()))
        other.close()

    a, b = [], []
    threads = [threading.Thread(target=worker, args=(a,)), threading.Thread(target=worker, args=(b,))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.session() as s:
        numbers = list(s.scalars(select(Hazard.number)))
    assert len(numbers) == 20 and len(set(numbers)) == 20


def test_life_cycle_events_and_audit(db, coal):
    worker = person(db, coal, "整改人")
    acceptor = person(db, coal, "验收人")
    hid = register_hazard(db, "测试员", coal, general(found_on=TODAY - timedelta(days=5)))
    start_rectification(db, "测试员", hid)
    record_rectification(db, "测试员", hid, TODAY - timedelta(days=2), "已加密锚杆", rectified_by="整改人")
    with pytest.raises(ValidationError, match="验收人不能是整改人"):
        accept_hazard(db, "测试员", hid, accepted_on=TODAY, opinion="合格", acceptor_person_id=worker)
    accept_hazard(
        db,
        "测试员",
        hid,
        accepted_on=TODAY - timedelta(days=1),
        opinion="支护不到位",
        acceptor_person_id=acceptor,
        passed=False,
    )
    record_rectification(db, "测试员", hid, TODAY, "补打锚索", rectified_by="整改人")
    accept_hazard(db, "测试员", hid, accepted_on=TODAY, opinion="合格", acceptor_person_id=acceptor)
    with db.session() as s:
        events = [
            (e.from_status, e.to_status) for e in s.scalars(select(HazardEvent).order_by(HazardEvent.id))
        ]
        hazard = s.get(Hazard, hid)
    assert events == [
        ("", "registered"),
        ("registered", "rectifying"),
        ("rectifying", "awaiting_acceptance"),
        ("awaiting_acceptance", "rectifying"),
        ("rectifying", "awaiting_acceptance"),
        ("awaiting_acceptance", "closed"),
    ]
    assert (hazard.status, hazard.closed_on, hazard.accepted_by_name) == ("closed", TODAY, "验收人")
    assert [e.action for e in audit_trail(db, "hazard", hid)] == ["create"] + ["status"] * 5
    with pytest.raises(ValidationError, match="已锁定"):
        set_five_fixes(db, "测试员", hid, FiveFixes(measures="改"))
    with pytest.raises(ValidationError, match="不能作废"):
        void_hazard(db, "测试员", hid, "误登")


def test_bad_input_is_refused_and_nothing_written(db, coal):
    audit = lambda: db.session().scalar(select(func.count()).select_from(AuditEntry))  # noqa: E731
    before = audit()
    with pytest.raises(ValidationError, match="整改期限"):
        register_hazard(
            db,
            "测试员",
            coal,
            general(found_on=TODAY - timedelta(days=1), deadline=TODAY - timedelta(days=2)),
        )
    with pytest.raises(ValidationError, match="资金"):
        register_hazard(db, "测试员", coal, general(funds="-5"))
    with pytest.raises(ValidationError, match="资金"):
        register_hazard(db, "测试员", coal, general(funds="五千"))
    with pytest.raises(ValidationError, match="判定依据"):
        register_hazard(db, "测试员", coal, general(grade="重大", clause_key=clause_key("underground_metal")))
    with pytest.raises(ValidationError, match="排查日期"):
        register_hazard(db, "测试员", coal, general(found_on=TODAY + timedelta(days=1)))
    hid = register_hazard(db, "测试员", coal, general())
    with pytest.raises(ValidationError, match="整改完成后才能验收"):
        accept_hazard(db, "测试员", hid, accepted_on=TODAY, opinion="合格", acceptor_name="某人")
    assert audit() == before + 1


def test_category_outside_catalogue_maps_to_other_and_keeps_text(db, coal):
    hid = register_hazard(db, "测试员", coal, general(category="防尘"))
    with db.session() as s:
        h = s.get(Hazard, hid)
    assert (h.category, h.category_text) == ("其他", "防尘")


def test_major_hazard_keeps_its_edition_and_needs_five_fixes_and_double_report(db, coal):
    key = clause_key()
    hid = register_hazard(db, "测试员", coal, general(grade="重大", clause_key=key))
    with db.session() as s:
        h = s.get(Hazard, hid)
    assert h.standard_edition == key.split("|")[0] and h.clause_text
    assert "缺责任人、措施、资金、时限、预案" in rules(db, coal, "HAZ-FIVE-FIXES")[0].message
    assert rules(db, coal, "HAZ-DOUBLE-REPORT")
    set_five_fixes(db, "测试员", hid, FiveFixes(**FULL_FIXES, reported_on=TODAY, announced_on=TODAY))
    assert rules(db, coal, "HAZ-FIVE-FIXES") == [] and rules(db, coal, "HAZ-DOUBLE-REPORT") == []


def test_mine_grades_map_onto_general_or_major(db, coal):
    hid = register_hazard(db, "测试员", coal, general(grade="B级"))
    with db.session() as s:
        h = s.get(Hazard, hid)
    assert (h.grade, h.grade_label) == ("general", "B级")


@pytest.mark.parametrize(("deadline_days", "overdue"), [(0, False), (-1, True)])
def test_overdue_edge(db, coal, deadline_days, overdue):
    register_hazard(
        db,
        "测试员",
        coal,
        general(found_on=TODAY - timedelta(days=5), deadline=TODAY + timedelta(days=deadline_days)),
    )
    assert bool(rules(db, coal, "HAZ-OVERDUE")) == overdue


@pytest.mark.parametrize(("days_after", "repeat"), [(180, True), (181, False)])
def test_repeat_within_180_days_of_closing(db, coal, days_after, repeat):
    closed_on = TODAY - timedelta(days=days_after)
    first = register_hazard(db, "测试员", coal, general(found_on=closed_on - timedelta(days=3)))
    record_rectification(db, "测试员", first, closed_on, "处理", rectified_by="甲")
    accept_hazard(db, "测试员", first, accepted_on=closed_on, opinion="合格", acceptor_name="乙")
    again = register_hazard(db, "测试员", coal, general(place=" 1302 工作面"))
    assert bool(rules(db, coal, "HAZ-REPEAT")) == repeat
    if repeat:
        set_five_fixes(db, "测试员", again, FiveFixes(cause_analysis="锚杆间距过大，已修订作业规程"))
        assert rules(db, coal, "HAZ-REPEAT") == []


@pytest.mark.parametrize(("months", "red"), [(3, True), (None, False)])
def test_two_majors_within_three_months(db, coal, months, red):
    # Exactly three months back counts; a day earlier falls outside the window.
    day = months_back(TODAY, months) if red else months_back(TODAY, 3) - timedelta(days=1)
    register_hazard(db, "测试员", coal, general(found_on=day, grade="重大", clause_key=clause_key(on=day)))
    register_hazard(db, "测试员", coal, general(grade="重大", clause_key=clause_key()))
    assert bool(rules(db, coal, "HAZ-TWO-MAJOR-3M")) == red


def test_stock_major_hazard_from_2023(db, coal):
    old = date(2023, 6, 1)
    register_hazard(db, "测试员", coal, general(found_on=old, grade="重大", clause_key=clause_key(on=old)))
    (f,) = rules(db, coal, "HAZ-STOCK")
    assert "2023年" in f.message


def test_monthly_check_and_zero_report_for_an_empty_month(db, coal):
    assert [f.severity for f in rules(db, coal, "HAZ-MONTHLY-CHECK")] == ["amber"]
    check = record_monthly_check(
        db, "测试员", coal, MonthlyCheckInput(TODAY.year, TODAY.month, TODAY, led_by="赵")
    )
    assert rules(db, coal, "HAZ-MONTHLY-CHECK") == []
    assert len(rules(db, coal, "HAZ-ZERO-REPORT")) == 1
    file_zero_report(db, "测试员", check, TODAY)
    assert rules(db, coal, "HAZ-ZERO-REPORT") == []
    with pytest.raises(ValidationError, match="已登记"):
        record_monthly_check(
            db, "测试员", coal, MonthlyCheckInput(TODAY.year, TODAY.month, TODAY, led_by="赵")
        )


def test_no_zero_report_for_a_month_with_a_major_hazard(db, coal):
    register_hazard(db, "测试员", coal, general(grade="重大", clause_key=clause_key()))
    check = record_monthly_check(
        db, "测试员", coal, MonthlyCheckInput(TODAY.year, TODAY.month, TODAY, led_by="赵")
    )
    with pytest.raises(ValidationError, match="不能报零"):
        file_zero_report(db, "测试员", check, TODAY)


def test_the_mine_own_grades_map_onto_the_national_two(db, coal):
    set_hazard_grades(db, "测试员", coal, [("甲级", "major"), ("乙级", "general")])
    hazard_id = register_hazard(db, "测试员", coal, general(grade="甲级", clause_key=clause_key()))
    with db.session() as s:
        hazard = s.get(Hazard, hazard_id)
        assert (hazard.grade, hazard.grade_label) == ("major", "甲级")
        assert json.loads(s.get(Mine, coal).hazard_grades) == [
            {"label": "甲级", "maps_to": "major"},
            {"label": "乙级", "maps_to": "general"},
        ]
    with pytest.raises(ValidationError, match="等级"):
        register_hazard(db, "测试员", coal, general(grade="B级"))


@pytest.mark.parametrize(
    "grades",
    [
        [("", "general")],
        [("甲级", "general"), ("甲级", "major")],
        [("甲级", "x")],
        [("重大", "major")],
        [(f"{n}级", "general") for n in range(11)],
    ],
)
def test_bad_hazard_grades_are_refused_and_nothing_written(db, coal, grades):
    with db.session() as s:
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(ValidationError, match="隐患分级"):
        set_hazard_grades(db, "测试员", coal, grades)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audits
        assert s.get(Mine, coal).hazard_grades == ""


def test_an_empty_list_restores_the_catalogue_defaults(db, coal):
    set_hazard_grades(db, "测试员", coal, [("甲级", "major")])
    set_hazard_grades(db, "测试员", coal, [])
    with db.session() as s:
        assert s.get(Mine, coal).hazard_grades == ""
    register_hazard(db, "测试员", coal, general(grade="B级"))


def test_repeat_places_are_compared_without_the_blanks_text_carries():
    from db.models.hazard import BLANKS

    assert all(c.isspace() for c in BLANKS) and len(set(BLANKS)) == len(BLANKS) == 19
    assert {" ", "\u3000", "\xa0", "\t", "\u2002", "\u2003", "\u2009", "\u202f"} <= set(BLANKS)
