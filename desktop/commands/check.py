"""`mineledger check --mine NAME [--json]`: the same findings 首页 shows."""

from __future__ import annotations

import argparse

from db.queries import resolve_mine
from db.rules.findings import SEVERITY_LABELS
from db.rules.runner import findings_for_mine
from desktop.commands.common import add_mine_arg, open_from_args, print_json


def register(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("check", help="检查并列出问题（与首页相同）")
    add_mine_arg(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
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
