"""Key posts: findings appear and clear as holders change; qualification by profile."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from db import clock
from db.errors import ValidationError
from db.models import PersonStatus
from db.queries import audit_trail
from db.rules.runner import findings_for_mine
from db.services.mines import create_mine, update_mine
from db.services.people import set_status
from db.services.staffing import assign_post, end_post
from tests.db.helpers import person

TODAY = clock.today()
LONG_AGO = date(2000, 1, 1)
POSITIONS = ("mine_manager", "chief_engineer", "deputy_safety", "deputy_production", "deputy_electromech")
SPECIALTIES = (
    "spec_mining",
    "spec_tunnelling",
    "spec_electromech_transport",
    "spec_ventilation",
    "spec_survey_water",
)


def codes(db, mine_id, prefix="STAFF-"):
    return sorted(f.rule_code for f in findings_for_mine(db, mine_id) if f.rule_code.startswith(prefix))


def qualified(db, mine_id, name):
    return person(db, mine_id, name, education="本科", major="采矿工程", core_major=True, work_start=LONG_AGO)


@pytest.fixture
def coal(db):
    return create_mine(db, "测试员", name="一号矿", kind="coal")


def test_an_empty_coal_mine_lacks_principal_positions_and_specialties(db, coal):
    found = [f for f in findings_for_mine(db, coal) if f.rule_code.startswith("STAFF-")]
    assert sorted({f.rule_code for f in found}) == [
        "STAFF-FIVE-POSITIONS",
        "STAFF-PRINCIPAL",
        "STAFF-SPECIALTY",
    ]
    assert len([f for f in found if f.rule_code == "STAFF-FIVE-POSITIONS"]) == 5
    (spec,) = [f for f in found if f.rule_code == "STAFF-SPECIALTY"]
    assert all(t in spec.message for t in ("采煤", "掘进", "机电运输", "通风", "地测防治水"))


def test_findings_clear_as_holders_are_assigned(db, coal):
    start = TODAY - timedelta(days=30)
    boss = qualified(db, coal, "赵矿长")
    assign_post(db, "测试员", boss, "principal", start)
    for i, code in enumerate(POSITIONS):
        assign_post(db, "测试员", boss if i == 0 else qualified(db, coal, f"领导{i}"), code, start)
    for i, code in enumerate(SPECIALTIES):
        assign_post(db, "测试员", qualified(db, coal, f"技术员{i}"), code, start)
    assert codes(db, coal) == []
    # The principal post also names the mine's principal.
    assert [e.action for e in audit_trail(db, "mine", coal)][-1] == "update"


def test_a_position_with_two_holders_or_none(db, coal):
    a, b = qualified(db, coal, "甲"), qualified(db, coal, "乙")
    first = assign_post(db, "测试员", a, "chief_engineer", TODAY - timedelta(days=100))
    assign_post(db, "测试员", b, "chief_engineer", TODAY - timedelta(days=10), replace=False)
    doubled = [
        f
        for f in findings_for_mine(db, coal)
        if f.rule_code == "STAFF-FIVE-POSITIONS" and "总工程师" in f.subject.label
    ]
    assert len(doubled) == 1 and "甲" in doubled[0].message and "乙" in doubled[0].message
    end_post(db, "测试员", first, TODAY - timedelta(days=11))
    assert not [f for f in findings_for_mine(db, coal) if "总工程师" in f.subject.label]


def test_replacing_a_holder_ends_the_previous_term_the_day_before(db, coal):
    a, b = qualified(db, coal, "甲"), qualified(db, coal, "乙")
    first = assign_post(db, "测试员", a, "mine_manager", TODAY - timedelta(days=100))
    assign_post(db, "测试员", b, "mine_manager", TODAY - timedelta(days=10))
    ended = [e for e in audit_trail(db, "post_assignment", first) if e.action == "end_post"]
    assert ended and (TODAY - timedelta(days=11)).isoformat() in ended[0].after
    with pytest.raises(ValidationError, match="任职时间"):
        assign_post(db, "测试员", a, "mine_manager", TODAY - timedelta(days=20))


def test_shanxi_profile_wants_ten_front_line_years_national_takes_a_title(db, coal):
    near = TODAY.replace(year=TODAY.year - 10) + timedelta(days=5)  # 5 days short of ten years
    p = person(db, coal, "钱副矿长", education="大专", core_major=True, work_start=near, title="中级")
    assign_post(db, "测试员", p, "deputy_safety", TODAY - timedelta(days=1))
    (f,) = [f for f in findings_for_mine(db, coal) if f.rule_code == "STAFF-POSITION-QUALIFIED"]
    assert "不足10年" in f.message and f.subject.id == p
    update_mine(db, "测试员", coal, rule_profile="national")
    assert not [f for f in findings_for_mine(db, coal) if f.rule_code == "STAFF-POSITION-QUALIFIED"]


def test_specialty_technician_needs_a_core_major_under_shanxi(db, coal):
    p = person(db, coal, "孙技术员", education="大专", core_major=False, work_start=LONG_AGO)
    assign_post(db, "测试员", p, "spec_ventilation", TODAY)
    (f,) = [f for f in findings_for_mine(db, coal) if f.rule_code == "STAFF-SPECIALTY-QUALIFIED"]
    assert "主体专业" in f.message


def test_dispatch_worker_underground_is_flagged_until_he_leaves(db, coal):
    p = person(db, coal, "周派遣", employment_type="劳务派遣", contractor="某劳务公司", underground=True)
    assert "STAFF-NO-DISPATCH-UNDERGROUND" in codes(db, coal)
    set_status(db, "测试员", p, PersonStatus.left, TODAY)
    assert "STAFF-NO-DISPATCH-UNDERGROUND" not in codes(db, coal)


def test_open_pit_mines_have_no_five_positions(db):
    pit = create_mine(db, "测试员", name="露天矿", kind="open-pit", principal_name="李")
    assert codes(db, pit) == []
