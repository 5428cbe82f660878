"""人员培训: the people area — 花名册 first, then the areas built beside it (关键岗位配备, 培训记录, 证书).

Each area is a tab. An area module in desktop/views offers `make_tab(ctx) -> QWidget` and, optionally,
`tab_title() -> str` (else its widget's windowTitle()); the page adds the ones that exist, so the page works
before they land and picks them up without an edit here beyond the AREA_MODULES list.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.views.context import AppContext
from desktop.views.roster_tab import RosterTab

log = logging.getLogger(__name__)

# ---- the other areas' tabs, in the order they appear after 花名册: (key, module under desktop.views) ----
AREA_MODULES: tuple[tuple[str, str], ...] = (
    ("staffing", "staffing_tab"),  # 关键岗位配备
    ("training", "training_tab"),  # 培训记录
    ("certificates", "certificates_tab"),  # 证书
)


class PersonnelPage(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setDocumentMode(True)
        self.areas: dict[str, QWidget] = {}
        self.roster = RosterTab(ctx)
        self.add_area_tab(self.roster, self.tr("Roster"), key="roster")
        for key, module in AREA_MODULES:
            self._add_area_module(key, module)

    def add_area_tab(self, widget: QWidget, title: str, key: str | None = None) -> int:
        """Add an area's tab; `key` lets show_area() find it (a finding that opens “the staffing tab”)."""
        index = self.addTab(widget, title)
        self.areas[key or f"tab{index}"] = widget
        return index

    def _add_area_module(self, key: str, module_name: str) -> None:
        name = f"desktop.views.{module_name}"
        if importlib.util.find_spec(name) is None:
            return  # that area is not built yet
        module = importlib.import_module(name)  # a broken area module fails loudly, not silently
        make_tab = getattr(module, "make_tab", None)
        if make_tab is None:
            log.warning("%s has no make_tab(ctx): its tab is not shown", name)
            return
        widget = make_tab(self.ctx)
        title_of = getattr(module, "tab_title", None)
        title = title_of() if callable(title_of) else widget.windowTitle() or module_name
        self.add_area_tab(widget, title, key=key)

    def has_area(self, key: str) -> bool:
        return key in self.areas

    def show_area(self, key: str) -> bool:
        """Bring an area's tab to the front; False when that area does not exist (yet)."""
        widget = self.areas.get(key)
        if widget is None:
            return False
        self.setCurrentWidget(widget)
        return True
