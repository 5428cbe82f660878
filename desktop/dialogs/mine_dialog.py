"""新增矿山 / 矿山信息: the mine's record, saved through db.services.mines."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget
from sqlalchemy import func, select

from db.engine import Database
from db.models import Mine
from db.services.mines import create_mine, update_mine
from desktop.views.context import AppContext
from desktop.widgets.mine_form import MineForm


def mine_name_problem(db: Database, name: str, except_id: int | None = None) -> str | None:
    """Why a mine name cannot be used, before anything is written (a read: the service checks again)."""
    name = name.strip()
    if not name:
        return QCoreApplication.translate("MineDialog", "Mine name: must not be empty")
    query = select(func.count()).select_from(Mine).where(Mine.name == name)
    if except_id is not None:
        query = query.where(Mine.id != except_id)
    with db.session() as s:
        if s.scalar(query):
            return QCoreApplication.translate(
                "MineDialog", "Mine name: “{name}” already exists, please choose another name"
            ).format(name=name)
    return None


class MineDialog(QDialog):
    def __init__(self, ctx: AppContext, mine_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mine_id = mine_id
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Mine information") if mine_id else self.tr("Add a mine"))
        self.form = MineForm(self)
        if mine_id is not None:
            with ctx.db.session() as s:
                mine = s.get(Mine, mine_id)
            if mine is not None:
                self.form.set_mine(mine)
        note = QLabel(self.tr("Every change is recorded with the operator's name and the time."))
        note.setWordWrap(True)
        note.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        values = self.form.values()
        if self.mine_id is None:
            ok, new_id = self.ctx.write(self, create_mine, **values)
            self.saved_id = new_id
        else:
            ok, _ = self.ctx.write(self, update_mine, self.mine_id, **values)
            self.saved_id = self.mine_id
        if ok:
            self.accept()  # a refused save keeps the dialog open with what the clerk typed


def open_mine(parent: QWidget, ctx: AppContext, mine_id: int) -> bool:
    """The opener for findings about a mine (registered under the entity name “mine”)."""
    return MineDialog(ctx, mine_id, parent).exec() == QDialog.DialogCode.Accepted
