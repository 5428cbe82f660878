"""`mineledger check --mine NAME [--json]`: the same findings 首页 shows."""

from __future__ import annotations

import argparse

from db.queries import list_mines, resolve_mine
from db.rules.findings import SEVERITY_LABELS
from db.rules.runner import findings_for_mine, findings_for_mines
from desktop.commands.common import add_mine_arg, open_from_args, print_json


def register(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("check", help="检查并列出问题（与首页相同）")
    add_mine_arg(p)
    p.add_argument(
        "--all", action="store_true", help="检查数据库中的全部矿山，逐矿列出问题数（县局、集团用）"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.all:
        return run_all(args)
    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        findings = findings_for_mine(db, mine.id)
    finally:
        db.close()
    if args.json:
        print_json({"mine": mine.name, "findings": [f.to_json() for f in findings]})
    elif not findings:
        print(f"{mine.name}：未发现问题。")
    else:
        print(f"{mine.name}：发现 {len(findings)} 个问题")
        for f in findings:
            print(f"[{SEVERITY_LABELS[f.severity]}] {f.rule_code} {f.subject.label}：{f.message}")
            print(f"    依据：{f.source}")
    return 1 if findings else 0


def run_all(args: argparse.Namespace) -> int:
    """Every mine in the file, one line each: a county bureau's view of who needs a call first."""
    db = open_from_args(args)
    try:
        mines = list_mines(db)
        found = findings_for_mines(db, [m.id for m in mines])
    finally:
        db.close()
    if args.json:
        print_json(
            {"mines": [{"mine": m.name, "findings": [f.to_json() for f in found[m.id]]} for m in mines]}
        )
    else:
        for m in sorted(mines, key=lambda m: (-sum(f.severity == "red" for f in found[m.id]), m.name)):
            red = sum(1 for f in found[m.id] if f.severity == "red")
            amber = len(found[m.id]) - red
            print(f"{m.name}：{SEVERITY_LABELS['red']} {red} 项，{SEVERITY_LABELS['amber']} {amber} 项")
        print(f"共 {len(mines)} 座矿山，{sum(len(v) for v in found.values())} 个问题。")
    return 1 if any(found.values()) else 0
