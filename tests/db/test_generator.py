"""The benchmark generator makes records the app itself would accept: no impossible rows, real life cycles."""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from db import clock
from db.engine import Database, open_database
from db.generator import SIZES, Size, generate
from db.idnumber import parse
from db.models import (
    Certificate,
    DrillResult,
    DrillSession,
    Hazard,
    HazardCounter,
    HazardEvent,
    Person,
    PersonStatusChange,
    TrainingAttendance,
)
from db.rules.runner import findings_for_mine
from db.services.hazards import HazardInput, register_hazard
from db.services.training import PASS_MARK

TODAY = clock.today()
TINY = Size("tiny", 2, 120, 5, 240, 6, 500, 120)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, list[int]]:
    path = tmp_path_factory.mktemp("gen") / "tiny.sqlite3"
    db = open_database(path)
    summary = generate(db, TINY, seed=7)
    yield db, summary.mine_ids
    db.close()


def test_the_sizes_are_the_ones_the_issue_names() -> None:
    office, county = SIZES["office"], SIZES["county"]
    assert (office.mines, office.people, office.months, office.hazards) == (1, 3000, 36, 15000)
    assert (office.attendances, office.certificates) == (20000, 4000)
    assert county.mines == 40 and county.people == office.people


def test_the_file_is_sound(generated: tuple[Database, list[int]]) -> None:
    db, mines = generated
    assert len(mines) == 2
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []


def test_people_have_valid_ids_matching_sex_and_birth(generated: tuple[Database, list[int]]) -> None:
    db, _mines = generated
    with db.session() as s:
        people = s.execute(select(Person.id_number, Person.sex, Person.birth_date, Person.mine_id)).all()
        left = s.scalar(select(func.count()).where(Person.status == "left"))
    assert len(people) > 200 and left
    seen = set()
    for number, sex, birth, mine in people:
        info = parse(number, today=TODAY)
        assert (info.sex, info.birth_date) == (sex, birth)
        assert (mine, number) not in seen
        seen.add((mine, number))


def test_drills_only_for_underground_people_on_the_roster_that_day(
    generated: tuple[Database, list[int]],
) -> None:
    db, _mines = generated
    with db.session() as s:
        rows = s.execute(
            select(DrillResult.person_id, DrillResult.seconds, DrillResult.passed, DrillSession.held_on,
                   DrillSession.threshold_s, Person.underground, Person.hire_date)
            .join(DrillSession, DrillSession.id == DrillResult.session_id)
            .join(Person, Person.id == DrillResult.person_id)
        ).all()  # fmt: skip
        left_on = dict(
            s.execute(
                select(PersonStatusChange.person_id, PersonStatusChange.effective).where(
                    PersonStatusChange.status == "left"
                )
            ).all()
        )
    assert len(rows) > 1000
    assert any(r.passed is False for r in rows), "a few fail, and are re-drilled"
    for pid, seconds, passed, held_on, threshold, underground, hired in rows:
        assert underground
        assert passed == (seconds <= threshold)
        assert hired is None or hired <= held_on
        assert pid not in left_on or held_on < left_on[pid]
        assert held_on <= TODAY


def test_training_results_follow_the_pass_mark(generated: tuple[Database, list[int]]) -> None:
    db, _mines = generated
    with db.session() as s:
        rows = s.execute(select(TrainingAttendance.score, TrainingAttendance.passed)).all()
    assert len(rows) >= 2 * TINY.attendances
    assert all(passed == (score >= PASS_MARK) for score, passed in rows)


def test_certificate_chains_are_whole(generated: tuple[Database, list[int]]) -> None:
    db, _mines = generated
    with db.session() as s:
        certs = s.scalars(select(Certificate)).all()
    by_id = {c.id: c for c in certs}
    successors: dict[int, int] = defaultdict(int)
    for c in certs:
        assert c.issued_on < c.valid_until
        if c.previous_id is not None:
            earlier = by_id[c.previous_id]
            successors[earlier.id] += 1
            assert earlier.superseded and earlier.person_id == c.person_id and earlier.issued_on < c.issued_on
    assert successors, "some licences were reviewed or renewed"
    assert all(successors[c.id] == 1 for c in certs if c.superseded)


def test_hazards_live_real_life_cycles(generated: tuple[Database, list[int]]) -> None:
    db, _mines = generated
    with db.session() as s:
        hazards = s.scalars(select(Hazard)).all()
        events: dict[int, list[HazardEvent]] = defaultdict(list)
        for e in s.scalars(
            select(HazardEvent).order_by(HazardEvent.hazard_id, HazardEvent.at, HazardEvent.id)
        ):
            events[e.hazard_id].append(e)
        counters = {(c.mine_id, c.year): c.last for c in s.scalars(select(HazardCounter))}
    assert len(hazards) == TINY.mines * TINY.hazards
    numbers: dict[tuple[int, int], list[int]] = defaultdict(list)
    for h in hazards:
        year, seq = h.number.split("-")
        assert int(year) == h.found_on.year
        numbers[(h.mine_id, int(year))].append(int(seq))
        chain = events[h.id]
        assert chain[0].from_status == "" and chain[0].to_status == "registered"
        assert all(a.to_status == b.from_status for a, b in itertools.pairwise(chain))
        assert chain[-1].to_status == h.status
        if h.status == "closed":
            assert h.accepted_by_name and h.accepted_on and h.rectified_on
            assert h.found_on <= h.rectified_on <= h.accepted_on == h.closed_on <= TODAY
            assert h.accepted_by_name != h.rectified_by  # 谁检查、谁签名: never the rectifier
        if h.status == "voided":
            assert h.void_reason
        if h.grade == "major":
            assert h.clause_key and h.standard_edition and h.contingency_plan and h.reported_on
    for key, seqs in numbers.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
        assert counters[key] == len(seqs)


def test_the_rules_find_nothing_impossible(generated: tuple[Database, list[int]]) -> None:
    db, mines = generated
    for mine in mines:
        codes = {f.rule_code for f in findings_for_mine(db, mine, TODAY)}
        # A generated ledger may be behind (overdue, missing a drill) but never malformed.
        assert not codes & {"HAZ-CLOSE-ACCEPTED", "HAZ-FIVE-FIXES", "HAZ-DOUBLE-REPORT", "TRAIN-ARCHIVE",
                            "HAZ-REPEAT", "STAFF-PRINCIPAL", "STAFF-FIVE-POSITIONS"}  # fmt: skip


def test_the_service_numbers_on_after_the_generated_hazards(generated: tuple[Database, list[int]]) -> None:
    db, mines = generated
    with db.session() as s:
        last = s.scalar(select(HazardCounter.last).where(HazardCounter.mine_id == mines[0],
                                                         HazardCounter.year == TODAY.year))  # fmt: skip
    hid = register_hazard(
        db, "测试员", mines[0],
        HazardInput(found_on=TODAY, source="shift_daily", place="副井口", category="其他",
                    description="测试", found_by_name="检查员"),
    )  # fmt: skip
    with db.session() as s:
        assert s.get(Hazard, hid).number == f"{TODAY.year}-{last + 1:04d}"


def test_the_same_seed_makes_the_same_ledger(tmp_path: Path) -> None:
    def digest(seed: int) -> list[tuple[str, ...]]:
        db = open_database(tmp_path / f"s{seed}-{len(list(tmp_path.iterdir()))}.sqlite3")
        generate(db, Size("one", 1, 60, 3, 50, 2, 100, 30), seed=seed)
        with db.session() as s:
            rows = [
                tuple(map(str, r))
                for r in s.execute(select(Person.name, Person.id_number).order_by(Person.id))
            ]
            rows += [tuple(map(str, r)) for r in s.execute(
                select(Hazard.number, Hazard.found_on, Hazard.place, Hazard.status).order_by(Hazard.id))]  # fmt: skip
        db.close()
        return rows

    assert digest(3) == digest(3)
    assert digest(3) != digest(4)
