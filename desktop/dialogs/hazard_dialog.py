"""登记隐患 / 隐患记录: one hazard through its life, in four tabs.

登记 — date found, who found it (a person of the mine, or an outside inspector and his unit), source, place,
category, description, grade; a major hazard names the clause of the national standard it matches (the
editions in force on the date found). Once registered these stay as written: a wrong entry is voided.
五落实 — responsible person, measures, funds, deadline, contingency plan; 挂牌督办; 双报告; 原因分析. For a major
hazard the tab says in red which of the five are missing.
整改与验收 — start, rectification done, acceptance by a named person (合格 closes it, 不合格 sends it back with the
reason), void with a reason. A closed hazard is locked.
历史 — every step (who, when, from, to, note) and every audit row.

Every write goes through ctx.write and a db.services.hazards door; a refusal is shown in Chinese, naming the
field, and nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db import clock
from db.catalogs import find_clause, hazard_catalog, hazard_categories, hazard_sources
from db.models import GRADE_LABELS, HAZARD_STATUS_LABELS, Hazard, HazardStatus, Mine
from db.services.hazards import (
    FiveFixes,
    HazardInput,
    accept_hazard,
    mine_grades,
    record_rectification,
    register_hazard,
    set_five_fixes,
    start_rectification,
    void_hazard,
)
from desktop.printing.catalog import FORMS
from desktop.views.context import AppContext
from desktop.views.hazard_data import HazardDetail, hazard_detail
from desktop.widgets.clause_picker import ClausePicker, edition_label
from desktop.widgets.date_field import DateField, date_edit, from_qdate, to_qdate
from desktop.widgets.person_picker import PersonPicker
from desktop.widgets.rows_table import RowsView

S = HazardStatus
RED = "#c62828"
MUTED = "#757575"
LATEST = QDate(2100, 12, 31)
TABS = ("register", "fixes", "rectify", "history")
OTHER_CATEGORY = "其他"

# Hazard columns as the history names them (person ids and bookkeeping columns are left out).
FIELD_LABELS = {
    "number": QT_TRANSLATE_NOOP("HazardDialog", "Number"),
    "found_on": QT_TRANSLATE_NOOP("HazardDialog", "Date found"),
    "found_by_name": QT_TRANSLATE_NOOP("HazardDialog", "Found by"),
    "found_by_unit": QT_TRANSLATE_NOOP("HazardDialog", "Inspector's unit"),
    "source": QT_TRANSLATE_NOOP("HazardDialog", "Source / check level"),
    "place": QT_TRANSLATE_NOOP("HazardDialog", "Place"),
    "category": QT_TRANSLATE_NOOP("HazardDialog", "Category"),
    "category_text": QT_TRANSLATE_NOOP("HazardDialog", "Category as written"),
    "description": QT_TRANSLATE_NOOP("HazardDialog", "Description"),
    "grade": QT_TRANSLATE_NOOP("HazardDialog", "Grade"),
    "grade_label": QT_TRANSLATE_NOOP("HazardDialog", "Mine's grade"),
    "standard_edition": QT_TRANSLATE_NOOP("HazardDialog", "Standard"),
    "clause_text": QT_TRANSLATE_NOOP("HazardDialog", "Standard clause"),
    "responsible_name": QT_TRANSLATE_NOOP("HazardDialog", "Responsible person"),
    "measures": QT_TRANSLATE_NOOP("HazardDialog", "Measures"),
    "funds": QT_TRANSLATE_NOOP("HazardDialog", "Funds (yuan)"),
    "deadline": QT_TRANSLATE_NOOP("HazardDialog", "Deadline"),
    "contingency_plan": QT_TRANSLATE_NOOP("HazardDialog", "Contingency plan"),
    "listed_by": QT_TRANSLATE_NOOP("HazardDialog", "Listed by"),
    "listed_on": QT_TRANSLATE_NOOP("HazardDialog", "Listed on"),
    "reported_on": QT_TRANSLATE_NOOP("HazardDialog", "Reported to the regulator"),
    "announced_on": QT_TRANSLATE_NOOP("HazardDialog", "Made known to the workers"),
    "status": QT_TRANSLATE_NOOP("HazardDialog", "Status"),
    "rectified_on": QT_TRANSLATE_NOOP("HazardDialog", "Rectified on"),
    "rectified_by": QT_TRANSLATE_NOOP("HazardDialog", "Rectified by"),
    "rectification": QT_TRANSLATE_NOOP("HazardDialog", "Rectification"),
    "accepted_by_name": QT_TRANSLATE_NOOP("HazardDialog", "Acceptor"),
    "accepted_on": QT_TRANSLATE_NOOP("HazardDialog", "Accepted on"),
    "acceptance_opinion": QT_TRANSLATE_NOOP("HazardDialog", "Opinion"),
    "closed_on": QT_TRANSLATE_NOOP("HazardDialog", "Closed on"),
    "cause_analysis": QT_TRANSLATE_NOOP("HazardDialog", "Cause analysis"),
    "void_reason": QT_TRANSLATE_NOOP("HazardDialog", "Reason for voiding"),
}
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("HazardDialog", "Registered"),
    "update": QT_TRANSLATE_NOOP("HazardDialog", "Changed"),
    "status": QT_TRANSLATE_NOOP("HazardDialog", "Status changed"),
    "void": QT_TRANSLATE_NOOP("HazardDialog", "Voided"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("HazardDialog", text)


def grade_choices(mine: Mine) -> list[tuple[str, str]]:
    """(label to pass, general|major): 一般, 重大, then the mine's own grades (or the catalogue's)."""
    grades = mine_grades(mine)
    extra = json.loads(mine.hazard_grades) if mine.hazard_grades else hazard_catalog()["default_extra_grades"]
    return [("一般", "general"), ("重大", "major")] + [(g["label"], grades[g["label"]]) for g in extra]


def five_fix_gaps(responsible: str, measures: str, funds: str, deadline: date | None, plan: str) -> list[str]:
    """Which of 责任、措施、资金、时限、预案 are missing (HAZ-FIVE-FIXES reads the saved record the same way)."""
    gaps = []
    if not responsible.strip():
        gaps.append("责任人")
    if not measures.strip():
        gaps.append("措施")
    if not funds.strip():
        gaps.append("资金")
    if deadline is None:
        gaps.append("时限")
    if not plan.strip():
        gaps.append("预案")
    return gaps


def plain_value(field: str, value: Any) -> str:
    """An audit value as a clerk reads it: labels for codes, （空） for nothing."""
    if value is None or value == "":
        return QCoreApplication.translate("HazardDialog", "(empty)")
    if field == "status":
        return HAZARD_STATUS_LABELS.get(value, str(value))
    if field == "grade":
        return GRADE_LABELS.get(value, str(value))
    if field == "source":
        return hazard_sources().get(value, str(value))
    if field == "funds" and isinstance(value, int | float):
        return f"{value:,.2f}"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def audit_lines(action: str, before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str]]:
    """One audit row as (field, old, new) lines, in the form's order: registration reads as one line."""
    if action == "create":
        number = after.get("number", "")
        return [
            (
                "",
                "",
                QCoreApplication.translate("HazardDialog", "Registered as {number}").format(number=number),
            )
        ]
    order = list(FIELD_LABELS)
    keys = sorted((k for k in set(before) | set(after) if k in FIELD_LABELS), key=order.index)
    return [(tr(FIELD_LABELS[k]), plain_value(k, before.get(k)), plain_value(k, after.get(k))) for k in keys]


def text_edit(lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


DATE_WIDTH = 200


def future_date_field() -> DateField:
    field = DateField()
    field.edit.setMaximumDate(LATEST)
    field.setMaximumWidth(DATE_WIDTH + 24)
    return field


def narrow(*widgets: QWidget) -> None:
    """Dates need no full row: a short field reads tidier in the form."""
    for widget in widgets:
        widget.setMaximumWidth(DATE_WIDTH + (24 if isinstance(widget, DateField) else 0))


class PersonOrName(PersonPicker):
    """A person of the mine picked as you type, or — when the text names nobody — the name as typed
    (someone from outside the roster)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, include_inactive=True)
        self.setPlaceholderText(self.tr("Pick a person of the mine, or type a name"))
        self.setToolTip(
            self.tr("Pick a person of the mine as you type; a name that is nobody's is kept as typed.")
        )

    def value(self) -> tuple[int | None, str]:
        entry = self.person()
        if entry is not None:
            return entry.id, entry.name
        return None, self.text().strip()

    def set_value(self, person_id: int | None, name: str) -> None:
        if person_id is not None:
            self.set_person_id(person_id)
            if self.person() is not None:
                return
        self.clear_person()
        self.blockSignals(True)
        self.setText(name)
        self.blockSignals(False)


class HazardDialog(QDialog):
    """A new hazard (`hazard_id=None`: only 登记 and 五落实 until it is registered), or an existing one."""

    def __init__(
        self,
        ctx: AppContext,
        hazard_id: int | None = None,
        parent: QWidget | None = None,
        *,
        tab: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hazard_id = hazard_id
        self.saved = False  # something was written while the dialog was open
        self.detail: HazardDetail | None = None
        with ctx.db.session() as s:
            mine = s.get(Mine, ctx.mine_id) if ctx.mine_id is not None else None
            if hazard_id is not None:
                hazard = s.get(Hazard, hazard_id)
                mine = s.get(Mine, hazard.mine_id) if hazard is not None else mine
            if mine is not None:
                s.expunge(mine)
        self.mine = mine
        self.mine_kind = mine.kind if mine is not None else "coal"
        self.grades = grade_choices(mine) if mine is not None else [("一般", "general"), ("重大", "major")]

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.banner.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.banner.setFont(font)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.register_page = self._build_register()
        self.fixes_page = self._build_fixes()
        self.rectify_page = self._build_rectify()
        self.history_page = self._build_history()
        self.tabs.addTab(self._scrolled(self.register_page), self.tr("Registration"))
        self.tabs.addTab(self._scrolled(self.fixes_page), self.tr("Five fixes"))
        self.tabs.addTab(self._scrolled(self.rectify_page), self.tr("Rectification and acceptance"))
        self.tabs.addTab(self.history_page, self.tr("History"))

        self.buttons = QDialogButtonBox()
        self.register_button = self.buttons.addButton(
            self.tr("Register"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.register_button.setDefault(False)
        self.register_button.setAutoDefault(False)
        self.print_button = self.buttons.addButton(
            self.tr("Print five-fixes and closing sheet…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.print_button, self.close_button, self.cancel_button):
            button.setAutoDefault(False)
        self.register_button.clicked.connect(self.register)
        self.print_button.clicked.connect(self.print_card)
        self.close_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(920, 720)
        self.reload()
        if tab is not None:
            self.show_tab(tab)

    # --- building -------------------------------------------------------------------------------------

    def _scrolled(self, page: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(page)
        return area

    def _build_register(self) -> QWidget:
        page = QWidget()
        self.register_stack = QStackedWidget()
        # --- editable (a new hazard) ---
        edit = QWidget()
        self.found_on = date_edit()
        narrow(self.found_on)
        self.found_on.dateChanged.connect(lambda _d: self._found_on_changed())
        self.by_person = QRadioButton(self.tr("A person of the mine"))
        self.by_outsider = QRadioButton(self.tr("An outside inspector"))
        self.by_person.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_person)
        group.addButton(self.by_outsider)
        self.found_by = PersonPicker(self.ctx, include_inactive=False)
        self.outsider_name = QLineEdit(maxLength=50)
        self.outsider_name.setPlaceholderText(self.tr("Inspector's name"))
        self.outsider_unit = QLineEdit(maxLength=100)
        self.outsider_unit.setPlaceholderText(self.tr("Unit, e.g. county emergency management bureau"))
        outsider = QWidget()
        outsider_row = QHBoxLayout(outsider)
        outsider_row.setContentsMargins(0, 0, 0, 0)
        outsider_row.addWidget(self.outsider_name, 1)
        outsider_row.addWidget(self.outsider_unit, 2)
        self.found_by_stack = QStackedWidget()
        self.found_by_stack.addWidget(self.found_by)
        self.found_by_stack.addWidget(outsider)
        self.found_by_stack.setFixedHeight(self.found_by.sizeHint().height())
        self.by_outsider.toggled.connect(lambda on: self.found_by_stack.setCurrentIndex(1 if on else 0))
        who = QHBoxLayout()
        who.addWidget(self.by_person)
        who.addWidget(self.by_outsider)
        who.addStretch(1)
        self.source = QComboBox()
        for code, title in hazard_sources().items():
            self.source.addItem(title, code)
        self.place = QLineEdit(maxLength=200)
        self.place.setPlaceholderText(self.tr("e.g. 1302 working face, return airway"))
        self.category = QComboBox()
        for category in hazard_categories():
            self.category.addItem(category, category)
        self.category_text = QLineEdit(maxLength=60)
        self.category_text.setPlaceholderText(self.tr("What kind, in your own words"))
        self.category.currentIndexChanged.connect(lambda _i: self._category_changed())
        category_row = QHBoxLayout()
        category_row.addWidget(self.category)
        category_row.addWidget(self.category_text, 1)
        self.description = text_edit(3)
        self.grade = QComboBox()
        for label, maps_to in self.grades:
            shown = label if label in ("一般", "重大") else f"{label}（{GRADE_LABELS[maps_to]}）"
            self.grade.addItem(shown, label)
        self.grade.currentIndexChanged.connect(lambda _i: self._grade_changed())
        self.clause_picker = ClausePicker()
        self.clause_picker.view.setMinimumHeight(170)
        self.clause_label = QLabel(self.tr("Standard clause"))

        form = QFormLayout(edit)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Date found"), self.found_on)
        form.addRow(self.tr("Found by"), who)
        form.addRow("", self.found_by_stack)
        form.addRow(self.tr("Source / check level"), self.source)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Category"), category_row)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Grade"), self.grade)
        form.addRow(self.clause_label, self.clause_picker)
        # --- read-only (registered) ---
        shown = QWidget()
        self.facts = QFormLayout(shown)
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fact_labels: dict[str, QLabel] = {}
        for key, title in (
            ("number", self.tr("Number")),
            ("found_on", self.tr("Date found")),
            ("found_by", self.tr("Found by")),
            ("source", self.tr("Source / check level")),
            ("place", self.tr("Place")),
            ("category", self.tr("Category")),
            ("description", self.tr("Description")),
            ("grade", self.tr("Grade")),
            ("clause", self.tr("Standard clause")),
            ("void_reason", self.tr("Reason for voiding")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fact_labels[key] = value
            self.facts.addRow(title, value)
        self.register_stack.addWidget(edit)
        self.register_stack.addWidget(shown)
        layout = QVBoxLayout(page)
        layout.addWidget(self.register_stack)
        layout.addStretch(1)
        self._category_changed()
        self._grade_changed()
        self._found_on_changed()
        return page

    def _build_fixes(self) -> QWidget:
        page = QWidget()
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.responsible = PersonOrName(self.ctx)
        self.measures = text_edit(3)
        self.funds = QLineEdit(maxLength=20)
        self.funds.setPlaceholderText(self.tr("Amount in yuan, e.g. 12000"))
        self.deadline = future_date_field()
        self.plan = text_edit(2)
        self.listed_by = QLineEdit(maxLength=100)
        self.listed_by.setPlaceholderText(self.tr("Authority that listed it for supervision"))
        self.listed_on = DateField()
        self.reported_on = DateField()
        self.announced_on = DateField()
        narrow(self.listed_on, self.reported_on, self.announced_on)
        self.cause = text_edit(2)
        self.cause.setPlaceholderText(self.tr("Why it arose, and the measure against its return"))
        self.fix_labels = {
            "责任人": QLabel(self.tr("Responsible person")),
            "措施": QLabel(self.tr("Measures")),
            "资金": QLabel(self.tr("Funds (yuan)")),
            "时限": QLabel(self.tr("Deadline")),
            "预案": QLabel(self.tr("Contingency plan")),
        }
        self.report_labels = {
            "报监管部门": QLabel(self.tr("Reported to the regulator")),
            "向职工公告": QLabel(self.tr("Made known to the workers")),
        }
        five = QGroupBox(self.tr("Five fixes"))
        form = QFormLayout(five)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.fix_labels["责任人"], self.responsible)
        form.addRow(self.fix_labels["措施"], self.measures)
        form.addRow(self.fix_labels["资金"], self.funds)
        form.addRow(self.fix_labels["时限"], self.deadline)
        form.addRow(self.fix_labels["预案"], self.plan)
        self.after_box = QWidget()
        after = QGridLayout(self.after_box)
        after.setContentsMargins(0, 0, 0, 0)
        listed = QGroupBox(self.tr("Listed supervision"))
        listed_form = QFormLayout(listed)
        listed_form.addRow(self.tr("Listed by"), self.listed_by)
        listed_form.addRow(self.tr("Listed on"), self.listed_on)
        double = QGroupBox(self.tr("Double report"))
        double_form = QFormLayout(double)
        double_form.addRow(self.report_labels["报监管部门"], self.reported_on)
        double_form.addRow(self.report_labels["向职工公告"], self.announced_on)
        after.addWidget(listed, 0, 0)
        after.addWidget(double, 0, 1)
        self.cause_box = QGroupBox(self.tr("Cause analysis"))
        cause_layout = QVBoxLayout(self.cause_box)
        cause_layout.addWidget(self.cause)
        after.addWidget(self.cause_box, 1, 0, 1, 2)
        self.after_note = QLabel(
            self.tr(
                "Listed supervision, the double report and the cause analysis are recorded after registration."
            )
        )
        self.after_note.setWordWrap(True)
        self.after_note.setEnabled(False)
        self.save_fixes_button = QPushButton(self.tr("Save five fixes"))
        self.save_fixes_button.setAutoDefault(False)
        self.save_fixes_button.clicked.connect(self.save_fixes)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_fixes_button)
        for signal in (
            self.responsible.textChanged,
            self.measures.textChanged,
            self.funds.textChanged,
            self.plan.textChanged,
            self.deadline.changed,
            self.reported_on.changed,
            self.announced_on.changed,
        ):
            signal.connect(lambda *_: self._show_gaps())
        layout = QVBoxLayout(page)
        layout.addWidget(self.gaps)
        layout.addWidget(five)
        layout.addWidget(self.after_note)
        layout.addWidget(self.after_box)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    def _build_rectify(self) -> QWidget:
        page = QWidget()
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.failed_note = QLabel()
        self.failed_note.setWordWrap(True)
        self.failed_note.setStyleSheet(f"color: {RED};")
        self.failed_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.rectify_box = QGroupBox(self.tr("Rectification"))
        self.start_button = QPushButton(self.tr("Start rectification"))
        self.start_button.setAutoDefault(False)
        self.start_button.clicked.connect(self.start)
        self.rectified_on = date_edit()
        narrow(self.rectified_on)
        self.rectified_by = PersonOrName(self.ctx)
        self.rectification = text_edit(3)
        self.rectification.setPlaceholderText(self.tr("What was done to remove the hazard"))
        self.rectified_button = QPushButton(self.tr("Record rectification done"))
        self.rectified_button.setAutoDefault(False)
        self.rectified_button.clicked.connect(self.record_rectified)
        form = QFormLayout(self.rectify_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        form.addRow("", start_row)
        form.addRow(self.tr("Rectified on"), self.rectified_on)
        form.addRow(self.tr("Rectified by"), self.rectified_by)
        form.addRow(self.tr("Rectification"), self.rectification)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.rectified_button)
        form.addRow("", done_row)

        self.accept_box = QGroupBox(self.tr("Acceptance"))
        self.acceptor = PersonOrName(self.ctx)
        self.accepted_on = date_edit()
        narrow(self.accepted_on)
        self.opinion = text_edit(2)
        self.opinion.setPlaceholderText(self.tr("Opinion; when it fails, the reason"))
        self.pass_button = QPushButton(self.tr("Passed: close the hazard"))
        self.fail_button = QPushButton(self.tr("Failed: back to rectification"))
        for button in (self.pass_button, self.fail_button):
            button.setAutoDefault(False)
        self.pass_button.clicked.connect(lambda: self.acceptance(True))
        self.fail_button.clicked.connect(lambda: self.acceptance(False))
        accept_form = QFormLayout(self.accept_box)
        accept_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        accept_form.addRow(self.tr("Acceptor"), self.acceptor)
        accept_form.addRow(self.tr("Accepted on"), self.accepted_on)
        accept_form.addRow(self.tr("Opinion"), self.opinion)
        verdict = QHBoxLayout()
        verdict.addStretch(1)
        verdict.addWidget(self.fail_button)
        verdict.addWidget(self.pass_button)
        accept_form.addRow("", verdict)

        self.void_box = QGroupBox(self.tr("Void a wrong entry"))
        self.void_reason = QLineEdit(maxLength=200)
        self.void_reason.setPlaceholderText(
            self.tr("Why this entry is wrong (it stays in the ledger, greyed)")
        )
        self.void_button = QPushButton(self.tr("Void"))
        self.void_button.setAutoDefault(False)
        self.void_button.clicked.connect(self.void)
        void_row = QHBoxLayout(self.void_box)
        void_row.addWidget(QLabel(self.tr("Reason for voiding")))
        void_row.addWidget(self.void_reason, 1)
        void_row.addWidget(self.void_button)

        layout = QVBoxLayout(page)
        layout.addWidget(self.status_line)
        layout.addWidget(self.failed_note)
        layout.addWidget(self.rectify_box)
        layout.addWidget(self.accept_box)
        layout.addWidget(self.void_box)
        layout.addStretch(1)
        return page

    def _build_history(self) -> QWidget:
        page = QWidget()
        self.events_view = RowsView(
            [self.tr("Time"), self.tr("Operator"), self.tr("From → to"), self.tr("Note")], (140, 90, 170)
        )
        self.audit_view = RowsView(
            [
                self.tr("Time"),
                self.tr("Operator"),
                self.tr("Action"),
                self.tr("Field"),
                self.tr("Before"),
                self.tr("After"),
            ],
            (140, 90, 80, 110, 200),
        )
        events = QGroupBox(self.tr("Steps"))
        QVBoxLayout(events).addWidget(self.events_view)
        audit = QGroupBox(self.tr("Audit trail (every change, field by field)"))
        QVBoxLayout(audit).addWidget(self.audit_view)
        layout = QVBoxLayout(page)
        layout.addWidget(events, 2)
        layout.addWidget(audit, 3)
        return page

    # --- state ----------------------------------------------------------------------------------------

    @property
    def hazard(self) -> Hazard | None:
        return self.detail.hazard if self.detail is not None else None

    def is_new(self) -> bool:
        return self.hazard_id is None

    def is_major(self) -> bool:
        if self.hazard is not None:
            return self.hazard.grade == "major"
        return dict(self.grades).get(self.grade.currentData(), "general") == "major"

    def show_tab(self, key: str) -> None:
        index = TABS.index(key) if key in TABS else 0
        if self.tabs.isTabEnabled(index):
            self.tabs.setCurrentIndex(index)

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def reload(self) -> None:
        """Read the hazard again (after a write) and show it everywhere."""
        if self.hazard_id is not None:
            self.detail = hazard_detail(self.ctx.db, self.hazard_id)
        new = self.is_new()
        h = self.hazard
        self.register_stack.setCurrentIndex(0 if new else 1)
        self.register_button.setVisible(new)
        self.cancel_button.setVisible(new)
        self.close_button.setVisible(not new)
        self.print_button.setVisible(not new and "hazard-card" in FORMS and self.is_major())
        for index in (2, 3):
            self.tabs.setTabEnabled(index, not new)
        self.after_box.setEnabled(not new)
        self.after_note.setVisible(new)
        self.save_fixes_button.setVisible(not new)
        if h is None:
            self.setWindowTitle(self.tr("Register a hazard"))
            self.banner.setText(self.tr("New hazard: the number is given when it is registered."))
            self.banner.setStyleSheet("")
            self._show_gaps()
            return
        self.setWindowTitle(self.tr("Hazard {number}").format(number=h.number))
        self._fill_facts(h)
        self._fill_fixes(h)
        self._fill_rectify(h)
        self._fill_history()
        self._show_banner(h)
        self._show_gaps()

    def _show_banner(self, h: Hazard) -> None:
        status = HAZARD_STATUS_LABELS.get(h.status, h.status)
        grade = GRADE_LABELS.get(h.grade, h.grade)
        text = self.tr("Hazard {number} · {grade} · {status}").format(
            number=h.number, grade=grade, status=status
        )
        style = ""
        if h.status == S.closed:
            text += " · " + self.tr("closed on {date}, locked").format(date=h.closed_on)
            style = "color: #2e7d32;"
        elif h.status == S.voided:
            text += " · " + self.tr("voided: {reason}").format(reason=h.void_reason)
            style = f"color: {MUTED};"
        elif h.deadline is not None and h.deadline < clock.today():
            text += " · " + self.tr("{days} days past the deadline").format(
                days=(clock.today() - h.deadline).days
            )
            style = f"color: {RED};"
        self.banner.setText(text)
        self.banner.setStyleSheet(style)

    def _fill_facts(self, h: Hazard) -> None:
        found_by = h.found_by_name + (f"（{h.found_by_unit}）" if h.found_by_unit else "")
        category = h.category + (f"（{h.category_text}）" if h.category_text else "")
        grade = GRADE_LABELS.get(h.grade, h.grade)
        if h.grade_label:
            grade = f"{h.grade_label}（{grade}）"
        clause = ""
        if h.grade == "major":
            found = find_clause(h.clause_key) if h.clause_key else None
            where = f" · {found.category}" if found else ""
            clause = f"{edition_label(h.standard_edition)}{where}\n{h.clause_text}".strip()
        values = {
            "number": h.number,
            "found_on": h.found_on.isoformat(),
            "found_by": found_by,
            "source": hazard_sources().get(h.source, h.source),
            "place": h.place,
            "category": category,
            "description": h.description,
            "grade": grade,
            "clause": clause or self.tr("(general hazard: no clause)"),
            "void_reason": h.void_reason,
        }
        for key, label in self.fact_labels.items():
            label.setText(values[key])
        row, _role = self.facts.getWidgetPosition(self.fact_labels["void_reason"])
        self.facts.setRowVisible(row, h.status == S.voided)

    def _fill_fixes(self, h: Hazard) -> None:
        self.responsible.set_value(h.responsible_person_id, h.responsible_name)
        self.measures.setPlainText(h.measures)
        self.funds.setText("" if h.funds is None else f"{h.funds:g}")
        self.deadline.set_value(h.deadline)
        self.plan.setPlainText(h.contingency_plan)
        self.listed_by.setText(h.listed_by)
        self.listed_on.set_value(h.listed_on)
        self.reported_on.set_value(h.reported_on)
        self.announced_on.set_value(h.announced_on)
        self.cause.setPlainText(h.cause_analysis)
        locked = h.status in (S.closed, S.voided)
        for widget in (
            self.responsible, self.measures, self.funds, self.deadline, self.plan, self.listed_by,
            self.listed_on, self.reported_on, self.announced_on,
        ):  # fmt: skip
            widget.setEnabled(not locked)
        # A repeat's cause analysis may still be added to a closed hazard; a voided one takes nothing.
        self.cause.setEnabled(h.status != S.voided)
        self.save_fixes_button.setEnabled(h.status != S.voided)
        self.save_fixes_button.setText(
            self.tr("Save cause analysis") if h.status == S.closed else self.tr("Save five fixes")
        )

    def _fill_rectify(self, h: Hazard) -> None:
        status = h.status
        self.status_line.setText(
            self.tr("Status: {status}").format(status=HAZARD_STATUS_LABELS.get(status, status))
            + (f"　{self.tr('Deadline')}：{h.deadline}" if h.deadline else "")
        )
        failed = self.detail.last_failed_acceptance if self.detail else None
        self.failed_note.setVisible(failed is not None)
        if failed is not None:
            self.failed_note.setText(
                self.tr("Acceptance failed on {date}: {note}").format(date=failed.at.date(), note=failed.note)
            )
        can_rectify = status in (S.registered, S.rectifying)
        self.start_button.setEnabled(status == S.registered)
        for widget in (self.rectified_on, self.rectified_by, self.rectification, self.rectified_button):
            widget.setEnabled(can_rectify)
        self.rectified_on.setMinimumDate(to_qdate(h.found_on))
        if can_rectify:
            # What the clerk is typing stays; the responsible person is the likely rectifier.
            if not self.rectified_by.text():
                self.rectified_by.set_value(h.responsible_person_id, h.responsible_name)
        else:
            if h.rectified_on is not None:
                self.rectified_on.setDate(to_qdate(h.rectified_on))
            self.rectification.setPlainText(h.rectification)
            self.rectified_by.set_value(None, h.rectified_by)
        awaiting = status == S.awaiting_acceptance
        for widget in (self.acceptor, self.accepted_on, self.opinion, self.pass_button, self.fail_button):
            widget.setEnabled(awaiting)
        if h.rectified_on is not None:
            self.accepted_on.setMinimumDate(to_qdate(h.rectified_on))
        if status == S.closed:
            self.acceptor.set_value(h.accepted_by_person_id, h.accepted_by_name)
            if h.accepted_on is not None:
                self.accepted_on.setDate(to_qdate(h.accepted_on))
            self.opinion.setPlainText(h.acceptance_opinion)
        self.void_box.setEnabled(status not in (S.closed, S.voided))
        if status == S.voided:
            self.void_reason.setText(h.void_reason)

    def _fill_history(self) -> None:
        detail = self.detail
        if detail is None:
            return
        labels = HAZARD_STATUS_LABELS
        events = [
            (
                f"{e.at:%Y-%m-%d %H:%M}",
                e.operator,
                f"{labels.get(e.from_status, e.from_status) or '—'} → {labels.get(e.to_status, e.to_status)}",
                e.note,
            )
            for e in detail.events
        ]
        self.events_view.rows.set_rows(events)
        audit: list[tuple[str, ...]] = []
        for a in detail.audit:
            when, action = f"{a.at:%Y-%m-%d %H:%M}", tr(ACTION_LABELS.get(a.action, a.action))
            for n, (field, old, new) in enumerate(audit_lines(a.action, a.before, a.after)):
                # who, when and what only on the first line of a change: the lines below belong to it
                audit.append(
                    (when, a.operator, action, field, old, new) if n == 0 else ("", "", "", field, old, new)
                )
        self.audit_view.rows.set_rows(audit)

    # --- live feedback --------------------------------------------------------------------------------

    def _found_on_changed(self) -> None:
        self.clause_picker.set_context(self.mine_kind, from_qdate(self.found_on.date()))

    def _category_changed(self) -> None:
        self.category_text.setVisible(self.category.currentData() == OTHER_CATEGORY)

    def _grade_changed(self) -> None:
        major = self.is_major()
        self.clause_picker.setVisible(major)
        self.clause_label.setVisible(major)
        if hasattr(self, "fix_labels"):  # the five fixes tab is built after this one
            self._show_gaps()

    def _show_gaps(self) -> None:
        """For a major hazard: which of the five fixes and the double report are missing, in red."""
        major = self.is_major()
        h = self.hazard
        deadline = self.deadline.value()
        gaps = five_fix_gaps(
            self.responsible.text(), self.measures.toPlainText(), self.funds.text(), deadline,
            self.plan.toPlainText(),
        )  # fmt: skip
        reports = [
            label
            for label, field in (("报监管部门", self.reported_on), ("向职工公告", self.announced_on))
            if field.value() is None
        ]
        if h is not None and h.status == S.voided:
            major = False
        for key, label in self.fix_labels.items():
            label.setStyleSheet(f"color: {RED};" if major and key in gaps else "")
        for key, label in self.report_labels.items():
            label.setStyleSheet(f"color: {RED};" if major and not self.is_new() and key in reports else "")
        if not major:
            self.gaps.setText(
                self.tr("General hazard: the five fixes are recorded as far as they are known.")
            )
            self.gaps.setStyleSheet(f"color: {MUTED};")
            return
        lines = []
        if gaps:
            lines.append(self.tr("Major hazard: the five fixes lack {items}.").format(items="、".join(gaps)))
        if reports and not self.is_new():
            lines.append(self.tr("Double report lacks the date {items}.").format(items="、".join(reports)))
        if lines:
            self.gaps.setText(" ".join(lines))
            self.gaps.setStyleSheet(f"color: {RED}; font-weight: bold;")
        else:
            self.gaps.setText(self.tr("Major hazard: the five fixes and the double report are complete."))
            self.gaps.setStyleSheet("color: #2e7d32;")

    def missing_fixes(self) -> list[str]:
        return [key for key, label in self.fix_labels.items() if RED in label.styleSheet()]

    # --- writes -----------------------------------------------------------------------------------------

    def _write(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        ok, result = self.ctx.write(self, service, *args, **kwargs)
        if ok:
            self.saved = True
        return ok, result

    def hazard_input(self) -> HazardInput:
        outsider = self.by_outsider.isChecked()
        responsible_id, responsible_name = self.responsible.value()
        return HazardInput(
            found_on=from_qdate(self.found_on.date()),
            source=self.source.currentData(),
            place=self.place.text(),
            category=self.category.currentData(),
            category_text=self.category_text.text() if self.category.currentData() == OTHER_CATEGORY else "",
            description=self.description.toPlainText(),
            grade=self.grade.currentData(),
            found_by_person_id=None if outsider else self.found_by.person_id(),
            found_by_name=self.outsider_name.text() if outsider else "",
            found_by_unit=self.outsider_unit.text() if outsider else "",
            clause_key=self.clause_picker.clause_key() if self.is_major() else "",
            responsible_person_id=responsible_id,
            responsible_name=responsible_name,
            measures=self.measures.toPlainText(),
            funds=self.funds.text(),
            deadline=self.deadline.value(),
            contingency_plan=self.plan.toPlainText(),
        )

    def register(self) -> None:
        if not self.is_new() or self.ctx.mine_id is None:
            return
        ok, new_id = self._write(register_hazard, self.ctx.mine_id, self.hazard_input())
        if not ok or new_id is None:
            return
        self.hazard_id = int(new_id)
        self.reload()
        # A major hazard goes on to its five fixes and double report; a general one is done.
        self.show_tab("fixes" if self.is_major() else "register")

    def five_fixes(self) -> FiveFixes:
        h = self.hazard
        if h is not None and h.status == S.closed:
            return FiveFixes(cause_analysis=self.cause.toPlainText())
        person_id, name = self.responsible.value()
        return FiveFixes(
            responsible_person_id=person_id,
            responsible_name=name,
            measures=self.measures.toPlainText(),
            funds=self.funds.text(),
            deadline=self.deadline.value(),
            contingency_plan=self.plan.toPlainText(),
            listed_by=self.listed_by.text(),
            listed_on=self.listed_on.value(),
            reported_on=self.reported_on.value(),
            announced_on=self.announced_on.value(),
            cause_analysis=self.cause.toPlainText(),
        )

    def save_fixes(self) -> None:
        if self.hazard_id is None:
            return
        if self._write(set_five_fixes, self.hazard_id, self.five_fixes())[0]:
            self.reload()

    def start(self) -> None:
        if self.hazard_id is not None and self._write(start_rectification, self.hazard_id)[0]:
            self.reload()

    def record_rectified(self) -> None:
        if self.hazard_id is None:
            return
        _pid, by = self.rectified_by.value()
        ok, _ = self._write(
            record_rectification,
            self.hazard_id,
            from_qdate(self.rectified_on.date()),
            self.rectification.toPlainText(),
            by,
        )
        if ok:
            self.reload()

    def acceptance(self, passed: bool) -> None:
        if self.hazard_id is None:
            return
        person_id, name = self.acceptor.value()
        ok, _ = self._write(
            accept_hazard,
            self.hazard_id,
            accepted_on=from_qdate(self.accepted_on.date()),
            opinion=self.opinion.toPlainText(),
            acceptor_person_id=person_id,
            acceptor_name=name,
            passed=passed,
        )
        if ok:
            if not passed:
                self.opinion.clear()
                self.rectification.clear()
            self.reload()

    def void(self) -> None:
        h = self.hazard
        if h is None:
            return
        reason = self.void_reason.text().strip()
        if reason:
            answer = QMessageBox.question(
                self,
                self.tr("Void the hazard"),
                self.tr("Void hazard {number}? It stays in the ledger, greyed, with this reason; its number is "
                        "not given again.").format(number=h.number),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self._write(void_hazard, h.id, reason)[0]:
            self.reload()

    def print_card(self) -> None:
        h = self.hazard
        if h is not None:
            from desktop.views.hazard_print import print_form

            print_form(self, self.ctx, "hazard-card", hazard=h.number, number=h.number)


def open_hazard(parent: QWidget, ctx: AppContext, hazard_id: int, tab: str | None = None) -> bool:
    """Show one hazard (on a tab); True when something was saved."""
    with ctx.db.session() as s:
        if s.get(Hazard, hazard_id) is None:
            QMessageBox.information(
                parent,
                QCoreApplication.translate("HazardDialog", "Not found"),
                QCoreApplication.translate("HazardDialog", "This hazard is not in the ledger any more."),
            )
            return False
    dialog = HazardDialog(ctx, hazard_id, parent, tab=tab)
    try:
        dialog.exec()
        return dialog.saved
    finally:
        dialog.deleteLater()
