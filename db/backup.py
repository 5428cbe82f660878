"""Online backups, daily rotation and restore of the database file.

Every copy goes through the sqlite3 backup API, never a file copy of a live WAL database: a plain copy of the
main file misses what is still in the -wal file and can catch a page mid-write. Every file we write first gets a
temporary name and only takes its final name once it is complete and checked, so a crash or a full disk leaves
either the old file or the new one, never half of one.

Names carry the time they were made (`<stem>-YYYYMMDD-HHMMSS.sqlite3`), so rotation is a pure function over a
list of names (`rotation_keep`) and never has to trust file modification times.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Hashable, Iterable
from datetime import date, datetime
from pathlib import Path

from db import clock
from db.engine import SQLITE_HEADER, known_revisions, translate_sqlite_error
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

BACKUP_SUFFIX = ".sqlite3"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
# Safety copies of a file that SQLite itself cannot read keep this suffix, so they are never offered as a backup.
DAMAGED_SUFFIX = ".damaged"
DAILY_SUBDIR = "daily"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
BUSY_TIMEOUT_S = 5.0
# Files SQLite keeps beside a database; after the main file is swapped they belong to the old one.
SIDECARS = ("-wal", "-shm", "-journal")


# ---------------------------------------------------------------------------------------------------------
# low-level copying


def _ro_uri(path: Path) -> str:
    # as_uri() percent-encodes spaces, '#', '?' and Chinese folder names, which a bare "file:" string would not.
    return path.resolve().as_uri() + "?mode=ro"


def _open_source(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(_ro_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)


def _open_target(path: Path) -> sqlite3.Connection:
    """The connection a copy is written through (a seam the disk-full test narrows with max_page_count)."""
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)


def quick_check(path: Path) -> str:
    """`PRAGMA quick_check` of a file, read-only: "ok" or what SQLite found wrong."""
    try:
        conn = _open_source(path)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:  # a garbled page can stop the check itself
        return str(exc)
    finally:
        conn.close()
    return "; ".join(str(r[0]) for r in rows[:5]) or "ok"


def check_integrity(path: Path) -> str:
    """`PRAGMA quick_check` of the live file: "ok" or what SQLite found wrong with its pages. An error that
    says nothing about the pages (locked, an I/O hiccup on a USB stick, cannot open) is raised, in Chinese,
    instead of being taken for damage: a restore offered on a passing read error would roll data back."""
    try:
        conn = _open_source(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        mapped = translate_sqlite_error(exc, path)
        if isinstance(mapped, CorruptDatabaseError | NotADatabaseError):
            return str(exc)  # a garbled page can stop the check itself
        raise (mapped or exc) from exc
    return "; ".join(str(r[0]) for r in rows[:5]) or "ok"


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself survive a power cut; directories cannot be opened this way on Windows.
    if os.name == "nt":  # pragma: no cover
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _destination_error(exc: BaseException, folder: Path) -> DatabaseFileError:
    """A failure to write into `folder`, told in terms of the folder (the clerk's choice), not SQLite."""
    code = exc.errno if isinstance(exc, OSError) else None
    msg = str(exc).lower()
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) or "full" in msg:
        return DiskFullError(
            f"文件夹“{folder}”所在磁盘已满，文件没有写成。请清理磁盘空间或换一个文件夹后重试。", folder
        )
    if (
        code in (errno.EACCES, errno.EPERM, errno.EROFS)
        or "readonly" in msg
        or "read-only" in msg
        or "unable to open" in msg
    ):
        return ReadOnlyError(
            f"文件夹“{folder}”不可写（只读，或没有写入权限），文件没有写成。请换一个文件夹或检查权限后重试。",
            folder,
        )
    return DatabaseFileError(f"无法写入文件夹“{folder}”：{exc}", folder)


def _copy_error(exc: sqlite3.Error, src: Path, folder: Path) -> DatabaseFileError:
    msg = str(exc).lower()
    # Unreadable or busy means the source; anything else went wrong on the way into the destination.
    if any(word in msg for word in ("not a database", "malformed", "corrupt", "locked", "busy")):
        mapped = translate_sqlite_error(exc, src)
        if mapped is not None:
            return mapped
    return _destination_error(exc, folder)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def online_backup(src: Path, dest: Path, *, verify: bool = True) -> Path:
    """Copy a consistent snapshot of `src` to `dest`, even while another connection writes.

    The copy is made under `<dest>.part`, checked with quick_check (unless `verify=False`) and only then
    renamed to `dest`. Raises DiskFullError / ReadOnlyError naming the folder when it cannot be written, and
    CorruptDatabaseError when the copy does not pass the check; in every failure no file is left behind.
    """
    src = Path(src)
    dest = Path(dest)
    if not src.is_file():
        raise DatabaseFileError(f"找不到数据库文件“{src}”，无法备份。", src)
    folder = dest.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _destination_error(exc, folder) from exc
    tmp = dest.with_name(dest.name + ".part")
    try:
        tmp.unlink(missing_ok=True)
        source = _open_source(src)
        try:
            target = _open_target(tmp)
            try:
                source.backup(target)
                # A backup is one self-contained file: no -wal beside it.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        if verify:
            result = quick_check(tmp)
            if result.lower() != "ok":
                raise CorruptDatabaseError(
                    f"“{src}”的备份没有通过完整性检查（{result}），数据库文件可能已损坏。备份未保存。", src
                )
        os.replace(tmp, dest)  # atomic: a half-written backup never carries the final name
    except sqlite3.Error as exc:
        _remove_quietly(tmp)
        raise _copy_error(exc, src, folder) from exc
    except OSError as exc:
        _remove_quietly(tmp)
        raise _destination_error(exc, folder) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise
    _fsync_dir(folder)
    return dest


# ---------------------------------------------------------------------------------------------------------
# names


def backup_name(stem: str, when: datetime, seq: int = 1) -> str:
    """`<stem>-YYYYMMDD-HHMMSS.sqlite3`; a second backup within the same second gets `-2`, `-3` …"""
    tail = f"-{seq}" if seq > 1 else ""
    return f"{stem}-{when.strftime(STAMP_FORMAT)}{tail}{BACKUP_SUFFIX}"


def parse_backup_name(name: str, stem: str) -> tuple[datetime, int] | None:
    """(time made, sequence) of a backup of `stem`, or None for any other file."""
    m = re.fullmatch(re.escape(stem) + r"-(\d{8}-\d{6})(?:-(\d+))?" + re.escape(BACKUP_SUFFIX), name)
    if m is None:
        return None
    try:
        when = datetime.strptime(m.group(1), STAMP_FORMAT)
    except ValueError:
        return None
    return when, int(m.group(2) or 1)


def _free_name(folder: Path, stem: str, when: datetime) -> Path:
    seq = 1
    while (folder / backup_name(stem, when, seq)).exists():
        seq += 1
    return folder / backup_name(stem, when, seq)


def backup_now(db_path: Path, to_dir: Path, now: datetime | None = None) -> Path:
    """Back `db_path` up into `to_dir` as `<stem>-YYYYMMDD-HHMMSS.sqlite3`, checked, and return its path."""
    when = (now or clock.now()).replace(microsecond=0)
    db_path = Path(db_path)
    return online_backup(db_path, _free_name(Path(to_dir), db_path.stem, when))


# ---------------------------------------------------------------------------------------------------------
# rotation


def _iso_week(when: datetime) -> Hashable:
    iso = when.isocalendar()
    return (iso.year, iso.week)


ROTATION_PERIODS: tuple[tuple[str, Callable[[datetime], Hashable]], ...] = (
    ("daily", lambda when: when.date()),
    ("weekly", _iso_week),
    ("monthly", lambda when: (when.year, when.month)),
)


def rotation_keep(
    names: Iterable[str],
    stem: str,
    *,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> set[str]:
    """Which of `names` to keep: pure, so it can be tested over any history.

    For each rule, the newest backup of each of the N most recent days / ISO weeks / months that have a backup;
    the union of the three. The newest backup is always kept, and so is every name that is not a backup of
    `stem` (we only ever delete what we made).
    """
    names = set(names)
    keep: set[str] = set()
    dated: list[tuple[datetime, int, str]] = []
    for name in names:
        parsed = parse_backup_name(name, stem)
        if parsed is None:
            keep.add(name)
        else:
            dated.append((*parsed, name))
    dated.sort(reverse=True)  # newest first, so the first seen in a period is that period's newest
    if dated:
        keep.add(dated[0][2])
    counts = {"daily": daily, "weekly": weekly, "monthly": monthly}
    for rule, period_of in ROTATION_PERIODS:
        seen: set[Hashable] = set()
        for when, _seq, name in dated:
            period = period_of(when)
            if period in seen:
                continue
            if len(seen) >= counts[rule]:
                break
            seen.add(period)
            keep.add(name)
    return keep


def rotate(folder: Path, stem: str) -> list[Path]:
    """Delete the backups of `stem` in `folder` that rotation_keep does not keep; returns what was deleted."""
    if not folder.is_dir():
        return []
    files = {p.name: p for p in folder.iterdir() if p.is_file()}
    keep = rotation_keep(files, stem)
    deleted = []
    for name in sorted(set(files) - keep):
        try:
            files[name].unlink()
        except OSError:
            continue  # an old backup we could not delete costs space, not data; try again tomorrow
        deleted.append(files[name])
    return deleted


def daily_backup(db_path: Path, folder: Path, today: date) -> Path | None:
    """At app start: make today's backup in `folder` (e.g. backup_dir_for(db) / DAILY_SUBDIR) unless there
    already is one, then rotate the folder. Returns the new backup, or None when none was needed."""
    db_path = Path(db_path)
    folder = Path(folder)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None  # nothing written yet, nothing to lose
    made: Path | None = None
    existing = [p.name for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    days = {parsed[0].date() for parsed in (parse_backup_name(n, db_path.stem) for n in existing) if parsed}
    if today not in days:
        made = backup_now(db_path, folder, datetime.combine(today, clock.now().time()))
    rotate(folder, db_path.stem)
    return made


def latest_backup(folder: Path) -> Path | None:
    """The newest finished backup under a folder (by modification time), or None."""
    if not folder.is_dir():
        return None
    files = [p for p in folder.rglob(f"*{BACKUP_SUFFIX}") if p.is_file() and p.stat().st_size > 0]
    return max(files, key=lambda p: p.stat().st_mtime, default=None)


# ---------------------------------------------------------------------------------------------------------
# restore


def check_backup_file(backup_file: Path) -> list[str]:
    """Refuse, with a Chinese message, a file this app must not restore from; return its schema revisions."""
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise DatabaseFileError(f"找不到备份文件“{backup_file}”。", backup_file)
    with backup_file.open("rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    if head != SQLITE_HEADER:
        raise NotADatabaseError(
            f"“{backup_file}”不是矿安台账的备份文件（也不是 SQLite 数据库），不能用来恢复。", backup_file
        )
    result = quick_check(backup_file)
    if result.lower() != "ok":
        raise CorruptDatabaseError(
            f"备份文件“{backup_file}”已损坏（完整性检查未通过：{result}），不能用来恢复。请换一个备份。",
            backup_file,
        )
    try:
        conn = _open_source(backup_file)
        try:
            revisions = [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise NotADatabaseError(
            f"“{backup_file}”是 SQLite 数据库，但不是矿安台账的数据库（没有版本信息），不能用来恢复。",
            backup_file,
        ) from exc
    if not revisions:
        raise NotADatabaseError(
            f"“{backup_file}”没有记录数据库版本，不是完整的矿安台账备份，不能用来恢复。", backup_file
        )
    unknown = [r for r in revisions if r not in known_revisions()]
    if unknown:
        raise NewerSchemaError(
            f"备份文件“{backup_file}”由更新版本的矿安台账写入（数据库版本 {', '.join(unknown)}），"
            "本程序无法使用它。请安装最新版本的矿安台账后再恢复。",
            backup_file,
        )
    return revisions


def _safety_copy(db_path: Path, safety_dir: Path, when: datetime) -> Path:
    """Keep the current file before it is replaced: online backup, or a byte copy if SQLite cannot read it."""
    dest = _free_name(safety_dir, f"{db_path.stem}-before-restore", when)
    try:
        return online_backup(db_path, dest)
    except (CorruptDatabaseError, NotADatabaseError):
        pass  # the usual reason to restore: keep the damaged bytes as they are, for whoever investigates
    # No other process has the file (we hold its lock), so a byte copy of it and its -wal is consistent.
    damaged = dest.with_suffix(DAMAGED_SUFFIX)
    try:
        for suffix in ("", "-wal"):
            part = Path(str(db_path) + suffix)
            if part.is_file():
                tmp = Path(str(damaged) + suffix + ".part")
                shutil.copyfile(part, tmp)
                os.replace(tmp, Path(str(damaged) + suffix))
    except OSError as exc:
        raise _destination_error(exc, safety_dir) from exc
    return damaged


def _write_into(source: Path, db_path: Path) -> None:
    """Overwrite db_path's content with `source` (a checked local copy), crash-safely."""
    try:
        dest = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_S)
        try:
            # Folds any -wal into the main file first, and lets the page size change if the backup's differs;
            # the copy below then runs under a rollback journal, so a crash leaves the old content.
            dest.execute("PRAGMA journal_mode=DELETE")
            src = sqlite3.connect(source)
            try:
                src.backup(dest)
            finally:
                src.close()
        finally:
            dest.close()
        return
    except sqlite3.Error as exc:
        msg = str(exc).lower()
        if "locked" in msg or "busy" in msg:
            raise DatabaseInUseError(
                f"数据库文件“{db_path}”正被另一个程序使用，无法恢复。请关闭使用它的程序后重试。", db_path
            ) from exc
        if "full" in msg:
            raise _destination_error(exc, db_path.parent) from exc
    # SQLite cannot open the current file at all (garbage, not a database): swap the file itself. Its sidecars
    # go first, since a leftover -wal or -journal would be replayed onto the new file.
    for suffix in SIDECARS:
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(source, db_path)
    _fsync_dir(db_path.parent)


def restore(db_path: Path, backup_file: Path, safety_dir: Path, now: datetime | None = None) -> Path | None:
    """Replace the database at `db_path` with the content of `backup_file`.

    Refuses (nothing changed) a file that is not a SQLite database, fails quick_check, has no alembic_version
    or a schema revision this app does not know; refuses with DatabaseInUseError while an app window holds the
    database's lock. Before writing, the current file is kept in `safety_dir` as
    `<stem>-before-restore-YYYYMMDD-HHMMSS.sqlite3` (`.damaged` when SQLite cannot read it). Returns that safety
    copy, or None when there was no current database to keep. An older-schema backup is migrated the next time
    the database is opened, with the usual backup first.
    """
    db_path = Path(db_path).resolve()
    backup_file = Path(backup_file).resolve()
    if backup_file == db_path:
        raise DatabaseFileError(f"“{backup_file}”就是当前数据库本身，不能用它恢复自己。", backup_file)
    check_backup_file(backup_file)
    when = (now or clock.now()).replace(microsecond=0)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _destination_error(exc, db_path.parent) from exc
    with FileLock(db_path):
        # A local, checked copy first: the backup may sit on a USB stick that is pulled out half-way.
        staged = db_path.with_name(f".{db_path.name}.restoring")
        try:
            online_backup(backup_file, staged)
            safety: Path | None = None
            if db_path.is_file() and db_path.stat().st_size > 0:
                safety = _safety_copy(db_path, Path(safety_dir), when)
            try:
                _write_into(staged, db_path)
            except OSError as exc:
                raise _destination_error(exc, db_path.parent) from exc
        finally:
            _remove_quietly(staged)
    result = quick_check(db_path)
    if result.lower() != "ok":
        kept = f"恢复前的数据库已另存为“{safety}”。" if safety else ""
        raise CorruptDatabaseError(
            f"恢复后的数据库“{db_path}”没有通过完整性检查（{result}）。{kept}", db_path
        )
    return safety
