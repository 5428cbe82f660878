"""The shared page template: fonts, page furniture, wrapping, long rows, signatures, progress, cancel."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop.printing.layout import (
    BODY_SIZE,
    BuildCancelled,
    Column,
    TableForm,
    build_pdf,
    clean_text,
    register_font,
    wrap_text,
)

PRINTED_AT = datetime(2026, 1, 2, 3, 4)


def font_report(reader: PdfReader) -> dict[str, bool]:
    """Every font the PDF uses (pages and form XObjects) -> whether its program is embedded."""
    found: dict[str, bool] = {}

    def embedded(font: Any) -> bool:
        if "/DescendantFonts" in font:  # Type0: the program sits with the CID font
            return all(embedded(d.get_object()) for d in font["/DescendantFonts"])
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:
            return False  # a standard-14 font such as Helvetica: never embedded
        descriptor = descriptor.get_object()
        return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))

    def walk(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is not None:
            for ref in fonts.get_object().values():
                font = ref.get_object()
                found[str(font.get("/BaseFont"))] = embedded(font)
        xobjects = resources.get("/XObject")
        if xobjects is not None:
            for ref in xobjects.get_object().values():
                xobject = ref.get_object()
                if xobject.get("/Subtype") == "/Form":
                    walk(xobject.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def simple_form(rows: list[list[str]], **overrides: Any) -> TableForm:
    fields: dict[str, Any] = {
        "title": "测试台账",
        "mine_name": "某某矿业有限公司",
        "period": "2026年1月",
        "columns": [Column("序号", 1, align="center"), Column("内容", 6), Column("金额", 2, align="right")],
        "rows": rows,
        "landscape": False,
        "printed_at": PRINTED_AT,
    }
    fields.update(overrides)
    return TableForm(**fields)


def build(form: TableForm, **kwargs: Any) -> tuple[bytes, int]:
    buf = io.BytesIO()
    pages = build_pdf(buf, form, **kwargs)
    return buf.getvalue(), pages


# --- fonts --------------------------------------------------------------------------------------------


def test_font_report_sees_a_non_embedded_helvetica() -> None:
    # The checker itself must be able to fail: a plain ReportLab canvas uses Helvetica, not embedded.
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf)
    canvas.drawString(100, 100, "hello")
    canvas.save()
    fonts = font_report(PdfReader(io.BytesIO(buf.getvalue())))
    assert fonts == {"/Helvetica": False}


def test_only_the_embedded_cjk_subset_is_used() -> None:
    data, _ = build(simple_form([["1", "通风机检修 ABC abc 123", "1,000"]], info_block=[("地点", "井下")]))
    fonts = font_report(PdfReader(io.BytesIO(data)))
    assert fonts
    for name, is_embedded in fonts.items():
        assert is_embedded, name
        assert "Helvetica" not in name
        assert "WenQuanYi" in name


@pytest.mark.skipif(sys.platform == "win32", reason="poppler-utils")
def test_pdffonts_agrees_when_available(tmp_path: Path) -> None:
    path = tmp_path / "f.pdf"
    build_pdf(path, simple_form([["1", "中文", "1"]]))
    # CI installs poppler-utils (see .ci/run): a missing pdffonts is a broken machine, not a pass.
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    header, rule, *lines = out.splitlines()
    # Columns are fixed-width, delimited by the dashes under the header: name, type, encoding, emb, ...
    spans = [m.span() for m in re.finditer(r"-+", rule)]
    names = [header[a:b].strip() for a, b in spans]
    assert lines
    for line in lines:
        cells = dict(zip(names, (line[a:b].strip() for a, b in spans), strict=True))
        assert cells["emb"] == "yes", line
        assert "Helvetica" not in cells["name"]


# --- page furniture -----------------------------------------------------------------------------------


def test_heading_footer_and_signatures() -> None:
    rows = [[str(i), f"第{i}条记录", str(i * 10)] for i in range(1, 200)]
    data, pages = build(simple_form(rows))
    pages_text = texts(data)
    assert pages == len(pages_text) > 2
    assert "测试台账" in pages_text[0]
    assert "单位：某某矿业有限公司" in pages_text[0]
    assert "2026年1月" in pages_text[0]
    for number, text in enumerate(pages_text, start=1):
        assert f"第 {number} 页 共 {pages} 页" in text
        assert "打印时间：2026-01-02 03:04" in text
        assert "内容" in text and "金额" in text  # the header row, on every page
        if number > 1:
            assert "某某矿业有限公司" in text  # the running head identifies a loose page
    for label in ("制表人：", "审核人：", "主要负责人："):
        assert label in pages_text[-1]
    everything = squash("".join(pages_text))
    for i in range(1, 200):
        assert f"第{i}条记录" in everything


def test_custom_signatures_and_none() -> None:
    data, _ = build(simple_form([["1", "a", "b"]], signatures=("培训负责人", "授课人")))
    text = texts(data)[-1]
    assert "培训负责人：" in text and "授课人：" in text and "制表人" not in text
    data, _ = build(simple_form([["1", "a", "b"]], signatures=()))
    assert "制表人" not in texts(data)[-1]


@pytest.mark.parametrize("count", range(30, 56))
def test_signatures_never_stand_alone(count: int) -> None:
    # Sweeps the row counts around a page end: wherever the table ends, its last row shares the page with
    # the signatures, and nothing is lost or doubled.
    rows = [[str(i), f"ROW{i:03d}", ""] for i in range(1, count + 1)]
    data, _ = build(simple_form(rows))
    pages_text = texts(data)
    last = pages_text[-1]
    assert f"ROW{count:03d}" in last
    assert "制表人：" in last
    found = re.findall(r"ROW\d{3}", "".join(pages_text))
    assert found == [f"ROW{i:03d}" for i in range(1, count + 1)]


def test_empty_form_prints_empty_text() -> None:
    data, pages = build(simple_form([], empty_text="（本月无记录）"))
    assert pages == 1
    text = texts(data)[0]
    assert "（本月无记录）" in text
    assert "第 1 页 共 1 页" in text


def test_markup_characters_print_as_typed() -> None:
    data, _ = build(simple_form([["1", "<b>A&B</b> &amp; 1<2>0", "x"]], title="记录<表>&"))
    text = texts(data)[0]
    assert "<b>A&B</b> &amp; 1<2>0" in text
    assert "记录<表>&" in text


def test_control_characters_are_removed() -> None:
    assert clean_text("a\x00b\tc\r\nd\x1b") == "ab c\nd"
    assert clean_text(None) == ""
    assert clean_text(12) == "12"
    data, _ = build(simple_form([["1", "甲\x07乙\r\n丙", None]]))  # type: ignore[list-item]
    assert "甲乙" in texts(data)[0]


# --- wrapping -----------------------------------------------------------------------------------------


def test_wrap_text_fits_and_loses_nothing() -> None:
    register_font()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = (
        "巷道顶板离层仪读数超限未及时上报，支护锚杆托盘松动3处。（已责令停产整改）Roof bolts loose at 3 spots"
    )
    for width in (40.0, 73.0, 120.0, 300.0):
        lines = wrap_text(text, width)
        assert all(stringWidth(line, "CJK", BODY_SIZE) <= width + 0.01 for line in lines), lines
        assert squash("".join(lines)) == squash(text)
        assert not any(line[0] in "，。）、" for line in lines[1:]), lines  # no closing mark starts a line
        assert not any(line[-1] == "（" for line in lines), lines  # no opening bracket ends one
    assert wrap_text("Roof bolts loose", 60.0) == ["Roof bolts", "loose"]  # breaks between words
    assert wrap_text("甲\n乙", 300.0) == ["甲", "乙"]
    assert wrap_text("高中/中专/技校", 50.0)[0].endswith("/")  # a slash stays with what it follows
    assert wrap_text("2020-01-01", 40.0) == ["2020-01-", "01"]  # too long a date breaks after a dash


def test_long_cells_wrap_inside_their_column() -> None:
    long_text = "局部通风机未实现“三专两闭锁”，风电闭锁试验记录不全，" * 6
    data, _ = build(simple_form([["1", long_text, "2"]]))
    text = texts(data)[0]
    assert squash(long_text) in squash(text)
    # Wrapped: the cell's lines appear as separate lines of text.
    assert max(len(line) for line in text.splitlines()) < len(long_text)


def test_one_line_columns_shrink_instead_of_breaking() -> None:
    columns = [Column("证号", 1, wrap=False), Column("说明", 3)]
    number = "T" + "1" * 23  # too wide for its column at the body size
    data, _ = build(simple_form([[number, "x"]], columns=columns))
    assert number in texts(data)[0]  # whole, on one line


def test_a_row_taller_than_a_page_continues_on_the_next() -> None:
    huge = "".join(f"第S{i:04d}句。" for i in range(1, 2000))  # about four pages of lines
    data, pages = build(simple_form([["1", huge, "3"], ["2", "尾行", "4"]]))
    assert pages > 3
    everything = squash("".join(texts(data)))
    # Every sentence once, in order, across the page breaks (headers and footers come in between).
    assert re.findall(r"S(\d{4})", everything) == [f"{i:04d}" for i in range(1, 2000)]
    assert "尾行" in everything


def test_min_lines_gives_room_to_sign() -> None:
    rows = [[str(i), f"记录{i}", ""] for i in range(1, 120)]
    signing = [Column("序号", 1), Column("姓名", 6), Column("本人签字", 2, min_lines=3)]
    _, plain_pages = build(simple_form(rows))
    data, tall_pages = build(simple_form(rows, columns=signing))
    assert tall_pages >= 2 * plain_pages  # three-line rows: about three times the paper
    assert squash("".join(texts(data))).count("记录") == len(rows)


def test_landscape_and_portrait_page_sizes() -> None:
    for landscape, (w, h) in ((True, (841.89, 595.28)), (False, (595.28, 841.89))):
        data, _ = build(simple_form([["1", "a", "b"]], landscape=landscape))
        box = PdfReader(io.BytesIO(data)).pages[0].mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == (w, h)


# --- info block ---------------------------------------------------------------------------------------


def test_info_block_prints_every_pair_and_wraps_long_values() -> None:
    process = "演练开始后，调度室立即通知井下各作业地点人员按避灾路线撤离，" * 8
    info = [
        ("培训名称", "2026年度自救器实操培训"),
        ("类别", "年度再培训"),
        ("日期", "2026-03-15"),
        ("地点", "培训中心实操室"),
        ("授课人", "王建国"),
        ("演练过程", process),
        ("学时", "4"),
    ]
    data, _ = build(simple_form([["1", "张三", "30"]], info_block=info))
    text = texts(data)[0]
    for key, value in info:
        assert key in text
        assert squash(value) in squash(text)


def test_info_only_form() -> None:
    form = simple_form([], columns=[], info_block=[("演练时间", "2026-05-01 09:00"), ("地点", "主斜井")])
    data, pages = build(form)
    assert pages == 1
    text = texts(data)[0]
    assert "主斜井" in text and "制表人：" in text and "无记录" not in text


# --- contract -----------------------------------------------------------------------------------------


def test_rows_must_match_the_columns() -> None:
    with pytest.raises(ValueError, match="row 1"):
        simple_form([["1", "a", "b"], ["2", "a"]])
    with pytest.raises(ValueError):
        Column("x", 0)
    with pytest.raises(ValueError):
        Column("x", 1, align="middle")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Column("x", 1, min_lines=0)


def test_writes_to_a_path_and_returns_the_page_count(tmp_path: Path) -> None:
    path = tmp_path / "out.pdf"
    pages = build_pdf(path, simple_form([["1", "a", "b"]]))
    assert pages == 1
    assert path.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(path).pages) == pages


def test_progress_is_monotonic_and_complete() -> None:
    calls: list[tuple[int, int]] = []
    rows = [[str(i), f"记录{i}", ""] for i in range(1, 1200)]
    build(simple_form(rows), progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 5
    assert len({total for _, total in calls}) == 1
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert calls[-1][0] == calls[-1][1]


def test_cancel_raises_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cancelled.pdf"
    polls = 0

    def cancelled() -> bool:
        nonlocal polls
        polls += 1
        return polls > 3  # stop a few polls in: mid-build, after some rows

    rows = [[str(i), f"记录{i}", ""] for i in range(1, 2000)]
    with pytest.raises(BuildCancelled):
        build_pdf(path, simple_form(rows), cancelled=cancelled)
    assert not path.exists()


def test_cancel_during_page_layout(tmp_path: Path) -> None:
    # Let row preparation finish, then stop once pages are being laid out.
    seen: list[int] = []
    rows = [[str(i), f"记录{i}", ""] for i in range(1, 600)]

    def progress(done: int, total: int) -> None:
        seen.append(done)

    def cancelled() -> bool:
        return bool(seen) and seen[-1] > len(rows) + 50

    with pytest.raises(BuildCancelled):
        build_pdf(tmp_path / "x.pdf", simple_form(rows), progress=progress, cancelled=cancelled)
    assert max(seen) < 2 * len(rows)


def test_printing_needs_no_qt_and_no_records_layer() -> None:
    code = (
        "import sys, desktop.printing.layout, desktop.printing.roster, desktop.printing.xlsx\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'db', 'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])
