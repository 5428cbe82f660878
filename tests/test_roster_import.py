"""Importing a hand-typed roster: the traps real Excel files hold, and the one-transaction write."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db import clock
from db.engine import Database, open_database
from db.errors import DuplicateError
from db.exchange import cells
from db.exchange import roster_import as ri
from db.exchange.roster_import import ImportFileError, commit, preview, read_roster
from db.idnumber import check_digit, make
from db.models import AuditEntry, Department, Operator, Person, PersonStatusChange
from db.services.mines import add_department, create_mine
from db.services.people import PersonInput, add_person
from db.services.unit import Writer, snapshot
from desktop.cli import main

TODAY = date(2026, 6, 15)
MINE = "一号矿"


def ident(birth: date, seq: int) -> str:
    return make("140522", birth, seq)


WANG = ident(date(1980, 5, 6), 13)  # 男
LI = ident(date(1990, 1, 2), 28)  # 14052219900102028X: ends in X, 女
ZHANG = ident(date(1985, 3, 4), 21)
ZHAO = ident(date(1986, 4, 5), 33)
QIAN = ident(date(1987, 6, 7), 45)
SUN = ident(date(1988, 8, 9), 57)
ZHOU = ident(date(1989, 10, 11), 69)
WU = ident(date(1991, 12, 13), 71)
OLD_WANG = ident(date(1970, 2, 3), 83)  # already in the database
NUMERIC = ident(date(1980, 1, 1), 2)  # all digits, so Excel could take it for a number
FUTURE = ident(date(2027, 1, 1), 95)  # a valid check digit, a birth date after TODAY
BAD_CHECK = ZHANG[:17] + ("0" if ZHANG[17] != "0" else "1")

# Columns of the trap sheet (A..O); rows 3-4 are a two-row header with merged cells.
TOP = ["序号", "姓 名", "＊身份证号码", "性别", "学历", None, "时间", None, "部门\n（区队）", "岗位/职务"]
TOP += ["用工形式", "外包单位", "是否入井", "民族", "备注"]
BOTTOM = [
    None,
    None,
    None,
    None,
    "文化程度",
    "专业",
    "参加工作",
    "入矿",
    None,
    None,
    None,
    None,
    None,
    None,
    None,
]


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def trap_rows() -> dict[int, list[Any]]:
    """Excel row → cells, from row 5. Each row is one trap; the comment says which."""

    def row(
        name: Any,
        id_number: Any,
        *,
        sex: str = "",
        edu: Any = "大专",
        major: str = "",
        work: Any = None,
        hire: Any = None,
        dept: Any = "",
        post: str = "",
        emp: str = "",
        contractor: str = "",
        down: Any = "",
        nation: str = "汉",
        note: str = "",
        seq: Any = None,
    ) -> list[Any]:
        return [
            seq,
            name,
            id_number,
            sex,
            edu,
            major,
            work,
            hire,
            dept,
            post,
            emp,
            contractor,
            down,
            nation,
            note,
        ]

    spaced_li = f"{LI[:6]} {LI[6:14]} {LI[14:].lower()}"  # spaces and a lower-case x
    return {
        5: row(
            "王 建 国",
            full_width(WANG),
            sex="男",
            edu="大学本科",
            major="采矿工程",
            work="2005.07",
            hire=datetime(2010, 3, 1),
            dept="综采一队",
            post="支架工",
            emp="正式工",
            down="√",
            seq=1,
        ),
        6: row(
            "李秀兰",
            spaced_li,
            sex="女",
            edu="专科",
            work="2005年7月",
            hire="2010年3月1日",
            dept="综采 二队",
            emp="劳务派遣",
            contractor="晋城劳务公司",
            down="否",
            seq=2,
        ),
        7: row(
            "张　伟",
            ZHANG,
            sex="女",
            edu="高中",
            work="2005-07-01",
            dept="综采二队",
            emp="协议工",
            down="Y",
            seq=3,
        ),
        8: row("赵强", ZHAO, edu="中专", work="2005/7/1", dept="掘进队", down="N", seq=4),
        9: row("钱磊", QIAN, edu="技校", work="200507", dept="机电科（一）", seq=5),
        10: row("孙洋", SUN, edu="硕士", work="20050701", dept="机电科(一)", seq=6),
        11: row("周杰", ZHOU, edu="大专", work=38534, dept="通风队", seq=7),  # an Excel serial number
        12: row("吴涛", WU, edu="博士研究生", work=2005.07, seq=8),  # 2005.07 typed into a General cell
        13: [None] * 15,  # blank
        14: [14] + [None] * 14,  # a pre-numbered template row with nothing else
        15: row("冯刚", float(NUMERIC), seq=15),  # the ID Excel turned into a number
        16: row("陈明", BAD_CHECK, seq=16),
        17: row("王建国", WANG, seq=17),  # typed twice
        18: row("王老五", OLD_WANG, seq=18),  # already on the roster
        19: row("褚飞", FUTURE, seq=19),
        20: row(None, None, dept="综采一队", post="支架工", seq=20),
        21: row("卫华", ident(date(1992, 1, 1), 1), hire="2005.13", seq=21),
        22: row("蒋超", ident(date(1993, 1, 1), 3), edu="小学", seq=22),
        23: row("沈平", ident(date(1994, 1, 1), 5), edu="大学肄业", seq=23),
        24: ["合计", "共 19 人"] + [None] * 13,
        25: ["制表人：张会计", *[None] * 5, "审核人：", *[None] * 8],
    }


def build_trap_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["A1"] = "XX煤矿从业人员花名册"
    ws.merge_cells("A1:O1")
    ws["A2"] = "填报单位：一号矿"
    ws.merge_cells("A2:F2")
    ws["H2"] = "日期：2026年6月"
    for col, (top, bottom) in enumerate(zip(TOP, BOTTOM, strict=True), start=1):
        ws.cell(row=3, column=col, value=top)
        ws.cell(row=4, column=col, value=bottom)
    for col in "ABCDIJKLMNO":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("E3:F3")
    ws.merge_cells("G3:H3")
    for excel_row, values in trap_rows().items():
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=excel_row, column=col, value=value)
    ws.merge_cells("I11:I12")  # 通风队 merged down over 周杰 and 吴涛
    wb.save(path)
    return path


EXPECTED_REJECTED = [
    (
        15,
        "身份证号被存成了数字（1.4052219800101e+17），Excel 只保留15位有效数字，后几位已经丢失；"
        "请把身份证号一列设置为“文本”格式后重新录入",
    ),
    (16, f"身份证号校验位错误（最后一位应为{check_digit(ZHANG[:17])}），请核对是否抄错"),
    (17, "身份证号与第5行（王建国）重复"),
    (18, "身份证号已登记在本矿（王老五）"),
    (19, "身份证号中的出生日期2027-01-01晚于今天"),
    (20, "既没有姓名也没有身份证号"),
    (21, "入矿时间“2005.13”不是有效日期（可写作2005-07-01、2005.07或2005年7月）"),
    (22, "文化程度“小学”低于初中；台账只登记初中及以上学历（特种作业人员须具备初中及以上文化程度），请核实"),
    (23, "文化程度“大学肄业”无法识别（可填：初中、高中/中专/技校、大专、本科、研究生）"),
]


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
    mine_id = create_mine(db, "张会计", name=MINE, kind="coal")
    add_department(db, "张会计", mine_id, "综采一队", underground=True)
    add_person(db, "张会计", mine_id, PersonInput(name="王老五", id_number=OLD_WANG))
    return mine_id


def count(db: Database, model: Any, *where: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def people(db: Database, mine_id: int) -> dict[str, Person]:
    with db.session() as s:
        return {p.name: p for p in s.scalars(select(Person).where(Person.mine_id == mine_id))}


# ------------------------------------------------------------------------------------- cells, one at a time


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2005.07", date(2005, 7, 1)),
        ("2005.7", date(2005, 7, 1)),
        ("2005.1", date(2005, 1, 1)),  # typed as text: January
        ("2005.10", date(2005, 10, 1)),
        ("2005年7月", date(2005, 7, 1)),
        ("2005年7月1日", date(2005, 7, 1)),
        ("2005年07月15号", date(2005, 7, 15)),
        ("2005-07-01", date(2005, 7, 1)),
        ("2005-07-01 00:00:00", date(2005, 7, 1)),
        ("2005/7/1", date(2005, 7, 1)),
        ("２００５．７", date(2005, 7, 1)),  # full-width
        (" 2005. 07 ", date(2005, 7, 1)),
        ("200507", date(2005, 7, 1)),
        ("20050701", date(2005, 7, 1)),
        ("38534", date(2005, 7, 1)),  # a serial number saved as text by a CSV export
        (datetime(2005, 7, 1, 8, 30), date(2005, 7, 1)),
        (date(2005, 7, 1), date(2005, 7, 1)),
        (38534, date(2005, 7, 1)),
        (38534.0, date(2005, 7, 1)),
        (200507, date(2005, 7, 1)),
        (20050701, date(2005, 7, 1)),
        (2005.07, date(2005, 7, 1)),
        (2005.12, date(2005, 12, 1)),
        (2005.3, date(2005, 3, 1)),
        (2005.0715, date(2005, 7, 15)),
        (None, None),
        ("  ", None),
    ],
)
def test_every_date_style_reads(typed: Any, expected: date | None) -> None:
    assert cells.parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2005.13", "“2005.13”不是有效日期"),
        ("2005", "只有年份"),
        ("2005年", "只有年份"),
        (2005, "只有年份"),
        (2005.1, "分不清是1月还是10月"),  # a number: 2005.1 and 2005.10 are the same double
        ("去年", "无法识别为日期"),
        ("1850.01", "年份1850不对"),
        (20051301, "不是有效日期"),
    ],
)
def test_unreadable_dates_say_why(typed: Any, reason: str) -> None:
    with pytest.raises(cells.CellError, match=reason):
        cells.parse_date(typed)


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        ("初中", "初中"),
        ("高中", "高中/中专/技校"),
        ("中专", "高中/中专/技校"),
        ("技校", "高中/中专/技校"),
        ("职高", "高中/中专/技校"),
        ("高中/中专/技校", "高中/中专/技校"),
        ("高中／中专", "高中/中专/技校"),
        ("高中文化", "高中/中专/技校"),
        ("专科", "大专"),
        ("大专", "大专"),
        ("大学专科", "大专"),
        ("高职", "大专"),
        ("函授大专", "大专"),
        ("本科", "本科"),
        ("大学本科", "本科"),
        ("大学", "本科"),
        ("学士", "本科"),
        ("本科（在职）", "本科"),
        ("全日制本科毕业", "本科"),
        ("研究生", "研究生"),
        ("硕士", "研究生"),
        ("博士", "研究生"),
        ("硕士研究生", "研究生"),
        (" 大 专 ", "大专"),
        (None, ""),
    ],
)
def test_education_variants_fold_to_five_levels(typed: Any, level: str) -> None:
    assert cells.education(typed) == level


@pytest.mark.parametrize(
    ("typed", "reason"), [("小学", "低于初中"), ("文盲", "低于初中"), ("专升本", "无法识别")]
)
def test_education_below_junior_or_unknown_is_refused(typed: str, reason: str) -> None:
    with pytest.raises(cells.CellError, match=reason):
        cells.education(typed)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("正式工", "正式"),
        ("在编", "正式"),
        (None, "正式"),
        ("合同制", "合同"),
        ("协议工", "合同"),
        ("派遣", "劳务派遣"),
        ("劳务派遣工", "劳务派遣"),
        ("外包", "外包"),
        ("外委", "外包"),
    ],
)
def test_employment_variants(typed: Any, kind: str) -> None:
    assert cells.employment(typed) == kind


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        *[("是", True), ("入井", True), ("√", True), ("y", True), ("Ｙ", True), (1, True), (True, True)],
        *[
            ("否", False),
            ("不入井", False),
            ("×", False),
            ("N", False),
            ("地面", False),
            (0, False),
            ("", None),
        ],
    ],
)
def test_yes_no_variants(typed: Any, answer: bool | None) -> None:
    assert cells.yes_no(typed) is answer


def test_names_and_ids_lose_what_hand_typing_adds() -> None:
    assert cells.name(" 王 建\u3000国 ") == "王建国"
    assert cells.name("买买提•艾力") == "买买提·艾力"
    assert cells.id_number(full_width(LI.lower()))[0] == LI
    assert cells.id_number(f" {LI[:6]} {LI[6:]} ")[0] == LI
    assert cells.id_number("'" + LI)[0] == LI
    upgraded, warning = cells.id_number("140522800506013")  # a first-generation 15-digit number
    first17 = "14052219800506013"
    assert upgraded == first17 + check_digit(first17)
    assert warning is not None and "15位旧身份证号" in warning
    with pytest.raises(cells.NumericIdError, match="科学计数法"):
        cells.id_number("1.40522E+17")
    with pytest.raises(cells.NumericIdError, match="存成了数字"):
        cells.id_number(1.40522198001010e17)


# --------------------------------------------------------------------------------------- the header finder


def test_header_found_below_title_and_note_rows_with_merged_two_row_header(tmp_path: Path) -> None:
    sheet = read_roster(build_trap_workbook(tmp_path / "roster.xlsx"))
    mapping = sheet.mapping
    assert sheet.name == "花名册"
    assert mapping.data_start == 5
    assert mapping.columns == {
        "name": 1,
        "id_number": 2,
        "sex": 3,
        "education": 4,
        "major": 5,
        "work_start": 6,
        "hire_date": 7,
        "department": 8,
        "post": 9,
        "employment_type": 10,
        "contractor": 11,
        "underground": 12,
        "note": 14,
    }
    assert mapping.unmapped == {13: "民族"}
    assert mapping.label("hire_date") == "入矿时间"


def test_two_row_header_without_merges_and_synonyms(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    lines = [
        "花名册,,,,,",
        "姓名,公民身份号码,学历情况,,时间,",
        ",,学历,所学专业,参加工作,入职",
        f"王建国,{WANG},本科,采矿,2005.07,2010.03",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    sheet = read_roster(path)
    assert sheet.mapping.header_rows == (2, 3)
    assert sheet.mapping.columns == {
        "name": 0,
        "id_number": 1,
        "education": 2,
        "major": 3,
        "work_start": 4,
        "hire_date": 5,
    }


def test_specific_header_wins_over_a_general_one(tmp_path: Path) -> None:
    path = tmp_path / "both.csv"
    path.write_text(
        f"单位,姓名,身份证,参加工作时间,一线工作时间,部门\n一号矿,王建国,{WANG},2001.01,2005.07,综采一队\n"
    )
    mapping = read_roster(path).mapping
    assert mapping.columns["department"] == 5 and mapping.columns["work_start"] == 4
    assert mapping.unmapped == {0: "单位", 3: "参加工作时间"}


# ------------------------------------------------------------------------------------------ the preview


def test_preview_sorts_good_and_rejected_rows_and_writes_nothing(
    db: Database, mine: int, tmp_path: Path
) -> None:
    audits = count(db, AuditEntry)
    result = preview(db, mine, build_trap_workbook(tmp_path / "roster.xlsx"))
    assert [(r.row, r.reason) for r in result.rejected] == EXPECTED_REJECTED
    assert [g.row for g in result.good] == [5, 6, 7, 8, 9, 10, 11, 12]
    assert result.new_departments == ["综采二队", "掘进队", "机电科（一）", "通风队"]
    assert result.notes == ["以下列未导入：民族", "4 人的“入井”未填写，按不入井登记"]
    good = {g.row: g for g in result.good}
    wang = good[5].person
    assert (wang.name, wang.id_number, wang.education, wang.major) == ("王建国", WANG, "本科", "采矿工程")
    assert (wang.work_start, wang.hire_date, wang.underground, wang.employment_type) == (
        date(2005, 7, 1),
        date(2010, 3, 1),
        True,
        "正式",
    )
    assert good[5].department == "综采一队"
    li = good[6].person
    assert (li.id_number, li.education, li.employment_type, li.contractor) == (
        LI,
        "大专",
        "劳务派遣",
        "晋城劳务公司",
    )
    assert (li.work_start, li.hire_date, li.underground) == (date(2005, 7, 1), date(2010, 3, 1), False)
    assert good[6].department == good[7].department == "综采二队"
    assert good[7].person.name == "张伟" and good[7].person.employment_type == "合同"
    assert good[7].warnings == ["性别填写为“女”，身份证号显示为男；按身份证号登记"]
    assert [good[n].person.education for n in (8, 9, 10, 11, 12)] == [
        "高中/中专/技校",
        "高中/中专/技校",
        "研究生",
        "大专",
        "研究生",
    ]
    assert {good[n].person.work_start for n in (7, 8, 9, 10, 11, 12)} == {date(2005, 7, 1)}
    assert good[9].department == good[10].department == "机电科（一）"
    assert good[11].department == good[12].department == "通风队"  # merged down
    assert count(db, Person) == 1 and count(db, AuditEntry) == audits


def test_commit_writes_people_and_departments_with_an_audit_row_each(
    db: Database, mine: int, tmp_path: Path
) -> None:
    audits = count(db, AuditEntry)
    result = preview(db, mine, build_trap_workbook(tmp_path / "roster.xlsx"))
    assert commit(db, "张会计", result) == 8
    added = people(db, mine)
    assert set(added) == {"王老五", "王建国", "李秀兰", "张伟", "赵强", "钱磊", "孙洋", "周杰", "吴涛"}
    assert added["李秀兰"].id_number == LI and added["李秀兰"].sex == "女"
    assert added["王建国"].birth_date == date(1980, 5, 6) and added["王建国"].underground
    with db.session() as s:
        depts = {d.id: d.name for d in s.scalars(select(Department).where(Department.mine_id == mine))}
        assert sorted(depts.values()) == sorted(["综采一队", "综采二队", "掘进队", "机电科（一）", "通风队"])
        assert depts[added["王建国"].department_id] == "综采一队"
        assert depts[added["孙洋"].department_id] == "机电科（一）"
        assert depts[added["吴涛"].department_id] == "通风队"
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id).offset(audits)))
        history = list(
            s.scalars(select(PersonStatusChange).where(PersonStatusChange.person_id == added["王建国"].id))
        )
    assert len(entries) == 8 + 4
    assert {e.operator_name for e in entries} == {"张会计"} and {e.action for e in entries} == {"create"}
    person_ids = sorted(e.entity_id for e in entries if e.entity == "person")
    assert person_ids == sorted(p.id for n, p in added.items() if n != "王老五")
    assert sum(e.entity == "department" for e in entries) == 4
    after = json.loads(
        next(e.after for e in entries if e.entity_id == added["李秀兰"].id and e.entity == "person")
    )
    assert after["name"] == "李秀兰" and after["contractor"] == "晋城劳务公司"
    assert [(h.status, h.effective) for h in history] == [("active", date(2010, 3, 1))]


def test_a_failure_during_commit_leaves_nothing(
    db: Database, mine: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = preview(db, mine, build_trap_workbook(tmp_path / "roster.xlsx"))
    before = (count(db, Person), count(db, Department), count(db, AuditEntry), count(db, Operator))
    real = ri.validate_person
    calls = []

    def flaky(data: PersonInput, today: date) -> tuple[str, str, date]:
        calls.append(data.name)
        if len(calls) == 5:
            raise RuntimeError("disk pulled out")
        return real(data, today)

    monkeypatch.setattr(ri, "validate_person", flaky)
    with pytest.raises(RuntimeError):
        commit(db, "新来的操作员", result)
    assert len(calls) == 5  # it failed half-way, after departments and four people were added
    assert (count(db, Person), count(db, Department), count(db, AuditEntry), count(db, Operator)) == before


def test_a_bulk_import_audits_each_record_as_a_single_write_would(
    db: Database, mine: int, tmp_path: Path
) -> None:
    # Enough rows to cross the id look-up's chunks; every tenth has left, two new departments.
    numbers = [ident(date(1970 + i % 30, 1 + i % 12, 1 + i % 28), i % 1000) for i in range(1200)]
    lines = ["姓名,身份证号,部门,状态,入职时间"]
    lines += [
        f"工人{i},{n},{'新一队' if i % 2 else '新二队'},{'离职' if i % 10 == 0 else '在岗'},2015-03-01"
        for i, n in enumerate(numbers)
    ]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    audits = count(db, AuditEntry)
    result = preview(db, mine, path)
    assert not result.rejected and result.new_departments == ["新二队", "新一队"]
    assert commit(db, "张会计", result) == 1200
    with db.session() as s:
        added = {p.id_number: p for p in s.scalars(select(Person).where(Person.id_number.in_(numbers)))}
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id).offset(audits)))
        depts = {d.id: d.name for d in s.scalars(select(Department))}
        changes = s.execute(select(PersonStatusChange.person_id, PersonStatusChange.status)).all()
        snapshots = {p.id: snapshot(p) for p in added.values()}
    assert len(added) == 1200 and [added[n].name for n in numbers] == [f"工人{i}" for i in range(1200)]
    assert {depts[added[n].department_id] for n in numbers[1::2]} == {"新一队"}
    assert [(e.entity, json.loads(e.after)["name"]) for e in entries[:2]] == [
        ("department", "新二队"),
        ("department", "新一队"),
    ]
    people_entries = entries[2:]
    # One row per person, in the file's order, carrying the person's id and exactly what audit() records.
    assert [e.entity_id for e in people_entries] == [added[n].id for n in numbers]
    for e in people_entries:
        assert (e.entity, e.action, e.before, e.mine_id, e.operator_name) == (
            "person",
            "create",
            None,
            mine,
            "张会计",
        )
        after = json.loads(e.after)
        assert after == snapshots[e.entity_id] and list(after) == list(snapshots[e.entity_id])
    left = {added[n].id for n in numbers[::10]}
    assert sorted(c.person_id for c in changes if c.status == "left") == sorted(left)
    assert sum(c.status == "active" and c.person_id in snapshots for c in changes) == 1200


def test_a_failure_after_the_people_are_inserted_leaves_nothing(
    db: Database, mine: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = preview(db, mine, build_trap_workbook(tmp_path / "roster.xlsx"))
    models = (Person, PersonStatusChange, Department, AuditEntry, Operator)
    before = [count(db, m) for m in models]
    real = Writer.audit_many
    written = []

    def audit_then_fail(self: Writer, *args: Any, **kwargs: Any) -> int:
        written.append(real(self, *args, **kwargs))
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(Writer, "audit_many", audit_then_fail)
    with pytest.raises(RuntimeError):
        commit(db, "新来的操作员", result)
    assert written == [8]  # people, their history and their audit rows were all in the database
    assert [count(db, m) for m in models] == before


def test_a_stale_preview_is_refused_whole(db: Database, mine: int, tmp_path: Path) -> None:
    result = preview(db, mine, build_trap_workbook(tmp_path / "roster.xlsx"))
    add_person(db, "李主任", mine, PersonInput(name="赵强", id_number=ZHAO))  # typed in by hand meanwhile
    with pytest.raises(DuplicateError, match="第8行身份证号"):
        commit(db, "张会计", result)
    assert count(db, Person) == 2 and count(db, Department) == 1


def test_same_id_with_different_names_holds_both_rows(db: Database, mine: int, tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(f"姓名,身份证号\n王建国,{WANG}\n王建军,{WANG}\n李秀兰,{LI}\n", encoding="utf-8")
    result = preview(db, mine, path)
    assert [(r.row, r.reason) for r in result.rejected] == [
        (2, "身份证号与第3行（王建军）相同但姓名不同，请核对哪一行抄错"),
        (3, "身份证号与第2行（王建国）相同但姓名不同，请核对哪一行抄错"),
    ]
    assert [g.person.name for g in result.good] == ["李秀兰"]


def test_the_clerk_corrects_the_mapping_and_runs_again(db: Database, mine: int, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(f"姓名,身份证号,报到时间,岗位\n王建国,{WANG},2010.03,支架工\n", encoding="utf-8")
    result = preview(db, mine, path)
    assert result.mapping.unmapped == {2: "报到时间"}
    assert result.good[0].person.hire_date is None
    fixed = result.remap(db, {"hire_date": 2, "post": None})
    assert fixed.mapping.columns == {"name": 0, "id_number": 1, "hire_date": 2}
    assert fixed.mapping.unmapped == {3: "岗位"}
    assert fixed.good[0].person.hire_date == date(2010, 3, 1) and fixed.good[0].person.post == ""


def test_gbk_csv_from_chinese_excel(db: Database, mine: int, tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    text = "\r\n".join(
        [
            "一号矿从业人员花名册,,,,,",
            "序号,姓名,身份证号码,文化程度,参加工作时间,部门",
            f"1,王建国,{WANG},大学本科,2005年7月,综采一队",
            f"2,李秀兰,{LI.lower()},中专,2005.07,机电科",
            "3,陈明,1.40522E+17,大专,2005.07,机电科",
            "4,小计,,,,",
            "合计,2人,,,,",
        ]
    )
    path.write_bytes(text.encode("gbk"))
    sheet = read_roster(path)
    assert sheet.grid.encoding == "gb18030" and sheet.mapping.header_rows == (2,)
    result = preview(db, mine, sheet)
    assert [(g.person.name, g.person.id_number, g.person.education) for g in result.good] == [
        ("王建国", WANG, "本科"),
        ("李秀兰", LI, "高中/中专/技校"),
    ]
    assert [r.row for r in result.rejected] == [5]
    assert result.rejected[0].reason.startswith("身份证号显示为科学计数法（1.40522E+17）")
    assert result.new_departments == ["机电科"]


def test_files_that_cannot_be_read_say_why(db: Database, mine: int, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="找不到文件"):
        read_roster(tmp_path / "nope.xlsx")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ImportFileError, match="另存为"):
        read_roster(old)
    no_header = tmp_path / "notes.csv"
    no_header.write_text("会议记录\n今天开会\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="找不到花名册的表头"):
        read_roster(no_header)
    only_names = tmp_path / "names.csv"
    only_names.write_text("序号,姓名,岗位\n1,王建国,支架工\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="找不到“身份证号”列"):
        preview(db, mine, only_names)
    with pytest.raises(ImportFileError, match="没有名为“人员”的工作表"):
        read_roster(build_trap_workbook(tmp_path / "r.xlsx"), sheet="人员")


def test_the_roster_on_a_later_sheet_is_found(db: Database, mine: int, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "填表说明：身份证号一列请设为文本"
    roster = wb.create_sheet("人员")
    roster.append(["姓名", "身份证号"])
    roster.append(["王建国", WANG])
    path = tmp_path / "two_sheets.xlsx"
    wb.save(path)
    result = preview(db, mine, path)
    assert result.sheet.name == "人员" and [g.person.name for g in result.good] == ["王建国"]
    assert preview(db, mine, path, sheet="2").sheet.name == "人员"


def test_status_and_title_variants(db: Database, mine: int, tmp_path: Path) -> None:
    path = tmp_path / "status.csv"
    lines = [
        "姓名,身份证号,职称,状态",
        f"王建国,{WANG},助理工程师,离职",
        f"李秀兰,{LI},高级工程师,在岗",
        f"张伟,{ZHANG},技师,病休",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = preview(db, mine, path)
    rows = {g.person.name: g for g in result.good}
    assert (rows["王建国"].person.title, rows["王建国"].status) == ("初级", "left")
    assert (rows["李秀兰"].person.title, rows["李秀兰"].status) == ("高级", "active")
    assert rows["张伟"].person.title == "" and rows["张伟"].status == "active"
    assert rows["张伟"].warnings == [
        "职称“技师”无法对应初级/中级/高级，未登记",
        "状态“病休”无法识别，按在岗登记",
    ]
    commit(db, "张会计", result)
    with db.session() as s:
        wang = s.scalar(select(Person).where(Person.id_number == WANG))
        assert wang is not None and wang.status == "left"
        history = s.scalars(select(PersonStatusChange.status).where(PersonStatusChange.person_id == wang.id))
        assert list(history) == ["active", "left"]


# ------------------------------------------------------------------------------------------ the command line


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def test_cli_import_prints_each_rejected_row_and_imports_the_rest(
    db: Database, mine: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_trap_workbook(tmp_path / "roster.xlsx")
    db.close()
    code, lines, _ = run(capsys, "--db", str(db_path), "import", "roster", str(path), "--mine", MINE)
    assert code == 1
    assert [line for line in lines if line.startswith("第") and "行：" in line] == [
        f"第{row}行：{reason}" for row, reason in EXPECTED_REJECTED
    ]
    assert "第7行（已导入，请核对）：性别填写为“女”，身份证号显示为男；按身份证号登记" in lines
    assert "新建部门：综采二队、掘进队、机电科（一）、通风队" in lines
    assert lines[-1] == "导入 8 人，拒绝 9 行"
    assert count(db, Person) == 9
    # Run again: everyone is now a duplicate, nothing more is written.
    code, lines, _ = run(capsys, "--db", str(db_path), "import", "roster", str(path))
    assert code == 1 and lines[-1] == "导入 0 人，拒绝 17 行" and count(db, Person) == 9


def test_cli_dry_run_writes_nothing(
    db: Database, mine: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_trap_workbook(tmp_path / "roster.xlsx")
    audits = count(db, AuditEntry)
    code, lines, _ = run(capsys, "--db", str(db_path), "import", "roster", str(path), "--dry-run")
    assert code == 1
    assert "将新建部门：综采二队、掘进队、机电科（一）、通风队" in lines
    assert lines[-1] == "导入 8 人，拒绝 9 行（试运行，未写入）"
    assert count(db, Person) == 1 and count(db, Department) == 1 and count(db, AuditEntry) == audits


def test_cli_clean_file_exits_0(
    db: Database, mine: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clean.csv"
    path.write_text(f"姓名,身份证号,入井\n王建国,{WANG},是\n", encoding="utf-8-sig")
    code, lines, _ = run(capsys, "--db", str(db_path), "import", "roster", str(path))
    assert code == 0 and lines[-1] == "导入 1 人，拒绝 0 行"


@pytest.mark.parametrize(
    ("setup", "extra", "message"),
    [
        ("missing", [], "找不到文件"),
        ("xlsx", ["--sheet", "人员"], "没有名为“人员”的工作表"),
        ("noheader", [], "找不到花名册的表头"),
        ("xlsx", ["--mine", "二号矿"], "找不到名为“二号矿”的矿山"),
    ],
)
def test_cli_bad_input_exits_2_in_chinese(
    db: Database,
    mine: int,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    setup: str,
    extra: list[str],
    message: str,
) -> None:
    path = tmp_path / "roster.xlsx"
    if setup == "xlsx":
        build_trap_workbook(path)
    elif setup == "noheader":
        path = tmp_path / "notes.csv"
        path.write_text("会议记录\n今天开会\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db_path), "import", "roster", str(path), *extra)
    assert code == 2 and err.startswith("错误：") and message in err
    assert count(db, Person) == 1


def test_cli_import_without_a_kind_exits_2(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, lines, _ = run(capsys, "--db", str(db_path), "import")
    assert code == 2 and any("roster" in line for line in lines)


def test_full_width_ids_in_a_file_match_the_database(db: Database, mine: int, tmp_path: Path) -> None:
    path = tmp_path / "fw.csv"
    path.write_text(f"姓名,身份证号\n王老五,{full_width(OLD_WANG)}\n", encoding="utf-8")
    assert unicodedata.normalize("NFKC", full_width(OLD_WANG)) == OLD_WANG
    result = preview(db, mine, path)
    assert [(r.row, r.reason) for r in result.rejected] == [(2, "身份证号已登记在本矿（王老五）")]


def test_a_first_person_is_never_taken_for_a_second_header_row(
    db: Database, mine: int, tmp_path: Path
) -> None:
    path = tmp_path / "one.csv"
    path.write_text(
        f"姓名,身份证号,其他\n王建国,{WANG},学历\n", encoding="utf-8"
    )  # "学历" is also a header word
    result = preview(db, mine, path)
    assert result.mapping.header_rows == (1,)
    assert [g.person.name for g in result.good] == ["王建国"]
