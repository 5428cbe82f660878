"""`mineledger VERB …`: the same work as the window, without one. No Qt is imported on this path.

Exit codes: 0 all well; 1 the work was done but found problems (findings, rejected rows); 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from db.errors import CorruptDatabaseError, MineLedgerError
from desktop.commands import VERB_MODULES
from desktop.version import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"命令用法有误：{message}\n请运行“mineledger --help”查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="mineledger",
        description="矿安台账 MineLedger：矿山安全培训、自救器演练和隐患排查治理台账（离线桌面版）",
    )
    parser.add_argument("--version", action="version", version=f"mineledger {__version__}")
    parser.add_argument("--db", metavar="PATH", help="数据库文件（默认在用户数据文件夹中）")
    verbs = parser.add_subparsers(dest="verb", metavar="命令", parser_class=ChineseArgumentParser)
    for module in VERB_MODULES:
        module.register(verbs)
    return parser


def db_path_from(args: argparse.Namespace) -> Path:
    from desktop.paths import default_db_path

    return Path(args.db).expanduser() if args.db else default_db_path()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except CorruptDatabaseError as err:
        hint = (
            f"\n最近的备份：{err.latest_backup}\n可用“mineledger restore 备份文件”恢复。"
            if err.latest_backup
            else ""
        )
        print(f"错误：{err}{hint}", file=sys.stderr)
        return EXIT_USAGE
    except MineLedgerError as err:
        print(f"错误：{err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and cut short: not an error of ours
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
