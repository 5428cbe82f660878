"""First run: the database holds no mine yet. Page 1 the mine, page 2 the operator; 完成 writes the mine.

Nothing is written until 完成, and then only through db.services.mines.create_mine (with its audit row).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget, QWizard, QWizardPage

from db.services.mines import create_mine
from desktop.dialogs.mine_dialog import mine_name_problem
from desktop.views.context import AppContext
from desktop.widgets.mine_form import MineForm


class MinePage(QWizardPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Welcome to MineLedger"))
        self.setSubTitle(
            self.tr("Step 1 of 2: the mine whose ledgers you keep. You can change this later in Settings.")
        )
        self.form = MineForm(self, with_profile=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)

    def validatePage(self) -> bool:
        problem = mine_name_problem(self.ctx.db, self.form.name.text())
        if problem:
            QMessageBox.warning(self, self.tr("Check the mine"), problem)
            self.form.name.setFocus()
            return False
        return True


class OperatorPage(QWizardPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Operator"))
        self.setSubTitle(self.tr("Step 2 of 2: who is keeping the ledger on this computer."))
        self.name = QLineEdit(ctx.operator, maxLength=50)
        self.name.setPlaceholderText(self.tr("Your name"))
        why = QLabel(
            self.tr(
                "Every record you create or change is kept with your name and the time (留痕), so an "
                "inspector can see who entered what. You can change the operator later in Settings."
            )
        )
        why.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Operator name")))
        layout.addWidget(self.name)
        layout.addSpacing(12)
        layout.addWidget(why)
        layout.addStretch(1)


class FirstRunWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created_mine_id: int | None = None
        self.setWindowTitle(self.tr("MineLedger — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.mine_page = MinePage(ctx)
        self.operator_page = OperatorPage(ctx)
        self.addPage(self.mine_page)
        self.addPage(self.operator_page)
        self.resize(620, 460)

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        if self.currentPage() is not self.operator_page:
            return True
        return self._finish()

    def _finish(self) -> bool:
        operator = self.operator_page.name.text().strip()
        if not operator:
            QMessageBox.warning(
                self,
                self.tr("Check the operator"),
                self.tr("Operator name: please fill in your name; every change records who made it."),
            )
            self.operator_page.name.setFocus()
            return False
        self.ctx.set_operator(operator)
        ok, mine_id = self.ctx.write(self, create_mine, **self.mine_page.form.values())
        if not ok:
            return False  # the service said why (naming the field); the wizard stays open, nothing written
        self.created_mine_id = mine_id
        self.ctx.settings.last_mine_id = mine_id
        return True
