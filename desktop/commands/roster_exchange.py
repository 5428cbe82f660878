"""`mineledger import roster FILE` and `mineledger export roster --out FILE`: the 花名册 in and out of Excel;
`mineledger import drills FILE --date D` and `mineledger export drills --month YYYY-MM --out FILE.xlsx`: a
self-rescuer drill sheet in, a month's drill results out.

`import` and `export` are verbs whose sub-verb names what moves. Each kind registers itself through the
IMPORT_KINDS / EXPORT_KINDS lists below, so `import drills` or `export hazards` is one more function that
adds its sub-parser and sets `run`; the verbs themselves do not change.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
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


def register_import_drills(kinds: argparse._SubParsersAction) -> None:
    from db.catalogs import drill_kinds

    p = kinds.add_parser(
        "drills",
        help="从 Excel（.xlsx）或 CSV 导入一次自救器实操培训（姓名或身份证号 + 盲戴用时）",
        description="按身份证号、工号或本矿唯一的姓名对应人员，逐行检查盲戴用时后作为一次培训导入（一次写入，"
        "全部成功或全部不写）。有问题的行按 Excel 行号列出原因；已离岗或不入井的人员给出警告，"
        "加 --accept-warnings 才导入。同一人出现两次按同一次培训的再次测试登记，以最后一次为准。",
    )
    p.add_argument("file", metavar="FILE", help="实操培训表（.xlsx 或 .csv）")
    add_mine_arg(p)
    p.add_argument("--date", required=True, metavar="D", help="培训日期，如2026-06-05（不能晚于今天）")
    p.add_argument(
        "--kind",
        choices=list(drill_kinds()),
        default="monthly",
        help="类别：" + "，".join(f"{k}={v}" for k, v in drill_kinds().items()) + "（默认 monthly）",
    )
    p.add_argument("--place", default="", metavar="TEXT", help="地点")
    p.add_argument("--instructor", default="", metavar="NAME", help="培训人（考核人）")
    p.add_argument("--unit-model", default="", metavar="MODEL", help="培训自救器型号，如 ZYX45")
    p.add_argument("--unit-serials", default="", metavar="TEXT", help="培训自救器编号")
    p.add_argument("--shift", default="", metavar="TEXT", help="班次")
    p.add_argument("--sheet", metavar="S", help="工作表名称或序号（默认：当前工作表）")
    p.add_argument(
        "--accept-warnings", action="store_true", help="已离岗或不入井人员的行也导入（默认拒绝这些行）"
    )
    p.add_argument("--dry-run", action="store_true", help="试运行：只检查并列出结果，不写入数据库")
    p.set_defaults(run=run_import_drills)


def register_export_drills(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser(
        "drills", help="把一个月的自救器实操培训结果导出为 Excel（.xlsx）：每名入井人员一行，列出当月每次培训"
    )
    add_mine_arg(p)
    p.add_argument("--month", metavar="YYYY-MM", help="月份，如2026-05（默认：上个月）")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件（.xlsx）")
    p.set_defaults(run=run_export_drills)


def register_import_hazards(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser(
        "hazards",
        help="从 Excel（.xlsx）或 CSV 导入原有的隐患排查治理台账",
        description="自动查找表头（可有标题行、两行表头和合并单元格），逐行检查后导入：等级按本矿的分级对应"
        "（一般（C级）、B级、重大……），目录外的专业类别按“其他”登记并保留原文，已整改/已销号/整改中/未整改"
        "按整改、验收、销号的顺序登记并留下处理记录。日期有误、期限早于排查日期、缺少隐患描述、等级不明等"
        "无法成立的行按 Excel 行号列出原因，其余的行在一次写入中全部导入（全部成功或全部不写）。",
    )
    p.add_argument("file", metavar="FILE", help="隐患台账（.xlsx 或 .csv）")
    add_mine_arg(p)
    p.add_argument(
        "--sheet", metavar="S", help="工作表名称或序号（默认：当前工作表，找不到表头时依次查看其他表）"
    )
    p.add_argument("--dry-run", action="store_true", help="试运行：只检查并列出结果，不写入数据库")
    p.set_defaults(run=run_import_hazards)


def register_export_hazards(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser(
        "hazards",
        help="把隐患排查治理台账导出为 Excel（.xlsx）：台账、处理记录（谁、何时）和修改记录",
    )
    add_mine_arg(p)
    p.add_argument(
        "--from", dest="date_from", metavar="D", help="排查日期起，如2026-01-01（默认：今年1月1日）"
    )
    p.add_argument("--to", dest="date_to", metavar="D", help="排查日期止（默认：今天）")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件（.xlsx）")
    p.set_defaults(run=run_export_hazards)


IMPORT_KINDS: list[KindRegistrar] = [register_import_roster, register_import_drills, register_import_hazards]
EXPORT_KINDS: list[KindRegistrar] = [register_export_roster, register_export_drills, register_export_hazards]


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
    _verb(
        verbs,
        "import",
        "从 Excel/CSV 导入（roster=花名册，drills=自救器实操培训，hazards=隐患台账）",
        IMPORT_KINDS,
    )
    _verb(
        verbs,
        "export",
        "导出为 Excel/CSV（roster=花名册，drills=自救器实操培训月度结果，hazards=隐患台账）",
        EXPORT_KINDS,
    )


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


def _drill_date(text: str) -> date:
    from db import clock
    from db.errors import ValidationError
    from db.exchange import cells

    try:
        day = cells.parse_date(text)
    except cells.CellError as err:
        raise ValidationError("--date", str(err)) from None
    if day is None:
        raise ValidationError("--date", "不能为空")
    if day > clock.today():
        raise ValidationError("--date", f"{day:%Y-%m-%d}晚于今天，不能登记还没有进行的培训")
    return day


def run_import_drills(args: argparse.Namespace) -> int:
    from db.exchange.drill_import import commit, preview, same_day_sessions
    from db.reports.drills import drill_session_sheet
    from db.services.drills import DrillSessionInput

    day = _drill_date(args.date)  # a future date is bad input: exit 2 before the file is read
    data = DrillSessionInput(
        held_on=day,
        kind=args.kind,
        shift=args.shift,
        place=args.place,
        instructor=args.instructor,
        unit_model=args.unit_model,
        unit_serials=args.unit_serials,
    )
    accept = args.accept_warnings
    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        result = preview(db, mine.id, Path(args.file).expanduser(), sheet=args.sheet)
        sheet = f"工作表“{result.sheet.name}”" if result.sheet.name else ""
        print(
            f"{mine.name}：读取“{Path(args.file).name}”{sheet}，表头在第{result.sheet.columns.header_row}行"
        )
        for note in result.notes:
            print(f"提示：{note}")
        if same_day_sessions(db, mine.id, data):
            print(f"提示：{day:%Y-%m-%d}已登记过同类培训，请确认这不是重复导入")
        lines: list[tuple[int, str]] = [(r.row, r.reason) for r in result.rejected]
        for good in result.good:
            for warning in good.warnings:
                outcome = "已导入" if accept else "未导入；核实无误后加 --accept-warnings 导入"
                lines.append((good.row, f"警告：{warning}（{outcome}）"))
            for note in good.notes:
                lines.append((good.row, f"提示：{note}"))
        for row, text in sorted(lines, key=lambda item: item[0]):
            print(f"第{row}行：{text}")
        rejected = len(result.rejected) + len(result.held_back(accept))
        if args.dry_run:
            added = result.people(accept)
        else:
            session_id, added = commit(db, cli_operator(), result, data, accept_warnings=accept)
            if session_id is not None:
                done = drill_session_sheet(db, mine.id, session_id)
                print(
                    f"已登记{day:%Y-%m-%d}的{done.kind_label}（编号{session_id}）：实到 {done.attended} 人，"
                    f"合格 {done.passed} 人，不合格 {done.failed} 人，缺席 {done.absent} 人"
                )
    finally:
        db.close()
    trial = "（试运行，未写入）" if args.dry_run else ""
    print(f"导入 {added} 人，拒绝 {rejected} 行{trial}")
    return EXIT_PROBLEMS if rejected else EXIT_OK


def run_export_drills(args: argparse.Namespace) -> int:
    from db import clock
    from db.errors import ValidationError
    from db.reports.drills import drill_month_report, last_month, parse_month
    from desktop.commands.common import ensure_parent
    from desktop.printing.drill_coverage import drill_results_form
    from desktop.printing.xlsx import write_xlsx

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".xlsx":
        raise ValidationError("--out", f"“{out.name}”应为 .xlsx 文件")
    year, month = parse_month(args.month or last_month())
    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        report = drill_month_report(db, mine.id, year, month)
    finally:
        db.close()
    ensure_parent(out)
    write_xlsx(out, drill_results_form(report, clock.now()))
    print(f"已导出“{mine.name}”{year}年{month}月自救器实操培训结果：{out}（{len(report.people)} 人）")
    return EXIT_OK


def run_import_hazards(args: argparse.Namespace) -> int:
    from db.exchange.hazard_import import commit, preview

    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        result = preview(db, mine.id, Path(args.file).expanduser(), sheet=args.sheet)
        sheet = f"工作表“{result.sheet.name}”" if result.sheet.name else ""
        rows = "、".join(map(str, result.sheet.columns.header_rows))
        print(f"{mine.name}：读取“{Path(args.file).name}”{sheet}，表头在第{rows}行")
        for note in result.notes:
            print(f"提示：{note}")
        lines = [(r.row, f"第{r.row}行：{r.reason}") for r in result.rejected]
        lines += [(g.row, f"第{g.row}行（已导入，请核对）：{w}") for g in result.good for w in g.warnings]
        for _row, text in sorted(lines, key=lambda item: item[0]):
            print(text)
        added = len(result.good) if args.dry_run else commit(db, cli_operator(), result)
    finally:
        db.close()
    trial = "（试运行，未写入）" if args.dry_run else ""
    print(f"导入 {added} 条，拒绝 {len(result.rejected)} 行{trial}")
    return EXIT_PROBLEMS if result.rejected else EXIT_OK


def run_export_hazards(args: argparse.Namespace) -> int:
    from db.errors import ValidationError
    from db.exchange import cells
    from db.exchange.hazard_export import export_hazards

    days: list[date | None] = []
    for flag, text in (("--from", args.date_from), ("--to", args.date_to)):
        try:
            days.append(cells.parse_date(text) if text else None)
        except cells.CellError as err:
            raise ValidationError(flag, str(err)) from None
    out = Path(args.out).expanduser()
    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        hazards, events = export_hazards(db, mine.id, out, days[0], days[1])
    finally:
        db.close()
    print(f"已导出“{mine.name}”隐患排查治理台账：{out}（{hazards} 项隐患，{events} 条处理记录）")
    return EXIT_OK
