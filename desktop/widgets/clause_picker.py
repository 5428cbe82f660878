"""Pick the clause of the national major-hazard standard a hazard is graded against (判定依据).

The list holds the standard editions in force for the mine's kind on the date the hazard was found
(db.catalogs.clauses_for): the coal standard of 2020 until 2026-06-30 and its 2026 revision after; the
non-coal standard with its 2024 supplement. Each row names its edition; an edition whose text has not been
checked against the official one yet carries 「待核对」. Typing narrows the list by any part of the clause
(article, item, category, situation).

    picker = ClausePicker()
    picker.set_context("coal", date(2026, 11, 2))
    picker.clause_chosen.connect(lambda key: ...)
    picker.clause_key()            # the chosen clause's key, or "" while none is chosen
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.catalogs import Clause, clauses_for, editions_for, find_clause, hazard_catalog

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
UNVERIFIED_COLOUR = "#8d6e00"


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def edition_short(title: str, code: str) -> str:
    """《煤矿重大事故隐患判定标准》（应急管理部令第4号） → 应急管理部令第4号: the document number clerks quote."""
    if "（" in title and title.endswith("）"):
        return title[title.rindex("（") + 1 : -1]
    return code


def unverified_mark() -> str:
    return str(hazard_catalog().get("unverified_mark", "待核对"))


def edition_label(code: str) -> str:
    """How a hazard's stored edition reads: its document number, and 「待核对」 where unverified."""
    info = next((e for e in hazard_catalog()["standard_editions"] if e["code"] == code), None)
    if info is None:
        return code
    text = edition_short(info["title"], code)
    return text if info.get("verified", True) else f"{text}「{unverified_mark()}」"


class _Filter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.words = [fold(w) for w in text.split() if w.strip()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.words:
            return True
        haystack = self.sourceModel().index(row, 0, parent).data(SEARCH_ROLE) or ""
        return all(w in haystack for w in self.words)


class ClausePicker(QWidget):
    clause_chosen = Signal(str)  # the clause key ("" when the choice is cleared)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self.on: date | None = None
        self._clauses: list[Clause] = []
        self._key = ""
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search the standard: article, category or words of the clause")
        )
        self.editions = QLabel()
        self.editions.setWordWrap(True)
        self.editions.setEnabled(False)

        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Standard"), self.tr("Article"), self.tr("Category"), self.tr("Situation")]
        )
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        vertical = self.view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setColumnWidth(2, 150)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chosen.setMinimumHeight(self.fontMetrics().height() * 2 + 6)
        self.chosen.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editions)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.chosen)

        self.search.textChanged.connect(self._search)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._show_chosen()

    # --- context ----------------------------------------------------------------------------------------

    def set_context(self, kind: str, on: date) -> None:
        """The mine's kind and the date found decide which editions are offered; a chosen clause that is
        not among them any more is dropped."""
        if (kind, on) == (self.kind, self.on):
            return
        editions = editions_for(kind, on)
        codes = [e["code"] for e in editions]
        if (
            self.on is not None
            and kind == self.kind
            and [e["code"] for e in editions_for(self.kind, self.on)] == codes
        ):
            self.kind, self.on = kind, on
            return
        self.kind, self.on = kind, on
        self._clauses = clauses_for(kind, on)
        verified = {e["code"]: e.get("verified", True) for e in editions}
        mark = unverified_mark()
        self.editions.setText(
            self.tr("Standards in force on {date}: {titles}").format(
                date=on.isoformat(),
                titles="；".join(
                    e["title"] + ("" if e.get("verified", True) else f"「{mark}」") for e in editions
                ),
            )
            if editions
            else self.tr("No standard in force on {date} for this kind of mine.").format(date=on.isoformat())
        )
        keep = self._key
        self.model.removeRows(0, self.model.rowCount())
        short = {e["code"]: edition_short(e["title"], e["code"]) for e in editions}
        for clause in self._clauses:
            standard = short.get(clause.edition, clause.edition)
            if not verified.get(clause.edition, True):
                standard += f"「{mark}」"
            cells = [standard, clause.label, clause.category, clause.text]
            items = [QStandardItem(c) for c in cells]
            items[0].setData(clause.key, KEY_ROLE)
            items[0].setData(fold(" ".join([*cells, clause.article, clause.item])), SEARCH_ROLE)
            if not verified.get(clause.edition, True):
                items[0].setForeground(QColor(UNVERIFIED_COLOUR))
            for item in items:
                item.setToolTip(f"{clause.label} {clause.category}\n{clause.text}")
            self.model.appendRow(items)
        self._key = ""
        if keep and any(c.key == keep for c in self._clauses):
            self.set_clause_key(keep)
        else:
            self._show_chosen()
            if keep:
                self.clause_chosen.emit("")

    def clause_count(self) -> int:
        return self.model.rowCount()

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    # --- choosing ---------------------------------------------------------------------------------------

    def clause_key(self) -> str:
        return self._key

    def set_clause_key(self, key: str) -> bool:
        """Select a clause by key (False when it is not offered for this mine and date)."""
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(KEY_ROLE) == key:
                self.search.clear()
                proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.selectRow(proxy_index.row())
                self.view.scrollTo(proxy_index, QAbstractItemView.ScrollHint.PositionAtCenter)
                return True
        return False

    def choose_row(self, row: int) -> None:
        """Select the row as it is shown now (after a search)."""
        self.view.selectRow(row)

    def _search(self, text: str) -> None:
        self.proxy.set_text(text)
        if self._key:
            for row in range(self.proxy.rowCount()):
                if self.proxy.index(row, 0).data(KEY_ROLE) == self._key:
                    self.view.selectRow(row)
                    break

    def _selection_changed(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return  # a search that hides the chosen clause keeps it chosen
        key = rows[0].data(KEY_ROLE) or ""
        if key != self._key:
            self._key = key
            self._show_chosen()
            self.clause_chosen.emit(key)

    def _show_chosen(self) -> None:
        clause = find_clause(self._key) if self._key else None
        if clause is None:
            self.chosen.setText(self.tr("No clause chosen yet: a major hazard needs the clause it matches."))
            self.chosen.setStyleSheet("color: #8a5a00;")
            return
        self.chosen.setStyleSheet("")
        self.chosen.setText(
            self.tr("Chosen: {edition} {label} ({category}) {text}").format(
                edition=edition_label(clause.edition),
                label=clause.label,
                category=clause.category,
                text=clause.text,
            )
        )

    def selected_clause(self) -> Clause | None:
        return find_clause(self._key) if self._key else None

    def keys_shown(self) -> list[Any]:
        return [self.proxy.index(r, 0).data(KEY_ROLE) for r in range(self.proxy.rowCount())]
