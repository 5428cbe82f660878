"""`mineledger backup` and `mineledger restore` through desktop.cli.main, as a script would call them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from db.backup import parse_backup_name
from db.engine import open_database
from db.lock import FileLock
from db.models import Mine
from db.services.mines import create_mine
from desktop.cli import main

OPERATOR = "测试员"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("MINELEDGER_HOME", str(path))
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "站点" / "ledger.sqlite3"
    database = open_database(path)
    create_mine(database, OPERATOR, name="一号矿", kind="coal")
    database.close()
    return path


def mine_names(path: Path) -> list[str]:
    database = open_database(path)
    try:
        with database.session() as s:
            return sorted(s.scalars(select(Mine.name)))
    finally:
        database.close()


def add_mine(path: Path, name: str) -> None:
    database = open_database(path)
    create_mine(database, OPERATOR, name=name, kind="coal")
    database.close()


def printed_backup(out: str) -> Path:
    return Path(out.strip().splitlines()[-1])


def test_backup_to_a_folder(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    to_dir = tmp_path / "U盘"
    assert main(["--db", str(db_path), "backup", "--to", str(to_dir)]) == 0
    made = printed_backup(capsys.readouterr().out)
    assert made.parent == to_dir and made.is_file()
    assert parse_backup_name(made.name, "ledger") is not None
    conn = sqlite3.connect(made)
    assert [r[0] for r in conn.execute("SELECT name FROM mine")] == ["一号矿"]
    conn.close()


def test_backup_default_folder_is_in_the_data_folder(
    db_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "backup"]) == 0
    made = printed_backup(capsys.readouterr().out)
    assert made.is_file()
    assert made.parent == home / "backups" / "ledger" / "manual"


def test_backup_of_a_missing_database_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "无.sqlite3"), "backup", "--to", str(tmp_path / "b")]) == 2
    assert "找不到数据库文件" in capsys.readouterr().err


def test_restore_brings_back_the_backup(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "backup", "--to", str(tmp_path / "b")]) == 0
    made = printed_backup(capsys.readouterr().out)
    add_mine(db_path, "二号矿")

    assert main(["--db", str(db_path), "restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert mine_names(db_path) == ["一号矿"]
    assert str(db_path) in out and str(made) in out
    safety = Path(out.split("恢复前的数据库已另存为：")[1].splitlines()[0].strip())
    assert safety.is_file() and "before-restore" in safety.name
    # the undo the message offers really is an undo
    assert main(["--db", str(db_path), "restore", str(safety)]) == 0
    assert mine_names(db_path) == ["一号矿", "二号矿"]


def test_restore_of_a_bad_file_is_refused_with_exit_2(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "备份.sqlite3"
    bad.write_text("不是数据库", encoding="utf-8")
    before = db_path.read_bytes()
    assert main(["--db", str(db_path), "restore", str(bad)]) == 2
    captured = capsys.readouterr()
    assert "错误：" in captured.err and "不是矿安台账的备份文件" in captured.err
    assert captured.out == ""
    assert db_path.read_bytes() == before


def test_restore_while_a_window_is_open_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "backup", "--to", str(tmp_path / "b")]) == 0
    made = printed_backup(capsys.readouterr().out)
    with FileLock(db_path):
        assert main(["--db", str(db_path), "restore", str(made)]) == 2
    assert "已被另一个矿安台账窗口打开" in capsys.readouterr().err


def test_restore_needs_a_file_argument(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), "restore"])
    assert exc.value.code == 2
    assert "命令用法有误" in capsys.readouterr().err
