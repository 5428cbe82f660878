"""Backups, daily rotation and restore (db/backup.py), on real files in a temporary folder per test."""

from __future__ import annotations

import calendar
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import groupby
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

import db.backup as backup_mod
from db.backup import (
    DAMAGED_SUFFIX,
    backup_name,
    backup_now,
    daily_backup,
    latest_backup,
    online_backup,
    parse_backup_name,
    quick_check,
    restore,
    rotation_keep,
)
from db.engine import Database, open_database
from db.errors import (
    CorruptDatabaseError,
    DatabaseFileError,
    DatabaseInUseError,
    DiskFullError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyError,
)
from db.lock import FileLock
from db.models import Mine
from db.services.mines import create_mine

ROOT = Path(__file__).resolve().parent.parent
OPERATOR = "测试员"
PAGE = 4096


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("MINELEDGER_HOME", str(path))
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    # A space and Chinese in the folder name: the read-only URI must be encoded, as on a clerk's PC.
    return tmp_path / "矿安 台账#1" / "ledger.sqlite3"


@pytest.fixture
def ledger(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    create_mine(database, OPERATOR, name="一号矿", kind="coal")
    yield database
    database.close()


def mine_names(path: Path) -> list[str]:
    database = open_database(path)
    try:
        with database.session() as s:
            return sorted(s.scalars(select(Mine.name)))
    finally:
        database.close()


def raw_names(path: Path) -> list[str]:
    """Read a file without migrating or touching it: what is really in it."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM mine"))
    finally:
        conn.close()


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def garble(path: Path) -> None:
    """Keep the SQLite header and page 1, scribble over every other page."""
    data = bytearray(path.read_bytes())
    assert len(data) > 2 * PAGE, "need more than one page to garble"
    for i in range(PAGE, len(data)):
        data[i] = (i * 7 + 3) & 0xFF
    path.write_bytes(bytes(data))


def closed_copy_with_two_mines(db_path: Path, tmp_path: Path) -> Path:
    """A finished app database at db_path (一号矿 only) and a checked backup of it; returns the backup."""
    database = open_database(db_path)
    create_mine(database, OPERATOR, name="一号矿", kind="coal")
    made = backup_now(db_path, tmp_path / "backups")
    create_mine(database, OPERATOR, name="二号矿", kind="coal")
    database.close()
    return made


# ---------------------------------------------------------------------------------------------------------
# backup_now


def test_backup_then_restore_gives_the_same_rows(db_path: Path, tmp_path: Path) -> None:
    made = closed_copy_with_two_mines(db_path, tmp_path)
    assert raw_names(made) == ["一号矿"]
    safety = restore(db_path, made, tmp_path / "safety")

    assert mine_names(db_path) == ["一号矿"]
    assert safety is not None and safety.parent == tmp_path / "safety"
    assert safety.name.startswith("ledger-before-restore-") and safety.suffix == ".sqlite3"
    assert raw_names(safety) == ["一号矿", "二号矿"]  # the replaced content is kept, readable
    leftovers = [
        p.name for p in db_path.parent.iterdir() if "restoring" in p.name or p.name.endswith(".part")
    ]
    assert leftovers == []


def test_backup_name_carries_the_time_and_never_overwrites(
    ledger: Database, db_path: Path, tmp_path: Path
) -> None:
    when = datetime(2025, 3, 4, 5, 6, 7)
    first = backup_now(db_path, tmp_path / "b", now=when)
    second = backup_now(db_path, tmp_path / "b", now=when)
    assert first.name == "ledger-20250304-050607.sqlite3"
    assert second.name == "ledger-20250304-050607-2.sqlite3"
    assert parse_backup_name(second.name, "ledger") == (when, 2)
    assert quick_check(first) == "ok" and quick_check(second) == "ok"
    # self-contained: rollback-journal mode, nothing beside it
    conn = sqlite3.connect(first)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted([first.name, second.name])


def test_backup_takes_committed_rows_still_in_the_wal(
    ledger: Database, db_path: Path, tmp_path: Path
) -> None:
    wal = Path(str(db_path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    # What a plain file copy would have given: the main file alone does not have the mine yet.
    plain = tmp_path / "plain.sqlite3"
    shutil.copyfile(db_path, plain)
    conn = sqlite3.connect(plain)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='mine'").fetchall() == []
    conn.close()

    made = backup_now(db_path, tmp_path / "b")
    assert raw_names(made) == ["一号矿"]


def test_backup_during_an_open_write_transaction_is_consistent(
    ledger: Database, db_path: Path, tmp_path: Path
) -> None:
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("PRAGMA cache_size=1")  # spill uncommitted pages into the -wal while the backup reads
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("CREATE TABLE scratch(x TEXT)")
    writer.executemany("INSERT INTO scratch VALUES (?)", [("矿" * 300,)] * 2000)
    writer.execute("DELETE FROM mine")
    try:
        made = backup_now(db_path, tmp_path / "b")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert quick_check(made) == "ok"
    assert raw_names(made) == ["一号矿"]
    conn = sqlite3.connect(made)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='scratch'").fetchone()[0] == 0
    conn.close()


def test_backup_of_a_damaged_database_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    src = tmp_path / "bad.sqlite3"
    database = open_database(src)
    for i in range(30):
        create_mine(database, OPERATOR, name=f"{i}号矿", kind="coal")
    database.close()
    garble(src)
    with pytest.raises(CorruptDatabaseError) as err:
        backup_now(src, tmp_path / "b")
    assert str(src) in str(err.value)
    assert list((tmp_path / "b").iterdir()) == []


def test_backup_of_a_missing_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(DatabaseFileError, match="找不到数据库文件"):
        backup_now(tmp_path / "nowhere.sqlite3", tmp_path / "b")


def test_full_destination_names_the_folder_and_leaves_no_half_file(
    ledger: Database, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = backup_mod._open_target

    def tiny_disk(path: Path) -> sqlite3.Connection:
        conn = real_open(path)
        conn.execute("PRAGMA max_page_count=2")  # SQLite's own "database or disk is full"
        return conn

    monkeypatch.setattr(backup_mod, "_open_target", tiny_disk)
    to_dir = tmp_path / "U盘"
    with pytest.raises(DiskFullError) as err:
        backup_now(db_path, to_dir)
    assert str(to_dir) in str(err.value) and "磁盘已满" in str(err.value)
    assert list(to_dir.iterdir()) == []


def test_unwritable_destination_names_the_folder(
    ledger: Database, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot_open(path: Path) -> sqlite3.Connection:
        path.write_bytes(b"")  # as if something had been created before the failure
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(backup_mod, "_open_target", cannot_open)
    to_dir = tmp_path / "只读"
    with pytest.raises(ReadOnlyError) as err:
        backup_now(db_path, to_dir)
    assert str(to_dir) in str(err.value) and "不可写" in str(err.value)
    assert list(to_dir.iterdir()) == []


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions that bind (not root)"
)
def test_read_only_folder_for_real(ledger: Database, db_path: Path, tmp_path: Path) -> None:
    to_dir = tmp_path / "ro"
    to_dir.mkdir()
    to_dir.chmod(0o555)
    try:
        with pytest.raises(ReadOnlyError, match="不可写"):
            backup_now(db_path, to_dir)
        assert list(to_dir.iterdir()) == []
    finally:
        to_dir.chmod(0o755)


def test_online_backup_keeps_its_signature_for_the_engine(
    ledger: Database, db_path: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "x" / "pre.sqlite3"
    assert online_backup(db_path, dest) == dest
    assert raw_names(dest) == ["一号矿"]
    assert latest_backup(tmp_path / "x") == dest


# ---------------------------------------------------------------------------------------------------------
# rotation: a pure function over names


START = datetime(2023, 1, 1)
DAY = 24 * 3600


@st.composite
def histories(draw: st.DrawFn, max_size: int) -> list[datetime]:
    # Dense histories (weeks of backups) exercise the weekly rule; sparse ones (years) the monthly one.
    span = draw(st.sampled_from([20 * DAY, 120 * DAY, 3 * 365 * DAY]))
    seconds = draw(st.lists(st.integers(min_value=0, max_value=span), max_size=max_size))
    return [START + timedelta(seconds=s) for s in seconds]


foreign = st.sampled_from(
    ["notes.txt", "other-20240101-000000.sqlite3", "ledger-2024.sqlite3", "ledger.sqlite3"]
)


def names_for(times: list[datetime]) -> set[str]:
    return {backup_name("ledger", t) for t in times}


@settings(max_examples=300, deadline=None)
@given(times=histories(80), others=st.sets(foreign, max_size=3))
def test_rotation_properties(times: list[datetime], others: set[str]) -> None:
    names = names_for(times) | others
    keep = rotation_keep(names, "ledger")

    assert keep <= names
    assert others <= keep  # only what we made is ever deleted
    dated = sorted(((parse_backup_name(n, "ledger"), n) for n in names - others), reverse=True)
    if dated:
        assert dated[0][1] in keep  # never the newest
    assert len(keep - others) <= 7 + 4 + 12
    assert rotation_keep(keep, "ledger") == keep  # pruning again deletes nothing more

    # each rule: the newest backup of each of its N most recent periods is there, and nothing older of them
    for count, period in (
        (7, lambda t: t.date()),
        (4, lambda t: t.isocalendar()[:2]),
        (12, lambda t: (t.year, t.month)),
    ):
        newest_of = [next(group)[1] for _, group in groupby(dated, key=lambda d: period(d[0][0]))]
        assert set(newest_of[:count]) <= keep
    for day, group in groupby(dated, key=lambda d: d[0][0].date()):
        older_same_day = [n for _, n in list(group)[1:]]
        assert not set(older_same_day) & keep, day


@settings(max_examples=150, deadline=None)
@given(times=histories(60))
def test_rotation_day_by_day_equals_rotation_at_the_end(times: list[datetime]) -> None:
    kept: set[str] = set()
    for t in sorted(times):
        kept = rotation_keep(kept | {backup_name("ledger", t)}, "ledger")
    assert kept == rotation_keep(names_for(times), "ledger")


def test_rotation_counts_can_be_narrowed() -> None:
    days = [datetime(2025, 1, d, 8) for d in range(1, 32)]
    keep = rotation_keep(names_for(days), "ledger", daily=2, weekly=0, monthly=0)
    assert keep == names_for([datetime(2025, 1, 31, 8), datetime(2025, 1, 30, 8)])


def expected_after_daily_run(last: date, first: date = date.min) -> set[date]:
    """The calendar answer for a backup on every day from `first` to `last` (independent of the code)."""
    daily = {last - timedelta(days=i) for i in range(7)}
    sunday = last + timedelta(days=7 - last.isoweekday())
    weekly = {min(last, sunday - timedelta(weeks=i)) for i in range(4)}
    monthly = set()
    y, m = last.year, last.month
    for _ in range(12):
        monthly.add(min(last, date(y, m, calendar.monthrange(y, m)[1])))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return {d for d in daily | weekly | monthly if d >= first}


def test_expected_set_sanity() -> None:
    got = expected_after_daily_run(date(2025, 2, 3))  # a Monday
    assert date(2025, 2, 2) in got and date(2025, 1, 26) in got and date(2025, 1, 19) in got  # Sundays
    assert date(2025, 1, 31) in got and date(2024, 3, 31) in got and date(2024, 2, 29) not in got
    # this week's and this month's newest, 2 Feb and 31 Jan, are among the 7 days already
    assert len(got) == 7 + 2 + 10


def test_400_days_of_daily_backups_keep_exactly_the_calendar_set(tmp_path: Path) -> None:
    src = tmp_path / "ledger.sqlite3"
    conn = sqlite3.connect(src)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    folder = tmp_path / "daily"
    first = date(2024, 1, 1)
    for i in range(400):
        today = first + timedelta(days=i)
        conn.execute("INSERT INTO t VALUES (?)", (today.isoformat(),))
        conn.commit()
        made = daily_backup(src, folder, today)
        assert made is not None and made.exists()  # today's (the newest) survives its own rotation
        got = {parse_backup_name(p.name, "ledger")[0].date() for p in folder.iterdir()}  # type: ignore[index]
        assert got == expected_after_daily_run(today, first), today
    conn.close()
    assert today == date(2025, 2, 3)
    assert len(list(folder.iterdir())) == 19


def test_daily_backup_twice_in_a_day_makes_one_file(ledger: Database, db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "daily"
    today = date(2025, 6, 1)
    made = daily_backup(db_path, folder, today)
    assert made is not None and made.name.startswith("ledger-20250601-")
    assert daily_backup(db_path, folder, today) is None
    assert [p.name for p in folder.iterdir()] == [made.name]
    assert daily_backup(db_path, folder, today + timedelta(days=1)) is not None
    assert len(list(folder.iterdir())) == 2


def test_daily_backup_leaves_other_files_alone(ledger: Database, db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "daily"
    folder.mkdir()
    strangers = ["说明.txt", "other-20200101-000000.sqlite3", "ledger-old-copy.sqlite3"]
    for name in strangers:
        (folder / name).write_text("x")
    old = [folder / backup_name("ledger", datetime(2020, 1, d)) for d in range(1, 20)]
    for p in old:
        p.write_text("x")
    daily_backup(db_path, folder, date(2025, 6, 1))
    left = {p.name for p in folder.iterdir()}
    assert set(strangers) <= left
    assert old[-1].name in left and old[0].name not in left


def test_daily_backup_without_a_database_does_nothing(tmp_path: Path) -> None:
    assert daily_backup(tmp_path / "none.sqlite3", tmp_path / "daily", date(2025, 1, 1)) is None
    assert not (tmp_path / "daily").exists()


# ---------------------------------------------------------------------------------------------------------
# restore: refusals leave everything as it was


@pytest.fixture
def current(db_path: Path) -> Path:
    """A closed app database with one mine: the file a refused restore must not touch."""
    database = open_database(db_path)
    create_mine(database, OPERATOR, name="一号矿", kind="coal")
    database.close()
    return db_path


def assert_refused(current: Path, bad: Path, tmp_path: Path, error: type[Exception], words: str) -> None:
    before = folder_bytes(current.parent)
    with pytest.raises(error) as err:
        restore(current, bad, tmp_path / "safety")
    assert words in str(err.value)
    assert folder_bytes(current.parent) == before
    assert not (tmp_path / "safety").exists()


def test_restore_refuses_a_text_file(current: Path, tmp_path: Path) -> None:
    bad = tmp_path / "备份.sqlite3"
    bad.write_text("这不是数据库\n" * 100, encoding="utf-8")
    assert_refused(current, bad, tmp_path, NotADatabaseError, "不是矿安台账的备份文件")


def test_restore_refuses_a_garbled_backup(current: Path, tmp_path: Path) -> None:
    bad = backup_now(current, tmp_path / "b")
    garble(bad)
    assert bad.read_bytes().startswith(b"SQLite format 3\x00")
    assert_refused(current, bad, tmp_path, CorruptDatabaseError, "已损坏")


def test_restore_refuses_a_newer_schema(current: Path, tmp_path: Path) -> None:
    bad = backup_now(current, tmp_path / "b")
    conn = sqlite3.connect(bad)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    assert_refused(current, bad, tmp_path, NewerSchemaError, "9999_from_the_future")


def test_restore_refuses_a_foreign_sqlite_file(current: Path, tmp_path: Path) -> None:
    bad = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(bad)
    conn.execute("CREATE TABLE mine(name TEXT)")
    conn.commit()
    conn.close()
    assert_refused(current, bad, tmp_path, NotADatabaseError, "没有版本信息")


def test_restore_refuses_the_database_itself(current: Path, tmp_path: Path) -> None:
    assert_refused(current, current, tmp_path, DatabaseFileError, "数据库本身")


def test_restore_refuses_while_a_window_holds_the_lock(current: Path, tmp_path: Path) -> None:
    good = backup_now(current, tmp_path / "b")
    with FileLock(current):
        assert_refused(current, good, tmp_path, DatabaseInUseError, "已被另一个矿安台账窗口打开")
    restore(current, good, tmp_path / "safety")  # and once the window is closed it goes through


# ---------------------------------------------------------------------------------------------------------
# restore: the awkward current files


def test_restore_over_a_crashed_app_keeps_its_wal_in_the_safety_copy(db_path: Path, tmp_path: Path) -> None:
    made = closed_copy_with_two_mines(db_path, tmp_path)
    # A process that commits a third mine and dies without closing: the row lives only in the -wal.
    script = (
        "import os, sys; from db.engine import open_database; from db.services.mines import create_mine;"
        "d = open_database(sys.argv[1]); create_mine(d, 'x', name='三号矿', kind='coal'); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", script, str(db_path)], cwd=ROOT, check=True)
    assert Path(str(db_path) + "-wal").stat().st_size > 0

    safety = restore(db_path, made, tmp_path / "safety")
    assert safety is not None
    assert raw_names(safety) == ["一号矿", "三号矿", "二号矿"]
    assert mine_names(db_path) == ["一号矿"]  # the old -wal was not replayed onto the restored file


def test_restore_over_a_file_sqlite_cannot_read(db_path: Path, tmp_path: Path) -> None:
    made = closed_copy_with_two_mines(db_path, tmp_path)
    junk = b"\x00garbage" * 2000
    db_path.write_bytes(junk)
    Path(str(db_path) + "-wal").write_bytes(b"stale wal")

    safety = restore(db_path, made, tmp_path / "safety")
    assert safety is not None and safety.suffix == DAMAGED_SUFFIX
    assert safety.read_bytes() == junk  # kept as it was, for whoever investigates
    assert latest_backup(tmp_path / "safety") is None  # and never offered as a backup
    assert mine_names(db_path) == ["一号矿"]


def test_restore_over_a_garbled_database(db_path: Path, tmp_path: Path) -> None:
    made = closed_copy_with_two_mines(db_path, tmp_path)
    garble(db_path)
    safety = restore(db_path, made, tmp_path / "safety")
    assert safety is not None and safety.suffix == DAMAGED_SUFFIX
    assert mine_names(db_path) == ["一号矿"]


def test_restore_of_an_older_schema_migrates_on_next_open(current: Path, tmp_path: Path) -> None:
    old = tmp_path / "schema_0001.sqlite3"
    shutil.copyfile(ROOT / "tests" / "data" / "schema_0001.sqlite3", old)  # never touch the shipped file
    safety = restore(current, old, tmp_path / "safety")
    assert safety is not None and raw_names(safety) == ["一号矿"]
    database = open_database(current, backup_dir=tmp_path / "pre")
    try:
        assert database.migrated_from == "0001"
        assert database.pre_migration_backup is not None
    finally:
        database.close()
    assert mine_names(current) == ["旧版示例煤矿"]


def test_restore_into_an_empty_place(tmp_path: Path) -> None:
    made = closed_copy_with_two_mines(tmp_path / "old" / "ledger.sqlite3", tmp_path)
    fresh = tmp_path / "新电脑" / "ledger.sqlite3"
    assert restore(fresh, made, tmp_path / "safety") is None
    assert mine_names(fresh) == ["一号矿"]


def test_restored_database_is_writable_again_in_wal(db_path: Path, tmp_path: Path) -> None:
    made = closed_copy_with_two_mines(db_path, tmp_path)
    restore(db_path, made, tmp_path / "safety")
    database = open_database(db_path)
    try:
        create_mine(database, OPERATOR, name="四号矿", kind="coal")
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        database.close()
    assert mine_names(db_path) == ["一号矿", "四号矿"]
