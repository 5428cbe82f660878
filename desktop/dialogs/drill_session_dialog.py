"""新增自救器演练 / 演练结果: a whole team's results keyed from the paper sheet, in the sheet's order, without
the mouse.

The sheet is a column of rows under the session's details. The last row's person cell is a person picker:
type a name, ID number or 工号, Enter (or Tab) picks, the cursor moves to the seconds; type them, Enter
goes down — to the next row's seconds when a whole team was added at once, else to a new row's person
cell. “q” or “缺” in the seconds marks the row absent. Pass or fail shows as soon as the seconds are typed,
against the threshold in the session's details (exactly the threshold passes). The same person picked
twice stays one row: it is his retry, counted in 次数. Ctrl+S saves through db.services.drills; a leaver
or a worker who does not go underground is the service's warning, saved only when the clerk confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from db import clock
from db.catalogs import drill_kinds
from db.engine import Database
from db.errors import ValidationError
from db.models import DrillSession
from db.models.person import STATUS_LABELS
from db.services.drills import (
    DrillEntry,
    DrillSessionInput,
    DrillWarnings,
    parse_seconds,
    record_drill,
    record_results,
)
from desktop.views.context import AppContext
from desktop.views.drill_data import (
    PersonInfo,
    SessionSheet,
    StoredResult,
    catalogue_threshold,
    department_choices,
    department_people,
    load_session,
    people_info,
    shifts,
    unit_models,
)
from desktop.widgets.person_picker import PERSON_ID_ROLE, PersonPicker
from desktop.widgets.seconds_entry import SecondsEntry, is_absent_token, judge

T = TypeVar("T")

# Column widths of the sheet; the remark takes what is left. Header and rows share them.
NUMBER_W, PERSON_W, SECONDS_W, RESULT_W, ABSENT_W, ATTEMPTS_W, REMOVE_W = 34, 300, 84, 72, 48, 58, 26
PASS_COLOUR, FAIL_COLOUR, MUTED_COLOUR, WARN_COLOUR = "#2e7d32", "#c62828", "#757575", "#8d6e00"
MAX_ATTEMPTS = 9


class _NeedsConfirmation(Exception):
    """The service's warnings, carried past ctx.write (which only catches refusals) back to the dialog."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__("；".join(warnings))
        self.warnings = warnings


def _confirming(service: Callable[..., T]) -> Callable[..., T]:
    def call(*args: Any, **kwargs: Any) -> T:
        try:
            return service(*args, **kwargs)
        except DrillWarnings as found:  # nothing was written: the transaction rolled back
            raise _NeedsConfirmation(found.warnings) from None

    return call


def latest_session_defaults(db: Database, mine_id: int, kind: str) -> dict[str, str]:
    """Place, instructor, unit and shift of the mine's latest session of this kind: most sheets repeat them."""
    with db.session() as s:
        last = s.scalars(
            select(DrillSession)
            .where(DrillSession.mine_id == mine_id, DrillSession.kind == kind)
            .order_by(DrillSession.held_on.desc(), DrillSession.id.desc())
            .limit(1)
        ).first()
        if last is None:
            return {}
        return {
            "shift": last.shift,
            "place": last.place,
            "instructor": last.instructor,
            "unit_model": last.unit_model,
            "unit_serials": last.unit_serials,
        }


def _fixed(widget: QWidget, width: int) -> QWidget:
    widget.setFixedWidth(width)
    return widget


class _SheetPicker(PersonPicker):
    """The picker in the sheet's new row: Tab picks like Enter (the completer hands keys to event()), and
    Up leaves for the row above."""

    move_up = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            if event.key() == Qt.Key.Key_Tab and plain and self.text().strip() and self.person_id() is None:
                popup = self.completer.popup()
                index = popup.currentIndex() if popup.isVisible() else None
                if index is not None and index.isValid() and index.data(PERSON_ID_ROLE) is not None:
                    self.pick(int(index.data(PERSON_ID_ROLE)))
                else:
                    self.pick_typed()
                event.accept()
                return True  # a Tab that picked nobody stays here, with the matches shown
            if event.key() == Qt.Key.Key_Up and plain and not self.completer.popup().isVisible():
                self.move_up.emit()
                event.accept()
                return True
        return super().event(event)


class _TeamCombo(QComboBox):
    """Choosing a team in the open list adds it; the arrow keys (or the wheel) on the closed box only move
    the choice — QComboBox reports both as `activated` — and Enter then adds it."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._from_popup = False
        self.activated.connect(self._activated)

    def showPopup(self) -> None:
        self._from_popup = True
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._from_popup = False  # keys reach the box itself only while its list is closed
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._from_popup = False
        super().wheelEvent(event)

    def _activated(self, index: int) -> None:
        if self._from_popup:
            self._from_popup = False
            self.chosen.emit(index)


class ResultRow(QWidget):
    """One line of the sheet: the person, the seconds, the verdict, absent, attempts, remark."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(
        self,
        person: PersonInfo,
        threshold: Callable[[], float],
        stored: StoredResult | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.person = person
        self.stored = stored
        self._threshold = threshold
        self.number = QLabel()
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.who = QLabel()
        self.who.setTextFormat(Qt.TextFormat.RichText)
        self.seconds = SecondsEntry()
        self.seconds.setPlaceholderText(self.tr("s"))
        self.result = QLabel()
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.absent = QCheckBox()
        self.absent.setToolTip(self.tr("Absent (or type q / 缺 in the seconds)"))
        self.attempts = QSpinBox()
        self.attempts.setRange(1, MAX_ATTEMPTS)
        self.attempts.setToolTip(self.tr("Attempts in this session (a retry counts here)"))
        self.remark = QLineEdit()
        self.remark.setMaxLength(200)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove.setToolTip(self.tr("Remove this row (Ctrl+Delete)"))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 1, 0, 1)
        layout.setSpacing(6)
        layout.addWidget(_fixed(self.number, NUMBER_W))
        layout.addWidget(_fixed(self.who, PERSON_W))
        layout.addWidget(_fixed(self.seconds, SECONDS_W))
        layout.addWidget(_fixed(self.result, RESULT_W))
        absent_box = _fixed(QWidget(), ABSENT_W)
        absent_row = QHBoxLayout(absent_box)
        absent_row.setContentsMargins(0, 0, 0, 0)
        absent_row.addWidget(self.absent, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(absent_box)
        layout.addWidget(_fixed(self.attempts, ATTEMPTS_W))
        layout.addWidget(self.remark, 1)
        layout.addWidget(_fixed(self.remove, REMOVE_W))

        if stored is not None:
            self.absent.setChecked(stored.absent)
            self.seconds.setText("" if stored.seconds is None else f"{stored.seconds:.1f}")
            self.attempts.setRange(stored.attempts, MAX_ATTEMPTS)
            self.attempts.setValue(stored.attempts)
            self.remark.setText(stored.remark)
            self.remove.setEnabled(False)
            self.remove.setToolTip(self.tr("A saved result stays; correct it instead"))
        self.seconds.textChanged.connect(self._seconds_typed)
        self.absent.toggled.connect(self._absent_toggled)
        self.attempts.valueChanged.connect(lambda _v: self.changed.emit())
        self.remark.textChanged.connect(lambda _t: self.changed.emit())
        self._show_person()
        self.update_verdict()

    # --- what the row says ------------------------------------------------------------------------------

    def warning(self) -> str:
        """Why this person should not be on a drill sheet (left, moved, not underground), or ""."""
        if not self.person.active:
            return self.tr("has left ({status})").format(
                status=STATUS_LABELS.get(self.person.status, self.person.status)
            )
        if not self.person.underground:
            return self.tr("does not go underground")
        return ""

    def _show_person(self) -> None:
        p = self.person
        where = " · ".join(x for x in (p.department, p.post) if x)
        html = f"<b>{_esc(p.name)}</b>"
        if where:
            html += f" <span style='color:{MUTED_COLOUR}'>{_esc(where)}</span>"
        warning = self.warning()
        if warning:
            html += f" <span style='color:{WARN_COLOUR}'>⚠ {_esc(warning)}</span>"
        self.who.setText(html)
        tip = [p.name, p.id_number]
        if p.work_no:
            tip.append(self.tr("Work no. {number}").format(number=p.work_no))
        if where:
            tip.append(where)
        if warning:
            tip.append(warning)
        self.who.setToolTip("\n".join(tip))

    def set_number(self, n: int) -> None:
        self.number.setText(str(n))

    def verdict(self) -> Any:
        return judge(self.seconds.text(), self._threshold(), absent=self.absent.isChecked())

    def update_verdict(self) -> None:
        verdict = self.verdict()
        texts = {
            "passed": (self.tr("Pass"), PASS_COLOUR, False),
            "failed": (self.tr("Fail"), FAIL_COLOUR, True),
            "absent": (self.tr("Absent"), MUTED_COLOUR, False),
            "bad": (self.tr("Check"), FAIL_COLOUR, True),
            "empty": ("", MUTED_COLOUR, False),
        }
        text, colour, bold = texts[verdict.state]
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {colour};" + (" font-weight: bold;" if bold else ""))
        self.result.setToolTip(verdict.problem)
        self.seconds.set_bad(verdict.state == "bad")
        self.seconds.setToolTip(verdict.problem)
        self.seconds.setPlaceholderText(self.tr("absent") if verdict.state == "absent" else self.tr("s"))

    def mark_missing(self) -> None:
        """After a refused save: a row still without seconds (and not absent) is marked like a wrong one."""
        if self.verdict().state == "empty":
            self.seconds.set_bad(True)

    def _seconds_typed(self, text: str) -> None:
        if is_absent_token(text):
            # q / 缺: the row is absent; the field empties so the clerk sees the word “缺席” instead.
            self.seconds.blockSignals(True)
            self.seconds.clear()
            self.seconds.blockSignals(False)
            self.absent.setChecked(True)
        elif text.strip() and self.absent.isChecked():
            self.absent.blockSignals(True)
            self.absent.setChecked(False)
            self.absent.blockSignals(False)
        self.update_verdict()
        self.changed.emit()

    def _absent_toggled(self, absent: bool) -> None:
        if absent and self.seconds.text():
            self.seconds.blockSignals(True)
            self.seconds.clear()
            self.seconds.blockSignals(False)
        self.update_verdict()
        self.changed.emit()

    # --- what is saved ----------------------------------------------------------------------------------

    def entry(self) -> DrillEntry:
        absent = self.absent.isChecked()
        return DrillEntry(
            self.person.id, None if absent else self.seconds.value_text(), absent, self.remark.text()
        )

    def is_changed(self) -> bool:
        """A stored result corrected (or given another attempt); a new row always is."""
        stored = self.stored
        if stored is None:
            return True
        if self.attempts.value() > stored.attempts or self.remark.text().strip() != stored.remark:
            return True
        if self.absent.isChecked() != stored.absent:
            return True
        verdict = self.verdict()
        return verdict.state != "absent" and verdict.seconds != stored.seconds

    def attempts_to_send(self) -> int:
        """How many entries stand for this row: the service counts one attempt per entry of a person."""
        if self.stored is None:
            return self.attempts.value()
        return max(1, self.attempts.value() - self.stored.attempts)

    def key_widgets(self) -> tuple[QWidget, ...]:
        return (self.seconds, self.absent, self.attempts, self.remark)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DrillSessionDialog(QDialog):
    """A new drill session with its results, or (session_id given) the results of a saved one."""

    def __init__(
        self,
        ctx: AppContext,
        session_id: int | None = None,
        parent: QWidget | None = None,
        *,
        kind: str = "monthly",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mine_id = ctx.mine_id or 0
        self.session_id = session_id
        self.saved_id: int | None = None
        self.rows: list[ResultRow] = []
        self.sheet: SessionSheet | None = load_session(ctx.db, session_id) if session_id else None
        self.people = people_info(ctx.db, self.mine_id)
        self.setWindowTitle(self.tr("Self-rescuer drill") if session_id is None else self.tr("Drill results"))
        self.setSizeGripEnabled(True)

        self._build_details(kind)
        self._build_sheet()
        self._build_footer()

        layout = QVBoxLayout(self)
        layout.addWidget(self.details_box)
        layout.addLayout(self.team_row)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+D"), self, activated=self.focus_teams)
        QShortcut(QKeySequence("Ctrl+Del"), self, activated=self.remove_current_row)
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]

        if self.sheet is not None:
            self._load_sheet(self.sheet)
        self._renumber()
        self.resize(1060, 700)
        QTimer.singleShot(0, self._first_focus)

    # --- building ---------------------------------------------------------------------------------------

    def _build_details(self, kind: str) -> None:
        self.held_on = QDateEdit()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        today = clock.today()
        self.held_on.setMaximumDate(QDate(today.year, today.month, today.day))  # a future date is refused
        self.held_on.setDate(QDate(today.year, today.month, today.day))
        self.kind = QComboBox()
        for code, title in drill_kinds().items():
            self.kind.addItem(title, code)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.shift = QComboBox()
        self.shift.setEditable(True)
        self.shift.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.shift.addItems(["", *shifts()])
        self.place = QLineEdit(maxLength=100)
        self.instructor = QLineEdit(maxLength=50)
        self.unit_model = QComboBox()
        self.unit_model.setEditable(True)  # a model not in the catalogue is typed as it is
        self.unit_model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit_model.addItem("")
        for model, title, seconds in unit_models():
            self.unit_model.addItem(model, seconds)
            self.unit_model.setItemData(self.unit_model.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
        self.unit_model.lineEdit().setMaxLength(40)
        self.unit_serials = QLineEdit(maxLength=200)
        self.unit_serials.setPlaceholderText(self.tr("e.g. PX-01～PX-06"))
        self.threshold = QDoubleSpinBox()
        self.threshold.setDecimals(1)
        self.threshold.setRange(1.0, 120.0)
        self.threshold.setSingleStep(0.5)
        self.threshold.setSuffix(self.tr(" s"))
        self.threshold.setValue(catalogue_threshold())
        self.threshold.setToolTip(
            self.tr("Blind donning within this time passes; exactly this time passes too")
        )
        self.notes = QLineEdit(maxLength=500)

        if self.sheet is None:
            self._prefill(self.kind.currentData())
        self.unit_model.currentTextChanged.connect(self._unit_chosen)
        self.threshold.valueChanged.connect(lambda _v: self._threshold_changed())

        box = QFrame()
        box.setObjectName("details")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        fields = [
            (self.tr("Date"), self.held_on, 0, 0),
            (self.tr("Kind"), self.kind, 0, 2),
            (self.tr("Shift"), self.shift, 0, 4),
            (self.tr("Place"), self.place, 1, 0),
            (self.tr("Instructor / examiner"), self.instructor, 1, 2),
            (self.tr("Pass within"), self.threshold, 1, 4),
            (self.tr("Training unit model"), self.unit_model, 2, 0),
            (self.tr("Unit serial numbers"), self.unit_serials, 2, 2),
        ]
        for label, widget, row, col in fields:
            grid.addWidget(QLabel(label), row, col)
            grid.addWidget(widget, row, col + 1)
        grid.addWidget(QLabel(self.tr("Notes")), 3, 0)
        grid.addWidget(self.notes, 3, 1, 1, 5)
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)
        self.detail_widgets: tuple[QWidget, ...] = (
            self.held_on,
            self.kind,
            self.shift,
            self.place,
            self.instructor,
            self.unit_model,
            self.unit_serials,
            self.threshold,
            self.notes,
        )
        self.details_box = box

    def _prefill(self, kind: str) -> None:
        last = latest_session_defaults(self.ctx.db, self.mine_id, kind)
        self.shift.setCurrentText(last.get("shift", ""))
        self.place.setText(last.get("place", ""))
        self.instructor.setText(last.get("instructor", ""))
        self.unit_serials.setText(last.get("unit_serials", ""))
        self.unit_model.setCurrentText(last.get("unit_model", ""))
        self._unit_chosen(self.unit_model.currentText())

    def _build_sheet(self) -> None:
        self.team_combo = _TeamCombo()
        self.team_combo.setMinimumWidth(220)
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.team_combo.addItem(self.tr("— choose a department or team —"), None)
        for dept in department_choices(self.ctx.db, self.mine_id):
            if dept.count:
                self.team_combo.addItem(
                    self.tr("{name} ({count} underground)").format(name=dept.name, count=dept.count), dept.id
                )
        self.team_combo.installEventFilter(self)
        self.team_combo.chosen.connect(self._team_chosen)
        self.team_add = QPushButton(self.tr("Add the whole team"))
        self.team_add.setAutoDefault(False)
        self.team_add.clicked.connect(self._add_chosen_team)
        self.team_row = QHBoxLayout()
        self.team_row.addWidget(QLabel(self.tr("Add a whole department or team (Ctrl+D):")))
        self.team_row.addWidget(self.team_combo)
        self.team_row.addWidget(self.team_add)
        self.team_row.addStretch(1)

        self.header = QWidget()
        head = QHBoxLayout(self.header)
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(6)
        titles = [
            ("#", NUMBER_W),
            (self.tr("Person"), PERSON_W),
            (self.tr("Seconds"), SECONDS_W),
            (self.tr("Result"), RESULT_W),
            (self.tr("Absent"), ABSENT_W),
            (self.tr("Attempts"), ATTEMPTS_W),
            (self.tr("Remark"), 0),
            ("", REMOVE_W),
        ]
        for text, width in titles:
            label = QLabel(text)
            label.setStyleSheet("font-weight: bold;")
            if width:
                label.setFixedWidth(width)
                head.addWidget(label)
            else:
                head.addWidget(label, 1)
        self.header_pad = head

        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        self.entry_row = QWidget()
        entry = QHBoxLayout(self.entry_row)
        entry.setContentsMargins(0, 3, 0, 3)
        entry.setSpacing(6)
        self.entry_number = QLabel()
        self.entry_number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.picker = _SheetPicker(self.ctx, include_inactive=True, clear_after_pick=True)
        self.picker.setFixedWidth(PERSON_W)
        self.picker.person_chosen.connect(self.person_picked)
        self.picker.move_up.connect(lambda: self._focus_row(len(self.rows) - 1))
        entry_hint = QLabel(self.tr("← name, ID number or work number, then Enter"))
        entry_hint.setEnabled(False)
        entry.addWidget(_fixed(self.entry_number, NUMBER_W))
        entry.addWidget(self.picker)
        entry.addWidget(entry_hint, 1)
        self.rows_layout.addWidget(self.entry_row)
        self.rows_layout.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.rows_box)
        self.scroll.setMinimumHeight(240)
        # The header lines up with the rows: it stops where the scroll bar starts.
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        frame = self.scroll.frameWidth()
        head.setContentsMargins(frame, 0, bar + frame, 0)

    def _build_footer(self) -> None:
        self.hint = QLabel(
            self.tr(
                "Enter: next row · q or 缺 in the seconds: absent · a person picked again is his retry · "
                "Ctrl+D: a whole team · Ctrl+Delete: remove a row · Ctrl+S: save · Esc: close"
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)  # Enter moves down the sheet; only Ctrl+S saves
                button.setDefault(False)
        self.summary = QLabel()
        self.buttons.layout().insertWidget(0, self.summary)  # type: ignore[attr-defined]
        if self.sheet is not None:
            for widget in self.detail_widgets:
                widget.setEnabled(False)
            self.status.setText(
                self.tr(
                    "A saved session's details stay as they were entered; results can be added or "
                    "corrected (a correction counts as another attempt)."
                )
            )

    def _load_sheet(self, sheet: SessionSheet) -> None:
        self.held_on.setDate(QDate(sheet.held_on.year, sheet.held_on.month, sheet.held_on.day))
        self.kind.setCurrentIndex(max(self.kind.findData(sheet.kind), 0))
        self.shift.setCurrentText(sheet.shift)
        self.place.setText(sheet.place)
        self.instructor.setText(sheet.instructor)
        self.unit_model.blockSignals(True)
        self.unit_model.setCurrentText(sheet.unit_model)
        self.unit_model.blockSignals(False)
        self.unit_serials.setText(sheet.unit_serials)
        self.threshold.setValue(sheet.threshold_s)
        self.notes.setText(sheet.notes)
        for stored in sheet.results:
            person = self.people.get(stored.person_id)
            if person is not None:
                self._append(person, stored)

    def _first_focus(self) -> None:
        if self.sheet is not None or self.rows:
            self.picker.setFocus()
        else:
            self.held_on.setFocus()

    # --- the threshold ----------------------------------------------------------------------------------

    def threshold_value(self) -> float:
        return round(self.threshold.value(), 1)

    def _unit_chosen(self, text: str) -> None:
        index = self.unit_model.findText(text.strip(), Qt.MatchFlag.MatchFixedString)
        seconds = self.unit_model.itemData(index) if index > 0 else None
        if seconds is not None:
            self.threshold.setValue(float(seconds))

    def _threshold_changed(self) -> None:
        for row in self.rows:
            row.update_verdict()
        self._update_summary()

    # --- rows -------------------------------------------------------------------------------------------

    def row_of(self, person_id: int) -> ResultRow | None:
        return next((row for row in self.rows if row.person.id == person_id), None)

    def _append(self, person: PersonInfo, stored: StoredResult | None = None) -> ResultRow:
        row = ResultRow(person, self.threshold_value, stored)
        row.changed.connect(self._update_summary)
        row.remove_requested.connect(self.remove_row)
        for widget in row.key_widgets():
            widget.installEventFilter(self)
        self.rows_layout.insertWidget(len(self.rows), row)
        self.rows.append(row)
        return row

    def _renumber(self) -> None:
        # Tab goes across a row, then on to the next row: seconds → absent → attempts → remark.
        previous: QWidget | None = None
        for n, row in enumerate(self.rows, start=1):
            row.set_number(n)
            for widget in row.key_widgets():
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.picker)
        self.entry_number.setText(str(len(self.rows) + 1))
        self._update_summary()

    def person_picked(self, person_id: int) -> None:
        person = self.people.get(person_id)
        if person is None:
            return
        row = self.row_of(person_id)
        if row is not None and row.verdict().state == "empty" and row.is_changed():
            # Already on the sheet (a whole team was added) without a time yet: this is his first attempt.
            self.status.setText(
                self.tr("{name} is on row {row}: type his time there.").format(
                    name=person.name, row=self.rows.index(row) + 1
                )
            )
        elif row is not None:
            # The same person twice is one result: his second line on the paper is a retry.
            n = self.rows.index(row) + 1
            if row.attempts.value() < row.attempts.maximum():
                row.attempts.setValue(row.attempts.value() + 1)
            self.status.setText(
                self.tr(
                    "{name} is already on row {row}: one person has one result per session, so this "
                    "is his attempt {attempts} — type the time of this attempt there."
                ).format(name=person.name, row=n, attempts=row.attempts.value())
            )
        else:
            row = self._append(person)
            self._renumber()
            warning = row.warning()
            self.status.setText(
                self.tr("{name} {warning}: you will be asked to confirm when saving.").format(
                    name=person.name, warning=warning
                )
                if warning
                else ""
            )
        self._focus_row(self.rows.index(row))

    def add_department(self, department_id: int) -> int:
        """A team's active underground people fill the sheet in roster order; returns how many were new."""
        people = department_people(self.ctx.db, self.mine_id, department_id)
        added = [p for p in people if self.row_of(p.id) is None]
        first_new = len(self.rows)
        for person in added:
            self._append(person)
        self._renumber()
        already = len(people) - len(added)
        self.status.setText(
            self.tr("{added} people added in roster order; {already} were already on the sheet.").format(
                added=len(added), already=already
            )
            if already
            else self.tr("{added} people added in roster order: type their seconds down the column.").format(
                added=len(added)
            )
        )
        if added:
            self._focus_row(first_new)
        else:
            blank = next((r for r in self.rows if r.person in people and r.verdict().state == "empty"), None)
            if blank is not None:
                self._focus_row(self.rows.index(blank))
        return len(added)

    def _add_chosen_team(self) -> None:
        dept_id = self.team_combo.currentData()
        if dept_id is None:
            self.team_combo.setFocus()
            self.team_combo.showPopup()
            return
        self.add_department(int(dept_id))
        self.team_combo.setCurrentIndex(0)

    def _team_chosen(self, index: int) -> None:
        dept_id = self.team_combo.itemData(index)
        if dept_id is not None:
            self.add_department(int(dept_id))
            self.team_combo.setCurrentIndex(0)

    def focus_teams(self) -> None:
        self.team_combo.setFocus()
        self.team_combo.showPopup()

    def remove_row(self, row: ResultRow) -> None:
        if row.stored is not None or row not in self.rows:
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        row.hide()
        self.rows_layout.removeWidget(row)
        row.deleteLater()
        self._renumber()
        self.status.setText(self.tr("Row removed: {name}.").format(name=row.person.name))
        if index < len(self.rows):
            self._focus_row(index)
        else:
            self.picker.setFocus()

    def remove_current_row(self) -> None:
        row = self._row_containing(QApplication.focusWidget())
        if row is not None:
            self.remove_row(row)

    def _row_containing(self, widget: QObject | None) -> ResultRow | None:
        while widget is not None:
            if isinstance(widget, ResultRow):
                return widget if widget in self.rows else None
            widget = widget.parent()
        return None

    # --- keys -------------------------------------------------------------------------------------------

    def _focus_row(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            field = self.rows[index].seconds
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.selectAll()
            self.scroll.ensureWidgetVisible(self.rows[index])
        else:
            self.picker.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(self.entry_row)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.rows_box.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 0, 20)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.team_combo and enter:
            self._add_chosen_team()
            return True
        row = self._row_containing(watched)
        if row is None or event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return super().eventFilter(watched, event)
        index = self.rows.index(row)
        vertical = watched in (row.seconds, row.remark, row.absent)
        if enter or (vertical and key == Qt.Key.Key_Down):
            # Down the column: the next row's seconds, or after the last row a new row's person cell.
            self._focus_row(index + 1)
            return True
        if vertical and key == Qt.Key.Key_Up and index > 0:
            self._focus_row(index - 1)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = QApplication.focusWidget()
            if focus is not None and self.details_box.isAncestorOf(focus):
                # Enter in the session's details goes on to the next field, as on the paper form;
                # after the last one, into the sheet.
                if focus is self.notes:
                    self._focus_row(0)
                else:
                    self.focusNextChild()
            event.accept()
            return  # Enter never saves: only Ctrl+S or the Save button does
        super().keyPressEvent(event)

    # --- state ------------------------------------------------------------------------------------------

    def dirty_rows(self) -> list[ResultRow]:
        return [row for row in self.rows if row.is_changed()]

    def _update_summary(self) -> None:
        states = [row.verdict().state for row in self.rows]
        if not states:
            self.summary.setText("")
            return
        self.summary.setText(
            self.tr("{rows} rows: {passed} pass, {failed} fail, {absent} absent, {open} to fill").format(
                rows=len(states),
                passed=states.count("passed"),
                failed=states.count("failed"),
                absent=states.count("absent"),
                open=states.count("empty") + states.count("bad"),
            )
        )

    def session_input(self) -> DrillSessionInput:
        day = self.held_on.date()
        return DrillSessionInput(
            held_on=date(day.year(), day.month(), day.day()),
            kind=self.kind.currentData(),
            shift=self.shift.currentText(),
            place=self.place.text(),
            instructor=self.instructor.text(),
            unit_model=self.unit_model.currentText(),
            unit_serials=self.unit_serials.text(),
            threshold_s=self.threshold_value(),
            notes=self.notes.text(),
        )

    def entries(self) -> list[DrillEntry]:
        """The rows to save, in sheet order; a row with n attempts is n entries of that person (the service
        keeps the last and counts them). A saved session sends only the rows that are new or corrected."""
        out: list[DrillEntry] = []
        for row in self.rows:
            if row.is_changed():
                entry = row.entry()
                out += [entry] * row.attempts_to_send()
        return out

    def _check_rows(self) -> bool:
        """A saved session's changed rows, checked with the service's own words before sending, so the
        message names the row as the clerk sees it (the service numbers only what it was sent)."""
        for n, row in enumerate(self.rows, start=1):
            entry = row.entry()
            if not row.is_changed() or entry.absent:
                continue
            try:
                parse_seconds(entry.seconds, f"第{n}行（{row.person.name}）")
            except ValidationError as err:
                self._mark_rows()
                QMessageBox.warning(self, self.tr("Not saved"), str(err))
                self._focus_row(n - 1)
                return False
        return True

    def _mark_rows(self) -> None:
        for row in self.rows:
            row.mark_missing()

    # --- saving -----------------------------------------------------------------------------------------

    def save(self) -> None:
        entries = self.entries()
        if not entries:
            QMessageBox.information(
                self,
                self.tr("Nothing to save"),
                self.tr("Type at least one result: a person and the seconds, or mark him absent.")
                if self.session_id is None
                else self.tr("No result was added or corrected."),
            )
            self._focus_row(len(self.rows))
            return
        if self.session_id is not None and not self._check_rows():
            return
        accept = False
        while True:
            try:
                if self.session_id is None:
                    ok, result = self.ctx.write(
                        self,
                        _confirming(record_drill),
                        self.mine_id,
                        self.session_input(),
                        entries,
                        accept_warnings=accept,
                    )
                else:
                    ok, result = self.ctx.write(
                        self, _confirming(record_results), self.session_id, entries, accept_warnings=accept
                    )
            except _NeedsConfirmation as found:
                if accept or not self._confirm(found.warnings):
                    self.status.setText(self.tr("Not saved: the sheet is as you left it."))
                    return
                accept = True
                continue
            break
        if not ok:
            self._mark_rows()
            first_bad = next(
                (i for i, row in enumerate(self.rows) if row.verdict().state in ("bad", "empty")), None
            )
            if first_bad is not None:
                self._focus_row(first_bad)
            return
        self.saved_id = self.session_id if self.session_id is not None else int(result)  # type: ignore[arg-type]
        self.picker.clear_person()
        super().accept()

    def _confirm(self, warnings: list[str]) -> bool:
        text = self.tr(
            "These people should not be on a drill sheet:\n\n{list}\n\nSave their results anyway?"
        ).format(list="\n".join(f"• {w}" for w in warnings))
        answer = QMessageBox.question(
            self,
            self.tr("Check these people"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        dirty = self.dirty_rows()
        if dirty:
            answer = QMessageBox.question(
                self,
                self.tr("Close without saving?"),
                self.tr("{count} rows typed here are not saved. Close and lose them?").format(
                    count=len(dirty)
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.picker.clear_person()
        super().reject()


def edit_session(
    parent: QWidget, ctx: AppContext, session_id: int | None, *, kind: str = "monthly"
) -> int | None:
    """The session's sheet (or a new one) as a modal dialog; the session's id when something was saved."""
    dialog = DrillSessionDialog(ctx, session_id, parent, kind=kind)
    try:
        return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
