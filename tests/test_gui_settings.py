"""设置: language and operator are remembered; backup to a chosen folder; restore with confirmation."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from db.backup import backup_now
from db.errors import DatabaseInUseError
from db.lock import FileLock
from desktop.settings import AppSettings


@pytest.fixture
def page(window):
    window.go("settings")
    return window.settings_page


def choose_folder(monkeypatch, folder) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_language_choice_is_stored_for_the_next_start(page):
    assert page.language.currentText() == "中文"
    page.language.setCurrentIndex(page.language.findData("en"))
    assert AppSettings().language == "en"
    assert "下次启动" in page.language_note.text() and page.language_note.isEnabled()


def test_operator_change_is_remembered_and_shown(page, window, ctx, add_mine, messages):
    page.operator.setText("李四")
    page.operator_save.click()
    assert AppSettings().operator == "李四"
    assert window.operator_status.text() == "操作员：李四"
    page.operator.setText("  ")
    page.operator_save.click()
    assert messages.texts("warning")[0].startswith("操作员姓名：")
    assert AppSettings().operator == "李四"


def test_backup_folder_and_newest_backup_are_shown(page, ctx, add_mine, qtbot):
    add_mine("一号煤矿")
    page.refresh()
    assert page.auto_folder.text() == str(ctx.ledger.backup_dir)
    assert page.newest.text() == "还没有备份"
    made = backup_now(ctx.ledger.path, ctx.ledger.daily_dir)
    page.refresh()
    assert str(made) in page.newest.text()


def test_backup_now_writes_a_checked_copy_into_the_chosen_folder(
    page, ctx, add_mine, qtbot, monkeypatch, tmp_path
):
    add_mine("一号煤矿")
    usb = tmp_path / "U盘 备份"
    usb.mkdir()
    choose_folder(monkeypatch, usb)
    page.backup_button.click()
    qtbot.waitUntil(lambda: "已备份" in page.backup_result.text(), timeout=10000)
    (made,) = usb.iterdir()
    assert made.suffix == ".sqlite3" and made.read_bytes().startswith(b"SQLite format 3\x00")
    assert str(made) in page.backup_result.text()


def test_backup_into_an_unusable_folder_is_reported(
    page, ctx, add_mine, qtbot, monkeypatch, tmp_path, messages
):
    add_mine("一号煤矿")
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    choose_folder(monkeypatch, not_a_folder)
    page.backup_button.click()
    qtbot.waitUntil(lambda: len(messages) == 1, timeout=10000)
    assert messages.shown[0][0] == "critical"
    assert page.backup_result.text() == "备份未完成。"


def test_restore_brings_back_the_earlier_records(
    page, window, ctx, add_mine, qtbot, monkeypatch, tmp_path, messages
):
    add_mine("一号煤矿")
    backup = backup_now(ctx.ledger.path, tmp_path / "usb")
    add_mine("二号煤矿")
    window.reload_mines()
    assert [m.name for m in ctx.mines()] == ["一号煤矿", "二号煤矿"]
    qtbot.waitUntil(lambda: window.mine_combo.isVisibleTo(window))

    choose_file(monkeypatch, backup)
    messages.answer = QMessageBox.StandardButton.Yes
    page.restore_button.click()
    qtbot.waitUntil(lambda: "已从" in page.backup_result.text(), timeout=15000)

    (kind, title, text) = messages.shown[0]
    assert kind == "question" and title == "从备份恢复"
    assert "将被备份" in text and "安全副本" in text
    assert [m.name for m in ctx.mines()] == ["一号煤矿"]
    assert window.mine_status.text() == "当前矿山：一号煤矿"
    qtbot.waitUntil(lambda: not window.mine_combo.isVisibleTo(window))
    assert window.isEnabled()
    (safety,) = ctx.ledger.safety_dir.iterdir()  # the data before the restore, kept
    assert str(safety) in page.backup_result.text()
    with pytest.raises(DatabaseInUseError):  # the window holds its lock again
        FileLock(ctx.ledger.path).acquire()


def test_declining_the_confirmation_changes_nothing(page, ctx, add_mine, monkeypatch, tmp_path, messages):
    add_mine("一号煤矿")
    backup = backup_now(ctx.ledger.path, tmp_path / "usb")
    add_mine("二号煤矿")
    choose_file(monkeypatch, backup)
    messages.answer = QMessageBox.StandardButton.No
    page.restore_button.click()
    assert [m.name for m in ctx.mines()] == ["一号煤矿", "二号煤矿"]
    assert not ctx.ledger.safety_dir.exists()


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(
    page, window, ctx, add_mine, qtbot, monkeypatch, tmp_path, messages
):
    add_mine("一号煤矿")
    bogus = tmp_path / "照片.sqlite3"
    bogus.write_bytes(b"\x89PNG not a database" * 100)
    choose_file(monkeypatch, bogus)
    messages.answer = QMessageBox.StandardButton.Yes
    page.restore_button.click()
    qtbot.waitUntil(lambda: page.backup_result.text() == "未恢复。", timeout=15000)
    kind, title, text = messages.shown[-1]
    assert kind == "critical" and title == "未恢复"
    assert "不是矿安台账的备份文件" in text and "当前数据没有任何改动" in text
    assert [m.name for m in ctx.mines()] == ["一号煤矿"]
    assert window.isEnabled() and ctx.ledger.is_open
