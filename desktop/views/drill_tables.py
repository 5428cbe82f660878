"""Small read-only tables for the drill page: a list of plain rows shown through column getters (a session
list, a month's lists). These stay small (a mine's sessions, one month's people), so the model holds them
all; a colour per cell says pass/fail/barred, and the text says it too."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
RED, AMBER, GREEN, GREY = "#c62828", "#8d6e00", "#2e7d32", "#757575"
RED_TINT, AMBER_TINT, GREEN_TINT = "#fde7e7", "#fff4d6", "#e8f5e9"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    align: Qt.AlignmentFlag = LEFT
    width: int = 0  # 0: fit the contents
    # A text colour (and optional background tint) for the cell, or None.
    colour: Callable[[Any], tuple[str, str | None] | None] | None = None


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self.highlighted: set[int] = set()  # rows shown in bold (a person an opener points at)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.highlighted = set()
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row(self, index: int) -> Any:
        return self._rows[index]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = column.value(row)
            return "" if value is None else str(value)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.FontRole and index.row() in self.highlighted:
            font = QFont()
            font.setBold(True)
            return font
        if column.colour is not None and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            colours = column.colour(row)
            if colours is None:
                return None
            text, tint = colours
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(text))
            return QBrush(QColor(tint)) if tint else None
        return None


class RowsView(QTableView):
    """Enter or double-click on a row asks for it to be opened."""

    open_requested = Signal(object)

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_model = RowsModel(columns, self)
        self.setModel(self.rows_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setDefaultAlignment(LEFT)
        header.setHighlightSections(False)
        stretch = None
        for n, column in enumerate(columns):
            if column.width > 0:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(n, column.width)
            elif column.width < 0:
                stretch = n
            else:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.ResizeToContents)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)
        self.activated.connect(self._activated)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.rows_model.set_rows(rows)

    def rows(self) -> list[Any]:
        return self.rows_model.rows()

    def current_row(self) -> Any:
        index = self.currentIndex()
        return self.rows_model.row(index.row()) if index.isValid() else None

    def select_where(self, predicate: Callable[[Any], bool]) -> list[int]:
        """Make the first matching row current and scroll to it; returns the matching rows."""
        model = self.rows_model
        found = [n for n, row in enumerate(model.rows()) if predicate(row)]
        if found:
            index = model.index(found[0], 0)
            self.setCurrentIndex(index)
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return found

    def highlight(self, predicate: Callable[[Any], bool]) -> bool:
        """Select, bolden and scroll to the rows that match (what an opener points at); True when one did."""
        model = self.rows_model
        model.highlighted = set(self.select_where(predicate))
        model.layoutChanged.emit()
        return bool(model.highlighted)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.rows_model.row(index.row()))


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def seconds_text(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
