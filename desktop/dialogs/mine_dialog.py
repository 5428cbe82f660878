"""新增矿山 / 矿山信息: the mine's record, saved through db.services.mines."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from db.catalogs import hazard_catalog
from db.engine import Database
from db.errors import ValidationError
from db.models import Mine
from db.services.mines import check_hazard_grades, create_mine, set_hazard_grades, update_mine
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


class HazardGradesBox(QGroupBox):
    """The mine's own hazard grades (A级 …), each mapped onto 一般 or 重大."""

    def __init__(self, grades: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Hazard grades"))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Grade name"), self.tr("National grade")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_button.clicked.connect(lambda: self.add_row("", "general", edit=True))
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        for label, maps_to in grades:
            self.add_row(label, maps_to)

    def add_row(self, label: str, maps_to: str, *, edit: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(label))
        combo = QComboBox(self.table)
        combo.addItem(self.tr("General"), "general")
        combo.addItem(self.tr("Major"), "major")
        combo.setCurrentIndex(max(combo.findData(maps_to), 0))
        self.table.setCellWidget(row, 1, combo)
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def grades(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            combo = self.table.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            out.append(((item.text() if item else "").strip(), str(combo.currentData())))
        return out


def _mine_grades(mine: Mine) -> list[tuple[str, str]]:
    extra = json.loads(mine.hazard_grades) if mine.hazard_grades else hazard_catalog()["default_extra_grades"]
    return [(g["label"], g["maps_to"]) for g in extra]


class MineDialog(QDialog):
    def __init__(self, ctx: AppContext, mine_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mine_id = mine_id
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Mine information") if mine_id else self.tr("Add a mine"))
        self.form = MineForm(self)
        self.grades: HazardGradesBox | None = None
        self._grades_before: list[tuple[str, str]] = []
        if mine_id is not None:
            with ctx.db.session() as s:
                mine = s.get(Mine, mine_id)
            if mine is not None:
                self.form.set_mine(mine)
                self._grades_before = _mine_grades(mine)
                self.grades = HazardGradesBox(self._grades_before, self)
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
        if self.grades is not None:
            layout.addWidget(self.grades)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        values = self.form.values()
        if self.mine_id is None:
            ok, new_id = self.ctx.write(self, create_mine, **values)
            self.saved_id = new_id
        else:
            grades = self.grades.grades() if self.grades is not None else None
            if grades is not None:
                try:
                    check_hazard_grades(grades)  # refuse before anything is saved: no half-written dialog
                except ValidationError as err:
                    title = QCoreApplication.translate(
                        "AppContext", "Not saved"
                    )  # the same box ctx.write shows
                    QMessageBox.warning(self, title, str(err))
                    return
            ok, _ = self.ctx.write(self, update_mine, self.mine_id, **values)
            self.saved_id = self.mine_id
            if ok and grades is not None:
                if grades != self._grades_before:
                    ok, _ = self.ctx.write(self, set_hazard_grades, self.mine_id, grades)
                    if ok:
                        self._grades_before = grades
        if ok:
            self.accept()  # a refused save keeps the dialog open with what the clerk typed


def open_mine(parent: QWidget, ctx: AppContext, mine_id: int) -> bool:
    """The opener for findings about a mine (registered under the entity name “mine”)."""
    return MineDialog(ctx, mine_id, parent).exec() == QDialog.DialogCode.Accepted
