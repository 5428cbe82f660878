"""自救器演练: a team's results keyed from the paper sheet without the mouse, bad input refused with the row
named, leavers confirmed, the month's coverage (barred fails closed), evacuation drills and the openers."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sqlalchemy import func, select

from db import clock
from db.idnumber import make
from db.models import DrillResult, DrillSession, EvacuationDrill, PersonStatus
from db.rules.findings import Finding, Subject
from db.rules.runner import findings_for_mine
from db.services.drills import (
    DrillEntry,
    DrillSessionInput,
    EvacuationInput,
    record_drill,
    record_evacuation_drill,
)
from db.services.mines import add_department
from db.services.people import PersonInput, add_people, set_status
from desktop.dialogs.drill_session_dialog import DrillSessionDialog
from desktop.dialogs.evacuation_dialog import EvacuationDialog
from desktop.views.drills_page import COVERAGE, EVACUATION, SESSIONS, DrillsPage
from desktop.widgets.seconds_entry import judge

TODAY = clock.today()
ENTER = Qt.Key.Key_Return


@pytest.fixture
def mine(ctx, add_mine):
    """一号煤矿: 综采一队 with four underground workers (工号 1001–1004) and a leaver (1006), and an office
    clerk who does not go underground (1005)."""
    mine_id = add_mine("一号煤矿", principal_name="王建国")
    face = add_department(ctx.db, "测试", mine_id, "综采一队", underground=True)
    office = add_department(ctx.db, "测试", mine_id, "机关科室")
    hired = TODAY - timedelta(days=400)
    specs = [
        ("张伟", "1001", face, True),
        ("李强", "1002", face, True),
        ("王磊", "1003", face, True),
        ("赵军", "1004", face, True),
        ("钱文", "1005", office, False),
        ("孙立", "1006", face, True),
    ]
    ids = add_people(
        ctx.db,
        "测试",
        mine_id,
        [
            PersonInput(
                name=name,
                id_number=make("140502", date(1980 + n, 3, 1 + n), 11 + n),
                work_no=work_no,
                department_id=dept,
                underground=underground,
                hire_date=hired,
                post="采煤工",
            )
            for n, (name, work_no, dept, underground) in enumerate(specs)
        ],
    )
    set_status(ctx.db, "测试", ids[5], PersonStatus.left, TODAY)
    ctx.set_mine(mine_id)
    return SimpleNamespace(
        id=mine_id,
        face=face,
        office=office,
        **dict(zip(["zhang", "li", "wang", "zhao", "qian", "sun"], ids, strict=True)),
    )


def open_dialog(ctx, qtbot, **kwargs) -> DrillSessionDialog:
    dialog = DrillSessionDialog(ctx, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def focus():
    return QApplication.focusWidget()


def type_row(qtbot, dialog, who: str, seconds: str) -> None:
    """One line of the paper sheet: the person (ASCII: 工号 or ID digits), Enter, the seconds, Enter."""
    assert focus() is dialog.picker, "each new line starts in the person cell"
    qtbot.keyClicks(focus(), who)
    qtbot.keyClick(focus(), ENTER)
    assert focus() is not dialog.picker, f"{who} did not pick anyone"
    qtbot.keyClicks(focus(), seconds)
    qtbot.keyClick(focus(), ENTER)


def save_keys(qtbot) -> None:
    qtbot.keyClick(focus(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def stored(ctx) -> dict[int, tuple[float | None, bool | None, bool, int, str]]:
    with ctx.db.session() as s:
        return {
            r.person_id: (r.seconds, r.passed, r.absent, r.attempts, r.remark)
            for r in s.scalars(select(DrillResult))
        }


def session_count(ctx) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(func.count()).select_from(DrillSession))


# --- keyboard entry ---------------------------------------------------------------------------------


def test_a_whole_sheet_keyed_without_the_mouse(ctx, mine, qtbot, messages):
    dialog = open_dialog(ctx, qtbot)
    assert focus() is dialog.held_on
    # Enter walks the session's details in the paper's order, then into the sheet.
    for _ in range(7):
        qtbot.keyClick(focus(), ENTER)
    assert focus() is dialog.unit_serials
    qtbot.keyClicks(focus(), "PX-01")
    qtbot.keyClick(focus(), ENTER)
    assert focus() is dialog.notes
    qtbot.keyClick(focus(), ENTER)

    type_row(qtbot, dialog, "1001", "27.5")
    assert dialog.rows[0].result.text() == "合格"
    id_tail = dialog.people[mine.li].id_number[-6:]  # the last digits of the ID, as on a work card
    type_row(qtbot, dialog, id_tail, "31")
    assert dialog.rows[1].result.text() == "不合格"
    type_row(qtbot, dialog, "1003", "30")  # exactly the threshold passes
    assert dialog.rows[2].result.text() == "合格"
    type_row(qtbot, dialog, "1004", "q")  # q: absent
    assert dialog.rows[3].absent.isChecked() and dialog.rows[3].result.text() == "缺席"
    assert focus() is dialog.picker and dialog.entry_number.text() == "5"
    save_keys(qtbot)

    assert messages.shown == []
    assert dialog.result() == DrillSessionDialog.DialogCode.Accepted
    assert stored(ctx) == {
        mine.zhang: (27.5, True, False, 1, ""),
        mine.li: (31.0, False, False, 1, ""),
        mine.wang: (30.0, True, False, 1, ""),
        mine.zhao: (None, None, True, 1, ""),
    }
    with ctx.db.session() as s:
        session = s.scalars(select(DrillSession)).one()
    assert (session.held_on, session.kind, session.unit_serials, session.threshold_s) == (
        TODAY,
        "monthly",
        "PX-01",
        30.0,
    )


def test_a_whole_team_then_the_seconds_down_the_column(ctx, mine, qtbot, messages):
    dialog = open_dialog(ctx, qtbot)
    qtbot.keyClick(focus(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    popup = dialog.team_combo.view()
    assert focus() is popup  # Ctrl+D opens the list of teams
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert dialog.rows == []  # moving through the list adds nothing
    qtbot.keyClick(popup, ENTER)
    # The team's active underground people, in roster order; the leaver 孙立 is not among them.
    assert [row.person.name for row in dialog.rows] == ["张伟", "李强", "王磊", "赵军"]
    assert "4" in dialog.status.text()
    for seconds in ("27.5", "31", "29.9", "30"):
        assert focus() is dialog.rows[[r.seconds for r in dialog.rows].index(focus())].seconds
        qtbot.keyClicks(focus(), seconds)
        qtbot.keyClick(focus(), ENTER)
    assert focus() is dialog.picker  # after the last row: a new row's person cell
    # Adding the team again adds nobody twice.
    assert dialog.add_department(mine.face) == 0
    save_keys(qtbot)
    assert messages.shown == []
    results = stored(ctx)
    assert results[mine.li][:2] == (31.0, False)
    assert results[mine.zhao][:2] == (30.0, True)
    assert len(results) == 4


def test_the_same_person_twice_is_one_row_and_his_retry(ctx, mine, qtbot, messages):
    dialog = open_dialog(ctx, qtbot)
    dialog.picker.setFocus()
    type_row(qtbot, dialog, "1002", "31.2")
    type_row(qtbot, dialog, "1001", "25")
    qtbot.keyClicks(focus(), "1002")
    qtbot.keyClick(focus(), ENTER)
    assert len(dialog.rows) == 2
    assert focus() is dialog.rows[0].seconds and dialog.rows[0].seconds.selectedText() == "31.2"
    assert dialog.rows[0].attempts.value() == 2
    assert "李强已在第1行" in dialog.status.text()
    qtbot.keyClicks(focus(), "28")
    qtbot.keyClick(focus(), ENTER)
    save_keys(qtbot)
    assert stored(ctx)[mine.li] == (28.0, True, False, 2, "")


@pytest.mark.parametrize("typed", ["abc", "0", "-1", "601"])
def test_bad_seconds_name_the_row_and_write_nothing(ctx, mine, qtbot, messages, typed):
    dialog = open_dialog(ctx, qtbot)
    dialog.picker.setFocus()
    type_row(qtbot, dialog, "1001", "27")
    type_row(qtbot, dialog, "1002", typed)
    assert dialog.rows[1].seconds.property("bad") is True
    assert dialog.rows[1].result.text() == "请核对"
    save_keys(qtbot)
    (text,) = messages.texts("warning")
    assert text.startswith("第2行（李强）盲戴用时：")
    assert session_count(ctx) == 0
    assert dialog.isVisible() and focus() is dialog.rows[1].seconds


def test_a_row_without_seconds_is_refused_and_marked(ctx, mine, qtbot, messages):
    dialog = open_dialog(ctx, qtbot)
    dialog.add_department(mine.face)
    qtbot.keyClicks(focus(), "27")
    qtbot.keyClick(focus(), ENTER)
    save_keys(qtbot)
    (text,) = messages.texts("warning")
    assert text.startswith("第2行（李强）盲戴用时：未填写")
    assert session_count(ctx) == 0
    assert dialog.rows[1].seconds.property("bad") is True


def test_a_leaver_is_a_warning_saved_only_when_confirmed(ctx, mine, qtbot, messages):
    dialog = open_dialog(ctx, qtbot)
    dialog.picker.setFocus()
    type_row(qtbot, dialog, "1001", "27")
    type_row(qtbot, dialog, "1006", "25")  # 孙立 has left
    assert "孙立" in dialog.status.text() and "离职" in dialog.rows[1].who.text()
    messages.answer = QMessageBox.StandardButton.No
    save_keys(qtbot)
    (question,) = messages.texts("question")
    assert "孙立已不在岗（离职）" in question
    assert session_count(ctx) == 0 and dialog.isVisible()

    messages.answer = QMessageBox.StandardButton.Yes
    save_keys(qtbot)
    assert len(messages.texts("question")) == 2
    assert set(stored(ctx)) == {mine.zhang, mine.sun}


def test_someone_who_does_not_go_underground_is_a_warning_too(ctx, mine, qtbot, messages):
    dialog = open_dialog(ctx, qtbot)
    dialog.picker.setFocus()
    type_row(qtbot, dialog, "1005", "20")
    save_keys(qtbot)
    assert "钱文不是入井人员" in messages.texts("question")[0]
    assert session_count(ctx) == 0


def test_escape_asks_before_losing_typed_rows(ctx, mine, qtbot, messages):
    dialog = open_dialog(ctx, qtbot)
    dialog.picker.setFocus()
    type_row(qtbot, dialog, "1001", "27")
    messages.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(messages.texts("question")) == 1
    messages.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and session_count(ctx) == 0


def test_the_threshold_judges_live_and_a_future_date_cannot_be_chosen(ctx, mine, qtbot):
    dialog = open_dialog(ctx, qtbot)
    assert dialog.threshold.value() == 30.0
    dialog.add_department(mine.face)
    dialog.rows[0].seconds.setText("30.0")
    dialog.rows[1].seconds.setText("30.1")
    assert [r.result.text() for r in dialog.rows[:2]] == ["合格", "不合格"]
    dialog.threshold.setValue(35.0)
    assert dialog.rows[1].result.text() == "合格"
    tomorrow = TODAY + timedelta(days=1)
    dialog.held_on.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert dialog.held_on.date() == QDate(TODAY.year, TODAY.month, TODAY.day)
    assert judge("３０．０", 30.0).state == "passed" and judge("缺", 30.0).state == "absent"


def test_a_saved_session_gets_corrections_and_new_rows(ctx, mine, qtbot, messages):
    session_id = record_drill(
        ctx.db, "测试", mine.id, DrillSessionInput(held_on=TODAY), [DrillEntry(mine.zhang, 31.0)]
    )
    dialog = open_dialog(ctx, qtbot, session_id=session_id)
    assert [r.person.name for r in dialog.rows] == ["张伟"] and not dialog.held_on.isEnabled()
    assert focus() is dialog.picker
    type_row(qtbot, dialog, "1002", "26")
    dialog.rows[0].seconds.setFocus()
    dialog.rows[0].seconds.selectAll()
    qtbot.keyClicks(focus(), "29")
    save_keys(qtbot)
    assert messages.shown == []
    results = stored(ctx)
    assert results[mine.zhang][:2] == (29.0, True) and results[mine.zhang][3] == 2  # a correction: attempt 2
    assert results[mine.li] == (26.0, True, False, 1, "")


# --- the page ---------------------------------------------------------------------------------------


@pytest.fixture
def page(ctx, mine, qtbot):
    drills = DrillsPage(ctx)
    drills.register_openers()
    qtbot.addWidget(drills)
    drills.resize(1100, 700)
    drills.show()
    qtbot.waitExposed(drills)
    return drills


def wait_coverage(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.coverage.loading and page.coverage.summary is not None, timeout=10000)


def names(view) -> list[str]:
    return [line.person.name for line in view.rows()]


def test_coverage_shows_the_barred_worker_until_a_later_pass(ctx, mine, page, qtbot):
    ctx.write(
        page,
        record_drill,
        mine.id,
        DrillSessionInput(held_on=TODAY),
        [DrillEntry(mine.zhang, 25), DrillEntry(mine.li, 33.5)],
    )
    page.show_tab(COVERAGE)
    wait_coverage(qtbot, page)
    cov = page.coverage
    assert names(cov.barred) == ["李强"]
    # 孙立 left today: he still owed this month's drill, and the list says he has left.
    assert names(cov.missing) == ["孙立", "王磊", "赵军"]
    assert cov.missing.rows_model.index(0, 0).data() == "孙立（离职）"
    assert cov.totals["underground"].text() == "5" and cov.totals["coverage"].text() == "40.0%"
    assert cov.totals["pass_rate"].text() == "50.0%"
    (dept,) = cov.departments.rows()
    assert (dept.name, dept.underground, dept.drilled, dept.passed, dept.failed, dept.missing) == (
        "综采一队",
        5,
        2,
        1,
        1,
        3,
    )
    barred_cell = cov.barred.rows_model.index(0, 0)
    assert barred_cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"

    ctx.write(page, record_drill, mine.id, DrillSessionInput(held_on=TODAY), [DrillEntry(mine.li, 28.0)])
    wait_coverage(qtbot, page)
    assert names(cov.barred) == []
    assert cov.totals["passed"].text() == "2"


def test_failing_two_months_running_is_listed(ctx, mine, page, qtbot):
    last_month = TODAY.replace(day=1) - timedelta(days=1)
    record_drill(ctx.db, "测试", mine.id, DrillSessionInput(held_on=last_month), [DrillEntry(mine.wang, 35)])
    ctx.write(page, record_drill, mine.id, DrillSessionInput(held_on=TODAY), [DrillEntry(mine.wang, 32)])
    page.show_tab(COVERAGE)
    wait_coverage(qtbot, page)
    (line,) = page.coverage.repeat.rows()
    assert (line.person.name, line.previous_best, line.best) == ("王磊", 35.0, 32.0)


def test_the_session_list_counts_and_opens_the_results(ctx, mine, page, qtbot, when_modal):
    ctx.write(
        page,
        record_drill,
        mine.id,
        DrillSessionInput(held_on=TODAY, place="井口培训室"),
        [DrillEntry(mine.zhang, 25), DrillEntry(mine.li, 33.5), DrillEntry(mine.wang, None, absent=True)],
    )
    page.show_tab(SESSIONS)
    (row,) = page.sessions.view.rows()
    assert (row.kind_title, row.place, row.drilled, row.passed, row.failed, row.absent) == (
        "月度实操培训",
        "井口培训室",
        2,
        1,
        1,
        1,
    )
    seen = when_modal(lambda dialog: dialog.reject())
    page.sessions.view.setFocus()
    qtbot.keyClick(page.sessions.view, ENTER)
    assert len(seen) == 1 and isinstance(seen[0], DrillSessionDialog)
    assert [r.person.name for r in seen[0].rows] == ["张伟", "李强", "王磊"]


def test_an_evacuation_drill_saved_in_its_dialog_clears_the_finding(ctx, mine, page, qtbot, when_modal):
    def not_organised() -> list[str]:
        return [
            f.message
            for f in findings_for_mine(ctx.db, mine.id)
            if f.rule_code == "DRILL-EVACUATION" and "尚未组织" in f.message
        ]

    assert not_organised()
    page.show_tab(EVACUATION)
    tab = page.evacuations
    assert tab.halves[0].state == "due" and "尚未组织应急演练" in tab.headline.text()

    def fill(dialog):
        assert isinstance(dialog, EvacuationDialog)
        dialog.scenario.setText("井下透水事故紧急撤离")
        dialog.place.setText("二采区")
        dialog.organiser.setText("李安全")
        dialog.names.setPlainText("张伟、李强、王磊")
        dialog.duration.setValue(45)
        dialog.problems.setPlainText("个别人员对避灾路线不熟")
        dialog.measures.setPlainText("避灾路线专项培训")
        dialog.evaluation.setPlainText("达到预期目的")
        dialog.reported.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(fill)
    assert tab.new_drill()
    assert not_organised() == []
    (row,) = tab.view.rows()
    assert (row.scenario, row.participants, row.duration_min, row.reported_on) == (
        "井下透水事故紧急撤离",
        3,
        45,
        TODAY,
    )
    assert tab.halves[0].state == "done"
    with ctx.db.session() as s:
        drill = s.scalars(select(EvacuationDrill)).one()
    assert (drill.participant_names, drill.problems) == ("张伟、李强、王磊", "个别人员对避灾路线不熟")


def test_an_evacuation_drill_without_a_scenario_is_refused(ctx, mine, qtbot, messages):
    dialog = EvacuationDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.save()
    assert messages.texts("warning") == ["演练科目/场景：不能为空"]
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(EvacuationDrill)) == 0


def test_findings_open_the_page_where_they_are_fixed(ctx, mine, page, qtbot, when_modal):
    ctx.write(page, record_drill, mine.id, DrillSessionInput(held_on=TODAY), [DrillEntry(mine.li, 33.5)])
    subject = Subject("person", mine.li, "李强")
    barred = Finding("DRILL-30S", "red", subject, "李强最近一次自救器盲戴不合格", "条款", mine.id)
    page.show_tab(SESSIONS)
    assert ctx.openers.open(page, ctx, barred) is False
    assert page.tabs.currentIndex() == COVERAGE
    wait_coverage(qtbot, page)
    model = page.coverage.barred.rows_model
    assert [model.row(r).person.name for r in model.highlighted] == ["李强"]
    assert "李强" in page.coverage.history_title.text() and len(page.coverage.history.rows()) == 1

    evacuation = Finding(
        "DRILL-EVACUATION", "amber", Subject("mine", mine.id, "一号煤矿"), "尚未组织", "条款", mine.id
    )
    ctx.openers.open(page, ctx, evacuation)
    assert page.tabs.currentIndex() == EVACUATION

    seen = when_modal(lambda dialog: dialog.reject())
    spot = Finding(
        "DRILL-SHIFT-SPOT", "red", Subject("mine", mine.id, "一号煤矿"), "近7天没有班前抽查", "条款", mine.id
    )
    assert ctx.openers.open(page, ctx, spot) is False
    assert page.tabs.currentIndex() == SESSIONS
    assert seen[0].kind.currentData() == "shift_spot"


@pytest.mark.parametrize(
    ("key", "params"), [("drill-session", {"session": True}), ("drill-coverage", {}), ("evacuation", {})]
)
def test_the_print_buttons_build_their_form_for_the_record_in_hand(ctx, mine, page, qtbot, key, params):
    session_id = record_drill(
        ctx.db, "测试", mine.id, DrillSessionInput(held_on=TODAY), [DrillEntry(mine.zhang, 25)]
    )
    if params.get("session"):
        params = {"session": session_id}
    if key == "drill-coverage":
        params = {"month": f"{TODAY:%Y-%m}"}
    dialog = page.print_form(key, **params)
    assert dialog is not None
    preview = dialog.page  # the print center's own page, with this form and its parameters fixed
    qtbot.waitUntil(lambda: not preview.building and preview.has_preview(), timeout=30000)
    assert preview.pdf_path is not None and preview.document.pageCount() >= 1
    assert preview.save_button.isEnabled() and preview.print_button.isEnabled()
    dialog.close()


def test_a_saved_evacuation_drill_opens_editable_and_takes_its_report_date(ctx, mine, page, when_modal):
    drill_id = ctx.write(
        page,
        record_evacuation_drill,
        mine.id,
        EvacuationInput(held_on=TODAY, scenario="火灾事故紧急撤离", participants=12),
    )[1]

    def unreported() -> list[int]:
        return [
            f.subject.id
            for f in findings_for_mine(ctx.db, mine.id)
            if f.rule_code == "DRILL-EVACUATION" and f.subject.entity == "evacuation_drill"
        ]

    assert unreported() == [drill_id]
    seen = []

    def report(dialog):
        seen.append((dialog.scenario.isReadOnly(), dialog.participants.isEnabled(), dialog.scenario.text()))
        assert "报县级应急管理部门" in dialog.note.text()
        assert dialog.reported.isEnabled() and not dialog.reported.isChecked()
        dialog.reported.setChecked(True)
        assert dialog.reported_on.isEnabled()
        dialog.reported_on.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(report)
    finding = Finding(
        "DRILL-EVACUATION", "amber", Subject("evacuation_drill", drill_id, "火灾"), "未登记", "条款", mine.id
    )
    assert ctx.openers.open(page, ctx, finding) is True
    assert seen == [(False, True, "火灾事故紧急撤离")]
    assert page.tabs.currentIndex() == EVACUATION
    assert unreported() == []
    with ctx.db.session() as s:
        drill = s.get(EvacuationDrill, drill_id)
        assert (drill.reported_on, drill.scenario, drill.participants) == (TODAY, "火灾事故紧急撤离", 12)


def test_in_the_main_window_a_finding_brings_the_page_forward(ctx, mine, window, qtbot):
    """Wired as main_window will wire it: the page in place of the placeholder, its openers registered."""
    drills = DrillsPage(ctx)
    index = window.page_keys().index("drills")
    old = window.pages["drills"]
    window.stack.insertWidget(index, drills)
    window.stack.removeWidget(old)
    window.pages["drills"] = drills
    drills.register_openers()
    ctx.write(drills, record_drill, mine.id, DrillSessionInput(held_on=TODAY), [DrillEntry(mine.li, 33.5)])
    window.go("home")
    qtbot.waitUntil(lambda: not window.dashboard.checking(), timeout=10000)  # 首页 checks on the worker
    barred = [f for f in window.dashboard.findings() if f.rule_code == "DRILL-30S"]
    assert [f.subject.id for f in barred] == [mine.li]
    window.dashboard.open_finding(barred[0])
    assert window.current_page_key() == "drills" and drills.tabs.currentIndex() == COVERAGE
    wait_coverage(qtbot, drills)
    assert names(drills.coverage.barred) == ["李强"]


def test_arrow_keys_move_in_the_column_and_ctrl_delete_removes_a_row(ctx, mine, qtbot, messages):
    dialog = open_dialog(ctx, qtbot)
    dialog.picker.setFocus()
    type_row(qtbot, dialog, "1001", "27")
    type_row(qtbot, dialog, "1002", "28")
    qtbot.keyClick(focus(), Qt.Key.Key_Up)
    assert focus() is dialog.rows[1].seconds
    qtbot.keyClick(focus(), Qt.Key.Key_Up)
    assert focus() is dialog.rows[0].seconds
    qtbot.keyClick(focus(), Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [r.person.name for r in dialog.rows] == ["李强"] and dialog.rows[0].number.text() == "1"
    assert focus() is dialog.rows[0].seconds
    qtbot.keyClick(focus(), Qt.Key.Key_Down)
    assert focus() is dialog.picker and dialog.entry_number.text() == "2"


def test_picking_someone_already_listed_without_a_time_is_not_a_retry(ctx, mine, qtbot, messages):
    dialog = open_dialog(ctx, qtbot)
    dialog.add_department(mine.face)
    dialog.picker.setFocus()
    qtbot.keyClicks(focus(), "1003")
    qtbot.keyClick(focus(), ENTER)
    assert focus() is dialog.rows[2].seconds and dialog.rows[2].attempts.value() == 1
    assert "王磊在第3行" in dialog.status.text()
