"""The same form as a spreadsheet (.xlsx): offices are often asked for the file as well as the paper.

Every cell is written as text, so an ID number keeps its trailing X and all 18 digits (Excel would round a
number to 15), and a value starting with "=" stays text instead of becoming a formula.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.printing.layout import Column, TableForm, clean_text

__all__ = ["write_xlsx"]

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E0E0E0")
_KEY_FILL = PatternFill("solid", fgColor="F0F0F0")
_HORIZONTAL = {"left": "left", "center": "center", "right": "right"}
_SHEET_NAME_BAD = str.maketrans({c: "_" for c in "[]:*?/\\"})
# Column widths in Excel character units (a CJK character counts two).
_MIN_WIDTH = 4.0
_MAX_WRAP_WIDTH = 40.0
_MAX_WIDTH = 60.0


def _display_width(text: str) -> int:
    """Width of the longest line, counting wide (CJK) characters double as Excel does."""
    best = 0
    for line in text.split("\n"):
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        best = max(best, width)
    return best


def _set_text(cell: Cell, text: str) -> None:
    if not text:
        return  # an empty cell, not an empty string
    cell.value = text
    cell.data_type = "s"  # never a formula or a number, whatever the text looks like


def _sheet_name(title: str) -> str:
    name = clean_text(title).replace("\n", " ").translate(_SHEET_NAME_BAD).strip("'")
    return name[:31] or "Sheet1"


def _column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[float]:
    widths: list[float] = []
    for index, column in enumerate(columns):
        need = max(
            [_display_width(clean_text(column.header)), *(_display_width(clean_text(r[index])) for r in rows)]
        )
        cap = _MAX_WRAP_WIDTH if column.wrap else _MAX_WIDTH
        widths.append(min(max(need + 2.0, _MIN_WIDTH), cap))
    return widths


def write_xlsx(target: str | Path | BinaryIO, form: TableForm) -> None:
    """Write form to target as one sheet: title, unit and period, key/value block, header, rows, signatures."""
    workbook = Workbook()
    sheet: Worksheet = workbook.active
    sheet.title = _sheet_name(form.title)
    ncols = len(form.columns)
    span = max(ncols, 4)  # an info-block-only form still gets a readable width
    last = get_column_letter(span)

    _set_text(sheet.cell(row=1, column=1), clean_text(form.title))
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28

    half = span // 2
    _set_text(sheet.cell(row=2, column=1), f"单位：{clean_text(form.mine_name)}")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=half)
    period_cell = sheet.cell(row=2, column=half + 1)
    _set_text(period_cell, clean_text(form.period))
    sheet.merge_cells(start_row=2, start_column=half + 1, end_row=2, end_column=span)
    period_cell.alignment = Alignment(horizontal="right")
    row = 3

    for key, value in form.info_block:
        # The key takes the first two columns (the first alone is often a narrow 序号).
        key_cell = sheet.cell(row=row, column=1)
        _set_text(key_cell, clean_text(key))
        key_cell.font = Font(bold=True)
        key_cell.fill = _KEY_FILL
        key_cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        value_cell = sheet.cell(row=row, column=3)
        _set_text(value_cell, clean_text(value))
        value_cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=span)
        for col in range(1, span + 1):
            sheet.cell(row=row, column=col).border = _BORDER
        row += 1

    if ncols:
        header_row = row
        for col, column in enumerate(form.columns, start=1):
            cell = sheet.cell(row=row, column=col)
            _set_text(cell, clean_text(column.header))
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.border = _BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        row += 1
        # One Alignment per column, shared by its cells: openpyxl keeps styles by identity, so this is cheap.
        aligns = [
            Alignment(horizontal=_HORIZONTAL[c.align], vertical="center", wrap_text=c.wrap)
            for c in form.columns
        ]
        if not form.rows:
            cell = sheet.cell(row=row, column=1)
            _set_text(cell, clean_text(form.empty_text))
            cell.alignment = Alignment(horizontal="center")
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
            row += 1
        for values in form.rows:
            for col, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=col)
                _set_text(cell, clean_text(value))
                cell.border = _BORDER
                cell.alignment = aligns[col - 1]
            row += 1
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        sheet.print_title_rows = f"{header_row}:{header_row}"
        if form.rows:
            sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(ncols)}{row - 1}"
        for col, width in enumerate(_column_widths(form.columns, form.rows), start=1):
            sheet.column_dimensions[get_column_letter(col)].width = width

    if form.signatures:
        row += 1
        slot = max(span // len(form.signatures), 1)
        for index, label in enumerate(form.signatures):
            _set_text(sheet.cell(row=row, column=1 + index * slot), f"{clean_text(label)}：")
        row += 1
    _set_text(sheet.cell(row=row, column=1), f"打印时间：{form.printed_at:%Y-%m-%d %H:%M}")

    sheet.page_setup.orientation = "landscape" if form.landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    workbook.save(target)
