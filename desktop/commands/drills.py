"""`mineledger report drills --mine NAME --month YYYY-MM [--json]`: a month of self-rescuer drills, by
department, with who is missing, who may not go underground and who failed two months running.

`report` is a verb whose sub-verb names the report, as `import`/`export` name what moves: REPORT_KINDS
takes one registrar per report. Exit 0 when every underground worker drilled and nobody is barred, 1 when
someone is missing or barred, 2 for a bad month or mine.
"""

from __future__ import annotations

import argparse
import unicodedata

from db.queries import resolve_mine
from db.reports.drills import (
    DrillMonthReport,
    DrillPerson,
    drill_month_report,
    last_month,
    parse_month,
    percent,
)
from desktop.commands.common import add_mine_arg, open_from_args, print_json
from desktop.commands.roster_exchange import EXIT_OK, EXIT_PROBLEMS, KindRegistrar, _verb


def register_report_drills(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser(
        "drills",
        help="自救器实操培训月度覆盖情况（按部门；未培训、不得入井、连续两月不合格人员）",
        description="与首页检查结果同一口径。全员已培训且无人被禁止入井时退出码为0，否则为1。",
    )
    add_mine_arg(p)
    p.add_argument("--month", metavar="YYYY-MM", help="月份，如2026-05（默认：上个月）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=run_report_drills)


REPORT_KINDS: list[KindRegistrar] = [register_report_drills]


def register(verbs: argparse._SubParsersAction) -> None:
    _verb(verbs, "report", "统计报告（drills=自救器实操培训月度覆盖情况）", REPORT_KINDS)


def _people(title: str, people: list[DrillPerson]) -> list[str]:
    if not people:
        return [f"{title}：无"]
    lines = [f"{title}（{len(people)} 人）："]
    for p in people:
        gone = "，已离岗" if not p.active else ""
        lines.append(f"  {p.name}　{p.id_number}　{p.department}{gone}")
    return lines


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(report: DrillMonthReport) -> list[str]:
    """The department table as aligned text (a CJK character is two columns wide in a console)."""
    head = ("部门", "入井人数", "已培训", "合格", "覆盖率", "合格率")
    rows = [head] + [
        (
            d.department,
            str(d.underground),
            str(d.drilled),
            str(d.passed),
            percent(d.coverage),
            percent(d.pass_rate),
        )
        for d in [*report.departments, report.total]
    ]
    widths = [max(_width(row[c]) for row in rows) for c in range(len(head))]
    out = []
    for row in rows:
        cells = [row[0] + " " * (widths[0] - _width(row[0]))]
        cells += [" " * (w - _width(text)) + text for text, w in zip(row[1:], widths[1:], strict=True)]
        out.append("  ".join(cells))
    return out


def run_report_drills(args: argparse.Namespace) -> int:
    year, month = parse_month(args.month or last_month())  # a bad month is exit 2, before the database
    db = open_from_args(args)
    try:
        mine = resolve_mine(db, args.mine)
        report = drill_month_report(db, mine.id, year, month)
    finally:
        db.close()
    if args.json:
        print_json(report.to_json())
    else:
        upto = "" if report.complete else f"（截至{report.as_of:%Y-%m-%d}）"
        print(f"{mine.name}　{year}年{month}月自救器实操培训覆盖情况{upto}")
        print(
            f"入井 {len(report.people)} 人，已培训 {len(report.drilled)} 人，合格 {len(report.passed)} 人，"
            f"不合格 {len(report.failed)} 人；覆盖率 {percent(report.total.coverage)}，"
            f"合格率 {percent(report.total.pass_rate)}"
        )
        for line in _table(report):
            print(line)
        for line in _people("未培训", report.missing):
            print(line)
        for line in _people("不得入井（最近一次盲戴不合格，复训合格前不得入井）", report.barred):
            print(line)
        for line in _people("连续两个月不合格（须再培训）", report.repeat_fail):
            print(line)
    return EXIT_PROBLEMS if report.missing or report.barred else EXIT_OK
