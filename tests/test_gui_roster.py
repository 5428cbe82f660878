"""人员培训 → 花名册: the lazy roster table, its search and filters, sorting in SQL, status changes, export."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QHeaderView
from sqlalchemy import func, select

from db.demo import DEMO_MINE, build_demo
from db.engine import open_database
from db.idnumber import make
from db.models import Department, Mine, Person, PersonStatusChange
from db.rules.runner import findings_for_mine
from db.services.people import PersonInput, add_person
from desktop.dialogs.person_dialog import PersonDialog, PersonStatusDialog
from desktop.views.personnel import PersonnelPage
from desktop.views.roster_tab import SEARCH_DELAY_MS, RosterTab

COLUMNS = [
    "姓名",
    "性别",
    "身份证号",
    "部门",
    "岗位",
    "文化程度",
    "用工形式",
    "入井",
    "参加工作时间",
    "状态",
    "工号",
    "矿山",  # hidden until 全部矿山 is ticked
]


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once for this module; each test gets its own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    build_demo(db)
    db.close()
    return path


@pytest.fixture
def ledger_path(tmp_path: Path, demo_template: Path) -> Path:
    target = tmp_path / "data" / "ledger.sqlite3"
    target.parent.mkdir(parents=True)
    source, copy = sqlite3.connect(demo_template), sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()
    return target


@pytest.fixture
def demo_mine(ctx) -> int:
    with ctx.db.session() as s:
        mine_id = s.scalar(select(Mine.id).where(Mine.name == DEMO_MINE))
    ctx.settings.last_mine_id = mine_id
    return mine_id


@pytest.fixture
def roster(window, demo_mine) -> RosterTab:
    window.go("training")
    page = window.personnel
    assert isinstance(page, PersonnelPage)
    assert page.currentWidget() is page.roster and page.tabText(0) == "花名册"
    return page.roster


def active_count(ctx, mine_id: int, **where) -> int:
    query = (
        select(func.count()).select_from(Person).where(Person.mine_id == mine_id, Person.status == "active")
    )
    for key, value in where.items():
        query = query.where(getattr(Person, key) == value)
    with ctx.db.session() as s:
        return s.scalar(query)


def names_shown(tab: RosterTab) -> list[str]:
    model = tab.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_the_roster_tab_shows_the_demo_roster(ctx, roster, demo_mine, window, qtbot):
    expected = active_count(ctx, demo_mine)
    assert expected > 300
    model = roster.model
    assert model.rowCount() == expected
    assert roster.count.text() == f"共 {expected} 人"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == COLUMNS
    assert roster.table.isColumnHidden(len(COLUMNS) - 1)
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first[3] == "矿领导" and first[9] == "在岗" and len(first[2]) == 18
    # A fixed row height: the view never measures rows, whatever their number.
    vertical = roster.table.verticalHeader()
    assert vertical.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert vertical.sectionSize(0) == vertical.sectionSize(expected - 1)
    # Only the rows drawn were read, not the whole roster.
    assert len(model._cache) < expected
    assert [roster.status.itemText(i) for i in range(roster.status.count())] == [
        "在岗",
        "调离",
        "离职",
        "全部",
    ]
    assert [roster.underground.itemText(i) for i in range(roster.underground.count())] == ["全部", "是", "否"]
    assert roster.only_problems.text() == "只看有问题的人员"
    buttons = [roster.add_button, roster.edit_button, roster.status_button, roster.import_button]
    assert [b.text() for b in [*buttons, roster.export_button]] == [
        "新增人员…",
        "编辑…",
        "状态变更…",
        "导入Excel…",
        "导出…",
    ]
    assert not roster.edit_button.isEnabled() and not roster.status_button.isEnabled()
    roster.select_person(model.id_at(3))
    assert roster.edit_button.isEnabled() and roster.status_button.isEnabled()


def test_search_filters_as_typed(ctx, roster, demo_mine, qtbot):
    model = roster.model
    with ctx.db.session() as s:
        person = s.scalars(
            select(Person).where(Person.mine_id == demo_mine).order_by(Person.id).offset(40)
        ).first()
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    prefix = person.id_number[:12]  # area + birth date: a handful of people at most
    qtbot.keyClicks(roster.search, prefix)
    # Debounced: typing twelve digits re-queries once, after the pause, not per keystroke.
    assert resets == []
    qtbot.waitUntil(lambda: resets != [], timeout=SEARCH_DELAY_MS * 20)
    assert len(resets) == 1
    with ctx.db.session() as s:
        expected = s.scalar(
            select(func.count())
            .select_from(Person)
            .where(
                Person.mine_id == demo_mine, Person.status == "active", Person.id_number.like(f"%{prefix}%")
            )
        )
    assert model.rowCount() == expected >= 1
    assert person.id in roster.shown_ids()
    assert roster.count.text() == f"共 {expected} 人"

    roster.search.setText(person.name)  # Chinese: set, never typed with keyClicks
    qtbot.waitUntil(lambda: roster.filter.search == person.name, timeout=2000)
    assert person.name in names_shown(roster) and set(names_shown(roster)) == {person.name}

    roster.search.setText(person.work_no)  # 工号 (exact), or the same digits inside an ID number
    qtbot.waitUntil(lambda: roster.filter.search == person.work_no, timeout=2000)
    assert person.id in roster.shown_ids()
    for row in range(roster.model.rowCount()):
        work_no, id_number = (
            roster.model.data(roster.model.index(row, 10)),
            roster.model.data(roster.model.index(row, 2)),
        )
        assert work_no == person.work_no or person.work_no in id_number

    roster.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == active_count(ctx, demo_mine), timeout=2000)


def test_department_post_underground_and_status_filters(ctx, roster, demo_mine):
    model = roster.model
    with ctx.db.session() as s:
        dept = s.scalars(
            select(Department).where(Department.mine_id == demo_mine, Department.name == "综采一队")
        ).one()
    roster.department.setCurrentIndex(roster.department.findData(dept.id))
    assert model.rowCount() == active_count(ctx, demo_mine, department_id=dept.id) > 0
    assert {model.data(model.index(r, 3)) for r in range(model.rowCount())} == {"综采一队"}

    roster.post.setCurrentIndex(roster.post.findData("支架工"))
    assert model.rowCount() == active_count(ctx, demo_mine, department_id=dept.id, post="支架工") > 0
    assert {model.data(model.index(r, 4)) for r in range(model.rowCount())} == {"支架工"}

    roster.department.setCurrentIndex(0)
    roster.post.setCurrentIndex(0)
    roster.underground.setCurrentIndex(roster.underground.findData(False))
    assert model.rowCount() == active_count(ctx, demo_mine, underground=False) > 0
    assert {model.data(model.index(r, 7)) for r in range(model.rowCount())} == {"否"}

    roster.underground.setCurrentIndex(0)
    roster.status.setCurrentIndex(roster.status.findData("left"))
    assert model.rowCount() == 0  # the demo has nobody who left
    roster.status.setCurrentIndex(roster.status.findData(None))
    with ctx.db.session() as s:
        everyone = s.scalar(select(func.count()).select_from(Person).where(Person.mine_id == demo_mine))
    assert model.rowCount() == everyone


def test_header_click_sorts_in_sql(ctx, roster, demo_mine, qtbot):
    model = roster.model
    header = roster.table.horizontalHeader()
    default = roster.shown_ids()

    def click(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    id_column = COLUMNS.index("身份证号")
    with ctx.db.session() as s:
        ordered = list(
            s.scalars(
                select(Person.id_number)
                .where(Person.mine_id == demo_mine, Person.status == "active")
                .order_by(Person.id_number)
            )
        )
    click(id_column)
    assert header.sortIndicatorSection() == id_column
    assert [model.data(model.index(r, id_column)) for r in range(5)] == ordered[:5]
    click(id_column)
    assert [model.data(model.index(r, id_column)) for r in range(5)] == ordered[::-1][:5]
    click(id_column)  # the third click goes back to the roster's own order (department, then name)
    assert roster.shown_ids() == default


def test_only_people_with_problems(ctx, roster, demo_mine, qtbot):
    wanted = {f.subject.id for f in findings_for_mine(ctx.db, demo_mine) if f.subject.entity == "person"}
    roster.status.setCurrentIndex(roster.status.findData(None))
    roster.only_problems.setChecked(True)  # the rules run on the worker; the list follows
    qtbot.waitUntil(lambda: not roster.problems_pending(), timeout=30000)
    assert set(roster.shown_ids()) == wanted
    assert roster.count.text() == f"共 {len(wanted)} 人"
    roster.only_problems.setChecked(False)
    assert len(roster.shown_ids()) > len(wanted)


def test_status_change_to_left_hides_the_person_but_keeps_the_record(
    ctx, roster, demo_mine, when_modal, qtbot
):
    model = roster.model
    person_id = model.id_at(20)
    name = model.data(model.index(20, 0))
    roster.select_person(person_id)

    def leave(dialog):
        assert isinstance(dialog, PersonStatusDialog)
        assert [dialog.status.itemText(i) for i in range(dialog.status.count())] == ["调离", "离职"]
        dialog.status.setCurrentIndex(dialog.status.findData("left"))
        dialog.note.setText("合同到期")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    seen = when_modal(leave)
    roster.status_button.click()
    assert len(seen) == 1
    assert person_id not in roster.shown_ids()
    with ctx.db.session() as s:
        person = s.get(Person, person_id)
        history = s.scalars(
            select(PersonStatusChange)
            .where(PersonStatusChange.person_id == person_id)
            .order_by(PersonStatusChange.id)
        ).all()
    assert person is not None and person.status == "left"
    assert (history[-1].status, history[-1].note, history[-1].effective) == ("left", "合同到期", date.today())

    roster.status.setCurrentIndex(roster.status.findData(None))  # 全部
    row = model.row_of(person_id)
    assert row is not None and model.data(model.index(row, 0)) == name
    assert model.data(model.index(row, 9)) == "离职"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    roster.status.setCurrentIndex(roster.status.findData("left"))
    assert roster.shown_ids() == [person_id]


def test_double_click_opens_the_person_dialog(ctx, roster, when_modal, qtbot):
    model = roster.model
    name = model.data(model.index(2, 0))
    opened = []

    def check(dialog):
        opened.append((type(dialog), dialog.form.name.text(), dialog.tabs.tabText(0)))
        dialog.reject()

    when_modal(check)
    rect = roster.table.visualRect(model.index(2, 0))
    qtbot.mouseClick(roster.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(roster.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [(PersonDialog, name, "基本信息")]


def test_export_writes_the_workbook_off_the_gui_thread(
    ctx, roster, demo_mine, monkeypatch, tmp_path, messages, qtbot
):
    target = tmp_path / "导出" / "花名册"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "Excel 工作簿 (*.xlsx)"))
    )
    roster.export_button.click()
    qtbot.waitUntil(lambda: len(messages) > 0, timeout=30000)
    written = target.with_name("花名册.xlsx")
    with ctx.db.session() as s:
        everyone = s.scalar(select(func.count()).select_from(Person).where(Person.mine_id == demo_mine))
    (text,) = messages.texts("information")
    assert f"{everyone} 人" in text and str(written) in text
    sheet = load_workbook(written, read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) >= everyone


def test_a_write_elsewhere_refreshes_the_roster_and_keeps_the_selection(ctx, roster, demo_mine):
    chosen = roster.model.id_at(5)
    roster.select_person(chosen)
    before = roster.model.rowCount()
    ok, _ = ctx.write(
        roster,
        add_person,
        demo_mine,
        PersonInput(name="新同事", id_number=make("140522", date(1990, 1, 1), 7)),
    )
    assert ok
    assert roster.model.rowCount() == before + 1
    assert roster.selected_person_id() == chosen


def test_a_person_is_found_across_mines_and_opening_him_moves_to_his_mine(
    ctx, roster, demo_mine, window, when_modal, qtbot
):
    with ctx.db.session() as s:
        other, other_name = s.execute(select(Mine.id, Mine.name).where(Mine.id != demo_mine)).first()
        person, name, number = s.execute(
            select(Person.id, Person.name, Person.id_number).where(Person.mine_id == other)
        ).first()
    roster.search.setText(number)
    roster._apply_search()
    assert roster.model.rowCount() == 0  # not on this mine's roster
    roster.all_mines.setChecked(True)
    model = roster.model
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == name
    assert not roster.table.isColumnHidden(len(COLUMNS) - 1) and model.data(model.index(0, 11)) == other_name
    assert not roster.department.isEnabled() and not roster.only_problems.isEnabled()
    opened = []

    def check(dialog):
        opened.append(dialog.form.name.text())
        dialog.reject()

    when_modal(check)
    roster.edit_person(person)
    assert opened == [name]
    assert ctx.mine_id == other and window.mine_combo.currentData() == other  # the window moved with him
    assert not roster.all_mines.isChecked() and roster.table.isColumnHidden(len(COLUMNS) - 1)
    assert roster.selected_person_id() == person
