"""导入花名册: pick a workbook and sheet, see what an import would do, correct the column mapping, import.

Reading the sheet and checking every row (db.exchange.roster_import.preview) runs on the worker, as does the
commit — one transaction: all the good rows or none. Nothing is written before 导入 is pressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import MineLedgerError
from db.exchange.roster_import import (
    FIELD_LABELS,
    ColumnMapping,
    RosterPreview,
    RosterSheet,
    commit,
    preview,
    read_roster,
)
from db.exchange.sheets import CSV_SUFFIXES
from desktop.views.context import AppContext
from desktop.widgets.rows_table import WARN, RowsView
from desktop.workers import TaskControl, run_with_progress

REQUIRED = ("name", "id_number")
NOT_IMPORTED = -1


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as Excel names it."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheets for the chooser ([] for CSV, or when the file cannot be opened: the read
    itself then says why)."""
    if path.suffix.lower() in CSV_SUFFIXES:
        return []
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        try:
            return list(workbook.sheetnames)
        finally:
            workbook.close()
    except Exception:
        return []


@dataclass
class Outcome:
    """What one run on the worker found: the sheet and its mapping, the preview or why there is none."""

    sheets: list[str]
    sheet: RosterSheet | None
    mapping: ColumnMapping | None
    result: RosterPreview | None
    error: str | None


def read_and_preview(db: Database, mine_id: int, path: Path, sheet: str | None) -> Outcome:
    sheets = sheet_names(path)
    try:
        roster = read_roster(path, sheet)
    except MineLedgerError as err:
        return Outcome(sheets, None, None, None, str(err))
    return _preview(db, mine_id, sheets, roster, roster.mapping)


def _preview(
    db: Database, mine_id: int, sheets: list[str], roster: RosterSheet, mapping: ColumnMapping
) -> Outcome:
    try:
        result = preview(db, mine_id, roster, mapping=mapping)
    except MineLedgerError as err:
        return Outcome(sheets, roster, mapping, None, str(err))
    return Outcome(sheets, roster, result.mapping, result, None)


class RosterImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mine_id = ctx.mine_id
        self.path: Path | None = None
        self.outcome: Outcome | None = None
        self.busy = False
        self.imported: int | None = None
        self.setWindowTitle(self.tr("Import the roster from Excel"))

        # --- file and sheet ---
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("Choose an Excel workbook (.xlsx) or a CSV file"))
        self.browse_button = QPushButton(self.tr("Choose file…"))
        self.browse_button.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumWidth(140)
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("File")))
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        file_row.addSpacing(12)
        file_row.addWidget(QLabel(self.tr("Sheet")))
        file_row.addWidget(self.sheet_combo)

        self.header_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.hide()

        # --- the column mapping ---
        self.mapping_table = QTableWidget(len(FIELD_LABELS), 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Column in the sheet"), self.tr("First row reads")]
        )
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        vertical = self.mapping_table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.mapping_table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        self.mapping_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mapping_table.setColumnWidth(0, 118)
        self.mapping_table.setColumnWidth(1, 170)
        self.field_combos: dict[str, QComboBox] = {}
        for row, (name, label) in enumerate(FIELD_LABELS.items()):
            text = self.tr("{field} (required)").format(field=label) if name in REQUIRED else label
            item = QTableWidgetItem(text)
            if name in REQUIRED:
                bold = QFont(item.font())
                bold.setBold(True)
                item.setFont(bold)
            self.mapping_table.setItem(row, 0, item)
            self.mapping_table.setItem(row, 2, QTableWidgetItem(""))
            combo = QComboBox()
            combo.activated.connect(lambda _i, n=name: self._column_chosen(n))
            self.mapping_table.setCellWidget(row, 1, combo)
            self.field_combos[name] = combo
        mapping_box = QGroupBox(self.tr("Which column feeds which field"))
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(self.mapping_table)

        # --- what an import would do ---
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.good_view = RowsView(
            [
                self.tr("Row"),
                self.tr("Name"),
                self.tr("ID number"),
                self.tr("Department"),
                self.tr("Post"),
                self.tr("Warnings"),
            ],
            (46, 70, 160, 90, 90),
        )
        self.good_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.rejected_list = QListWidget()
        self.rejected_list.setUniformItemSizes(True)
        self.rejected_list.setWordWrap(False)
        self.notes_list = QListWidget()
        self.notes_list.setWordWrap(True)
        for widget in (self.rejected_list, self.notes_list):
            widget.setStyleSheet("QListWidget::item { padding: 3px 2px; }")
        self.results = QTabWidget()
        self.results.addTab(self.good_view, self.tr("To import"))
        self.results.addTab(self.rejected_list, self.tr("Refused"))
        self.results.addTab(self.notes_list, self.tr("Departments and notes"))
        results_box = QGroupBox(self.tr("What the import would do"))
        results_layout = QVBoxLayout(results_box)
        results_layout.addWidget(self.summary)
        results_layout.addWidget(self.results, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(mapping_box)
        splitter.addWidget(results_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([470, 590])

        # --- buttons ---
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.do_import)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(
            self.tr("Nothing is written until you import; the import is all the good rows or none.")
        )
        note.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.header_label)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1080, 660)
        self._show(None)

    # --- choosing the file --------------------------------------------------------------------------------

    def choose_file(self) -> bool:
        """Ask for a file and read it; False when the clerk cancelled the file dialog."""
        folder = (
            str(self.path.parent)
            if self.path
            else QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the roster workbook"),
            folder,
            self.tr("Excel or CSV (*.xlsx *.xlsm *.csv);;All files (*)"),
        )
        if not chosen:
            return False
        self.load(Path(chosen))
        return True

    def load(self, path: Path, sheet: str | None = None) -> None:
        """Read the workbook (the given sheet, else the first one with a roster header) on the worker."""
        if self.mine_id is None:
            return
        target = self.path = Path(path)
        self.file_edit.setText(str(target))
        db, mine_id = self.ctx.db, self.mine_id
        # The work touches plain values only, never this dialog: a Qt object is not read off its thread.
        self._run(
            self.tr("Reading “{file}”…").format(file=target.name),
            lambda _control: read_and_preview(db, mine_id, target, sheet),
        )

    def _sheet_chosen(self, index: int) -> None:
        name = self.sheet_combo.itemText(index)
        current = self.outcome.sheet.name if self.outcome and self.outcome.sheet else None
        if self.path is not None and name and name != current:
            self.load(self.path, name)

    # --- correcting the mapping ---------------------------------------------------------------------------

    def set_column(self, field: str, column: int | None) -> None:
        """What choosing in a field's drop-down does: `column` 0-based, None for “not imported”."""
        combo = self.field_combos[field]
        combo.setCurrentIndex(max(combo.findData(NOT_IMPORTED if column is None else column), 0))
        self._column_chosen(field)

    def _column_chosen(self, field: str) -> None:
        outcome = self.outcome
        if outcome is None or outcome.sheet is None or outcome.mapping is None or self.busy:
            return
        data = self.field_combos[field].currentData()
        column = None if data in (None, NOT_IMPORTED) else int(data)
        if outcome.mapping.columns.get(field) == column:
            return
        changes = {field: column}
        db, mine_id = self.ctx.db, self.mine_id
        sheets, roster, mapping, result = outcome.sheets, outcome.sheet, outcome.mapping, outcome.result

        def work(_control: TaskControl) -> Outcome:
            assert mine_id is not None
            try:
                moved = mapping.with_columns(changes)
            except MineLedgerError as err:
                return Outcome(sheets, roster, mapping, result, str(err))
            if result is not None:
                try:
                    return Outcome(sheets, roster, moved, result.remap(db, changes), None)
                except MineLedgerError as err:
                    return Outcome(sheets, roster, moved, None, str(err))
            return _preview(db, mine_id, sheets, roster, moved)

        self._run(self.tr("Checking the rows again…"), work)

    # --- running on the worker ----------------------------------------------------------------------------

    def _run(self, label: str, work: Any) -> None:
        self.busy = True
        self._update_controls()
        self.header_label.setText(label)
        run_with_progress(self, self.ctx.runner, label, work, self._done, self._failed, cancellable=False)

    def _done(self, outcome: Outcome) -> None:
        self.busy = False
        self._show(outcome)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._show(self.outcome)
        QMessageBox.critical(
            self,
            self.tr("Import"),
            self.tr("The file could not be read: {error}").format(error=f"{type(exc).__name__}: {exc}"),
        )

    # --- showing ------------------------------------------------------------------------------------------

    def _show(self, outcome: Outcome | None) -> None:
        self.outcome = outcome
        self._show_sheets(outcome)
        self._show_mapping(outcome)
        self._show_result(outcome.result if outcome else None)
        if outcome is not None and outcome.error:
            self.error_label.setText(outcome.error)
            self.error_label.show()
        else:
            self.error_label.hide()
        self._update_controls()

    def _show_sheets(self, outcome: Outcome | None) -> None:
        self.sheet_combo.clear()
        if outcome is None:
            self.header_label.setText(self.tr("Choose the file the roster is in."))
            return
        self.sheet_combo.addItems(outcome.sheets)
        if outcome.sheet is not None and outcome.sheet.name:
            self.sheet_combo.setCurrentIndex(self.sheet_combo.findText(outcome.sheet.name))
        if outcome.mapping is None:
            self.header_label.setText(self.tr("No roster header was found."))
            return
        rows = "、".join(str(r) for r in outcome.mapping.header_rows)
        sheet = outcome.sheet.name if outcome.sheet else ""
        self.header_label.setText(
            self.tr("Header found in row {rows} of sheet “{sheet}”.").format(rows=rows, sheet=sheet)
            if sheet
            else self.tr("Header found in row {rows}.").format(rows=rows)
        )

    def _show_mapping(self, outcome: Outcome | None) -> None:
        mapping = outcome.mapping if outcome else None
        headers = mapping.headers if mapping else ()
        first: list[Any] = []
        if outcome and outcome.sheet and mapping:
            grid = outcome.sheet.grid
            result = outcome.result
            rows = [g.row for g in result.good] + [r.row for r in result.rejected] if result else []
            start = min(rows) if rows else mapping.data_start
            if start <= len(grid.rows):
                first = grid.row(start)
        for row, name in enumerate(FIELD_LABELS):
            combo = self.field_combos[name]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not imported)"), NOT_IMPORTED)
            for col, text in enumerate(headers):
                label = f"{column_letter(col)}　{text}" if text else column_letter(col)
                combo.addItem(label, col)
            col = mapping.columns.get(name) if mapping else None
            combo.setCurrentIndex(max(combo.findData(col), 0) if col is not None else 0)
            combo.blockSignals(False)
            sample = cell_text(first[col]) if col is not None and col < len(first) else ""
            item = self.mapping_table.item(row, 2)
            item.setText(sample)
            item.setToolTip(sample)

    def _show_result(self, result: RosterPreview | None) -> None:
        good = result.good if result else []
        rejected = result.rejected if result else []
        tone = {i: WARN for i, g in enumerate(good) if g.warnings}
        self.good_view.rows.set_rows(
            [
                (
                    g.row,
                    g.person.name,
                    g.person.id_number,
                    g.department,
                    g.person.post,
                    "；".join(g.warnings),
                )
                for g in good
            ],
            [g.row for g in good],
            tone,
        )
        self.rejected_list.clear()
        self.rejected_list.addItems(
            [self.tr("Row {row}: {reason}").format(row=r.row, reason=r.reason) for r in rejected]
        )
        for i in range(self.rejected_list.count()):
            self.rejected_list.item(i).setToolTip(self.rejected_list.item(i).text())
        self.notes_list.clear()
        if result is not None:
            self.notes_list.addItems(
                [self.tr("New department: {name}").format(name=d) for d in result.new_departments]
                + list(result.notes)
            )
        self.results.setTabText(0, self.tr("To import ({count})").format(count=len(good)))
        self.results.setTabText(1, self.tr("Refused ({count})").format(count=len(rejected)))
        self.results.tabBar().setTabTextColor(
            1, QColor("#b71c1c") if rejected else self.palette().text().color()
        )
        self.results.setTabText(
            2,
            self.tr("Departments and notes ({count})").format(
                count=(len(result.new_departments) + len(result.notes)) if result else 0
            ),
        )
        if result is None:
            self.summary.setText("")
        else:
            warned = sum(1 for g in good if g.warnings)
            self.summary.setText(
                self.tr(
                    "{good} people can be imported ({warned} with warnings to check); {rejected} rows are "
                    "refused; {depts} new departments will be created."
                ).format(
                    good=len(good), warned=warned, rejected=len(rejected), depts=len(result.new_departments)
                )
            )
            if rejected and not good:
                self.results.setCurrentIndex(1)
        self.import_button.setText(self.tr("Import {count} people").format(count=len(good)))

    def _update_controls(self) -> None:
        ready = not self.busy
        result = self.outcome.result if self.outcome else None
        self.browse_button.setEnabled(ready)
        self.sheet_combo.setEnabled(ready and self.sheet_combo.count() > 1)
        self.mapping_table.setEnabled(ready and self.outcome is not None and self.outcome.mapping is not None)
        self.import_button.setEnabled(ready and result is not None and bool(result.good))

    # --- importing ----------------------------------------------------------------------------------------

    def good_rows(self) -> list[int]:
        return [int(self.good_view.rows.key(r)) for r in range(self.good_view.rows.rowCount())]

    def rejected_texts(self) -> list[str]:
        return [self.rejected_list.item(i).text() for i in range(self.rejected_list.count())]

    def do_import(self) -> None:
        result = self.outcome.result if self.outcome else None
        if result is None or not result.good or self.busy:
            return
        db, operator = self.ctx.db, self.ctx.operator
        refused = len(result.rejected)
        self.busy = True
        self._update_controls()

        def done(count: int) -> None:
            self.busy = False
            self.imported = count
            self.ctx.data_changed.emit()
            QMessageBox.information(
                self,
                self.tr("Imported"),
                self.tr("Imported {count} people, refused {refused} rows.").format(
                    count=count, refused=refused
                ),
            )
            self.accept()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self._update_controls()
            if isinstance(exc, MineLedgerError):
                QMessageBox.warning(
                    self,
                    self.tr("Not imported"),
                    self.tr("Nothing was imported: {error}").format(error=str(exc)),
                )
            else:
                QMessageBox.critical(
                    self,
                    self.tr("Not imported"),
                    self.tr("Nothing was imported: {error}").format(error=f"{type(exc).__name__}: {exc}"),
                )

        run_with_progress(
            self,
            self.ctx.runner,
            self.tr("Importing {count} people…").format(count=len(result.good)),
            lambda _control: commit(db, operator, result),
            done,
            failed,
            cancellable=False,
        )
