"""The drill family of printed forms, read back from their PDFs: 自救器实操培训记录表, 月度自救器实操培训覆盖情况表,
紧急撤离和逃生避险应急演练记录; their blank versions, the print verbs and the month's results in Excel."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from db import clock
from db.demo import DEMO_MINE, build_demo
from db.engine import Database, open_database
from db.errors import NotFoundError, ValidationError
from db.idnumber import make
from db.models import PersonStatus
from db.queries import list_mines
from db.services.drills import (
    DrillEntry,
    DrillSessionInput,
    EvacuationInput,
    record_drill,
    record_evacuation_drill,
)
from db.services.mines import add_department, create_mine
from db.services.people import PersonInput, add_person, set_status
from desktop.cli import main as cli_main
from desktop.printing.catalog import FORMS
from desktop.printing.evacuation import EVACUATION_FIELDS
from desktop.printing.layout import TableForm
from tests.test_printing_layout import font_report

TODAY = date(2026, 6, 15)
OP = "测试员"
MINE = "测试煤业有限公司"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_texts(data: bytes | Path) -> list[str]:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    return [squash(page.extract_text()) for page in PdfReader(source).pages]


def render(key: str, db: Database, mine_id: int, **params: object) -> tuple[TableForm, list[str], bytes]:
    entry = FORMS[key]
    form = entry.build(db, mine_id, **params)
    buf = io.BytesIO()
    entry.write_pdf(buf, form)
    data = buf.getvalue()
    assert_fonts_embedded(data)
    return form, pdf_texts(data), data


def assert_fonts_embedded(data: bytes) -> None:
    fonts = font_report(PdfReader(io.BytesIO(data)))
    assert fonts
    for name, embedded in fonts.items():
        assert embedded, name
        assert "Helvetica" not in name


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@dataclass
class Drills:
    db: Database
    path: Path
    mine_id: int
    ids: dict[str, int]
    monthly: int  # the June monthly drill
    spot: int  # a later shift spot check
    evacuation: int


@pytest.fixture
def drills(tmp_path: Path) -> Iterator[Drills]:
    path = tmp_path / "forms.sqlite3"
    db = open_database(path)
    mine_id = create_mine(db, OP, name=MINE, kind="coal")
    face = add_department(db, OP, mine_id, "综采一队", underground=True)
    heading = add_department(db, OP, mine_id, "掘进队", underground=True)
    ids: dict[str, int] = {}
    for n, (name, dept, post) in enumerate(
        [
            ("王快手", face, "采煤机司机"),
            ("李慢慢", face, "支架工"),
            ("张请假", face, "电工"),
            ("赵没来", heading, "掘进工"),
            ("钱离职", heading, "掘进工"),
        ]
    ):
        data = PersonInput(
            name=name, id_number=make("140522", date(1980, 1, n + 1), n), department_id=dept, underground=True
        )
        data.post, data.hire_date = post, date(2020, 1, 1)
        ids[name] = add_person(db, OP, mine_id, data)
    set_status(db, OP, ids["钱离职"], PersonStatus.left, date(2026, 5, 25))
    may = DrillSessionInput(held_on=date(2026, 5, 6), place="井口培训室", instructor="王培训")
    record_drill(db, OP, mine_id, may, [DrillEntry(ids["王快手"], 20.0), DrillEntry(ids["李慢慢"], 34.0)])
    monthly = record_drill(
        db,
        OP,
        mine_id,
        DrillSessionInput(
            held_on=date(2026, 6, 5),
            shift="早班",
            place="井口培训室",
            instructor="王培训",
            unit_model="ZYX45",
            unit_serials="PX-01～PX-06",
        ),
        [
            DrillEntry(ids["王快手"], 21.5),
            DrillEntry(ids["李慢慢"], 36.0),
            DrillEntry(
                ids["李慢慢"], 33.1, remark="动作不熟练"
            ),  # a retry in the same session: still over 30 s
            DrillEntry(ids["张请假"], None, absent=True, remark="病假"),
        ],
    )
    spot = record_drill(
        db,
        OP,
        mine_id,
        DrillSessionInput(held_on=date(2026, 6, 10), kind="shift_spot", place="副井口", instructor="安检员"),
        [DrillEntry(ids["王快手"], 19.0)],
    )
    evacuation = record_evacuation_drill(
        db,
        OP,
        mine_id,
        EvacuationInput(
            held_on=date(2026, 4, 10),
            scenario="井下透水事故逃生避险",
            place="1302工作面及避灾路线",
            organiser="赵矿长",
            participants=86,
            duration_min=45,
            process="调度室发出警报，人员佩戴自救器沿避灾路线撤至地面。",
            problems="一处路标被煤尘覆盖。",
            measures="清理并增设反光路标。",
            evaluation="演练达到预期目的。",
            reported_on=date(2026, 4, 13),
        ),
    )
    yield Drills(db, path, mine_id, ids, monthly, spot, evacuation)
    db.close()


# --- the catalogue -----------------------------------------------------------------------------------------


def test_the_drill_forms_are_registered_with_their_parameters(drills: Drills) -> None:
    assert FORMS["drill-session"].title == "自救器实操培训记录表"
    assert FORMS["drill-coverage"].title == "月度自救器实操培训覆盖情况表"
    assert FORMS["evacuation"].title == "紧急撤离和逃生避险应急演练记录"
    (session,) = FORMS["drill-session"].params
    (month,) = FORMS["drill-coverage"].params
    (drill,) = FORMS["evacuation"].params
    assert (session.flag, month.flag, drill.flag) == ("--session", "--month", "--drill")
    assert month.default is not None and month.default() == "2026-05"
    assert month.parse(" 2026.6 ") == "2026-06"
    with pytest.raises(ValidationError, match="YYYY-MM"):
        month.parse("2026-13")
    assert session.choices is not None and drill.choices is not None and month.choices is not None
    offered = session.choices(drills.db, drills.mine_id)
    assert [c.value for c in offered] == [str(drills.spot), str(drills.monthly), str(drills.monthly - 1)]
    assert offered[1].label == "2026-06-05 月度实操培训 井口培训室（3人）"
    assert [c.label for c in drill.choices(drills.db, drills.mine_id)] == ["2026-04-10 井下透水事故逃生避险"]
    months = month.choices(drills.db, drills.mine_id)
    assert months[0].value == "2026-05" and months[-1].label == "2026年6月（本月）"


# --- 自救器实操培训记录表 -------------------------------------------------------------------------------


def test_session_sheet_of_the_latest_monthly_drill(drills: Drills) -> None:
    form, pages, _ = render(
        "drill-session", drills.db, drills.mine_id
    )  # the monthly one, not the later spot check
    assert [row[1] for row in form.rows] == ["王快手", "李慢慢", "张请假"]
    assert form.rows[0][4:6] == ["21.5", "合格"]
    assert form.rows[1][4:6] == ["33.1", "不合格"] and form.rows[1][7] == "动作不熟练；共测2次，记最后一次"
    assert form.rows[2][4:6] == ["", "缺席"] and form.rows[2][7] == "病假"
    assert all(row[6] == "" for row in form.rows)  # 本人签字: blank, for the worker's own hand
    signing = next(c for c in form.columns if c.header == "本人签字")
    assert signing.min_lines >= 2
    assert [c.header for c in form.columns] == [
        "序号",
        "姓名",
        "部门",
        "岗位",
        "盲戴用时（秒）",
        "是否合格",
        "本人签字",
        "备注",
    ]
    assert len(pages) == 1
    text = pages[0]
    for expected in (
        "自救器实操培训记录表",
        MINE,
        "王快手",
        "本人签字",
        "缺席",
        "不合格",
        "2026年6月5日（早班）",
        "井口培训室",
        "王培训",
        "ZYX45PX-01～PX-06",
        "30秒（盲戴用时不超过30秒为合格）",
        "应到3人，实到2人，合格1人，不合格1人，缺席1人",
        "制表人",
    ):
        assert expected in text, expected


def test_session_sheet_by_number_and_a_wrong_number(drills: Drills) -> None:
    form, pages, _ = render("drill-session", drills.db, drills.mine_id, session=drills.spot)
    assert [row[1] for row in form.rows] == ["王快手"] and "班前抽查" in pages[0] and "安检员" in pages[0]
    with pytest.raises(NotFoundError, match="没有编号为999的自救器实操培训"):
        FORMS["drill-session"].build(drills.db, drills.mine_id, session=999)


def test_blank_forms_for_a_mine_without_drills(drills: Drills) -> None:
    other = create_mine(drills.db, OP, name="新建矿", kind="coal")
    data = PersonInput(name="新工人", id_number=make("140522", date(1995, 3, 3), 9), underground=True)
    add_person(drills.db, OP, other, data)
    form, pages, _ = render("drill-session", drills.db, other)
    assert [row[1] for row in form.rows] == ["新工人"] and all(cell == "" for cell in form.rows[0][4:])
    assert "自救器实操培训记录表" in pages[0] and "新工人" in pages[0] and "年月日" in pages[0]
    form, pages, _ = render("evacuation", drills.db, other)
    assert [row[0] for row in form.rows] == list(EVACUATION_FIELDS) and all(row[1] == "" for row in form.rows)
    assert all(field.replace("/", "") in pages[0].replace("/", "") for field in EVACUATION_FIELDS)


# --- 月度自救器实操培训覆盖情况表 ----------------------------------------------------------------------


def test_coverage_of_june_names_the_missing(drills: Drills) -> None:
    form, pages, _ = render("drill-coverage", drills.db, drills.mine_id, month="2026-06")
    assert [c.header for c in form.columns] == [
        "部门",
        "入井人数",
        "已培训人数",
        "合格人数",
        "覆盖率",
        "合格率",
        "未培训人员名单",
    ]
    assert form.rows == [
        ["综采一队", "3", "2", "1", "66.7%", "50%", "张请假"],  # absent is not drilled
        ["掘进队", "1", "0", "0", "0%", "—", "赵没来"],  # 钱离职 left in May: not counted in June
        ["合计", "4", "2", "1", "50%", "50%", "共 2 人"],
    ]
    text = pages[0]
    for expected in (
        "月度自救器实操培训覆盖情况表",
        MINE,
        "2026年6月（截至2026年6月15日）",
        "张请假",
        "赵没来",
    ):
        assert expected in text, expected
    assert "李慢慢（综采一队）" in text  # barred: his latest drill failed


def test_coverage_defaults_to_last_month(drills: Drills) -> None:
    form, pages, _ = render("drill-coverage", drills.db, drills.mine_id)
    assert "统计月份：2026年5月" in pages[0]
    # May: 钱离职 left on the 25th without a drill, so he is missing (and marked as gone).
    assert form.rows[1] == ["掘进队", "2", "0", "0", "0%", "—", "赵没来、钱离职（已离岗）"]


# --- 紧急撤离和逃生避险应急演练记录 -----------------------------------------------------------------------


def test_evacuation_record_reads_back(drills: Drills) -> None:
    form, pages, _ = render("evacuation", drills.db, drills.mine_id)
    assert [row[0] for row in form.rows] == list(EVACUATION_FIELDS)
    assert len(form.columns) == 2 and not form.landscape
    text = pages[0]
    for expected in (
        "紧急撤离和逃生避险应急演练记录",
        MINE,
        "2026年4月10日，历时45分钟",
        "井下透水事故逃生避险",
        "赵矿长",
        "86人",
        "调度室发出警报",
        "一处路标被煤尘覆盖",
        "清理并增设反光路标",
        "演练达到预期目的",
        "报告县级应急管理部门日期",
        "2026年4月13日",
        "评估结论",
    ):
        assert expected in text, expected


# --- the demo: a long sheet, the print verbs and the spreadsheet -----------------------------------------


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(path)
    try:
        build_demo(database)  # the demo is built on the real date: the module's pinned clock is not set yet
    finally:
        database.close()
    return path


def test_a_long_demo_session_repeats_the_header_and_signs_on_the_last_page(demo_path: Path) -> None:
    db = open_database(demo_path)
    try:
        mine_id = next(m.id for m in list_mines(db) if m.name == DEMO_MINE)
        choices = FORMS["drill-session"].params[0].choices
        assert choices is not None
        biggest = max(choices(db, mine_id), key=lambda c: int(c.label.rsplit("（", 1)[1].rstrip("人）")))
        form, pages, _ = render("drill-session", db, mine_id, session=int(biggest.value))
    finally:
        db.close()
    assert len(form.rows) > 30 and len(pages) >= 2
    assert all("本人签字" in page for page in pages)
    assert "主要负责人" in pages[-1] and not any("主要负责人" in page for page in pages[:-1])


@pytest.mark.parametrize(
    ("key", "extra"),
    [
        ("drill-session", []),
        ("drill-session", ["--session", "1"]),
        ("drill-coverage", []),
        ("drill-coverage", ["--month", "2026-05"]),
        ("evacuation", []),
        ("evacuation", ["--drill", "1"]),
    ],
)
def test_print_verbs_exit_0(demo_path: Path, tmp_path: Path, key: str, extra: list[str]) -> None:
    out = tmp_path / f"{key}.pdf"
    assert (
        cli_main(["--db", str(demo_path), "print", key, "--mine", DEMO_MINE, "--out", str(out), *extra]) == 0
    )
    pages = pdf_texts(out)
    assert FORMS[key].title in pages[0] and DEMO_MINE in pages[0]
    xlsx = tmp_path / f"{key}.xlsx"
    assert (
        cli_main(["--db", str(demo_path), "print", key, "--mine", DEMO_MINE, "--out", str(xlsx), *extra]) == 0
    )
    assert load_workbook(xlsx).active["A1"].value == FORMS[key].title


def test_print_verbs_refuse_a_bad_month_or_drill(demo_path: Path, tmp_path: Path) -> None:
    base = ["--db", str(demo_path), "print"]
    out = str(tmp_path / "x.pdf")
    with pytest.raises(SystemExit) as bad_month:
        cli_main([*base, "drill-coverage", "--mine", DEMO_MINE, "--month", "2026-13", "--out", out])
    assert bad_month.value.code == 2
    assert cli_main([*base, "evacuation", "--mine", DEMO_MINE, "--drill", "999", "--out", out]) == 2


def test_export_the_month_results(drills: Drills, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drills.db.close()
    out = tmp_path / "六月.xlsx"
    code = cli_main(["--db", str(drills.path), "export", "drills", "--month", "2026-06", "--out", str(out)])
    assert code == 0 and "（4 人）" in capsys.readouterr().out
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[2]
    assert header[:9] == (
        "序号",
        "姓名",
        "身份证号",
        "部门",
        "岗位",
        "本月情况",
        "最好成绩（秒）",
        "不得入井",
        "在岗",
    )
    assert header[9:17] == (
        "第1次日期",
        "第1次类别",
        "第1次用时（秒）",
        "第1次结果",
        "第2次日期",
        "第2次类别",
        "第2次用时（秒）",
        "第2次结果",
    )
    by_name = {row[1]: row for row in rows[3:] if row[1]}
    wang = by_name["王快手"]
    assert wang[5:7] == ("合格", "19.0") and wang[9:17] == (
        "2026-06-05",
        "月度实操培训",
        "21.5",
        "合格",
        "2026-06-10",
        "班前抽查",
        "19.0",
        "合格",
    )
    assert by_name["李慢慢"][5:8] == ("不合格", "33.1", "是")
    assert by_name["张请假"][5] == "未培训" and by_name["张请假"][12] == "缺席"
    assert by_name["赵没来"][5] == "未培训" and by_name["赵没来"][9] is None
    assert len(by_name["王快手"][2]) == 18  # the ID number kept whole, as text
    code = cli_main(["--db", str(drills.path), "export", "drills", "--out", str(tmp_path / "x.csv")])
    assert code == 2
