"""首页: the chosen mine's current findings, most severe first; activating one opens its record.

The rules run on the app's worker (about half a second for 10,000 people, more for a county database), never
on the GUI thread: the page asks after every save and on every mine change, so a synchronous check would
freeze the window each time. While a check runs the summary line says so; the list keeps the last answer for
the same mine (no flicker after a save) and empties when the mine changed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
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
from shiboken6 import isValid

from db.rules.findings import Finding, sort_findings
from db.rules.runner import findings_for_mine
from desktop.views.context import AppContext
from desktop.widgets.findings import FindingsView
from desktop.workers import TaskControl

log = logging.getLogger(__name__)
ERROR_COLOUR = "#b71c1c"


class DashboardPage(QWidget):
    # The page shows the answer to the latest request (findings, the empty state, or the error).
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Every request bumps `_generation`; an answer carries the generation it was asked for and is dropped
        # when a newer request came meanwhile. One check runs at a time; any number of requests made while it
        # runs collapse into one check queued behind it.
        self._generation = 0
        self._running = False
        self._queued: int | None = None  # the mine of the check waiting behind the running one
        self._shown_mine_id: int | None = None  # whose findings the list holds

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
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

    def checking(self) -> bool:
        """A check is running or queued: what the page shows may be about to change."""
        return self._running or self._queued is not None

    # --- asking -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask for a fresh check of the chosen mine; returns at once, `refreshed` says when it is shown."""
        self._generation += 1
        mine = self.ctx.mine() if self.ctx.ledger.is_open else None
        if mine is None:
            self._queued = None  # nothing to check; a running check's answer is stale and will be dropped
            self._show_no_mine()
            return
        self.title.setText(self.tr("Home — {mine}").format(mine=mine.name))
        self._show_checking(mine.id)
        if self._running:
            self._queued = mine.id  # started when the running one comes back; its answer is stale by now
            return
        self._start(mine.id)

    def _start(self, mine_id: int) -> None:
        self._running = True
        generation, db = self._generation, self.ctx.db

        def work(_control: TaskControl) -> list[Finding]:
            return sort_findings(findings_for_mine(db, mine_id))  # most severe first, whatever the source

        self.ctx.runner.submit(
            work,
            lambda found: self._arrived(generation, mine_id, found),
            lambda exc: self._failed(generation, mine_id, exc),
        )

    def _current(self, generation: int, mine_id: int) -> bool:
        return generation == self._generation and mine_id == self.ctx.mine_id

    def _next(self) -> None:
        self._running = False
        queued, self._queued = self._queued, None
        if queued is not None and self.ctx.ledger.is_open:
            self._start(queued)

    # --- answers ------------------------------------------------------------------------------------------

    def _arrived(self, generation: int, mine_id: int, found: list[Finding]) -> None:
        if not isValid(self):
            return  # the window closed while the rules ran
        if self._current(generation, mine_id):
            self._show_findings(mine_id, found)
        self._next()

    def _failed(self, generation: int, mine_id: int, exc: BaseException) -> None:
        if not isValid(self):
            return
        log.error("the dashboard check failed", exc_info=exc)
        if self._current(generation, mine_id):
            self._show_error(exc)
        self._next()

    # --- showing ------------------------------------------------------------------------------------------

    def _show_checking(self, mine_id: int) -> None:
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Checking…"))
        if mine_id != self._shown_mine_id:
            # Another mine's findings must not stand under this mine's title while the check runs.
            self.view.set_findings([])
            self._shown_mine_id = mine_id
            self.stack.setCurrentWidget(self.view)

    def _show_no_mine(self) -> None:
        self.title.setText(self.tr("Home"))
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("No mine yet: add one with “Add mine”."))
        self.view.set_findings([])
        self._shown_mine_id = None
        self.stack.setCurrentWidget(self.empty)
        self.refreshed.emit()

    def _show_findings(self, mine_id: int, found: list[Finding]) -> None:
        self._shown_mine_id = mine_id
        self.view.set_findings(found)
        self.summary.setStyleSheet("")
        if not found:
            self.summary.setText(self.tr("Checked against the rules: nothing needs attention."))
            self.stack.setCurrentWidget(self.empty)
        else:
            red = sum(1 for f in found if f.severity == "red")
            self.summary.setText(
                self.tr(
                    "{total} problems: {red} red (violations), {amber} amber (due soon or incomplete)."
                ).format(total=len(found), red=red, amber=len(found) - red)
            )
            self.stack.setCurrentWidget(self.view)
        self.refreshed.emit()

    def _show_error(self, exc: BaseException) -> None:
        # The last list of this mine stays; the line says it could not be brought up to date.
        detail = str(exc) or type(exc).__name__
        self.stack.setCurrentWidget(self.view)  # not the green “no problems” over an error
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.summary.setText(
            self.tr("The check failed: {error}. Press Refresh to try again.").format(error=detail)
        )
        self.refreshed.emit()

    # --- actions ------------------------------------------------------------------------------------------

    def open_finding(self, finding: Finding) -> None:
        if not self.ctx.openers.can_open(finding):
            QMessageBox.information(
                self,
                self.tr("Not available yet"),
                self.tr("Records of this kind cannot be opened in this version yet."),
            )
            return
        # A save through ctx.write already asked for a check after the last write; ask only when none is
        # pending (an opener that saved some other way), so a save does not cost two runs of the rules.
        if self.ctx.openers.open(self, self.ctx, finding) and not self.checking():
            self.refresh()
