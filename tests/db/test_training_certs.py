"""Training and certificate rules at their edges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from db import clock
from db.errors import ValidationError
from db.models import CertificateKind, PersonStatus
from db.rules.certificates import review_applies
from db.rules.runner import findings_for_mine
from db.services.certificates import CertificateInput, add_certificate, certificate_chain, renew_certificate
from db.services.mines import create_mine
from db.services.people import set_status
from db.services.staffing import assign_post
from db.services.training import Result, SessionInput, create_session, record_results
from tests.db.helpers import person

TODAY = clock.today()


@pytest.fixture
def coal(db):
    return create_mine(db, "测试员", name="一号矿", kind="coal", principal_name="赵")


def rules(db, mine_id, code):
    return [f for f in findings_for_mine(db, mine_id) if f.rule_code == code]


def session(db, mine_id, kind, day, results, hours=8.0, name="培训"):
    data = SessionInput(name=name, kind=kind, start_date=day, end_date=day, hours=hours)
    return create_session(db, "测试员", mine_id, data, results)


def licence(valid_until, issued=None, review=None, op="煤矿瓦斯检查作业", **kw):
    issued = issued or valid_until - timedelta(days=6 * 365)
    return CertificateInput(
        kind=CertificateKind.special_operation, operation_type=op, number="T001", issued_on=issued,
        valid_until=valid_until, next_review=review, **kw,
    )  # fmt: skip


@pytest.mark.parametrize(("days_left", "severity"), [(-1, "red"), (0, "amber"), (60, "amber"), (61, None)])
def test_certificate_expiry_window_edges(db, coal, days_left, severity):
    p = person(db, coal, "瓦检员", post="瓦斯检查工", hire_date=TODAY - timedelta(days=900))
    add_certificate(
        db, "测试员", p, licence(TODAY + timedelta(days=days_left), issued=TODAY - timedelta(days=300))
    )
    found = rules(db, coal, "CERT-EXPIRY")
    assert [f.severity for f in found] == ([severity] if severity else [])
    # An expired licence also means the post is worked without one.
    assert bool(rules(db, coal, "CERT-SPECIAL-OP")) == (days_left < 0)


def test_review_edition_depends_on_the_due_date():
    assert review_applies(date(2026, 5, 31))
    assert not review_applies(date(2026, 6, 1))


def test_review_due_under_the_old_edition_warns_then_a_review_row_clears_it(db, coal):
    p = person(db, coal, "瓦检员", post="瓦斯检查工")
    due = date(2026, 5, 31)
    cert = add_certificate(db, "测试员", p, licence(date(2029, 5, 31), issued=date(2023, 5, 31), review=due))
    (found,) = rules(db, coal, "CERT-EXPIRY")  # the review date has passed: overdue
    assert found.severity == "red" and "复审" in found.message and "逾期" in found.message
    renewed = renew_certificate(db, "测试员", cert, licence(date(2029, 5, 31), issued=date(2026, 5, 20)))
    assert rules(db, coal, "CERT-EXPIRY") == []
    assert [c.id for c in certificate_chain(db, renewed)] == [cert, renewed]
    with pytest.raises(ValidationError, match="已被后来的"):
        renew_certificate(db, "测试员", cert, licence(date(2030, 1, 1), issued=date(2026, 6, 1)))


def test_no_licence_for_a_special_operation_post(db, coal):
    p = person(db, coal, "电工甲", post="井下电钳工")
    (f,) = rules(db, coal, "CERT-SPECIAL-OP")
    assert "煤矿井下电气作业" in f.message and "无证上岗" in f.message
    add_certificate(db, "测试员", p, licence(TODAY + timedelta(days=900), op="煤矿井下电气作业"))
    assert rules(db, coal, "CERT-SPECIAL-OP") == []


def test_a_licence_type_outside_the_catalogue_is_refused(db, coal):
    p = person(db, coal, "甲")
    with pytest.raises(ValidationError, match="作业类别"):
        add_certificate(db, "测试员", p, licence(TODAY + timedelta(days=10), op="高处作业"))


def test_first_underground_licence_needs_senior_school(db, coal):
    p = person(db, coal, "乙", education="初中", post="瓦斯检查工")
    add_certificate(db, "测试员", p, licence(TODAY + timedelta(days=900), first_underground=True))
    assert len(rules(db, coal, "CERT-FIRST-UNDERGROUND-EDU")) == 1


def test_spot_exam_fail_needs_retraining_after_it(db, coal):
    p = person(db, coal, "丙")
    day = TODAY - timedelta(days=5)
    session(db, coal, "spot_exam", day, [Result(p, score=59.5)], hours=1)
    assert len(rules(db, coal, "TRAIN-SPOT-EXAM-FAIL")) == 1
    session(db, coal, "other", day, [Result(p, score=90)], name="离岗再培训")
    assert rules(db, coal, "TRAIN-SPOT-EXAM-FAIL") == []


def test_pre_job_training_must_end_before_the_start(db, coal):
    hired = TODAY - timedelta(days=10)
    p = person(db, coal, "新工", hire_date=hired)
    assert len(rules(db, coal, "TRAIN-PRE-JOB")) == 1
    sid = session(db, coal, "pre_job", hired, [], hours=72, name="岗前培训")
    assert len(rules(db, coal, "TRAIN-ARCHIVE")) == 1  # a session nobody attended
    record_results(db, "测试员", sid, [Result(p, score=80)])
    assert rules(db, coal, "TRAIN-PRE-JOB") == [] and rules(db, coal, "TRAIN-ARCHIVE") == []


def test_back_after_a_year_away_needs_retraining(db, coal):
    p = person(db, coal, "丁", hire_date=TODAY - timedelta(days=3000))
    set_status(db, "测试员", p, PersonStatus.left, TODAY - timedelta(days=400))
    set_status(db, "测试员", p, PersonStatus.active, TODAY - timedelta(days=35))
    assert any("离岗一年以上" in f.message for f in rules(db, coal, "TRAIN-PRE-JOB"))
    session(db, coal, "annual", TODAY - timedelta(days=30), [Result(p, score=75)])
    assert not any("离岗一年以上" in f.message for f in rules(db, coal, "TRAIN-PRE-JOB"))


def test_annual_hours_and_special_training_for_leaders(db, coal):
    last_year = TODAY.year - 1
    worker = person(db, coal, "戊", hire_date=date(last_year - 2, 1, 1))
    boss = person(db, coal, "己", hire_date=date(last_year - 2, 1, 1))
    assign_post(db, "测试员", boss, "mine_manager", date(last_year - 1, 1, 1))
    session(
        db,
        coal,
        "annual",
        date(last_year, 3, 1),
        [Result(worker, score=80), Result(boss, score=80)],
        hours=16,
    )
    hours = {f.subject.label for f in rules(db, coal, "TRAIN-ANNUAL-HOURS")}
    assert hours == {"戊"}  # 16 h is enough for a mine manager, not for a worker (20 h)
    special = rules(db, coal, "TRAIN-SPECIAL-ANNUAL")
    assert [(f.subject.label, f.severity) for f in special] == [("己", "red")]
    session(db, coal, "special", date(last_year, 5, 1), [Result(boss, score=90)], hours=24)
    assert [f.severity for f in rules(db, coal, "TRAIN-SPECIAL-ANNUAL")] == ["amber"]  # this year's still due


def test_bad_training_input_is_refused(db, coal):
    p = person(db, coal, "庚")
    with pytest.raises(ValidationError, match="学时"):
        session(db, coal, "annual", TODAY, [Result(p)], hours=0)
    with pytest.raises(ValidationError, match="考核成绩"):
        session(db, coal, "annual", TODAY, [Result(p, score=101)])
    with pytest.raises(ValidationError, match="开始日期"):
        session(db, coal, "annual", TODAY + timedelta(days=1), [Result(p)])
