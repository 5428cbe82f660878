"""Online backups of the database file (sqlite3 backup API, never a file copy of a live WAL database)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def online_backup(src: Path, dest: Path) -> Path:
    """Copy a consistent snapshot of `src` to `dest`, even while another connection writes."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            # A backup is one self-contained file: no -wal beside it.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()
    tmp.replace(dest)  # atomic: a half-written backup never carries the final name
    return dest


BACKUP_SUFFIX = ".sqlite3"


def latest_backup(folder: Path) -> Path | None:
    """The newest finished backup in a folder (by modification time), or None."""
    if not folder.is_dir():
        return None
    files = [p for p in folder.rglob(f"*{BACKUP_SUFFIX}") if p.is_file()]
    return max(files, key=lambda p: p.stat().st_mtime, default=None)
