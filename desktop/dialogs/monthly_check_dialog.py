"""登记月度排查 and 报送零报告: the principal's monthly whole-system major-hazard check (HAZ-MONTHLY-CHECK), and
the zero report for a month whose check found no major hazard (HAZ-ZERO-REPORT). Saved through
db.services.hazards by ctx.write."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db import clock
from db.models import Mine
from db.rules.drills import month_bounds
from db.services.hazards import MonthlyCheckInput, file_zero_report, record_monthly_check
from desktop.views.context import AppContext
from desktop.widgets.date_field import date_edit, from_qdate, to_qdate


def _text(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class MonthlyCheckDialog(QDialog):
    """Register the check of one month (the month chosen on the list, else this month)."""

    def __init__(
        self,
        ctx: AppContext,
        year: int | None = None,
        month: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: int | None = None
        today = clock.today()
        self.setWindowTitle(self.tr("Register the monthly check"))
        with ctx.db.session() as s:
            mine = s.get(Mine, ctx.mine_id) if ctx.mine_id is not None else None
            principal = mine.principal_name if mine is not None else ""

        self.year = QSpinBox()
        self.year.setRange(2000, today.year)
        self.year.setValue(year or today.year)
        self.month = QComboBox()
        for m in range(1, 13):
            self.month.addItem(self.tr("Month {month}").format(month=m), m)
        self.month.setCurrentIndex((month or today.month) - 1)
        self.checked_on = date_edit()
        self.led_by = QLineEdit(principal, maxLength=50)
        self.led_by.setPlaceholderText(self.tr("The principal who led the check"))
        self.participants = _text(2)
        self.participants.setPlaceholderText(self.tr("Who took part"))
        self.scope = _text(2)
        self.scope.setPlaceholderText(
            self.tr("e.g. the whole mine: ventilation, gas, water, roof, electrical …")
        )
        self.result = _text(3)
        self.result.setPlaceholderText(self.tr("What the check found; “no major hazard found” if none"))
        self.note = QLabel(
            self.tr(
                "The principal leads at least one whole-system major-hazard check each month. A month whose "
                "check found no major hazard files a zero report (on the monthly checks list)."
            )
        )
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        self.year.valueChanged.connect(lambda _v: self._month_changed())
        self.month.currentIndexChanged.connect(lambda _i: self._month_changed())

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        month_row = QWidget()
        month_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(month_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.year)
        row.addWidget(self.month)
        row.addStretch(1)
        form.addRow(self.tr("Month"), month_row)
        form.addRow(self.tr("Check date"), self.checked_on)
        form.addRow(self.tr("Led by (principal)"), self.led_by)
        form.addRow(self.tr("Participants"), self.participants)
        form.addRow(self.tr("Scope"), self.scope)
        form.addRow(self.tr("Result"), self.result)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(600, 440)
        self._month_changed()

    def chosen_month(self) -> tuple[int, int]:
        return self.year.value(), int(self.month.currentData())

    def _month_changed(self) -> None:
        """Offer a check date inside the month (never after today)."""
        year, month = self.chosen_month()
        start, end = month_bounds(year, month)
        end = min(end, clock.today())
        current = from_qdate(self.checked_on.date())
        self.checked_on.setMinimumDate(to_qdate(start))
        self.checked_on.setMaximumDate(to_qdate(max(end, start)))
        if not start <= current <= end:
            self.checked_on.setDate(to_qdate(end if end >= start else start))

    def values(self) -> MonthlyCheckInput:
        year, month = self.chosen_month()
        return MonthlyCheckInput(
            year=year,
            month=month,
            checked_on=from_qdate(self.checked_on.date()),
            led_by=self.led_by.text(),
            participants=self.participants.toPlainText(),
            scope=self.scope.toPlainText(),
            result=self.result.toPlainText(),
        )

    def save(self) -> None:
        if self.ctx.mine_id is None:
            return
        ok, check_id = self.ctx.write(self, record_monthly_check, self.ctx.mine_id, self.values())
        if ok:
            self.saved_id = check_id
            self.accept()


class ZeroReportDialog(QDialog):
    """报送零报告 for one month's check: the date it was filed."""

    def __init__(
        self,
        ctx: AppContext,
        check_id: int,
        year: int,
        month: int,
        checked_on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.check_id = check_id
        self.filed = False
        self.setWindowTitle(self.tr("File the zero report"))
        self.filed_on = date_edit()
        self.filed_on.setMinimumDate(QDate(checked_on.year, checked_on.month, checked_on.day))
        text = QLabel(
            self.tr(
                "The check of {year}-{month} found no major hazard. File the zero report for that month?"
            ).format(year=year, month=month)
        )
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Filed on"), self.filed_on)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(420, 160)

    def save(self) -> None:
        ok, _ = self.ctx.write(self, file_zero_report, self.check_id, from_qdate(self.filed_on.date()))
        if ok:
            self.filed = True
            self.accept()
