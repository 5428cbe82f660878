"""The main window: navigation, honest placeholder pages, the mine switcher, remembered layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from db.models import AuditEntry
from desktop.settings import AppSettings
from desktop.views.context import AppContext
from desktop.views.placeholder import PlaceholderPage

NAV_LABELS = ["首页", "人员培训", "自救器演练", "隐患台账", "打印中心", "设置"]


def click_nav(qtbot, window, label: str) -> None:
    (item,) = window.nav.findItems(label, Qt.MatchFlag.MatchExactly)
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose_mine(window, name: str) -> None:
    index = window.mine_combo.findText(name)
    window.mine_combo.setCurrentIndex(index)
    window.mine_combo.activated.emit(index)  # what a clerk's pick in the drop-down emits


def test_navigation_reads_chinese_and_switches_pages(window, add_mine, qtbot):
    assert window.windowTitle() == "矿安台账"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == NAV_LABELS
    for label, key in zip(
        NAV_LABELS, ["home", "training", "drills", "hazards", "print", "settings"], strict=True
    ):
        click_nav(qtbot, window, label)
        assert window.stack.currentWidget() is window.pages[key]
        assert window.current_page_key() == key
    click_nav(qtbot, window, "首页")
    assert window.stack.currentWidget() is window.dashboard


def test_every_area_is_built_none_is_a_placeholder(window):
    for key in ("home", "training", "drills", "hazards", "print", "settings"):
        assert not isinstance(window.pages[key], PlaceholderPage), key


def test_switcher_hidden_with_one_mine_shown_with_two_and_switches(ctx, add_mine, make_window, qtbot):
    first = add_mine("一号煤矿")
    window = make_window()
    assert not window.mine_combo.isVisibleTo(window)
    assert window.mine_status.text() == "当前矿山：一号煤矿"
    assert window.operator_status.text() == "操作员：张会计"
    window.close()

    second = add_mine("青石岭铁矿", kind="underground_metal")
    window = make_window()
    assert window.mine_combo.isVisibleTo(window)
    assert ctx.mine_id == first
    choose_mine(window, "青石岭铁矿")
    assert ctx.mine_id == second
    assert window.mine_status.text() == "当前矿山：青石岭铁矿"
    assert "青石岭铁矿" in window.dashboard.title.text()
    assert AppSettings().last_mine_id == second


def test_add_mine_opens_the_mine_dialog_and_switches_to_the_new_mine(
    ctx, add_mine, window, when_modal, qtbot
):
    add_mine("一号煤矿")
    window.reload_mines()

    def fill(dialog):
        dialog.form.name.setText("二号煤矿")
        dialog.form.principal_name.setText("李明")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(fill)
    window.add_mine_action.trigger()
    qtbot.waitUntil(lambda: window.mine_combo.isVisibleTo(window))  # the toolbar lays out on its next pass
    assert window.mine_status.text() == "当前矿山：二号煤矿"
    with ctx.db.session() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.mine_id == ctx.mine_id)).all()
    assert [(r.action, r.operator_name) for r in rows] == [("create", "张会计")]


def test_add_mine_with_a_taken_name_keeps_the_dialog_open(ctx, add_mine, window, when_modal, messages):
    add_mine("一号煤矿")
    window.reload_mines()
    seen = []

    def fill(dialog):
        dialog.form.name.setText("一号煤矿")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        seen.append(dialog.isVisible())  # refused: still open with what was typed
        dialog.reject()

    when_modal(fill)
    window.add_mine_action.trigger()
    assert seen == [True]
    assert [m.name for m in ctx.mines()] == ["一号煤矿"]
    (text,) = messages.texts("warning")
    assert text.startswith("矿山名称：") and "已存在" in text


def make_window_default_size(make_window, ctx) -> QSize:
    """What a window with no saved layout takes, for comparison."""
    fresh = make_window(
        AppContext(ctx.ledger, AppSettings(Path(ctx.settings.path).with_name("blank.ini")), ctx.runner)
    )
    size = fresh.size()
    fresh.hide()
    return size


def test_window_size_and_last_mine_come_back(ctx, add_mine, make_window, qtbot):
    add_mine("一号煤矿")
    second = add_mine("二号煤矿")
    window = make_window()
    window.resize(790, 500)  # the offscreen screen is 800×600: stay inside it, or Qt clamps the restore
    chosen = window.size()
    assert chosen.height() == 500 and chosen != make_window_default_size(make_window, ctx)
    choose_mine(window, "二号煤矿")
    window.close()

    # A fresh start: new settings object, new context, nothing carried over in memory.
    fresh = AppContext(ctx.ledger, AppSettings(), ctx.runner)
    again = make_window(fresh)
    assert again.size() == chosen
    assert fresh.mine_id == second
    assert again.mine_combo.currentText() == "二号煤矿"


def test_pages_not_on_screen_read_when_first_shown(ctx, add_mine, make_window, qtbot, monkeypatch):
    """The window comes up reading what 首页 shows; the hazard ledger, the roster and a person picker on a tab
    nobody opened read when shown (or asked), and a write meanwhile is in what they show."""
    from desktop.tablemodels import hazards, roster
    from desktop.widgets import person_picker
    from tests.db.helpers import person

    mine = add_mine("一号煤矿")
    person(ctx.db, mine, "王建国")
    reads: list[str] = []

    def counted(name, original):
        def read(*args, **kwargs):
            reads.append(name)
            return original(*args, **kwargs)

        return read

    monkeypatch.setattr(hazards.HazardSource, "ids", counted("hazards", hazards.HazardSource.ids))
    monkeypatch.setattr(roster.RosterSource, "ids", counted("roster", roster.RosterSource.ids))
    monkeypatch.setattr(person_picker, "load_people", counted("people", person_picker.load_people))

    window = make_window()
    assert window.current_page_key() == "home" and reads == []

    window.go("training")  # 花名册 is the first tab of 人员培训
    assert reads == ["roster"]
    assert window.personnel.roster.model.rowCount() == 1

    # A write while the roster is behind another page: nothing read until it is shown again, then once.
    window.go("home")
    person(ctx.db, mine, "李四")
    ctx.data_changed.emit()
    ctx.data_changed.emit()
    assert reads == ["roster"]
    window.go("training")
    assert reads == ["roster", "roster"] and window.personnel.roster.model.rowCount() == 2

    # A page never shown answers an accessor as if it were: the read owed is done first.
    assert window.hazards.ledger.shown_ids() == [] and reads[-1] == "hazards"
    picker = window.personnel.areas["certificates"].person_filter
    assert not picker.isVisible()
    assert sorted(p.name for p in picker.people()) == ["李四", "王建国"] and reads[-1] == "people"
    count = len(reads)
    window.personnel.show_area("certificates")
    assert len(reads) == count  # shown after the accessor read it: not read again


def test_a_read_owed_keeps_the_stronger_of_two_and_runs_once_shown(qtbot):
    from PySide6.QtWidgets import QWidget

    from desktop.widgets.when_shown import RELOAD, LoadWhenShown

    widget = QWidget()
    qtbot.addWidget(widget)
    done: list[str] = []
    loading = LoadWhenShown(widget)
    loading.request(lambda: done.append("reload"), RELOAD)
    loading.request(lambda: done.append("refresh"))  # a reload owed already covers it
    assert done == [] and loading.pending
    widget.show()
    qtbot.waitExposed(widget)
    assert done == ["reload"] and not loading.pending
    loading.request(lambda: done.append("refresh"))  # on screen: at once
    assert done == ["reload", "refresh"]
    widget.hide()
    loading.request(lambda: done.append("refresh 2"))
    loading.request(lambda: done.append("refresh 3"))  # of equal rank, the later one
    loading.flush()
    assert done == ["reload", "refresh", "refresh 3"] and not loading.pending


def test_the_window_collects_garbage_on_its_own_thread_only(qapp):
    """Automatic collection could run on the worker and destroy a Qt object there; the app's collector
    switches it off and collects on the GUI thread's timer instead."""
    import gc

    from desktop.collector import MainThreadCollector

    was = gc.isenabled()
    gc.enable()
    try:
        collector = MainThreadCollector(qapp)
        assert not gc.isenabled()
        cycles = []
        for _ in range(gc.get_threshold()[0] + 10):
            a: list = []
            a.append(a)  # a cycle only the collector can free
            cycles.append(a)
        del cycles, a
        before = gc.get_count()[0]
        collector.check()
        assert gc.get_count()[0] < before
        collector.deleteLater()
    finally:
        (gc.enable if was else gc.disable)()
