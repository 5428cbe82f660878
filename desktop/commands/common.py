"""Shared plumbing for command-line verbs: open the chosen database, name the operator."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from db.engine import Database, open_database

CLI_OPERATOR_PREFIX = "命令行"


def cli_operator() -> str:
    """Who a command-line write is recorded against: the OS account, marked as the command line."""
    try:
        user = getpass.getuser()
    except Exception:
        user = "?"
    return f"{CLI_OPERATOR_PREFIX}:{user}"


def open_from_args(args: argparse.Namespace) -> Database:
    from db.backup import latest_backup
    from desktop.cli import db_path_from
    from desktop.paths import backup_dir_for

    path = db_path_from(args)
    backups = backup_dir_for(path)
    return open_database(path, backup_dir=backups, latest_backup=lambda: latest_backup(backups))


def add_mine_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mine", metavar="NAME", help="矿山名称（数据库中只有一个矿山时可省略）")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def ensure_parent(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
