"""A person's record (基本信息): every PersonInput field, with the ID number's birth date and sex read live.

The labels use the names the records layer's refusals use (姓名, 身份证号, 文化程度 …), so a refusal points at a
field the clerk can see. Domain values (初中, 劳务派遣, 中级) stay as stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from db import clock
from db.catalogs import core_majors
from db.idnumber import IdNumberError, parse
from db.models import Department, Person
from db.services.people import EDUCATION_LEVELS, EMPLOYMENT_TYPES, TITLES, PersonInput
from desktop.widgets.date_field import DateField

NEEDS_CONTRACTOR = ("劳务派遣", "外包")

# Field names as the clerk reads them: the form's labels and the audit trail's "field: old → new".
FIELD_NAMES: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("PersonForm", "Name"),
    "id_number": QT_TRANSLATE_NOOP("PersonForm", "ID number"),
    "sex": QT_TRANSLATE_NOOP("PersonForm", "Sex"),
    "birth_date": QT_TRANSLATE_NOOP("PersonForm", "Date of birth"),
    "phone": QT_TRANSLATE_NOOP("PersonForm", "Phone"),
    "work_no": QT_TRANSLATE_NOOP("PersonForm", "Employee no."),
    "education": QT_TRANSLATE_NOOP("PersonForm", "Education"),
    "major": QT_TRANSLATE_NOOP("PersonForm", "Major"),
    "core_major": QT_TRANSLATE_NOOP("PersonForm", "Core mining major"),
    "school": QT_TRANSLATE_NOOP("PersonForm", "School"),
    "title": QT_TRANSLATE_NOOP("PersonForm", "Professional title"),
    "department_id": QT_TRANSLATE_NOOP("PersonForm", "Department"),
    "post": QT_TRANSLATE_NOOP("PersonForm", "Post"),
    "employment_type": QT_TRANSLATE_NOOP("PersonForm", "Employment type"),
    "contractor": QT_TRANSLATE_NOOP("PersonForm", "Agency / contractor"),
    "underground": QT_TRANSLATE_NOOP("PersonForm", "Goes underground"),
    "work_start": QT_TRANSLATE_NOOP("PersonForm", "Start of work"),
    "hire_date": QT_TRANSLATE_NOOP("PersonForm", "Hire date"),
    "note": QT_TRANSLATE_NOOP("PersonForm", "Note"),
    "status": QT_TRANSLATE_NOOP("PersonForm", "Status"),
    "created_at": QT_TRANSLATE_NOOP("PersonForm", "Registered at"),
    "mine_id": QT_TRANSLATE_NOOP("PersonForm", "Mine"),
}


def field_name(key: str) -> str:
    source = FIELD_NAMES.get(key)
    return QCoreApplication.translate("PersonForm", source) if source else key


class PersonForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(maxLength=50)
        self.id_number = QLineEdit(maxLength=30)  # room for the spaces a clerk may type; they are folded
        self.id_number.setPlaceholderText(self.tr("18 characters; full-width digits and spaces are fine"))
        self.id_info = QLabel()
        self.id_info.setWordWrap(True)
        self.phone = QLineEdit(maxLength=30)
        self.work_no = QLineEdit(maxLength=30)
        self.education = QComboBox()
        self.education.addItem(self.tr("(not recorded)"), "")
        for level in EDUCATION_LEVELS:
            self.education.addItem(level, level)
        self.major = QLineEdit(maxLength=60)
        self.core_major = QCheckBox(self.tr("Yes, a mining-core major"))
        self.core_major.setToolTip(
            self.tr("Mining-core majors: {majors}").format(majors="、".join(core_majors()))
        )
        self.school = QLineEdit(maxLength=100)
        self.title = QComboBox()
        for title in TITLES:
            self.title.addItem(title or self.tr("(none)"), title)
        self.department = QComboBox()
        self.post = QLineEdit(maxLength=60)
        self.employment_type = QComboBox()
        for kind in EMPLOYMENT_TYPES:
            self.employment_type.addItem(kind, kind)
        self.contractor = QLineEdit(maxLength=100)
        self.contractor.setPlaceholderText(self.tr("The labour agency or contractor"))
        self.underground = QCheckBox(self.tr("Yes, goes down the mine"))
        self.work_start = DateField()
        self.work_start.setToolTip(
            self.tr("Start of front-line work; front-line years count from it, minus the recorded gaps.")
        )
        self.hire_date = DateField()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().height() * 3 + 12)

        self.id_number.textChanged.connect(self._show_id_info)
        self.employment_type.currentIndexChanged.connect(self._employment_changed)

        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        left.addRow(self._label("name"), self.name)
        left.addRow(self._label("id_number"), self.id_number)
        left.addRow("", self.id_info)
        left.addRow(self._label("phone"), self.phone)
        left.addRow(self._label("work_no"), self.work_no)
        left.addRow(self._label("department_id"), self.department)
        left.addRow(self._label("post"), self.post)
        left.addRow(self._label("employment_type"), self.employment_type)
        left.addRow(self._label("contractor"), self.contractor)
        left.addRow(self._label("underground"), self.underground)
        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        right.addRow(self._label("education"), self.education)
        right.addRow(self._label("major"), self.major)
        right.addRow(self._label("core_major"), self.core_major)
        right.addRow(self._label("school"), self.school)
        right.addRow(self._label("title"), self.title)
        right.addRow(self._label("work_start"), self.work_start)
        right.addRow(self._label("hire_date"), self.hire_date)
        bottom = QFormLayout()
        note_label = self._label("note")
        # The note sits under the left column: give its label the left labels' width so the boxes line up.
        widest = max(
            left.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().sizeHint().width()
            for row in range(left.rowCount())
            if left.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
        )
        note_label.setMinimumWidth(widest)
        bottom.addRow(note_label, self.note)

        for form in (left, right, bottom):
            form.setHorizontalSpacing(10)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(24)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addLayout(bottom, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        self.name.setMinimumWidth(220)
        self._show_id_info()
        self._employment_changed()

    def _label(self, key: str) -> QLabel:
        return QLabel(field_name(key))

    # --- choices ----------------------------------------------------------------------------------------

    def set_choices(self, departments: Sequence[Department], posts: Sequence[str]) -> None:
        """The mine's departments for the drop-down and the posts already in use for completion."""
        current = self.department.currentData()
        self.department.clear()
        self.department.addItem(self.tr("(no department)"), None)
        for dept in departments:
            self.department.addItem(dept.name, dept.id)
        self.department.setCurrentIndex(max(self.department.findData(current), 0))
        completer = QCompleter(sorted(p for p in posts if p), self.post)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.post.setCompleter(completer)

    # --- live feedback ----------------------------------------------------------------------------------

    def id_problem(self) -> str | None:
        """Why the ID number as typed cannot be right (Chinese, from the records layer), or None."""
        if not self.id_number.text().strip():
            return None
        try:
            parse(self.id_number.text(), today=clock.today())
        except IdNumberError as err:
            return str(err)
        return None

    def _show_id_info(self) -> None:
        text = self.id_number.text()
        if not text.strip():
            self.id_info.setText(self.tr("Date of birth and sex are read from the ID number."))
            self.id_info.setStyleSheet("color: #707070;")
            return
        try:
            info = parse(text, today=clock.today())
        except IdNumberError as err:
            self.id_info.setText(str(err))
            self.id_info.setStyleSheet("color: #b71c1c;")
            return
        self.id_info.setText(
            self.tr("Born {birth}, {sex}").format(birth=info.birth_date.isoformat(), sex=info.sex)
        )
        self.id_info.setStyleSheet("color: #2e7d32;")

    def _employment_changed(self) -> None:
        needs = self.employment_type.currentData() in NEEDS_CONTRACTOR
        self.contractor.setEnabled(needs)

    # --- values -----------------------------------------------------------------------------------------

    def values(self) -> PersonInput:
        needs = self.employment_type.currentData() in NEEDS_CONTRACTOR
        return PersonInput(
            name=self.name.text(),
            id_number=self.id_number.text(),
            education=self.education.currentData() or "",
            major=self.major.text(),
            core_major=self.core_major.isChecked(),
            school=self.school.text(),
            title=self.title.currentData() or "",
            department_id=self.department.currentData(),
            post=self.post.text(),
            employment_type=self.employment_type.currentData(),
            contractor=self.contractor.text() if needs else "",
            underground=self.underground.isChecked(),
            work_start=self.work_start.value(),
            hire_date=self.hire_date.value(),
            work_no=self.work_no.text(),
            phone=self.phone.text(),
            note=self.note.toPlainText(),
        )

    def set_person(self, person: Person) -> None:
        self.name.setText(person.name)
        self.id_number.setText(person.id_number)
        self.phone.setText(person.phone)
        self.work_no.setText(person.work_no)
        self._choose(self.education, person.education, add=True)
        self.major.setText(person.major)
        self.core_major.setChecked(person.core_major)
        self.school.setText(person.school)
        self._choose(self.title, person.title, add=True)
        self._choose(self.department, person.department_id)
        self.post.setText(person.post)
        self._choose(self.employment_type, person.employment_type, add=True)
        self.contractor.setText(person.contractor)
        self.underground.setChecked(person.underground)
        self.work_start.set_value(person.work_start)
        self.hire_date.set_value(person.hire_date)
        self.note.setPlainText(person.note)

    @staticmethod
    def _choose(combo: QComboBox, value: object, *, add: bool = False) -> None:
        index = combo.findData(value)
        if index < 0 and add and value:
            combo.addItem(str(value), value)  # a stored value the list no longer offers stays visible
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))


def same_input(a: PersonInput, b: PersonInput) -> bool:
    """Whether two inputs would write the same record (text compared trimmed, the ID compared folded)."""
    from db.idnumber import normalise

    for f in fields(PersonInput):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name == "id_number":
            x, y = normalise(x), normalise(y)
        elif isinstance(x, str) and isinstance(y, str):
            x, y = x.strip(), y.strip()
        if x != y:
            return False
    return True
