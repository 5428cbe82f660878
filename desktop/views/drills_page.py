"""自救器演练: the self-rescuer drill log (演练记录), a month's coverage (月度覆盖) and the half-yearly emergency
evacuation drills (应急演练) of the chosen mine.

The page re-reads on `mine_changed` / `data_changed` like every page; a tab that is not on screen is only
marked stale and reads when it is shown. `register_openers()` lets the 首页 findings about drills lead here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from db import clock
from db.rules.drills import previous_month
from desktop.dialogs.form_preview import PrintPreviewDialog, form_available, preview_form
from desktop.views.context import AppContext
from desktop.views.drill_coverage import CoverageTab
from desktop.views.drill_evacuations import EvacuationTab
from desktop.views.drill_sessions import SessionsTab

SESSIONS, COVERAGE, EVACUATION = 0, 1, 2


class DrillsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel(self.tr("Self-rescuer drills"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)

        self.sessions = SessionsTab(ctx)
        self.coverage = CoverageTab(ctx)
        self.evacuations = EvacuationTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sessions, self.tr("Drill log"))
        self.tabs.addTab(self.coverage, self.tr("Monthly coverage"))
        self.tabs.addTab(self.evacuations, self.tr("Evacuation drills"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())
        self._stale = {SESSIONS: True, COVERAGE: True, EVACUATION: True}

        self.sessions.set_printable(form_available("drill-session"))
        self.coverage.set_printable(form_available("drill-coverage"))
        self.evacuations.set_printable(form_available("evacuation"))
        self.sessions.print_requested.connect(lambda sid: self.print_form("drill-session", session=sid))
        self.coverage.print_requested.connect(
            lambda y, m: self.print_form("drill-coverage", month=f"{y:04d}-{m:02d}")
        )
        self.evacuations.print_requested.connect(lambda did: self.print_form("evacuation", drill=did))

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        ctx.mine_changed.connect(self._mine_changed)  # bound methods: disconnected when the page goes
        ctx.data_changed.connect(self.refresh)

    # --- refreshing -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read: the tab on screen now, the others when they are shown."""
        mine = self.ctx.mine() if self.ctx.ledger.is_open else None
        self.title.setText(
            self.tr("Self-rescuer drills — {mine}").format(mine=mine.name)
            if mine
            else self.tr("Self-rescuer drills")
        )
        self._stale = dict.fromkeys(self._stale, True)
        if self.isVisible():
            self._refresh_current()

    def _mine_changed(self, _mine_id: int) -> None:
        self.refresh()

    def _refresh_current(self) -> None:
        index = self.tabs.currentIndex()
        if not self._stale.get(index, False):
            return
        self._stale[index] = False
        (self.sessions, self.coverage, self.evacuations)[index].refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_current()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)  # refreshes it when stale
        self._refresh_current()

    # --- printing ---------------------------------------------------------------------------------------

    def print_form(self, key: str, **params: object) -> PrintPreviewDialog | None:
        """This session's sheet, this month's coverage, this evacuation drill: built on the worker, shown."""
        return preview_form(self, self.ctx, key, **params)

    # --- where findings lead ----------------------------------------------------------------------------

    def register_openers(self) -> None:
        """首页 findings about drills open this page: a barred or repeatedly failing worker on the month's
        coverage with his drills; the monthly duty on the coverage; the evacuation duty on its tab (a drill
        without its report date opens that drill); the shift spot check as a new 班前抽查 sheet."""
        register = self.ctx.openers.register
        register("person", self._open_barred, rule="DRILL-30S")
        register("person", self._open_repeat_fail, rule="DRILL-REPEAT-FAIL")
        register("person", self._open_missed_month, rule="DRILL-MONTHLY")
        register("mine", self._open_month, rule="DRILL-MONTHLY")
        register("mine", self._open_evacuations, rule="DRILL-EVACUATION")
        register("evacuation_drill", self._open_evacuation_drill, rule="DRILL-EVACUATION")
        register("evacuation_drill", self._open_evacuation_drill)
        register("mine", self._open_shift_spot, rule="DRILL-SHIFT-SPOT")

    def go_here(self) -> None:
        """Bring this page forward in the main window (whatever key it was added under)."""
        window = self.window()
        pages = getattr(window, "pages", None)
        go = getattr(window, "go", None)
        if isinstance(pages, dict) and callable(go):
            for key, page in pages.items():
                if page is self:
                    go(key)
                    return

    def show_person(self, person_id: int, month: tuple[int, int] | None = None) -> None:
        """The month's coverage (this month unless given) with the person highlighted and his drills."""
        self.go_here()
        today = clock.today()
        year, number = month or (today.year, today.month)
        self.show_month(year, number)
        self.coverage.highlight_person(person_id)  # applied when the month arrives

    def show_month(self, year: int, month: int) -> None:
        self.go_here()
        self._stale[COVERAGE] = False  # read once, for the month asked for
        self.tabs.setCurrentIndex(COVERAGE)
        self.coverage.show_month(year, month)

    def _open_barred(self, _parent: QWidget, _ctx: AppContext, person_id: int) -> bool:
        self.show_person(person_id)
        return False  # nothing was saved: the page shows where to act

    def _open_repeat_fail(self, _parent: QWidget, _ctx: AppContext, person_id: int) -> bool:
        self.show_person(person_id)
        return False

    def _open_missed_month(self, _parent: QWidget, _ctx: AppContext, person_id: int) -> bool:
        today = clock.today()
        self.show_person(person_id, previous_month(today.year, today.month))  # “last month: no drill”
        return False

    def _open_month(self, _parent: QWidget, _ctx: AppContext, _mine_id: int) -> bool:
        today: date = clock.today()
        self.show_month(today.year, today.month)
        return False

    def _open_evacuations(self, _parent: QWidget, _ctx: AppContext, _mine_id: int) -> bool:
        self.go_here()
        self.show_tab(EVACUATION)
        return False

    def _open_evacuation_drill(self, parent: QWidget, _ctx: AppContext, drill_id: int) -> bool:
        self.go_here()
        self.show_tab(EVACUATION)
        self.evacuations.select(drill_id)
        return self.evacuations.open_drill(drill_id)

    def _open_shift_spot(self, _parent: QWidget, _ctx: AppContext, _mine_id: int) -> bool:
        self.go_here()
        self.show_tab(SESSIONS)
        return self.sessions.new_session("shift_spot")
