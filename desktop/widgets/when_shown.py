"""Re-read a page when it is on screen, not before: a page behind another tab or navigation entry only notes
that it is out of date, and reads when it is next shown.

    self.loading = LoadWhenShown(self)
    ctx.mine_changed.connect(lambda _id: self.loading.request(self.reload, RELOAD))
    ctx.data_changed.connect(lambda: self.loading.request(self.refresh))
    ...
    def shown_ids(self):
        self.loading.flush()  # an accessor sees current rows even on a page never shown
        ...

Building the main window used to read every page of every area (all the hazard ids, every person for a
picker on a tab nobody had opened); now it reads what the first page shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

REFRESH, RELOAD = 0, 1  # a reload (another mine or database: choices fresh, filters cleared) covers a refresh


class LoadWhenShown(QObject):
    """The one load a widget still owes: run at once while the widget is visible, else at its next Show
    (before it paints), or when `flush()` is called. Of two loads asked for, the one of higher rank is kept
    (a pending reload is not narrowed to a refresh); of equal rank, the later one."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._pending: Callable[[], None] | None = None
        self._rank = REFRESH

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def request(self, load: Callable[[], None], rank: int = REFRESH) -> None:
        if self._widget.isVisible():
            if self._pending is not None and self._rank > rank:
                load = self._pending  # keep the stronger load owed; it covers this one
            self._pending = None
            self._widget.removeEventFilter(self)
            load()
            return
        if self._pending is None:
            self._widget.installEventFilter(self)  # only while a load is owed: no Python call per event
        if self._pending is None or rank >= self._rank:
            self._pending, self._rank = load, rank

    def flush(self) -> None:
        """Run the load still owed, if any (cleared first: a load that asks for another is not lost)."""
        load, self._pending = self._pending, None
        if load is not None:
            self._widget.removeEventFilter(self)
            load()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show:
            self.flush()
        return False
