"""Python's cyclic garbage collector, run on the GUI thread only.

A collection runs in whichever thread happens to allocate when a generation's threshold is crossed. If the
worker thread (database reads, PDF building) sets one off and it frees a cycle holding a Qt object — a closed
dialog and the lambdas connected to it — the object is destroyed off the GUI thread and the process dies with
no Python frame: the rare worker-thread crash the GUI tests showed. So automatic collection is switched off
and a timer on the GUI thread collects, generation by generation, as the usual thresholds say (the
GarbageCollector recipe Qt applications in Python share, after Erik Janssens, 2014).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(INTERVAL_MS)

    def check(self) -> None:
        """Collect what the thresholds would have collected since the last tick, here on the GUI thread."""
        young, middle, old = gc.get_count()
        if young > self._threshold[0]:
            gc.collect(0)
            if middle > self._threshold[1]:
                gc.collect(1)
                if old > self._threshold[2]:
                    gc.collect(2)
