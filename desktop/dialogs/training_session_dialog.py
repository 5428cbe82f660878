"""新增培训 / 培训记录: a training session, its attendees and their results, saved in one transaction.

Attendees come in by whole departments or one by one with the person picker; scores are keyed straight down
the table (a number, Enter, the next person), as a clerk copies them off the paper sheet. Pass or fail follows
the pass mark of 60 unless the clerk decides it by hand; a blank score means not examined.

Also here: `preview_form`, the print center's preview (build on the worker, preview, save, print, Excel) for
one form with its parameters fixed — this session's 签到及考核记录表, the 配备情况表, the 预警清单.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDoubleValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from db import clock
from db.catalogs import training_hours, training_kinds
from db.models import Department, Person, PersonStatus, TrainingAttendance, TrainingSession
from db.services.training import PASS_MARK, Result, SessionInput, create_session, record_results
from desktop.dialogs.form_preview import PrintPreviewDialog, preview_form
from desktop.views.context import AppContext
from desktop.widgets.date_field import date_edit, from_qdate, to_qdate
from desktop.widgets.person_picker import PersonEntry, PersonPicker, load_people

Index = QModelIndex | QPersistentModelIndex
FAIL_COLOUR = "#b71c1c"
PASS_COLOUR = "#2e7d32"
MUTED_COLOUR = "#757575"
DEPARTMENT_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


# --- the attendees' table -------------------------------------------------------------------------


@dataclass
class Attendee:
    person: PersonEntry
    score: float | None = None
    by_hand: bool = False  # the clerk decides pass or fail, whatever the score
    passed_by_hand: bool = True
    note: str = ""
    saved: bool = False  # already stored for this session
    original: tuple[Any, ...] | None = None  # (score, passed, note) as stored

    @property
    def passed(self) -> bool | None:
        """What will be stored: by hand, else from the score (None: not examined)."""
        if self.by_hand:
            return self.passed_by_hand
        return None if self.score is None else self.score >= PASS_MARK

    def state(self) -> tuple[Any, ...]:
        return (self.score, self.passed, self.note.strip())

    @property
    def changed(self) -> bool:
        return not self.saved or self.original != self.state()

    def result(self) -> Result:
        return Result(
            person_id=self.person.id,
            score=self.score,
            passed=self.passed_by_hand if self.by_hand else None,
            note=self.note,
        )


def format_score(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


class AttendeeModel(QAbstractTableModel):
    NAME, DEPARTMENT, POST, SCORE, BY_HAND, RESULT, NOTE = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("AttendeeModel", "Name"),
        QT_TRANSLATE_NOOP("AttendeeModel", "Department"),
        QT_TRANSLATE_NOOP("AttendeeModel", "Post"),
        QT_TRANSLATE_NOOP("AttendeeModel", "Score"),
        QT_TRANSLATE_NOOP("AttendeeModel", "Decide by hand"),
        QT_TRANSLATE_NOOP("AttendeeModel", "Result"),
        QT_TRANSLATE_NOOP("AttendeeModel", "Note"),
    )
    counts_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Attendee] = []

    # reading
    def rows(self) -> list[Attendee]:
        return list(self._rows)

    def attendee(self, row: int) -> Attendee:
        return self._rows[row]

    def person_ids(self) -> set[int]:
        return {a.person.id for a in self._rows}

    def row_of(self, person_id: int) -> int | None:
        for row, a in enumerate(self._rows):
            if a.person.id == person_id:
                return row
        return None

    # changing
    def set_rows(self, rows: list[Attendee]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda a: a.person.roster_key)
        self.endResetModel()
        self.counts_changed.emit()

    def add(self, people: list[PersonEntry]) -> int:
        """Add people not yet on the list, keeping roster order; returns how many were added."""
        have = self.person_ids()
        new = [Attendee(p) for p in people if p.id not in have]
        if new:
            self.set_rows(self._rows + new)
        return len(new)

    def remove_rows(self, rows: list[int]) -> None:
        keep = set(range(len(self._rows))) - set(rows)
        self.set_rows([self._rows[r] for r in sorted(keep)])

    def mark_saved(self) -> None:
        for a in self._rows:
            a.saved, a.original = True, a.state()

    def changed_rows(self) -> list[Attendee]:
        return [a for a in self._rows if a.changed]

    # Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("AttendeeModel", self.HEADERS[section])
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col = index.column()
        if col in (self.SCORE, self.NOTE):
            return base | Qt.ItemFlag.ItemIsEditable
        if col == self.BY_HAND:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if col == self.RESULT and self._rows[index.row()].by_hand:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def _result_text(self, a: Attendee) -> str:
        passed = a.passed
        if passed is None:
            return QCoreApplication.translate("AttendeeModel", "Not examined")
        return (
            QCoreApplication.translate("AttendeeModel", "Pass")
            if passed
            else QCoreApplication.translate("AttendeeModel", "Fail")
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.NAME:
                return a.person.name
            if col == self.DEPARTMENT:
                return a.person.department
            if col == self.POST:
                return a.person.post
            if col == self.SCORE:
                return format_score(a.score)
            if col == self.RESULT:
                return self._result_text(a)
            if col == self.NOTE:
                return a.note
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            if col == self.BY_HAND:
                return Qt.CheckState.Checked if a.by_hand else Qt.CheckState.Unchecked
            if col == self.RESULT and a.by_hand:
                return Qt.CheckState.Checked if a.passed_by_hand else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == self.RESULT:
            passed = a.passed
            colour = MUTED_COLOUR if passed is None else (PASS_COLOUR if passed else FAIL_COLOUR)
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.SCORE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.BY_HAND:
                return QCoreApplication.translate(
                    "AttendeeModel",
                    "Tick to decide pass or fail yourself instead of from the pass mark of 60.",
                )
            if col == self.NAME:
                return a.person.describe()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        a = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.EditRole and col == self.SCORE:
            text = str(value or "").strip().replace("，", ".").replace(",", ".")
            if text:
                try:
                    score = float(text)
                except ValueError:
                    return False
                if not 0 <= score <= 100:
                    return False
                a.score = score
            else:
                a.score = None
        elif role == Qt.ItemDataRole.EditRole and col == self.NOTE:
            a.note = str(value or "")
        elif role == Qt.ItemDataRole.CheckStateRole and col == self.BY_HAND:
            a.by_hand = Qt.CheckState(value) == Qt.CheckState.Checked
            if a.by_hand:
                computed = None if a.score is None else a.score >= PASS_MARK
                a.passed_by_hand = True if computed is None else computed
        elif role == Qt.ItemDataRole.CheckStateRole and col == self.RESULT and a.by_hand:
            a.passed_by_hand = Qt.CheckState(value) == Qt.CheckState.Checked
        else:
            return False
        first, last = self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        self.dataChanged.emit(first, last)
        self.counts_changed.emit()
        return True


class ScoreDelegate(QStyledItemDelegate):
    """Scores are numbers 0–100 with at most one decimal; blank means not examined."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and index.column() == AttendeeModel.SCORE:
            validator = QDoubleValidator(0.0, 100.0, 1, editor)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            validator.setLocale(QLocale.c())
            editor.setValidator(validator)
            editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor


class ScoreTable(QTableView):
    """Enter commits a score and opens the next person's, so a column of scores is keyed without the mouse."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ScoreDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(26)

    def _next_row(self, index: QModelIndex) -> QModelIndex:
        return index.sibling(index.row() + 1, index.column())

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        index = self.currentIndex()
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and index.column() in (
            AttendeeModel.SCORE,
            AttendeeModel.NOTE,
        ):
            following = self._next_row(index)
            if following.isValid():
                self.setCurrentIndex(following)
                self.edit(following)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on a cell not being edited moves down (as on a spreadsheet) instead of pressing a button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            index = self.currentIndex()
            if index.isValid():
                following = self._next_row(index)
                if following.isValid():
                    self.setCurrentIndex(following)
                event.accept()
                return
        super().keyPressEvent(event)

    def start_scores(self) -> None:
        """Open the first blank score (or the first score) for typing."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        target = model.index(0, AttendeeModel.SCORE)
        for row in range(model.rowCount()):
            index = model.index(row, AttendeeModel.SCORE)
            if not index.data():
                target = index
                break
        self.setFocus()
        self.setCurrentIndex(target)
        self.edit(target)


# --- the dialog -----------------------------------------------------------------------------------


def _attendees(ctx: AppContext, session_id: int) -> list[Attendee]:
    people = {p.id: p for p in load_people(ctx.db, ctx.mine_id or 0, include_inactive=True)}
    with ctx.db.session() as s:
        stored = list(
            s.scalars(select(TrainingAttendance).where(TrainingAttendance.session_id == session_id))
        )
    out = []
    for a in stored:
        person = people.get(a.person_id)
        if person is None:
            continue
        computed = None if a.score is None else a.score >= PASS_MARK
        by_hand = a.passed is not None and a.passed != computed
        row = Attendee(
            person=person,
            score=a.score,
            by_hand=by_hand,
            passed_by_hand=bool(a.passed) if by_hand else True,
            note=a.note or "",
            saved=True,
        )
        row.original = row.state()
        out.append(row)
    return out


# Hours a kind of training usually takes (the catalogue's defaults), offered when the kind is chosen.
def _default_hours(kind: str) -> float | None:
    hours = training_hours()
    return {"pre_job": hours["default"]["initial"], "annual": hours["default"]["annual"]}.get(kind)


class TrainingSessionDialog(QDialog):
    def __init__(self, ctx: AppContext, session_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self.setWindowTitle(self.tr("Training record") if session_id else self.tr("New training"))
        self._hours_touched = session_id is not None

        # the session
        self.name = QLineEdit(maxLength=100)
        self.name.setPlaceholderText(self.tr("e.g. 2026 annual safety retraining (group 1)"))
        self.kind = QComboBox()
        for code, title in training_kinds().items():
            self.kind.addItem(title, code)
        self.start = date_edit()
        self.end = date_edit(not_after_today=False)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 200)
        self.hours.setDecimals(1)
        self.hours.setSuffix(self.tr(" h"))
        self.place = QLineEdit(maxLength=100)
        self.organiser = QLineEdit(maxLength=100)
        self.organiser.setPlaceholderText(self.tr("Teacher or training body"))
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(54)
        self._last_start = from_qdate(self.start.date())
        self.start.dateChanged.connect(self._start_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.hours.valueChanged.connect(lambda _v: setattr(self, "_hours_touched", True))

        fields = QGroupBox(self.tr("Session"))
        grid = QFormLayout()
        grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        grid.addRow(self.tr("Training name"), self.name)
        row1 = QHBoxLayout()
        row1.addWidget(self.kind, 1)
        row1.addSpacing(12)
        row1.addWidget(QLabel(self.tr("Hours")))
        row1.addWidget(self.hours)
        grid.addRow(self.tr("Training kind"), row1)
        row2 = QHBoxLayout()
        row2.addWidget(self.start)
        row2.addSpacing(12)
        row2.addWidget(QLabel(self.tr("End date")))
        row2.addWidget(self.end)
        row2.addStretch(1)
        grid.addRow(self.tr("Start date"), row2)
        row3 = QHBoxLayout()
        row3.addWidget(self.place, 1)
        row3.addSpacing(12)
        row3.addWidget(QLabel(self.tr("Organiser")))
        row3.addWidget(self.organiser, 1)
        grid.addRow(self.tr("Place"), row3)
        grid.addRow(self.tr("Content"), self.content)
        self.locked_note = QLabel(
            self.tr("A saved session's particulars are kept as recorded; attendees and results can be added.")
        )
        self.locked_note.setEnabled(False)
        self.locked_note.setWordWrap(True)
        box = QVBoxLayout(fields)
        box.addLayout(grid)
        box.addWidget(self.locked_note)

        # the attendees
        self.departments = QComboBox()
        self.departments.setMinimumWidth(180)
        self.add_department_button = QPushButton(self.tr("Add whole department"))
        self.add_department_button.clicked.connect(self.add_department)
        self.picker = PersonPicker(ctx, clear_after_pick=True)
        self.picker.person_chosen.connect(self.add_person)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.scores_button = QPushButton(self.tr("Key scores"))
        self.scores_button.setToolTip(self.tr("Start typing scores at the first person without one"))
        self.model = AttendeeModel(self)
        self.model.counts_changed.connect(self._update_counts)
        self.table = ScoreTable()
        self.table.setModel(self.model)
        self.scores_button.clicked.connect(self.table.start_scores)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((90, 130, 120, 70, 90, 80)):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        # Delete removes the selected attendees while the table has focus (a score being typed keeps its Delete).
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected)
        remove.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.counts = QLabel()
        hint = QLabel(
            self.tr(
                "Type a score and press Enter to go to the next person. A blank score means not examined; "
                "60 or more passes unless “Decide by hand” is ticked."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)

        people = QGroupBox(self.tr("Attendees"))
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Department")))
        tools.addWidget(self.departments)
        tools.addWidget(self.add_department_button)
        tools.addSpacing(16)
        tools.addWidget(QLabel(self.tr("Person")))
        tools.addWidget(self.picker, 1)
        tools.addSpacing(16)
        tools.addWidget(self.remove_button)
        tools.addWidget(self.scores_button)
        attendee_box = QVBoxLayout(people)
        attendee_box.addLayout(tools)
        attendee_box.addWidget(self.table, 1)
        counts_row = QHBoxLayout()
        counts_row.addWidget(self.counts)
        counts_row.addStretch(1)
        attendee_box.addLayout(counts_row)
        attendee_box.addWidget(hint)

        # buttons: Enter in a field never saves by surprise; Save is a deliberate click (or Ctrl+S)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.print_button = self.buttons.addButton(
            self.tr("Print sign-in sheet…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.clicked.connect(self.print_sheet)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(fields)
        layout.addWidget(people, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 760)

        self._load_departments()
        self._update_counts()
        if session_id is None:
            self.locked_note.hide()
            self._kind_changed()
            self.print_button.setEnabled(False)
            self.print_button.setToolTip(self.tr("Save the training first"))
        else:
            self._load(session_id)

    # --- loading ----------------------------------------------------------------------------------------

    def _load_departments(self) -> None:
        mine_id = self.ctx.mine_id or 0
        with self.ctx.db.session() as s:
            rows = s.execute(
                select(Department.id, Department.name, func.count(Person.id))
                .outerjoin(
                    Person, (Person.department_id == Department.id) & (Person.status == PersonStatus.active)
                )
                .where(Department.mine_id == mine_id)
                .group_by(Department.id, Department.name, Department.sort_order)
                .order_by(Department.sort_order, Department.id)
            ).all()
        self.departments.clear()
        for dept_id, name, count in rows:
            self.departments.addItem(self.tr("{name} ({count})").format(name=name, count=count), dept_id)
            self.departments.setItemData(self.departments.count() - 1, name, DEPARTMENT_NAME_ROLE)
        self.add_department_button.setEnabled(bool(rows))

    def _load(self, session_id: int) -> None:
        with self.ctx.db.session() as s:
            session = s.get(TrainingSession, session_id)
        if session is None:
            return
        self.name.setText(session.name)
        index = self.kind.findData(session.kind)
        if index < 0:
            self.kind.addItem(session.kind, session.kind)
            index = self.kind.count() - 1
        self.kind.setCurrentIndex(index)
        self.start.setMaximumDate(to_qdate(max(session.start_date, clock.today())))
        self.start.setDate(to_qdate(session.start_date))
        self.end.setDate(to_qdate(session.end_date))
        self.hours.setValue(session.hours)
        self.place.setText(session.place)
        self.organiser.setText(session.organiser)
        self.content.setPlainText(session.content)
        for widget in (self.name, self.kind, self.start, self.end, self.hours, self.place, self.organiser):
            widget.setEnabled(False)
        self.content.setReadOnly(True)
        self.model.set_rows(_attendees(self.ctx, session_id))
        self.picker.set_excluded(self.model.person_ids())

    # --- fields -----------------------------------------------------------------------------------------

    def _start_changed(self, value: QDate) -> None:
        start = from_qdate(value)
        # A one-day session stays one day when its date is corrected.
        if from_qdate(self.end.date()) == self._last_start:
            self.end.setDate(value)
        self._last_start = start

    def _kind_changed(self) -> None:
        hours = _default_hours(self.kind.currentData())
        if hours is not None and not self._hours_touched:
            self.hours.blockSignals(True)
            self.hours.setValue(hours)
            self.hours.blockSignals(False)

    def session_input(self) -> SessionInput:
        return SessionInput(
            name=self.name.text(),
            kind=self.kind.currentData(),
            start_date=from_qdate(self.start.date()),
            end_date=from_qdate(self.end.date()),
            hours=self.hours.value(),
            place=self.place.text(),
            organiser=self.organiser.text(),
            content=self.content.toPlainText(),
        )

    # --- attendees --------------------------------------------------------------------------------------

    def add_people(self, people: list[PersonEntry]) -> int:
        added = self.model.add(people)
        self.picker.set_excluded(self.model.person_ids())
        return added

    def add_department(self) -> None:
        dept_id = self.departments.currentData()
        if dept_id is None:
            return
        people = [p for p in self.picker.people() if p.department_id == dept_id and p.active]
        added = self.add_people(people)
        if not added:
            self.counts.setText(
                self.tr("Everyone of {name} is already on the list.").format(
                    name=self.departments.currentData(DEPARTMENT_NAME_ROLE)
                )
            )

    def add_person(self, person_id: int) -> None:
        entry = self.picker.entry(person_id)
        if entry is not None:
            self.add_people([entry])
            row = self.model.row_of(person_id)
            if row is not None:
                self.table.scrollTo(self.model.index(row, 0))
                self.table.selectRow(row)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedIndexes()})
        if not rows:
            return
        saved = [self.model.attendee(r).person.name for r in rows if self.model.attendee(r).saved]
        if saved:
            QMessageBox.information(
                self,
                self.tr("Not removed"),
                self.tr(
                    "{names}: already saved for this training, so kept in the record (留痕). "
                    "Correct the result instead."
                ).format(names="、".join(saved)),
            )
        self.model.remove_rows([r for r in rows if not self.model.attendee(r).saved])
        self.picker.set_excluded(self.model.person_ids())

    def _update_counts(self) -> None:
        rows = self.model.rows()
        passed = sum(1 for a in rows if a.passed is True)
        failed = sum(1 for a in rows if a.passed is False)
        self.counts.setText(
            self.tr("{total} attendees: {passed} passed, {failed} failed, {blank} not examined.").format(
                total=len(rows), passed=passed, failed=failed, blank=len(rows) - passed - failed
            )
        )

    # --- saving -----------------------------------------------------------------------------------------

    def _commit_editing(self) -> None:
        """A score still in its editor counts: close the editor so its value reaches the model."""
        editor = self.table.focusWidget() if self.table.state() == self.table.State.EditingState else None
        if editor is not None and editor is not self.table:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _write(self) -> bool:
        self._commit_editing()
        if self.session_id is None:
            if self.model.rowCount() == 0:
                answer = QMessageBox.question(
                    self,
                    self.tr("No attendees"),
                    self.tr(
                        "No attendee is listed, so this training goes into nobody's file. Save it anyway?"
                    ),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return False
            results = [a.result() for a in self.model.rows()]
            ok, new_id = self.ctx.write(self, create_session, self.ctx.mine_id, self.session_input(), results)
            if not ok or new_id is None:
                return False
            self.session_id = new_id
        else:
            changed = self.model.changed_rows()
            if changed:
                ok, _ = self.ctx.write(self, record_results, self.session_id, [a.result() for a in changed])
                if not ok:
                    return False
        self.model.mark_saved()
        return True

    def save(self) -> None:
        if self._write():
            self.accept()

    def print_sheet(self) -> None:
        if self.session_id is None or (self.model.changed_rows() and not self._write()):
            return
        preview_form(self, self.ctx, "training-session", session=self.session_id)


def open_session(parent: QWidget, ctx: AppContext, session_id: int) -> bool:
    """The opener for findings about a training session (TRAIN-ARCHIVE): its record, to add attendees."""
    with ctx.db.session() as s:
        session = s.get(TrainingSession, session_id)
    if session is None:
        return False
    if ctx.mine_id != session.mine_id:
        ctx.set_mine(session.mine_id)
    dialog = TrainingSessionDialog(ctx, session_id, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()  # its person picker would otherwise keep re-reading on every change


__all__ = [
    "Attendee",
    "AttendeeModel",
    "PrintPreviewDialog",
    "TrainingSessionDialog",
    "open_session",
    "preview_form",
]
