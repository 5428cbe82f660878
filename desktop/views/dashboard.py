"""首页: the chosen mine's current findings, most severe first; activating one opens its record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.rules.findings import Finding, sort_findings
from db.rules.runner import findings_for_mine
from desktop.views.context import AppContext
from desktop.widgets.findings import FindingsView


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        hint = QLabel(self.tr("Double-click a problem to open the record it is about."))
        hint.setEnabled(False)

        self.view = FindingsView()
        self.view.open_requested.connect(self.open_finding)
        self.empty = QLabel(self.tr("No problems found"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_font = QFont(self.empty.font())
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.6)
        self.empty.setFont(empty_font)
        self.empty.setStyleSheet("color: #2e7d32;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addWidget(hint)

        ctx.mine_changed.connect(self.refresh)
        ctx.data_changed.connect(self.refresh)

    def findings(self) -> list[Finding]:
        return self.view.findings.rows()

    def refresh(self) -> None:
        mine = self.ctx.mine() if self.ctx.ledger.is_open else None
        if mine is None:
            self.title.setText(self.tr("Home"))
            self.summary.setText(self.tr("No mine yet: add one with “Add mine”."))
            self.view.set_findings([])
            self.stack.setCurrentWidget(self.empty)
            return
        found = sort_findings(
            findings_for_mine(self.ctx.db, mine.id)
        )  # most severe first, whatever the source
        self.title.setText(self.tr("Home — {mine}").format(mine=mine.name))
        self.view.set_findings(found)
        if not found:
            self.summary.setText(self.tr("Checked against the rules: nothing needs attention."))
            self.stack.setCurrentWidget(self.empty)
            return
        red = sum(1 for f in found if f.severity == "red")
        self.summary.setText(
            self.tr(
                "{total} problems: {red} red (violations), {amber} amber (due soon or incomplete)."
            ).format(total=len(found), red=red, amber=len(found) - red)
        )
        self.stack.setCurrentWidget(self.view)

    def open_finding(self, finding: Finding) -> None:
        if not self.ctx.openers.can_open(finding):
            QMessageBox.information(
                self,
                self.tr("Not available yet"),
                self.tr("Records of this kind cannot be opened in this version yet."),
            )
            return
        if self.ctx.openers.open(self, self.ctx, finding):
            self.refresh()
