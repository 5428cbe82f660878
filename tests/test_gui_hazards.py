"""隐患台账 window: the hazard form through its whole life, refusals that write nothing, the ledger's filters and
search over a few hundred hazards, the monthly check's zero report, a failed acceptance and a void, the
statistics, and the findings that open the record that fixes them. Data comes in through db.services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from db import clock
from db.catalogs import clauses_for, hazard_categories
from db.models import Hazard, HazardStatus, MonthlyCheck
from db.rules.findings import Finding, Subject
from db.rules.hazards import months_back
from db.rules.runner import findings_for_mine
from db.services.hazards import (
    FiveFixes,
    HazardInput,
    MonthlyCheckInput,
    accept_hazard,
    record_monthly_check,
    record_rectification,
    register_hazard,
    set_five_fixes,
    start_rectification,
    void_hazard,
)
from desktop.dialogs.hazard_dialog import HazardDialog
from desktop.dialogs.monthly_check_dialog import MonthlyCheckDialog, ZeroReportDialog
from desktop.tablemodels.hazards import STATUS_CODE, VOIDED
from desktop.views.hazard_data import CHECK_DONE, CHECK_MISSING, ZERO_DUE, ZERO_FILED, ZERO_NOT_NEEDED
from desktop.views.hazards_page import HazardsPage
from desktop.widgets.clause_picker import ClausePicker
from tests.db.helpers import person

TODAY = clock.today()
S = HazardStatus


@pytest.fixture
def mine(ctx, add_mine):
    mine_id = add_mine("一号煤矿", principal_name="赵矿长")
    ctx.set_mine(mine_id)
    return mine_id


@pytest.fixture
def people(ctx, mine):
    return {name: person(ctx.db, mine, name) for name in ("王队长", "李班长", "张验收")}


@pytest.fixture
def page(ctx, mine, qtbot):
    widget = HazardsPage(ctx)
    widget.register_openers()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def dialog_for(ctx, qtbot):
    def make(hazard_id=None, tab=None):
        dialog = HazardDialog(ctx, hazard_id, tab=tab)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def general(found_on=TODAY, **kw):
    data = dict(
        found_on=found_on,
        source="shift_daily",
        place="1302工作面",
        category="顶板",
        description="顶板离层",
        found_by_name="李班长",
    )
    data.update(kw)
    return HazardInput(**data)


def codes(ctx, mine_id):
    return {f.rule_code for f in findings_for_mine(ctx.db, mine_id)}


def hazard(ctx, hazard_id) -> Hazard:
    with ctx.db.session() as s:
        return s.get(Hazard, hazard_id)


def hazard_count(ctx) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(func.count()).select_from(Hazard))


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- the life of a major hazard, through the form ---------------------------------------------------------


def test_register_a_major_hazard_fill_five_fixes_close_it_and_the_finding_clears(
    ctx, mine, people, dialog_for, page, qtbot, messages
):
    dialog = dialog_for()
    assert dialog.windowTitle() == "登记隐患"
    assert not dialog.tabs.isTabEnabled(2) and not dialog.tabs.isTabEnabled(3)
    dialog.found_by.pick(people["李班长"])
    dialog.source.setCurrentIndex(dialog.source.findData("mine_monthly"))
    dialog.place.setText("2201回风巷")
    dialog.category.setCurrentIndex(dialog.category.findData("瓦斯"))
    dialog.description.setPlainText("回风巷甲烷浓度达到1.2%未停止作业")
    assert dialog.clause_picker.isHidden()
    dialog.grade.setCurrentIndex(dialog.grade.findData("重大"))
    assert not dialog.clause_picker.isHidden()

    # The clause: the editions in force today for a coal mine, searched by the clause's words.
    picker = dialog.clause_picker
    assert picker.clause_count() == len(clauses_for("coal", TODAY))
    picker.search.setText("甲烷 停止工作")
    assert 0 < picker.visible_count() < picker.clause_count()
    picker.choose_row(0)
    chosen = picker.selected_clause()
    assert chosen is not None and "甲烷" in chosen.text
    assert chosen.label in picker.chosen.text()

    click(qtbot, dialog.register_button)
    assert messages.texts() == []
    hazard_id = dialog.hazard_id
    assert hazard_id is not None
    h = hazard(ctx, hazard_id)
    assert h.number == f"{TODAY.year}-0001" and h.status == S.registered and h.grade == "major"
    assert h.clause_key == chosen.key and h.standard_edition == chosen.edition
    assert h.found_by_person_id == people["李班长"] and h.found_by_name == "李班长"
    assert dialog.windowTitle() == f"隐患{h.number}"
    assert dialog.current_tab() == "fixes"  # a major hazard goes on to its five fixes
    assert {"HAZ-FIVE-FIXES", "HAZ-DOUBLE-REPORT"} <= codes(ctx, mine)
    assert set(dialog.missing_fixes()) == {"责任人", "措施", "资金", "时限", "预案"}
    assert "缺责任人、措施、资金、时限、预案" in dialog.gaps.text()
    assert page.ledger.model.rowCount() == 1  # the ledger followed the write

    # 五落实 and 双报告.
    dialog.responsible.pick(people["王队长"])
    dialog.measures.setPlainText("停止作业，加强通风，排放瓦斯")
    dialog.funds.setText("12000")
    assert set(dialog.missing_fixes()) == {"时限", "预案"}  # the tab follows what is typed
    dialog.deadline.set_value(TODAY + timedelta(days=10))
    dialog.plan.setPlainText("瓦斯超限撤人预案")
    assert dialog.missing_fixes() == []
    dialog.listed_by.setText("县应急管理局")
    dialog.listed_on.set_value(TODAY)
    dialog.reported_on.set_value(TODAY)
    dialog.announced_on.set_value(TODAY)
    click(qtbot, dialog.save_fixes_button)
    assert messages.texts() == []
    h = hazard(ctx, hazard_id)
    assert (h.responsible_name, h.funds, h.deadline) == ("王队长", 12000.0, TODAY + timedelta(days=10))
    assert h.reported_on == TODAY and h.announced_on == TODAY and h.listed_by == "县应急管理局"
    assert not {"HAZ-FIVE-FIXES", "HAZ-DOUBLE-REPORT"} & codes(ctx, mine)
    assert "已齐全" in dialog.gaps.text()

    # 整改: start, then done (the responsible person is offered as the rectifier).
    dialog.show_tab("rectify")
    click(qtbot, dialog.start_button)
    assert hazard(ctx, hazard_id).status == S.rectifying
    assert dialog.rectified_by.value() == (people["王队长"], "王队长")
    dialog.rectification.setPlainText("已加强通风，甲烷浓度降至0.3%")
    click(qtbot, dialog.rectified_button)
    assert hazard(ctx, hazard_id).status == S.awaiting_acceptance
    assert not dialog.rectified_button.isEnabled() and dialog.pass_button.isEnabled()

    # The rectifier may not accept his own work: refused, nothing written.
    dialog.acceptor.pick(people["王队长"])
    dialog.opinion.setPlainText("合格")
    click(qtbot, dialog.pass_button)
    assert messages.texts("warning") == ["验收人：验收人不能是整改人"]
    assert hazard(ctx, hazard_id).status == S.awaiting_acceptance

    dialog.acceptor.pick(people["张验收"])
    click(qtbot, dialog.pass_button)
    h = hazard(ctx, hazard_id)
    assert h.status == S.closed and h.accepted_by_name == "张验收" and h.closed_on == TODAY
    assert "已销号" in dialog.banner.text() and "锁定" in dialog.banner.text()
    assert not dialog.measures.isEnabled() and not dialog.void_box.isEnabled()
    assert not dialog.pass_button.isEnabled() and not dialog.start_button.isEnabled()
    assert not {"HAZ-FIVE-FIXES", "HAZ-CLOSE-ACCEPTED", "HAZ-DOUBLE-REPORT"} & codes(ctx, mine)
    assert dialog.saved

    # History: every step, and the audit trail field by field.
    steps = [dialog.events_view.rows.row(r) for r in range(dialog.events_view.rows.rowCount())]
    assert [s[2] for s in steps] == [
        "— → 已登记",
        "已登记 → 整改中",
        "整改中 → 待验收",
        "待验收 → 已销号",
    ]
    assert all(s[1] == "张会计" for s in steps)
    audit = [dialog.audit_view.rows.row(r) for r in range(dialog.audit_view.rows.rowCount())]
    assert audit[0][2] == "登记" and h.number in audit[0][5]
    assert ("资金（元）", "（空）", "12,000.00") in [row[3:] for row in audit]
    assert ("状态", "待验收", "已销号") in [row[3:] for row in audit]
    model = page.ledger.model
    assert model.index(0, 9).data() == "已销号"


def test_a_deadline_before_the_date_found_is_refused_naming_it_and_nothing_is_written(
    ctx, mine, dialog_for, qtbot, messages
):
    dialog = dialog_for()
    dialog.found_on.setDate(dialog.found_on.date().addDays(-5))
    dialog.by_outsider.setChecked(True)
    dialog.outsider_name.setText("孙检查")
    dialog.outsider_unit.setText("县应急管理局")
    dialog.place.setText("主井")
    dialog.description.setPlainText("罐道磨损")
    dialog.deadline.set_value(TODAY - timedelta(days=10))
    click(qtbot, dialog.register_button)
    assert len(messages.texts("warning")) == 1
    assert messages.texts("warning")[0].startswith("整改期限：")
    assert hazard_count(ctx) == 0
    assert dialog.is_new() and dialog.register_button.isVisible()

    # Funds that are no amount, and a major hazard without its clause: refused too, still nothing written.
    dialog.deadline.set_value(TODAY + timedelta(days=3))
    dialog.funds.setText("一万")
    click(qtbot, dialog.register_button)
    assert messages.texts("warning")[-1].startswith("资金：")
    dialog.funds.setText("")
    dialog.grade.setCurrentIndex(dialog.grade.findData("重大"))
    click(qtbot, dialog.register_button)
    assert messages.texts("warning")[-1].startswith("判定依据：")
    assert hazard_count(ctx) == 0

    dialog.grade.setCurrentIndex(dialog.grade.findData("B级"))  # the mine's own grade, mapped to 一般
    click(qtbot, dialog.register_button)
    h = hazard(ctx, dialog.hazard_id)
    assert (h.grade, h.grade_label, h.found_by_name, h.found_by_unit) == (
        "general",
        "B级",
        "孙检查",
        "县应急管理局",
    )


def test_five_fixes_refusal_on_a_registered_hazard_writes_nothing(ctx, mine, dialog_for, qtbot, messages):
    hazard_id = register_hazard(ctx.db, "测试", mine, general(found_on=TODAY - timedelta(days=3)))
    dialog = dialog_for(hazard_id, tab="fixes")
    assert dialog.current_tab() == "fixes"
    dialog.measures.setPlainText("加强支护")
    dialog.deadline.set_value(TODAY - timedelta(days=4))
    click(qtbot, dialog.save_fixes_button)
    assert messages.texts("warning")[0].startswith("整改期限：早于排查日期")
    h = hazard(ctx, hazard_id)
    assert h.measures == "" and h.deadline is None


# --- the ledger ---------------------------------------------------------------------------------------------


@pytest.fixture
def many(ctx, mine, people):
    """300 hazards over the past year: categories, sources, grades, deadlines and statuses mixed."""
    categories = hazard_categories()
    sources = ["shift_daily", "team_weekly", "mine_monthly", "enforcement"]
    ids = []
    for i in range(300):
        found = TODAY - timedelta(days=i)
        major = i % 50 == 0
        data = general(
            found_on=found,
            source=sources[i % 4],
            place=f"{1300 + i % 30}工作面",
            category=categories[i % len(categories)],
            description=f"隐患描述{i:03d}" + ("锚杆失效" if i % 7 == 0 else ""),
            grade="重大" if major else "一般",
            clause_key=clauses_for("coal", found)[0].key if major else "",
            responsible_name="王队长" if i % 3 == 0 else "刘主任",
            deadline=found + timedelta(days=15),
        )
        ids.append(register_hazard(ctx.db, "测试", mine, data))
    for n, hazard_id in enumerate(ids[:60]):
        if n % 2 == 0:
            start_rectification(ctx.db, "测试", hazard_id)
        if n % 4 == 0:
            found = hazard(ctx, hazard_id).found_on
            record_rectification(ctx.db, "测试", hazard_id, found, "已整改", "刘主任")
            accept_hazard(
                ctx.db, "测试", hazard_id, accepted_on=found, opinion="合格", acceptor_name="张验收"
            )
    void_hazard(ctx.db, "测试", ids[1], "重复登记")
    return ids


def expected(ctx, mine, **where):
    with ctx.db.session() as s:
        query = select(func.count()).select_from(Hazard).where(Hazard.mine_id == mine)
        for key, value in where.items():
            query = query.where(value if key == "clause" else getattr(Hazard, key) == value)
        return s.scalar(query)


def test_ledger_filters_and_search_as_you_type(ctx, mine, many, page, qtbot):
    tab = page.ledger
    model = tab.model
    assert model.rowCount() == 300 and tab.count.text() == "共300条"
    assert model.index(0, 0).data() == f"{TODAY.year}-0001"  # newest first
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "编号",
        "排查日期",
        "来源",
        "地点",
        "类别",
        "描述",
        "等级",
        "责任人",
        "整改期限",
        "状态",
    ]

    # Search as you type: ASCII by key, Chinese set (keyClicks with Chinese aborts offscreen).
    number = hazard(ctx, many[123]).number
    qtbot.keyClicks(tab.search, number)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert tab.shown_ids() == [many[123]]
    tab.search.setText("锚杆失效")
    qtbot.waitUntil(lambda: model.rowCount() == len(range(0, 300, 7)))
    tab.search.setText("1305工作面")
    qtbot.waitUntil(lambda: model.rowCount() == 10)
    tab.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 300)

    def choose(combo, data):
        index = combo.findData(data)
        assert index >= 0, data
        combo.setCurrentIndex(index)

    choose(tab.grade, "grade:major")
    assert model.rowCount() == expected(ctx, mine, grade="major") == 6
    assert all(model.index(r, 6).data() == "重大" for r in range(model.rowCount()))
    choose(tab.grade, None)
    choose(tab.status, S.closed)
    assert model.rowCount() == expected(ctx, mine, status=S.closed) == 15
    choose(tab.status, "open")
    assert model.rowCount() == 300 - 15 - 1
    choose(tab.status, None)
    choose(tab.category, "瓦斯")
    assert model.rowCount() == expected(ctx, mine, category="瓦斯")
    choose(tab.source, "enforcement")
    assert model.rowCount() == expected(ctx, mine, category="瓦斯", source="enforcement")
    tab.reset_filters()
    assert model.rowCount() == 300

    choose(tab.responsible, "王队长")
    assert model.rowCount() == expected(ctx, mine, responsible_name="王队长") == 100
    tab.reset_filters()
    tab.found_from.set_value(TODAY - timedelta(days=9))
    tab.found_to.set_value(TODAY - timedelta(days=5))
    assert model.rowCount() == 5
    tab.reset_filters()

    # Overdue: open and past the deadline (found more than 15 days ago), red on pale red.
    tab.overdue.setChecked(True)
    today = TODAY
    with ctx.db.session() as s:
        overdue = s.scalar(
            select(func.count())
            .select_from(Hazard)
            .where(
                Hazard.status.in_([S.registered, S.rectifying, S.awaiting_acceptance]),
                Hazard.deadline < today,
            )
        )
    assert model.rowCount() == overdue > 0
    index = model.index(0, 0)
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color() == QColor("#b71c1c")
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == QColor("#fdecea")
    assert "逾期" in model.index(0, 9).data()
    tab.reset_filters()

    # Sorting happens in SQL: by place, then back to the ledger's own order.
    tab.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 3).data() == "1300工作面"
    tab.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data() == f"{TODAY.year}-0001"


def test_a_voided_hazard_stays_in_the_ledger_greyed_with_its_reason(
    ctx, mine, dialog_for, page, qtbot, messages
):
    hazard_id = register_hazard(ctx.db, "测试", mine, general())
    dialog = dialog_for(hazard_id, tab="rectify")
    click(qtbot, dialog.void_button)  # no reason: refused by the records layer
    assert messages.texts("warning") == ["作废原因：请写明作废原因"]
    dialog.void_reason.setText("重复登记")
    messages.answer = QMessageBox.StandardButton.Yes
    click(qtbot, dialog.void_button)
    h = hazard(ctx, hazard_id)
    assert h.status == S.voided and h.void_reason == "重复登记"
    assert "已作废：重复登记" in dialog.banner.text()
    assert not dialog.void_box.isEnabled() and not dialog.start_button.isEnabled()
    assert "重复登记" in dialog.fact_labels["void_reason"].text()

    model = page.ledger.model
    assert model.rowCount() == 1
    row = model.row_values(0)
    assert row[VOIDED] and row[STATUS_CODE] == S.voided
    assert model.index(0, 9).data() == "已作废：重复登记"
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ForegroundRole).color() == QColor("#9e9e9e")
    page.ledger.status.setCurrentIndex(page.ledger.status.findData("open"))
    assert model.rowCount() == 0
    page.ledger.status.setCurrentIndex(page.ledger.status.findData(S.voided))
    assert model.rowCount() == 1


def test_a_failed_acceptance_goes_back_to_rectification_with_the_reason_in_history(
    ctx, mine, people, dialog_for, qtbot, messages
):
    hazard_id = register_hazard(ctx.db, "测试", mine, general(responsible_name="王队长"))
    record_rectification(ctx.db, "测试", hazard_id, TODAY, "补打锚杆", "王队长")
    dialog = dialog_for(hazard_id, tab="rectify")
    assert dialog.rectification.toPlainText() == "补打锚杆" and not dialog.rectification.isEnabled()
    dialog.acceptor.pick(people["张验收"])
    click(qtbot, dialog.fail_button)  # a failure needs its reason
    assert messages.texts("warning") == ["验收意见：验收不合格须写明原因"]
    assert hazard(ctx, hazard_id).status == S.awaiting_acceptance

    dialog.opinion.setPlainText("锚杆间距超过设计要求")
    click(qtbot, dialog.fail_button)
    h = hazard(ctx, hazard_id)
    assert h.status == S.rectifying and h.rectified_on is None
    assert dialog.failed_note.isVisibleTo(dialog)
    assert "锚杆间距超过设计要求" in dialog.failed_note.text()
    assert dialog.rectified_button.isEnabled() and not dialog.pass_button.isEnabled()
    dialog.show_tab("history")
    last = dialog.events_view.rows.row(dialog.events_view.rows.rowCount() - 1)
    assert last[2] == "待验收 → 整改中"
    assert "验收不合格（张验收）：锚杆间距超过设计要求" in last[3]


# --- the monthly check and its zero report ----------------------------------------------------------------


def last_month() -> tuple[int, int]:
    return (TODAY.year - 1, 12) if TODAY.month == 1 else (TODAY.year, TODAY.month - 1)


def test_zero_report_for_a_month_with_a_check_and_no_major_hazard(ctx, mine, page, when_modal, qtbot):
    year, month = last_month()
    checked_on = date(year, month, 15)
    record_monthly_check(
        ctx.db,
        "测试",
        mine,
        MonthlyCheckInput(year, month, checked_on, "赵矿长", result="未发现重大事故隐患"),
    )
    register_hazard(ctx.db, "测试", mine, general(found_on=checked_on))  # a general hazard does not count
    assert "HAZ-ZERO-REPORT" in codes(ctx, mine)
    page.setCurrentWidget(page.monthly)
    tab = page.monthly
    assert tab.select_month(year, month)
    row = tab.current_row()
    assert row.check_status == CHECK_DONE and row.zero_status == ZERO_DUE
    assert tab.model.index(1, 5).data() == "应报送：未发现重大隐患"
    assert not tab.add_button.isEnabled()
    assert tab.zero_button.isEnabled()

    def file(dialog):
        assert isinstance(dialog, ZeroReportDialog)
        dialog.save()

    seen = when_modal(file)
    click(qtbot, tab.zero_button)
    assert seen
    with ctx.db.session() as s:
        assert s.scalar(select(MonthlyCheck.zero_report_on)) == TODAY
    assert tab.selected_month() == (year, month)
    assert tab.current_row().zero_status == ZERO_FILED
    assert not tab.zero_button.isEnabled()
    assert "HAZ-ZERO-REPORT" not in codes(ctx, mine)


def test_a_month_with_a_major_hazard_needs_no_zero_report_and_a_missing_check_shows(
    ctx, mine, page, when_modal, qtbot
):
    year, month = last_month()
    found = date(year, month, 3)
    record_monthly_check(ctx.db, "测试", mine, MonthlyCheckInput(year, month, found, "赵矿长"))
    register_hazard(
        ctx.db,
        "测试",
        mine,
        general(found_on=found, grade="重大", clause_key=clauses_for("coal", found)[0].key),
    )
    page.setCurrentWidget(page.monthly)
    tab = page.monthly
    tab.select_month(year, month)
    assert tab.current_row().zero_status == ZERO_NOT_NEEDED and not tab.zero_button.isEnabled()
    assert tab.model.index(1, 4).data() == f"{year}-0001"
    # The month before has no check: missing, red, and registered from here.
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    register_hazard(ctx.db, "测试", mine, general(found_on=date(*previous, 2)))
    ctx.data_changed.emit()  # written past the window: tell the pages, as ctx.write does
    assert tab.select_month(*previous)
    assert tab.current_row().check_status == CHECK_MISSING
    assert tab.model.index(2, 1).data() == "缺排查"
    assert "没有排查记录" in tab.summary.text()

    def register(dialog):
        assert isinstance(dialog, MonthlyCheckDialog)
        assert dialog.chosen_month() == previous and dialog.led_by.text() == "赵矿长"
        dialog.result.setPlainText("未发现重大事故隐患")
        dialog.save()

    when_modal(register)
    click(qtbot, tab.add_button)
    assert tab.selected_month() == previous
    assert tab.current_row().check_status == CHECK_DONE and tab.current_row().zero_status == ZERO_DUE


def test_monthly_check_dialog_refuses_a_second_check_of_a_month(ctx, mine, qtbot, messages):
    year, month = last_month()
    record_monthly_check(ctx.db, "测试", mine, MonthlyCheckInput(year, month, date(year, month, 2), "赵矿长"))
    dialog = MonthlyCheckDialog(ctx, year, month)
    qtbot.addWidget(dialog)
    dialog.save()
    assert messages.texts("warning") == [f"月份：{year}年{month}月的排查已登记"]
    assert dialog.saved_id is None


# --- statistics -------------------------------------------------------------------------------------------


def test_statistics_by_category_and_month_with_stock_and_rate(ctx, mine, page):
    this_year = date(TODAY.year, 1, 1)
    a = register_hazard(ctx.db, "测试", mine, general(found_on=this_year, category="顶板"))
    register_hazard(ctx.db, "测试", mine, general(found_on=this_year, category="顶板", deadline=this_year))
    c = register_hazard(ctx.db, "测试", mine, general(found_on=this_year, category="通风"))
    void_hazard(ctx.db, "测试", c, "登记错误")
    old = date(TODAY.year - 2, 5, 6)
    register_hazard(
        ctx.db, "测试", mine, general(found_on=old, grade="重大", clause_key=clauses_for("coal", old)[0].key)
    )
    record_rectification(ctx.db, "测试", a, this_year, "已处理", "刘")
    accept_hazard(ctx.db, "测试", a, accepted_on=this_year, opinion="合格", acceptor_name="张")
    page.setCurrentWidget(page.stats)
    tab = page.stats
    assert tab.year.currentData() == TODAY.year
    model = tab.model
    rows = {model.cells(r)[0]: model.cells(r) for r in range(model.rowCount())}
    assert list(rows)[: len(hazard_categories())] == hazard_categories()  # every category, catalogue order
    overdue = "1" if this_year < TODAY else "0"
    assert rows["顶板"] == ["顶板", "2", "1", "1", overdue, "0", "50%"]
    assert rows["通风"][1] == "0"  # the voided 通风 hazard is not counted
    assert rows["合计"][1:3] == ["2", "1"]
    assert "存量" in tab.summary.text() and f"{TODAY.year - 2}-0001" in tab.summary.text()
    assert "整改率50%" in tab.summary.text()
    assert [s.name for s in tab.chart.series] == ["新增", "已整改销号", "未整改"]
    assert tab.chart.groups == ["顶板"]  # the chart leaves out categories with nothing found
    tab.set_grouping("month")
    assert model.rowCount() == TODAY.month + 1 and model.cells(0)[0] == "1月"
    assert len(tab.chart.groups) == TODAY.month
    tab.set_year(TODAY.year - 2)
    assert model.rowCount() == 13 and model.cells(12)[:2] == ["合计", "1"]
    assert "目前未销号" not in tab.summary.text()  # “now” belongs to this year's view


# --- findings open the record that fixes them -------------------------------------------------------------


def test_hazard_findings_open_the_form_on_the_right_tab(ctx, mine, page, when_modal):
    hazard_id = register_hazard(
        ctx.db, "测试", mine, general(grade="重大", clause_key=clauses_for("coal", TODAY)[0].key)
    )
    found = [f for f in findings_for_mine(ctx.db, mine) if f.rule_code == "HAZ-FIVE-FIXES"]
    assert found and ctx.openers.can_open(found[0])
    tabs = []

    def look(dialog):
        tabs.append((dialog.hazard_id, dialog.current_tab()))
        dialog.accept()

    when_modal(look)
    assert ctx.openers.open(page, ctx, found[0]) is False  # nothing saved
    assert tabs == [(hazard_id, "fixes")]
    overdue = Finding("HAZ-OVERDUE", "red", Subject("hazard", hazard_id, "x"), "逾期", "", mine)
    when_modal(look)
    ctx.openers.open(page, ctx, overdue)
    assert tabs[-1] == (hazard_id, "rectify")


def test_monthly_findings_open_the_monthly_checks_and_two_majors_open_the_ledger(ctx, mine, page):
    year, month = last_month()
    check = record_monthly_check(
        ctx.db, "测试", mine, MonthlyCheckInput(year, month, date(year, month, 2), "赵")
    )
    zero = Finding("HAZ-ZERO-REPORT", "amber", Subject("monthly_check", check, "x"), "零报告", "", mine)
    page.setCurrentWidget(page.ledger)
    assert ctx.openers.open(page, ctx, zero) is False
    assert page.currentWidget() is page.monthly and page.monthly.selected_month() == (year, month)

    for days in (3, 20, 200):
        found = TODAY - timedelta(days=days)
        register_hazard(
            ctx.db,
            "测试",
            mine,
            general(found_on=found, grade="重大", clause_key=clauses_for("coal", found)[0].key),
        )
    register_hazard(ctx.db, "测试", mine, general())
    red = [f for f in findings_for_mine(ctx.db, mine) if f.rule_code == "HAZ-TWO-MAJOR-3M"]
    assert red
    ctx.openers.open(page, ctx, red[0])
    assert page.currentWidget() is page.ledger
    assert page.ledger.model.rowCount() == 2
    assert page.ledger.filter.grade == "major" and page.ledger.filter.found_from == months_back(TODAY, 3)

    missing = Finding("HAZ-MONTHLY-CHECK", "amber", Subject("mine", mine, "x"), "本月", "", mine)
    ctx.openers.open(page, ctx, missing)
    assert page.currentWidget() is page.monthly
    assert page.monthly.current_row().check_id is None


# --- the clause picker ----------------------------------------------------------------------------------------


def test_clause_picker_offers_the_edition_in_force_and_marks_unverified_text(gui_app, qtbot):
    picker = ClausePicker()
    qtbot.addWidget(picker)
    picker.set_context("coal", date(2026, 6, 30))
    assert picker.clause_count() == len(clauses_for("coal", date(2026, 6, 30)))
    assert "应急管理部令第4号" in picker.editions.text() and "待核对" not in picker.editions.text()
    first = picker.keys_shown()[0]
    assert picker.set_clause_key(first) and picker.clause_key() == first
    picker.set_context("coal", date(2026, 7, 1))  # the revised standard: the old clause is dropped
    assert picker.clause_key() == ""
    assert "第21号" in picker.editions.text() and "待核对" in picker.editions.text()
    assert "待核对" in picker.model.index(0, 0).data()
    picker.set_context("underground_metal", date(2026, 7, 1))
    assert {picker.model.index(r, 0).data().split("「")[0] for r in range(picker.clause_count())} == {
        "矿安〔2022〕88号",
        "矿安〔2024〕41号",
    }
    picker.search.setText("安全出口")
    assert 0 < picker.visible_count() < picker.clause_count()


def test_five_fixes_saved_through_the_service_show_on_the_form(ctx, mine, dialog_for):
    hazard_id = register_hazard(
        ctx.db, "测试", mine, general(grade="重大", clause_key=clauses_for("coal", TODAY)[0].key)
    )
    set_five_fixes(
        ctx.db,
        "测试",
        hazard_id,
        FiveFixes(responsible_name="外单位刘", measures="m", funds=5, deadline=TODAY),
    )
    dialog = dialog_for(hazard_id)
    assert dialog.responsible.value() == (None, "外单位刘")
    assert set(dialog.missing_fixes()) == {"预案"}
    assert "缺预案" in dialog.gaps.text() and "双报告缺报监管部门、向职工公告的日期" in dialog.gaps.text()
    assert "判定依据" not in dialog.fact_labels["clause"].text()
    assert clauses_for("coal", TODAY)[0].text in dialog.fact_labels["clause"].text()


def test_print_buttons_pass_what_the_hazard_form_takes(monkeypatch):
    from desktop.printing.catalog import FormEntry, FormParam
    from desktop.views import hazard_print

    def build(_db, _mine_id, **_params):
        raise AssertionError("not built here")

    params = (
        FormParam("date_from", "起", "--from", "D", "起始日期"),
        FormParam("date_to", "止", "--to", "D", "截止日期"),
        FormParam("session", "编号", "--session", "N", "编号", kind="int", minimum=1),
    )
    monkeypatch.setitem(
        hazard_print.FORMS, "hazard-ledger", FormEntry("hazard-ledger", "台账", build, params)
    )
    assert hazard_print.has_form("hazard-ledger")
    offered = {"from": date(2026, 1, 1), "to": date(2026, 3, 31), "session": "不是数字", "grade": "major"}
    assert hazard_print.form_params("hazard-ledger", **offered) == {
        "date_from": "2026-01-01",
        "date_to": "2026-03-31",
    }
    assert hazard_print.form_params("no-such-form", year=2026) == {}


def built_preview(qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.dialogs.form_preview import PrintPreviewDialog

    (preview,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog) and w.isVisible()
    ]
    qtbot.waitUntil(lambda: not preview.page.building and preview.page.has_preview(), timeout=30000)
    return preview


def test_the_ledger_prints_with_its_period_and_filters_and_a_major_prints_its_sheet(
    ctx, mine, page, dialog_for, qtbot
):
    major = register_hazard(
        ctx.db,
        "测试",
        mine,
        general(place="2201回风巷", grade="重大", clause_key=clauses_for("coal", TODAY)[0].key),
    )
    register_hazard(ctx.db, "测试", mine, general())
    register_hazard(ctx.db, "测试", mine, general(found_on=TODAY - timedelta(days=400)))
    ctx.data_changed.emit()
    tab = page.ledger
    assert tab.print_button.isVisible() and tab.model.rowCount() == 3
    tab.found_from.set_value(date(TODAY.year, 1, 1))
    tab.grade.setCurrentIndex(tab.grade.findData("grade:major"))
    tab.print_button.click()
    preview = built_preview(qtbot)
    form = preview.page.form
    assert "隐患排查治理台账" in form.title
    assert len(form.rows) == 1 and any("2201回风巷" in str(cell) for cell in form.rows[0])
    preview.close()

    number = hazard(ctx, major).number
    dialog = dialog_for(major)
    assert dialog.print_button.isVisible()
    dialog.print_button.click()
    preview = built_preview(qtbot)
    assert "五落实" in preview.windowTitle()
    form = preview.page.form
    shown = [form.period, *(v for pair in form.info_block for v in pair), *(c for r in form.rows for c in r)]
    assert any(number in str(text) for text in shown)
    preview.close()
