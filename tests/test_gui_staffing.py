"""关键岗位配备 tab: one row per key post, judged as the rules judge; 任命 and 免职 through the service doors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from sqlalchemy import select

from db import clock
from db.models import PostAssignment
from db.rules.runner import findings_for_mine
from db.services.staffing import assign_post
from desktop.dialogs.training_session_dialog import PrintPreviewDialog
from desktop.views.staffing_tab import AppointDialog, RelieveDialog, make_tab
from tests.db.helpers import person

TODAY = clock.today()
LONG_AGO = date(2000, 1, 1)
OTHER_POSITIONS = ("mine_manager", "deputy_safety", "deputy_production", "deputy_electromech")


@pytest.fixture
def mine(ctx, add_mine):
    """A coal mine whose five positions are filled except 总工程师; 孙工 could fill it, 周某 could not."""
    mine_id = add_mine("一号煤矿", principal_name="王建国")
    start = TODAY - timedelta(days=400)
    for code in OTHER_POSITIONS:
        holder = person(
            ctx.db, mine_id, f"领导{code[-4:]}", education="本科", core_major=True, work_start=LONG_AGO
        )
        assign_post(ctx.db, "测试", holder, code, start)
    ids = {
        "孙工": person(
            ctx.db, mine_id, "孙工", education="本科", major="采矿工程", core_major=True, work_start=LONG_AGO,
            work_no="0777",
        ),
        "周某": person(ctx.db, mine_id, "周某", education="高中/中专/技校", work_start=TODAY - timedelta(days=700)),
    }  # fmt: skip
    ctx.set_mine(mine_id)
    return {"id": mine_id, **ids}


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def line_of(tab, post_code: str):
    (line,) = [line for line in tab.lines() if line.post_code == post_code]
    return line


def cells(tab, post_code: str) -> list[str]:
    row = tab.row_of(post_code)
    return [tab.model.item(row, c).text() for c in range(tab.model.columnCount())]


def chief_engineer_findings(ctx, mine_id):
    return [
        f
        for f in findings_for_mine(ctx.db, mine_id)
        if f.rule_code == "STAFF-FIVE-POSITIONS" and "总工程师" in f.subject.label
    ]


def test_one_row_per_key_post_with_the_verdict_of_the_rules(ctx, mine, qtbot):
    tab = show(qtbot, make_tab(ctx))
    headers = [tab.model.horizontalHeaderItem(c).text() for c in range(tab.model.columnCount())]
    assert headers == [
        "职务/专业", "姓名", "学历", "专业", "主体专业", "一线从业年限", "任职时间", "考核合格证号", "年度专门培训",
        "是否符合要求",
    ]  # fmt: skip
    titles = [line.post_title for line in tab.lines()]
    assert titles[:6] == ["主要负责人", "矿长", "总工程师", "安全副矿长", "生产副矿长", "机电副矿长"]
    assert len(titles) == 11
    assert cells(tab, "chief_engineer")[-1] == "空缺"
    assert tab.model.item(tab.row_of("chief_engineer"), 9).foreground().color().name() == "#b71c1c"
    assert cells(tab, "principal")[-1] == "符合（已在矿山信息中明确，未关联人员档案）"
    assert cells(tab, "spec_mining")[0] == "采煤专业"
    assert "山西省标准" in tab.caption.text() and "不少于10年" in tab.caption.text()


def test_appointing_a_qualified_chief_engineer_turns_the_row_green_and_clears_the_finding(
    ctx, mine, qtbot, when_modal, messages
):
    assert len(chief_engineer_findings(ctx, mine["id"])) == 1
    tab = show(qtbot, make_tab(ctx))
    tab.select("chief_engineer")
    seen = []

    def appoint(dialog):
        seen.append(dialog)
        assert isinstance(dialog, AppointDialog)
        assert dialog.post.currentData() == "chief_engineer"  # the selected row's post
        dialog.picker.setFocus()
        qtbot.keyClicks(dialog.picker, "0777")  # 孙工's 工号
        qtbot.keyClick(dialog.picker, Qt.Key.Key_Return)
        assert dialog.picker.person_id() == mine["孙工"]
        assert "符合" in dialog.judgement.text() and "不符合" not in dialog.judgement.text()
        dialog.start.setDate(TODAY - timedelta(days=1))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(appoint)
    tab.assign_button.click()
    assert len(seen) == 1 and messages.shown == []
    line = line_of(tab, "chief_engineer")
    assert (line.name, line.since, line.reasons) == ("孙工", TODAY - timedelta(days=1), ())
    assert cells(tab, "chief_engineer")[-1] == "符合"
    assert tab.model.item(tab.row_of("chief_engineer"), 9).foreground().color().name() == "#2e7d32"
    assert chief_engineer_findings(ctx, mine["id"]) == []
    assert tab.current_line().post_code == "chief_engineer"  # the new holder's row stays selected


def test_an_unqualified_appointment_is_saved_but_says_why(ctx, mine, qtbot):
    tab = show(qtbot, make_tab(ctx))
    tab.select("chief_engineer")
    dialog = show(qtbot, AppointDialog(ctx, tab.report, "chief_engineer", tab))
    dialog.picker.set_person_id(mine["周某"])
    dialog._explain()
    assert "不符合" in dialog.judgement.text() and "低于大专" in dialog.judgement.text()
    dialog.save()
    verdict = cells(tab, "chief_engineer")[-1]
    assert verdict.startswith("不符合：学历为高中/中专/技校，低于大专")
    codes = [f.rule_code for f in findings_for_mine(ctx.db, mine["id"]) if f.subject.label == "周某"]
    assert "STAFF-POSITION-QUALIFIED" in codes


def test_appointing_without_a_person_is_refused(ctx, mine, qtbot, messages):
    tab = show(qtbot, make_tab(ctx))
    dialog = show(qtbot, AppointDialog(ctx, tab.report, "chief_engineer", tab))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert messages.texts("warning") == ["人员：请选择任职人员。"]
    with ctx.db.session() as s:
        assert (
            s.scalars(select(PostAssignment).where(PostAssignment.post_code == "chief_engineer")).all() == []
        )


def test_relieving_a_holder_ends_the_term_and_the_post_falls_vacant(ctx, mine, qtbot, when_modal):
    tab = show(qtbot, make_tab(ctx))
    tab.select("deputy_safety")
    assert tab.end_button.isEnabled()

    def relieve(dialog):
        assert isinstance(dialog, RelieveDialog)
        dialog.note.setText("晋煤任〔2026〕3号")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(relieve)
    tab.end_button.click()
    assert cells(tab, "deputy_safety")[-1] == "空缺"
    with ctx.db.session() as s:
        (ended,) = s.scalars(select(PostAssignment).where(PostAssignment.post_code == "deputy_safety")).all()
    assert (ended.end, ended.note) == (TODAY, "晋煤任〔2026〕3号")
    tab.select("chief_engineer")
    assert not tab.end_button.isEnabled()  # a vacant post has nobody to relieve


def test_print_previews_the_staffing_table(ctx, mine, qtbot):
    tab = show(qtbot, make_tab(ctx))
    tab.print_button.click()
    (preview,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog) and w.isVisible()
    ]
    qtbot.waitUntil(lambda: not preview.page.building and preview.page.has_preview(), timeout=30000)
    assert preview.page.form.title == "“五职”矿长和“五科”专业技术人员配备情况表"
    assert len(preview.page.form.rows) == len(tab.lines())
    assert not preview.page.forms.isVisible()
    preview.close()
