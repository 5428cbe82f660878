"""`mineledger import roster FILE` and `mineledger export roster --out FILE`: the 花名册 in and out of Excel.

`import` and `export` are verbs whose sub-verb names what moves. Each kind registers itself through the
IMPORT_KINDS / EXPORT_KINDS lists below, so `import drills` or `export hazards` is one more function that
adds its sub-parser and sets `run`; the verbs themselves do not change.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from db.queries import resolve_mine
from desktop.commands.common import add_mine_arg, cli_operator, open_from_args

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

KindRegistrar = Callable[[argparse._SubParsersAction], None]


def register_import_roster(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser(
        "roster",
        help="从 Excel（.xlsx）或 CSV 导入从业人员花名册",
        description="自动查找表头（标题行、填报说明和合并单元格都可以有），逐行检查后导入；"
        "有问题的行按 Excel 行号列出原因，其余的行照常导入。",
    )
    p.add_argument("file", metavar="FILE", help="花名册文件（.xlsx 或 .csv，CSV 可为 UTF-8 或 GBK 编码）")
    add_mine_arg(p)
    p.add_argument(
        "--sheet", metavar="S", help="工作表名称或序号（默认：当前工作表，找不到表头时依次查看其他表）"
    )
    p.add_argument("--dry-run", action="store_true", help="试运行：只检查并列出结果，不写入数据库")
    p.set_defaults(run=run_import_roster)


def register_export_roster(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("roster", help="把从业人员花名册导出为 Excel（.xlsx）或 CSV")
    add_mine_arg(p)
    p.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.csv", help="输出文件（.xlsx 或 .csv）")
    p.set_defaults(run=run_export_roster)


IMPORT_KINDS: list[KindRegistrar] = [register_import_roster]
EXPORT_KINDS: list[KindRegistrar] = [register_export_roster]


def _verb(verbs: argparse._SubParsersAction, name: str, help_text: str, kinds: list[KindRegistrar]) -> None:
    p = verbs.add_parser(name, help=help_text)
    sub = p.add_subparsers(dest=f"{name}_kind", metavar="内容", parser_class=type(p))
    for add in kinds:
        add(sub)

    def missing_kind(_args: argparse.Namespace) -> int:
        p.print_help()
        return EXIT_USAGE

    p.set_defaults(run=missing_kind)


def register(verbs: argparse._SubParsersAction) -> None:
    _verb(verbs, "import", "从 Excel/CSV 导入（roster=花名册）", IMPORT_KINDS)
    _verb(verbs, "export", "导出为 Excel/CSV（roster=花名册）", EXPORT_KINDS)


def run_import_roster(args: argparse.Namespace) -> int:
    from db.exchange.roster_import import commit, preview

    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        result = preview(db, mine.id, Path(args.file).expanduser(), sheet=args.sheet)
        sheet = f"工作表“{result.sheet.name}”" if result.sheet.name else ""
        rows = "、".join(map(str, result.mapping.header_rows))
        print(f"{mine.name}：读取“{Path(args.file).name}”{sheet}，表头在第{rows}行")
        for note in result.notes:
            print(f"提示：{note}")
        for rejected in result.rejected:
            print(f"第{rejected.row}行：{rejected.reason}")
        for good in result.good:
            for warning in good.warnings:
                print(f"第{good.row}行（已导入，请核对）：{warning}")
        if result.new_departments:
            verb = "将新建部门" if args.dry_run else "新建部门"
            print(f"{verb}：{'、'.join(result.new_departments)}")
        added = len(result.good) if args.dry_run else commit(db, cli_operator(), result)
    finally:
        db.close()
    trial = "（试运行，未写入）" if args.dry_run else ""
    print(f"导入 {added} 人，拒绝 {len(result.rejected)} 行{trial}")
    return EXIT_PROBLEMS if result.rejected else EXIT_OK


def run_export_roster(args: argparse.Namespace) -> int:
    from db.exchange.roster_export import export_roster

    out = Path(args.out).expanduser()
    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        count = export_roster(db, mine.id, out)
    finally:
        db.close()
    print(f"已导出“{mine.name}”花名册：{out}（{count} 人）")
    return EXIT_OK
