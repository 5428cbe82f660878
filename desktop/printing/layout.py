"""The one page template every printed form uses: a column list and rows in, an A4 PDF out.

A form is data (`TableForm`): title, mine, period, columns, rows, an optional key/value block and the
signature labels. `build_pdf` lays it out the same way for every form: the title and the mine/period line on
page 1, the table with its header repeated on every page, a running head on later pages, "第 X 页 共 Y 页"
and the print time at the foot of every page, and the signature lines after the table on the last page.

Text never goes through a Paragraph (no markup parser), so "&", "<" and ">" in a clerk's text print as typed;
`clean_text` only removes control characters. Cells are broken into lines here, with the Chinese line-break
rules (no "，" at a line start, no "（" at a line end), and handed to the table as plain strings with known
row heights; only cells that may be too wide are measured, and the table writes one PDF text object per page
(`_FastTable`). A 5,000-row ledger so builds no slower than a bare ReportLab LongTable of the same strings.

Nothing here imports Qt or the records layer: a form builds without a screen, in any thread.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_size
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, LongTable, PageTemplate, Spacer, Table
from reportlab.platypus.tables import CellStyle, TableStyle

from resources import resource_path

__all__ = [
    "FONT_NAME",
    "BuildCancelled",
    "Column",
    "TableForm",
    "build_pdf",
    "clean_text",
    "register_font",
    "wrap_text",
]

FONT_NAME = "CJK"
FONT_FILE = ("fonts", "wqy-microhei.ttc")

# Sizes in points. 9 pt on 11 pt leading keeps a 16-column ledger readable on landscape A4.
BODY_SIZE = 9.0
BODY_LEADING = 11.0
SMALL_SIZE = 8.0
TITLE_SIZE = 16.0
TITLE_LEADING = 20.0
PAD_X = 3.0
PAD_Y = 2.5
# A one-line column (wrap=False) shrinks its text down to this size before it gives in and wraps.
MIN_SHRINK_SIZE = 6.0

MARGIN_X = 12 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 14 * mm
# Baselines of the running head and the footer, measured from the paper edge (printers lose ~5 mm).
HEAD_BASELINE = 9 * mm
FOOT_BASELINE = 7.5 * mm
SIGNATURE_HEIGHT = 20 * mm
SIGNATURE_GAP = 4 * mm

GRID_COLOUR = colors.black
HEADER_FILL = colors.Color(0.88, 0.88, 0.88)
KEY_FILL = colors.Color(0.94, 0.94, 0.94)

Align = Literal["left", "center", "right"]
_ALIGN = {"left": "LEFT", "center": "CENTER", "right": "RIGHT"}
_PROGRESS_EVERY = 250


class BuildCancelled(Exception):
    """The caller's `cancelled()` said stop; no file was written."""


@dataclass(frozen=True, slots=True)
class Column:
    """One printed column.

    width is a relative weight: the columns share the printable width in proportion, so one form fits
    portrait or landscape alike. wrap=False marks one-line values (ID numbers, certificate numbers):
    a value too wide is printed smaller rather than broken, and wraps only below MIN_SHRINK_SIZE.
    min_lines makes every row at least that many lines tall (room for a handwritten 本人签字).
    """

    header: str
    width: float = 1.0
    align: Align = "left"
    wrap: bool = True
    min_lines: int = 1

    def __post_init__(self) -> None:
        if not self.width > 0:
            raise ValueError(f"column {self.header!r}: width must be > 0, not {self.width!r}")
        if self.align not in _ALIGN:
            raise ValueError(f"column {self.header!r}: align must be one of {sorted(_ALIGN)}")
        if self.min_lines < 1:
            raise ValueError(f"column {self.header!r}: min_lines must be >= 1")


@dataclass(frozen=True, slots=True)
class TableForm:
    """Everything a printed form shows; plain data so the caller can build it from any source.

    rows hold display strings (None prints as empty). An empty `columns` makes a form of the
    info_block alone (a one-record form such as a drill record).
    """

    title: str
    mine_name: str
    period: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    landscape: bool
    printed_at: datetime
    info_block: Sequence[tuple[str, str]] = ()
    signatures: tuple[str, ...] = ("制表人", "审核人", "主要负责人")
    empty_text: str = "（无记录）"

    def __post_init__(self) -> None:
        ncols = len(self.columns)
        if ncols:
            for index, row in enumerate(self.rows):
                if len(row) != ncols:
                    raise ValueError(f"row {index} has {len(row)} cells, the form has {ncols} columns")


# --- font -------------------------------------------------------------------------------------------

_font_lock = threading.Lock()
_font: TTFont | None = None


def register_font() -> TTFont:
    """Register the bundled CJK TrueType font once per process (thread-safe); it embeds as a subset."""
    global _font
    with _font_lock:
        if _font is None:
            font = TTFont(FONT_NAME, str(resource_path(*FONT_FILE)), subfontIndex=0)
            pdfmetrics.registerFont(font)
            _font = font
        return _font


class _Metrics:
    """Advance widths in font units (1/1000 em), read straight from the font for the line breaker."""

    def __init__(self, font: TTFont) -> None:
        self.widths: dict[int, float] = font.face.charWidths
        self.default = float(font.face.defaultWidth)
        # The widest glyph bounds any string: n chars never exceed n * widest, so short cells skip measuring.
        self.widest = max(max(self.widths.values(), default=0.0), self.default)

    def units(self, text: str) -> float:
        get = self.widths.get
        default = self.default
        return sum(get(ord(ch), default) for ch in text)


_metrics_cache: _Metrics | None = None


def _metrics() -> _Metrics:
    global _metrics_cache
    font = register_font()
    if _metrics_cache is None:
        _metrics_cache = _Metrics(font)
    return _metrics_cache


# --- text -------------------------------------------------------------------------------------------

# C0/C1 control characters print as boxes or break the PDF text operators; tabs become spaces.
_CONTROL = {code: None for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)) if code not in (0x09, 0x0A)}
_CONTROL[0x09] = " "


def clean_text(value: object) -> str:
    """A cell value as printable text: None -> "", line breaks normalised, control characters dropped."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.translate(_CONTROL)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


# Characters that may not start a line / end a line (GB/T 15834 usage; ReportLab's own list misses "，").
_NO_START = frozenset("!%),./:;?]}¢°·’”…‰′″℃、。〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！％），．：；？］｝～￠—")
_NO_END = frozenset("$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（［｛￡￥")
# A run of Latin letters, digits and ASCII-ish punctuation breaks as one word; each CJK character is its
# own break opportunity; whitespace runs are break points.
_TOKEN = re.compile(
    r"\s+|[^\s\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6"
    r"\U00020000-\U0003FFFD]+|."
)


# Inside an over-long word: runs that end in a separator, so a break falls after "-", "/", "_", ".", ":".
_SOFT_BREAK = re.compile(r"[^-/_.:]+[-/_.:]*|[-/_.:]+")


def _tokens(text: str) -> list[str]:
    """Break opportunities, with the no-start/no-end characters glued to their neighbour."""
    out: list[str] = []
    glue_next = False
    for tok in _TOKEN.findall(text):
        space = tok.isspace()
        if out and not space and not out[-1].isspace() and (glue_next or tok[0] in _NO_START):
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = not space and tok[-1] in _NO_END
    return out


def _wrap_paragraph(text: str, limit: float, metrics: _Metrics) -> list[str]:
    """Greedy line fill of one paragraph; limit is the line width in font units."""
    if metrics.units(text) <= limit:
        return [text]
    lines: list[str] = []
    cur: list[str] = []
    cur_w = 0.0
    for tok in _tokens(text):
        tok_w = metrics.units(tok)
        if tok.isspace():
            if cur:
                cur.append(tok)
                cur_w += tok_w
            continue
        if cur_w + tok_w <= limit:
            cur.append(tok)
            cur_w += tok_w
            continue
        if tok_w <= limit:
            lines.append("".join(cur).rstrip())
            cur, cur_w = [tok], tok_w
            continue
        # A word wider than a whole line (a long number, a date in a narrow column): break it after
        # "-", "/", "." where that helps ("2026-01-" / "15"), else between characters.
        for piece in _SOFT_BREAK.findall(tok):
            piece_w = metrics.units(piece)
            if cur_w + piece_w <= limit:
                cur.append(piece)
                cur_w += piece_w
                continue
            if cur:
                lines.append("".join(cur).rstrip())
                cur, cur_w = [], 0.0
            if piece_w <= limit:
                cur, cur_w = [piece], piece_w
                continue
            for ch in piece:
                ch_w = metrics.units(ch)
                if cur and cur_w + ch_w > limit:
                    lines.append("".join(cur))
                    cur, cur_w = [], 0.0
                cur.append(ch)
                cur_w += ch_w
    if cur:
        lines.append("".join(cur).rstrip())
    return lines or [""]


def wrap_text(text: str, width: float, size: float = BODY_SIZE) -> list[str]:
    """Lines of text no wider than width points at size points in the CJK font (explicit newlines kept)."""
    metrics = _metrics()
    limit = width * 1000.0 / size
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, limit, metrics))
    return lines


def _wrap_balanced(text: str, width: float, size: float) -> list[str]:
    """Like wrap_text, but lines of even length ("参加工/作时间", not "参加工作时/间"): for headers."""
    lines = wrap_text(text, width, size)
    if len(lines) < 2 or "\n" in text:
        return lines
    lo, hi = 0.0, width
    best = lines
    for _ in range(12):  # bisect the narrowest width that still needs no more lines
        mid = (lo + hi) / 2
        trial = wrap_text(text, mid, size)
        if len(trial) <= len(lines):
            best, hi = trial, mid
        else:
            lo = mid
    return best


def _text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT_NAME, size)


# --- flowables --------------------------------------------------------------------------------------


class _Title(Flowable):
    """The form title: centred, larger, drawn fill+stroke since the bundled font has no bold face."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.lines: list[str] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.lines = _wrap_balanced(self.text, availWidth, TITLE_SIZE)
        self.height = TITLE_LEADING * len(self.lines)
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setLineWidth(TITLE_SIZE * 0.035)
        y = self.height - TITLE_SIZE
        for line in self.lines:
            text = canv.beginText()
            text.setTextRenderMode(2)
            text.setFont(FONT_NAME, TITLE_SIZE)
            text.setTextOrigin((self.width - _text_width(line, TITLE_SIZE)) / 2, y)
            text.textOut(line)
            canv.drawText(text)
            y -= TITLE_LEADING
        canv.restoreState()


class _MinePeriodLine(Flowable):
    """The "单位：…" text at the left and the period at the right of one line; two lines if they collide."""

    _SIZE = 10.0
    _LEADING = 13.0

    def __init__(self, left: str, right: str) -> None:
        super().__init__()
        self.left = left
        self.right = right
        self.left_lines: list[str] = []
        self.right_lines: list[str] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        size = self._SIZE
        room = availWidth - _text_width(self.right, size) - 8 * mm
        if _text_width(self.left, size) <= room:
            self.left_lines, self.right_lines = [self.left], [self.right]
            n = 1
        else:
            self.left_lines = wrap_text(self.left, availWidth, size)
            self.right_lines = [*([""] * len(self.left_lines)), *wrap_text(self.right, availWidth, size)]
            n = len(self.right_lines)
        self.height = n * self._LEADING + 2
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(FONT_NAME, self._SIZE)
        top = self.height - self._SIZE
        for i, line in enumerate(self.left_lines):
            canv.drawString(0, top - i * self._LEADING, line)
        for i, line in enumerate(self.right_lines):
            if line:
                canv.drawRightString(self.width, top - i * self._LEADING, line)


class _SignatureLines(Flowable):
    """制表人：______ 审核人：______ …, evenly spaced, with room above the lines to sign."""

    def __init__(self, labels: Sequence[str]) -> None:
        super().__init__()
        self.labels = [clean_text(label) for label in labels]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = SIGNATURE_HEIGHT
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        size = 10.0
        canv.setFont(FONT_NAME, size)
        canv.setLineWidth(0.6)
        slot = self.width / len(self.labels)
        baseline = 4 * mm
        for i, label in enumerate(self.labels):
            x = i * slot
            text = f"{label}："
            canv.drawString(x, baseline, text)
            start = x + _text_width(text, size) + 1
            end = x + slot - 6 * mm
            canv.line(start, baseline - 2, max(end, start + 20 * mm), baseline - 2)


class _TableThenSignatures(Flowable):
    """The end of the table and the signature lines, never separated.

    When the rest of the table fits on the page but the signatures don't, the table is split early so that
    its last rows move to the next page with them: a signature page always shows the rows it signs for.
    """

    def __init__(self, table: Table, signatures: Flowable | None) -> None:
        super().__init__()
        self.table = table
        self.signatures = signatures
        self._sig_h = 0.0
        self._wrapped: tuple[float, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        tw, th = self.table.wrapOn(self.canv, availWidth, availHeight)
        self._wrapped = (availWidth, availHeight, th)
        self._sig_h = 0.0
        if self.signatures is not None:
            self._sig_h = SIGNATURE_GAP + self.signatures.wrapOn(self.canv, availWidth, availHeight)[1]
        self.width, self.height = tw, th + self._sig_h
        return self.width, self.height

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, self._sig_h)
        if self.signatures is not None:
            self.signatures.drawOn(self.canv, 0, 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        wrapped = self._wrapped
        if wrapped is not None and wrapped[:2] == (availWidth, availHeight):
            table_h = wrapped[2]  # the frame just wrapped us at this size; a LongTable wrap is not free
        else:
            table_h = self.table.wrapOn(self.canv, availWidth, availHeight)[1]
        sig_h = SIGNATURE_GAP + SIGNATURE_HEIGHT if self.signatures is not None else 0.0
        room = availHeight - sig_h if table_h <= availHeight else availHeight
        parts = self.table.splitOn(self.canv, availWidth, room) if room > 0 else []
        if len(parts) != 2:
            return []  # nothing fits here: the frame moves everything to the next page
        return [parts[0], _TableThenSignatures(parts[1], self.signatures)]


class _FastTable(LongTable):
    """A LongTable that writes the text of all its cells into one PDF text object per page.

    ReportLab's Table draws every line of every cell with drawString: a text object, BT/ET and a font
    selection each time. A ledger with wrapped cells has far more lines than cells, so that cost decides the
    build time; one text object per page fragment, and nothing at all for empty cells, brings a wrapped ledger
    down to what a bare table of the same (unwrapped) strings costs. Positions follow Table._drawCell.
    Splitting creates pieces through self.__class__, so every page fragment draws this way.
    """

    _text: Any = None
    _text_font: tuple[str, float, float] | None = None

    def draw(self) -> None:
        self._text = None
        super().draw()
        if self._text is not None:
            self.canv.drawText(self._text)
            self._text = None

    def _drawCell(
        self, cellval: Any, cellstyle: CellStyle, pos: tuple[float, float], size: tuple[float, float]
    ) -> None:
        if cellval.__class__ is not str:
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if not cellval:
            return
        text = self._text
        if text is None:
            text = self._text = self.canv.beginText()
            text.setFillColor(colors.black)
            self._text_font = None
        font = (cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
        if font != self._text_font:
            text.setFont(*font)
            self._text_font = font
        colpos, rowpos = pos
        colwidth, rowheight = size
        lines = cellval.split("\n")
        leading = cellstyle.leading
        fontsize = cellstyle.fontsize
        valign = cellstyle.valign
        if valign == "MIDDLE":
            y = (
                rowpos
                + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + len(lines) * leading) / 2
                - fontsize
            )
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - fontsize
        just = cellstyle.alignment
        if just == "LEFT":
            text.setTextOrigin(colpos + cellstyle.leftPadding, y)
            for line in lines:
                text.textLine(line)  # T* steps down by the leading set with the font
            return
        fontname = cellstyle.fontname
        if just == "RIGHT":
            right = colpos + colwidth - cellstyle.rightPadding
            for line in lines:
                if line:
                    text.setTextOrigin(right - _text_width_in(line, fontname, fontsize), y)
                    text.textLine(line)
                y -= leading
        else:
            centre = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) / 2
            for line in lines:
                if line:
                    text.setTextOrigin(centre - _text_width_in(line, fontname, fontsize) / 2, y)
                    text.textLine(line)
                y -= leading


def _text_width_in(text: str, fontname: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, fontname, size)


# --- canvas and document ----------------------------------------------------------------------------


class _Footer:
    """Draws the per-page footer once the page count is known; remembers the count for build_pdf."""

    def __init__(self, printed_at: datetime) -> None:
        self.printed = f"打印时间：{printed_at:%Y-%m-%d %H:%M}"
        self.page_count = 0

    def draw(self, canv: Canvas, page: int, total: int) -> None:
        width = canv._pagesize[0]
        canv.saveState()
        canv.setFont(FONT_NAME, SMALL_SIZE)
        canv.drawCentredString(width / 2, FOOT_BASELINE, f"第 {page} 页 共 {total} 页")
        canv.drawRightString(width - MARGIN_X, FOOT_BASELINE, self.printed)
        canv.restoreState()


class _NumberedCanvas(Canvas):
    """Holds every page until save(), then stamps "第 X 页 共 Y 页" on each (the pretix NumberedCanvas)."""

    def __init__(self, *args: Any, footer: _Footer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, start=1):
            self.__dict__.update(state)
            self._footer.draw(self, number, total)
            Canvas.showPage(self)
        self._footer.page_count = total
        Canvas.save(self)


class _FormDoc(BaseDocTemplate):
    """Reports table progress and honours cancellation as the pages are laid out."""

    def __init__(self, target: str | BinaryIO, *, on_rows: Callable[[int], None], **kwargs: Any) -> None:
        super().__init__(target, **kwargs)
        self._on_rows = on_rows

    def afterFlowable(self, flowable: Flowable) -> None:
        table = flowable.table if isinstance(flowable, _TableThenSignatures) else flowable
        if isinstance(table, LongTable):
            self._on_rows(table._nrows - 1)  # minus the repeated header row


# --- the table --------------------------------------------------------------------------------------


def _cell_style(name: str, align: str, size: float = BODY_SIZE, leading: float = BODY_LEADING) -> CellStyle:
    style = CellStyle(name)
    style.fontname = FONT_NAME
    style.fontsize = size
    style.leading = leading
    style.leftPadding = style.rightPadding = PAD_X
    style.topPadding = style.bottomPadding = PAD_Y
    style.alignment = align
    style.valign = "MIDDLE"
    return style


@dataclass(slots=True)
class _PreparedTable:
    data: list[list[str]]
    styles: list[list[CellStyle]]
    heights: list[float]
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]]


class _TableBuilder:
    """Turns a form's rows into plain-string cells that fit their columns."""

    def __init__(self, form: TableForm, width: float, max_body_height: float) -> None:
        self.form = form
        self.metrics = _metrics()
        total = sum(c.width for c in form.columns)
        self.col_widths = [width * c.width / total for c in form.columns]
        self.inner = [w - 2 * PAD_X for w in self.col_widths]
        self.body_styles = [_cell_style(f"col{i}", _ALIGN[c.align]) for i, c in enumerate(form.columns)]
        self.header_style = _cell_style("header", "CENTER")
        header_lines = [
            _wrap_balanced(clean_text(c.header), w, BODY_SIZE)
            for c, w in zip(form.columns, self.inner, strict=True)
        ]
        self.header = ["\n".join(lines) for lines in header_lines]
        self.header_height = max(len(lines) for lines in header_lines) * BODY_LEADING + 2 * PAD_Y
        # A row taller than a page cannot be placed; longer rows are cut into continuation rows.
        self.max_lines = max(1, int((max_body_height - self.header_height - 2 * PAD_Y) // BODY_LEADING))
        self.min_lines = min(max(c.min_lines for c in form.columns), self.max_lines)
        # Any text of at most this many characters fits its column without measuring.
        self.fast_len = [int(w * 1000.0 / BODY_SIZE // self.metrics.widest) for w in self.inner]
        self._shrink_styles: dict[tuple[int, float], CellStyle] = {}
        self._cache: dict[tuple[int, str], tuple[str, int, float]] = {}

    def _fit(self, col: int, text: str) -> tuple[str, int, float]:
        """(cell text with line breaks, line count, shrunk font size or 0) for a text too long to skip."""
        key = (col, text)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        limit = self.inner[col] * 1000.0 / BODY_SIZE
        units = self.metrics.units(text) if "\n" not in text else math.inf
        if units <= limit:
            result = (text, 1, 0.0)
        elif (
            not self.form.columns[col].wrap
            and "\n" not in text
            and units * MIN_SHRINK_SIZE / BODY_SIZE <= limit
        ):
            size = math.floor(limit * BODY_SIZE / units * 10) / 10  # shrink to fit, in 0.1 pt steps
            result = (text, 1, size)
        else:
            lines = wrap_text(text, self.inner[col], BODY_SIZE)
            result = ("\n".join(lines), len(lines), 0.0)
        self._cache[key] = result
        return result

    def _shrunk_style(self, col: int, size: float) -> CellStyle:
        style = self._shrink_styles.get((col, size))
        if style is None:
            style = _cell_style(f"col{col}@{size}", self.body_styles[col].alignment, size, BODY_LEADING)
            self._shrink_styles[(col, size)] = style
        return style

    def prepare(self, tick: Callable[[int], None]) -> _PreparedTable:
        form = self.form
        data: list[list[str]] = [self.header]
        styles: list[list[CellStyle]] = [[self.header_style] * len(self.header)]
        heights: list[float] = [self.header_height]
        spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
        body_styles = self.body_styles
        fast_len = self.fast_len
        max_lines = self.max_lines
        min_lines = self.min_lines
        fit = self._fit
        for index, row in enumerate(form.rows):
            if index % _PROGRESS_EVERY == 0:
                tick(index)
            cells: list[str] = []
            row_styles = body_styles
            lines = min_lines
            for col, value in enumerate(row):
                if value.__class__ is str and value.isprintable():
                    text = value
                    measure = len(text) > fast_len[col]
                else:
                    text = clean_text(value)
                    measure = len(text) > fast_len[col] or "\n" in text
                if measure:
                    text, n, size = fit(col, text)
                    if n > lines:
                        lines = n
                    if size:
                        if row_styles is body_styles:
                            row_styles = list(body_styles)
                        row_styles[col] = self._shrunk_style(col, size)
                cells.append(text)
            if lines > max_lines:
                self._append_split(cells, row_styles, data, styles, heights)
            else:
                data.append(cells)
                styles.append(row_styles)
                heights.append(lines * BODY_LEADING + 2 * PAD_Y)
        if not form.rows:
            empty = _cell_style("empty", "CENTER")
            data.append([clean_text(form.empty_text), *([""] * (len(self.header) - 1))])
            styles.append([empty] * len(self.header))
            heights.append(BODY_LEADING * max(2, self.min_lines) + 2 * PAD_Y)
            spans.append(("SPAN", (0, 1), (-1, 1)))
        tick(len(form.rows))
        return _PreparedTable(data, styles, heights, spans)

    def _append_split(
        self,
        cells: list[str],
        row_styles: list[CellStyle],
        data: list[list[str]],
        styles: list[list[CellStyle]],
        heights: list[float],
    ) -> None:
        """A row taller than a page becomes several rows of at most max_lines lines each."""
        split = [cell.split("\n") for cell in cells]
        chunks = max(math.ceil(len(lines) / self.max_lines) for lines in split)
        for k in range(chunks):
            part = ["\n".join(lines[k * self.max_lines : (k + 1) * self.max_lines]) for lines in split]
            n = max([self.min_lines, *(p.count("\n") + 1 for p in part if p)])
            data.append(part)
            styles.append(row_styles)
            heights.append(n * BODY_LEADING + 2 * PAD_Y)

    def table(self, prepared: _PreparedTable) -> LongTable:
        style = TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
                ("BOX", (0, 0), (-1, -1), 0.9, GRID_COLOUR),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                *prepared.spans,
            ]
        )
        # Shared CellStyle rows, pre-normalised strings and known row heights (the line counts are known
        # from wrapping): no per-cell objects, style commands or re-measuring inside the table.
        return _FastTable(
            prepared.data,
            colWidths=self.col_widths,
            rowHeights=prepared.heights,
            repeatRows=1,
            style=style,
            normalizedData=1,
            cellStyles=prepared.styles,
        )


def _info_table(pairs: Sequence[tuple[str, str]], width: float, per_row: int, max_height: float) -> Table:
    """The key/value block above the table: pairs side by side, a long value on a full row of its own."""
    key_need = max(_text_width(clean_text(k), BODY_SIZE) for k, _ in pairs) + 2 * PAD_X + 1
    slot = width / per_row
    key_w = min(max(key_need, slot * 0.25), slot * 0.45)
    val_w = slot - key_w
    col_widths = [key_w, val_w] * per_row
    ncols = 2 * per_row
    wide_w = width - key_w
    max_lines = max(1, int((max_height - 2 * PAD_Y) // BODY_LEADING))

    rows: list[list[str]] = []
    commands: list[tuple[Any, ...]] = []
    current: list[str] = []

    def close_row() -> None:
        if not current:
            return
        r = len(rows)
        if len(current) < ncols:
            commands.append(("SPAN", (len(current) - 1, r), (ncols - 1, r)))
        rows.append(current + [""] * (ncols - len(current)))
        for c in range(0, len(current), 2):
            commands.append(("BACKGROUND", (c, r), (c, r), KEY_FILL))
        current.clear()

    for raw_key, raw_value in pairs:
        key = "\n".join(wrap_text(clean_text(raw_key), key_w - 2 * PAD_X))
        value = clean_text(raw_value)
        narrow = wrap_text(value, val_w - 2 * PAD_X)
        if len(narrow) == 1:
            current.extend([key, narrow[0]])
            if len(current) == ncols:
                close_row()
            continue
        close_row()
        lines = wrap_text(value, wide_w - 2 * PAD_X)
        for k in range(0, len(lines), max_lines):
            current.extend([key if k == 0 else "", "\n".join(lines[k : k + max_lines])])
            close_row()
    close_row()

    style = [
        ("FONT", (0, 0), (-1, -1), FONT_NAME, BODY_SIZE, BODY_LEADING),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
        ("BOX", (0, 0), (-1, -1), 0.9, GRID_COLOUR),
        *commands,
    ]
    for c in range(0, ncols, 2):
        style.append(("ALIGN", (c, 0), (c, -1), "CENTER"))
    return Table(rows, colWidths=col_widths, style=TableStyle(style), spaceAfter=3 * mm)


# --- build ------------------------------------------------------------------------------------------


def build_pdf(
    target: str | Path | BinaryIO,
    form: TableForm,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write form as a PDF to target (a path or a binary file object); return the page count.

    progress(done, total) is called now and then (total stays fixed for one build); cancelled() is polled
    as rows are prepared and pages laid out, and True raises BuildCancelled before anything is written.
    """
    register_font()
    pagesize = landscape_size(A4) if form.landscape else A4
    page_w, page_h = pagesize
    frame_w = page_w - 2 * MARGIN_X
    frame_h = page_h - MARGIN_TOP - MARGIN_BOTTOM

    nrows = len(form.rows)
    total = 2 * max(nrows, 1) if form.columns else 1
    laid_out = 0

    def check() -> None:
        if cancelled is not None and cancelled():
            raise BuildCancelled

    def report(done: int) -> None:
        if progress is not None:
            progress(min(done, total), total)

    def prepared_rows(done: int) -> None:
        check()
        report(done)

    def placed_rows(count: int) -> None:
        nonlocal laid_out
        laid_out += count
        check()
        report(max(nrows, 1) + laid_out)

    report(0)
    title = clean_text(form.title)
    mine = clean_text(form.mine_name)
    period = clean_text(form.period)
    sig_room = SIGNATURE_GAP + SIGNATURE_HEIGHT if form.signatures else 0.0

    story: list[Flowable] = [
        _Title(title),
        Spacer(1, 2 * mm),
        _MinePeriodLine(f"单位：{mine}", period),
        Spacer(1, 1.5 * mm),
    ]
    if form.info_block:
        story.append(_info_table(form.info_block, frame_w, 3 if form.landscape else 2, frame_h - sig_room))
    signatures = _SignatureLines(form.signatures) if form.signatures else None
    if form.columns:
        builder = _TableBuilder(form, frame_w, frame_h - sig_room)
        table = builder.table(builder.prepare(prepared_rows))
        story.append(_TableThenSignatures(table, signatures))
    elif signatures is not None:
        story.extend([Spacer(1, SIGNATURE_GAP), signatures])

    footer = _Footer(form.printed_at)
    running_head = f"{mine}　{title}".strip()

    def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
        check()
        if canv.getPageNumber() > 1:  # page 1 carries the full heading
            canv.saveState()
            canv.setFont(FONT_NAME, SMALL_SIZE)
            canv.drawString(MARGIN_X, page_h - HEAD_BASELINE, running_head)
            canv.drawRightString(page_w - MARGIN_X, page_h - HEAD_BASELINE, period)
            canv.restoreState()

    out: str | BinaryIO = str(target) if isinstance(target, (str, Path)) else target
    doc = _FormDoc(
        out,
        on_rows=placed_rows,
        pagesize=pagesize,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=mine,
        subject=period,
        creator="MineLedger 矿安台账",
        lang="zh-CN",
        # Starting in the embedded font keeps ReportLab from adding a non-embedded Helvetica.
        initialFontName=FONT_NAME,
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        frame_w,
        frame_h,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=on_page, pagesize=pagesize)])
    doc.build(story, canvasmaker=functools.partial(_NumberedCanvas, footer=footer))
    report(total)
    return footer.page_count
