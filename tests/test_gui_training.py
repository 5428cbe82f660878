"""培训记录 tab and the training session dialog: a department added at once, scores keyed down the column,
refusals named in Chinese with nothing written; the person picker finds people by name, ID digits and 工号."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QWidget
from sqlalchemy import func, select

from db import clock
from db.idnumber import make
from db.models import AuditEntry, Person, TrainingAttendance, TrainingSession
from db.rules.runner import findings_for_mine
from db.services.mines import add_department
from db.services.people import PersonInput, add_people
from db.services.training import Result, SessionInput, create_session
from desktop.dialogs.training_session_dialog import PrintPreviewDialog, TrainingSessionDialog
from desktop.views.training_tab import make_tab
from desktop.widgets.person_picker import PersonPicker

TODAY = clock.today()


@pytest.fixture
def mine(ctx, add_mine):
    """一号煤矿: 综采一队 with three people, 通风队 with one."""
    mine_id = add_mine("一号煤矿", principal_name="王建国")
    mining = add_department(ctx.db, "测试", mine_id, "综采一队", underground=True)
    ventilation = add_department(ctx.db, "测试", mine_id, "通风队", underground=True)
    people = [
        ("张伟", mining, "采煤机司机", "0101", 11),
        ("李强", mining, "支架工", "0102", 12),
        ("王磊", mining, "综采工", "0103", 13),
        ("赵军", ventilation, "瓦斯检查工", "0201", 14),
    ]
    ids = add_people(
        ctx.db,
        "测试",
        mine_id,
        [
            PersonInput(
                name=name,
                id_number=make("140522", date(1980, 1 + n % 12, n), n),
                department_id=dept,
                post=post,
                work_no=work_no,
                underground=True,
            )
            for name, dept, post, work_no, n in people
        ],
    )
    ctx.set_mine(mine_id)
    return {
        "id": mine_id,
        "mining": mining,
        "ventilation": ventilation,
        "people": dict(zip([p[0] for p in people], ids, strict=True)),
    }


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def editor_in(table) -> QLineEdit:
    """The open cell editor (where the keys of a clerk typing would go)."""
    editors = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    focus = QApplication.focusWidget()
    if focus in editors:
        return focus
    assert len(editors) == 1, "exactly one score editor should be open"
    return editors[0]


def key_scores(qtbot, dialog, scores: list[str]) -> None:
    """Type each score into the open editor and press Enter, as a clerk copies a paper sheet."""
    dialog.table.start_scores()
    for row, text in enumerate(scores):
        editor = editor_in(dialog.table)
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        wanted = float(text) if text else None
        qtbot.waitUntil(lambda row=row, wanted=wanted: dialog.model.attendee(row).score == wanted)
        if row + 1 < len(scores):
            qtbot.waitUntil(lambda row=row: dialog.table.currentIndex().row() == row + 1)


def test_a_department_is_added_at_once_and_scores_are_keyed_down_the_column(
    ctx, mine, qtbot, when_modal, messages
):
    tab = show(qtbot, make_tab(ctx))
    assert tab.model.rowCount() == 0
    dialogs = []

    def fill(dialog):
        dialogs.append(dialog)
        assert isinstance(dialog, TrainingSessionDialog)
        dialog.name.setText("2026年度从业人员安全再培训")
        dialog.kind.setCurrentIndex(dialog.kind.findData("annual"))
        assert dialog.hours.value() == 20  # the catalogue's yearly retraining hours
        dialog.start.setDate(TODAY - timedelta(days=3))
        dialog.end.setDate(TODAY - timedelta(days=2))
        dialog.departments.setCurrentIndex(dialog.departments.findData(mine["mining"]))
        assert dialog.departments.currentText() == "综采一队（3人）"
        dialog.add_department_button.click()
        assert [a.person.name for a in dialog.model.rows()] == ["张伟", "李强", "王磊"]
        key_scores(qtbot, dialog, ["85", "59", ""])
        assert [a.passed for a in dialog.model.rows()] == [True, False, None]
        assert dialog.counts.text() == "参训3人：合格1人，不合格1人，未考核1人。"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(fill)
    tab.new_button.click()
    assert len(dialogs) == 1 and messages.shown == []

    with ctx.db.session() as s:
        (session,) = s.scalars(select(TrainingSession)).all()
        stored = {a.person_id: (a.score, a.passed) for a in s.scalars(select(TrainingAttendance))}
    people = mine["people"]
    assert (session.name, session.kind, session.hours) == ("2026年度从业人员安全再培训", "annual", 20.0)
    assert stored == {
        people["张伟"]: (85.0, True),
        people["李强"]: (59.0, False),
        people["王磊"]: (None, None),
    }
    # The list shows it at once: 3 attendees, 1 passed, the 59 counted as failed.
    assert tab.model.rowCount() == 1
    cells = [tab.model.item(0, c).text() for c in range(tab.model.columnCount())]
    assert cells[1:] == ["2026年度从业人员安全再培训", "年度再培训", "20", "3", "1", "1"]


def test_an_end_date_before_the_start_is_refused_naming_the_field_and_nothing_is_written(
    ctx, mine, qtbot, messages
):
    dialog = show(qtbot, TrainingSessionDialog(ctx))
    dialog.name.setText("岗前培训")
    dialog.start.setDate(TODAY - timedelta(days=2))
    dialog.end.setDate(TODAY - timedelta(days=5))
    dialog.add_people(dialog.picker.people())
    key_scores(qtbot, dialog, ["90"])
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    (text,) = messages.texts("warning")
    assert text.startswith("结束日期")
    assert dialog.isVisible() and dialog.session_id is None  # stays open with what was typed
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(TrainingSession)) == 0
        assert s.scalar(select(func.count()).select_from(TrainingAttendance)) == 0
        assert (
            s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity.like("training%")))
            == 0
        )


def test_pass_or_fail_can_be_decided_by_hand(ctx, mine, qtbot):
    dialog = show(qtbot, TrainingSessionDialog(ctx))
    dialog.name.setText("警示教育")
    dialog.kind.setCurrentIndex(dialog.kind.findData("warning"))
    dialog.hours.setValue(2)
    dialog.add_people([p for p in dialog.picker.people() if p.name == "赵军"])
    model = dialog.model
    model.setData(model.index(0, model.SCORE), "58")
    assert model.attendee(0).passed is False
    model.setData(model.index(0, model.BY_HAND), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(0, model.RESULT), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.attendee(0).passed is True
    assert model.index(0, model.RESULT).data() == "合格"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with ctx.db.session() as s:
        (a,) = s.scalars(select(TrainingAttendance)).all()
    assert (a.score, a.passed) == (58.0, True)


def test_a_training_nobody_attended_opens_from_home_and_gets_its_attendees(ctx, mine, qtbot, when_modal):
    day = TODAY - timedelta(days=10)
    session_id = create_session(
        ctx.db, "测试", mine["id"], SessionInput("班前会安全教育", "other", day, day, 1.0), []
    )
    tab = show(qtbot, make_tab(ctx))  # registers the opener
    (finding,) = [f for f in findings_for_mine(ctx.db, mine["id"]) if f.rule_code == "TRAIN-ARCHIVE"]
    assert ctx.openers.can_open(finding)

    def add(dialog):
        assert dialog.session_id == session_id and not dialog.name.isEnabled()
        dialog.picker.setText("赵军")
        qtbot.keyClick(dialog.picker, Qt.Key.Key_Return)
        assert [a.person.name for a in dialog.model.rows()] == ["赵军"]
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(add)
    assert ctx.openers.open(tab, ctx, finding)
    assert "TRAIN-ARCHIVE" not in [f.rule_code for f in findings_for_mine(ctx.db, mine["id"])]
    assert tab.model.item(0, 4).text() == "1"


def test_results_are_edited_later_and_only_changes_are_written(ctx, mine, qtbot):
    people = mine["people"]
    day = TODAY - timedelta(days=30)
    session_id = create_session(
        ctx.db,
        "测试",
        mine["id"],
        SessionInput("逢查必考", "spot_exam", day, day, 1.0),
        [Result(people["张伟"], 50.0), Result(people["李强"], 80.0)],
    )
    dialog = show(qtbot, TrainingSessionDialog(ctx, session_id))
    assert [(a.person.name, a.score) for a in dialog.model.rows()] == [("张伟", 50.0), ("李强", 80.0)]
    # Saved attendees stay in the record (留痕): removing one is refused, a new one can go.
    dialog.table.selectRow(0)
    dialog.remove_selected()
    assert dialog.model.rowCount() == 2
    key_scores(qtbot, dialog, ["65"])  # the first blank-less row: 张伟's 50 becomes 65
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with ctx.db.session() as s:
        updates = s.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "training_attendance", AuditEntry.action == "update"
            )
        ).all()
        stored = {a.person_id: a.score for a in s.scalars(select(TrainingAttendance))}
    assert len(updates) == 1
    assert stored == {people["张伟"]: 65.0, people["李强"]: 80.0}


def test_the_sign_in_sheet_of_this_session_is_previewed(ctx, mine, qtbot):
    people = mine["people"]
    day = TODAY - timedelta(days=8)
    first = create_session(
        ctx.db,
        "测试",
        mine["id"],
        SessionInput("第一期", "annual", day, day, 20.0),
        [Result(people["张伟"], 90.0)],
    )
    create_session(  # a later one: the print center's default would print this one
        ctx.db,
        "测试",
        mine["id"],
        SessionInput("第二期", "annual", TODAY, TODAY, 20.0),
        [Result(people["李强"], 90.0)],
    )
    tab = show(qtbot, make_tab(ctx))
    assert [tab.model.item(r, 1).text() for r in range(tab.model.rowCount())] == ["第二期", "第一期"]
    tab.select(first)
    tab.print_button.click()
    (preview,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog) and w.isVisible()
    ]
    qtbot.waitUntil(lambda: not preview.page.building and preview.page.has_preview(), timeout=30000)
    form = preview.page.form
    assert form.title == "安全培训签到及考核记录表"
    assert ("培训名称", "第一期") in form.info_block
    assert [row[1] for row in form.rows] == ["张伟"]
    preview.close()


def test_filters_by_kind_and_year(ctx, mine, qtbot):
    people = mine["people"]
    last_year = date(TODAY.year - 1, 5, 10)
    for name, kind, day in (("去年再培训", "annual", last_year), ("今年警示", "warning", TODAY)):
        create_session(
            ctx.db, "测试", mine["id"], SessionInput(name, kind, day, day, 2.0), [Result(people["张伟"])]
        )
    tab = show(qtbot, make_tab(ctx))
    assert tab.model.rowCount() == 2
    tab.set_filters(year=TODAY.year - 1)
    assert [tab.model.item(r, 1).text() for r in range(tab.model.rowCount())] == ["去年再培训"]
    tab.set_filters(kind="warning")
    assert [tab.model.item(r, 1).text() for r in range(tab.model.rowCount())] == ["今年警示"]


# --- the person picker --------------------------------------------------------------------------------


def test_the_person_picker_finds_by_name_id_digits_and_work_number(ctx, mine, qtbot):
    picker = show(qtbot, PersonPicker(ctx))
    chosen = []
    picker.person_chosen.connect(chosen.append)
    people = mine["people"]

    picker.setText("李")  # by name (Chinese cannot be typed with keyClicks offscreen)
    assert [p.name for p in picker.current_matches()] == ["李强"]
    assert picker.completer.popup().isVisible()
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.person_id() == people["李强"] and chosen == [people["李强"]]
    assert picker.text() == "李强（综采一队 · 支架工）"

    picker.clear_person()
    with ctx.db.session() as s:
        number = s.get(Person, people["赵军"]).id_number
    qtbot.keyClicks(picker, number[-6:])  # the last digits of the ID, typed
    assert picker.current_matches()[0].name == "赵军"
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.person_id() == people["赵军"]

    picker.clear_person()
    qtbot.keyClicks(picker, "0103")  # 工号
    assert [p.name for p in picker.current_matches()] == ["王磊"]
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.person_id() == people["王磊"]
    assert chosen == [people["李强"], people["赵军"], people["王磊"]]

    # Full-width digits and stray spaces are the same ID.
    picker.clear_person()
    picker.setText(" ".join("０１２３４５６７８９"[int(d)] for d in number[-4:]))
    assert picker.current_matches()[0].name == "赵军"
    # Typing again after a pick forgets the pick until Enter.
    picker.setText("王")
    assert picker.person_id() is None


def test_the_picker_arrow_keys_choose_among_several(ctx, mine, qtbot):
    picker = show(qtbot, PersonPicker(ctx))
    picker.setText("01")  # every 工号 starts so: several fit equally
    assert len(picker.current_matches()) == 4
    popup = picker.completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.person_id() == picker.current_matches()[1].id


def test_enter_in_the_picker_does_not_press_the_dialog_default_button(ctx, mine, qtbot):
    dialog = show(qtbot, TrainingSessionDialog(ctx))
    dialog.picker.setText("张")
    qtbot.keyClick(dialog.picker, Qt.Key.Key_Return)
    assert dialog.isVisible() and [a.person.name for a in dialog.model.rows()] == ["张伟"]
    assert dialog.picker.text() == ""  # ready for the next name
    dialog.picker.setText("张")
    assert dialog.picker.current_matches() == []  # already on the list
