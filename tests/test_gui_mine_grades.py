"""The mine dialog's hazard grades: prefilled with the catalogue defaults, edited and stored."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from db.catalogs import hazard_catalog
from db.models import AuditEntry, Mine
from desktop.dialogs.mine_dialog import MineDialog


def test_editing_the_grades_in_the_mine_dialog_stores_them(ctx, add_mine, qtbot):
    mine_id = add_mine("一号煤矿")
    dialog = MineDialog(ctx, mine_id)
    qtbot.addWidget(dialog)
    box = dialog.grades
    assert box is not None
    defaults = [(g["label"], g["maps_to"]) for g in hazard_catalog()["default_extra_grades"]]
    assert box.grades() == defaults
    while box.table.rowCount():
        box.table.setCurrentCell(0, 0)
        box.remove_button.click()
    box.add_button.click()
    box.table.item(0, 0).setText("甲级")
    combo = box.table.cellWidget(0, 1)
    combo.setCurrentIndex(combo.findData("major"))
    box.add_button.click()
    box.table.item(1, 0).setText("乙级")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == MineDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        stored = json.loads(s.get(Mine, mine_id).hazard_grades)
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).all()
    assert stored == [{"label": "甲级", "maps_to": "major"}, {"label": "乙级", "maps_to": "general"}]
    assert any("hazard_grades" in json.loads(e.after) for e in entries)


def test_a_refused_grade_keeps_the_dialog_open(ctx, add_mine, qtbot, messages):
    mine_id = add_mine("一号煤矿")
    dialog = MineDialog(ctx, mine_id)
    qtbot.addWidget(dialog)
    dialog.form.address.setText("新地址")
    dialog.grades.add_button.click()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() != MineDialog.DialogCode.Accepted
    assert any("隐患分级" in t for t in messages.texts())
    with ctx.db.session() as s:
        mine = s.get(Mine, mine_id)
        assert mine.hazard_grades == "" and mine.address != "新地址"  # nothing half-written


def test_a_new_mine_has_no_grades_section(ctx, qtbot):
    dialog = MineDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.grades is None
