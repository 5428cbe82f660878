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
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500


class TaskCancelled(Exception):
    """The task was cancelled before it started."""


class TaskControl:
    """What a running task may call: report progress, ask whether the user pressed 取消."""

    def __init__(self, task_id: int = 0, relay: _Relay | None = None) -> None:
        self._cancel = threading.Event()
        self._task_id = task_id
        self._relay = relay

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, done: int, total: int) -> None:
        if self._relay is not None:
            self._relay.progressed.emit(self._task_id, int(done), int(total))


class _Relay(QObject):
    """One per runner, living on the GUI thread for the runner's whole life: the worker emits, Qt queues the
    call back to the GUI thread. (A relay per task, deleted once its answer arrived, could be freed while the
    worker thread was still inside emit(): a rare crash with no Python frame.)"""

    finished = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int)


def _run_job(fn: Callable[[TaskControl], Any], control: TaskControl, relay: _Relay) -> None:
    task_id = control._task_id
    try:
        if control.cancelled():
            raise TaskCancelled
        result = fn(control)
    except BaseException as exc:  # delivered to the GUI thread, which decides what to show
        relay.failed.emit(task_id, exc)
    else:
        relay.finished.emit(task_id, result)


class TaskRunner(QObject):
    """A single worker thread; `submit` returns at once and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # A plain Python worker thread: a QRunnable's wrapper could be freed by Qt on the worker thread
        # without the GIL, a rare crash with no Python frame.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mineledger-worker")
        self._futures: set[Future[None]] = set()
        self._relay = _Relay(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.finished.connect(self._finished, queued)
        self._relay.failed.connect(self._failed, queued)
        self._relay.progressed.connect(self._progressed, queued)
        self._next_id = 0
        # task id → (on_done, on_error, on_progress), until the task's answer has been delivered
        self._pending: dict[int, tuple[Callable[[Any], None] | None, ...]] = {}

    def submit(
        self,
        fn: Callable[[TaskControl], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> TaskControl:
        self._next_id += 1
        control = TaskControl(self._next_id, self._relay)
        self._pending[self._next_id] = (on_done, on_error, on_progress)
        future = self._executor.submit(_run_job, fn, control, self._relay)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)
        return control

    def _finished(self, task_id: int, value: Any) -> None:
        on_done, _on_error, _on_progress = self._pending.pop(task_id, (None, None, None))
        if on_done is not None:
            on_done(value)

    def _failed(self, task_id: int, exc: BaseException) -> None:
        _on_done, on_error, _on_progress = self._pending.pop(task_id, (None, None, None))
        if on_error is not None:
            on_error(exc)
        elif not isinstance(exc, TaskCancelled):
            log.error("background task failed", exc_info=exc)

    def _progressed(self, task_id: int, done: int, total: int) -> None:
        callbacks = self._pending.get(task_id)
        if callbacks is not None and callbacks[2] is not None:
            callbacks[2](done, total)

    def busy(self) -> bool:
        return bool(self._pending)

    def wait_idle(self, msecs: int = -1) -> bool:
        """Block until the worker has finished everything queued (before a restore or at exit)."""
        _done, not_done = wait(list(self._futures), timeout=None if msecs < 0 else msecs / 1000)
        return not not_done


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
