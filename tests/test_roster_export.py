"""Exporting the roster: IDs stay text, Chinese opens in Excel, and the file comes back in unchanged."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db import clock
from db.engine import Database, open_database
from db.errors import ValidationError
from db.exchange.roster_export import HEADERS, export_roster
from db.exchange.roster_import import commit, preview
from db.idnumber import make
from db.models import Department, Person
from db.services.mines import add_department, create_mine
from db.services.people import PersonInput, add_people, set_status
from desktop.cli import main

TODAY = date(2026, 6, 15)
WITH_X = make("140522", date(1990, 1, 2), 28)  # ends in X
assert WITH_X.endswith("X")
PLAIN = make("140525", date(1978, 12, 8), 16)


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
    mine_id = create_mine(db, "张会计", name="一号矿", kind="coal")
    team = add_department(db, "张会计", mine_id, "综采一队", underground=True)
    office = add_department(db, "张会计", mine_id, "机电科（一）")
    ids = add_people(
        db,
        "张会计",
        mine_id,
        [
            PersonInput(
                name="李秀兰",
                id_number=WITH_X.lower(),
                education="大专",
                major="机电一体化",
                school="山西煤炭职业技术学院",
                title="初级",
                department_id=office,
                post="电工",
                employment_type="劳务派遣",
                contractor="晋城劳务公司",
                underground=False,
                work_start=date(2012, 7, 1),
                hire_date=date(2015, 3, 1),
                work_no="0005",
                phone="13800138000",
                note="=不是公式",
            ),
            PersonInput(
                name="王建国",
                id_number=PLAIN,
                education="本科",
                major="采矿工程",
                core_major=True,
                title="中级",
                department_id=team,
                post="队长",
                underground=True,
                work_start=date(2001, 7, 1),
                hire_date=date(2001, 7, 1),
            ),
            PersonInput(
                name="赵强",
                id_number=make("140581", date(1985, 3, 4), 21),
                department_id=team,
                hire_date=date(2020, 1, 1),
            ),
        ],
    )
    set_status(db, "张会计", ids[2], "left", date(2026, 1, 31), "辞职")
    return mine_id


RECORD = [f.name for f in fields(PersonInput) if f.name != "department_id"]


def snapshot(db: Database, mine_id: int) -> dict[str, dict[str, Any]]:
    """Each person's record as the clerk typed it, keyed by ID; the department by name."""
    with db.session() as s:
        names = dict(s.execute(select(Department.id, Department.name)).all())
        return {
            p.id_number: {
                **{key: getattr(p, key) for key in RECORD},
                "department": names.get(p.department_id),
                "sex": p.sex,
                "status": p.status,
            }
            for p in s.scalars(select(Person).where(Person.mine_id == mine_id))
        }


def test_xlsx_keeps_ids_as_text_and_dates_as_dates(db: Database, mine: int, tmp_path: Path) -> None:
    out = tmp_path / "out" / "花名册.xlsx"
    assert export_roster(db, mine, out) == 3
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "从业人员花名册" and "A1:W1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[3]] == list(HEADERS)
    col = {h: i for i, h in enumerate(HEADERS)}
    rows = {r[col["姓名"]].value: r for r in sheet.iter_rows(min_row=4)}
    assert set(rows) == {"李秀兰", "王建国", "赵强"}
    li = rows["李秀兰"]
    for header in ("身份证号", "工号", "联系电话"):
        assert li[col[header]].data_type == "s" and li[col[header]].number_format == "@"
    assert li[col["身份证号"]].value == WITH_X
    assert rows["王建国"][col["身份证号"]].value == PLAIN  # all digits, still text
    assert li[col["工号"]].value == "0005"
    assert li[col["备注"]].value == "=不是公式" and li[col["备注"]].data_type == "s"
    assert li[col["参加工作时间"]].value.date() == date(2012, 7, 1)
    assert li[col["参加工作时间"]].number_format == "yyyy-mm-dd"
    assert rows["王建国"][col["一线年限"]].value == 25.0
    assert rows["王建国"][col["入井"]].value == "是" and li[col["入井"]].value == "否"
    assert rows["赵强"][col["状态"]].value == "离职"


def test_csv_is_utf8_with_bom_and_keeps_long_digits_text(db: Database, mine: int, tmp_path: Path) -> None:
    out = tmp_path / "花名册.csv"
    assert export_roster(db, mine, out) == 3
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == list(HEADERS)
    col = {h: i for i, h in enumerate(HEADERS)}
    by_name = {r[col["姓名"]]: r for r in rows[1:]}
    assert by_name["王建国"][col["身份证号"]] == "\t" + PLAIN  # Excel keeps a tab-led cell as text
    assert by_name["李秀兰"][col["身份证号"]] == WITH_X
    assert by_name["李秀兰"][col["工号"]] == "\t0005"
    assert by_name["李秀兰"][col["参加工作时间"]] == "2012-07-01"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_gives_back_the_same_roster(
    db: Database, mine: int, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"roster{suffix}"
    export_roster(db, mine, out)
    other = create_mine(db, "张会计", name="二号矿", kind="coal")
    result = preview(db, other, out)
    assert result.rejected == []
    assert result.new_departments == ["综采一队", "机电科（一）"]
    assert commit(db, "张会计", result) == 3
    original, copy = snapshot(db, mine), snapshot(db, other)
    assert WITH_X in copy and copy[WITH_X]["work_no"] == "0005"
    assert copy == original


def test_cli_export_and_bad_usage(
    db: Database, mine: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.xlsx"
    code = main(
        ["--db", str(db_path), "export", "roster", "--out", str(out)]
    )  # one mine: --mine may be left out
    assert code == 0 and capsys.readouterr().out.strip() == f"已导出“一号矿”花名册：{out}（3 人）"
    assert out.exists()
    code = main(["--db", str(db_path), "export", "roster", "--out", str(tmp_path / "r.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and "应以 .xlsx 或 .csv 结尾" in err
    create_mine(db, "张会计", name="二号矿", kind="coal")
    code = main(["--db", str(db_path), "export", "roster", "--out", str(out)])
    assert code == 2 and "请用 --mine 指定" in capsys.readouterr().err
    code = main(
        ["--db", str(db_path), "export", "roster", "--mine", "二号矿", "--out", str(tmp_path / "e.csv")]
    )
    assert code == 0 and "（0 人）" in capsys.readouterr().out


def test_export_refuses_an_unknown_suffix_before_touching_the_disk(
    db: Database, mine: int, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="--out"):
        export_roster(db, mine, tmp_path / "new" / "r.xls")
    assert not (tmp_path / "new").exists()
