"""A spreadsheet as a plain grid of cell values, numbered as Excel numbers rows: .xlsx/.xlsm or .csv.

Merged cells are filled the way a clerk reads them: a department merged down over its people counts for each of
them; the header finder can also ask for a title or group header merged across columns.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from db.errors import MineLedgerError

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls / .et container
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')


class ImportFileError(MineLedgerError):
    """The file cannot be read as a roster at all (missing, wrong kind, no such sheet, no header)."""


@dataclass
class Grid:
    """One sheet's cells. rows[0] is Excel row 1; every row has `width` cells (None when empty)."""

    path: Path
    sheet: str  # "" for a CSV file
    sheets: list[str]
    rows: list[list[Any]]
    width: int
    # Merged ranges as (min_row, min_col, max_row, max_col), 1-based like Excel.
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    encoding: str = ""  # CSV only: how the bytes were read

    def row(self, excel_row: int) -> list[Any]:
        return self.rows[excel_row - 1]

    def spread(self, excel_row: int) -> list[Any]:
        """A row with every merged range's value copied across all its cells (for reading headers)."""
        values = list(self.row(excel_row))
        for min_row, min_col, max_row, max_col in self.merges:
            if min_row <= excel_row <= max_row:
                anchor = self.rows[min_row - 1][min_col - 1]
                for col in range(min_col, min(max_col, self.width) + 1):
                    values[col - 1] = anchor
        return values


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _finish(rows: list[list[Any]]) -> tuple[list[list[Any]], int]:
    """Drop the empty rows a formatted sheet drags along at the end and pad every row to one width."""
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    width = 0
    for values in rows:
        for index in range(len(values) - 1, -1, -1):
            if not _blank(values[index]):
                width = max(width, index + 1)
                break
    padded = [values[:width] + [None] * (width - len(values)) for values in rows]
    return padded, width


def _fill_down(rows: list[list[Any]], merges: list[tuple[int, int, int, int]]) -> None:
    # A merged department or 入井 cell applies to every row it covers; only the first cell holds the value.
    for min_row, min_col, max_row, _max_col in merges:
        if max_row == min_row or min_row > len(rows) or min_col > len(rows[0] if rows else []):
            continue
        anchor = rows[min_row - 1][min_col - 1]
        for r in range(min_row + 1, min(max_row, len(rows)) + 1):
            if rows[r - 1][min_col - 1] is None:
                rows[r - 1][min_col - 1] = anchor


def _merges(worksheet: Any) -> list[tuple[int, int, int, int]]:
    """Merged ranges of a read-only sheet. openpyxl's read-only mode (twice as fast on a big roster) does not
    parse them, so read the <mergeCells> block, which Excel writes after the cell data, straight from the XML."""
    try:
        with worksheet._get_source() as source:
            xml = source.read()
    except (AttributeError, KeyError, OSError):
        return []
    # The schema puts <mergeCells> after </sheetData>: search only the tail, never the cell text.
    tail = xml[max(0, xml.rfind(b"sheetData")) :]
    out = []
    for ref in _MERGE.findall(tail):
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
        out.append((min_row, min_col, max_row, max_col))
    return out


def _check_path(path: Path) -> str:
    if not path.exists():
        raise ImportFileError(f"找不到文件“{path}”")
    if path.is_dir():
        raise ImportFileError(f"“{path}”是文件夹，请选择 Excel 或 CSV 文件")
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == OLE_MAGIC or suffix in (".xls", ".et"):
        raise ImportFileError(
            f"“{path.name}”是旧版 Excel（.xls）或 WPS 格式；请在 Excel 或 WPS 中“另存为” .xlsx 后再导入"
        )
    if suffix in EXCEL_SUFFIXES or head[:2] == b"PK":
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        return "csv"
    raise ImportFileError(f"“{path.name}”不是 Excel（.xlsx）或 CSV 文件")


def _xlsx_grids(path: Path, sheet: str | None) -> Iterator[Grid]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise ImportFileError(f"无法读取“{path.name}”：文件已损坏或不是 Excel 文件（{err}）") from None
    try:
        names = list(workbook.sheetnames)
        if sheet is not None:
            if sheet in names:
                order = [sheet]
            elif sheet.strip().isdigit() and 1 <= int(sheet) <= len(names):
                order = [names[int(sheet) - 1]]  # "--sheet 2": the second sheet
            else:
                raise ImportFileError(f"“{path.name}”中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）")
        else:
            active = workbook.active.title if workbook.active is not None else names[0]
            order = [active] + [n for n in names if n != active]
        for title in order:
            worksheet = workbook[title]
            # A stale <dimension> would cut rows short in read-only mode; let openpyxl find the real extent.
            worksheet.reset_dimensions()
            rows, width = _finish([list(r) for r in worksheet.iter_rows(values_only=True)])
            merges = _merges(worksheet)
            _fill_down(rows, merges)
            yield Grid(path=path, sheet=title, sheets=names, rows=rows, width=width, merges=merges)
    finally:
        workbook.close()


def _decode(raw: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), else GB18030, a superset of the GBK
    that Chinese Excel writes for "CSV (逗号分隔)"."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ImportFileError(
            "无法识别 CSV 文件的编码（应为 UTF-8 或 GBK）；请在 Excel 中另存为 .xlsx"
        ) from None


def _csv_grid(path: Path) -> Grid:
    content, encoding = _decode(path.read_bytes())
    first = content.split("\n", 5)[:5]
    sample = "\n".join(first)
    delimiter = max(",\t;", key=sample.count)
    rows, width = _finish(
        [list(r) for r in csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)]
    )
    return Grid(path=path, sheet="", sheets=[], rows=rows, width=width, encoding=encoding)


def read_grids(path: str | Path, sheet: str | None = None) -> Iterator[Grid]:
    """The sheets to look at, in order: the named one, or the active sheet first and then the others."""
    path = Path(path).expanduser()
    if _check_path(path) == "csv":
        yield _csv_grid(path)
        return
    yield from _xlsx_grids(path, sheet)


Found = TypeVar("Found")


def first_sheet_with_header(
    path: str | Path, sheet: str | None, find: Callable[[Grid], Found | None], what: str, hint: str, rows: int
) -> tuple[Grid, Found]:
    """The first sheet (the chosen one, else the active one, then the others) whose header `find` recognises;
    an ImportFileError naming the sheets looked at and what the header should hold otherwise."""
    tried: list[str] = []
    with closing(read_grids(path, sheet)) as grids:
        for grid in grids:
            found = find(grid)
            if found is not None:
                return grid, found
            tried.append(grid.sheet)
    where = f"（已查看工作表：{'、'.join(tried)}）" if any(tried) else ""
    raise ImportFileError(f"在“{Path(path).name}”的前{rows}行中找不到{what}的表头{where}：{hint}")
