"""The lazy roster model: ids sorted and filtered in SQL, rows read a page at a time; and the shared view."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from db.engine import open_database
from db.idnumber import make
from db.models import PersonStatus
from db.services.mines import add_department, create_mine
from db.services.people import PersonInput, add_people, set_status
from desktop.tablemodels.lazy import PAGE, ColumnSpec, LazyTableModel
from desktop.tablemodels.roster import SORT_COLUMNS, RosterFilter, RosterSource
from desktop.widgets.lazy_table import LazyTableView

COLUMNS = [ColumnSpec(key, key) for key in SORT_COLUMNS]


@pytest.fixture
def roster(tmp_path):
    db = open_database(tmp_path / "r.sqlite3")
    mine = create_mine(db, "测试员", name="一号矿", kind="coal")
    a = add_department(db, "测试员", mine, "综采一队", underground=True)
    b = add_department(db, "测试员", mine, "机关科室")
    people = [
        PersonInput(
            name=f"职工{i:04d}",
            id_number=make("140522", date(1970 + i % 30, 1 + i % 12, 1 + i % 28), i % 1000),
            department_id=a if i % 3 else b,
            underground=bool(i % 3),
            post="采煤机司机" if i % 5 == 0 else "综采工",
            work_no=f"{i:05d}",
        )
        for i in range(1000)
    ]
    ids = add_people(db, "测试员", mine, people)
    yield db, mine, a, ids
    db.close()


class CountingSource(RosterSource):
    def __init__(self, flt: RosterFilter) -> None:
        super().__init__(flt)
        self.fetched: list[int] = []

    def rows(self, db, ids):
        self.fetched.append(len(ids))
        return super().rows(db, ids)


def test_rows_are_read_a_page_at_a_time(qapp, roster):
    db, mine, _dept, _ids = roster
    source = CountingSource(RosterFilter(mine_id=mine))
    model = LazyTableModel(db, source, COLUMNS)
    model.refresh()
    assert model.rowCount() == 1000 and source.fetched == []
    model.data(model.index(500, 0))
    assert source.fetched == [PAGE]
    model.data(model.index(510, 2))  # inside the page already read
    assert source.fetched == [PAGE]


def test_sorting_happens_in_sql(qapp, roster):
    db, mine, _dept, _ids = roster
    model = LazyTableModel(db, RosterSource(RosterFilter(mine_id=mine)), COLUMNS)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "职工0999"
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 0)) == "职工0000"


def test_filters_and_search(qapp, roster):
    db, mine, dept, ids = roster
    flt = RosterFilter(mine_id=mine)
    model = LazyTableModel(db, RosterSource(flt), COLUMNS)
    flt.department_id = dept
    model.refresh()
    assert model.rowCount() == 666
    flt.department_id, flt.post = None, "采煤机司机"
    model.refresh()
    assert model.rowCount() == 200
    flt.post, flt.search = None, "职工012"
    model.refresh()
    assert sorted(model.data(model.index(r, 0)) for r in range(model.rowCount()))[:2] == [
        "职工0120",
        "职工0121",
    ]
    flt.search = model.data(model.index(0, 2))[:14]  # an ID prefix, as typed
    model.refresh()
    assert model.rowCount() >= 1
    set_status(db, "测试员", ids[0], PersonStatus.left, date.today())
    flt.search = "职工0000"
    model.refresh()
    assert model.rowCount() == 0  # left: not on the active roster
    flt.status = None
    model.refresh()
    assert model.rowCount() == 1 and model.data(model.index(0, 9)) == "离职"


class CountingIds(CountingSource):
    def __init__(self, flt: RosterFilter) -> None:
        super().__init__(flt)
        self.sorts: list[tuple[str | None, bool]] = []

    def ids(self, db, sort_key, descending):
        self.sorts.append((sort_key, descending))
        return super().ids(db, sort_key, descending)


def test_clear_sort_goes_back_to_the_sources_own_order(qapp, roster):
    db, mine, _dept, _ids = roster
    source = CountingIds(RosterFilter(mine_id=mine))
    model = LazyTableModel(db, source, COLUMNS)
    model.refresh()
    own_order = [model.id_at(r) for r in range(5)]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "职工0999"
    model.clear_sort()
    assert [model.id_at(r) for r in range(5)] == own_order
    assert source.sorts == [(None, False), ("name", True), (None, False)]  # every order asked of SQL


def test_rebind_reads_the_new_database(qapp, roster, tmp_path):
    db, mine, _dept, _ids = roster
    model = LazyTableModel(db, RosterSource(RosterFilter(mine_id=mine)), COLUMNS)
    model.refresh()
    assert model.data(model.index(0, 0))
    other = open_database(tmp_path / "other.sqlite3")  # what a restore leaves: another Database object
    try:
        model.rebind(other)
        model.refresh()
        assert model.rowCount() == 0
    finally:
        other.close()


def test_a_row_gone_since_the_id_query_is_not_asked_for_again(qapp, roster):
    db, mine, _dept, ids = roster

    class Forgetful(CountingSource):
        def rows(self, db, wanted):
            return {k: v for k, v in super().rows(db, wanted).items() if k != ids[0]}

    source = Forgetful(RosterFilter(mine_id=mine))
    model = LazyTableModel(db, source, COLUMNS)
    model.refresh()
    row = model.row_of(ids[0])
    assert model.data(model.index(row, 0)) is None
    assert model.data(model.index(row, 1)) is None
    assert len(source.fetched) == 1


@pytest.fixture
def shown(qapp, qtbot, roster):
    """The roster in the shared lazy view, on screen (offscreen), so painting reads rows as a clerk's would."""
    db, mine, _dept, ids = roster
    source = CountingIds(RosterFilter(mine_id=mine))
    model = LazyTableModel(db, source, COLUMNS)
    view = LazyTableView(model, {"name": 80})
    qtbot.addWidget(view)
    view.resize(900, 600)
    model.refresh()
    view.show()
    qtbot.waitExposed(view)
    return db, model, source, view, ids


def test_after_a_write_the_refresh_reads_one_page(qtbot, shown):
    db, model, source, view, _ids = shown
    chosen = model.id_at(600)
    assert view.select_id(chosen)
    view.viewport().repaint()
    source.fetched.clear()
    set_status(db, "测试员", chosen, PersonStatus.transferred, date.today())  # a write …
    source.filter.status = None  # … the person stays listed under 全部
    model.refresh()  # … and the tab's refresh: fresh ids, the selection put back
    assert view.select_id(chosen)
    view.viewport().repaint()
    qtbot.wait(20)
    assert len(source.fetched) == 1 and source.fetched[0] <= PAGE
    assert view.selected_id() == chosen and view.selected_values()[9] == "调离"


def test_header_clicks_sort_in_sql_then_go_back_to_the_own_order(qtbot, shown):
    _db, _model, source, view, _ids = shown
    header = view.horizontalHeader()
    source.sorts.clear()
    for _ in range(3):  # ascending, descending, cleared
        point = QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert source.sorts == [("name", False), ("name", True), (None, False)]
    assert header.sortIndicatorSection() == -1


def test_double_click_reports_the_record_once(qtbot, shown):
    _db, model, _source, view, _ids = shown
    got = []
    view.record_activated.connect(got.append)
    point = view.visualRect(model.index(2, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert got == [model.id_at(2)]  # doubleClicked and activated both fire; one open, not two


def test_a_roster_of_every_mine_finds_a_person_wherever_he_works(qapp, roster):
    db, mine, _dept, _ids = roster
    other = create_mine(db, "测试员", name="二号矿", kind="coal")
    number = make("140525", date(1985, 5, 5), 11)
    add_people(db, "测试员", other, [PersonInput(name="跨矿查找", id_number=number)])
    everyone = LazyTableModel(db, RosterSource(RosterFilter(mine_id=None)), COLUMNS)
    everyone.refresh()
    assert everyone.rowCount() == 1001
    one_mine = LazyTableModel(db, RosterSource(RosterFilter(mine_id=mine, search=number)), COLUMNS)
    one_mine.refresh()
    assert one_mine.rowCount() == 0  # he is not on this mine's roster
    found = LazyTableModel(db, RosterSource(RosterFilter(mine_id=None, search=number[:10])), COLUMNS)
    found.refresh()
    assert found.rowCount() == 1 and found.data(found.index(0, 0)) == "跨矿查找"


def test_every_mine_sorts_by_any_column(qapp, roster):
    db, _mine, _dept, _ids = roster
    everyone = LazyTableModel(db, RosterSource(RosterFilter(mine_id=None)), COLUMNS)
    everyone.refresh()
    names = [everyone.data(everyone.index(r, 0)) for r in range(everyone.rowCount())]
    assert names == sorted(names)  # every mine: by name, departments of different mines have no order
    for key in ("name", "sex", "mine", "department"):
        column = list(SORT_COLUMNS).index(key)
        everyone.sort(column, Qt.SortOrder.DescendingOrder)
        shown = [everyone.data(everyone.index(r, column)) for r in range(everyone.rowCount())]
        assert len(shown) == 1000 and shown == sorted(shown, reverse=True), key
