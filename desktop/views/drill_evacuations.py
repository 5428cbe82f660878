"""应急演练: the mine's emergency evacuation drills, and the half-year duty at a glance — done, due (by the
half-year's last day) or overdue — with the day each drill was reported to the county regulator."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from db import clock
from desktop.dialogs.evacuation_dialog import EvacuationDialog
from desktop.views.context import AppContext
from desktop.views.drill_data import HalfYearStatus, half_year_statuses, list_evacuations, records_since
from desktop.views.drill_tables import (
    AMBER,
    AMBER_TINT,
    GREEN,
    GREEN_TINT,
    GREY,
    RED,
    RED_TINT,
    RIGHT,
    Column,
    RowsView,
)

DUE_SOON_DAYS = 30


class EvacuationTab(QWidget):
    print_requested = Signal(int)  # a drill id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.halves: list[HalfYearStatus] = []
        self.new_button = QPushButton(self.tr("New evacuation drill…"))
        self.new_button.clicked.connect(self.new_drill)
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.clicked.connect(self.open_current)
        self.print_button = QPushButton(self.tr("Print record…"))
        self.print_button.clicked.connect(self._print_current)
        self.print_button.setVisible(False)  # shown when the printed form exists

        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setContentsMargins(10, 8, 10, 8)
        self.status_view = RowsView(
            [
                Column(self.tr("Half-year"), lambda h: h.label),
                Column(self.tr("Status"), self._state_text, colour=self._state_colour),
                Column(self.tr("Drill held"), lambda h: "、".join(f"{d.held_on:%Y-%m-%d}" for d in h.drills)),
                Column(
                    self.tr("Reported to the county"), self._reports, colour=self._report_colour, width=-1
                ),
            ]
        )
        rows_height = self.status_view.verticalHeader().defaultSectionSize() * 4
        self.status_view.setFixedHeight(
            rows_height + self.status_view.horizontalHeader().sizeHint().height() + 4
        )
        self.view = RowsView(
            [
                Column(self.tr("Date"), lambda r: f"{r.held_on:%Y-%m-%d}"),
                Column(self.tr("Scenario"), lambda r: r.scenario, width=260),
                Column(self.tr("Place"), lambda r: r.place, width=220),
                Column(self.tr("Organiser"), lambda r: r.organiser),
                Column(self.tr("Participants"), lambda r: r.participants, RIGHT),
                Column(self.tr("Minutes"), lambda r: r.duration_min or "", RIGHT),
                Column(
                    self.tr("Reported to the county"),
                    lambda r: f"{r.reported_on:%Y-%m-%d}" if r.reported_on else self.tr("not reported"),
                    colour=lambda r: None if r.reported_on else (AMBER, AMBER_TINT),
                    width=-1,
                ),
            ]
        )
        self.view.open_requested.connect(lambda row: self.open_drill(row.id))
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addWidget(self.print_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.status_view)
        layout.addWidget(QLabel(self.tr("Evacuation drills")))
        layout.addWidget(self.view, 1)
        self._update_buttons()

    # --- status texts -----------------------------------------------------------------------------------

    def _state_text(self, half: HalfYearStatus) -> str:
        if half.state == "done":
            return self.tr("Done")
        if half.state == "due":
            return self.tr("Due by {day}").format(day=f"{half.end:%Y-%m-%d}")
        if half.state == "overdue":
            return self.tr("Overdue: none held")
        return self.tr("Before the records began")

    @staticmethod
    def _state_colour(half: HalfYearStatus) -> tuple[str, str | None]:
        return {
            "done": (GREEN, GREEN_TINT),
            "due": (AMBER, AMBER_TINT),
            "overdue": (RED, RED_TINT),
        }.get(half.state, (GREY, None))

    def _reports(self, half: HalfYearStatus) -> str:
        return "、".join(
            f"{d.reported_on:%Y-%m-%d}" if d.reported_on else self.tr("not reported") for d in half.drills
        )

    @staticmethod
    def _report_colour(half: HalfYearStatus) -> tuple[str, str | None] | None:
        return (AMBER, AMBER_TINT) if half.unreported else None

    # --- loading ----------------------------------------------------------------------------------------

    def set_printable(self, printable: bool) -> None:
        self.print_button.setVisible(printable)

    def refresh(self) -> None:
        mine_id = self.ctx.mine_id if self.ctx.ledger.is_open else None
        if mine_id is None:
            self.view.set_rows([])
            self.status_view.set_rows([])
            self.headline.setText("")
            self._update_buttons()
            return
        today = clock.today()
        rows = list_evacuations(self.ctx.db, mine_id)
        self.halves = half_year_statuses(rows, today, records_since(self.ctx.db, mine_id))
        self.view.set_rows(rows)
        self.status_view.set_rows(self.halves)
        self._headline(self.halves[0], today)
        self._update_buttons()

    def _headline(self, current: HalfYearStatus, today: date) -> None:
        if current.state == "done":
            first = current.drills[0]
            reported = (
                self.tr("reported to the county regulator on {day}").format(
                    day=f"{first.reported_on:%Y-%m-%d}"
                )
                if first.reported_on
                else self.tr("not yet reported to the county regulator")
            )
            text = self.tr("{half}: drill held on {day}, {reported}.").format(
                half=current.label, day=f"{first.held_on:%Y-%m-%d}", reported=reported
            )
            colour, tint = (GREEN, GREEN_TINT) if first.reported_on else (AMBER, AMBER_TINT)
        else:
            days = (current.end - today).days
            text = self.tr("{half}: no evacuation drill yet — due by {day} ({days} days left).").format(
                half=current.label, day=f"{current.end:%Y-%m-%d}", days=days
            )
            colour, tint = (RED, RED_TINT) if days <= DUE_SOON_DAYS else (AMBER, AMBER_TINT)
        previous = self.halves[1] if len(self.halves) > 1 else None
        if previous is not None and previous.state == "overdue":
            text += " " + self.tr("{half}: none held (overdue).").format(half=previous.label)
            colour, tint = RED, RED_TINT
        self.headline.setText(text)
        self.headline.setStyleSheet(f"color: {colour}; background: {tint}; border-radius: 4px;")

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self.ctx.mine_id is not None)
        chosen = self.view.current_row() is not None
        self.open_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    # --- actions ----------------------------------------------------------------------------------------

    def new_drill(self) -> bool:
        if self.ctx.mine_id is None:
            return False
        dialog = EvacuationDialog(self.ctx, None, self)
        saved = dialog.exec() == EvacuationDialog.DialogCode.Accepted
        if saved and dialog.saved_id is not None:
            self.select(dialog.saved_id)
        dialog.deleteLater()
        return saved

    def open_drill(self, drill_id: int) -> bool:
        dialog = EvacuationDialog(self.ctx, drill_id, self)
        saved = dialog.exec() == EvacuationDialog.DialogCode.Accepted and dialog.saved_id is not None
        dialog.deleteLater()
        return saved

    def open_current(self) -> None:
        row = self.view.current_row()
        if row is not None:
            self.open_drill(row.id)

    def select(self, drill_id: int) -> bool:
        return bool(self.view.select_where(lambda row: row.id == drill_id))

    def _print_current(self) -> None:
        row = self.view.current_row()
        if row is not None:
            self.print_requested.emit(row.id)
