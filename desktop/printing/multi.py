"""Several forms in one PDF, and an info block with a photo space: what 一人一档 needs beyond layout.py.

`build_parts_pdf` prints each `FormPart` exactly as `layout.build_pdf` prints a form (title, unit and period,
key/value block, the table with its header repeated, signature lines), every part starting on a new page.
Page numbers count within a part: "第 X 页 共 Y 页" on a person's pages counts that person's pages, so each
person's file stands alone once the stack is split into the files (一人一档). Every part gets a PDF bookmark,
and its later pages carry a running head naming it, so a loose page can be put back.

`FormSet` is a TableForm too: its own columns and rows are one flat table of all the parts (the .xlsx export
writes that, and any caller that knows only `layout.build_pdf` prints it); `write_pdf` prints the parts.

This module builds on layout.py's page pieces (title, mine line, key/value table, table builder, signature
lines); see the report of the forms work for the public API layout.py could offer so these stay in step.
Also here: the small cell formatters the forms over db.reports share. No Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_size
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer, Table
from reportlab.platypus.flowables import PageBreakIfNotEmpty
from reportlab.platypus.tables import TableStyle

from desktop.printing import layout
from desktop.printing.layout import (
    BODY_LEADING,
    BODY_SIZE,
    FONT_NAME,
    PAD_X,
    PAD_Y,
    SMALL_SIZE,
    BuildCancelled,
    TableForm,
    build_pdf,
    clean_text,
    register_font,
    wrap_text,
)

__all__ = [
    "FormPart",
    "FormSet",
    "build_parts_pdf",
    "cn_date",
    "fmt_date",
    "fmt_number",
    "fmt_passed",
    "write_pdf",
]

# A one-inch ID photo is 25 × 35 mm; the box leaves a little margin round it.
PHOTO_WIDTH = 30 * mm
PHOTO_HEIGHT = 38 * mm
PHOTO_TEXT = ("照片", "（一寸免冠）")
PHOTO_TEXT_COLOUR = colors.Color(0.55, 0.55, 0.55)


# --- cell formatting shared by the forms over db.reports -------------------------------------------


def fmt_date(value: date | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d}"


def cn_date(value: date) -> str:
    """2026年3月9日: built by hand, since strftime with CJK text fails on some Windows locales."""
    return f"{value.year}年{value.month}月{value.day}日"


def fmt_number(value: float | None, digits: int = 1) -> str:
    """85.0 -> "85", 85.5 -> "85.5", None -> ""."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def fmt_passed(value: bool | None) -> str:
    return "" if value is None else ("合格" if value else "不合格")


# --- the model --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormPart:
    """One form of a multi-form document. photo_box puts a photo space beside its info block."""

    form: TableForm
    photo_box: bool = False
    label: str = ""  # the bookmark and running-head name of the part; the form's title when empty


@dataclass(frozen=True, slots=True)
class FormSet(TableForm):
    """Several forms printed as one document, one after another, each from a new page.

    The inherited fields describe the flat table of all parts (for .xlsx and for callers that know only
    TableForm); `parts` is what `write_pdf` prints.
    """

    parts: tuple[FormPart, ...] = ()


def write_pdf(
    target: str | Path | BinaryIO,
    form: TableForm,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Print any form: a FormSet part by part, a plain TableForm through layout.build_pdf."""
    if isinstance(form, FormSet) and form.parts:
        return build_parts_pdf(target, form.parts, progress=progress, cancelled=cancelled, title=form.title)
    return build_pdf(target, form, progress=progress, cancelled=cancelled)


# --- the info block with a photo space -------------------------------------------------------------


def _photo_info_table(pairs: Sequence[tuple[str, str]], width: float) -> Table:
    """Key/value pairs two to a row at the left, a photo space spanning every row at the right.

    A value too long for half the width takes a full row (as layout's info block does); rows grow evenly
    so the block is at least as tall as the photo box.
    """
    left = width - PHOTO_WIDTH
    keys = [clean_text(k) for k, _ in pairs]
    key_w = max(layout._text_width(k, BODY_SIZE) for k in keys) + 2 * PAD_X + 2
    val_w = (left - 2 * key_w) / 2
    wide_w = left - key_w

    rows: list[list[str]] = []
    commands: list[tuple[Any, ...]] = []
    current: list[str] = []

    def close_row() -> None:
        if not current:
            return
        r = len(rows)
        if len(current) == 2:  # a lone pair: its value runs up to the photo column
            commands.append(("SPAN", (1, r), (3, r)))
        else:
            commands.append(("BACKGROUND", (2, r), (2, r), layout.KEY_FILL))
        rows.append([*current, *[""] * (4 - len(current)), ""])
        current.clear()

    for key, raw in zip(keys, (v for _, v in pairs), strict=True):
        value = clean_text(raw)
        narrow = wrap_text(value, val_w - 2 * PAD_X)
        if len(narrow) == 1 and "\n" not in value:
            current.extend([key, narrow[0]])
            if len(current) == 4:
                close_row()
            continue
        close_row()
        current.extend([key, "\n".join(wrap_text(value, wide_w - 2 * PAD_X))])
        close_row()
    close_row()
    if not rows:
        rows.append(["", "", "", "", ""])

    lines = [max(cell.count("\n") + 1 for cell in row) for row in rows]
    heights = [n * BODY_LEADING + 2 * PAD_Y for n in lines]
    short = PHOTO_HEIGHT - sum(heights)
    if short > 0:  # share the missing height out evenly: no one row looks stretched
        heights = [h + short / len(heights) for h in heights]
    last = len(rows) - 1
    rows[0][4] = "\n".join(PHOTO_TEXT)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT_NAME, BODY_SIZE, BODY_LEADING),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, layout.GRID_COLOUR),
        ("BOX", (0, 0), (-1, -1), 0.9, layout.GRID_COLOUR),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (2, 0), (2, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (0, -1), layout.KEY_FILL),
        ("SPAN", (4, 0), (4, last)),
        ("ALIGN", (4, 0), (4, 0), "CENTER"),
        ("TEXTCOLOR", (4, 0), (4, 0), PHOTO_TEXT_COLOUR),
        *commands,
    ]
    return Table(
        rows,
        colWidths=[key_w, val_w, key_w, val_w, PHOTO_WIDTH],
        rowHeights=heights,
        style=TableStyle(style),
        spaceAfter=3 * mm,
    )


# --- the document -----------------------------------------------------------------------------------


class _PartStart(Flowable):
    """Zero-size marker at the top of a part's first page: tells the canvas which part the page is in."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._mineledger_part = self.index  # saved with the page state (see _PartCanvas)


class _PartCanvas(Canvas):
    """Holds every page until save(), then numbers each part's pages on their own and adds the bookmarks.

    Bookmarks are added in save(), page by page: ReportLab points a bookmark at the page being written,
    and while pages are held back that would be page 1 for all of them.
    """

    def __init__(
        self,
        *args: Any,
        printed: str,
        heads: Sequence[tuple[str, str]],
        labels: Sequence[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._printed = printed
        self._heads = heads
        self._labels = labels
        self._saved_pages: list[dict[str, Any]] = []
        self._mineledger_part = 0
        self.page_count = 0

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        parts = [state.get("_mineledger_part", 0) for state in self._saved_pages]
        totals: dict[int, int] = {}
        for part in parts:
            totals[part] = totals.get(part, 0) + 1
        seen: dict[int, int] = {}
        for state, part in zip(self._saved_pages, parts, strict=True):
            self.__dict__.update(state)
            seen[part] = number = seen.get(part, 0) + 1
            head, period = self._heads[part]
            width, height = self._pagesize
            self.saveState()
            self.setFont(FONT_NAME, SMALL_SIZE)
            if number == 1:
                key = f"part{part}"
                self.bookmarkPage(key)
                self.addOutlineEntry(self._labels[part], key, level=0)
            else:  # page 1 of a part carries its full heading
                self.drawString(layout.MARGIN_X, height - layout.HEAD_BASELINE, head)
                self.drawRightString(width - layout.MARGIN_X, height - layout.HEAD_BASELINE, period)
            self.drawCentredString(width / 2, layout.FOOT_BASELINE, f"第 {number} 页 共 {totals[part]} 页")
            self.drawRightString(width - layout.MARGIN_X, layout.FOOT_BASELINE, self._printed)
            self.restoreState()
            Canvas.showPage(self)
        self.page_count = len(self._saved_pages)
        Canvas.save(self)


def build_parts_pdf(
    target: str | Path | BinaryIO,
    parts: Sequence[FormPart],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    title: str = "",
) -> int:
    """Write the parts as one PDF, each from a new page; return the page count.

    All parts share the first part's orientation. progress/cancelled work as in layout.build_pdf.
    """
    if not parts:
        raise ValueError("a document needs at least one part")
    register_font()
    is_landscape = parts[0].form.landscape
    pagesize = landscape_size(A4) if is_landscape else A4
    page_w, page_h = pagesize
    frame_w = page_w - 2 * layout.MARGIN_X
    frame_h = page_h - layout.MARGIN_TOP - layout.MARGIN_BOTTOM

    sizes = [max(len(p.form.rows), 1) if p.form.columns else 1 for p in parts]
    total = 2 * sum(sizes)
    prepared_before = 0
    laid_out = 0

    def check() -> None:
        if cancelled is not None and cancelled():
            raise BuildCancelled

    def report(done: int) -> None:
        if progress is not None:
            progress(min(done, total), total)

    def placed_rows(count: int) -> None:
        nonlocal laid_out
        laid_out += count
        check()
        report(sum(sizes) + laid_out)

    report(0)
    story: list[Flowable] = []
    heads: list[tuple[str, str]] = []  # running head and period of each part's later pages
    labels: list[str] = []  # bookmark titles
    for index, part in enumerate(parts):
        form = part.form
        if form.landscape != is_landscape:
            raise ValueError("every part of one document must have the same orientation")
        check()
        form_title = clean_text(form.title)
        mine = clean_text(form.mine_name)
        period = clean_text(form.period)
        label = clean_text(part.label)
        heads.append(("　".join(x for x in (mine, form_title, label) if x), period))
        labels.append(label or f"{index + 1}. {form_title}")
        sig_room = layout.SIGNATURE_GAP + layout.SIGNATURE_HEIGHT if form.signatures else 0.0
        if index:
            story.append(PageBreakIfNotEmpty())  # no blank page when a part ended a page exactly
        story += [
            _PartStart(index),
            layout._Title(form_title),
            Spacer(1, 2 * mm),
            layout._MinePeriodLine(f"单位：{mine}", period),
            Spacer(1, 1.5 * mm),
        ]
        if part.photo_box:
            story.append(_photo_info_table(form.info_block, frame_w))
        elif form.info_block:
            per_row = 3 if form.landscape else 2
            story.append(layout._info_table(form.info_block, frame_w, per_row, frame_h - sig_room))
        signatures = layout._SignatureLines(form.signatures) if form.signatures else None
        if form.columns:
            base = prepared_before

            def prepared_rows(done: int, base: int = base) -> None:
                check()
                report(base + done)

            builder = layout._TableBuilder(form, frame_w, frame_h - sig_room)
            table = builder.table(builder.prepare(prepared_rows))
            story.append(layout._TableThenSignatures(table, signatures))
        elif signatures is not None:
            story += [Spacer(1, layout.SIGNATURE_GAP), signatures]
        prepared_before += sizes[index]

    printed = f"打印时间：{parts[0].form.printed_at:%Y-%m-%d %H:%M}"
    doc_title = clean_text(title) or clean_text(parts[0].form.title)

    def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
        check()

    out: str | BinaryIO = str(target) if isinstance(target, (str, Path)) else target
    doc = layout._FormDoc(
        out,
        on_rows=placed_rows,
        pagesize=pagesize,
        leftMargin=layout.MARGIN_X,
        rightMargin=layout.MARGIN_X,
        topMargin=layout.MARGIN_TOP,
        bottomMargin=layout.MARGIN_BOTTOM,
        title=doc_title,
        author=clean_text(parts[0].form.mine_name),
        subject=clean_text(parts[0].form.period),
        creator="MineLedger 矿安台账",
        lang="zh-CN",
        initialFontName=FONT_NAME,  # keeps ReportLab from adding a non-embedded Helvetica
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        layout.MARGIN_X, layout.MARGIN_BOTTOM, frame_w, frame_h,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=on_page, pagesize=pagesize)])
    made: list[_PartCanvas] = []

    def canvasmaker(*args: Any, **kwargs: Any) -> _PartCanvas:
        canv = _PartCanvas(*args, printed=printed, heads=heads, labels=labels, **kwargs)
        made.append(canv)
        return canv

    doc.build(story, canvasmaker=canvasmaker)
    report(total)
    return made[-1].page_count
