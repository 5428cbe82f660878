"""演练记录: the mine's self-rescuer drill sessions (monthly hands-on training and shift spot checks), newest
first, with how many drilled, passed, failed and were absent; a new session or a saved one's results open
the keyboard entry sheet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.dialogs.drill_session_dialog import edit_session
from desktop.views.context import AppContext
from desktop.views.drill_data import SessionRow, list_sessions, session_months
from desktop.views.drill_tables import CENTER, GREY, RED, RIGHT, Column, RowsView


def _count_colour(
    colour: str, value: Callable[[SessionRow], int]
) -> Callable[[SessionRow], tuple[str, None]]:
    return lambda row: (colour, None) if value(row) else (GREY, None)


class SessionsTab(QWidget):
    print_requested = Signal(int)  # a session id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.month = QComboBox()
        self.month.setMinimumWidth(140)
        self.month.currentIndexChanged.connect(lambda _i: self.refresh(keep_months=True))
        self.new_button = QPushButton(self.tr("New drill…"))
        self.new_button.setToolTip(self.tr("A monthly hands-on drill (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.new_session("monthly"))
        self.spot_button = QPushButton(self.tr("New shift spot check…"))
        self.spot_button.clicked.connect(lambda: self.new_session("shift_spot"))
        self.open_button = QPushButton(self.tr("Results…"))
        self.open_button.setToolTip(self.tr("Add or correct the chosen session's results (Enter)"))
        self.open_button.clicked.connect(self.open_current)
        self.print_button = QPushButton(self.tr("Print sheet…"))
        self.print_button.clicked.connect(self._print_current)
        self.print_button.setVisible(False)  # shown when the printed form exists
        self.count = QLabel()

        self.view = RowsView(
            [
                Column(self.tr("Date"), lambda r: f"{r.held_on:%Y-%m-%d}"),
                Column(self.tr("Kind"), lambda r: r.kind_title),
                Column(self.tr("Shift"), lambda r: r.shift),
                Column(self.tr("Place"), lambda r: r.place, width=170),
                Column(self.tr("Instructor / examiner"), lambda r: r.instructor),
                Column(self.tr("Training unit"), lambda r: r.unit_model),
                Column(self.tr("Drilled"), lambda r: r.drilled, RIGHT),
                Column(self.tr("Passed"), lambda r: r.passed, RIGHT),
                Column(
                    self.tr("Failed"),
                    lambda r: r.failed,
                    RIGHT,
                    colour=_count_colour(RED, lambda r: r.failed),
                ),
                Column(
                    self.tr("Absent"),
                    lambda r: r.absent,
                    RIGHT,
                    colour=_count_colour(RED, lambda r: r.absent),
                ),
                Column("", lambda _r: "", CENTER, width=-1),
            ]
        )
        self.view.open_requested.connect(lambda row: self.open_session(row.id))
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.spot_button)
        top.addWidget(self.open_button)
        top.addWidget(self.print_button)
        top.addStretch(1)
        top.addWidget(self.count)
        hint = QLabel(self.tr("Double-click a session (or press Enter) to add or correct its results."))
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        QShortcut(QKeySequence.StandardKey.New, self, activated=lambda: self.new_session("monthly"))
        self._update_buttons()

    def set_printable(self, printable: bool) -> None:
        self.print_button.setVisible(printable)

    def chosen_month(self) -> tuple[int, int] | None:
        return self.month.currentData()

    def refresh(self, keep_months: bool = False) -> None:
        mine_id = self.ctx.mine_id if self.ctx.ledger.is_open else None
        if mine_id is None:
            self.view.set_rows([])
            self.count.setText("")
            self._update_buttons()
            return
        if not keep_months:
            wanted = self.chosen_month()
            self.month.blockSignals(True)
            self.month.clear()
            self.month.addItem(self.tr("All months"), None)
            for year, month in session_months(self.ctx.db, mine_id):
                self.month.addItem(self.tr("{year}-{month:02}").format(year=year, month=month), (year, month))
            self.month.setCurrentIndex(max(self.month.findData(wanted), 0) if wanted else 0)
            self.month.blockSignals(False)
        current = self.view.current_row()
        rows = list_sessions(self.ctx.db, mine_id, self.chosen_month())
        self.view.set_rows(rows)
        if current is not None:
            self.select(current.id)
        elif rows:
            self.view.setCurrentIndex(self.view.rows_model.index(0, 0))
        self.count.setText(self.tr("{count} sessions").format(count=len(rows)))
        self._update_buttons()

    def select(self, session_id: int) -> bool:
        return bool(self.view.select_where(lambda row: row.id == session_id))

    def _update_buttons(self) -> None:
        has_mine = self.ctx.mine_id is not None
        chosen = self.view.current_row() is not None
        for button in (self.new_button, self.spot_button):
            button.setEnabled(has_mine)
        self.open_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def new_session(self, kind: str = "monthly") -> bool:
        if self.ctx.mine_id is None:
            return False
        saved = edit_session(self, self.ctx, None, kind=kind)
        if saved is not None and not self.select(saved):
            self.month.setCurrentIndex(0)  # the new session is in another month than the one shown
            self.select(saved)
        return saved is not None

    def open_session(self, session_id: int) -> bool:
        saved = edit_session(self, self.ctx, session_id)
        if saved is not None:
            self.select(saved)
        return saved is not None

    def open_current(self) -> None:
        row = self.view.current_row()
        if row is not None:
            self.open_session(row.id)

    def _print_current(self) -> None:
        row = self.view.current_row()
        if row is not None:
            self.print_requested.emit(row.id)
