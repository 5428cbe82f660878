"""Opening a database: pragmas, migrations, old schema files, and files that cannot be used."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.schema import CreateIndex

from db.engine import head_revision, open_database, run_migration
from db.errors import (
    CorruptDatabaseError,
    DatabaseInUseError,
    DiskFullError,
    DuplicateError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyError,
)
from db.lock import FileLock
from db.models import AuditEntry, Mine, Person
from db.services.mines import create_mine

DATA = Path(__file__).resolve().parent.parent / "data"


def count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_pragmas_in_force(db):
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_new_file_migrates_to_head_and_reopens_without_backup(db_path, tmp_path):
    first = open_database(db_path, backup_dir=tmp_path / "bk")
    assert first.migrated_from is None and first.pre_migration_backup is None
    with first.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    create_mine(first, "测试员", name="一号矿", kind="coal")
    first.close()
    again = open_database(db_path, backup_dir=tmp_path / "bk")
    assert again.pre_migration_backup is None
    assert count(again, Mine) == 1
    assert not (tmp_path / "bk").exists()
    again.close()


def test_migrations_build_every_index_the_models_declare(db):
    """A query plan is only as good as the indexes the migrations actually made: the models and the
    migrated file must agree, name for name and column for column."""
    from db.models import Base

    declared = {
        ix.name: str(CreateIndex(ix).compile(dialect=db.engine.dialect)).replace("CREATE UNIQUE", "CREATE")
        for table in Base.metadata.tables.values()
        for ix in table.indexes
    }
    with db.engine.connect() as conn:
        made = dict(
            conn.execute(
                text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            ).all()
        )
    assert set(declared) <= set(made)

    def normal(sql: str) -> str:
        return " ".join(sql.replace("CREATE UNIQUE", "CREATE").replace('"', "").split()).lower()

    for name, sql in declared.items():
        assert normal(made[name]) == normal(sql), name


def test_foreign_keys_are_enforced(db):
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO department (mine_id, name, sort_order, underground) VALUES (999, 'x', 1, 0)"
                )
            )


@pytest.mark.parametrize("schema_file", sorted(p.name for p in DATA.glob("schema_*.sqlite3")))
def test_every_released_schema_file_opens_and_keeps_its_rows(schema_file, tmp_path):
    copy = tmp_path / schema_file
    shutil.copy(DATA / schema_file, copy)
    with sqlite3.connect(copy) as raw:
        people_before = raw.execute("SELECT name, id_number FROM person ORDER BY id").fetchall()
    db = open_database(copy, backup_dir=tmp_path / "bk")
    with db.session() as s:
        assert [(p.name, p.id_number) for p in s.scalars(select(Person).order_by(Person.id))] == people_before
        assert s.scalar(select(Mine.name)) == "旧版示例煤矿"
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    db.close()


def test_pending_migration_makes_an_online_backup_first(db_path, tmp_path):
    db = open_database(db_path)
    create_mine(db, "测试员", name="一号矿", kind="coal")
    run_migration(db, "base", downgrade=True)
    db.close()
    reopened = open_database(db_path, backup_dir=tmp_path / "bk")
    backup = reopened.pre_migration_backup
    assert backup is not None and backup.parent == tmp_path / "bk"
    with sqlite3.connect(backup) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert raw.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 0
    reopened.close()


def test_a_text_file_is_refused_in_chinese_and_left_alone(tmp_path):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("这是一份会议记录，不是数据库。", encoding="utf-8")
    before = bogus.read_bytes()
    with pytest.raises(NotADatabaseError, match="不是矿安台账的数据库文件"):
        open_database(bogus)
    assert bogus.read_bytes() == before


def test_a_corrupt_file_is_refused_and_the_latest_backup_offered(db_path, tmp_path):
    db = open_database(db_path)
    for i in range(30):
        create_mine(db, "测试员", name=f"矿{i}", kind="coal", address="地" * 150)
    db.close()
    raw = bytearray(db_path.read_bytes())
    for offset in range(4096 * 2, len(raw), 4096):  # garble every page after the first two
        raw[offset + 8 : offset + 200] = b"\xff" * 192
    db_path.write_bytes(bytes(raw))
    Path(str(db_path) + "-wal").unlink(missing_ok=True)
    offered = tmp_path / "backups" / "ledger-20261101.sqlite3"
    with pytest.raises(CorruptDatabaseError, match="损坏") as info:
        open_database(db_path, latest_backup=lambda: offered)
    assert info.value.latest_backup == offered


def test_a_database_from_a_newer_version_is_refused(db_path):
    db = open_database(db_path)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num='9999_future'"))
    db.close()
    with pytest.raises(NewerSchemaError, match="更新版本"):
        open_database(db_path)
    with sqlite3.connect(db_path) as raw:  # still as the newer app left it
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_future"


def test_a_read_only_database_refuses_writes_in_chinese_and_keeps_nothing(db_path):
    open_database(db_path).close()
    ro = open_database(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    with pytest.raises(ReadOnlyError, match="只读"):
        create_mine(ro, "测试员", name="一号矿", kind="coal")
    ro.close()
    db = open_database(db_path)
    assert count(db, Mine) == 0 and count(db, AuditEntry) == 0
    db.close()


def test_a_full_disk_refuses_the_write_and_keeps_nothing(db):
    create_mine(db, "测试员", name="一号矿", kind="coal")
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def cap_size(dbapi_conn, _record):  # no page may be added: the disk is "full"
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    with pytest.raises(DiskFullError, match="磁盘已满"):
        create_mine(db, "测试员", name="二号矿", kind="coal", address="很长的地址" * 1000)
    assert count(db, Mine) == 1
    assert count(db, AuditEntry) == 1


def test_a_second_copy_of_the_app_cannot_lock_the_same_file(db_path):
    with FileLock(db_path):
        with pytest.raises(DatabaseInUseError, match="另一个矿安台账窗口"):
            FileLock(db_path).acquire()
    with FileLock(db_path):  # released when the first copy closes
        pass


def test_a_mine_name_already_taken_changes_nothing(db):
    create_mine(db, "测试员", name="一号矿", kind="coal")
    with pytest.raises(DuplicateError, match=r"矿山名称.*已存在"):
        create_mine(db, "测试员", name=" 一号矿 ", kind="tailings")
    assert count(db, Mine) == 1 and count(db, AuditEntry) == 1


# --- what opening costs: no Alembic unless a migration runs, the whole-file check only when asked ----------


def test_the_revisions_read_from_the_migration_files_are_alembics():
    """open_database reads the migration files' own revision lines instead of importing Alembic (~0.4 s):
    it must see the same revisions and the same head. A migration file written so that the plain reading
    gives up falls back to Alembic, but should not be written that way."""
    from alembic.script import ScriptDirectory

    from db.engine import alembic_config, known_revisions, read_revision_files

    script = ScriptDirectory.from_config(alembic_config())
    graph = read_revision_files()
    assert graph is not None, "a migration file's revision lines are not plain literals"
    assert set(graph) == {s.revision for s in script.walk_revisions()}
    for s in script.walk_revisions():
        down = s.down_revision
        assert graph[s.revision] == ((down,) if isinstance(down, str) else tuple(down or ())), s.revision
    assert head_revision() == script.get_current_head()
    assert known_revisions() == frozenset(graph)


def test_reading_the_revisions_copes_with_odd_files(tmp_path):
    from db.engine import read_revision_files

    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "0001_a.py").write_text('revision = "0001"\ndown_revision = None\n')
    (tmp_path / "0002_b.py").write_text('revision: str = "0002"\ndown_revision: str | None = "0001"\n')
    (tmp_path / "0003_c.py").write_text("revision = 'm'\ndown_revision = ('0001', '0002')\n")
    assert read_revision_files(tmp_path) == {"0001": (), "0002": ("0001",), "m": ("0001", "0002")}
    (tmp_path / "0004_d.py").write_text("revision = make_id()\ndown_revision = 'm'\n")
    assert read_revision_files(tmp_path) is None  # not a literal: Alembic is asked instead


def test_opening_a_current_file_does_not_import_alembic(db_path):
    open_database(db_path).close()
    code = f"""
import sys
from db.engine import open_database
db = open_database(r"{db_path}")
assert db.migrated_from is None and db.integrity_checked
db.close()
assert not [m for m in sys.modules if m.split(".")[0] == "alembic"], "alembic was imported"
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def damage_a_late_page(path: Path) -> None:
    """Garble one page near the end (rows of the biggest table), leaving the schema and the version row."""
    raw = bytearray(path.read_bytes())
    page = 4096
    offset = (len(raw) // page - 2) * page
    raw[offset + 8 : offset + 400] = b"\xff" * 392
    path.write_bytes(bytes(raw))


def many_mines(db_path: Path) -> None:
    db = open_database(db_path)
    for i in range(60):
        create_mine(db, "测试员", name=f"矿{i}", kind="coal", address="地" * 150)
    db.close()
    with closing(sqlite3.connect(db_path)) as raw:  # fold the -wal in, so the damage below is all there is
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("PRAGMA journal_mode=DELETE")


def test_a_deferred_check_opens_a_file_the_full_check_refuses(db_path):
    many_mines(db_path)
    damage_a_late_page(db_path)
    with pytest.raises(CorruptDatabaseError, match="已损坏"):
        open_database(db_path)  # the default stays the safe one
    db = open_database(db_path, check="deferred")
    assert not db.integrity_checked  # the caller knows it still has to check
    db.close()


def test_a_deferred_check_still_refuses_a_damaged_schema(db_path):
    open_database(db_path).close()
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")
    raw_bytes = bytearray(db_path.read_bytes())
    raw_bytes[100 + 8 : 4096] = b"\xff" * (4096 - 108)  # page 1: the schema itself
    db_path.write_bytes(bytes(raw_bytes))
    with pytest.raises(CorruptDatabaseError):
        open_database(db_path, check="deferred")


def test_a_file_about_to_be_migrated_is_checked_even_when_the_check_is_deferred(db_path, tmp_path):
    many_mines(db_path)
    db = open_database(db_path)
    run_migration(db, "0004", downgrade=True)
    db.close()
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")
    damage_a_late_page(db_path)
    open_database(db_path, check="deferred", migrate=False).close()  # the cheap reads pass
    before = db_path.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="已损坏"):
        open_database(db_path, check="deferred", backup_dir=tmp_path / "bk")
    assert db_path.read_bytes() == before  # not migrated
    assert not (tmp_path / "bk").exists()  # and not backed up


def test_a_deferred_open_of_a_file_behind_runs_the_check_and_migrates(db_path, tmp_path):
    many_mines(db_path)
    db = open_database(db_path)
    run_migration(db, "0004", downgrade=True)
    db.close()
    again = open_database(db_path, check="deferred", backup_dir=tmp_path / "bk")
    assert again.integrity_checked and again.migrated_from == "0004"
    assert again.pre_migration_backup is not None
    again.close()
