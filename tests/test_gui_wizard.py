"""First run: the wizard creates the mine and the operator, or refuses in Chinese and writes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from db.models import MINE_KIND_LABELS, AuditEntry, Mine
from db.services.mines import create_mine
from desktop.dialogs.wizard import FirstRunWizard
from desktop.gui import start_gui
from desktop.settings import AppSettings


def count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def wizard(ctx, qtbot):
    w = FirstRunWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_first_run_wizard_creates_the_mine_and_lands_in_the_main_window(
    gui_app, qtbot, ledger_path, messages
):
    startup = start_gui(gui_app, ledger_path, AppSettings())
    assert startup is not None and startup.window is None
    try:
        wizard = startup.wizard
        qtbot.addWidget(wizard)
        assert wizard.isVisible() and wizard.currentPage() is wizard.mine_page
        form = wizard.mine_page.form
        form.name.setText("晋兴煤业有限公司")  # Chinese is set, never typed: keyClicks aborts offscreen
        form.kind.setCurrentIndex(form.kind.findData("underground_metal"))
        qtbot.keyClicks(form.licence_no, "(Jin)MK-2024-017")
        form.address.setText("山西省晋城市")
        form.principal_name.setText("王建国")
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        assert wizard.currentPage() is wizard.operator_page
        wizard.operator_page.name.setText("张会计")
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

        qtbot.waitUntil(lambda: startup.window is not None and startup.window.isVisible())
        assert messages.shown == []
        window = startup.window
        qtbot.addWidget(window)
        assert not wizard.isVisible()
        db = startup.ledger.db
        with db.session() as s:
            (mine,) = s.scalars(select(Mine))
            (audit,) = s.scalars(select(AuditEntry))
        assert (mine.name, mine.kind, mine.licence_no, mine.principal_name) == (
            "晋兴煤业有限公司",
            "underground_metal",
            "(Jin)MK-2024-017",
            "王建国",
        )
        assert (audit.action, audit.entity, audit.entity_id, audit.operator_name) == (
            "create",
            "mine",
            mine.id,
            "张会计",
        )
        assert AppSettings().operator == "张会计"  # remembered for the next start
        assert "晋兴煤业有限公司" in window.mine_status.text()
        assert "张会计" in window.operator_status.text()
        qtbot.waitUntil(lambda: startup.daily_backup is not None)  # today's backup, made on the worker
    finally:
        startup.shutdown()


def test_mine_types_read_as_the_glossary(wizard):
    kind = wizard.mine_page.form.kind
    assert [kind.itemText(i) for i in range(kind.count())] == list(MINE_KIND_LABELS.values())


def test_an_empty_mine_name_is_refused_naming_the_field(wizard, ctx, messages, qtbot):
    wizard.mine_page.form.name.setText("   ")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.mine_page
    assert messages.texts("warning") == ["矿山名称：不能为空"]
    assert count(ctx.db, Mine) == 0 and count(ctx.db, AuditEntry) == 0


def test_a_taken_mine_name_is_refused_and_nothing_is_written(wizard, ctx, add_mine, messages, qtbot):
    add_mine("一号煤矿")
    wizard.mine_page.form.name.setText("一号煤矿")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.mine_page
    (text,) = messages.texts("warning")
    assert text.startswith("矿山名称：") and "已存在" in text
    assert count(ctx.db, Mine) == 1 and count(ctx.db, AuditEntry) == 1


def test_a_name_taken_meanwhile_is_refused_at_finish(wizard, ctx, messages, qtbot):
    wizard.mine_page.form.name.setText("二号煤矿")
    wizard.next()
    wizard.operator_page.name.setText("张会计")
    create_mine(ctx.db, "另一台电脑", name="二号煤矿", kind="coal")  # e.g. added from the command line
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and wizard.created_mine_id is None
    (text,) = messages.texts("warning")
    assert text.startswith("矿山名称：") and "已存在" in text
    assert count(ctx.db, Mine) == 1 and count(ctx.db, AuditEntry) == 1


def test_an_empty_operator_is_refused(wizard, ctx, messages, qtbot):
    wizard.mine_page.form.name.setText("三号煤矿")
    wizard.next()
    wizard.operator_page.name.setText("")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible()
    (text,) = messages.texts("warning")
    assert text.startswith("操作员姓名：")
    assert count(ctx.db, Mine) == 0 and count(ctx.db, AuditEntry) == 0
