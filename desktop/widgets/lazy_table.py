"""The table view the lazy lists (花名册, 隐患台账) share, over a LazyTableModel.

One row selected at a time, read-only, a fixed row height (the view never measures rows, so 10,000 rows cost
what the screen shows), sort by clicking a header — ascending, descending, then the list's own order — and
`record_activated(id)` when the clerk double-clicks a row or presses Enter on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.tablemodels.lazy import LazyTableModel


class LazyTableView(QTableView):
    record_activated = Signal(int)  # the id of the row double-clicked or Enter pressed on

    def __init__(
        self, model: LazyTableModel, widths: Mapping[str, int] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.lazy_model = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)  # asc → desc → the list's own order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        header.setStretchLastSection(True)
        for col, key in enumerate(model.column_keys()):
            if widths and key in widths:
                self.setColumnWidth(col, widths[key])
        # `activated` only: a double-click emits doubleClicked *and* activated, and Enter emits activated, so
        # listening to both would open the record twice.
        self.activated.connect(self._activated)

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        # The sort runs in SQL and resets the model (selection cleared): views listen to modelReset.
        if section < 0:
            self.lazy_model.clear_sort()
        else:
            self.lazy_model.sort(section, order)

    def _activated(self, index: QModelIndex) -> None:
        record_id = self.lazy_model.id_at(index.row()) if index.isValid() else None
        if record_id is not None:
            self.record_activated.emit(record_id)

    def selected_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.lazy_model.id_at(rows[0].row()) if rows else None

    def selected_values(self) -> Sequence[Any] | None:
        """The selected row's values (shown columns, then the source's hidden ones); read from the cache."""
        rows = self.selectionModel().selectedRows()
        return self.lazy_model.row_values(rows[0].row()) if rows else None

    def select_id(self, record_id: int) -> bool:
        """Select and show the record's row; False when the current filter does not list it."""
        row = self.lazy_model.row_of(record_id)
        if row is None:
            return False
        index = self.lazy_model.index(row, 0)
        self.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def shown_ids(self) -> list[int]:
        model = self.lazy_model
        return [model.id_at(r) or 0 for r in range(model.rowCount())]
