"""Starting the window: one copy per database, clear Chinese refusals, a restore offer for a damaged file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import text

from db.backup import backup_now
from db.engine import open_database
from db.errors import DiskFullError, NewerSchemaError, ReadOnlyError
from db.lock import FileLock
from db.queries import list_mines
from db.services.mines import create_mine
from desktop.gui import parse_args, run_gui, start_gui
from desktop.paths import backup_dir_for, default_db_path
from desktop.settings import AppSettings
from desktop.views import context


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
