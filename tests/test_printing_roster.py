"""从业人员花名册: the first printed form, read back from the PDF and the .xlsx it writes."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.printing.layout import TableForm
from desktop.printing.roster import ROSTER_TITLE, RosterRow, build_roster_pdf, roster_form
from desktop.printing.xlsx import write_xlsx

MINE = "山西晋城某某煤业有限公司"
PRINTED_AT = datetime(2026, 11, 23, 9, 5)
LONG_DEPARTMENTS = (
    "综采一队（3101综采工作面回采及设备检修、端头支护和超前支护班组）",
    "机电运输区（主斜井带式输送机、副井提升机、中央变电所及井下供电系统维护）",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文"
GIVEN = (
    "建国",
    "志强",
    "海峰",
    "秀英",
    "桂兰",
    "文博",
    "晓东",
    "红梅",
    "俊杰",
    "玉兰",
    "德明",
    "永刚",
    "立新",
    "春生",
)
DEPARTMENTS = ("综采一队", "综掘二队", "通风区", "机电科", "安全科", "调度室", *LONG_DEPARTMENTS)
POSTS = ("采煤机司机", "瓦斯检查工", "安全检查工", "井下电钳工", "绞车司机", "技术员", "队长")


def id_number(i: int) -> str:
    """18-character resident ID numbers; every third ends in the check letter X."""
    body = f"14050219{70 + i % 30:02d}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    return body + ("X" if i % 3 == 0 else str(i % 10))


def people(count: int = 120) -> list[RosterRow]:
    rows = []
    for i in range(count):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)] + ("" if i % 4 else GIVEN[i % 5][0])
        rows.append(
            RosterRow(
                name=name,
                sex="女" if i % 9 == 0 else "男",
                id_number=id_number(i),
                education=("初中", "高中/中专/技校", "大专", "本科", "研究生")[i % 5],
                major=("采矿工程", "矿井通风与安全", "机电一体化", "", "地质工程")[i % 5],
                department=DEPARTMENTS[i % len(DEPARTMENTS)],
                post=POSTS[i % len(POSTS)],
                employment="劳务派遣" if i % 11 == 0 else "合同制",
                underground=i % 2 == 0,
                work_start=date(2000 + i % 24, 1 + i % 12, 1 + i % 28) if i % 10 else None,
                front_line_years=(i % 20) / 2 if i % 7 else None,
                cert_no=f"T{id_number(i)}" if i % 3 == 0 else None,
                cert_valid_until=date(2027, 1 + i % 12, 15) if i % 3 == 0 else None,
            )
        )
    # A name long enough to wrap in its cell.
    rows.append(
        RosterRow(name="阿卜杜热合曼·买买提明", sex="男", id_number="65010219850101123X", underground=True)
    )
    return rows


def squash(text: str) -> str:
    """Text with all whitespace removed, so a cell broken over two lines reads as one string."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def roster_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, list[RosterRow]]:
    rows = people()
    path = tmp_path_factory.mktemp("roster") / "roster.pdf"
    pages = build_roster_pdf(path, MINE, rows, PRINTED_AT)
    return path, pages, rows


@pytest.fixture(scope="module")
def page_texts(roster_pdf: tuple[Path, int, list[RosterRow]]) -> list[str]:
    return [page.extract_text() for page in PdfReader(roster_pdf[0]).pages]


def test_page_count_matches_the_file(
    roster_pdf: tuple[Path, int, list[RosterRow]], page_texts: list[str]
) -> None:
    _, pages, _ = roster_pdf
    assert pages == len(page_texts)
    assert pages > 1


def test_title_mine_and_period_on_page_one(page_texts: list[str]) -> None:
    first = page_texts[0]
    assert ROSTER_TITLE in first
    assert MINE in first
    assert "截至 2026年11月23日" in first


def test_every_person_is_printed(
    roster_pdf: tuple[Path, int, list[RosterRow]], page_texts: list[str]
) -> None:
    everything = squash("".join(page_texts))
    for row in roster_pdf[2]:
        assert squash(row.name) in everything, row.name
    for department in LONG_DEPARTMENTS:
        assert squash(department) in everything  # wrapped over lines, but whole


def test_id_and_certificate_numbers_stay_on_one_line(
    roster_pdf: tuple[Path, int, list[RosterRow]], page_texts: list[str]
) -> None:
    # Searched without squashing: a number broken over two lines would not match.
    everything = "\n".join(page_texts)
    for row in roster_pdf[2]:
        assert row.id_number in everything, row.id_number
        if row.cert_no:
            assert row.cert_no in everything, row.cert_no


def test_header_repeats_on_every_page(page_texts: list[str]) -> None:
    for number, text in enumerate(page_texts, start=1):
        squashed = squash(text)
        for header in (
            "序号",
            "姓名",
            "身份证号",
            "部门（区队）",
            "参加工作时间",
            "特种作业证号",
            "有效期至",
        ):
            assert header in squashed, f"{header} missing on page {number}"


def test_page_numbers_and_print_time_in_every_footer(page_texts: list[str]) -> None:
    total = len(page_texts)
    assert f"第 1 页 共 {total} 页" in page_texts[0]
    assert f"第 {total} 页 共 {total} 页" in page_texts[-1]
    for number, text in enumerate(page_texts, start=1):
        assert f"第 {number} 页 共 {total} 页" in text
        assert "打印时间：2026-11-23 09:05" in text


def test_signatures_on_the_last_page_only_with_the_last_rows(
    roster_pdf: tuple[Path, int, list[RosterRow]], page_texts: list[str]
) -> None:
    last = page_texts[-1]
    for label in ("制表人：", "审核人：", "主要负责人："):
        assert label in last
        assert all(label not in text for text in page_texts[:-1])
    assert squash(roster_pdf[2][-1].name) in squash(last)  # never a signature page on its own


def test_underground_prints_yes_or_no() -> None:
    form = roster_form(MINE, people(4), PRINTED_AT)
    assert [row[9] for row in form.rows[:4]] == ["是", "否", "是", "否"]


def test_missing_values_print_empty() -> None:
    form = roster_form(MINE, [RosterRow(name="王五")], PRINTED_AT)
    assert list(form.rows[0]) == ["1", "王五", "", "", "", "", "", "", "", "否", "", "", "", ""]


def test_values_are_formatted() -> None:
    row = RosterRow(
        name=" 李四 ",
        id_number="140502198001011234",
        work_start=date(2003, 7, 1),
        front_line_years=12.0,
        cert_valid_until=date(2027, 3, 9),
    )
    cells = roster_form(
        MINE, [row, RosterRow(name="赵六", front_line_years=2.5)], PRINTED_AT, period="2026年"
    ).rows
    assert cells[0][1] == "李四"
    assert cells[0][10] == "2003-07-01"
    assert cells[0][11] == "12"
    assert cells[0][13] == "2027-03-09"
    assert cells[1][11] == "2.5"


def test_columns_are_the_ones_in_forms_md() -> None:
    form = roster_form(MINE, [], PRINTED_AT)
    assert [c.header for c in form.columns] == [
        "序号",
        "姓名",
        "性别",
        "身份证号",
        "文化程度",
        "所学专业",
        "部门（区队）",
        "岗位/职务",
        "用工形式",
        "入井",
        "参加工作时间",
        "一线年限",
        "特种作业证号",
        "有效期至",
    ]
    assert form.landscape


def test_empty_roster_is_one_page_with_no_records_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    assert build_roster_pdf(path, MINE, [], PRINTED_AT) == 1
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "无记录" in text
    assert "身份证号" in text
    assert "第 1 页 共 1 页" in text
    assert "主要负责人：" in text


def test_fonts_are_embedded_and_no_helvetica(roster_pdf: tuple[Path, int, list[RosterRow]]) -> None:
    from tests.test_printing_layout import font_report

    fonts = font_report(PdfReader(roster_pdf[0]))
    assert fonts, "no fonts found at all"
    for name, embedded in fonts.items():
        assert embedded, f"{name} is not embedded"
        assert "Helvetica" not in name


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    build_roster_pdf(io.BytesIO(), MINE, people(600), PRINTED_AT, progress=lambda d, t: calls.append((d, t)))
    assert len(calls) > 3
    totals = {t for _, t in calls}
    assert len(totals) == 1
    assert calls[-1][0] == calls[-1][1]
    done = [d for d, _ in calls]
    assert done == sorted(done)


def _xlsx(rows: list[RosterRow]) -> tuple[TableForm, object]:
    form = roster_form(MINE, rows, PRINTED_AT)
    buf = io.BytesIO()
    write_xlsx(buf, form)
    buf.seek(0)
    return form, load_workbook(buf).active


def test_xlsx_round_trip_keeps_id_numbers_as_text() -> None:
    rows = people(30)
    rows.append(RosterRow(name="钱七", id_number="110101200001010017", cert_no="007", major="=SUM(A1:A9)"))
    form, sheet = _xlsx(rows)
    assert sheet["A1"].value == ROSTER_TITLE
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header_at = next(i for i, row in enumerate(values) if row[:2] == ["序号", "姓名"])
    assert values[header_at] == [c.header for c in form.columns]
    assert sheet.cell(row=header_at + 1, column=1).font.bold
    body = values[header_at + 1 : header_at + 1 + len(rows)]
    for printed, wanted in zip(body, form.rows, strict=True):
        assert printed == [v or None for v in wanted]
    ids = [row[3] for row in body]
    assert all(isinstance(v, str) and len(v) == 18 for v in ids)
    assert any(v.endswith("X") for v in ids)
    last = body[-1]
    assert last[3] == "110101200001010017" and last[12] == "007"
    assert last[5] == "=SUM(A1:A9)"  # stays text, never a formula
    for row in sheet.iter_rows(min_row=header_at + 2):
        for cell in row:
            if cell.value is not None:
                assert cell.data_type == "s"
    assert sheet.column_dimensions["D"].width >= 18  # an ID number is readable without widening


def test_xlsx_of_an_empty_roster_says_so() -> None:
    _, sheet = _xlsx([])
    texts = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "（无记录）" in texts
    assert MINE in " ".join(texts)
