"""A table model that keeps only ordered ids and reads rows a page at a time (Anki's browser design).

The database sorts and filters (ORDER BY / WHERE); the model holds the ids the query returned, fetches the
rows around the one being drawn, caches them, and forgets the cache when the data changes. A 120,000-row
roster therefore costs one id query plus a page of rows, whatever the scroll position — after a write too:
`refresh()` re-runs the id query and drops the cache, and only the rows drawn next are read again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from db.engine import Database

Index = QModelIndex | QPersistentModelIndex
PAGE = 200


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str  # already translated by the view that builds the spec
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    sortable: bool = True


class RowSource(Protocol):
    """What a concrete table (roster, ledger …) tells the model: its ids in order, and rows by id."""

    def ids(self, db: Database, sort_key: str | None, descending: bool) -> Sequence[int]: ...

    def rows(self, db: Database, ids: Sequence[int]) -> dict[int, Sequence[Any]]: ...


class LazyTableModel(QAbstractTableModel):
    def __init__(
        self,
        db: Database,
        source: RowSource,
        columns: Sequence[ColumnSpec],
        decorate: Callable[[Sequence[Any], int, int], Any] | None = None,
    ) -> None:
        super().__init__()
        self._db = db
        self._source = source
        self._columns = list(columns)
        self._ids: list[int] = []
        self._cache: dict[int, Sequence[Any]] = {}
        # Ids the id query returned but the row query no longer found (deleted in between): remembered, so
        # every paint of such a row does not query again.
        self._gone: set[int] = set()
        self._sort_key: str | None = None
        self._descending = False
        # decorate(row, column, role) → a value for roles other than DisplayRole (colours, tooltips), or None
        self._decorate = decorate

    # --- what the view asks -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._columns[index.column()].align
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and self._decorate is None:
            return None
        row = self.row_values(index.row())
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row[index.column()]
            return "" if value is None else str(value)
        return self._decorate(row, index.column(), role) if self._decorate else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Reads no row: flags() is called for every visible cell and must stay cheap.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        spec = self._columns[column]
        if not spec.sortable:
            return
        self._sort_key = spec.key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # --- what the window calls ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-run the id query (after a filter, a sort or a write) and drop the row cache; no row is read
        here, the view reads the page it draws."""
        self.beginResetModel()
        self._ids = list(self._source.ids(self._db, self._sort_key, self._descending))
        self._cache.clear()
        self._gone.clear()
        self.endResetModel()

    def rebind(self, db: Database) -> None:
        """Read from another Database object (the ledger reopened after a restore); call `refresh()` next.
        The cache is dropped: its rows belong to the old file."""
        if db is not self._db:
            self._db = db
            self._cache.clear()
            self._gone.clear()

    def clear_sort(self) -> None:
        """Back to the source's own order (a third click on a sorted header)."""
        self._sort_key = None
        self._descending = False
        self.refresh()

    @property
    def source(self) -> RowSource:
        return self._source

    def set_source(self, source: RowSource) -> None:
        self._source = source
        self.refresh()

    def column_keys(self) -> list[str]:
        return [c.key for c in self._columns]

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def row_values(self, row: int) -> Sequence[Any] | None:
        record_id = self.id_at(row)
        if record_id is None or record_id in self._gone:
            return None
        if record_id not in self._cache:
            self._fetch_page(row)
        return self._cache.get(record_id)

    def invalidate(self, record_ids: Sequence[int] | None = None) -> None:
        """Forget cached rows (all, or some) so the next paint reads them fresh."""
        if record_ids is None:
            self._cache.clear()
            self._gone.clear()
        else:
            for rid in record_ids:
                self._cache.pop(rid, None)
                self._gone.discard(rid)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1))

    def _fetch_page(self, row: int) -> None:
        start = max(0, row - PAGE // 4)
        wanted = [i for i in self._ids[start : start + PAGE] if i not in self._cache and i not in self._gone]
        found = self._source.rows(self._db, wanted)
        self._cache.update(found)
        self._gone.update(i for i in wanted if i not in found)
