"""Starting the window: one copy per database, clear Chinese refusals, a restore offer for a damaged file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import text

from db.backup import backup_now, quick_check
from db.engine import open_database
from db.errors import DiskFullError, NewerSchemaError, ReadOnlyError
from db.lock import FileLock
from db.queries import list_mines
from db.services.mines import create_mine
from desktop.gui import parse_args, run_gui, start_gui
from desktop.paths import backup_dir_for, default_db_path
from desktop.settings import AppSettings
from desktop.views import context

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def started(gui_app, qtbot):
    """start_gui, with every window and the ledger closed afterwards."""
    made = []

    def start(path: Path, settings: AppSettings | None = None):
        startup = start_gui(gui_app, path, settings or AppSettings())
        if startup is not None:
            made.append(startup)
        return startup

    yield start
    for startup in made:
        for widget in (startup.window, startup.wizard):
            if widget is not None:
                widget.close()
        startup.shutdown()


def make_db(path: Path, *names: str) -> None:
    db = open_database(path)
    for name in names:
        create_mine(db, "测试", name=name, kind="coal")
    db.close()


def corrupt(path: Path) -> None:
    with path.open("r+b") as fh:  # keep the header, wreck the pages behind it
        fh.seek(4096)
        fh.write(b"\xff" * 4096 * 3)


def wreck_page(path: Path, number: int) -> None:
    """Garble one page (1-based) of a file whose -wal has been folded in, keeping the rest as it was."""
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as fh:
        fh.seek((number - 1) * 4096)
        fh.write(b"\xff" * 4096)


def last_page(path: Path) -> int:
    with closing(sqlite3.connect(path)) as raw:
        return raw.execute("PRAGMA page_count").fetchone()[0]


def manual_backup(path: Path) -> Path:
    """A backup kept by hand, not today's automatic one: the daily folder stays empty until a daily runs."""
    return backup_now(path, backup_dir_for(path.resolve()) / "manual")


def test_a_second_copy_on_the_same_database_explains_and_exits(gui_app, ledger_path, messages):
    make_db(ledger_path, "一号煤矿")
    with FileLock(ledger_path):  # the first copy of the app holds it
        assert run_gui(["--db", str(ledger_path)]) == 1
    (kind, title, body) = messages.shown[0]
    assert kind == "critical" and title == "数据库正在使用"
    assert "已被另一个矿安台账窗口打开" in body and "矿安台账将关闭" in body


def test_an_existing_ledger_opens_the_main_window_and_backs_up_daily(started, ledger_path, qtbot, messages):
    make_db(ledger_path, "一号煤矿")
    settings = AppSettings()
    settings.operator = "张会计"
    startup = started(ledger_path, settings)
    assert startup.wizard is None and startup.window.isVisible()
    assert startup.window.mine_status.text() == "当前矿山：一号煤矿"
    qtbot.waitUntil(lambda: startup.daily_backup is not None, timeout=10000)
    assert startup.daily_backup.parent == backup_dir_for(ledger_path.resolve()) / "daily"
    assert messages.shown == []
    # Only one window per file: the lock is held while the window is open.
    with pytest.raises(Exception, match="已被另一个"):
        FileLock(ledger_path).acquire()


def test_a_missing_operator_is_asked_for(started, ledger_path, qtbot, monkeypatch):
    make_db(ledger_path, "一号煤矿")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("李四", True)))
    startup = started(ledger_path)
    qtbot.waitUntil(lambda: startup.ctx.operator == "李四")
    assert startup.window.operator_status.text() == "操作员：李四"


def test_an_empty_ledger_starts_the_wizard(started, ledger_path):
    startup = started(ledger_path)
    assert startup.window is None and startup.wizard.isVisible()


def test_not_a_database_is_refused_in_chinese(started, ledger_path, messages):
    ledger_path.parent.mkdir(parents=True)
    ledger_path.write_bytes(b"PK\x03\x04 an Excel file renamed" * 50)
    assert started(ledger_path) is None
    (kind, title, body) = messages.shown[0]
    assert (kind, title) == ("critical", "不是矿安台账的数据库")
    assert "不是矿安台账的数据库文件" in body
    FileLock(ledger_path).acquire()  # a refused start lets go of the lock


def test_a_newer_schema_is_refused(started, ledger_path, messages):
    make_db(ledger_path, "一号煤矿")
    db = open_database(ledger_path)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.close()
    assert started(ledger_path) is None
    (kind, title, body) = messages.shown[0]
    assert kind == "critical"
    assert title == "数据库来自更新的版本" and "更新版本" in body


def test_a_damaged_database_offers_the_newest_backup(started, ledger_path, messages, qtbot):
    make_db(ledger_path, "一号煤矿")
    backup_now(ledger_path, backup_dir_for(ledger_path.resolve()) / "daily")
    corrupt(ledger_path)
    messages.answer = QMessageBox.StandardButton.Yes
    settings = AppSettings()
    settings.operator = "张会计"
    startup = started(ledger_path, settings)
    assert startup is not None and startup.window is not None
    (kind, title, body) = messages.shown[0]
    assert (kind, title) == ("question", "数据库已损坏")
    assert "已损坏" in body and "最新的备份" in body
    assert [m.name for m in list_mines(startup.ledger.db)] == ["一号煤矿"]
    assert list(startup.ledger.safety_dir.iterdir())  # the damaged file is kept, not thrown away


def test_a_damaged_database_is_left_alone_when_the_restore_is_declined(started, ledger_path, messages):
    make_db(ledger_path, "一号煤矿")
    backup_now(ledger_path, backup_dir_for(ledger_path.resolve()) / "daily")
    corrupt(ledger_path)
    before = ledger_path.read_bytes()
    messages.answer = QMessageBox.StandardButton.No
    assert started(ledger_path) is None
    assert [k for k, _t, _b in messages.shown] == ["question", "critical"]
    assert ledger_path.read_bytes() == before


def test_a_damaged_database_without_backup_is_explained(started, ledger_path, messages):
    make_db(ledger_path, "一号煤矿")
    corrupt(ledger_path)
    assert started(ledger_path) is None
    (kind, title, body) = messages.shown[0]
    assert (kind, title) == ("critical", "数据库已损坏")
    assert "没有找到可用于恢复的备份" in body


def test_db_argument_and_default(private_home):
    assert parse_args(["--db", "/x/y.sqlite3", "-platform", "offscreen"]).db == "/x/y.sqlite3"
    assert parse_args([]).db is None
    assert default_db_path().parent == private_home


@pytest.mark.parametrize(
    ("error", "title"),
    [
        (ReadOnlyError("“x”是只读的或所在文件夹不可写，无法保存记录。"), "数据库只读"),
        (DiskFullError("“x”所在磁盘已满，本次修改未保存。"), "磁盘已满"),
        (NewerSchemaError("“x”由更新版本的矿安台账写入。"), "数据库来自更新的版本"),
    ],
)
def test_each_file_problem_gets_its_own_chinese_title(
    started, ledger_path, messages, monkeypatch, error, title
):
    def refuse(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(context, "open_database", refuse)
    assert started(ledger_path) is None
    (kind, shown_title, body) = messages.shown[0]
    assert (kind, shown_title) == ("critical", title)
    assert body.startswith(str(error)) and body.endswith("矿安台账将关闭。")
    FileLock(ledger_path).acquire()  # the lock was let go


def test_a_folder_that_cannot_be_written_is_explained(started, ledger_path, messages, monkeypatch):
    def denied(_lock):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(context.FileLock, "acquire", denied)
    assert started(ledger_path) is None
    (kind, title, body) = messages.shown[0]
    assert (kind, title) == ("critical", "数据库只读")
    assert str(ledger_path) in body and "不能写入" in body


# --- the whole-file check runs after the window is shown, before the daily backup -------------------------


def operator_set() -> AppSettings:
    settings = AppSettings()
    settings.operator = "张会计"
    return settings


def test_the_window_comes_up_before_the_whole_file_check(started, ledger_path, qtbot, messages):
    make_db(ledger_path, "一号煤矿")
    startup = started(ledger_path, operator_set())
    assert startup.window.isVisible()
    assert startup.ledger.check == "deferred" and not startup.ledger.db.integrity_checked
    qtbot.waitUntil(lambda: startup.daily_backup is not None, timeout=10000)
    assert startup.ledger.db.integrity_checked and messages.shown == []


def test_damage_found_after_the_window_is_up_offers_the_backup_and_backs_nothing_up(
    started, ledger_path, qtbot, messages
):
    make_db(ledger_path, "一号煤矿")
    kept = manual_backup(ledger_path)
    wreck_page(ledger_path, last_page(ledger_path))  # a page nothing reads to bring the window up
    assert quick_check(ledger_path) != "ok"
    messages.answer = QMessageBox.StandardButton.Yes
    startup = started(ledger_path, operator_set())
    assert startup.window.isVisible() and messages.shown == []  # the check has not run yet
    daily = startup.ledger.daily_dir
    assert not daily.exists()
    qtbot.waitUntil(lambda: len(messages.shown) > 0, timeout=10000)
    (kind, title, body) = messages.shown[0]
    assert (kind, title) == ("question", "数据库已损坏")
    assert "完整性检查未通过" in body and str(kept) in body
    # Restored on the worker; then the day's backup is made, of the restored data.
    qtbot.waitUntil(lambda: startup.daily_backup is not None, timeout=10000)
    assert startup.window.isVisible() and startup.window.isEnabled()
    assert quick_check(ledger_path) == "ok"
    assert [m.name for m in list_mines(startup.ledger.db)] == ["一号煤矿"]
    assert startup.window.mine_combo.itemText(0) == "一号煤矿"
    assert list(startup.ledger.safety_dir.iterdir())  # the damaged file is kept
    assert [p.parent for p in daily.iterdir()] == [daily] and quick_check(startup.daily_backup) == "ok"
    assert "已从备份" in startup.window.statusBar().currentMessage()
    assert len(messages.shown) == 1


def test_damage_found_after_the_window_is_up_closes_it_when_the_restore_is_declined(
    started, ledger_path, qtbot, messages
):
    make_db(ledger_path, "一号煤矿")
    manual_backup(ledger_path)
    wreck_page(ledger_path, last_page(ledger_path))
    before = ledger_path.read_bytes()
    messages.answer = QMessageBox.StandardButton.No
    startup = started(ledger_path, operator_set())
    qtbot.waitUntil(lambda: len(messages.shown) == 2, timeout=10000)
    assert [k for k, _t, _b in messages.shown] == ["question", "critical"]
    assert "矿安台账将关闭" in messages.shown[1][2]
    assert not startup.window.isVisible()
    startup.runner.wait_idle()
    assert not startup.ledger.daily_dir.exists()  # nothing was backed up from the damaged file
    assert ledger_path.read_bytes() == before


def test_damage_found_after_the_window_is_up_without_backup_is_explained(
    started, ledger_path, qtbot, messages
):
    make_db(ledger_path, "一号煤矿")
    wreck_page(ledger_path, last_page(ledger_path))
    startup = started(ledger_path, operator_set())
    qtbot.waitUntil(lambda: len(messages.shown) > 0, timeout=10000)
    (kind, title, body) = messages.shown[0]
    assert (kind, title) == ("critical", "数据库已损坏")
    assert "没有找到可用于恢复的备份" in body and "矿安台账将关闭" in body
    assert not startup.window.isVisible()
    startup.runner.wait_idle()
    assert not startup.ledger.daily_dir.exists()


def test_a_damaged_page_read_while_starting_gets_the_whole_check_and_the_offer(
    started, ledger_path, messages
):
    make_db(ledger_path, "一号煤矿")
    manual_backup(ledger_path)
    with closing(sqlite3.connect(ledger_path)) as raw:
        mine_page = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'mine'").fetchone()[0]
    wreck_page(ledger_path, mine_page)  # the schema and the version row still read: the open succeeds
    messages.answer = QMessageBox.StandardButton.Yes
    startup = started(ledger_path, operator_set())
    assert startup is not None and startup.window.isVisible(), messages.shown
    (kind, title, _body) = messages.shown[0]
    assert (kind, title) == ("question", "数据库已损坏")
    assert [m.name for m in list_mines(startup.ledger.db)] == ["一号煤矿"]
    assert startup.ledger.check == "full" and startup.ledger.db.integrity_checked


def test_starting_the_window_loads_no_migration_printing_or_excel_library(ledger_path):
    """Alembic, ReportLab and openpyxl (~0.75 s of imports together) load when a migration, a form or an
    export needs them, not to bring the window up; nor does the first-run wizard when there is a mine."""
    make_db(ledger_path, "一号煤矿")
    code = f"""
import os, sys
from pathlib import Path
from desktop.gui import create_app, start_gui
from desktop.settings import AppSettings
app = create_app([])
settings = AppSettings()
settings.operator = "张会计"
startup = start_gui(app, Path(r"{ledger_path}"), settings)
assert startup is not None and startup.window.isVisible()
app.processEvents()
startup.runner.wait_idle()
app.processEvents()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("alembic", "reportlab", "openpyxl"))
assert not loaded, loaded
assert "desktop.dialogs.wizard" not in sys.modules
startup.shutdown()
os._exit(0)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr


def test_a_read_error_at_the_deferred_check_is_not_taken_for_damage(
    started, ledger_path, qtbot, messages, monkeypatch
):
    """A USB stick's passing I/O error must not offer a restore (that would roll the data back): the check
    fails in the status bar, no backup is made, nothing is asked."""
    import sqlite3

    import db.backup

    make_db(ledger_path, "一号煤矿")
    manual_backup(ledger_path)

    def flaky(_path):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(db.backup, "_open_source", flaky)
    startup = started(ledger_path, operator_set())
    qtbot.waitUntil(lambda: "自动备份" in startup.window.statusBar().currentMessage(), timeout=10000)
    assert messages.shown == [] and startup.daily_backup is None
    assert startup.window.isVisible() and not startup.ledger.db.integrity_checked
