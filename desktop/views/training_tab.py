"""培训记录: the mine's training sessions, newest first, with how many attended, passed and failed.

新增培训 and a double-click open the session dialog (desktop/dialogs/training_session_dialog.py), which saves
through db.services.training. A TRAIN-ARCHIVE finding (a session nobody is recorded at) opens that dialog too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import case, func, select

from db.catalogs import training_kinds
from db.models import TrainingAttendance, TrainingSession
from desktop.dialogs.form_preview import preview_form
from desktop.dialogs.training_session_dialog import TrainingSessionDialog, open_session
from desktop.views.context import AppContext

SESSION_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
RED, AMBER = "#b71c1c", "#8a5a00"

HEADERS = (
    QT_TRANSLATE_NOOP("TrainingTab", "Date"),
    QT_TRANSLATE_NOOP("TrainingTab", "Training name"),
    QT_TRANSLATE_NOOP("TrainingTab", "Kind"),
    QT_TRANSLATE_NOOP("TrainingTab", "Hours"),
    QT_TRANSLATE_NOOP("TrainingTab", "Attendees"),
    QT_TRANSLATE_NOOP("TrainingTab", "Passed"),
    QT_TRANSLATE_NOOP("TrainingTab", "Failed"),
)
WIDTHS = (170, 380, 110, 60, 70, 60)
NAME_COLUMN, ATTENDEES_COLUMN, FAILED_COLUMN = 1, 4, 6


@dataclass(frozen=True)
class SessionRow:
    session_id: int
    start_date: date
    end_date: date
    name: str
    kind: str
    kind_label: str
    hours: float
    attendees: int
    passed: int
    failed: int

    @property
    def dates(self) -> str:
        if self.start_date == self.end_date:
            return f"{self.start_date:%Y-%m-%d}"
        return f"{self.start_date:%Y-%m-%d} ~ {self.end_date:%Y-%m-%d}"


def session_rows(ctx: AppContext, kind: str | None = None, year: int | None = None) -> list[SessionRow]:
    """The mine's sessions, newest first, with attendee counts, filtered by kind and calendar year."""
    mine_id = ctx.mine_id
    if mine_id is None:
        return []
    counts = (
        select(
            TrainingAttendance.session_id.label("session_id"),
            func.count(TrainingAttendance.id).label("n"),
            func.sum(case((TrainingAttendance.passed.is_(True), 1), else_=0)).label("passed"),
            func.sum(case((TrainingAttendance.passed.is_(False), 1), else_=0)).label("failed"),
        )
        .group_by(TrainingAttendance.session_id)
        .subquery()
    )
    query = (
        select(
            TrainingSession.id,
            TrainingSession.start_date,
            TrainingSession.end_date,
            TrainingSession.name,
            TrainingSession.kind,
            TrainingSession.hours,
            counts.c.n,
            counts.c.passed,
            counts.c.failed,
        )
        .outerjoin(counts, counts.c.session_id == TrainingSession.id)
        .where(TrainingSession.mine_id == mine_id)
        .order_by(TrainingSession.start_date.desc(), TrainingSession.id.desc())
    )
    if kind is not None:
        query = query.where(TrainingSession.kind == kind)
    if year is not None:
        query = query.where(
            TrainingSession.start_date >= date(year, 1, 1), TrainingSession.start_date <= date(year, 12, 31)
        )
    kinds = training_kinds()
    with ctx.db.session() as s:
        rows = s.execute(query).all()
    return [
        SessionRow(sid, start, end, name, k, kinds.get(k, k), hours, n or 0, int(p or 0), int(f or 0))
        for sid, start, end, name, k, hours, n, p, f in rows
    ]


def session_years(ctx: AppContext) -> list[int]:
    if ctx.mine_id is None:
        return []
    with ctx.db.session() as s:
        days = s.scalars(
            select(TrainingSession.start_date).where(TrainingSession.mine_id == ctx.mine_id).distinct()
        ).all()
    return sorted({d.year for d in days}, reverse=True)


class TrainingTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.rows: list[SessionRow] = []

        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for code, title in training_kinds().items():
            self.kind_filter.addItem(title, code)
        self.year_filter = QComboBox()
        self.year_filter.setMinimumWidth(90)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.year_filter.currentIndexChanged.connect(lambda _i: self.refresh())

        self.new_button = QPushButton(self.tr("New training…"))
        self.new_button.clicked.connect(self.new_session)
        self.open_button = QPushButton(self.tr("Open / key results…"))
        self.open_button.clicked.connect(self.open_current)
        self.print_button = QPushButton(self.tr("Print sign-in sheet…"))
        self.print_button.clicked.connect(self.print_current)
        self.count = QLabel()

        self.model = QStandardItemModel(self)
        self.model.setSortRole(SORT_ROLE)
        self.model.setHorizontalHeaderLabels([QCoreApplication.translate("TrainingTab", h) for h in HEADERS])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate(WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.open_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Kind")))
        filters.addWidget(self.kind_filter)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("Year")))
        filters.addWidget(self.year_filter)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        hint = QLabel(self.tr("Double-click a training to add attendees or key their scores."))
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

        ctx.mine_changed.connect(self._mine_changed)
        ctx.data_changed.connect(self._changed)
        self.refresh()

    # --- reading ----------------------------------------------------------------------------------------

    def _mine_changed(self, _mine_id: int) -> None:
        self._changed()

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def _fill_years(self) -> None:
        chosen = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(self.tr("All years"), None)
        for year in session_years(self.ctx):
            self.year_filter.addItem(str(year), year)
        index = self.year_filter.findData(chosen) if chosen is not None else 0
        self.year_filter.setCurrentIndex(max(index, 0))
        self.year_filter.blockSignals(False)

    def set_filters(self, kind: str | None = None, year: int | None = None) -> None:
        self.kind_filter.blockSignals(True)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(kind), 0))
        self.kind_filter.blockSignals(False)
        self.year_filter.blockSignals(True)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(year), 0))
        self.year_filter.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        self._stale = False
        selected = self.current_session_id()
        self._fill_years()
        self.rows = session_rows(self.ctx, self.kind_filter.currentData(), self.year_filter.currentData())
        self.model.removeRows(0, self.model.rowCount())
        for row in self.rows:
            self.model.appendRow(self._items(row))
        self.count.setText(self.tr("{count} trainings").format(count=len(self.rows)))
        if selected is not None:
            self.select(selected)
        self.new_button.setEnabled(self.ctx.mine_id is not None)
        self._update_buttons()

    def _items(self, row: SessionRow) -> list[QStandardItem]:
        values: list[tuple[str, object]] = [
            (row.dates, row.start_date.isoformat()),
            (row.name, row.name),
            (row.kind_label, row.kind_label),
            (f"{row.hours:g}", row.hours),
            (str(row.attendees), row.attendees),
            (str(row.passed), row.passed),
            (str(row.failed), row.failed),
        ]
        items = []
        for col, (text, key) in enumerate(values):
            item = QStandardItem(text)
            item.setData(row.session_id, SESSION_ROLE)
            item.setData(key, SORT_ROLE)
            if col >= 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == FAILED_COLUMN and row.failed:
                item.setForeground(QBrush(QColor(RED)))
            if col == ATTENDEES_COLUMN and not row.attendees:
                item.setForeground(QBrush(QColor(AMBER)))
                item.setToolTip(
                    QCoreApplication.translate(
                        "TrainingTab", "Nobody is recorded at this training: it is in nobody's file."
                    )
                )
            if col == NAME_COLUMN:
                item.setToolTip(text)
            items.append(item)
        return items

    def current_session_id(self) -> int | None:
        index = self.table.currentIndex()
        return None if not index.isValid() else self.model.item(index.row(), 0).data(SESSION_ROLE)

    def select(self, session_id: int) -> bool:
        for r in range(self.model.rowCount()):
            if self.model.item(r, 0).data(SESSION_ROLE) == session_id:
                self.table.selectRow(r)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.current_session_id() is not None
        self.open_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    # --- actions ----------------------------------------------------------------------------------------

    def new_session(self) -> None:
        if self.ctx.mine_id is None:
            return
        dialog = TrainingSessionDialog(self.ctx, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.session_id is not None:
            self.select(dialog.session_id)
        dialog.deleteLater()

    def open_current(self) -> None:
        session_id = self.current_session_id()
        if session_id is not None:
            dialog = TrainingSessionDialog(self.ctx, session_id, self)
            dialog.exec()
            dialog.deleteLater()

    def print_current(self) -> None:
        session_id = self.current_session_id()
        if session_id is not None:
            preview_form(self, self.ctx, "training-session", session=session_id)


def register_openers(ctx: AppContext) -> None:
    """Findings about a training session (TRAIN-ARCHIVE) open its dialog."""
    ctx.openers.register("training_session", open_session)


def make_tab(ctx: AppContext) -> QWidget:
    tab = TrainingTab(ctx)
    tab.setWindowTitle(tab_title())
    register_openers(ctx)
    return tab


def tab_title() -> str:
    return QCoreApplication.translate("TrainingTab", "Training records")
