"""月度排查: the principal's monthly whole-system major-hazard check, month by month, newest first, with its
status at a glance — checked, missing, still due this month — and the zero report: filed, due (the check
found no major hazard), or not needed (a major hazard was found that month)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import clock
from desktop.dialogs.monthly_check_dialog import MonthlyCheckDialog, ZeroReportDialog
from desktop.views.context import AppContext
from desktop.views.hazard_data import (
    CHECK_DONE,
    CHECK_DUE,
    CHECK_MISSING,
    ZERO_DUE,
    ZERO_FILED,
    ZERO_NOT_NEEDED,
    MonthRow,
    month_rows,
)
from desktop.views.hazard_print import MONTHLY, has_form, print_form

Index = QModelIndex | QPersistentModelIndex
RED, AMBER, GREEN, MUTED = QColor("#c62828"), QColor("#8a5a00"), QColor("#2e7d32"), QColor("#757575")
HEADERS = (
    QT_TRANSLATE_NOOP("MonthModel", "Month"),
    QT_TRANSLATE_NOOP("MonthModel", "Monthly check"),
    QT_TRANSLATE_NOOP("MonthModel", "Check date"),
    QT_TRANSLATE_NOOP("MonthModel", "Led by"),
    QT_TRANSLATE_NOOP("MonthModel", "Major hazards found"),
    QT_TRANSLATE_NOOP("MonthModel", "Zero report"),
    QT_TRANSLATE_NOOP("MonthModel", "Result"),
)
WIDTHS = (90, 150, 92, 80, 150, 170)


def _t(text: str) -> str:
    return QCoreApplication.translate("MonthModel", text)


def month_label(year: int, month: int) -> str:
    return QCoreApplication.translate("MonthModel", "{year}-{month}").format(year=year, month=month)


def check_text(row: MonthRow) -> tuple[str, QColor]:
    if row.check_status == CHECK_DONE:
        return QCoreApplication.translate("MonthModel", "Done"), GREEN
    if row.check_status == CHECK_DUE:
        return QCoreApplication.translate("MonthModel", "Due this month"), AMBER
    return QCoreApplication.translate("MonthModel", "Missing"), RED


def zero_text(row: MonthRow) -> tuple[str, QColor]:
    if row.zero_status == ZERO_FILED:
        return QCoreApplication.translate("MonthModel", "Filed {date}").format(date=row.zero_report_on), GREEN
    if row.zero_status == ZERO_DUE:
        return QCoreApplication.translate("MonthModel", "Due: no major hazard found"), AMBER
    if row.zero_status == ZERO_NOT_NEEDED:
        return QCoreApplication.translate("MonthModel", "Not needed"), MUTED
    return "—", MUTED


class MonthModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MonthRow] = []

    def set_rows(self, rows: list[MonthRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def month_row(self, row: int) -> MonthRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[MonthRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return month_label(row.year, row.month)
            if column == 1:
                return check_text(row)[0]
            if column == 2:
                return "" if row.checked_on is None else row.checked_on.isoformat()
            if column == 3:
                return row.led_by
            if column == 4:
                if row.check_status != CHECK_DONE and not row.majors:
                    return ""
                return (
                    "、".join(row.majors) if row.majors else QCoreApplication.translate("MonthModel", "None")
                )
            if column == 5:
                return zero_text(row)[0]
            return " ".join(row.result.split())
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 1:
                return QBrush(check_text(row)[1])
            if column == 5:
                return QBrush(zero_text(row)[1])
            if column == 4 and row.majors:
                return QBrush(RED)
        return None


class MonthlyChecksTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = True
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Register monthly check…"))
        self.add_button.clicked.connect(self.add_check)
        self.zero_button = QPushButton(self.tr("File zero report…"))
        self.zero_button.clicked.connect(self.file_zero_report)
        self.print_button = QPushButton(self.tr("Print monthly check record…"))
        self.print_button.clicked.connect(self.print_record)
        self.print_button.setVisible(has_form(MONTHLY))
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.zero_button)
        actions.addSpacing(16)
        actions.addWidget(self.print_button)
        actions.addStretch(1)

        self.model = MonthModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for col, width in enumerate(WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _i: self._activated())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        hint = QLabel(
            self.tr(
                "The principal leads at least one whole-system major-hazard check a month; a month whose check "
                "found no major hazard files a zero report. Double-click a month without a check to register it."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

        ctx.mine_changed.connect(lambda _id: self.refresh())
        ctx.data_changed.connect(self.refresh)
        ctx.reopened.connect(self.refresh)
        self.refresh()

    # --- loading --------------------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh(force=True)

    def refresh(self, force: bool = False) -> None:
        """Re-read the months (at once when shown, else when next shown); the chosen month stays chosen."""
        if not force and not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        chosen = self.selected_month()
        mine_id = self.ctx.mine_id
        if mine_id is None or not self.ctx.ledger.is_open:
            self.model.set_rows([])
        else:
            self.model.set_rows(month_rows(self.ctx.db, mine_id, clock.today()))
        if chosen is None or not self.select_month(*chosen):
            self.table.selectRow(0)
        self._show_summary()
        self._update_buttons()

    def _show_summary(self) -> None:
        rows = self.model.rows()
        missing = [r for r in rows if r.check_status == CHECK_MISSING]
        zero_due = [r for r in rows if r.zero_status == ZERO_DUE]
        parts = []
        if missing:
            months = "、".join(month_label(r.year, r.month) for r in missing[:6])
            months += "…" if len(missing) > 6 else ""
            parts.append(self.tr("No check recorded for {count} months ({months}).").format(
                count=len(missing), months=months
            ))  # fmt: skip
        if zero_due:
            months = "、".join(month_label(r.year, r.month) for r in zero_due[:6])
            parts.append(self.tr("Zero report due for {months}.").format(months=months))
        current = rows[0] if rows else None
        if current is not None and current.check_status == CHECK_DUE:
            parts.append(self.tr("This month's check is still to be done."))
        if not rows:
            self.summary.setText("")
            return
        if not parts:
            self.summary.setText(self.tr("Every month has its check, and every zero report due is filed."))
            self.summary.setStyleSheet("color: #2e7d32;")
        else:
            self.summary.setText(" ".join(parts))
            self.summary.setStyleSheet("color: #c62828;" if missing else "color: #8a5a00;")

    def _update_buttons(self) -> None:
        row = self.current_row()
        has_mine = self.ctx.mine_id is not None
        self.add_button.setEnabled(has_mine and (row is None or row.check_id is None))
        self.zero_button.setEnabled(row is not None and row.can_file_zero_report)
        self.print_button.setEnabled(row is not None)

    # --- choosing -------------------------------------------------------------------------------------

    def current_row(self) -> MonthRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.month_row(rows[0].row()) if rows else None

    def selected_month(self) -> tuple[int, int] | None:
        row = self.current_row()
        return None if row is None else (row.year, row.month)

    def select_month(self, year: int, month: int) -> bool:
        if self._dirty:
            self.refresh(force=True)
        for index, row in enumerate(self.model.rows()):
            if (row.year, row.month) == (year, month):
                model_index = self.model.index(index, 0)
                self.table.selectionModel().select(
                    model_index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.setCurrentIndex(model_index)
                self.table.scrollTo(model_index)
                return True
        return False

    # --- actions --------------------------------------------------------------------------------------

    def _activated(self) -> None:
        row = self.current_row()
        if row is not None and row.check_id is None:
            self.add_check()
        elif row is not None and row.can_file_zero_report:
            self.file_zero_report()

    def add_check(self) -> None:
        if self.ctx.mine_id is None:
            return
        row = self.current_row()
        year, month = (row.year, row.month) if row is not None and row.check_id is None else (None, None)
        dialog = MonthlyCheckDialog(self.ctx, year, month, self)
        try:
            if dialog.exec() and dialog.saved_id is not None:
                chosen = dialog.chosen_month()
                self.refresh(force=True)
                self.select_month(*chosen)
        finally:
            dialog.deleteLater()

    def file_zero_report(self) -> None:
        row = self.current_row()
        if row is None or row.check_id is None or row.checked_on is None or not row.can_file_zero_report:
            return
        dialog = ZeroReportDialog(self.ctx, row.check_id, row.year, row.month, row.checked_on, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def print_record(self) -> None:
        row = self.current_row()
        if row is not None:
            print_form(self, self.ctx, MONTHLY, month=f"{row.year}-{row.month:02d}")
