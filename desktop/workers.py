"""Long work (database reads for a form, PDF building, backups) off the GUI thread.

One worker thread for all of it, like Anki's task manager: database work never runs two at a time, so a
backup can never overlap a form build. Results come back on the GUI thread through queued signals. A progress
dialog appears only when the work takes longer than PROGRESS_DELAY_MS, and its 取消 sets the flag the work
polls through `TaskControl.cancelled`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500


class TaskCancelled(Exception):
    """The task was cancelled before it started."""


class TaskControl:
    """What a running task may call: report progress, ask whether the user pressed 取消."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._relay: _Relay | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, done: int, total: int) -> None:
        if self._relay is not None:
            self._relay.progressed.emit(int(done), int(total))


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call back to the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any], control: TaskControl, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.control, self.relay = fn, control, relay

    def run(self) -> None:
        try:
            if self.control.cancelled():
                raise TaskCancelled
            result = self.fn(self.control)
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


class TaskRunner(QObject):
    """A single worker thread; `submit` returns at once and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def submit(
        self,
        fn: Callable[[TaskControl], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> TaskControl:
        control = TaskControl()
        relay = _Relay()
        self._relays.add(relay)  # keeps the relay alive until its answer has been delivered
        control._relay = relay

        def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if callback is not None:
                callback(value)
            elif isinstance(value, BaseException) and not isinstance(value, TaskCancelled):
                log.error("background task failed", exc_info=value)

        queued = Qt.ConnectionType.QueuedConnection
        relay.finished.connect(lambda value: finish(on_done, value), queued)
        relay.failed.connect(lambda exc: finish(on_error, exc), queued)
        if on_progress is not None:
            relay.progressed.connect(on_progress, queued)
        self.pool.start(_Job(fn, control, relay))
        return control

    def busy(self) -> bool:
        return bool(self._relays)

    def wait_idle(self, msecs: int = -1) -> bool:
        """Block until the worker has finished everything queued (before a restore or at exit)."""
        return self.pool.waitForDone(msecs)


def run_with_progress(
    parent: QWidget,
    runner: TaskRunner,
    label: str,
    fn: Callable[[TaskControl], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    cancellable: bool = True,
) -> tuple[TaskControl, QProgressDialog]:
    """Submit `fn`; a window-modal progress dialog shows if it runs longer than PROGRESS_DELAY_MS."""
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(parent.window().windowTitle())
    dialog.setLabelText(label)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setRange(0, 0)  # a busy bar until the first progress report gives a total
    # Shown by our own timer: QProgressDialog's built-in timer would also pop up after the work ended.
    dialog.setMinimumDuration(2**30)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.hide()
    state = {"done": False}

    def close() -> None:
        state["done"] = True
        dialog.hide()
        dialog.deleteLater()

    def done(value: Any) -> None:
        close()
        on_done(value)

    def error(exc: BaseException) -> None:
        close()
        on_error(exc)

    def progress(value: int, total: int) -> None:
        if not state["done"]:
            dialog.setRange(0, max(total, 1))
            dialog.setValue(min(value, max(total, 1)))

    control = runner.submit(fn, done, error, progress)
    dialog.canceled.connect(control.cancel)
    QTimer.singleShot(PROGRESS_DELAY_MS, dialog, lambda: None if state["done"] else dialog.show())
    return control, dialog
