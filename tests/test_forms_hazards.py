"""The hazard forms, built from a real database and read back from the PDF: 隐患排查治理台账,
重大事故隐患“五落实”及整改销号单, 月度重大事故隐患排查记录（零报告）, 隐患统计表; and the command line's
print and export verbs for them."""

from __future__ import annotations

import io
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from db import clock
from db.demo import DEMO_MINE, build_demo
from db.engine import Database, open_database
from db.queries import resolve_mine
from db.reports.hazards import hazard_card, hazard_ledger
from db.rules.drills import previous_month
from db.services.hazards import MonthlyCheckInput, file_zero_report, record_monthly_check
from db.services.mines import create_mine
from desktop.cli import main as cli_main
from desktop.printing.catalog import FORMS
from desktop.printing.layout import TableForm
from tests.test_printing_layout import font_report

TODAY = clock.today()
LAST = previous_month(TODAY.year, TODAY.month)


def squash(text: str) -> str:
    """Whitespace removed, so a cell wrapped over two lines reads as one string."""
    return re.sub(r"\s+", "", text)


def render(key: str, db: Database, mine_id: int, **params: object) -> tuple[TableForm, list[str], PdfReader]:
    entry = FORMS[key]
    form = entry.build(db, mine_id, **params)
    buf = io.BytesIO()
    entry.write_pdf(buf, form)
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    assert_fonts_embedded(reader)
    return form, [squash(page.extract_text()) for page in reader.pages], reader


def assert_fonts_embedded(reader: PdfReader) -> None:
    fonts = font_report(reader)
    assert fonts
    for name, embedded in fonts.items():
        assert embedded, name
        assert "Helvetica" not in name


def landscape(reader: PdfReader) -> bool:
    box = reader.pages[0].mediabox
    return float(box.width) > float(box.height)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(path)
    try:
        build_demo(database)
    finally:
        database.close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.sqlite3"
    src, dst = sqlite3.connect(demo_template), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


@pytest.fixture
def demo(demo_path: Path) -> Iterator[tuple[Database, int]]:
    db = open_database(demo_path)
    try:
        yield db, resolve_mine(db, DEMO_MINE).id
    finally:
        db.close()


# --- the forms, read back -------------------------------------------------------------------------------


def test_ledger_prints_every_hazard_of_the_period_with_voided_ones_visible(demo):
    db, mine = demo
    start = TODAY - timedelta(days=365)
    form, pages, reader = render("hazard-ledger", db, mine, date_from=start.isoformat())
    ledger = hazard_ledger(db, mine, start, TODAY)
    assert landscape(reader) and len(pages) > 3
    assert len(form.columns) == 16
    assert [c.header for c in form.columns] == [
        "序号", "编号", "排查日期", "排查层级/来源", "地点", "专业类别", "隐患描述", "等级", "责任人",
        "整改措施",
        "整改期限", "整改资金", "整改完成日期", "验收人", "验收日期", "状态",
    ]  # fmt: skip
    assert "隐患排查治理台账" in pages[0] and squash(DEMO_MINE) in pages[0]
    text = "".join(pages)
    for line in ledger.lines:
        assert line.number in text  # every row, none cut off
    voided = [line for line in ledger.lines if line.status == "voided"]
    assert len(voided) == 2
    for line in voided:
        assert f"已作废（{line.void_reason}）" in text
    assert "一般（B级）" in text or "一般（C级）" in text
    assert all("隐患描述" in page for page in pages)  # the header repeats on every page
    assert "制表人" in pages[-1] and all("制表人" not in page for page in pages[:-1])
    assert f"第1页共{len(pages)}页" in pages[0]


def test_ledger_filters_print_only_their_rows(demo):
    db, mine = demo
    form, pages, _ = render("hazard-ledger", db, mine, grade="major", status="open")
    assert len(form.rows) == 2
    assert "状态：未销号；等级：重大" in pages[0]
    form, _pages, _ = render("hazard-ledger", db, mine, status="overdue")
    assert len(form.rows) == 4 and all("逾期" in row[-1] for row in form.rows)


def test_card_shows_the_gap_the_rule_reports_and_the_history(demo):
    db, mine = demo
    card = hazard_card(db, mine)  # the latest major: the one without its contingency plan
    form, pages, reader = render("hazard-card", db, mine)
    assert not landscape(reader) and len(pages) == 1
    text = pages[0]
    assert "重大事故隐患“五落实”及整改销号单" in text and squash(DEMO_MINE) in text
    assert card.line.number in text
    assert "五落实：预案（未落实）" in text
    assert "判定依据（判定标准条款）《煤矿重大事故隐患判定标准》" in text
    assert ("「待核对」" in text) == (card.line.standard_edition == "MEM21-2026")
    assert "演示数据" in text and "按“五落实”组织整改" in text  # the history: who, and what
    assert [c.header for c in form.columns] == ["序号", "时间", "操作人", "原状态", "新状态", "说明"]
    closed = next(line for line in hazard_ledger(db, mine, TODAY - timedelta(days=365), TODAY).lines
                  if line.grade == "major" and line.status == "closed")  # fmt: skip
    _form, pages, _ = render("hazard-card", db, mine, hazard=closed.number)
    assert "（未落实）" not in pages[0] and "验收合格" in pages[0] and "销号日期" in pages[0]


def test_monthly_record_prints_the_zero_report_of_an_empty_month(tmp_path):
    db = open_database(tmp_path / "ledger.sqlite3")
    try:
        mine = create_mine(db, "测试员", name="一号矿", kind="coal", principal_name="赵矿长")
        year, month = LAST
        check = record_monthly_check(
            db,
            "测试员",
            mine,
            MonthlyCheckInput(year, month, date(year, month, 5), "赵矿长", "王、李", "全矿井"),
        )
        file_zero_report(db, "测试员", check, date(year, month, 6))
        _form, pages, reader = render("monthly-check", db, mine)  # last month by default
        assert not landscape(reader)
        text = pages[0]
        assert "月度重大事故隐患排查记录（零报告）" in text and "一号矿" in text
        assert f"月份{year}年{month}月" in text and "组织人（主要负责人）赵矿长" in text
        assert "本月未发现重大事故隐患（零报告）" in text
        assert f"零报告报送日期：{year}年{month}月6日" in text
        assert "制表人" in text
    finally:
        db.close()


def test_monthly_record_shows_a_missing_check_and_a_months_majors(demo):
    db, mine = demo
    _form, pages, _ = render("monthly-check", db, mine)  # the demo's last month has no check
    assert "本月未登记主要负责人组织的排查" in pages[0] and "本月未发现重大事故隐患" not in pages[0]
    major = hazard_card(db, mine)
    month = f"{major.line.found_on:%Y-%m}"
    _form, pages, _ = render("monthly-check", db, mine, month=month)
    assert major.line.number in pages[0] and "本月未发现" not in pages[0]


def test_statistics_form_by_category_and_by_month(demo):
    db, mine = demo
    form, pages, reader = render("hazard-stats", db, mine)
    assert landscape(reader)
    assert [c.header for c in form.columns] == [
        "类别",
        "新增",
        "已整改销号",
        "未整改",
        "逾期",
        "重大",
        "整改率",
    ]
    assert "隐患统计表" in pages[0] and "合计" in pages[0] and "地面消防（三堂一舍）" in pages[0]
    assert "重大事故隐患存量" in pages[0] and "重大事故隐患增量" in pages[0]
    form, pages, _ = render("hazard-stats", db, mine, by="month")
    assert form.columns[0].header == "月份" and len(form.rows) == TODAY.month + 1  # the months and 合计


# --- the command line ------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli_main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_print_verbs_write_the_four_forms(demo_path, tmp_path, capsys):
    db = ["--db", str(demo_path)]
    mine = ["--mine", DEMO_MINE]
    year = str(TODAY.year)
    start = f"{TODAY.year}-01-01"
    cases = [
        (
            "hazard-ledger",
            ["--from", start, "--to", f"{TODAY:%Y-%m-%d}", "--grade", "重大"],
            "隐患排查治理台账",
        ),
        ("hazard-card", [], "重大事故隐患“五落实”及整改销号单"),
        ("monthly-check", ["--month", f"{LAST[0]}-{LAST[1]:02d}"], "月度重大事故隐患排查记录（零报告）"),
        ("hazard-stats", ["--year", year, "--by", "month"], "隐患统计表"),
    ]
    for key, params, title in cases:
        out = tmp_path / "out" / f"{key}.pdf"
        code, text, err = run(capsys, *db, "print", key, *mine, *params, "--out", str(out))
        assert (code, err) == (0, ""), (key, err)
        assert title in text and out.stat().st_size > 0
        assert squash(title) in squash(PdfReader(out).pages[0].extract_text())
    xlsx = tmp_path / "out" / "ledger.xlsx"
    assert run(capsys, *db, "print", "hazard-ledger", *mine, "--out", str(xlsx))[0] == 0
    assert load_workbook(xlsx).active.max_row > 100


def test_print_refuses_bad_parameters_in_chinese(demo_path, tmp_path, capsys):
    db, mine, out = ["--db", str(demo_path)], ["--mine", DEMO_MINE], ["--out", str(tmp_path / "x.pdf")]
    with pytest.raises(SystemExit) as info:
        run(capsys, *db, "print", "hazard-stats", *mine, "--by", "place", *out)
    assert info.value.code == 2 and "category（按类别）或 month（按月份）" in capsys.readouterr().err
    code, _out, err = run(capsys, *db, "print", "hazard-card", *mine, "--hazard", f"{TODAY.year}-9999", *out)
    assert code == 2 and f"没有编号为{TODAY.year}-9999的隐患" in err
    code, _out, err = run(capsys, *db, "print", "hazard-stats", *mine, "--hazard", "2026-1", *out)
    assert code == 2 and "只适用于 hazard-card" in err


def test_export_carries_the_history_of_every_hazard(demo_path, tmp_path, capsys):
    out = tmp_path / "隐患台账.xlsx"
    start = f"{TODAY - timedelta(days=365):%Y-%m-%d}"
    code, text, err = run(
        capsys,
        "--db",
        str(demo_path),
        "export",
        "hazards",
        "--mine",
        DEMO_MINE,
        "--from",
        start,
        "--out",
        str(out),
    )
    assert (code, err) == (0, "")
    assert "已导出" in text and "处理记录" in text
    book = load_workbook(out)
    assert book.sheetnames == ["隐患排查治理台账", "处理记录", "修改记录"]
    ledger = list(book["隐患排查治理台账"].iter_rows(values_only=True))
    assert ledger[2][:17] == (
        "序号", "编号", "排查日期", "排查层级/来源", "地点", "专业类别", "隐患描述", "等级", "责任人",
        "整改措施",
        "整改期限", "整改资金", "整改完成日期", "验收人", "验收日期", "状态", "排查人",
    )  # fmt: skip
    numbers = {row[1] for row in ledger[3:]}
    events = list(book["处理记录"].iter_rows(values_only=True))
    assert events[2] == ("编号", "时间", "操作人", "原状态", "新状态", "说明")
    steps = events[3:]
    assert {row[0] for row in steps} == numbers  # every hazard has its history
    assert all(row[2] == "演示数据" and row[1] is not None for row in steps)  # who and when
    assert any(row[4] == "已作废" and str(row[5]).startswith("作废：") for row in steps)
    assert any(str(row[5]).startswith("验收不合格") for row in steps)  # a failed acceptance, visibly
    trail = list(book["修改记录"].iter_rows(values_only=True))
    assert trail[2] == ("编号", "时间", "操作人", "操作", "字段", "原值", "新值")
    assert any(row[4] == "向职工公告日期" for row in trail[3:])  # the double report, filled in later
