"""`mineledger demo`: fill the chosen database with a realistic fictional mine."""

from __future__ import annotations

import argparse

from db.demo import DEMO_MINE, build_demo
from db.queries import list_mines
from desktop.commands.common import open_from_args


def register(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("demo", help="填入演示数据（虚构的矿山、部门和人员）")
    p.add_argument("--seed", type=int, default=20261123, help="随机种子（相同种子得到相同数据）")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = open_from_args(args)
    try:
        before = {m.name for m in list_mines(db)}
        build_demo(db, seed=args.seed)
        mines = list_mines(db)
    finally:
        db.close()
    if DEMO_MINE in before:
        print(f"演示数据已存在：{DEMO_MINE}，未重复填入。")
    else:
        print(f"已填入演示数据：{'、'.join(m.name for m in mines if m.name not in before)}")
    print(f"数据库：{db.path}")
    return 0
