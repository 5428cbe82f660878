"""The rules engine: catalogue codes, and STAFF-PRINCIPAL on plain data and on a database."""

from __future__ import annotations

from db.engine import open_database
from db.rules.catalog import rule_catalog
from db.rules.runner import findings_for_mine
from db.rules.staffing import MineFacts, check_principal
from db.services.mines import create_mine, update_mine

# The codes of shared/domain/RULES.md, exactly.
RULE_CODES = {
    "STAFF-PRINCIPAL", "STAFF-FIVE-POSITIONS", "STAFF-POSITION-QUALIFIED", "STAFF-SPECIALTY",
    "STAFF-SPECIALTY-QUALIFIED", "STAFF-NO-DISPATCH-UNDERGROUND", "TRAIN-SPECIAL-ANNUAL", "TRAIN-PRE-JOB",
    "TRAIN-ANNUAL-HOURS", "TRAIN-SPOT-EXAM-FAIL", "TRAIN-ARCHIVE", "CERT-SPECIAL-OP", "CERT-FIRST-UNDERGROUND-EDU",
    "CERT-EXPIRY", "DRILL-MONTHLY", "DRILL-30S", "DRILL-SHIFT-SPOT", "DRILL-REPEAT-FAIL", "DRILL-EVACUATION",
    "HAZ-MONTHLY-CHECK", "HAZ-ZERO-REPORT", "HAZ-FIVE-FIXES", "HAZ-OVERDUE", "HAZ-CLOSE-ACCEPTED",
    "HAZ-DOUBLE-REPORT", "HAZ-REPEAT", "HAZ-TWO-MAJOR-3M", "HAZ-STOCK", "VIOL-TRACE",
}  # fmt: skip


def test_catalogue_holds_exactly_the_rule_codes_with_sources():
    catalog = rule_catalog()
    assert set(catalog) == RULE_CODES
    for spec in catalog.values():
        assert spec.severity in {"red", "amber"}
        assert spec.source.strip() and spec.title.strip()


def test_thresholds_differ_by_profile():
    spec = rule_catalog()["STAFF-POSITION-QUALIFIED"]
    assert spec.param("front_line_years", "shanxi") == 10
    assert spec.param("or_title", "national") == "中级"
    assert rule_catalog()["DRILL-30S"].param("seconds") == 30.0


def test_principal_rule_on_plain_data():
    missing = check_principal(MineFacts(7, "一号矿", "coal", "  ", "shanxi"))
    assert [(f.rule_code, f.severity, f.subject.entity, f.subject.id) for f in missing] == [
        ("STAFF-PRINCIPAL", "red", "mine", 7)
    ]
    assert "主要负责人" in missing[0].message and "八条硬措施" in missing[0].source
    assert check_principal(MineFacts(7, "一号矿", "coal", "赵矿长", "shanxi")) == []


def test_principal_finding_appears_and_clears_on_the_database(db):
    mine_id = create_mine(db, "张会计", name="一号矿", kind="tailings")
    other = create_mine(db, "张会计", name="二号矿", kind="tailings", principal_name="钱矿长")

    def staffing(mine: int) -> list[str]:
        return [f.rule_code for f in findings_for_mine(db, mine) if f.rule_code.startswith("STAFF-")]

    assert staffing(mine_id) == ["STAFF-PRINCIPAL"]
    assert staffing(other) == []
    update_mine(db, "张会计", mine_id, principal_name="赵矿长")
    assert staffing(mine_id) == []


def test_a_county_file_is_checked_in_worker_processes_with_the_same_findings(tmp_path):
    from db.generator import Size, generate
    from db.rules.runner import PARALLEL_FROM, findings_for_mine, findings_for_mines

    db = open_database(tmp_path / "county.sqlite3")
    mines = generate(db, Size("twelve", PARALLEL_FROM, 40, 3, 30, 2, 60, 20), seed=5).mine_ids
    one_by_one = {m: findings_for_mine(db, m) for m in mines}
    shared = findings_for_mines(db, mines, workers=2)
    assert list(shared) == mines  # in the order asked for
    assert shared == one_by_one and any(shared.values())
    db.close()
