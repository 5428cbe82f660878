"""台账: the hazard ledger in a lazy table (ids first, a page of rows when drawn, sort and filter in SQL).

Search by number, place or description as the clerk types; filters by status, grade, category, source, the
period found, overdue only and the responsible person. An overdue hazard reads red; a voided one stays in the
ledger, greyed, with its reason. Double-click opens the hazard's form; the buttons take the selected hazard a
step along its life (开始整改 here, the others in the form).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db import clock
from db.catalogs import hazard_catalog, hazard_categories, hazard_sources
from db.models import HAZARD_STATUS_LABELS, HazardStatus, Mine
from db.services.hazards import start_rectification
from desktop.dialogs.hazard_dialog import HazardDialog
from desktop.tablemodels.hazards import (
    GRADE_CODE,
    OPEN,
    OVERDUE,
    SORT_COLUMNS,
    STATUS_CODE,
    VOIDED,
    HazardFilter,
    HazardSource,
)
from desktop.tablemodels.lazy import ColumnSpec, LazyTableModel
from desktop.views.context import AppContext
from desktop.views.hazard_data import responsible_names
from desktop.views.hazard_print import CARD, LEDGER, has_form, print_form
from desktop.widgets.date_field import DateField
from desktop.widgets.lazy_table import LazyTableView
from desktop.widgets.when_shown import RELOAD, LoadWhenShown

SEARCH_DELAY_MS = 150
S = HazardStatus
HEADERS = {
    "number": QT_TRANSLATE_NOOP("HazardLedgerTab", "Number"),
    "found_on": QT_TRANSLATE_NOOP("HazardLedgerTab", "Date found"),
    "source": QT_TRANSLATE_NOOP("HazardLedgerTab", "Source"),
    "place": QT_TRANSLATE_NOOP("HazardLedgerTab", "Place"),
    "category": QT_TRANSLATE_NOOP("HazardLedgerTab", "Category"),
    "description": QT_TRANSLATE_NOOP("HazardLedgerTab", "Description"),
    "grade": QT_TRANSLATE_NOOP("HazardLedgerTab", "Grade"),
    "responsible": QT_TRANSLATE_NOOP("HazardLedgerTab", "Responsible"),
    "deadline": QT_TRANSLATE_NOOP("HazardLedgerTab", "Deadline"),
    "status": QT_TRANSLATE_NOOP("HazardLedgerTab", "Status"),
}
WIDTHS = {
    "number": 80,
    "found_on": 86,
    "source": 72,
    "place": 120,
    "category": 72,
    "description": 210,
    "grade": 56,
    "responsible": 64,
    "deadline": 86,
}
OVERDUE_TEXT = QColor("#b71c1c")
OVERDUE_BACK = QColor("#fdecea")
VOIDED_TEXT = QColor("#9e9e9e")
MAJOR_TEXT = QColor("#b71c1c")
GRADE_COLUMN = list(SORT_COLUMNS).index("grade")


def ledger_colours(row: Sequence[Any], column: int, role: int) -> Any:
    """Overdue rows red on pale red, voided rows grey; 重大 in red. Cheap: the row is already cached."""
    if role == Qt.ItemDataRole.ForegroundRole:
        if row[VOIDED]:
            return QBrush(VOIDED_TEXT)
        if row[OVERDUE] or (column == GRADE_COLUMN and row[GRADE_CODE] == "major"):
            return QBrush(OVERDUE_TEXT if row[OVERDUE] else MAJOR_TEXT)
    if role == Qt.ItemDataRole.BackgroundRole and row[OVERDUE] and not row[VOIDED]:
        return QBrush(OVERDUE_BACK)
    return None


class HazardLedgerTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = HazardFilter(mine_id=0)

        # --- filter bar ---
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search number, place or description"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)

        self.status = QComboBox()
        self.status.addItem(self.tr("All"), None)
        self.status.addItem(self.tr("Not closed"), OPEN)
        for code in (S.registered, S.rectifying, S.awaiting_acceptance, S.closed, S.voided):
            self.status.addItem(HAZARD_STATUS_LABELS[code], code)
        self.grade = QComboBox()
        self.category = QComboBox()
        self.category.addItem(self.tr("All"), None)
        for category in hazard_categories():
            self.category.addItem(category, category)
        self.source = QComboBox()
        self.source.addItem(self.tr("All"), None)
        for code, title in hazard_sources().items():
            self.source.addItem(title, code)
        self.found_from = DateField()
        self.found_to = DateField()
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.responsible = QComboBox()
        self.responsible.setMinimumWidth(90)
        self.reset_button = QPushButton(self.tr("Clear filters"))
        self.reset_button.clicked.connect(self.reset_filters)
        for combo in (self.status, self.grade, self.category, self.source, self.responsible):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.found_from.changed.connect(self._filters_changed)
        self.found_to.changed.connect(self._filters_changed)
        self.overdue.toggled.connect(self._filters_changed)
        self.count = QLabel()

        first = QHBoxLayout()
        first.addWidget(self.search, 3)
        for label, widget in (
            (self.tr("Status"), self.status),
            (self.tr("Grade"), self.grade),
            (self.tr("Category"), self.category),
            (self.tr("Source"), self.source),
        ):
            first.addWidget(QLabel(label))
            first.addWidget(widget, 1)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Found from")))
        second.addWidget(self.found_from)
        second.addWidget(QLabel(self.tr("to")))
        second.addWidget(self.found_to)
        second.addSpacing(12)
        second.addWidget(QLabel(self.tr("Responsible")))
        second.addWidget(self.responsible)
        second.addSpacing(12)
        second.addWidget(self.overdue)
        second.addStretch(1)
        second.addWidget(self.reset_button)

        # --- actions ---
        self.add_button = QPushButton(self.tr("Register hazard…"))
        self.add_button.clicked.connect(self.add_hazard)
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.clicked.connect(lambda: self.open_hazard())
        self.start_button = QPushButton(self.tr("Start rectification"))
        self.start_button.clicked.connect(self.start_rectification)
        self.rectify_button = QPushButton(self.tr("Rectification / acceptance…"))
        self.rectify_button.clicked.connect(lambda: self.open_hazard(tab="rectify"))
        self.print_button = QPushButton(self.tr("Print ledger…"))
        self.print_button.clicked.connect(self.print_ledger)
        self.print_button.setVisible(has_form(LEDGER))
        self.card_button = QPushButton(self.tr("Print five-fixes sheet…"))
        self.card_button.clicked.connect(self.print_card)
        self.card_button.setVisible(has_form(CARD))
        actions = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.start_button, self.rectify_button):
            actions.addWidget(button)
        actions.addSpacing(16)
        actions.addWidget(self.print_button)
        actions.addWidget(self.card_button)
        actions.addStretch(1)
        actions.addWidget(self.count)

        # --- the table ---
        keys = list(SORT_COLUMNS)
        centred = Qt.AlignmentFlag.AlignCenter
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        columns = [
            ColumnSpec(key, self.tr(HEADERS[key]), centred if key in ("grade",) else left) for key in keys
        ]
        self.model = LazyTableModel(ctx.db, HazardSource(self.filter), columns, ledger_colours)
        self.table = LazyTableView(self.model, WIDTHS)
        self.table.record_activated.connect(self.open_hazard)
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._update_buttons)  # a reset (sort, filter) clears the selection

        self.hint = QLabel(
            self.tr(
                "Double-click a hazard to open its form. Red: past the deadline and not closed; grey: voided."
            )
        )
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        # Read when on screen: 15,000 hazard ids are not worth reading for a tab nobody has opened yet.
        self.loading = LoadWhenShown(self)
        ctx.mine_changed.connect(self._mine_changed)  # bound methods: disconnected when the tab goes
        ctx.data_changed.connect(self._data_changed)
        ctx.reopened.connect(self._reopened)
        self.loading.request(self.reload, RELOAD)

    # --- state (each answer as the clerk would see it: a read still owed is done first) --------------------

    def selected_hazard_id(self) -> int | None:
        self.loading.flush()
        return self.table.selected_id()

    def selected_row(self) -> Sequence[Any] | None:
        self.loading.flush()
        return self.table.selected_values()

    def shown_ids(self) -> list[int]:
        self.loading.flush()
        return self.table.shown_ids()

    def _update_buttons(self) -> None:
        has_mine = self.ctx.mine_id is not None
        row = self.selected_row()
        status = row[STATUS_CODE] if row is not None else None
        self.add_button.setEnabled(has_mine)
        self.print_button.setEnabled(has_mine)
        self.open_button.setEnabled(row is not None)
        self.start_button.setEnabled(status == S.registered)
        self.rectify_button.setEnabled(status in (S.registered, S.rectifying, S.awaiting_acceptance))
        self.card_button.setEnabled(row is not None and row[GRADE_CODE] == "major")

    def _update_count(self) -> None:
        self.count.setText(self.tr("{count} hazards").format(count=self.model.rowCount()))

    # --- loading ------------------------------------------------------------------------------------------

    def _mine_changed(self, _mine_id: int) -> None:
        self.loading.request(self.reload, RELOAD)

    def _reopened(self) -> None:
        self.loading.request(self.reload, RELOAD)

    def _data_changed(self) -> None:
        self.loading.request(self.refresh)

    def reload(self) -> None:
        """A different mine (or database): fresh choices, every filter cleared."""
        if not self.ctx.ledger.is_open:
            return
        self.model.rebind(self.ctx.db)
        self.filter.mine_id = self.ctx.mine_id or 0
        self._set_filters_quietly(clear=True)
        self._read_filters()
        self.model.refresh()
        self._update_buttons()

    def refresh(self) -> None:
        """The records changed: same filters, fresh ids and rows; the selected hazard stays selected."""
        if not self.ctx.ledger.is_open:
            return
        chosen = self.selected_hazard_id()
        self.model.rebind(self.ctx.db)
        self._set_filters_quietly(clear=False)
        self._read_filters()
        self.model.refresh()
        if chosen is not None:
            self.select_hazard(chosen)
        self._update_buttons()

    def _filter_widgets(self) -> list[Any]:
        return [
            self.search, self.status, self.grade, self.category, self.source, self.responsible,
            self.found_from, self.found_to, self.overdue,
        ]  # fmt: skip

    def _set_filters_quietly(self, *, clear: bool) -> None:
        widgets = self._filter_widgets()
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self._fill_choices()
            if clear:
                self.search.clear()
                for combo in (self.status, self.grade, self.category, self.source, self.responsible):
                    combo.setCurrentIndex(0)
                self.found_from.set_value(None)
                self.found_to.set_value(None)
                self.overdue.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _fill_choices(self) -> None:
        """The grades of this mine and the responsible persons named on its hazards."""
        grade, person = self.grade.currentData(), self.responsible.currentData()
        self.grade.clear()
        self.grade.addItem(self.tr("All"), None)
        self.grade.addItem("一般", "grade:general")
        self.grade.addItem("重大", "grade:major")
        self.responsible.clear()
        self.responsible.addItem(self.tr("Anyone"), None)
        mine_id = self.ctx.mine_id
        if mine_id is None:
            return
        with self.ctx.db.session() as s:
            mine = s.get(Mine, mine_id)
            own = mine.hazard_grades if mine is not None else ""
        extra = json.loads(own) if own else hazard_catalog()["default_extra_grades"]
        for g in extra:
            self.grade.addItem(g["label"], f"label:{g['label']}")
        for name in responsible_names(self.ctx.db, mine_id):
            self.responsible.addItem(name, name)
        self.grade.setCurrentIndex(max(self.grade.findData(grade), 0))
        self.responsible.setCurrentIndex(max(self.responsible.findData(person), 0))

    def _read_filters(self) -> None:
        f = self.filter
        f.search = self.search.text()
        f.status = self.status.currentData()
        kind, _sep, grade = (self.grade.currentData() or "").partition(":")
        f.grade = grade if kind == "grade" else None
        f.grade_label = grade if kind == "label" else None
        f.category = self.category.currentData()
        f.source = self.source.currentData()
        f.found_from = self.found_from.value()
        f.found_to = self.found_to.value()
        f.overdue_only = self.overdue.isChecked()
        f.responsible = self.responsible.currentData()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        if self.filter.search != self.search.text():
            self._filters_changed()

    def _filters_changed(self) -> None:
        self._read_filters()
        self.model.refresh()
        self._update_buttons()

    def reset_filters(self) -> None:
        self.loading.flush()
        self._set_filters_quietly(clear=True)
        self._filters_changed()

    def show_filtered(
        self,
        *,
        grade: str | None = None,
        found_from: date | None = None,
        found_to: date | None = None,
        status: str | None = None,
        overdue: bool = False,
    ) -> None:
        """Show the ledger narrowed as a finding needs it (e.g. the majors of the last three months)."""
        self.loading.flush()  # an owed reload would clear these filters again when the tab is shown
        self._set_filters_quietly(clear=True)
        widgets = self._filter_widgets()
        for widget in widgets:
            widget.blockSignals(True)
        try:
            if grade is not None:
                self.grade.setCurrentIndex(max(self.grade.findData(f"grade:{grade}"), 0))
            if status is not None:
                self.status.setCurrentIndex(max(self.status.findData(status), 0))
            self.found_from.set_value(found_from)
            self.found_to.set_value(found_to)
            self.overdue.setChecked(overdue)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._filters_changed()

    def select_hazard(self, hazard_id: int) -> bool:
        self.loading.flush()
        return self.table.select_id(hazard_id)

    # --- actions ------------------------------------------------------------------------------------------

    def add_hazard(self) -> None:
        if self.ctx.mine_id is None:
            return
        dialog = HazardDialog(self.ctx, None, self)
        try:
            dialog.exec()
            new_id = dialog.hazard_id
        finally:
            dialog.deleteLater()
        if new_id is not None and not self.select_hazard(new_id):
            self.reset_filters()  # filtered out: show everything so the new hazard is visible
            self.select_hazard(new_id)

    def open_hazard(self, hazard_id: int | None = None, tab: str | None = None) -> None:
        hazard_id = hazard_id if hazard_id is not None else self.selected_hazard_id()
        if hazard_id is None:
            return
        dialog = HazardDialog(self.ctx, hazard_id, self, tab=tab)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def start_rectification(self) -> None:
        hazard_id = self.selected_hazard_id()
        if hazard_id is not None:
            self.ctx.write(self, start_rectification, hazard_id)

    def print_ledger(self) -> None:
        """隐患排查治理台账 of the period shown (this year when none is set) with the filters shown; the search
        text is not a printed filter."""
        f = self.filter
        today = clock.today()
        print_form(
            self,
            self.ctx,
            LEDGER,
            **{"from": f.found_from or date(today.year, 1, 1), "to": f.found_to or today},
            status="overdue" if f.overdue_only else f.status,
            grade=f.grade or f.grade_label,
            category=f.category,
            source=f.source,
            responsible=f.responsible,
        )

    def print_card(self) -> None:
        row = self.selected_row()
        hazard_id = self.selected_hazard_id()
        if row is not None and hazard_id is not None:
            print_form(self, self.ctx, CARD, hazard=row[0], number=row[0])
