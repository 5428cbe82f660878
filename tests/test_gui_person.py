"""人员信息: the person dialog — record, key posts, training, certificates, history — and the openers on 首页."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import func, select

from db.idnumber import check_digit, make
from db.models import AuditEntry, Person, PostAssignment
from db.rules.findings import Finding, Subject
from db.services.certificates import CertificateInput, add_certificate, renew_certificate
from db.services.people import PersonInput, add_person
from db.services.staffing import assign_post
from db.services.training import Result, SessionInput, create_session
from desktop.dialogs.person_dialog import PersonDialog

TODAY = date.today()
WANG = make("140522", date(1975, 5, 6), 13)  # 男


@pytest.fixture
def mine(ctx, add_mine) -> int:
    mine_id = add_mine("一号煤矿")
    ctx.set_mine(mine_id)
    return mine_id


@pytest.fixture
def open_dialog(ctx, qtbot):
    made = []

    def make_dialog(person_id=None):
        dialog = PersonDialog(ctx, person_id)
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make_dialog
    for dialog in made:
        dialog.done(QDialog.DialogCode.Rejected)


def person(ctx, mine_id: int, name: str = "赵军", **fields) -> int:
    fields.setdefault("id_number", make("140522", date(1985, 3, 4), 21))
    return add_person(ctx.db, "测试", mine_id, PersonInput(name=name, **fields))


def settle(qtbot, window) -> None:
    """首页 checks on the worker: wait until it shows the answer to the latest request."""
    qtbot.waitUntil(lambda: not window.dashboard.checking(), timeout=10000)


def manager_findings(window) -> list[Finding]:
    return [
        f
        for f in window.dashboard.findings()
        if f.rule_code == "STAFF-FIVE-POSITIONS" and f.subject.label.endswith("· 矿长")
    ]


def test_add_a_person_and_make_him_mine_manager_clears_the_finding(ctx, mine, window, when_modal, qtbot):
    window.reload_mines()
    settle(qtbot, window)
    assert len(manager_findings(window)) == 1
    window.go("training")
    roster = window.personnel.roster
    seen = []

    def fill(dialog):
        assert isinstance(dialog, PersonDialog)
        assert dialog.windowTitle() == "新增人员"
        assert [dialog.tabs.isTabEnabled(i) for i in range(5)] == [True, False, False, False, False]
        form = dialog.form
        form.name.setText("王建国")
        qtbot.keyClicks(form.id_number, WANG)
        assert form.id_info.text() == "出生日期 1975-05-06，男"
        form.education.setCurrentIndex(form.education.findData("本科"))
        form.major.setText("采矿工程")
        form.core_major.setChecked(True)
        form.title.setCurrentIndex(form.title.findData("高级"))
        form.underground.setChecked(True)
        form.work_start.set_value(date(1997, 7, 1))
        dialog.apply_button.click()  # saved; the other tabs open
        assert dialog.person_id is not None and dialog.tabs.isTabEnabled(1)
        assert dialog.heading.text() == "王建国"
        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        assert tabs == ["基本信息", "关键岗位", "培训", "证书", "历史"]

        dialog.tabs.setCurrentWidget(dialog.posts_tab)
        posts = dialog.posts_tab
        assert posts.post.itemText(0) == "主要负责人"
        posts.post.setCurrentIndex(posts.post.findData("mine_manager"))
        posts.start.setDate(QDate(2024, 1, 2))
        posts.assign_button.click()
        seen.append(posts.holdings())
        dialog.save_button.click()

    opened = when_modal(fill)
    roster.add_button.click()
    assert len(opened) == 1
    assert seen == [[("矿长", "“五职”矿长", "2024-01-02", "现任", "")]]
    settle(qtbot, window)
    assert manager_findings(window) == []  # 首页 re-checked after the write
    remaining = {
        f.subject.label for f in window.dashboard.findings() if f.rule_code == "STAFF-FIVE-POSITIONS"
    }
    assert "一号煤矿 · 总工程师" in remaining and "一号煤矿 · 矿长" not in remaining
    with ctx.db.session() as s:
        added = s.scalars(select(Person).where(Person.mine_id == mine)).one()
        holding = s.scalars(select(PostAssignment)).one()
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        operators = set(s.scalars(select(AuditEntry.operator_name).where(AuditEntry.entity != "mine")))
    assert (added.name, added.id_number, added.sex, added.birth_date) == (
        "王建国",
        WANG,
        "男",
        date(1975, 5, 6),
    )
    assert (added.education, added.core_major, added.title, added.underground) == ("本科", True, "高级", True)
    assert (holding.person_id, holding.post_code, holding.start, holding.end) == (
        added.id,
        "mine_manager",
        date(2024, 1, 2),
        None,
    )
    assert actions[-2:] == ["create", "assign_post"] and operators == {"张会计"}
    assert roster.selected_person_id() == added.id  # the new person is selected on the roster


def test_a_bad_id_number_is_refused_naming_the_field_and_nothing_is_written(
    ctx, mine, open_dialog, qtbot, messages
):
    dialog = open_dialog()
    dialog.form.name.setText("李强")
    wrong = WANG[:17] + ("0" if WANG[17] != "0" else "1")
    qtbot.keyClicks(dialog.form.id_number, wrong)
    assert "校验位错误" in dialog.form.id_info.text()
    assert dialog.form.id_problem() is not None
    dialog.save_button.click()
    (text,) = messages.texts("warning")
    assert text.startswith("身份证号：") and "校验位" in text
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.id_number.text() == wrong  # what was typed stays for correcting
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
        assert (
            s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "person")) == 0
        )

    dialog.form.id_number.setText("")
    qtbot.keyClicks(dialog.form.id_number, "14052219800506")
    assert dialog.form.id_info.text() == "身份证号应为18位，这里是14位"


def test_full_width_digits_and_spaces_read_as_the_same_id(ctx, mine, open_dialog):
    dialog = open_dialog()
    full = "".join(chr(ord(c) + 0xFEE0) for c in WANG[:6]) + " " + WANG[6:]
    dialog.form.id_number.setText(full)
    assert dialog.form.id_info.text() == "出生日期 1975-05-06，男"


def test_contractor_only_for_agency_and_outsourced_staff(ctx, mine, open_dialog, messages):
    dialog = open_dialog()
    form = dialog.form
    assert not form.contractor.isEnabled()
    form.employment_type.setCurrentIndex(form.employment_type.findData("劳务派遣"))
    assert form.contractor.isEnabled()
    form.name.setText("孙磊")
    form.id_number.setText(WANG)
    dialog.save_button.click()
    (text,) = messages.texts("warning")
    assert "须填写派遣或外包单位名称" in text
    form.contractor.setText("晋城劳务公司")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        added = s.scalars(select(Person)).one()
    assert (added.employment_type, added.contractor) == ("劳务派遣", "晋城劳务公司")


def test_editing_shows_old_and_new_in_the_history_and_an_unchanged_save_writes_nothing(
    ctx, mine, open_dialog
):
    pid = person(ctx, mine, post="综采工", work_start=date(2000, 1, 1))
    dialog = open_dialog(pid)
    assert dialog.windowTitle() == "人员信息 — 赵军"
    assert dialog.subheading.text().startswith("在岗")
    dialog.form.post.setText("采煤机司机")
    dialog.form.education.setCurrentIndex(dialog.form.education.findData("大专"))
    dialog.apply_button.click()
    audit = dialog.history_tab.audit_table.rows
    assert audit.rowCount() == 2
    time, operator, action, changes = audit.row(0)  # newest first
    assert (operator, action) == ("张会计", "修改")
    assert changes == "文化程度：（空） → 大专；岗位/职务：综采工 → 采煤机司机"
    assert audit.row(1)[2] == "登记" and "姓名：赵军" in audit.row(1)[3]
    assert time.startswith(TODAY.isoformat())

    with ctx.db.session() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    dialog.apply_button.click()  # nothing changed: no empty audit row
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_history_lists_status_changes_and_adds_a_front_line_gap(ctx, mine, open_dialog):
    pid = person(ctx, mine, work_start=date(2000, 1, 1), hire_date=date(2005, 6, 1))
    dialog = open_dialog(pid)
    history = dialog.history_tab
    assert history.status_table.rows.row(0) == ("2005-06-01", "在岗", "登记入册")
    history.gap_start.setDate(QDate(2010, 1, 1))
    history.gap_end.setDate(QDate(2010, 12, 31))
    history.gap_note.setText("脱产学习")
    history.add_gap_button.click()
    assert history.gap_table.rows.rowCount() == 1
    assert history.gap_table.rows.row(0) == ("2010-01-01", "2010-12-31", "365", "脱产学习")
    assert history.gap_note.text() == ""


def test_training_and_certificate_tabs_read_the_file(ctx, mine, open_dialog):
    pid = person(ctx, mine, post="井下电钳工", underground=True)
    this_year = date(TODAY.year, 1, 10) if TODAY >= date(TODAY.year, 1, 12) else TODAY
    create_session(
        ctx.db,
        "测试",
        mine,
        SessionInput("年度安全再培训", "annual", this_year, this_year, 20),
        [Result(pid, score=85)],
    )
    last = date(TODAY.year - 1, 3, 1)
    create_session(
        ctx.db,
        "测试",
        mine,
        SessionInput("岗前培训", "pre_job", last, last + timedelta(days=2), 72),
        [Result(pid, score=50)],
    )
    first = add_certificate(
        ctx.db,
        "测试",
        pid,
        CertificateInput(
            kind="special_operation",
            number="T001",
            issued_on=date(2019, 1, 1),
            valid_until=date(2025, 1, 1),
            operation_type="煤矿井下电气作业",
        ),
    )
    renew_certificate(
        ctx.db,
        "测试",
        first,
        CertificateInput(
            kind="special_operation",
            number="T002",
            issued_on=date(2024, 12, 1),
            valid_until=date(2030, 12, 1),
            operation_type="煤矿井下电气作业",
        ),
    )
    dialog = open_dialog(pid)
    trainings = dialog.trainings_tab
    assert (trainings.this_year, trainings.last_year) == (20, 72)
    assert f"今年（{TODAY.year}年）学时：20" in trainings.totals.text()
    rows = [trainings.table.rows.row(r) for r in range(trainings.table.rows.rowCount())]
    assert rows[0][1:] == ("年度再培训", "年度安全再培训", "20", "85", "合格")
    assert rows[1][0] == f"{last.isoformat()} ~ {(last + timedelta(days=2)).isoformat()}"
    assert rows[1][5] == "不合格"

    tree = dialog.certificates_tab.tree
    assert tree.topLevelItemCount() == 1
    head = tree.topLevelItem(0)
    assert (head.text(0), head.text(2), head.text(7)) == ("特种作业操作证", "T002", "有效")
    assert head.childCount() == 1
    assert (head.child(0).text(2), head.child(0).text(7)) == ("T001", "已被取代")


def test_a_new_holder_replaces_the_old_one_only_when_confirmed(ctx, mine, open_dialog, messages):
    old = person(ctx, mine, name="刘健", id_number=make("140522", date(1970, 1, 1), 11))
    assign_post(ctx.db, "测试", old, "mine_manager", date(2020, 1, 1))
    new = person(ctx, mine, name="王建国", id_number=WANG)
    dialog = open_dialog(new)
    posts = dialog.posts_tab
    posts.post.setCurrentIndex(posts.post.findData("mine_manager"))
    posts.start.setDate(QDate(2024, 3, 1))
    messages.answer = QMessageBox.StandardButton.No
    posts.assign_button.click()
    (question,) = messages.texts("question")
    assert "矿长现由刘健担任" in question and "2024-03-01" in question
    assert posts.holdings() == []
    messages.answer = QMessageBox.StandardButton.Yes
    posts.assign_button.click()
    assert [row[:4] for row in posts.holdings()] == [("矿长", "“五职”矿长", "2024-03-01", "现任")]
    with ctx.db.session() as s:
        ended = s.scalars(select(PostAssignment).where(PostAssignment.person_id == old)).one()
    assert ended.end == date(2024, 2, 29)

    posts.table.selectRow(0)
    assert posts.end_button.isEnabled()
    posts.end.setDate(QDate(2024, 6, 30))
    posts.end_note.setText("调往集团")
    posts.end_button.click()
    assert [row[2:] for row in posts.holdings()] == [("2024-03-01", "2024-06-30", "调往集团")]
    assert not posts.end_button.isEnabled()


def test_double_clicking_a_person_finding_on_home_opens_the_person(ctx, mine, window, when_modal, qtbot):
    pid = person(
        ctx, mine, name="孙磊", employment_type="劳务派遣", contractor="晋城劳务公司", underground=True
    )
    window.reload_mines()
    settle(qtbot, window)
    view = window.dashboard.view
    rows = [
        r
        for r in range(view.findings.rowCount())
        if view.findings.finding(r).subject == Subject("person", pid, view.findings.finding(r).subject.label)
    ]
    assert rows, "a finding about the person is listed"
    opened = []

    def check(dialog):
        opened.append((type(dialog), dialog.person_id, dialog.form.name.text()))
        dialog.reject()

    when_modal(check)
    point = view.visualRect(view.findings.index(rows[0], 3)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == [(PersonDialog, pid, "孙磊")]


@pytest.mark.parametrize("rule", ["STAFF-FIVE-POSITIONS", "STAFF-SPECIALTY"])
def test_missing_key_posts_open_the_staffing_tab(ctx, mine, window, rule, qtbot):
    window.reload_mines()
    settle(qtbot, window)
    (finding,) = [f for f in window.dashboard.findings() if f.rule_code == rule][:1]
    window.dashboard.open_finding(finding)
    assert window.current_page_key() == "training"
    page = window.personnel
    expected = page.areas["staffing"] if page.has_area("staffing") else page.roster
    assert page.currentWidget() is expected


def test_person_ids_typed_with_a_check_digit_x(ctx, mine, open_dialog, qtbot):
    first17 = "14052219900102028"
    number = first17 + check_digit(first17)
    assert number.endswith("X")
    dialog = open_dialog()
    qtbot.keyClicks(dialog.form.id_number, number.lower())
    assert dialog.form.id_info.text() == "出生日期 1990-01-02，女"
