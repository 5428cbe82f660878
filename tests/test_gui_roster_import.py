"""导入花名册: preview off the GUI thread, rejected rows by number, correcting the mapping, one-transaction import."""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from db.idnumber import make
from db.models import Department, Person
from db.services.people import PersonInput, add_person
from desktop.dialogs import roster_import_dialog as rid
from desktop.dialogs.roster_import_dialog import RosterImportDialog, column_letter

WANG = make("140522", date(1980, 5, 6), 13)
LI = make("140522", date(1990, 1, 2), 28)  # ends in X
ZHAO = make("140522", date(1986, 4, 5), 33)
BAD = make("140522", date(1985, 3, 4), 21)
BAD = BAD[:17] + ("0" if BAD[17] != "0" else "1")  # a wrong check digit
HEADER = ["序号", "姓名", "身份证号", "部门", "岗位", "入矿时间", "备用日期", "是否入井"]


def workbook(
    path: Path, rows: list[list], *, header: list[str] = HEADER, extra_sheet_first: bool = False
) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["一号煤矿从业人员花名册"])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if extra_sheet_first:
        notes = book.create_sheet("说明", 0)
        notes.append(["填表说明：身份证号请按文本格式填写。"])
        book.active = 0
    book.save(path)
    return path


def people_rows() -> list[list]:
    return [
        [1, "王建国", WANG, "综采一队", "采煤机司机", datetime(2005, 3, 1), "2006-01-01", "是"],  # row 4
        [2, "李娜", LI, "机关科室", "会计", "2010.7", "2011-02-03", "否"],  # row 5
        [3, "张伟", BAD, "综采一队", "支架工", "2012-05-01", "2012-06-01", "是"],  # row 6: bad check digit
        [
            4,
            "赵军",
            ZHAO,
            "掘进一队",
            "掘进工",
            "2015-09-01",
            "2010-13-01",
            "是",
        ],  # row 7: 备用日期 unreadable
    ]


@pytest.fixture
def mine(ctx, add_mine) -> int:
    mine_id = add_mine("一号煤矿")
    ctx.set_mine(mine_id)
    return mine_id


@pytest.fixture
def dialog(ctx, mine, qtbot):
    d = RosterImportDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    return d


def wait(qtbot, d: RosterImportDialog) -> None:
    qtbot.waitUntil(lambda: not d.busy, timeout=30000)


def load(qtbot, d: RosterImportDialog, path: Path) -> None:
    d.load(path)
    assert d.busy
    wait(qtbot, d)


def count_people(ctx) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(func.count()).select_from(Person))


def test_preview_runs_off_the_gui_thread_and_names_the_rejected_row(
    ctx, dialog, qtbot, tmp_path, monkeypatch
):
    threads = []
    real = rid.preview
    monkeypatch.setattr(
        rid, "preview", lambda *a, **k: threads.append(threading.current_thread()) or real(*a, **k)
    )
    load(qtbot, dialog, workbook(tmp_path / "花名册.xlsx", people_rows()))
    assert threads and threads[0] is not threading.main_thread()

    assert dialog.header_label.text() == "表头在工作表“花名册”的第 3 行。"
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == ["花名册"]
    assert dialog.good_rows() == [4, 5, 7]
    (refused,) = dialog.rejected_texts()
    assert refused.startswith("第6行：身份证号校验位错误")
    assert dialog.results.tabText(0) == "可导入（3）" and dialog.results.tabText(1) == "拒绝（1）"
    assert dialog.import_button.text() == "导入 3 人" and dialog.import_button.isEnabled()
    assert "可导入 3 人" in dialog.summary.text() and "拒绝 1 行" in dialog.summary.text()
    notes = [dialog.notes_list.item(i).text() for i in range(dialog.notes_list.count())]
    assert notes[:3] == ["新建部门：综采一队", "新建部门：机关科室", "新建部门：掘进一队"]
    assert "以下列未导入：备用日期" in notes

    # The mapping as a table: every field, the column feeding it, what the first row holds there.
    combos = dialog.field_combos
    assert combos["name"].currentData() == 1 and combos["name"].currentText() == "B　姓名"
    assert combos["hire_date"].currentData() == 5 and combos["major"].currentText() == "（不导入）"
    row_of = list(rid.FIELD_LABELS).index
    assert dialog.mapping_table.item(row_of("id_number"), 0).text() == "身份证号（必需）"
    assert dialog.mapping_table.item(row_of("id_number"), 2).text() == WANG
    assert dialog.mapping_table.item(row_of("hire_date"), 2).text() == "2005-03-01"
    assert count_people(ctx) == 0  # a preview writes nothing


def test_remapping_a_column_changes_the_preview_and_commit_imports_the_good_rows(
    ctx, dialog, qtbot, tmp_path, messages
):
    load(qtbot, dialog, workbook(tmp_path / "花名册.xlsx", people_rows()))
    dialog.set_column("hire_date", 6)  # the clerk says 入职时间 is in column G (备用日期)
    assert dialog.busy
    wait(qtbot, dialog)
    assert dialog.field_combos["hire_date"].currentText() == "G　备用日期"
    assert dialog.good_rows() == [4, 5]
    texts = dialog.rejected_texts()
    assert [t.split("：")[0] for t in texts] == ["第6行", "第7行"]
    assert "备用日期" in texts[1] and "不是有效日期" in texts[1]
    assert dialog.import_button.text() == "导入 2 人"

    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=30000)
    assert messages.texts("information") == ["导入 2 人，拒绝 2 行。"]
    with ctx.db.session() as s:
        people = {p.name: p for p in s.scalars(select(Person))}
        departments = set(s.scalars(select(Department.name)))
    assert set(people) == {"王建国", "李娜"}
    assert people["王建国"].hire_date == date(2006, 1, 1)  # from the column the clerk chose
    assert people["李娜"].id_number == LI and people["王建国"].underground
    assert departments == {"综采一队", "机关科室"}  # 掘进一队's only row was refused


def test_import_from_the_roster_button_refreshes_the_roster(
    ctx, mine, window, when_modal, monkeypatch, tmp_path, qtbot, messages
):
    path = workbook(tmp_path / "花名册.xlsx", people_rows())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window.go("training")
    roster = window.personnel.roster
    assert roster.model.rowCount() == 0
    seen = []

    def run(d):
        assert isinstance(d, RosterImportDialog)
        qtbot.waitUntil(lambda: not d.busy and d.outcome is not None, timeout=30000)
        seen.append(d.good_rows())
        d.import_button.click()

    when_modal(run)
    roster.import_button.click()
    assert seen == [[4, 5, 7]]
    assert roster.model.rowCount() == 3 and roster.count.text() == "共 3 人"
    assert roster.department.count() == 4  # 全部部门 and the three new departments


def test_choosing_a_sheet_without_a_header_says_so(ctx, dialog, qtbot, tmp_path):
    load(qtbot, dialog, workbook(tmp_path / "花名册.xlsx", people_rows(), extra_sheet_first=True))
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == ["说明", "花名册"]
    assert dialog.sheet_combo.currentText() == "花名册"  # the roster sheet was found by its header
    assert dialog.good_rows() == [4, 5, 7]

    dialog.sheet_combo.setCurrentIndex(0)
    dialog.sheet_combo.activated.emit(0)
    wait(qtbot, dialog)
    assert not dialog.error_label.isHidden()
    assert "找不到花名册的表头" in dialog.error_label.text()
    assert not dialog.import_button.isEnabled() and dialog.good_rows() == []
    assert dialog.header_label.text() == "没有找到花名册表头。"


def test_a_missing_id_column_can_be_pointed_at(ctx, dialog, qtbot, tmp_path):
    header = ["序号", "姓名", "号码", "部门"]
    rows = [[1, "王建国", WANG, "综采一队"], [2, "李娜", LI, "机关科室"]]
    load(qtbot, dialog, workbook(tmp_path / "名单.xlsx", rows, header=header))
    assert "找不到“身份证号”列" in dialog.error_label.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.mapping_table.isEnabled()
    dialog.set_column("id_number", 2)
    wait(qtbot, dialog)
    assert dialog.error_label.isHidden()
    assert dialog.good_rows() == [4, 5] and dialog.import_button.text() == "导入 2 人"


def test_the_import_is_all_or_nothing(ctx, mine, dialog, qtbot, tmp_path, messages):
    load(qtbot, dialog, workbook(tmp_path / "花名册.xlsx", people_rows()))
    # Someone registers 赵军 after the preview: the commit checks again and writes nobody.
    add_person(ctx.db, "另一位", mine, PersonInput(name="赵军", id_number=ZHAO))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: len(messages) > 0, timeout=30000)
    (text,) = messages.texts("warning")
    assert text.startswith("未导入任何人员：") and "第7行身份证号" in text
    assert count_people(ctx) == 1 and dialog.imported is None
    assert dialog.import_button.isEnabled()


def test_column_letters():
    assert [column_letter(c) for c in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
