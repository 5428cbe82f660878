"""Importing a self-rescuer drill sheet: every kind of bad row named by its Excel row, the warnings a clerk
must accept, the dry run, and the one-transaction write."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db import clock
from db.engine import Database, open_database
from db.exchange import drill_import as di
from db.idnumber import make
from db.models import AuditEntry, DrillResult, DrillSession, PersonStatus
from db.services import drills as drill_service
from db.services.drills import DrillSessionInput
from db.services.mines import add_department, create_mine
from db.services.people import PersonInput, add_person, set_status
from desktop.cli import main

TODAY = date(2026, 6, 15)
DAY = "2026-06-12"
MINE = "一号矿"
OP = "张会计"

WANG = make("140522", date(1980, 5, 6), 13)
LI = make("140522", date(1990, 1, 2), 28)  # ends in X
ZHANG_A = make("140522", date(1985, 3, 4), 21)
ZHANG_B = make("140522", date(1986, 4, 5), 33)
ZHOU = make("140522", date(1987, 6, 7), 45)
SUN = make("140522", date(1988, 8, 9), 57)
QIAN = make("140522", date(1989, 10, 11), 69)
NOBODY = make("140522", date(1991, 12, 13), 71)  # valid, not on the roster
BAD_CHECK = WANG[:17] + ("0" if WANG[17] != "0" else "1")


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setenv("MINELEDGER_HOME", str(tmp_path / "home"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def mine(db: Database) -> int:
    """王 and 李 underground; two 张伟; 周 has left; 孙 works on the surface; 钱 has a 工号."""
    mine_id = create_mine(db, OP, name=MINE, kind="coal")
    face = add_department(db, OP, mine_id, "综采一队", underground=True)
    office = add_department(db, OP, mine_id, "机关")

    def person(name: str, number: str, **fields: Any) -> int:
        data = PersonInput(name=name, id_number=number, department_id=face, underground=True)
        data.hire_date = date(2020, 1, 1)
        for key, value in fields.items():
            setattr(data, key, value)
        return add_person(db, OP, mine_id, data)

    person("王建国", WANG)
    person("李 娜", LI)  # typed with a space on the roster: the sheet's 李娜 is the same name
    person("张伟", ZHANG_A)
    person("张伟", ZHANG_B)
    leaver = person("周离职", ZHOU)
    set_status(db, OP, leaver, PersonStatus.left, date(2026, 5, 20))
    person("孙地面", SUN, underground=False, department_id=office)
    person("钱工号", QIAN, work_no="A-017")
    return mine_id


def count(db: Database, model: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def row_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("第") and "行：" in line]


# The trap sheet: a title row merged over the table, the header on line 2, one trap per row from line 3.
HEADER = ["序号", "姓名", "身份证号", "盲戴用时（秒）", "是否合格", "本人签字", "备注"]
TRAPS: list[list[Any]] = [
    [1, "王建国", WANG, 25.3, "合格", None, None],  # 3: by ID
    [2, "李娜", None, "２８．０", None, None, None],  # 4: by name (roster has "李 娜"), full-width time
    [3, None, NOBODY, 20, None, None, None],  # 5: unknown ID
    [4, "张伟", None, 22, None, None, None],  # 6: a name two people share
    [5, "张伟", ZHANG_B, 31.5, None, None, "复训"],  # 7: the ID says which 张伟: fine (fails the 30 s)
    [6, "赵无人", None, 22, None, None, None],  # 8: a name nobody has
    [7, "王建国", WANG, "abc", None, None, None],  # 9: not a number
    [8, "王建国", WANG, 0, None, None, None],  # 10: zero
    [9, "王建国", WANG, -5, None, None, None],  # 11: negative
    [10, "王建国", WANG, 700, None, None, None],  # 12: absurd
    [11, "王建国", WANG, None, None, None, None],  # 13: blank
    [12, "周离职", None, 24, None, None, None],  # 14: left: a warning
    [13, "孙地面", None, 26, None, None, None],  # 15: not underground: a warning
    [14, "钱工号", None, "缺席", None, None, "病假"],  # 16: absent
    [15, "李娜", WANG, 20, None, None, None],  # 17: the ID is 王建国's
    [16, None, BAD_CHECK, 20, None, None, None],  # 18: a mistyped ID
    [17, "王建国", WANG, "24.1秒", None, None, "复测"],  # 19: the same person again: a retry, not refused
    [None, None, None, None, None, None, None],  # 20: blank row: skipped quietly
    [None, "制表人：张会计", None, None, None, None, None],  # 21: footer: skipped quietly
]
EXPECTED_REJECTED = [
    (5, f"身份证号{NOBODY}不是本矿花名册中的人员，请先在花名册中登记"),
    (6, "本矿有2人叫“张伟”，同名，请填写身份证号"),
    (8, "本矿花名册中没有“赵无人”，请核对姓名或填写身份证号"),
    (9, "盲戴用时（秒）“abc”不是数字"),
    (10, "盲戴用时（秒）应大于0秒"),
    (11, "盲戴用时（秒）应大于0秒"),
    (12, "盲戴用时（秒）700秒超过600秒，不像真实的盲戴用时，请核对"),
    (13, "盲戴用时（秒）未填写（没有参加的请填“缺席”）"),
    (17, f"身份证号{WANG}是王建国的，姓名却填写为“李娜”，请核对"),
    (18, f"身份证号校验位错误（最后一位应为{WANG[17]}），请核对是否抄错（填写的是{BAD_CHECK}）"),
]


def trap_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "6月实操"
    ws.append(["2026年6月自救器实操培训记录表（综采一队）"])
    ws.merge_cells("A1:G1")
    ws.append(HEADER)
    for row in TRAPS:
        ws.append(row)
    wb.save(path)
    return path


def test_preview_names_every_bad_row_by_its_excel_row(db: Database, mine: int, tmp_path: Path) -> None:
    result = di.preview(db, mine, trap_workbook(tmp_path / "drill.xlsx"))
    assert result.sheet.columns.header_row == 2
    assert [(r.row, r.reason) for r in result.rejected] == EXPECTED_REJECTED
    good = {g.row: g for g in result.good}
    assert sorted(good) == [3, 4, 7, 14, 15, 16, 19]
    assert good[4].name == "李 娜" and good[4].seconds == 28.0  # name and full-width digits folded
    assert good[7].id_number == ZHANG_B and good[7].seconds == 31.5 and good[7].remark == "复训"
    assert good[14].warnings == ["周离职已不在岗（离职）"]
    assert good[15].warnings == ["孙地面不是入井人员（花名册中“入井”为否）"]
    assert good[16].absent and good[16].seconds is None and good[16].remark == "病假"
    assert good[19].seconds == 24.1 and "已在第3行出现" in good[19].notes[0]
    # Held back unless accepted; a retry counts the person once.
    assert [g.row for g in result.held_back(False)] == [14, 15]
    assert result.people(False) == 4 and result.people(True) == 6
    assert count(db, DrillSession) == 0  # preview writes nothing


def test_header_on_line_one_of_a_csv(db: Database, mine: int, tmp_path: Path) -> None:
    path = tmp_path / "drill.csv"
    path.write_text(
        "工号,姓名,用时（秒）,缺席\nA-017,,26.4,\n,王建国,,√\n,李娜,1分05秒,\n,张伟,27,\n", encoding="gbk"
    )
    result = di.preview(db, mine, path)
    assert result.sheet.columns.header_row == 1
    # The clerk's own header names the column in the message.
    assert [(r.row, r.reason) for r in result.rejected] == [(5, "本矿有2人叫“张伟”，同名，请填写身份证号")]
    good = {g.row: g for g in result.good}
    assert good[2].name == "钱工号" and good[2].seconds == 26.4  # by 工号
    assert good[3].absent and good[3].seconds is None  # the 缺席 column ticked
    assert good[4].seconds == 65.0  # "1分05秒": over 30 s, a fail, but a real time


def test_a_sheet_without_a_drill_header_is_refused_whole(db: Database, mine: int, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("姓名,身份证号,入井\n王建国,x,是\n", encoding="utf-8")
    with pytest.raises(di.ImportFileError, match="找不到实操培训表的表头"):
        di.preview(db, mine, path)


def test_commit_is_one_record_drill_with_the_retry_merged(db: Database, mine: int, tmp_path: Path) -> None:
    result = di.preview(db, mine, trap_workbook(tmp_path / "drill.xlsx"))
    audits = count(db, AuditEntry)
    session_id, added = di.commit(db, OP, result, DrillSessionInput(held_on=date(2026, 6, 12)))
    assert added == 4 and count(db, DrillSession) == 1
    with db.session() as s:
        results = {
            r.person_id: r for r in s.scalars(select(DrillResult).where(DrillResult.session_id == session_id))
        }
    assert len(results) == 4
    wang = next(r for r in results.values() if r.remark == "复测")
    assert wang.seconds == 24.1 and wang.passed and wang.attempts == 2  # the later time counts
    assert sum(1 for r in results.values() if r.absent) == 1
    assert sum(1 for r in results.values() if r.passed is False) == 1  # 张伟 31.5 s
    assert count(db, AuditEntry) == audits + 1 + 4  # the session and each result


def test_a_failure_inside_the_write_leaves_nothing(
    db: Database, mine: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = di.preview(db, mine, trap_workbook(tmp_path / "drill.xlsx"))
    real = drill_service.parse_seconds
    calls = {"n": 0}

    def flaky(value: Any, where: str) -> float:
        calls["n"] += 1
        if calls["n"] == 3:
            raise drill_service.ValidationError("盲戴用时", "磁盘出错（测试）")
        return real(value, where)

    monkeypatch.setattr(drill_service, "parse_seconds", flaky)
    audits = count(db, AuditEntry)
    with pytest.raises(drill_service.ValidationError):
        di.commit(db, OP, result, DrillSessionInput(held_on=date(2026, 6, 12)))
    assert calls["n"] == 3
    assert count(db, DrillSession) == count(db, DrillResult) == 0 and count(db, AuditEntry) == audits


# --- the command line -----------------------------------------------------------------------------------


def test_cli_prints_each_row_and_the_count(
    db: Database, mine: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = trap_workbook(tmp_path / "drill.xlsx")
    code, lines, _ = run(
        capsys, "--db", str(db_path), "import", "drills", str(path), "--mine", MINE, "--date", DAY
    )
    assert code == 1
    expected = {f"第{row}行：{reason}" for row, reason in EXPECTED_REJECTED}
    rows = row_lines(lines)
    assert expected <= set(rows)
    held = "（未导入；核实无误后加 --accept-warnings 导入）"
    assert f"第14行：警告：周离职已不在岗（离职）{held}" in rows
    assert f"第15行：警告：孙地面不是入井人员（花名册中“入井”为否）{held}" in rows
    assert any(line.startswith("第19行：提示：王建国已在第3行出现") for line in rows)
    assert [int(line[1 : line.index("行")]) for line in rows] == sorted(
        int(line[1 : line.index("行")]) for line in rows
    )  # in sheet order
    assert lines[0] == f"{MINE}：读取“drill.xlsx”工作表“6月实操”，表头在第2行"
    assert "实到 3 人，合格 2 人，不合格 1 人，缺席 1 人" in lines[-2]
    assert lines[-1] == "导入 4 人，拒绝 12 行"
    assert count(db, DrillSession) == 1 and count(db, DrillResult) == 4


def test_cli_accept_warnings_imports_the_leaver_and_the_surface_worker(
    db: Database, mine: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = trap_workbook(tmp_path / "drill.xlsx")
    argv = ["--db", str(db_path), "import", "drills", str(path), "--date", DAY, "--accept-warnings"]
    code, lines, _ = run(capsys, *argv)
    assert code == 1  # the ten refused rows are still refused
    assert "第14行：警告：周离职已不在岗（离职）（已导入）" in lines
    assert lines[-1] == "导入 6 人，拒绝 10 行"
    assert count(db, DrillResult) == 6


def test_cli_clean_sheet_exits_0_and_warns_of_a_second_import(
    db: Database, mine: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clean.csv"
    path.write_text(f"姓名,身份证号,盲戴用时\n王建国,{WANG},25\n李娜,,29.9\n", encoding="utf-8-sig")
    argv = ["--db", str(db_path), "import", "drills", str(path), "--date", DAY, "--kind", "shift_spot"]
    argv += ["--place", "副井口", "--instructor", "安检员", "--unit-model", "ZYX45"]
    code, lines, _ = run(capsys, *argv)
    assert code == 0 and lines[-1] == "导入 2 人，拒绝 0 行"
    assert lines[-2].startswith("已登记2026-06-12的班前抽查（编号1）")
    with db.session() as s:
        session = s.scalars(select(DrillSession)).one()
        assert (session.kind, session.place, session.instructor, session.unit_model) == (
            "shift_spot",
            "副井口",
            "安检员",
            "ZYX45",
        )
    code, lines, _ = run(capsys, *argv)
    assert code == 0 and "提示：2026-06-12已登记过同类培训，请确认这不是重复导入" in lines


def test_cli_dry_run_writes_nothing(
    db: Database, mine: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = trap_workbook(tmp_path / "drill.xlsx")
    audits = count(db, AuditEntry)
    code, lines, _ = run(
        capsys, "--db", str(db_path), "import", "drills", str(path), "--date", DAY, "--dry-run"
    )
    assert code == 1
    assert lines[-1] == "导入 4 人，拒绝 12 行（试运行，未写入）"
    assert count(db, DrillSession) == count(db, DrillResult) == 0 and count(db, AuditEntry) == audits


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "2026-06-16"], "2026-06-16晚于今天"),
        (["--date", "2026-13-01"], "--date"),
        (["--date", DAY, "--mine", "二号矿"], "找不到名为“二号矿”的矿山"),
        (["--date", DAY, "--sheet", "人员"], "没有名为“人员”的工作表"),
    ],
)
def test_cli_bad_input_exits_2(
    db: Database,
    mine: int,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    path = trap_workbook(tmp_path / "drill.xlsx")
    code, _, err = run(capsys, "--db", str(db_path), "import", "drills", str(path), *extra)
    assert code == 2 and err.startswith("错误：") and message in err
    assert count(db, DrillSession) == 0


def test_cli_needs_a_date(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db_path), "import", "drills", str(tmp_path / "x.csv")])
    assert exit_info.value.code == 2 and "--date" in capsys.readouterr().err
