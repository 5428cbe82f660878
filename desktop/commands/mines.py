"""`mineledger mines` lists the mines; `mineledger mines add NAME --kind …` adds one."""

from __future__ import annotations

import argparse

from db.models import MINE_KIND_LABELS, MineKind
from db.queries import list_mines
from db.services.mines import KIND_ALIASES, create_mine
from desktop.commands.common import cli_operator, open_from_args, print_json


def register(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("mines", help="列出矿山；mines add 新增矿山")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=run_list)
    sub = p.add_subparsers(dest="mines_verb", metavar="子命令", parser_class=type(p))
    add = sub.add_parser("add", help="新增矿山")
    add.add_argument("name", help="矿山名称")
    add.add_argument(
        "--kind", required=True, choices=["coal", "underground", "open-pit", "tailings"], help="矿山类型"
    )
    add.add_argument("--principal", default="", help="主要负责人姓名")
    add.add_argument("--licence", default="", help="安全生产许可证号")
    add.add_argument("--address", default="", help="地址")
    add.set_defaults(run=run_add)


def run_list(args: argparse.Namespace) -> int:
    db = open_from_args(args)
    try:
        mines = list_mines(db)
    finally:
        db.close()
    if args.json:
        print_json(
            [{"id": m.id, "name": m.name, "kind": m.kind, "principal": m.principal_name} for m in mines]
        )
        return 0
    if not mines:
        print("数据库中还没有矿山。可用“mineledger mines add 名称 --kind coal”新增。")
    for m in mines:
        label = MINE_KIND_LABELS[MineKind(m.kind)]
        print(f"{m.name}\t{label}\t主要负责人：{m.principal_name or '（未填写）'}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    db = open_from_args(args)
    try:
        create_mine(
            db,
            cli_operator(),
            name=args.name,
            kind=KIND_ALIASES[args.kind],
            principal_name=args.principal,
            licence_no=args.licence,
            address=args.address,
        )
    finally:
        db.close()
    print(f"已新增矿山：{args.name.strip()}")
    return 0
