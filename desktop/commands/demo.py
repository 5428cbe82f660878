"""`mineledger demo`: fill the chosen database with a realistic fictional mine."""

from __future__ import annotations

import argparse
import sys

from db.demo import DEMO_MINE, build_demo
from db.generator import SIZES, generate
from db.queries import list_mines
from desktop.commands.common import open_from_args


def register(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("demo", help="填入演示数据（虚构的矿山、部门和人员）")
    p.add_argument("--seed", type=int, default=20261123, help="随机种子（相同种子得到相同数据）")
    p.add_argument(
        "--size",
        choices=sorted(SIZES),
        help="生成大规模测试数据：office＝1座矿3000人三年记录，county＝40座这样的矿（用于测速）",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.size:
        return run_generator(args)
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


def run_generator(args: argparse.Namespace) -> int:
    db = open_from_args(args)
    try:
        summary = generate(db, args.size, seed=args.seed, progress=lambda msg: print(msg, file=sys.stderr))
    finally:
        db.close()
    rows = "，".join(f"{table} {n}" for table, n in sorted(summary.counts.items()))
    print(f"已生成 {args.size} 规模数据：{len(summary.mine_ids)} 座矿，用时 {summary.seconds:.1f} 秒")
    print(f"行数：{rows}")
    print(f"数据库：{db.path}")
    return 0
