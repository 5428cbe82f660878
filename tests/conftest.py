"""Shared fixtures: a private data folder per test, and for window tests a temporary database, the open
ledger, its context and a main window — with message boxes captured instead of blocking."""

from __future__ import annotations

import gc
import os

# Before anything imports Qt: windows draw offscreen, no display needed (QT_QPA_PLATFORM=xcb to watch).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True, scope="session")
def collect_on_the_main_thread() -> Iterator[None]:
    """As the app does (desktop/collector.py): no automatic collection, which could run on a worker thread
    and destroy a test's closed dialog there; the main thread collects after every test instead."""
    gc.disable()
    yield
    gc.enable()


_tests_run = [0]


@pytest.fixture(autouse=True)
def collect_after_test(collect_on_the_main_thread: None) -> Iterator[None]:
    # The young generations after every test (cheap), the whole heap every 25 (a full pass over a heap of Qt
    # and SQLAlchemy objects costs a few hundred milliseconds: after every test it tripled the suite's time).
    yield
    _tests_run[0] += 1
    gc.collect(2 if _tests_run[0] % 25 == 0 else 1)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, automatic backups and the default database go to a temporary folder, never the user's."""
    home = tmp_path / "home"
    monkeypatch.setenv("MINELEDGER_HOME", str(home))
    return home


@dataclass
class Messages:
    """Every QMessageBox a test triggers: (kind, title, text). `answer` is what question() returns."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer: Any = None

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]

    def __len__(self) -> int:
        return len(self.shown)


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    """A modal box would hang an offscreen test: record it instead, and let the test assert on it."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    record = Messages(answer=QMessageBox.StandardButton.No)

    def fake(kind: str) -> Callable[..., Any]:
        def show(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
            record.shown.append((kind, title, text))
            return record.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("", False)))
    return record


@pytest.fixture
def gui_app(qapp: Any) -> Any:
    """The test QApplication with the bundled font and the shipped Chinese translation, as users see it."""
    from desktop.gui import setup_fonts
    from desktop.i18n import install_translator

    setup_fonts(qapp)
    assert install_translator(qapp, "zh_CN")
    return qapp


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "ledger.sqlite3"


@pytest.fixture
def settings(private_home: Path, gui_app: Any) -> Any:
    from desktop.settings import AppSettings

    s = AppSettings()
    s.operator = "张会计"
    return s


@pytest.fixture
def ctx(gui_app: Any, ledger_path: Path, settings: Any) -> Iterator[Any]:
    """An open ledger (locked database) and the context every page shares."""
    from desktop.views.context import AppContext, Ledger
    from desktop.workers import TaskRunner

    ledger = Ledger(ledger_path)
    ledger.open()
    runner = TaskRunner()
    context = AppContext(ledger, settings, runner)
    yield context
    runner.wait_idle()
    ledger.close()


@pytest.fixture
def add_mine(ctx: Any) -> Callable[..., int]:
    """Create a mine through the service door (as the wizard or 新增矿山 would)."""
    from db.services.mines import create_mine

    def add(name: str = "一号煤矿", **fields: Any) -> int:
        fields.setdefault("kind", "coal")
        return create_mine(ctx.db, "测试", name=name, **fields)

    return add


@pytest.fixture
def make_window(ctx: Any, qtbot: Any) -> Iterator[Callable[..., Any]]:
    """Main windows on the test ledger; closed (saving their layout) before the ledger closes."""
    from desktop.main_window import MainWindow

    made: list[Any] = []

    def make(context: Any = None) -> Any:
        window = MainWindow(context or ctx)
        made.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in made:
        window.close()
        window.deleteLater()


@pytest.fixture
def window(make_window: Callable[..., Any]) -> Any:
    return make_window()


@pytest.fixture
def when_modal(qapp: Any) -> Callable[[Callable[[Any], None]], list[Any]]:
    """`when_modal(callback)`: run `callback(dialog)` once a modal dialog is up (its exec() blocks the test's
    own code meanwhile). A failing callback rejects the dialog, so the test fails instead of hanging."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def schedule(callback: Callable[[Any], None], timeout_ms: int = 5000) -> list[Any]:
        seen: list[Any] = []
        waited = [0]

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                if waited[0] < timeout_ms:
                    waited[0] += 20
                    QTimer.singleShot(20, poll)
                return
            seen.append(dialog)
            try:
                callback(dialog)
            except BaseException:
                dialog.reject()
                raise

        QTimer.singleShot(0, poll)
        return seen

    return schedule
