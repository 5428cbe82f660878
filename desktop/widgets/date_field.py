"""Date inputs for records: a date that may be left blank (like a Windows date picker with a check box), and
a plain required date that never lies in the future."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from db import clock

DATE_FORMAT = "yyyy-MM-dd"
EARLIEST = QDate(1900, 1, 1)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date | None = None, *, not_after_today: bool = True) -> QDateEdit:
    """A required date with a calendar drop-down, shown as 2026-11-23, today by default."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(EARLIEST)
    if not_after_today:
        edit.setMaximumDate(to_qdate(clock.today()))
    edit.setDate(to_qdate(value or clock.today()))
    return edit


class DateField(QWidget):
    """An optional date: the check box says whether it is filled in; unticked means “not recorded”."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, default: date | None = None) -> None:
        super().__init__(parent)
        self.filled = QCheckBox()
        self.filled.setToolTip(self.tr("Tick when the date is known"))
        self.edit = date_edit(default)
        self.edit.setEnabled(False)
        self.filled.toggled.connect(self.edit.setEnabled)
        self.filled.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.filled)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.edit)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.filled.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.filled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))
