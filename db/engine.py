"""Open a MineLedger database: pragmas, integrity check, backup before migrating, Alembic to head.

This is the one module that may speak SQLite-specific SQL; everything else stays portable.
"""

from __future__ import annotations

import ast
import functools
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from db import clock
from db.errors import (
    CorruptDatabaseError,
    DatabaseFileError,
    DiskFullError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyError,
)

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic costs ~0.4 s to import: it is loaded only when a file is behind and has to be migrated.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# "full": PRAGMA quick_check before anything else (the CLI, tests, restores). "deferred": only the schema and
# the version row are read here; the caller runs the whole-file check itself soon after (the window does it on
# its worker once it is shown, so a 2 GB county file does not keep the clerk waiting). A file about to be
# migrated is always checked first, whatever was asked.
IntegrityCheck = Literal["full", "deferred"]
# `revision = "0005"` / `down_revision: str | None = "0004"` at the start of a line of a migration file.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)


@dataclass
class Database:
    """An open database: its engine, a session factory, and the file it lives in (None for other URLs)."""

    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None
    migrated_from: str | None = None
    pre_migration_backup: Path | None = None
    integrity_checked: bool = False  # PRAGMA quick_check passed while opening (see IntegrityCheck)
    extra: dict[str, object] = field(default_factory=dict)

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def read_revision_files(versions_dir: Path | None = None) -> dict[str, tuple[str, ...]] | None:
    """revision → the revisions it follows, read from the migration files' own `revision = …` and
    `down_revision = …` lines without importing Alembic; None when a file does not read plainly (then
    Alembic is asked). tests/db/test_engine.py checks the answer against Alembic's ScriptDirectory."""
    graph: dict[str, tuple[str, ...]] = {}
    for file in sorted((versions_dir or MIGRATIONS_DIR / "versions").glob("*.py")):
        found = {name: value for name, value in _REVISION_LINE.findall(file.read_text(encoding="utf-8"))}
        if not found:
            continue  # __init__.py
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return None
        downs = (down,) if isinstance(down, str) else tuple(down or ())
        if not isinstance(revision, str) or revision in graph or not all(isinstance(d, str) for d in downs):
            return None
        graph[revision] = downs
    return graph or None


@functools.cache
def _revisions() -> tuple[frozenset[str], str]:
    """(every revision this program knows, the head revision)."""
    graph = read_revision_files()
    if graph is not None:
        heads = set(graph) - {d for downs in graph.values() for d in downs}
        if len(heads) == 1:
            return frozenset(graph), heads.pop()
    from alembic.script import ScriptDirectory  # an unusual file: let Alembic read them all

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return frozenset(s.revision for s in script.walk_revisions()), head


def head_revision() -> str:
    return _revisions()[1]


def known_revisions() -> frozenset[str]:
    return _revisions()[0]


def integrity_error(path: Path | None, result: str) -> CorruptDatabaseError:
    """The error for a file PRAGMA quick_check found wrong (at open, or in the window's deferred check)."""
    return CorruptDatabaseError(f"“{path}”已损坏（完整性检查未通过：{result}）。", path)


def translate_sqlite_error(exc: BaseException, path: Path | None) -> DatabaseFileError | None:
    """Map a raw SQLite error onto a message a clerk can act on; None when it is not about the file."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.Error):
        return None
    msg = str(orig).lower()
    name = f"“{path}”" if path else "数据库"
    if "file is not a database" in msg or "not a database" in msg:
        return NotADatabaseError(
            f"{name}不是矿安台账的数据库文件（也不是 SQLite 数据库）。请选择正确的文件。", path
        )
    if "malformed" in msg or "corrupt" in msg:
        return CorruptDatabaseError(f"{name}已损坏（数据库映像格式错误）。", path)
    if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
        return ReadOnlyError(
            f"{name}是只读的或所在文件夹不可写，无法保存记录。请把文件复制到可写的位置，或检查文件属性与磁盘权限。",
            path,
        )
    if "disk is full" in msg or "database or disk is full" in msg:
        return DiskFullError(f"{name}所在磁盘已满，本次修改未保存。请清理磁盘空间后重试。", path)
    if "locked" in msg or "busy" in msg:
        return DatabaseFileError(f"{name}正被另一个程序占用，请稍后再试。", path)
    return None


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # WAL + synchronous=FULL: a committed record survives a power cut, readers never block the writer.
        row = cur.execute("PRAGMA journal_mode").fetchone()
        if row and str(row[0]).lower() != "wal":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
    finally:
        cur.close()


def _check_header(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise NotADatabaseError(f"“{path}”是一个文件夹，不是数据库文件。", path)
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    if head != SQLITE_HEADER:
        raise NotADatabaseError(
            f"“{path}”不是矿安台账的数据库文件（也不是 SQLite 数据库）。请选择正确的文件。", path
        )


def _user_tables(conn: Connection) -> list[str]:
    rows = conn.execute(
        text("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    )
    return [r[0] for r in rows]


def open_database(
    path_or_url: str | Path,
    *,
    backup_dir: Path | None = None,
    latest_backup: Callable[[], Path | None] | None = None,
    migrate: bool = True,
    check: IntegrityCheck = "full",
) -> Database:
    """Open (creating if need be) and bring to the current schema.

    Raises a DatabaseFileError subclass, with a Chinese message, when the file cannot be used.
    `backup_dir` receives the online backup made before any migration; `latest_backup` is asked for the
    newest backup to offer when the file turns out to be corrupt. `check="deferred"` leaves the whole-file
    integrity check to the caller (see IntegrityCheck); `Database.integrity_checked` says whether it ran.
    """
    url_text = str(path_or_url)
    path: Path | None = None
    if "://" not in url_text:
        path = Path(url_text).expanduser().resolve()
        _check_header(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        url = make_url(f"sqlite:///{path}")
    else:
        url = make_url(url_text)
        if url.get_backend_name() == "sqlite" and url.database and not url.database.startswith(":"):
            db_name = url.database.removeprefix("file:").split("?")[0]
            path = Path(db_name).resolve()
            _check_header(path)

    is_sqlite = url.get_backend_name() == "sqlite"
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000} if is_sqlite else {})
    if is_sqlite:
        event.listen(engine, "connect", _set_pragmas)
    db = Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False), path=path)
    try:
        _prepare(db, is_sqlite, backup_dir, migrate, check)
    except CorruptDatabaseError as err:
        engine.dispose()
        err.latest_backup = latest_backup() if latest_backup else None
        raise
    except DatabaseFileError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        mapped = translate_sqlite_error(exc, path)
        if mapped is None:
            raise
        if isinstance(mapped, CorruptDatabaseError):
            mapped.latest_backup = latest_backup() if latest_backup else None
        raise mapped from exc
    return db


def _quick_check(conn: Connection, db: Database) -> None:
    result = conn.execute(text("PRAGMA quick_check")).scalar()
    if str(result).lower() != "ok":
        raise integrity_error(db.path, str(result))
    db.integrity_checked = True


def _current_revisions(conn: Connection, tables: list[str] | None) -> tuple[str, ...]:
    """What alembic_version says, read with plain SQL (as Alembic's MigrationContext would): () for none."""
    present = (
        "alembic_version" in tables if tables is not None else inspect(conn).has_table("alembic_version")
    )
    if not present:
        return ()
    return tuple(str(r) for r in conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def _prepare(
    db: Database, is_sqlite: bool, backup_dir: Path | None, migrate: bool, check: IntegrityCheck
) -> None:
    with db.engine.connect() as conn:
        # Listing the tables reads and parses the whole schema, and the version row is one more page: a
        # file whose first pages are damaged fails here even when the whole-file check is deferred.
        tables = _user_tables(conn) if is_sqlite else None
        if is_sqlite and check == "full":
            _quick_check(conn, db)
        current = _current_revisions(conn, tables)
    has_tables = bool(tables) if is_sqlite else bool(current)
    known, head = known_revisions(), head_revision()
    unknown = [r for r in current if r not in known]
    if unknown:
        raise NewerSchemaError(
            f"“{db.path}”由更新版本的矿安台账写入（数据库版本 {', '.join(unknown)}），本程序无法安全打开。"
            "请安装最新版本的矿安台账后再打开。",
            db.path,
        )
    if current == (head,) or not migrate:
        return
    if is_sqlite and not db.integrity_checked:
        with db.engine.connect() as conn:
            _quick_check(conn, db)  # a damaged file is never backed up or migrated: check it first
    if has_tables and db.path is not None:
        # An existing file is about to change shape: keep an online snapshot first.
        from db.backup import online_backup

        target_dir = backup_dir or db.path.parent / "backups"
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        db.pre_migration_backup = online_backup(
            db.path, target_dir / f"{db.path.stem}-before-{head}-{stamp}.sqlite3"
        )
    db.migrated_from = current[0] if current else None
    run_migration(db, "head", is_sqlite=is_sqlite)


def run_migration(db: Database, target: str, *, is_sqlite: bool = True, downgrade: bool = False) -> None:
    """Alembic to `target` in one transaction. SQLite rebuilds tables for batch changes, which foreign keys
    would forbid mid-way, so they are off during the migration and checked as a whole afterwards."""
    from alembic import command

    cfg = alembic_config()
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        if is_sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # on the raw connection, outside any transaction
        with conn.begin():
            cfg.attributes["connection"] = conn
            (command.downgrade if downgrade else command.upgrade)(cfg, target)
            if is_sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise CorruptDatabaseError(
                        f"数据库升级后外键检查未通过（{broken[:3]}），已撤销升级。", db.path
                    )
        if is_sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")
