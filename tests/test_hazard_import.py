"""Import of the office's existing hazard ledger: header finding, grades through the mine's settings, 其他
that keeps its text, the life cycle replayed with events, rows refused with their Excel row and reason, dry
run, one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, update

from db import clock
from db.catalogs import clauses_for
from db.engine import Database, open_database
from db.errors import ValidationError
from db.exchange.hazard_import import commit, preview
from db.models import AuditEntry, Hazard, HazardCounter, HazardEvent, Mine
from db.rules.runner import findings_for_mine
from db.services.hazards import HazardInput, register_hazard
from db.services.mines import create_mine
from desktop.cli import main as cli_main

TODAY = clock.today()
D0 = TODAY - timedelta(days=60)  # the day most rows were found
MINE = "一号煤矿"
HEADER = [
    "序号", "编号", "排查日期", "排查层级/来源", "检查人", "地点", "专业类别", "隐患描述", "等级",
    "判定依据", "责任人", "整改措施", "整改资金（元）", "整改期限", "预案", "整改完成日期", "验收人",
    "验收日期", "状态", "备注",
]  # fmt: skip


def day(offset: int) -> str:
    return f"{D0 + timedelta(days=offset):%Y-%m-%d}"


def row(**cells: Any) -> dict[str, Any]:
    """A data row by header name; cells not given get the values of a good general hazard."""
    values: dict[str, Any] = {
        "排查日期": day(0),
        "排查层级/来源": "班组日查",
        "检查人": "李班长",
        "地点": "1302工作面",
        "专业类别": "顶板",
        "隐患描述": "顶板离层",
        "等级": "一般",
        "责任人": "王队长",
        "整改措施": "加强支护",
        "整改期限": day(5),
    }
    values.update(cells)
    return values


def workbook(path: Path, rows: list[dict[str, Any]], header: list[list[Any]] | None = None) -> Path:
    """A ledger as offices keep it: a title row, a "填报单位" row, the header, then the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "隐患台账"
    sheet.append(["2026年隐患排查治理台账"])
    sheet.append(["填报单位：一号煤矿", None, None, "填报日期：2026年11月"])
    for line in header or [HEADER]:
        sheet.append(line)
    for number, values in enumerate(rows, start=1):
        sheet.append([number if h == "序号" else values.get(h) for h in HEADER])
    book.save(path)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "ledger.sqlite3")
    yield database
    database.close()


@pytest.fixture
def mine(db: Database) -> int:
    return create_mine(db, "测试员", name=MINE, kind="coal", principal_name="赵矿长")


def hazards(db: Database) -> list[Hazard]:
    with db.session() as s:
        found = list(s.scalars(select(Hazard).order_by(Hazard.found_on, Hazard.id)))
        s.expunge_all()
        return found


def events(db: Database, hazard_id: int) -> list[tuple[str, str]]:
    with db.session() as s:
        query = select(HazardEvent).where(HazardEvent.hazard_id == hazard_id).order_by(HazardEvent.id)
        return [(e.from_status, e.to_status) for e in s.scalars(query)]


def clause_ref(on: date) -> str:
    c = clauses_for("coal", on)[0]
    return f"{c.article}{c.item}"


def run_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> tuple[int, list[str]]:
    code = cli_main(["--db", str(tmp_path / "ledger.sqlite3"), *argv])
    return code, capsys.readouterr().out.strip().splitlines()


# --- rows refused ---------------------------------------------------------------------------------------


def test_impossible_rows_are_refused_with_their_excel_row_and_reason(db, mine, tmp_path, capsys):
    future = f"{TODAY + timedelta(days=3):%Y-%m-%d}"
    path = workbook(
        tmp_path / "台账.xlsx",
        [
            row(),  # Excel row 4: good
            row(整改期限=day(-4)),
            row(排查日期=future, 整改期限=None),
            row(隐患描述=None),
            row(排查日期="2026-13-45"),
            row(等级="较大"),  # row 9
            row(等级="重大"),  # a major hazard names its clause
            row(状态="已销号", 整改完成日期=day(2), 验收人="王队长", 验收日期=day(3)),
            row(状态="已销号", 整改完成日期=day(2)),
            row(**{"整改资金（元）": "两千"}),
            row(状态="不知道"),  # row 14
            row(状态="已销号", 整改完成日期=day(4), 验收人="周安检", 验收日期=day(3)),
        ],
    )
    db.close()
    code, out = run_cli(capsys, tmp_path, "import", "hazards", str(path), "--mine", MINE)
    assert code == 1
    assert out[0] == f"{MINE}：读取“台账.xlsx”工作表“隐患台账”，表头在第3行"
    assert [line for line in out if line.startswith("第")] == [
        f"第5行：整改期限{day(-4)}早于排查日期{day(0)}",
        f"第6行：排查日期{future}晚于今天",
        "第7行：缺少隐患描述",
        "第8行：排查日期“2026-13-45”不是有效日期（可写作2005-07-01、2005.07或2005年7月）",
        "第9行：等级“较大”不是本矿的隐患等级（可填：一般、重大、A级、B级、C级）",
        "第10行：重大事故隐患须写明判定依据（判定标准条款，如“第九条（三）”）",
        "第11行：验收人“王队长”就是整改人；验收人不能是整改人",
        "第12行：已销号须有验收人（谁检查、谁签名、谁负责）；已销号须有验收日期（或销号日期）",
        "第13行：整改资金（元）“两千”不是金额",
        "第14行：状态“不知道”无法识别（可填：未整改、整改中、待验收、已整改、已销号、作废）",
        f"第15行：验收日期{day(3)}早于整改完成日期{day(4)}",
    ]
    assert out[-1] == "导入 1 条，拒绝 11 行"
    again = open_database(tmp_path / "ledger.sqlite3")
    try:
        assert [h.description for h in hazards(again)] == ["顶板离层"]
    finally:
        again.close()


def test_a_clean_file_exits_0_and_a_second_import_is_refused_as_a_duplicate(db, mine, tmp_path, capsys):
    path = workbook(tmp_path / "台账.xlsx", [row(), row(地点="1303工作面")])
    db.close()
    code, out = run_cli(capsys, tmp_path, "import", "hazards", str(path), "--mine", MINE)
    assert (code, out[-1]) == (0, "导入 2 条，拒绝 0 行")
    code, out = run_cli(capsys, tmp_path, "import", "hazards", str(path), "--mine", MINE)
    year = D0.year
    assert code == 1 and out[-1] == "导入 0 条，拒绝 2 行"
    assert f"第4行：与已登记的隐患{year}-0001相同（排查日期、地点、隐患描述一致），可能是重复导入" in out


def test_dry_run_writes_nothing(db, mine, tmp_path, capsys):
    path = workbook(tmp_path / "台账.xlsx", [row(), row(隐患描述=None)])
    db.close()
    code, out = run_cli(capsys, tmp_path, "import", "hazards", str(path), "--mine", MINE, "--dry-run")
    assert code == 1 and out[-1] == "导入 1 条，拒绝 1 行（试运行，未写入）"
    again = open_database(tmp_path / "ledger.sqlite3")
    try:
        assert hazards(again) == []
        with again.session() as s:
            assert s.scalar(select(func.count()).select_from(HazardCounter)) == 0
    finally:
        again.close()


# --- what hand-typing does ------------------------------------------------------------------------------


def test_grades_map_through_the_mines_grade_settings(db, mine, tmp_path):
    with db.session() as s, s.begin():  # the mine's own grades: A级 is major here (no settings door yet)
        grades = [{"label": "A级", "maps_to": "major"}, {"label": "B级", "maps_to": "general"},
                  {"label": "C级", "maps_to": "general"}]  # fmt: skip
        s.execute(update(Mine).where(Mine.id == mine).values(hazard_grades=json.dumps(grades)))
    ref = clause_ref(D0)
    path = workbook(
        tmp_path / "台账.xlsx",
        [
            row(隐患描述="一", 等级="一般（C级）"),
            row(隐患描述="二", 等级="B级"),
            row(隐患描述="三", 等级=" ｂ 级 "),  # full-width, spaces, lower case
            row(隐患描述="四", 等级="重大", 判定依据=ref),
            row(隐患描述="五", 等级="A级", 判定依据=ref),
            row(隐患描述="六", 等级="一般（A级）"),  # row 9: A级 is major at this mine
            row(隐患描述="七", 等级="一般事故隐患"),
            row(隐患描述="八", 等级=None),
        ],
    )
    result = preview(db, mine, path)
    assert [(r.row, r.reason) for r in result.rejected] == [
        (9, "等级“一般（A级）”自相矛盾：本矿A级属重大事故隐患，不是一般")
    ]
    assert [(g.row, w) for g in result.good for w in g.warnings if "等级" in w] == [
        (11, "未填等级，按一般事故隐患登记")
    ]
    commit(db, "测试员", result)
    got = {h.description: (h.grade, h.grade_label) for h in hazards(db)}
    assert got == {
        "一": ("general", "C级"),
        "二": ("general", "B级"),
        "三": ("general", "B级"),
        "四": ("major", ""),
        "五": ("major", "A级"),
        "七": ("general", ""),
        "八": ("general", ""),
    }


def test_category_outside_the_catalogue_is_other_and_keeps_its_text(db, mine, tmp_path):
    path = workbook(
        tmp_path / "台账.xlsx",
        [
            row(隐患描述="一", 专业类别="掘进机械"),
            row(隐患描述="二", 专业类别="其他（地面变电站）"),
            row(隐患描述="三", 专业类别="顶板管理"),
            row(隐患描述="四", 专业类别="地面消防（三堂一舍）"),
            row(隐患描述="五", **{"排查层级/来源": "县应急局执法检查"}),
            row(隐患描述="六", **{"排查层级/来源": "安全生产标准化评审"}),
        ],
    )
    result = preview(db, mine, path)
    assert result.rejected == []
    warnings = [w for g in result.good for w in g.warnings]
    assert warnings == ["排查层级/来源“安全生产标准化评审”无法对应，按“其他”登记"]
    commit(db, "测试员", result)
    got = {h.description: (h.category, h.category_text, h.source) for h in hazards(db)}
    assert got["一"] == ("其他", "掘进机械", "shift_daily")
    assert got["二"] == ("其他", "地面变电站", "shift_daily")
    assert got["三"][:2] == ("顶板", "")
    assert got["四"][:2] == ("地面消防（三堂一舍）", "")
    assert got["五"][2] == "enforcement"
    assert got["六"][2] == "other"


def test_two_row_header_with_merged_groups(db, mine, tmp_path):
    top = ["序号", "排查日期", "地点", "隐患描述", "五落实", None, None, "整改", None, "验收", None]
    bottom = [None, None, None, None, "责任人", "措施", "时限", "完成日期", "整改人", "验收人", "日期"]
    book = Workbook()
    sheet = book.active
    sheet.append(["隐患排查治理台账"])
    sheet.append(top)
    sheet.append(bottom)
    for ref in ("E2:G2", "H2:I2", "J2:K2", "A2:A3", "B2:B3", "C2:C3", "D2:D3"):
        sheet.merge_cells(ref)
    sheet.append(
        [1, day(0), "1302工作面", "顶板离层", "王队长", "加强支护", day(5), day(2), "张工", "周安检", day(3)]
    )
    path = tmp_path / "两行表头.xlsx"
    book.save(path)
    result = preview(db, mine, path)
    assert result.sheet.columns.header_rows == (2, 3)
    assert result.rejected == []
    good = result.good[0]
    assert good.target == "closed"
    assert good.data.responsible_name == "王队长" and good.data.measures == "加强支护"
    assert (good.rectified_by, good.accepted_by) == ("张工", "周安检")


# --- the life cycle -------------------------------------------------------------------------------------


def test_statuses_replay_the_life_cycle_with_events_and_audit_rows(db, mine, tmp_path):
    closed = dict(整改完成日期=day(2), 验收人="周安检", 验收日期=day(3))
    path = workbook(
        tmp_path / "台账.xlsx",
        [
            row(隐患描述="未整改", 状态="未整改"),
            row(隐患描述="整改中", 状态="整改中"),
            row(隐患描述="待验收", 状态="已整改", 整改完成日期=day(2)),
            row(隐患描述="已销号", 状态="已销号", **closed),
            row(隐患描述="已整改且验收", 状态="已整改", **closed),
            row(隐患描述="只有日期", **closed),
            row(隐患描述="作废", 状态="作废", 备注="重复登记"),
        ],
    )
    result = preview(db, mine, path)
    assert result.rejected == []
    assert commit(db, "张会计", result) == 7
    by = {h.description: h for h in hazards(db)}
    expect = {
        "未整改": ("registered", [("", "registered")]),
        "整改中": ("rectifying", [("", "registered"), ("registered", "rectifying")]),
        "待验收": ("awaiting_acceptance", [("", "registered"), ("registered", "awaiting_acceptance")]),
        "已销号": ("closed", [("", "registered"), ("registered", "awaiting_acceptance"),
                             ("awaiting_acceptance", "closed")]),
        "作废": ("voided", [("", "registered"), ("registered", "voided")]),
    }  # fmt: skip
    for description, (status, trail) in expect.items():
        assert by[description].status == status
        assert events(db, by[description].id) == trail
    for description in ("已整改且验收", "只有日期"):
        assert by[description].status == "closed"
    h = by["已销号"]
    assert (h.rectified_by, h.accepted_by_name, h.closed_on) == ("王队长", "周安检", D0 + timedelta(days=3))
    assert by["作废"].void_reason == "重复登记"
    # numbers run in the order found, one per hazard, with the original row in the registration event
    assert sorted(h.number for h in by.values()) == [f"{D0.year}-{n:04d}" for n in range(1, 8)]
    with db.session() as s:
        actions = s.execute(
            select(AuditEntry.action, func.count())
            .where(AuditEntry.entity == "hazard")
            .group_by(AuditEntry.action)
        ).all()
        note = s.scalar(select(HazardEvent.note).where(HazardEvent.hazard_id == by["未整改"].id))
    assert dict(actions) == {"create": 7, "status": 1 + 1 + 2 * 3, "void": 1}
    assert note == "登记（台账导入，第4行）"


def test_a_major_hazard_without_five_fixes_goes_in_and_shows_up_as_a_finding(db, mine, tmp_path):
    path = workbook(
        tmp_path / "台账.xlsx",
        [row(等级="重大", 判定依据=clause_ref(D0), 预案=None, **{"整改资金（元）": None})],
    )
    result = preview(db, mine, path)
    assert result.rejected == []
    assert result.good[0].warnings == ["重大事故隐患“五落实”不全（缺资金、预案），导入后列入问题清单"]
    commit(db, "测试员", result)
    found = [f for f in findings_for_mine(db, mine) if f.rule_code == "HAZ-FIVE-FIXES"]
    assert len(found) == 1 and "缺资金、预案" in found[0].message


def test_good_rows_go_in_one_transaction(db, mine, tmp_path):
    """A row that became a duplicate after the preview stops the whole commit: nothing at all is written."""
    path = workbook(tmp_path / "台账.xlsx", [row(隐患描述="一"), row(隐患描述="二"), row(隐患描述="三")])
    result = preview(db, mine, path)
    assert len(result.good) == 3
    register_hazard(
        db, "别人", mine,
        HazardInput(found_on=D0, source="shift_daily", place="1302工作面", category="顶板", description="三",
                    found_by_name="李班长"),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="第6行"):
        commit(db, "测试员", result)
    assert [h.description for h in hazards(db)] == ["三"]
    with db.session() as s:
        assert s.scalar(select(HazardCounter.last)) == 1  # no number was used up by the rolled-back rows


def test_export_reads_back_in(db, mine, tmp_path):
    """The export's ledger sheet is a ledger the import understands: same statuses, grades and clause."""
    from db.exchange.hazard_export import export_hazards

    ref = clause_ref(D0)
    path = workbook(
        tmp_path / "台账.xlsx",
        [
            row(
                隐患描述="一",
                等级="一般（B级）",
                状态="已销号",
                整改完成日期=day(2),
                验收人="周安检",
                验收日期=day(3),
            ),
            row(隐患描述="二", 等级="重大", 判定依据=ref, 预案="撤人预案", **{"整改资金（元）": "1.5万"}),
            row(隐患描述="三", 专业类别="掘进机械", 状态="作废", 备注="误登记"),
        ],
    )
    commit(db, "测试员", preview(db, mine, path))
    out = tmp_path / "导出.xlsx"
    export_hazards(db, mine, out, start=D0 - timedelta(days=1))
    other = create_mine(db, "测试员", name="二号煤矿", kind="coal")
    result = preview(db, other, out)
    assert result.rejected == []
    commit(db, "测试员", result)
    with db.session() as s:
        rows = s.execute(
            select(Hazard.description, Hazard.status, Hazard.grade, Hazard.grade_label, Hazard.clause_key,
                   Hazard.category_text, Hazard.funds, Hazard.void_reason)
            .where(Hazard.mine_id.in_((mine, other)))
            .order_by(Hazard.description, Hazard.mine_id)
        ).all()  # fmt: skip
    assert rows[0::2] == rows[1::2]
