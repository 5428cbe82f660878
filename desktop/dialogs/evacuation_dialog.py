"""紧急撤离和逃生避险应急演练: one evacuation drill as the record an inspector reads — when, where, the scenario,
who organised it, who took part, how long it took, how it went, what went wrong, the measures, the
evaluation, and the day it was reported to the county regulator. Saved through db.services.drills.

A saved drill opens for correction: the clerk adds the report date later, or fixes a slip, and saves it
through update_evacuation_drill (audited as an update).
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db import clock
from db.models import EvacuationDrill
from db.services.drills import EvacuationInput, record_evacuation_drill, update_evacuation_drill
from desktop.views.context import AppContext

NAME_SPLIT = re.compile(r"[\s,，、;；]+")


def count_names(text: str) -> int:
    """Names listed with commas, 、, semicolons, spaces or one a line."""
    return len([n for n in NAME_SPLIT.split(text.strip()) if n])


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class EvacuationDialog(QDialog):
    def __init__(self, ctx: AppContext, drill_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mine_id = ctx.mine_id or 0
        self.drill_id = drill_id
        self.saved_id: int | None = None
        self._dirty = False
        self._auto_count = 0
        self.setWindowTitle(
            self.tr("Emergency evacuation drill") if drill_id is None else self.tr("Evacuation drill record")
        )
        self.setSizeGripEnabled(True)
        today = clock.today()

        self.held_on = QDateEdit()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.held_on.setMaximumDate(_qdate(today))  # a drill in the future cannot have been held
        self.held_on.setDate(_qdate(today))
        self.scenario = QLineEdit(maxLength=200)
        self.scenario.setPlaceholderText(self.tr("e.g. evacuation from a fire at the fully mechanised face"))
        self.place = QLineEdit(maxLength=100)
        self.organiser = QLineEdit(maxLength=50)
        self.participants = QSpinBox()
        self.participants.setRange(0, 100000)
        self.participants.setSuffix(self.tr(" people"))
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSpecialValueText(self.tr("not recorded"))
        self.duration.setSuffix(self.tr(" min"))
        self.names = self._text(self.tr("Optional: the names, separated by 、 or one a line"), 56)
        self.names.setMaximumHeight(72)
        self.names_count = QLabel()
        self.names_count.setEnabled(False)
        self.process = self._text(self.tr("How the drill went: alarm, routes, head count …"))
        self.problems = self._text(self.tr("What went wrong"))
        self.measures = self._text(self.tr("Measures against each problem"))
        self.evaluation = self._text(self.tr("Did the drill reach its aim?"))
        self.reported = QCheckBox(self.tr("Reported to the county regulator on"))
        self.reported_on = QDateEdit()
        self.reported_on.setCalendarPopup(True)
        self.reported_on.setDisplayFormat("yyyy-MM-dd")
        self.reported_on.setDate(_qdate(today))
        self.reported_on.setEnabled(False)
        self.reported.toggled.connect(self.reported_on.setEnabled)

        facts = QGridLayout()
        facts.setHorizontalSpacing(10)
        report_row = QHBoxLayout()
        report_row.addWidget(self.reported)
        report_row.addWidget(self.reported_on)
        report_row.addStretch(1)
        for label, field, row, col in (
            (self.tr("Date"), self.held_on, 0, 0),
            (self.tr("Participants"), self.participants, 0, 2),
            (self.tr("Place"), self.place, 2, 0),
            (self.tr("Duration"), self.duration, 2, 2),
            (self.tr("Organiser"), self.organiser, 3, 0),
        ):
            facts.addWidget(QLabel(label), row, col)
            facts.addWidget(field, row, col + 1)
        facts.addWidget(QLabel(self.tr("Scenario")), 1, 0)
        facts.addWidget(self.scenario, 1, 1, 1, 3)
        facts.addWidget(QLabel(self.tr("County report")), 3, 2)
        facts.addLayout(report_row, 3, 3)
        names_label = QLabel(self.tr("Participant names"))
        names_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        facts.addWidget(names_label, 4, 0)
        facts.addWidget(self.names, 4, 1, 1, 3)
        facts.addWidget(self.names_count, 5, 1, 1, 3)
        facts.setColumnStretch(1, 3)
        facts.setColumnStretch(3, 2)

        texts = QGridLayout()
        for n, (label, widget) in enumerate(
            (
                (self.tr("Process"), self.process),
                (self.tr("Problems found"), self.problems),
                (self.tr("Measures"), self.measures),
                (self.tr("Evaluation"), self.evaluation),
            )
        ):
            texts.addWidget(QLabel(label), (n // 2) * 2, n % 2)
            texts.addWidget(widget, (n // 2) * 2 + 1, n % 2)

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addLayout(texts, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        # Tab follows the record as it is read: the facts, the people, then the four texts.
        chain = (
            self.held_on,
            self.scenario,
            self.place,
            self.organiser,
            self.participants,
            self.duration,
            self.reported,
            self.reported_on,
            self.names,
            self.process,
            self.problems,
            self.measures,
            self.evaluation,
        )
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

        for line in (self.scenario, self.place, self.organiser):
            line.textEdited.connect(self._edited)
        for box in (self.process, self.problems, self.measures, self.evaluation):
            box.textChanged.connect(self._edited)
        self.names.textChanged.connect(self._names_changed)
        self.participants.valueChanged.connect(lambda _v: self._edited())
        self.reported.toggled.connect(lambda _on: self._edited())
        self.reported_on.dateChanged.connect(lambda _d: self._edited())

        if drill_id is not None:
            self._load(drill_id)
        else:
            self.note.setText(
                self.tr(
                    "At least one drill every half year (《生产安全事故应急条例》 第八条); record the day it was "
                    "reported to the county-level emergency management department."
                )
            )
        self.resize(900, 680)

    def _text(self, placeholder: str, height: int = 90) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)  # Tab goes on to the next field; nothing needs the mouse
        box.setMinimumHeight(height)
        return box

    def _edited(self) -> None:
        self._dirty = True

    def _names_changed(self) -> None:
        self._dirty = True
        n = count_names(self.names.toPlainText())
        self.names_count.setText(self.tr("{count} names listed").format(count=n) if n else "")
        # The count follows the names until the clerk types a count of his own.
        if self.participants.value() == self._auto_count:
            self.participants.setValue(n)
        self._auto_count = n

    def _load(self, drill_id: int) -> None:
        with self.ctx.db.session() as s:
            drill = s.get(EvacuationDrill, drill_id)
        if drill is None:
            return
        self.held_on.setDate(_qdate(drill.held_on))
        self.scenario.setText(drill.scenario)
        self.place.setText(drill.place)
        self.organiser.setText(drill.organiser)
        self.names.setPlainText(drill.participant_names)
        self.participants.setValue(drill.participants)
        self.duration.setValue(drill.duration_min or 0)
        self.process.setPlainText(drill.process)
        self.problems.setPlainText(drill.problems)
        self.measures.setPlainText(drill.measures)
        self.evaluation.setPlainText(drill.evaluation)
        self.reported.setChecked(drill.reported_on is not None)
        if drill.reported_on is not None:
            self.reported_on.setDate(_qdate(drill.reported_on))
        self.note.setText(
            self.tr("Corrections to a saved drill are kept in the audit trail.")
            if drill.reported_on is not None
            else self.tr(
                "Not yet reported to the county regulator: tick the box, enter the day it was reported and "
                "save."
            )
        )
        self._dirty = False

    def values(self) -> EvacuationInput:
        return EvacuationInput(
            held_on=_pydate(self.held_on.date()),
            scenario=self.scenario.text(),
            place=self.place.text(),
            organiser=self.organiser.text(),
            participants=self.participants.value(),
            participant_names=self.names.toPlainText(),
            duration_min=self.duration.value() or None,
            process=self.process.toPlainText(),
            problems=self.problems.toPlainText(),
            measures=self.measures.toPlainText(),
            evaluation=self.evaluation.toPlainText(),
            reported_on=_pydate(self.reported_on.date()) if self.reported.isChecked() else None,
        )

    def save(self) -> None:
        if self.drill_id is not None:
            ok, _ = self.ctx.write(self, update_evacuation_drill, self.drill_id, self.values())
            if ok:
                self.saved_id = self.drill_id
                self._dirty = False
                self.accept()  # a refused save keeps what the clerk typed
            return
        ok, new_id = self.ctx.write(self, record_evacuation_drill, self.mine_id, self.values())
        if ok:
            self.saved_id = new_id
            self._dirty = False
            self.accept()  # a refused save keeps what the clerk typed

    def reject(self) -> None:
        if self._dirty:
            answer = QMessageBox.question(
                self,
                self.tr("Close without saving?"),
                self.tr("What you typed for this drill is not saved. Close and lose it?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()


def open_evacuation(parent: QWidget, ctx: AppContext, drill_id: int | None) -> bool:
    """The opener for an evacuation drill (or a new one); True when a drill was saved."""
    return EvacuationDialog(ctx, drill_id, parent).exec() == QDialog.DialogCode.Accepted
