"""`mineledger backup [--to DIR]` and `mineledger restore FILE`: the database file's safety net.

Restore asks no question on the command line (scripts have no one to answer); instead it says exactly what it
replaced and where the previous database was kept, so the step can be undone by restoring that copy.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from db.backup import backup_now, restore
from desktop.paths import backup_dir_for

MANUAL_SUBDIR = "manual"
SAFETY_SUBDIR = "before-restore"


def register(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("backup", help="立即备份数据库（联机备份，并做完整性检查）")
    p.add_argument(
        "--to", metavar="DIR", help=f"备份到哪个文件夹（默认：数据文件夹中的 backups/库名/{MANUAL_SUBDIR}）"
    )
    p.set_defaults(run=run)
    r = verbs.add_parser("restore", help="用备份文件恢复数据库（恢复前自动另存当前数据库）")
    r.add_argument("file", metavar="FILE", help="备份文件（.sqlite3）")
    r.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.cli import db_path_from  # desktop.cli imports this module: import it when first used

    db_path = db_path_from(args)
    if args.verb == "restore":
        return _restore(db_path, Path(args.file).expanduser())
    to_dir = Path(args.to).expanduser() if args.to else backup_dir_for(db_path) / MANUAL_SUBDIR
    made = backup_now(db_path, to_dir)
    print(f"已备份数据库“{db_path}”，备份文件（已通过完整性检查）：")
    print(made)
    return 0


def _restore(db_path: Path, backup_file: Path) -> int:
    # A refused file raises a MineLedgerError; desktop.cli prints its Chinese message and exits 2.
    safety = restore(db_path, backup_file, backup_dir_for(db_path) / SAFETY_SUBDIR)
    print(f"已恢复：数据库“{db_path}”的内容已替换为备份“{backup_file}”的内容。")
    if safety is None:
        print("原先没有数据库文件，无需另存。")
    else:
        print(f"恢复前的数据库已另存为：{safety}")
        print(f'如需撤销，可运行：mineledger --db "{db_path}" restore "{safety}"')
    return 0
