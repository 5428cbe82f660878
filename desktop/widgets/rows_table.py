"""A small read-only table over a list of rows (a person's posts, trainings, history, an import preview).

For lists of a few hundred to a few thousand rows that are read once: the rows live in memory, the view has a
fixed row height and never measures its contents, so even 10,000 rows show at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
MUTED = QColor("#808080")
WARN = QColor("#8a5a00")


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []
        self._keys: list[Any] = []
        self._tone: dict[int, QColor] = {}

    def set_rows(
        self,
        rows: Sequence[Sequence[Any]],
        keys: Sequence[Any] | None = None,
        tone: dict[int, QColor] | None = None,
    ) -> None:
        """Rows of values (None shows as blank); `keys` identify rows; `tone` greys or tints a row."""
        self.beginResetModel()
        self._rows = [tuple("" if v is None else str(v) for v in row) for row in rows]
        self._keys = list(keys) if keys is not None else list(range(len(rows)))
        self._tone = dict(tone or {})
        self.endResetModel()

    def key(self, row: int) -> Any:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row(self, row: int) -> tuple[str, ...]:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.row() in self._tone:
            return QBrush(self._tone[index.row()])
        return None


class RowsView(QTableView):
    """Rows selected whole, nothing editable, one line per row, the last column takes the rest."""

    def __init__(self, headers: Sequence[str], widths: Sequence[int] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.rows = RowsModel(headers, self)
        self.setModel(self.rows)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)

    def current_key(self) -> Any:
        """The key of the selected row, or None when nothing is selected."""
        selected = self.selectionModel().selectedRows()
        return self.rows.key(selected[0].row()) if selected else None
