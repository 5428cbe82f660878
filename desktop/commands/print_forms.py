"""`mineledger print FORM --mine NAME --out FILE.pdf`: build a printed form without a window."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.queries import resolve_mine
from desktop.commands.common import add_mine_arg, ensure_parent, open_from_args
from desktop.printing.catalog import FORMS


def register(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("print", help="生成打印表格（PDF）")
    p.add_argument(
        "form", choices=sorted(FORMS), help="表格：" + "，".join(f"{k}={e.title}" for k, e in FORMS.items())
    )
    add_mine_arg(p)
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件（.xlsx 则导出 Excel）")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.printing.layout import build_pdf

    entry = FORMS[args.form]
    out = Path(args.out).expanduser()
    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        form = entry.build(db, mine.id)
    finally:
        db.close()
    ensure_parent(out)
    if out.suffix.lower() == ".xlsx":
        from desktop.printing.xlsx import write_xlsx

        write_xlsx(out, form)
        print(f"已导出“{entry.title}”：{out}（{len(form.rows)} 行）")
        return 0
    pages = build_pdf(out, form)
    print(f"已生成“{entry.title}”：{out}（{len(form.rows)} 行，共 {pages} 页）")
    return 0
