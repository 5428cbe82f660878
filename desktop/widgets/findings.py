"""The findings list (首页, and later each area's own list): severity, rule, subject, message, clause."""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from db.rules.findings import Finding

# Colours a clerk reads at a glance (a dot, dark text on a light tint); the text says it too, so the colour is
# never the only signal — a black-and-white printout or a colour-blind clerk loses nothing.
SEVERITY_COLOURS = {"red": ("#c62828", "#fde7e7"), "amber": ("#f0a500", "#fff4d6")}
SEVERITY_TEXT_COLOURS = {"red": "#b71c1c", "amber": "#7a5200"}
# The Chinese translation must read exactly as db.rules.findings.SEVERITY_LABELS (checked in the tests).
SEVERITY_TEXT = {
    "red": QT_TRANSLATE_NOOP("FindingsModel", "Red (violation)"),
    "amber": QT_TRANSLATE_NOOP("FindingsModel", "Amber (due soon / incomplete)"),
}
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_WIDTHS = (150, 180, 100, 0, 240)  # severity, rule, subject, (message stretches), clause
MESSAGE_COLUMN = 3


@cache
def severity_dot(colour: str, size: int = 12) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return pixmap


def severity_text(severity: str) -> str:
    source = SEVERITY_TEXT.get(severity)
    return QCoreApplication.translate("FindingsModel", source) if source else severity


class FindingsModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("FindingsModel", "Severity"),
        QT_TRANSLATE_NOOP("FindingsModel", "Rule"),
        QT_TRANSLATE_NOOP("FindingsModel", "Subject"),
        QT_TRANSLATE_NOOP("FindingsModel", "Problem"),
        QT_TRANSLATE_NOOP("FindingsModel", "Clause"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._rows = list(findings)
        self.endResetModel()

    def rows(self) -> list[Finding]:
        return list(self._rows)

    def finding(self, row: int) -> Finding:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("FindingsModel", self.COLUMNS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        f = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (severity_text(f.severity), f.rule_code, f.subject.label, f.message, f.source)[col]
        if role == FINDING_ROLE:
            return f
        if col == 0 and f.severity in SEVERITY_COLOURS:
            dot, tint = SEVERITY_COLOURS[f.severity]
            if role == Qt.ItemDataRole.DecorationRole:
                return severity_dot(dot)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(tint))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(SEVERITY_TEXT_COLOURS[f.severity]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


class FindingsView(QTableView):
    """Double-click or Enter on a finding asks for its record to be opened."""

    open_requested = Signal(object)  # the Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings = FindingsModel(self)
        self.setModel(self.findings)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # The message takes what is left; the other columns keep a width that fits their usual text.
        for col, width in enumerate(COLUMN_WIDTHS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(col, width)
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        # Wrapped rows are re-measured after the widths change (debounced: a drag resizes many times).
        self._measure = QTimer(self, singleShot=True, interval=60)
        self._measure.timeout.connect(self._fit_rows)
        header.sectionResized.connect(lambda *_: self._measure.start())
        self.activated.connect(self._activated)

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings.set_findings(findings)
        self._fit_rows()

    def _fit_rows(self) -> None:
        if self.findings.rowCount() <= 500:  # measuring wrapped rows costs time; a long list keeps one line
            self.resizeRowsToContents()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.findings.finding(index.row()))
