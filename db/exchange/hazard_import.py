"""Import the office's existing hazard ledger (隐患排查治理台账) from .xlsx or .csv.

    result = preview(db, mine_id, "2025年隐患台账.xlsx")   # good rows, rejected rows (Excel row + reason)
    added = commit(db, "张会计", result)                   # every good row in ONE transaction, or none

The sheet is read with the roster import's pieces (sheets.read_grids for the grid and Excel row numbers, cells
for dates and text, vocabulary.fold for what hand-typing does), so a ledger may carry a title row, notes,
merged cells and a two-row header ("五落实" over 责任人 | 措施 | 资金 | 时限 | 预案).

What hand-typing does is normalised first: 一般（C级）, B级 and 重大 map through the mine's grade settings
(mine_grades); a category outside the catalogue goes in as 其他 keeping its text; 班组检查 or 执法 find their
level; 已整改 / 已销号 / 整改中 / 未整改 say how far the hazard got. Refused, with the row and the reason in
the clerk's words: no description, no date found, a date that is not a date, a date in the future, a deadline
before the date found, an unknown grade, a major hazard without a clause of the standard, a closing without an
acceptor or acceptance date, an acceptor who did the rectification himself, dates out of order, contradictory
status and dates, the same hazard twice. A major hazard without its five fixes is *imported*: it then shows up
as a finding (HAZ-FIVE-FIXES), exactly as if it had been typed in.

commit() writes each row through the same steps as the services (register → rectify → accept → close, or
void), with their HazardEvent rows and audit rows, inside one db.services.unit.write transaction. The services
open a transaction per call; the Writer-level steps here mirror them (see _register and friends) until the
services offer variants that take an open Writer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db import clock
from db.catalogs import Clause, clauses_for, editions_for, hazard_categories, hazard_sources
from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.exchange import cells
from db.exchange.roster_import import HEADER_SCAN_ROWS, RejectedRow
from db.exchange.sheets import Grid, ImportFileError, first_sheet_with_header
from db.exchange.vocabulary import FOOTER_PREFIXES, fold, strip_parens
from db.models import Hazard, HazardStatus, Mine
from db.services.hazards import (
    HazardInput,
    accept_step,
    add_event,
    graded_clause,
    mine_grades,
    next_number,
    parse_funds,
    rectify_step,
    start_step,
    void_step,
)
from db.services.unit import Writer, write

__all__ = [
    "HEADERS",
    "LABELS",
    "HazardColumns",
    "HazardPreview",
    "HazardRow",
    "HazardSheet",
    "ImportFileError",
    "RejectedRow",
    "commit",
    "find_hazard_header",
    "preview",
    "read_hazard_sheet",
]

S = HazardStatus

# field -> headers, most specific first (a sheet with two columns for one field keeps the first listed).
HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("编号", "隐患编号", "台账编号"),
    "found_on": (
        "排查日期", "发现日期", "检查日期", "排查时间", "检查时间", "发现时间", "查出日期", "排查日", "日期",
    ),
    "source": (
        "排查层级/来源", "排查层级", "隐患来源", "来源", "检查类型", "检查类别", "检查形式", "排查类型",
        "排查方式", "检查层级",
    ),
    "found_by": ("排查人", "检查人", "发现人", "排查人员", "检查人员", "查出人"),
    "found_by_unit": ("检查单位", "排查单位", "发现单位", "检查部门"),
    "place": ("地点", "隐患地点", "排查地点", "检查地点", "隐患位置", "位置", "地点/部位", "部位", "区域"),
    "category": ("专业类别", "隐患类别", "专业", "类别", "隐患类型", "专业分类", "类型", "隐患专业"),
    "description": (
        "隐患描述", "隐患内容", "隐患情况", "存在问题", "存在的问题", "问题描述", "隐患名称", "事故隐患",
        "隐患及问题", "隐患", "问题",
    ),
    "grade": ("等级", "隐患等级", "级别", "隐患级别", "分级", "隐患分级"),
    "clause": ("判定依据(判定标准条款)", "判定依据", "判定标准条款", "判定标准", "依据"),
    "responsible": ("责任人", "整改责任人", "整改负责人", "负责人"),
    "measures": ("整改措施", "治理措施", "措施"),
    "funds": ("整改资金", "资金", "整改费用", "治理资金", "费用", "整改资金(元)", "资金(元)"),
    "deadline": ("整改期限", "整改时限", "完成时限", "整改完成时限", "期限", "时限"),
    "contingency_plan": ("预案", "应急预案", "应急处置预案", "应急处置方案"),
    "listed_by": ("挂牌督办", "挂牌督办单位", "督办单位"),
    "listed_on": ("挂牌督办日期", "挂牌日期", "督办日期"),
    "reported_on": ("报监管部门日期", "上报监管部门日期", "上报日期", "报告日期", "报监管部门"),
    "announced_on": ("向职工公告日期", "公告日期", "公示日期", "向职工公告", "职工公告日期"),
    "rectified_on": (
        "整改完成日期", "完成日期", "整改日期", "实际完成日期", "整改完成时间", "完成时间", "整改完成",
    ),
    "rectification": ("整改情况", "整改结果", "整改落实情况", "治理情况"),
    "rectified_by": ("整改人", "整改人员"),
    "accepted_by": ("验收人", "复查人", "验收人签字", "验收人员", "复查验收人"),
    "accepted_on": ("验收日期", "复查日期", "验收时间", "复查时间"),
    "opinion": ("验收意见", "复查意见", "验收结果", "复查结果"),
    "closed_on": ("销号日期", "销号时间"),
    "status": ("状态", "整改状态", "销号情况", "处理状态", "是否销号", "是否整改", "完成情况", "整改进度"),
    "cause_analysis": ("原因分析",),
    "void_reason": ("作废原因",),
    "note": ("备注", "说明"),
}  # fmt: skip
# Columns we know and deliberately do not read.
IGNORED = frozenset(fold(h) for h in ("序号", "签字", "签名", "本人签字", "附件", "照片"))
LABELS: dict[str, str] = {
    "number": "编号",
    "found_on": "排查日期",
    "source": "排查层级/来源",
    "found_by": "排查人",
    "found_by_unit": "检查单位",
    "place": "地点",
    "category": "专业类别",
    "description": "隐患描述",
    "grade": "等级",
    "clause": "判定依据",
    "responsible": "责任人",
    "measures": "整改措施",
    "funds": "整改资金",
    "deadline": "整改期限",
    "contingency_plan": "预案",
    "listed_by": "挂牌督办",
    "listed_on": "挂牌督办日期",
    "reported_on": "报监管部门日期",
    "announced_on": "向职工公告日期",
    "rectified_on": "整改完成日期",
    "rectification": "整改情况",
    "rectified_by": "整改人",
    "accepted_by": "验收人",
    "accepted_on": "验收日期",
    "opinion": "验收意见",
    "closed_on": "销号日期",
    "status": "状态",
    "cause_analysis": "原因分析",
    "void_reason": "作废原因",
    "note": "备注",
}
NOT_FILLED = "（原台账未填）"
FOOTERS = (*FOOTER_PREFIXES, "验收人:", "主要负责人", "安全科", "填报单位")


def _index() -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for name, words in HEADERS.items():
        for rank, word in enumerate(words):
            out.setdefault(fold(word), (name, rank))
    return out


_INDEX = _index()


def header_name(text: str) -> tuple[str, int] | None:
    """(field, rank) of a header cell, ("ignored", 0) for a known column we skip, or None."""
    folded = fold(text)
    for candidate in (folded, strip_parens(folded)):
        if candidate in _INDEX:
            return _INDEX[candidate]
        if candidate in IGNORED:
            return ("ignored", 0)
    return None


# --- the header ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HazardColumns:
    """Where the header is and which column feeds what. Columns are 0-based; rows are Excel's."""

    header_rows: tuple[int, ...]
    headers: tuple[str, ...]
    columns: dict[str, int]
    unmapped: dict[int, str]
    ignored: frozenset[int]

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1

    def label(self, name: str) -> str:
        """The column's name in the clerk's own sheet, for messages."""
        col = self.columns.get(name)
        return (self.headers[col] if col is not None else "") or LABELS[name]


def _header_text(top: Any, bottom: Any) -> tuple[str, tuple[str, int] | None]:
    """One column of a one- or two-row header: "整改" over "完成日期" reads 整改完成日期; "五落实" over
    "责任人" reads 责任人."""
    t, b = cells.text(top), cells.text(bottom)
    # The group and its sub-header together first: "验收" over "日期" is 验收日期, not a second 排查日期.
    for candidate in [t + b, b, b + t, t] if t != b else [t]:
        if candidate:
            hit = header_name(candidate)
            if hit is not None:
                return candidate, hit
    return (f"{t}/{b}" if t and b and t != b else (b or t)), None


def _columns_at(grid: Grid, rows: tuple[int, ...]) -> HazardColumns:
    top = grid.spread(rows[0])
    bottom = grid.spread(rows[-1]) if len(rows) > 1 else top
    headers: list[str] = []
    claims: dict[str, tuple[int, int]] = {}
    ignored: set[int] = set()
    for col in range(grid.width):
        text, hit = _header_text(top[col], bottom[col])
        headers.append(text)
        if hit is None:
            continue
        name, rank = hit
        if name == "ignored":
            ignored.add(col)
        elif name not in claims or rank < claims[name][0]:
            claims[name] = (rank, col)
    columns = {name: col for name, (_rank, col) in claims.items()}
    used = set(columns.values())
    unmapped = {c: h for c, h in enumerate(headers) if h and c not in used and c not in ignored}
    return HazardColumns(rows, tuple(headers), columns, unmapped, frozenset(ignored))


def _score(found: HazardColumns) -> int:
    # A ledger header names at least the hazard and the day it was found.
    if not {"description", "found_on"} <= found.columns.keys():
        return 0
    return len(found.columns) + len(found.ignored)


def find_hazard_header(grid: Grid) -> HazardColumns | None:
    """The row, or pair of rows, among the first ones that reads most like a hazard ledger's header. A pair
    wins only when its second row adds columns (a group row such as 五落实 over its five sub-headers)."""
    best: tuple[int, HazardColumns] | None = None
    last = min(len(grid.rows), HEADER_SCAN_ROWS)
    for row in range(1, last + 1):
        if all(cells.is_blank(v) for v in grid.row(row)):
            continue
        single = _columns_at(grid, (row,))
        candidates = [(_score(single), single)]
        if row + 1 <= last:
            double = _columns_at(grid, (row, row + 1))
            below = _score(_columns_at(grid, (row + 1,)))
            if _score(double) > max(candidates[0][0], below):
                candidates.append((_score(double), double))
        for score, found in candidates:
            if score and (best is None or score > best[0]):
                best = (score, found)
    return best[1] if best else None


@dataclass
class HazardSheet:
    grid: Grid
    columns: HazardColumns

    @property
    def name(self) -> str:
        return self.grid.sheet


def read_hazard_sheet(path: str | Path, sheet: str | None = None) -> HazardSheet:
    grid, found = first_sheet_with_header(
        path,
        sheet,
        find_hazard_header,
        "隐患台账",
        "表头应有“隐患描述”（或“隐患内容”“存在问题”）和“排查日期”（或“检查日期”“发现日期”）两列",
        HEADER_SCAN_ROWS,
    )
    return HazardSheet(grid, found)


# --- reading the values -------------------------------------------------------------------------------

_SOURCE_WORDS: dict[str, str] = {
    **{fold(title): code for code, title in hazard_sources().items()},
    **{fold(code): code for code in hazard_sources()},
    **dict.fromkeys(map(fold, ("日查", "班查", "班组检查", "班组日检", "班前检查", "岗位检查")),
                    "shift_daily"),
    **dict.fromkeys(map(fold, ("周查", "队查", "科队检查", "区队周查", "专业周查", "专业检查")),
                    "team_weekly"),
    **dict.fromkeys(
        map(fold, ("月查", "矿查", "矿井月查", "矿级检查", "月度排查", "企业检查", "矿井排查", "全面排查")),
        "mine_monthly",
    ),
    **dict.fromkeys(map(fold, ("季查", "集团检查", "公司检查", "集团季度检查", "上级公司检查")),
                    "group_quarterly"),
    **dict.fromkeys(
        map(fold, ("执法", "监管检查", "监察", "监察执法", "安全监察", "应急局检查", "煤监局检查")),
        "enforcement",
    ),
    **dict.fromkeys(map(fold, ("督查", "上级检查", "专项督查", "政府督查")), "supervision"),
    **dict.fromkeys(map(fold, ("群众举报", "职工举报", "举报")), "report"),
    **dict.fromkeys(map(fold, ("自查", "其他", "其它")), "other"),
}  # fmt: skip
# Words inside a longer text, in the order they decide: "县应急局执法检查" is an enforcement visit.
_SOURCE_HINTS = (
    ("执法", "enforcement"),
    ("监察", "enforcement"),
    ("督查", "supervision"),
    ("举报", "report"),
    ("集团", "group_quarterly"),
    ("季", "group_quarterly"),
    ("月", "mine_monthly"),
    ("周", "team_weekly"),
    ("班", "shift_daily"),
    ("日", "shift_daily"),
)
_CATEGORY_WORDS: dict[str, str] = {
    **{fold(c): c for c in hazard_categories()},
    **dict.fromkeys(map(fold, ("顶板管理", "顶板支护", "支护")), "顶板"),
    **dict.fromkeys(map(fold, ("通风管理", "一通三防", "通风系统")), "通风"),
    **dict.fromkeys(map(fold, ("瓦斯防治", "瓦斯管理", "瓦斯治理", "瓦斯抽采")), "瓦斯"),
    **dict.fromkeys(map(fold, ("防突管理", "突出防治")), "防突"),
    **dict.fromkeys(map(fold, ("水害", "水害防治", "探放水", "地测防治水")), "防治水"),
    **dict.fromkeys(map(fold, ("冲击地压防治",)), "冲击地压"),
    **dict.fromkeys(map(fold, ("防火", "防灭火管理", "自然发火")), "防灭火"),
    **dict.fromkeys(map(fold, ("机电管理", "供电", "电气")), "机电"),
    **dict.fromkeys(map(fold, ("运输", "提升", "提升运输", "运输管理")), "运输提升"),
    **dict.fromkeys(map(fold, ("爆破管理", "火工品")), "爆破"),
    **dict.fromkeys(map(fold, ("监测监控", "安全监测监控", "安全监控系统", "监控")), "安全监控"),
    **dict.fromkeys(map(fold, ("人员定位系统", "人员位置监测")), "人员定位"),
    **dict.fromkeys(map(fold, ("地面消防", "三堂一舍", "消防")), "地面消防（三堂一舍）"),
    **dict.fromkeys(map(fold, ("吊篮",)), "地面吊篮"),
    **dict.fromkeys(map(fold, ("其它",)), "其他"),
}  # fmt: skip
_OTHER_WITH_TEXT = re.compile(r"^其[他它]\((.+)\)$")

# Status words → what the row says happened. "done" is 已整改: closed when the acceptance is filled in,
# else waiting for it.
_STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(map(fold, ("未整改", "待整改", "已登记", "登记", "未开始", "未处理", "新增", "否",
                               "未销号")),
                    S.registered),
    **dict.fromkeys(map(fold, ("整改中", "正在整改", "在整改", "治理中", "未完成", "进行中")), S.rectifying),
    **dict.fromkeys(map(fold, ("待验收", "已整改待验收", "整改完成待验收", "待复查", "整改完成,待验收")),
                    S.awaiting_acceptance),
    **dict.fromkeys(map(fold, ("已整改", "已完成", "完成", "整改完成", "是", "已处理", "已落实")), "done"),
    **dict.fromkeys(map(fold, ("已销号", "销号", "已验收", "验收合格", "已闭环", "闭环", "已关闭", "合格")),
                    S.closed),
    **dict.fromkeys(map(fold, ("作废", "已作废", "误登记", "重复登记", "无效")), S.voided),
}  # fmt: skip
STATUS_HINT = "可填：未整改、整改中、待验收、已整改、已销号、作废"


def _source(value: Any) -> tuple[str, str | None]:
    """(code, warning): a text we cannot place is 其他, said so."""
    if cells.is_blank(value):
        return "other", None
    word = fold(value)
    for candidate in (word, strip_parens(word)):
        if candidate in _SOURCE_WORDS:
            return _SOURCE_WORDS[candidate], None
    for hint, code in _SOURCE_HINTS:
        if hint in word:
            return code, None
    return "other", f"排查层级/来源“{cells.text(value)}”无法对应，按“其他”登记"


def _category(value: Any) -> tuple[str, str]:
    """(category, text kept): outside the catalogue it is 其他 with what was written (the service does the
    same; doing it here keeps 其他（…） from an export from nesting)."""
    text = cells.text(value)
    if not text:
        return "其他", ""
    word = fold(text)
    if word in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[word], ""
    if _OTHER_WITH_TEXT.match(word):
        return "其他", text[3:-1].strip()  # 其他（地面变电站）: the catalogue's word and the kept text
    if strip_parens(word) in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[strip_parens(word)], ""
    return "其他", text


def _grade(value: Any, grades: dict[str, str]) -> str:
    """The label to register under: 一般 / 重大 or one of the mine's own grades (C级 …); CellError otherwise.
    "一般（C级）" is C级 (a general one); "一般（A级）" where this mine's A级 is major contradicts itself."""
    if cells.is_blank(value):
        return "一般"
    known = {fold(k): k for k in grades}

    def look(part: str) -> str | None:
        part = part.removesuffix("事故隐患").removesuffix("隐患")
        for candidate in (part, part + "级", part.replace("类", "级")):
            if candidate in known:
                return known[candidate]
        return None

    word = fold(value)
    whole = look(word)
    if whole is not None:
        return whole
    parts = [p for p in (strip_parens(word), *re.findall(r"\(([^)]*)\)", word)) if p]
    found = [look(p) for p in parts]
    if not parts or None in found:
        allowed = "、".join(k for k in grades if not k.isascii())
        raise cells.CellError(f"“{cells.text(value)}”不是本矿的隐患等级（可填：{allowed}）")
    labels = [f for f in found if f is not None]
    national = ("一般", "重大", "general", "major")
    own = [f for f in labels if f not in national]
    if len({grades[f] for f in labels}) > 1:
        said = next(f for f in labels if f in national)
        kind = "重大" if grades[own[0]] == "major" else "一般"
        raise cells.CellError(f"“{cells.text(value)}”自相矛盾：本矿{own[0]}属{kind}事故隐患，不是{said}")
    return own[0] if own else labels[0]


_COAL_REF = re.compile(r"第([一二三四五六七八九十]+)条(?:第)?(?:\(([一二三四五六七八九十]+)\)项?)?")
_PART_REF = re.compile(r"\(([一二三四五六七八九十]+)\)(?:第)?(?:(\d+)[.、]?)?")


def _find_clause(value: Any, kind: str, found_on: date) -> str:
    """The key of the standard's clause a cell names ("第九条（三）", "第九条第（三）项", "（一）1.", or the
    situation's own words), in the edition in force on the day the hazard was found. CellError when none or
    several fit; a reference is never matched loosely (第八条 is not 第十八条, （一） not （十一）)."""
    clauses = clauses_for(kind, found_on)
    titles = "、".join(e["title"] for e in editions_for(kind, found_on)) or "判定标准"
    raw = cells.text(value)
    if raw in {c.key for c in clauses}:
        return raw
    text = fold(value)
    ref = _COAL_REF.search(text) or (None if kind == "coal" else _PART_REF.search(text))
    rest = text
    named: list[Clause] = []
    if ref is not None:
        rest = text[ref.end() :]
        article = f"第{ref[1]}条" if ref.re is _COAL_REF else f"({ref[1]})"
        named = [c for c in clauses if fold(c.article) == article]
        if ref[2]:
            item = f"({ref[2]})" if ref.re is _COAL_REF else ref[2]
            named = [c for c in named if fold(c.item).rstrip(".") == item]
    worded = [c for c in clauses if len(rest) >= 8 and (rest in fold(c.text) or fold(c.text)[:20] in rest)]
    if named and worded:  # the reference and the words must name the same situation
        both = [c for c in named if c in worded]
        named = both or named
    if len(named) == 1:
        return named[0].key
    if not named and ref is None and len(worded) == 1:
        return worded[0].key
    if len(named) > 1 or (ref is None and len(worded) > 1):
        raise cells.CellError(f"“{raw}”对应多项情形，请写明到项，如“第九条（三）”")
    raise cells.CellError(f"“{raw}”在{titles}中找不到对应条款")


# --- the rows -----------------------------------------------------------------------------------------


@dataclass
class HazardRow:
    """A row that goes in: what to register and how far along the life cycle it got."""

    row: int  # as Excel numbers it
    data: HazardInput
    target: str  # registered | rectifying | awaiting_acceptance | closed | voided
    original_number: str = ""
    listed_by: str = ""
    listed_on: date | None = None
    reported_on: date | None = None
    announced_on: date | None = None
    cause_analysis: str = ""
    rectified_on: date | None = None
    rectification: str = ""
    rectified_by: str = ""
    accepted_on: date | None = None
    accepted_by: str = ""
    opinion: str = ""
    void_reason: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class HazardPreview:
    mine_id: int
    sheet: HazardSheet
    good: list[HazardRow]
    rejected: list[RejectedRow]
    notes: list[str]


class _Row:
    def __init__(self, values: list[Any], columns: HazardColumns, today: date) -> None:
        self.values = values
        self.columns = columns
        self.today = today
        self.reasons: list[str] = []
        self.warnings: list[str] = []

    def get(self, name: str) -> Any:
        col = self.columns.columns.get(name)
        return None if col is None else self.values[col]

    def text(self, name: str) -> str:
        return cells.text(self.get(name))

    def read(self, name: str, reader: Callable[[Any], Any], default: Any = None) -> Any:
        try:
            return reader(self.get(name))
        except cells.CellError as err:
            self.reasons.append(f"{self.columns.label(name)}{err}")
            return default

    def day(self, name: str, future_ok: bool = False) -> date | None:
        value = self.read(name, cells.parse_date)
        if value is not None and not future_ok and value > self.today:
            self.reasons.append(f"{self.columns.label(name)}{value:%Y-%m-%d}晚于今天")
        return value


def _skip_quietly(values: list[Any], columns: HazardColumns) -> bool:
    """Blank rows, a row with only its 序号, 合计 and signature lines, the header repeated on a new page."""
    content = [v for c, v in enumerate(values) if not cells.is_blank(v) and c not in columns.ignored]
    if not content:
        return True
    first = fold(content[0])
    if first.startswith(tuple(fold(f) for f in FOOTERS)):
        return True
    desc = columns.columns.get("description")
    return desc is not None and header_name(cells.text(values[desc])) == ("description", 0)


def _status(r: _Row) -> str | None:
    raw = r.get("status")
    if cells.is_blank(raw):
        return None
    word = fold(raw)
    for candidate in (word, strip_parens(word)):
        if candidate in _STATUS_WORDS:
            return _STATUS_WORDS[candidate]
    for hint, status in (("作废", S.voided), ("销号", S.closed), ("待验收", S.awaiting_acceptance),
                         ("整改中", S.rectifying), ("未整改", S.registered)):  # fmt: skip
        if hint in word:
            return status
    r.reasons.append(f"{r.columns.label('status')}“{cells.text(raw)}”无法识别（{STATUS_HINT}）")
    return None


def _read_row(
    excel_row: int, values: list[Any], columns: HazardColumns, mine: Mine, grades: dict[str, str], today: date
) -> HazardRow | RejectedRow:
    """A good row, or every reason it is refused (so one pass over the sheet fixes the row)."""
    r = _Row(values, columns, today)
    label = columns.label
    description = r.text("description")
    if not description:
        r.reasons.append(f"缺少{label('description')}")
    found_on = None
    if cells.is_blank(r.get("found_on")):
        r.reasons.append(f"缺少{label('found_on')}")
    else:
        found_on = r.day("found_on")
    place = r.text("place")
    if not place:
        r.reasons.append(f"缺少{label('place')}")
    grade = r.read("grade", lambda v: _grade(v, grades))
    deadline = r.day("deadline", future_ok=True)
    rectified_on = r.day("rectified_on")
    accepted_on = r.day("accepted_on")
    closed_on = r.day("closed_on")
    listed_on = r.day("listed_on")
    reported_on = r.day("reported_on")
    announced_on = r.day("announced_on")
    funds: float | None = None
    try:
        funds = parse_funds(r.text("funds") or None)
    except ValidationError as err:
        r.reasons.append(f"{label('funds')}{err.message.split('：', 1)[-1]}")
    status = _status(r)
    if found_on is not None:
        if deadline is not None and deadline < found_on:
            r.reasons.append(
                f"{label('deadline')}{deadline:%Y-%m-%d}早于{label('found_on')}{found_on:%Y-%m-%d}"
            )
        for name, value in (
            ("rectified_on", rectified_on), ("accepted_on", accepted_on), ("closed_on", closed_on),
            ("listed_on", listed_on), ("reported_on", reported_on), ("announced_on", announced_on),
        ):  # fmt: skip
            if value is not None and value < found_on:
                r.reasons.append(f"{label(name)}{value:%Y-%m-%d}早于{label('found_on')}{found_on:%Y-%m-%d}")
    clause_key = ""
    if grade is not None and grades.get(grade) == "major" and found_on is not None:
        if cells.is_blank(r.get("clause")):
            r.reasons.append("重大事故隐患须写明判定依据（判定标准条款，如“第九条（三）”）")
        else:
            clause_key = r.read("clause", lambda v: _find_clause(v, mine.kind, found_on), "")
    if r.reasons:
        return RejectedRow(excel_row, "；".join(r.reasons))
    assert found_on is not None and grade is not None

    # How far the hazard got: the status word if there is one, else what the dates say.
    accepted_on = accepted_on or closed_on
    acceptor = cells.name(r.get("accepted_by"))
    if status is None:
        status = S.closed if accepted_on else (S.awaiting_acceptance if rectified_on else S.registered)
    if status == "done":
        status = S.closed if (accepted_on or acceptor) else S.awaiting_acceptance
    shown = cells.text(r.get("status")) or "空"
    responsible = cells.name(r.get("responsible"))
    rectified_by = cells.name(r.get("rectified_by")) or responsible
    rectification = r.text("rectification")
    opinion = r.text("opinion")
    if status in (S.registered, S.rectifying):
        if rectified_on is not None or accepted_on is not None:
            which = label("accepted_on") if accepted_on is not None else label("rectified_on")
            r.reasons.append(f"{label('status')}为“{shown}”，却填写了{which}，请核对")
    elif status == S.awaiting_acceptance:
        if accepted_on is not None:
            r.reasons.append(f"{label('status')}为“{shown}”，却填写了{label('accepted_on')}，请核对")
        if rectified_on is None:
            r.reasons.append(f"{label('status')}为“{shown}”，但没有{label('rectified_on')}")
    elif status == S.closed:
        if not acceptor:
            r.reasons.append(f"已销号须有{label('accepted_by')}（谁检查、谁签名、谁负责）")
        if accepted_on is None:
            r.reasons.append(f"已销号须有{label('accepted_on')}（或销号日期）")
        if rectified_on is not None and accepted_on is not None and accepted_on < rectified_on:
            r.reasons.append(
                f"{label('accepted_on')}{accepted_on:%Y-%m-%d}"
                f"早于{label('rectified_on')}{rectified_on:%Y-%m-%d}"
            )
        if acceptor and acceptor == rectified_by:
            r.reasons.append(f"{label('accepted_by')}“{acceptor}”就是整改人；验收人不能是整改人")
        if rectified_on is None and accepted_on is not None and not r.reasons:
            rectified_on = accepted_on
            r.warnings.append(
                f"未填{label('rectified_on')}，按{label('accepted_on')}{accepted_on:%Y-%m-%d}登记"
            )
    void_reason = ""
    if status == S.voided:
        void_reason = r.text("void_reason") or r.text("note")
        if not void_reason and fold(r.get("status")) not in (fold("作废"), fold("已作废")):
            void_reason = cells.text(r.get("status"))  # 误登记 / 重复登记 say why themselves
        if not void_reason:
            r.reasons.append(f"{label('status')}为作废，但没有写明作废原因（请填在“备注”或“作废原因”列）")
    if r.reasons:
        return RejectedRow(excel_row, "；".join(r.reasons))

    source, warning = _source(r.get("source"))
    if warning:
        r.warnings.append(warning)
    if cells.is_blank(r.get("grade")):
        r.warnings.append(f"未填{label('grade')}，按一般事故隐患登记")
    category, category_text = _category(r.get("category"))
    if not category_text and cells.is_blank(r.get("category")):
        r.warnings.append(f"未填{label('category')}，按“其他”登记")
    found_by = cells.name(r.get("found_by"))
    unit = r.text("found_by_unit")
    if not found_by:
        found_by = unit or NOT_FILLED
    if rectified_on is not None and not rectification:
        rectification = r.text("measures") or NOT_FILLED
    if status == S.closed and not opinion:
        opinion = "验收合格" + ("" if "opinion" in columns.columns else "（原台账无验收意见栏）")
    data = HazardInput(
        found_on=found_on,
        source=source,
        place=place,
        category=category,
        description=description,
        grade=grade,
        found_by_name=found_by,
        found_by_unit=unit,
        clause_key=clause_key,
        category_text=category_text,
        responsible_name=responsible,
        measures=r.text("measures"),
        funds=funds,
        deadline=deadline,
        contingency_plan=r.text("contingency_plan"),
    )
    if grades[grade] == "major":
        missing = [
            name
            for name, value in (("责任人", responsible), ("措施", data.measures), ("资金", funds),
                                ("时限", deadline), ("预案", data.contingency_plan))
            if value in (None, "")
        ]  # fmt: skip
        if missing:
            r.warnings.append(f"重大事故隐患“五落实”不全（缺{'、'.join(missing)}），导入后列入问题清单")
    return HazardRow(
        row=excel_row,
        data=data,
        target=status,
        original_number=r.text("number"),
        listed_by=r.text("listed_by"),
        listed_on=listed_on,
        reported_on=reported_on,
        announced_on=announced_on,
        cause_analysis=r.text("cause_analysis"),
        rectified_on=rectified_on if status in (S.awaiting_acceptance, S.closed) else None,
        rectification=rectification,
        rectified_by=rectified_by,
        accepted_on=accepted_on if status == S.closed else None,
        accepted_by=acceptor if status == S.closed else "",
        opinion=opinion,
        void_reason=void_reason,
        warnings=r.warnings,
    )


def _key(found_on: date, place: str, description: str) -> tuple[date, str, str]:
    """The same hazard: same day, same place, same words (spaces and full-width forms aside)."""
    return found_on, fold(place), fold(description)


def _existing(session: Any, mine_id: int) -> dict[tuple[date, str, str], str]:
    rows = session.execute(
        select(Hazard.found_on, Hazard.place, Hazard.description, Hazard.number).where(
            Hazard.mine_id == mine_id
        )
    )
    return {_key(f, p, d): n for f, p, d, n in rows}


def preview(
    db: Database, mine_id: int, source: HazardSheet | str | Path, *, sheet: str | None = None
) -> HazardPreview:
    """Read every row and say what an import would do; writes nothing."""
    found = source if isinstance(source, HazardSheet) else read_hazard_sheet(source, sheet)
    columns = found.columns
    today = clock.today()
    with db.session() as s:
        mine = s.get(Mine, mine_id)
        if mine is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        s.expunge(mine)
        existing = _existing(s, mine_id)
    grades = mine_grades(mine)
    good: list[HazardRow] = []
    rejected: list[RejectedRow] = []
    seen: dict[tuple[date, str, str], int] = {}
    for excel_row in range(columns.data_start, len(found.grid.rows) + 1):
        values = found.grid.row(excel_row)
        if _skip_quietly(values, columns):
            continue
        row = _read_row(excel_row, values, columns, mine, grades, today)
        if isinstance(row, RejectedRow):
            rejected.append(row)
            continue
        key = _key(row.data.found_on, row.data.place, row.data.description)
        if key in existing:
            rejected.append(
                RejectedRow(
                    excel_row,
                    f"与已登记的隐患{existing[key]}相同（排查日期、地点、隐患描述一致），可能是重复导入",
                )
            )
        elif key in seen:
            rejected.append(RejectedRow(excel_row, f"与第{seen[key]}行相同（排查日期、地点、隐患描述一致）"))
        else:
            seen[key] = excel_row
            good.append(row)
    notes = []
    if columns.unmapped:
        notes.append(f"以下列未导入：{'、'.join(columns.unmapped.values())}")
    no_finder = sum(1 for g in good if g.data.found_by_name == NOT_FILLED)
    if no_finder:
        notes.append(f"{no_finder} 行未填排查人，登记为“{NOT_FILLED}”")
    if "number" in columns.columns:
        notes.append("编号由本软件按年度重新编排；原台账的编号记入每项隐患的登记记录")
    return HazardPreview(mine_id, found, good, rejected, notes)


# --- the write: the services' steps on one open Writer ---------------------------------------------------


def _check(mine: Mine, data: HazardInput, grades: dict[str, str], today: date) -> tuple[str, str, str, str]:
    """register_hazard's own checks, run again inside the transaction: (grade, label, edition, clause)."""
    if data.found_on > today:
        raise ValidationError("排查日期", "不能晚于今天")
    if data.source not in hazard_sources():
        raise ValidationError("排查层级/来源", f"“{data.source}”不是可选的来源")
    if not data.place.strip():
        raise ValidationError("地点", "不能为空")
    if not data.description.strip():
        raise ValidationError("隐患描述", "不能为空")
    if data.deadline is not None and data.deadline < data.found_on:
        raise ValidationError("整改期限", "早于排查日期")
    if not data.found_by_name.strip():
        raise ValidationError("排查人", "请选择本矿人员或填写外部检查人员姓名")
    label = data.grade.strip()
    if label not in grades:
        raise ValidationError("等级", f"“{data.grade}”不是本矿的隐患等级")
    grade = grades[label]
    edition = clause_text = ""
    if grade == "major":
        if not data.clause_key:
            raise ValidationError("判定依据", "重大事故隐患须选择判定标准的条款")
        edition, clause_text = graded_clause(mine, data.clause_key)
    own = "" if label in ("一般", "重大", "general", "major") else label
    return grade, own, edition, clause_text


def _register(w: Writer, mine: Mine, row: HazardRow, grades: dict[str, str], today: date) -> Hazard:
    data = row.data
    grade, own, edition, clause_text = _check(mine, data, grades, today)
    category, category_text = data.category.strip(), data.category_text.strip()
    if category not in hazard_categories():
        category, category_text = "其他", category_text or category
    hazard = Hazard(
        mine_id=mine.id,
        number=next_number(w, mine.id, data.found_on.year),
        found_on=data.found_on,
        found_by_person_id=None,
        found_by_name=data.found_by_name.strip(),
        found_by_unit=data.found_by_unit.strip(),
        source=data.source,
        place=data.place.strip(),
        category=category,
        category_text=category_text,
        description=data.description.strip(),
        grade=grade,
        grade_label=own,
        standard_edition=edition,
        clause_key=data.clause_key if grade == "major" else "",
        clause_text=clause_text,
        responsible_person_id=None,
        responsible_name=data.responsible_name.strip(),
        measures=data.measures.strip(),
        funds=parse_funds(data.funds),
        deadline=data.deadline,
        contingency_plan=data.contingency_plan.strip(),
        # 挂牌督办, 双报告 and 原因分析 as set_five_fixes would add them (already checked against the dates)
        listed_by=row.listed_by,
        listed_on=row.listed_on,
        reported_on=row.reported_on,
        announced_on=row.announced_on,
        cause_analysis=row.cause_analysis,
        status=S.registered,
        created_at=clock.now(),
    )
    w.session.add(hazard)
    w.session.flush()
    origin = f"，原编号{row.original_number}" if row.original_number else ""
    add_event(w, hazard, "", f"登记（台账导入，第{row.row}行{origin}）")
    w.audit("create", hazard, before=None)
    return hazard


def commit(db: Database, operator: str, result: HazardPreview) -> int:
    """Write the good rows in ONE transaction, each through the life-cycle steps its status needs, with their
    events and audit rows: all of them or, on any error, none. Numbers are given in the order the hazards were
    found. Returns the number of hazards added."""
    if not result.good:
        return 0
    today = clock.today()
    with write(db, operator) as w:
        mine = w.session.get(Mine, result.mine_id)
        if mine is None:
            raise NotFoundError(f"找不到编号为{result.mine_id}的矿山")
        grades = mine_grades(mine)
        existing = _existing(w.session, mine.id)
        for row in sorted(result.good, key=lambda g: (g.data.found_on, g.row)):
            key = _key(row.data.found_on, row.data.place, row.data.description)
            if key in existing:
                raise ValidationError(f"第{row.row}行", f"与已登记的隐患{existing[key]}相同，可能是重复导入")
            try:
                hazard = _register(w, mine, row, grades, today)
                if row.target == S.rectifying:
                    start_step(w, hazard)
                elif row.target in (S.awaiting_acceptance, S.closed):
                    assert row.rectified_on is not None
                    rectify_step(w, hazard, row.rectified_on, row.rectification, row.rectified_by)
                    if row.target == S.closed:
                        assert row.accepted_on is not None
                        accept_step(w, hazard, accepted_on=row.accepted_on, opinion=row.opinion,
                                    acceptor=row.accepted_by)  # fmt: skip
                elif row.target == S.voided:
                    void_step(w, hazard, row.void_reason)
            except ValidationError as err:
                raise ValidationError(f"第{row.row}行{err.field}", err.message.split("：", 1)[-1]) from None
            existing[key] = hazard.number
        return len(result.good)
