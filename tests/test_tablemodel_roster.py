"""The lazy roster model: ids sorted and filtered in SQL, rows read a page at a time."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from db.engine import open_database
from db.idnumber import make
from db.models import PersonStatus
from db.services.mines import add_department, create_mine
from db.services.people import PersonInput, add_people, set_status
from desktop.tablemodels.lazy import PAGE, ColumnSpec, LazyTableModel
from desktop.tablemodels.roster import SORT_COLUMNS, RosterFilter, RosterSource

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
