"""隐患台账: the hazard ledger area — 台账 (the ledger), 月度排查 (the monthly check and its zero report), 统计
(by category and month). `register_openers()` lets a HAZ-* finding on 首页 open the record that fixes it:

- HAZ-OVERDUE, HAZ-FIVE-FIXES, HAZ-DOUBLE-REPORT, HAZ-REPEAT, HAZ-STOCK, HAZ-CLOSE-ACCEPTED (about a hazard):
  the hazard's form on the tab where it is fixed;
- HAZ-MONTHLY-CHECK (about the mine): 月度排查;
- HAZ-ZERO-REPORT (about a month's check): 月度排查 with that month chosen;
- HAZ-TWO-MAJOR-3M (about the mine): 台账 narrowed to the major hazards of the last three months.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget
from shiboken6 import isValid

from db import clock
from db.rules.hazards import months_back
from desktop.dialogs.hazard_dialog import open_hazard
from desktop.views.context import AppContext
from desktop.views.hazard_data import month_of_check
from desktop.views.hazard_ledger_tab import HazardLedgerTab
from desktop.views.hazard_monthly_tab import MonthlyChecksTab
from desktop.views.hazard_stats_tab import HazardStatsTab

# Rule → the tab of the hazard's form where the finding is fixed.
HAZARD_RULE_TABS = {
    "HAZ-OVERDUE": "rectify",
    "HAZ-FIVE-FIXES": "fixes",
    "HAZ-DOUBLE-REPORT": "fixes",
    "HAZ-REPEAT": "fixes",  # the cause analysis
    "HAZ-STOCK": "rectify",
    "HAZ-CLOSE-ACCEPTED": "rectify",
}


class HazardsPage(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setDocumentMode(True)
        self.ledger = HazardLedgerTab(ctx)
        self.monthly = MonthlyChecksTab(ctx)
        self.stats = HazardStatsTab(ctx)
        self.areas: dict[str, QWidget] = {}
        for key, widget, title in (
            ("ledger", self.ledger, self.tr("Ledger")),
            ("monthly", self.monthly, self.tr("Monthly checks")),
            ("stats", self.stats, self.tr("Statistics")),
        ):
            self.addTab(widget, title)
            self.areas[key] = widget

    # --- what the main window calls (the tabs also follow ctx.mine_changed / data_changed themselves) ----

    def refresh(self) -> None:
        """The records changed: every tab re-reads, keeping its filters and choice."""
        self.ledger.refresh()
        self.monthly.refresh()
        self.stats.refresh()

    def reload(self) -> None:
        """Another mine or database: filters cleared, choices fresh."""
        self.ledger.reload()
        self.monthly.refresh()
        self.stats.refresh()

    def show_area(self, key: str) -> bool:
        widget = self.areas.get(key)
        if widget is None:
            return False
        self.setCurrentWidget(widget)
        return True

    def reveal(self, key: str) -> None:
        """Bring this page to the front of the main window (when it sits in one), on the tab `key`."""
        window = self.window()
        pages = getattr(window, "pages", None)
        go = getattr(window, "go", None)
        if isinstance(pages, dict) and callable(go):
            for page_key, page in pages.items():
                if page is self:
                    go(page_key)
                    break
        else:
            parent = self.parentWidget()
            if isinstance(parent, QStackedWidget):
                parent.setCurrentWidget(self)
        self.show_area(key)

    # --- openers --------------------------------------------------------------------------------------

    def register_openers(self) -> None:
        """Route HAZ-* findings here (see the module docstring). Safe to call again."""
        openers = self.ctx.openers
        openers.register("hazard", lambda parent, ctx, hid: open_hazard(parent, ctx, hid))
        for rule, tab in HAZARD_RULE_TABS.items():
            openers.register(
                "hazard", lambda parent, ctx, hid, tab=tab: open_hazard(parent, ctx, hid, tab), rule=rule
            )
        openers.register("mine", self._open_monthly, rule="HAZ-MONTHLY-CHECK")
        openers.register("monthly_check", self._open_check)
        openers.register("mine", self._open_recent_majors, rule="HAZ-TWO-MAJOR-3M")

    def _open_monthly(self, _parent: QWidget, _ctx: AppContext, _mine_id: int) -> bool:
        if not isValid(self):
            return False
        self.reveal("monthly")
        self.monthly.refresh(force=True)
        # The month the finding is about: the newest one without a check (this month when it is still due).
        gaps = [r for r in self.monthly.model.rows() if r.check_id is None]
        today = clock.today()
        self.monthly.select_month(*((gaps[0].year, gaps[0].month) if gaps else (today.year, today.month)))
        return False  # nothing was written

    def _open_check(self, _parent: QWidget, ctx: AppContext, check_id: int) -> bool:
        if not isValid(self):
            return False
        self.reveal("monthly")
        month = month_of_check(ctx.db, check_id)
        self.monthly.refresh(force=True)
        if month is not None:
            self.monthly.select_month(*month)
        return False

    def _open_recent_majors(self, _parent: QWidget, _ctx: AppContext, _mine_id: int) -> bool:
        if not isValid(self):
            return False
        today = clock.today()
        self.reveal("ledger")
        self.ledger.show_filtered(grade="major", found_from=months_back(today, 3), found_to=today)
        return False
