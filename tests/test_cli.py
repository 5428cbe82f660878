"""The command-line contract: verbs, exit codes 0/1/2, Chinese messages, --json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.demo import DEMO_MINE, DEMO_SECOND_MINE
from db.engine import open_database
from db.queries import resolve_mine
from db.services.drills import EvacuationInput, record_evacuation_drill
from db.services.hazards import MonthlyCheckInput, file_zero_report, record_monthly_check
from desktop.app import main as app_main
from desktop.cli import main


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINELEDGER_HOME", str(tmp_path / "home"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        app_main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("mineledger ")


def test_default_database_lives_in_the_data_folder(capsys, tmp_path):
    code, out, _ = run(capsys, "mines", "add", "一号矿", "--kind", "coal")
    assert code == 0 and "已新增矿山：一号矿" in out
    assert (tmp_path / "home" / "mineledger.sqlite3").exists()


def test_mines_add_list_and_a_taken_name(capsys, tmp_path):
    db = str(tmp_path / "a.sqlite3")
    assert (
        run(capsys, "--db", db, "mines", "add", "一号矿", "--kind", "tailings", "--principal", "赵矿长")[0]
        == 0
    )
    code, _, err = run(capsys, "--db", db, "mines", "add", "一号矿", "--kind", "coal")
    assert code == 2 and "矿山名称" in err and "已存在" in err
    code, out, _ = run(capsys, "--db", db, "mines", "--json")
    assert code == 0
    assert json.loads(out) == [{"id": 1, "name": "一号矿", "kind": "tailings", "principal": "赵矿长"}]


def test_bad_usage_exits_2_in_chinese(capsys):
    with pytest.raises(SystemExit) as info:
        main(["mines", "add", "一号矿", "--kind", "gold"])
    assert info.value.code == 2
    assert "命令用法有误" in capsys.readouterr().err


def test_check_exit_codes_and_json(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite3")
    run(capsys, "--db", db, "mines", "add", "一号矿", "--kind", "tailings")
    code, out, _ = run(capsys, "--db", db, "check", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["mine"] == "一号矿"
    (finding,) = [f for f in data["findings"] if f["rule_code"] == "STAFF-PRINCIPAL"]
    assert finding["severity"] == "red"
    assert finding["subject"]["entity"] == "mine" and "八条硬措施" in finding["source"]
    run(capsys, "--db", db, "mines", "add", "二号矿", "--kind", "tailings", "--principal", "钱矿长")
    code, _, err = run(capsys, "--db", db, "check")
    assert code == 2 and "--mine" in err  # two mines: the command must say which
    code, out, _ = run(capsys, "--db", db, "check", "--mine", "二号矿")
    assert code == 1 and "DRILL-EVACUATION" in out  # this half-year's evacuation drill is still due
    ledger = open_database(db)
    second = resolve_mine(ledger, "二号矿").id
    record_evacuation_drill(
        ledger,
        "测试员",
        second,
        EvacuationInput(held_on=date.today(), scenario="尾矿库溃坝撤离", reported_on=date.today()),
    )
    today = date.today()
    check = record_monthly_check(
        ledger, "测试员", second, MonthlyCheckInput(today.year, today.month, today, led_by="钱矿长")
    )
    file_zero_report(ledger, "测试员", check, today)
    ledger.close()
    code, out, _ = run(capsys, "--db", db, "check", "--mine", "二号矿")
    assert code == 0 and "未发现问题" in out
    # A county bureau's view: every mine, the worst first, one line each.
    code, out, _ = run(capsys, "--db", db, "check", "--all")
    lines = out.splitlines()
    assert (
        code == 1 and lines[0].startswith("一号矿：红色") and lines[1].startswith("二号矿：红色（违规） 0 项")
    )
    assert lines[-1].startswith("共 2 座矿山")
    code, out, _ = run(capsys, "--db", db, "check", "--all", "--json")
    mines = json.loads(out)["mines"]
    assert (
        [m["mine"] for m in mines] == ["一号矿", "二号矿"]
        and mines[0]["findings"]
        and not mines[1]["findings"]
    )


def test_a_file_that_is_not_a_database_exits_2(capsys, tmp_path):
    bogus = tmp_path / "x.sqlite3"
    bogus.write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(bogus), "check")
    assert code == 2 and "不是矿安台账的数据库文件" in err


def test_demo_then_print_roster(capsys, tmp_path):
    db = str(tmp_path / "demo.sqlite3")
    code, out, _ = run(capsys, "--db", db, "demo")
    assert code == 0 and DEMO_MINE in out
    code, out, _ = run(capsys, "--db", db, "demo")
    assert code == 0 and "已存在" in out  # a second run adds nothing
    code, out, _ = run(capsys, "--db", db, "check", "--mine", DEMO_SECOND_MINE)
    assert code == 1 and "STAFF-PRINCIPAL" in out
    pdf = tmp_path / "out" / "roster.pdf"
    code, out, _ = run(capsys, "--db", db, "print", "roster", "--mine", DEMO_MINE, "--out", str(pdf))
    assert code == 0 and "从业人员花名册" in out
    reader = PdfReader(pdf)
    assert len(reader.pages) > 3
    first = reader.pages[0].extract_text()
    assert DEMO_MINE in first and "从业人员花名册" in first
    for page in reader.pages:
        assert "身份证号" in page.extract_text()
    xlsx = tmp_path / "out" / "roster.xlsx"
    assert run(capsys, "--db", db, "print", "roster", "--mine", DEMO_MINE, "--out", str(xlsx))[0] == 0
    assert xlsx.stat().st_size > 0
