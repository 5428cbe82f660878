"""Self-rescuer drills: coverage on a month built here, fail-closed barring, bad input, evacuation drills."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from db import clock
from db.errors import ValidationError
from db.models import AuditEntry, DrillResult, PersonStatus
from db.rules.drills import month_coverage
from db.rules.runner import findings_for_mine, load_mine_data
from db.services.drills import (
    DrillEntry,
    DrillSessionInput,
    DrillWarnings,
    EvacuationInput,
    record_drill,
    record_evacuation_drill,
    record_results,
    update_evacuation_drill,
)
from db.services.mines import add_department, create_mine
from db.services.people import set_status
from tests.db.helpers import person

TODAY = clock.today()
OCT = date(2026, 10, 1)


@pytest.fixture
def mine(db):
    mine_id = create_mine(db, "测试员", name="一号矿", kind="coal", principal_name="赵")
    face = add_department(db, "测试员", mine_id, "综采一队", underground=True)
    office = add_department(db, "测试员", mine_id, "机关科室")
    return mine_id, face, office


def drill(db, mine_id, day, entries, **kw):
    return record_drill(
        db, "测试员", mine_id, DrillSessionInput(held_on=day, **kw), entries, accept_warnings=True
    )


def coverage(db, mine_id, year=2026, month=10):
    with db.session() as s:
        data = load_mine_data(s, mine_id)
    return month_coverage(data, data.activity, data.drills, year, month, TODAY)


def test_month_coverage_with_joiners_leavers_and_a_retry(db, mine):
    mine_id, face, office = mine
    early = OCT - timedelta(days=400)
    a = person(db, mine_id, "甲", underground=True, department_id=face, hire_date=early)
    b = person(db, mine_id, "乙", underground=True, department_id=face, hire_date=early)
    c = person(db, mine_id, "丙", underground=True, department_id=face, hire_date=early)
    d = person(
        db, mine_id, "丁", underground=True, department_id=face, hire_date=date(2026, 10, 20)
    )  # joins mid-month
    e = person(db, mine_id, "戊", underground=True, department_id=face, hire_date=early)
    person(db, mine_id, "己", underground=False, department_id=office, hire_date=early)  # not underground
    f = person(db, mine_id, "庚", underground=True, department_id=face, hire_date=early)
    set_status(db, "测试员", e, PersonStatus.left, date(2026, 10, 10))  # leaves mid-month: still counted
    set_status(db, "测试员", f, PersonStatus.left, date(2026, 9, 15))  # left before October: not counted
    drill(db, mine_id, date(2026, 10, 5), [DrillEntry(a, "25.0"), DrillEntry(b, 31.2), DrillEntry(e, 28)])
    drill(db, mine_id, date(2026, 10, 25), [DrillEntry(b, 29.9), DrillEntry(c, 30.1), DrillEntry(d, "30")])
    cov = coverage(db, mine_id)
    status = {pm.person.name: pm.status for pm in cov.people}
    assert status == {"甲": "passed", "乙": "passed", "丙": "failed", "丁": "passed", "戊": "passed"}
    assert (len(cov.people), len(cov.drilled), len(cov.passed), len(cov.failed), len(cov.missing)) == (
        5,
        5,
        4,
        1,
        0,
    )
    assert [pm.person.name for pm in cov.barred] == ["丙"]  # 30.1 s: over the threshold
    # 30.0 s exactly passes; 30.1 fails; a failed-then-passed worker is not barred.
    with db.session() as s:
        seconds = dict(s.execute(select(DrillResult.seconds, DrillResult.passed)).all())
    assert seconds[30.0] is True and seconds[30.1] is False


def test_missing_worker_is_listed_never_counted_fine(db, mine):
    mine_id, face, _ = mine
    a = person(db, mine_id, "甲", underground=True, department_id=face, hire_date=OCT - timedelta(days=400))
    person(db, mine_id, "乙", underground=True, department_id=face, hire_date=OCT - timedelta(days=400))
    drill(db, mine_id, date(2026, 10, 5), [DrillEntry(a, 20)])
    cov = coverage(db, mine_id)
    assert [pm.person.name for pm in cov.missing] == ["乙"]


def test_barred_on_a_fail_and_cleared_by_a_later_pass(db, mine):
    mine_id, face, _ = mine
    a = person(db, mine_id, "甲", underground=True, department_id=face)
    drill(db, mine_id, TODAY - timedelta(days=3), [DrillEntry(a, 22)])
    assert not [f for f in findings_for_mine(db, mine_id) if f.rule_code == "DRILL-30S"]
    drill(db, mine_id, TODAY - timedelta(days=2), [DrillEntry(a, 34.5)])
    (barred,) = [f for f in findings_for_mine(db, mine_id) if f.rule_code == "DRILL-30S"]
    assert barred.subject.id == a and barred.severity == "red" and "不得入井" in barred.message
    drill(
        db, mine_id, TODAY - timedelta(days=1), [DrillEntry(a, None, absent=True)]
    )  # absence clears nothing
    assert [f for f in findings_for_mine(db, mine_id) if f.rule_code == "DRILL-30S"]
    drill(db, mine_id, TODAY, [DrillEntry(a, 27.3)])
    assert not [f for f in findings_for_mine(db, mine_id) if f.rule_code == "DRILL-30S"]


def test_same_person_twice_in_a_session_is_one_result(db, mine):
    mine_id, face, _ = mine
    a = person(db, mine_id, "甲", underground=True, department_id=face)
    sid = drill(db, mine_id, TODAY, [DrillEntry(a, 33), DrillEntry(a, 26)])
    with db.session() as s:
        (result,) = s.scalars(select(DrillResult).where(DrillResult.session_id == sid))
    assert (result.seconds, result.passed, result.attempts) == (26.0, True, 2)


@pytest.mark.parametrize(
    ("seconds", "reason"),
    [("abc", "不是数字"), (0, "应大于0秒"), (-3, "应大于0秒"), (601, "超过600秒"), ("", "未填写")],
)
def test_bad_seconds_are_refused_with_the_row_named_and_nothing_written(db, mine, seconds, reason):
    mine_id, face, _ = mine
    a = person(db, mine_id, "甲", underground=True, department_id=face)
    b = person(db, mine_id, "乙", underground=True, department_id=face)
    audit_before = db.session().scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(ValidationError, match=reason) as info:
        drill(db, mine_id, TODAY, [DrillEntry(a, 20), DrillEntry(b, seconds)])
    assert "第2行（乙）" in info.value.field
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(DrillResult)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit_before


def test_future_date_refused_and_leavers_warned(db, mine):
    mine_id, face, office = mine
    a = person(db, mine_id, "甲", underground=True, department_id=face)
    clerk = person(db, mine_id, "乙", underground=False, department_id=office)
    with pytest.raises(ValidationError, match="演练日期"):
        drill(db, mine_id, TODAY + timedelta(days=1), [DrillEntry(a, 20)])
    set_status(db, "测试员", a, PersonStatus.left, TODAY)
    with pytest.raises(DrillWarnings) as info:
        record_drill(
            db,
            "测试员",
            mine_id,
            DrillSessionInput(held_on=TODAY),
            [DrillEntry(a, 20), DrillEntry(clerk, 20)],
        )
    assert any("已不在岗" in w for w in info.value.warnings) and any(
        "不是入井人员" in w for w in info.value.warnings
    )
    sid = drill(db, mine_id, TODAY, [DrillEntry(a, 20)])  # accepted after the clerk confirmed
    record_results(db, "测试员", sid, [DrillEntry(clerk, 25)], accept_warnings=True)


def test_two_failed_months_running_flag_retraining(db, mine):
    mine_id, face, _ = mine
    a = person(db, mine_id, "甲", underground=True, department_id=face, hire_date=TODAY - timedelta(days=400))
    this_month = TODAY.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    drill(db, mine_id, last_month, [DrillEntry(a, 40)])
    assert not [f for f in findings_for_mine(db, mine_id) if f.rule_code == "DRILL-REPEAT-FAIL"]
    drill(db, mine_id, this_month, [DrillEntry(a, 35)])
    assert [f.subject.id for f in findings_for_mine(db, mine_id) if f.rule_code == "DRILL-REPEAT-FAIL"] == [a]


def test_evacuation_drill_each_half_year(db, mine):
    mine_id, _, _ = mine

    def codes():
        return [
            (f.severity, f.subject.entity)
            for f in findings_for_mine(db, mine_id)
            if f.rule_code == "DRILL-EVACUATION"
        ]

    assert codes() == [("amber", "mine")]  # this half-year still due; earlier halves predate the records
    this_half = date(TODAY.year, 1 if TODAY.month <= 6 else 7, 1)
    record_evacuation_drill(
        db, "测试员", mine_id, EvacuationInput(held_on=this_half, scenario="透水撤离", participants=80)
    )
    assert codes() == [("amber", "evacuation_drill")]  # done, but not yet reported to the county
    with pytest.raises(ValidationError, match="演练科目"):
        record_evacuation_drill(db, "测试员", mine_id, EvacuationInput(held_on=TODAY, scenario=" "))


def test_a_saved_evacuation_drill_gets_its_report_date_later(db, mine):
    mine_id, _, _ = mine

    def amber_on_the_drill():
        return [
            f.subject.id
            for f in findings_for_mine(db, mine_id)
            if f.rule_code == "DRILL-EVACUATION" and f.subject.entity == "evacuation_drill"
        ]

    held = date(TODAY.year, 1 if TODAY.month <= 6 else 7, 1)
    data = EvacuationInput(held_on=held, scenario="透水撤离", participants=80)
    drill_id = record_evacuation_drill(db, "测试员", mine_id, data)
    assert amber_on_the_drill() == [drill_id]

    with pytest.raises(ValidationError, match="报告日期"):
        update_evacuation_drill(
            db,
            "测试员",
            drill_id,
            EvacuationInput(held_on=held, scenario="改了", reported_on=held - timedelta(1)),
        )
    assert amber_on_the_drill() == [drill_id]
    with db.session() as s:
        assert (
            s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "update")) == 0
        )

    data.reported_on = TODAY
    update_evacuation_drill(db, "测试员", drill_id, data)
    assert amber_on_the_drill() == []
    with db.session() as s:
        (entry,) = s.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "update",
                AuditEntry.entity == "evacuation_drill",
                AuditEntry.entity_id == drill_id,
            )
        )
    assert "reported_on" in (entry.after or "")
