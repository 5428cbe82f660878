"""`mineledger print FORM [--mine NAME] --out FILE.pdf|.xlsx [--person ID_NUMBER] [--session ID] [--days N]`:
build a printed form without a window."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from db.errors import ValidationError
from db.queries import resolve_mine
from desktop.commands.common import add_mine_arg, ensure_parent, open_from_args
from desktop.printing.catalog import FORMS, FormParam, all_params


def _converter(param: FormParam) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        try:
            return param.parse(text)
        except ValidationError as err:  # argparse prints it as a usage error (exit 2)
            raise argparse.ArgumentTypeError(str(err)) from None

    return convert


def register(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("print", help="生成打印表格（PDF 或 Excel）")
    p.add_argument(
        "form", choices=list(FORMS), help="表格：" + "，".join(f"{k}={e.title}" for k, e in FORMS.items())
    )
    add_mine_arg(p)
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件（.xlsx 则导出 Excel）")
    for param in all_params():
        users = "、".join(key for key, entry in FORMS.items() if param in entry.params)
        p.add_argument(
            param.flag,
            dest=f"param_{param.name}",
            type=_converter(param),
            metavar=param.metavar,
            help=f"（{users}）{param.help}",
        )
    p.set_defaults(run=run)


def _params(args: argparse.Namespace) -> dict[str, Any]:
    """The options given for this form; an option of another form is a usage error, not silently dropped."""
    entry = FORMS[args.form]
    mine = {param.name for param in entry.params}
    values: dict[str, Any] = {}
    for param in all_params():
        value = getattr(args, f"param_{param.name}", None)
        if value is None:
            continue
        if param.name not in mine:
            users = "、".join(key for key, e in FORMS.items() if param in e.params)
            raise ValidationError(param.flag, f"只适用于 {users}，不适用于 {args.form}")
        values[param.name] = value
    return values


def run(args: argparse.Namespace) -> int:
    entry = FORMS[args.form]
    out = Path(args.out).expanduser()
    params = _params(args)
    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        form = entry.build(db, mine.id, **params)
    finally:
        db.close()
    ensure_parent(out)
    parts = getattr(form, "parts", ())
    count = f"{len(parts)} 份" if parts else f"{len(form.rows)} 行"
    if out.suffix.lower() == ".xlsx":
        entry.write_xlsx(out, form)
        print(f"已导出“{entry.title}”：{out}（{len(form.rows)} 行）")
        return 0
    pages = entry.write_pdf(out, form)
    print(f"已生成“{entry.title}”：{out}（{count}，共 {pages} 页）")
    return 0
