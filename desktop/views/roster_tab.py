"""花名册: the mine's people in a lazy table (ids first, a page of rows when drawn, sort and filter in SQL).

Search is by name, ID number or 工号 as the clerk types (debounced); the filters narrow by department, post,
status and 入井; “只看有问题的人员” keeps the people a rule finds something about. Nothing here reads all rows,
so 10,000 people scroll and filter as fast as ten.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.errors import MineLedgerError
from db.models import PersonStatus
from db.models.person import STATUS_LABELS
from db.queries import departments, person_mine
from db.rules.runner import findings_for_mine
from desktop.dialogs.person_dialog import PersonDialog, PersonStatusDialog, mine_posts
from desktop.tablemodels.lazy import ColumnSpec, LazyTableModel
from desktop.tablemodels.roster import SORT_COLUMNS, RosterFilter, RosterSource
from desktop.views.context import AppContext
from desktop.widgets.lazy_table import LazyTableView
from desktop.widgets.when_shown import RELOAD, LoadWhenShown
from desktop.workers import TaskControl, run_with_progress

SEARCH_DELAY_MS = 150
STATUS_COLUMN = list(SORT_COLUMNS).index("status")
ACTIVE_LABEL = STATUS_LABELS[PersonStatus.active]
CENTRED = Qt.AlignmentFlag.AlignCenter
# Column key → (header, width); the keys and their order are RosterSource's row layout.
HEADERS = {
    "name": QT_TRANSLATE_NOOP("RosterTab", "Name"),
    "sex": QT_TRANSLATE_NOOP("RosterTab", "Sex"),
    "id_number": QT_TRANSLATE_NOOP("RosterTab", "ID number"),
    "department": QT_TRANSLATE_NOOP("RosterTab", "Department"),
    "post": QT_TRANSLATE_NOOP("RosterTab", "Post"),
    "education": QT_TRANSLATE_NOOP("RosterTab", "Education"),
    "employment_type": QT_TRANSLATE_NOOP("RosterTab", "Employment"),
    "underground": QT_TRANSLATE_NOOP("RosterTab", "Underground"),
    "work_start": QT_TRANSLATE_NOOP("RosterTab", "Start of work"),
    "status": QT_TRANSLATE_NOOP("RosterTab", "Status"),
    "work_no": QT_TRANSLATE_NOOP("RosterTab", "Employee no."),
    "mine": QT_TRANSLATE_NOOP("RosterTab", "Mine"),
}
MINE_COLUMN = list(SORT_COLUMNS).index("mine")
WIDTHS = {
    "name": 80,
    "sex": 40,
    "id_number": 160,
    "department": 110,
    "post": 120,
    "education": 100,
    "employment_type": 72,
    "underground": 44,
    "work_start": 92,
    "status": 48,
    "mine": 180,
}


def muted_when_not_active(row: Sequence[Any], _column: int, role: int) -> Any:
    """People who left or moved (shown under 全部) read grey; cheap: the row is already cached."""
    if role == Qt.ItemDataRole.ForegroundRole and row[STATUS_COLUMN] != ACTIVE_LABEL:
        return QBrush(QColor("#8a8a8a"))
    return None


class RosterTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = RosterFilter(mine_id=0)
        # The people some rule has a finding about: the rules run on the worker (about half a second for
        # 10,000 people), once, and the answer is kept until the data changes. `_problems_asked` counts
        # requests, so an answer that arrives after a newer change is dropped.
        self._problem_ids: frozenset[int] | None = None
        self._problems_asked = 0
        self._problems_running = False

        # --- filter bar ---
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, ID number or employee no."))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)

        self.department = QComboBox()
        self.department.setMinimumWidth(130)
        self.post = QComboBox()
        self.post.setMinimumWidth(130)
        self.status = QComboBox()
        for code in (PersonStatus.active, PersonStatus.transferred, PersonStatus.left):
            self.status.addItem(STATUS_LABELS[code], code)
        self.status.addItem(self.tr("All"), None)
        self.underground = QComboBox()
        self.underground.addItem(self.tr("All"), None)
        self.underground.addItem(self.tr("Yes"), True)
        self.underground.addItem(self.tr("No"), False)
        self.only_problems = QCheckBox(self.tr("Only people with problems"))
        self.only_problems.setToolTip(self.tr("People a check on 首页 finds something about"))
        for combo in (self.department, self.post, self.status, self.underground):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.only_problems.toggled.connect(self._filters_changed)
        # A county bureau or a group looks for one person in every mine of the file; opening him switches
        # the window to his mine.
        self.all_mines = QCheckBox(self.tr("All mines"))
        self.all_mines.setToolTip(
            self.tr("Search every mine's roster in this file; opening a person switches to his mine")
        )
        self.all_mines.toggled.connect(self._all_mines_toggled)
        self.count = QLabel()

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(QLabel(self.tr("Department")))
        filters.addWidget(self.department, 1)
        filters.addWidget(QLabel(self.tr("Post")))
        filters.addWidget(self.post, 1)
        filters.addWidget(QLabel(self.tr("Status")))
        filters.addWidget(self.status)
        filters.addWidget(QLabel(self.tr("Underground")))
        filters.addWidget(self.underground)
        filters.addWidget(self.only_problems)
        filters.addWidget(self.all_mines)

        # --- actions ---
        self.add_button = QPushButton(self.tr("Add person…"))
        self.add_button.clicked.connect(self.add_person)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit_person())
        self.status_button = QPushButton(self.tr("Change status…"))
        self.status_button.clicked.connect(self.change_status)
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.import_button.clicked.connect(self.import_roster)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.export)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.status_button):
            actions.addWidget(button)
        actions.addSpacing(16)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        actions.addWidget(self.count)

        # --- the table ---
        keys = list(SORT_COLUMNS)
        columns = [
            ColumnSpec(key, self.tr(HEADERS[key]), CENTRED if key in ("sex", "underground", "status") else
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            for key in keys
        ]  # fmt: skip
        self.model = LazyTableModel(ctx.db, RosterSource(self.filter), columns, muted_when_not_active)
        self.table = LazyTableView(self.model, WIDTHS)
        self.table.setColumnHidden(MINE_COLUMN, True)
        self.table.record_activated.connect(self.edit_person)
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._update_buttons)  # a reset (sort, filter) clears the selection

        hint = QLabel(self.tr("Double-click a person to open the record. Click a column header to sort."))
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        # Read when on screen (another page is usually first): see desktop.widgets.when_shown.
        self.loading = LoadWhenShown(self)
        ctx.mine_changed.connect(self._mine_changed)  # bound methods: disconnected when the tab goes
        ctx.data_changed.connect(self._data_changed)
        ctx.reopened.connect(self._reopened)
        self.loading.request(self.reload, RELOAD)

    # --- state (each answer as the clerk would see it: a read still owed is done first) --------------------

    def selected_person_id(self) -> int | None:
        self.loading.flush()
        return self.table.selected_id()

    def shown_ids(self) -> list[int]:
        self.loading.flush()
        return self.table.shown_ids()

    def _update_buttons(self) -> None:
        has_mine = self.ctx.mine_id is not None
        chosen = self.selected_person_id() is not None
        for button in (self.add_button, self.import_button, self.export_button):
            button.setEnabled(has_mine)
        self.edit_button.setEnabled(chosen)
        self.status_button.setEnabled(chosen and not self.all_mines.isChecked())

    def _update_count(self) -> None:
        self.count.setText(self.tr("{count} people").format(count=self.model.rowCount()))

    # --- loading ------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """A different mine (or database): fresh choices, filters back to the 在岗 roster."""
        self.model.rebind(self.ctx.db)
        self.filter.mine_id = self.ctx.mine_id or 0
        self._forget_problems()
        for widget in (self.department, self.post, self.status, self.underground, self.only_problems):
            widget.blockSignals(True)
        self._set_all_mines_quietly(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._fill_choices()
        self.department.setCurrentIndex(0)
        self.post.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.underground.setCurrentIndex(0)
        self.only_problems.setChecked(False)
        for widget in (self.department, self.post, self.status, self.underground, self.only_problems):
            widget.blockSignals(False)
        self._read_filters()
        self.model.refresh()
        self._update_buttons()

    def _mine_changed(self, _mine_id: int) -> None:
        self.loading.request(self.reload, RELOAD)

    def _reopened(self) -> None:
        self.loading.request(self.reload, RELOAD)

    def _data_changed(self) -> None:
        self.loading.request(self.refresh)

    def refresh(self) -> None:
        """The records changed: same filters, fresh ids and rows; the selected person stays selected."""
        if not self.ctx.ledger.is_open:
            return
        chosen = self.selected_person_id()
        self.model.rebind(self.ctx.db)
        self._forget_problems()
        for combo in (self.department, self.post):
            combo.blockSignals(True)
        self._fill_choices()
        for combo in (self.department, self.post):
            combo.blockSignals(False)
        self._read_filters()
        self.model.refresh()
        if chosen is not None:
            self.select_person(chosen)
        self._update_buttons()

    def _fill_choices(self) -> None:
        mine_id = self.ctx.mine_id
        dept, post = self.department.currentData(), self.post.currentData()
        self.department.clear()
        self.department.addItem(self.tr("All departments"), None)
        self.post.clear()
        self.post.addItem(self.tr("All posts"), None)
        if mine_id is None or not self.ctx.ledger.is_open:
            return
        for d in departments(self.ctx.db, mine_id):
            self.department.addItem(d.name, d.id)
        for p in mine_posts(self.ctx.db, mine_id):
            self.post.addItem(p, p)
        self.department.setCurrentIndex(max(self.department.findData(dept), 0))
        self.post.setCurrentIndex(max(self.post.findData(post), 0))

    def _read_filters(self) -> None:
        f = self.filter
        every = self.all_mines.isChecked()
        f.mine_id = None if every else (self.ctx.mine_id or 0)
        f.search = self.search.text()
        f.department_id = None if every else self.department.currentData()
        f.post = None if every else self.post.currentData()
        f.status = self.status.currentData()
        f.underground = self.underground.currentData()
        if every or not self.only_problems.isChecked():
            f.only_ids = None
        elif self._problem_ids is not None:
            f.only_ids = self._problem_ids
        else:  # being worked out: keep the last answer (none yet: show nobody rather than everyone)
            f.only_ids = f.only_ids if f.only_ids is not None else frozenset()
            self._ask_problems()

    def _set_all_mines_quietly(self, checked: bool) -> None:
        self.all_mines.blockSignals(True)
        self.all_mines.setChecked(checked)
        self.all_mines.blockSignals(False)
        self._show_all_mines(checked)

    def _show_all_mines(self, checked: bool) -> None:
        # Departments, posts and the rules' findings belong to one mine: not offered across mines.
        for widget in (self.department, self.post, self.only_problems):
            widget.setEnabled(not checked)
        self.table.setColumnHidden(MINE_COLUMN, not checked)
        if checked:  # beside the name, where the eye looks first, not off to the right
            header = self.table.horizontalHeader()
            header.moveSection(header.visualIndex(MINE_COLUMN), 1)

    def _all_mines_toggled(self, checked: bool) -> None:
        self._show_all_mines(checked)
        self._filters_changed()

    def _forget_problems(self) -> None:
        self._problem_ids = None
        self._problems_asked += 1

    def _ask_problems(self) -> None:
        """Run the rules on the worker; the filter is applied again when the answer comes back."""
        if self._problems_running or self.ctx.mine_id is None:
            return
        self._problems_running = True
        self.only_problems.setEnabled(False)
        asked, db, mine_id = self._problems_asked, self.ctx.db, self.ctx.mine_id

        def work(_control: TaskControl) -> frozenset[int]:
            return frozenset(
                f.subject.id for f in findings_for_mine(db, mine_id) if f.subject.entity == "person"
            )

        def done(ids: frozenset[int]) -> None:
            self._problems_running = False
            self.only_problems.setEnabled(True)
            if asked == self._problems_asked and mine_id == self.ctx.mine_id:
                self._problem_ids = ids
            if self.only_problems.isChecked():
                self._filters_changed()  # asks again if the answer was stale

        def failed(exc: BaseException) -> None:
            self._problems_running = False
            self.only_problems.setEnabled(True)
            self.only_problems.setChecked(False)
            QMessageBox.warning(
                self,
                self.tr("Check failed"),
                self.tr("The people with problems could not be worked out: {error}").format(error=exc),
            )

        self.ctx.runner.submit(work, done, failed)

    def problems_pending(self) -> bool:
        return self._problems_running

    def _apply_search(self) -> None:
        self._search_timer.stop()
        if self.filter.search != self.search.text():
            self._filters_changed()

    def _filters_changed(self) -> None:
        self._read_filters()
        self.model.refresh()
        self._update_buttons()

    def select_person(self, person_id: int) -> bool:
        self.loading.flush()
        return self.table.select_id(person_id)

    # --- actions ------------------------------------------------------------------------------------------

    def add_person(self) -> None:
        if self.ctx.mine_id is None:
            return
        dialog = PersonDialog(self.ctx, None, self)
        try:
            dialog.exec()
            new_id = dialog.person_id
        finally:
            dialog.deleteLater()
        if new_id is not None and not self.select_person(new_id):
            # Filtered out (another department, a search): show everyone so the new person is visible.
            self.search.clear()
            self.reset_filters()
            self.select_person(new_id)

    def reset_filters(self) -> None:
        self.loading.flush()
        for widget in (self.department, self.post, self.status, self.underground, self.only_problems):
            widget.blockSignals(True)
        self.department.setCurrentIndex(0)
        self.post.setCurrentIndex(0)
        self.status.setCurrentIndex(0)  # 在岗: where a new person is
        self.underground.setCurrentIndex(0)
        self.only_problems.setChecked(False)
        for widget in (self.department, self.post, self.status, self.underground, self.only_problems):
            widget.blockSignals(False)
        self._filters_changed()

    def edit_person(self, person_id: int | None = None) -> None:
        person_id = person_id if person_id is not None else self.selected_person_id()
        if person_id is None:
            return
        mine_id = person_mine(self.ctx.db, person_id)
        if mine_id is not None and mine_id != self.ctx.mine_id:
            # Found across mines: the window moves to his mine, where his record is edited.
            self.ctx.set_mine(mine_id)
            self.select_person(person_id)
        dialog = PersonDialog(self.ctx, person_id, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def change_status(self) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            return
        dialog = PersonStatusDialog(self.ctx, person_id, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def import_roster(self) -> None:
        if self.ctx.mine_id is None:
            return
        from desktop.dialogs.roster_import_dialog import RosterImportDialog

        dialog = RosterImportDialog(self.ctx, self)
        try:
            if dialog.choose_file():
                dialog.exec()
        finally:
            dialog.deleteLater()

    def export(self) -> None:
        mine = self.ctx.mine()
        if mine is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        default = Path(folder) / f"{mine.name}{self.tr('Roster')}.xlsx"
        xlsx, csv = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV file (*.csv)")
        chosen, kind = QFileDialog.getSaveFileName(
            self, self.tr("Export the roster"), str(default), f"{xlsx};;{csv}"
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_name(target.name + (".csv" if kind == csv else ".xlsx"))
        db, mine_id = self.ctx.db, mine.id
        from db.exchange.roster_export import export_roster  # openpyxl (~0.15 s): at the first export

        def work(_control: TaskControl) -> int:
            return export_roster(db, mine_id, target)

        def done(count: int) -> None:
            QMessageBox.information(
                self,
                self.tr("Exported"),
                self.tr("{count} people written to {path} (including those who left or moved).").format(
                    count=count, path=target
                ),
            )

        run_with_progress(
            self,
            self.ctx.runner,
            self.tr("Exporting the roster…"),
            work,
            done,
            self._export_failed,
            cancellable=False,
        )

    def _export_failed(self, exc: BaseException) -> None:
        if isinstance(exc, MineLedgerError):
            detail = str(exc)
        elif isinstance(exc, OSError) and exc.strerror:
            detail = exc.strerror
        else:
            detail = f"{type(exc).__name__}: {exc}"
        QMessageBox.critical(
            self, self.tr("Not exported"), self.tr("The roster was not written: {error}").format(error=detail)
        )
