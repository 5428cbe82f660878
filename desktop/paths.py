"""Where MineLedger keeps its files: one data folder (platformdirs), redirectable by MINELEDGER_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "MineLedger"
DB_FILE = "mineledger.sqlite3"


def data_dir() -> Path:
    override = os.environ.get("MINELEDGER_HOME")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_db_path() -> Path:
    return data_dir() / DB_FILE


def backup_dir_for(db_path: Path | None) -> Path:
    """Automatic backups live in the data folder, per database file name."""
    name = db_path.stem if db_path is not None else "database"
    return data_dir() / "backups" / name
