"""人员信息: one person's record and file — 基本信息, 关键岗位, 培训, 证书, 历史.

Every change goes through a db.services door via ctx.write: the record (add_person / update_person), key posts
(assign_post / end_post), front-line gaps (add_gap). The other tabs read; certificates are added in the 证书 area.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from db import clock
from db.catalogs import Post, key_posts, training_kinds
from db.engine import Database
from db.models import (
    CERTIFICATE_KIND_LABELS,
    STATUS_LABELS,
    AuditEntry,
    Certificate,
    Department,
    FrontLineGap,
    Mine,
    Person,
    PersonStatus,
    PersonStatusChange,
    PostAssignment,
    TrainingAttendance,
    TrainingSession,
)
from db.queries import departments
from db.services.people import PersonInput, add_gap, add_person, set_status, update_person
from db.services.staffing import assign_post, end_post
from desktop.views.context import AppContext
from desktop.widgets.date_field import date_edit, from_qdate, to_qdate
from desktop.widgets.person_form import PersonForm, field_name, same_input
from desktop.widgets.rows_table import MUTED, RowsView

GROUP_LABELS = {
    "principal": QT_TRANSLATE_NOOP("PersonDialog", "Principal"),
    "five_positions": QT_TRANSLATE_NOOP("PersonDialog", "Five positions"),
    "five_specialties": QT_TRANSLATE_NOOP("PersonDialog", "Five specialties"),
}
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("PersonDialog", "Registered"),
    "update": QT_TRANSLATE_NOOP("PersonDialog", "Changed"),
    "status": QT_TRANSLATE_NOOP("PersonDialog", "Status change"),
}
# Shown for a create in the trail: what identifies the record, not every empty column.
CREATE_FIELDS = ("name", "id_number", "department_id", "post", "employment_type", "underground", "hire_date")
HIDDEN_FIELDS = ("id", "mine_id", "created_at")


def _t(source: str) -> str:
    return QCoreApplication.translate("PersonDialog", source)


def group_label(group: str) -> str:
    source = GROUP_LABELS.get(group)
    return _t(source) if source else group


def post_label(post: Post) -> str:
    if post.group == "five_specialties":
        return QCoreApplication.translate("PersonDialog", "{title} technician").format(title=post.title)
    return post.title


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _hours(value: float) -> str:
    return f"{value:g}"


# --------------------------------------------------------------------------------------------- reading


@dataclass
class PersonRecord:
    person: Person
    department: str
    mine_kind: str


def read_person(db: Database, person_id: int) -> PersonRecord | None:
    with db.session() as s:
        row = s.execute(
            select(Person, Department.name, Mine.kind)
            .join(Mine, Mine.id == Person.mine_id)
            .outerjoin(Department, Department.id == Person.department_id)
            .where(Person.id == person_id)
        ).first()
        if row is None:
            return None
        person, dept, kind = row
        s.expunge(person)
        return PersonRecord(person, dept or "", kind)


def mine_posts(db: Database, mine_id: int) -> list[str]:
    """The posts already in use at the mine (for completion and the roster's post filter)."""
    with db.session() as s:
        return sorted(
            p
            for p in s.scalars(
                select(Person.post).where(Person.mine_id == mine_id, Person.post != "").distinct()
            )
        )


def describe_change(entry: AuditEntry, dept_names: dict[int, str]) -> str:
    """An audit row as the clerk reads it: “岗位：综采工 → 采煤机司机；入井：否 → 是”."""

    def shown(key: str, value: Any) -> str:
        if value is None or value == "":
            return QCoreApplication.translate("PersonDialog", "(empty)")
        if isinstance(value, bool):
            return (
                QCoreApplication.translate("PersonDialog", "Yes")
                if value
                else QCoreApplication.translate("PersonDialog", "No")
            )
        if key == "department_id":
            return dept_names.get(value, str(value))
        if key == "status":
            return STATUS_LABELS.get(value, str(value))
        return str(value)

    after = json.loads(entry.after) if entry.after else {}
    before = json.loads(entry.before) if entry.before else None
    if before is None:
        parts = [
            f"{field_name(k)}：{shown(k, after[k])}"
            for k in CREATE_FIELDS
            if k in after and after[k] not in (None, "", False)
        ]
        return "；".join(parts)
    keys = [k for k in after if k not in HIDDEN_FIELDS] or [k for k in before if k not in HIDDEN_FIELDS]
    return "；".join(
        f"{field_name(k)}：{shown(k, before.get(k))} → {shown(k, after.get(k))}" for k in keys
    ) or QCoreApplication.translate("PersonDialog", "(no field changed)")


# ------------------------------------------------------------------------------------------------ tabs


class PersonPostsTab(QWidget):
    """The person's key posts (主要负责人, “五职”, “五科”), current and past; assign one, end one."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("PersonPostsTab", "Post"),
        QT_TRANSLATE_NOOP("PersonPostsTab", "Group"),
        QT_TRANSLATE_NOOP("PersonPostsTab", "From"),
        QT_TRANSLATE_NOOP("PersonPostsTab", "Until"),
        QT_TRANSLATE_NOOP("PersonPostsTab", "Note"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: int | None = None
        self.person_name = ""
        self.mine_id: int | None = None
        self.posts: dict[str, Post] = {}
        self.current: set[int] = set()  # assignment ids still held

        self.table = RowsView([self.tr(c) for c in self.COLUMNS], (200, 150, 100, 100))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.post = QComboBox()
        self.post.setMinimumWidth(220)
        self.start = date_edit()
        self.assign_button = QPushButton(self.tr("Assign"))
        self.assign_button.clicked.connect(self.assign)
        assign_box = QGroupBox(self.tr("Assign a key post"))
        row = QHBoxLayout(assign_box)
        row.addWidget(QLabel(self.tr("Post")))
        row.addWidget(self.post, 1)
        row.addWidget(QLabel(self.tr("From")))
        row.addWidget(self.start)
        row.addWidget(self.assign_button)

        self.end = date_edit()
        self.end_note = QLineEdit(maxLength=200)
        self.end_note.setPlaceholderText(self.tr("e.g. transferred, resigned"))
        self.end_button = QPushButton(self.tr("End the selected post"))
        self.end_button.clicked.connect(self.end_selected)
        end_box = QGroupBox(self.tr("End a post"))
        row = QHBoxLayout(end_box)
        row.addWidget(QLabel(self.tr("Until")))
        row.addWidget(self.end)
        row.addWidget(QLabel(self.tr("Note")))
        row.addWidget(self.end_note, 1)
        row.addWidget(self.end_button)

        hint = QLabel(
            self.tr(
                "The principal and each of the five positions have one holder: assigning a new one ends the "
                "current holder's term the day before. A specialty may have several technicians."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(assign_box)
        layout.addWidget(end_box)
        layout.addWidget(hint)
        self._update_buttons()

    def load(self, record: PersonRecord) -> None:
        person = record.person
        self.person_id, self.person_name, self.mine_id = person.id, person.name, person.mine_id
        self.posts = {p.code: p for p in key_posts(record.mine_kind)}
        chosen = self.post.currentData()
        self.post.clear()
        group = None
        for post in self.posts.values():
            if group is not None and post.group != group:
                self.post.insertSeparator(self.post.count())
            group = post.group
            self.post.addItem(post_label(post), post.code)
        # A separator carries no data, so look for a chosen post only when there was one.
        self.post.setCurrentIndex(max(self.post.findData(chosen), 0) if chosen else 0)
        with self.ctx.db.session() as s:
            held = list(
                s.scalars(
                    select(PostAssignment)
                    .where(PostAssignment.person_id == person.id)
                    .order_by(PostAssignment.end.is_not(None), PostAssignment.start.desc())
                )
            )
        rows, keys, tone = [], [], {}
        self.current = set()
        for i, a in enumerate(held):
            post = self.posts.get(a.post_code)
            rows.append(
                (
                    post_label(post) if post else a.post_code,
                    group_label(post.group) if post else "",
                    _day(a.start),
                    _day(a.end) if a.end else self.tr("Holds it now"),
                    a.note,
                )
            )
            keys.append(a.id)
            if a.end is None:
                self.current.add(a.id)
            else:
                tone[i] = MUTED
        self.table.rows.set_rows(rows, keys, tone)
        self.assign_button.setEnabled(person.status == PersonStatus.active)
        self._update_buttons()

    def holdings(self) -> list[tuple[str, ...]]:
        """The rows as shown: post, group, from, until, note."""
        return [self.table.rows.row(r) for r in range(self.table.rows.rowCount())]

    def _update_buttons(self) -> None:
        self.end_button.setEnabled(self.table.current_key() in self.current)

    def _current_holder(self, code: str) -> tuple[str, date] | None:
        with self.ctx.db.session() as s:
            row = s.execute(
                select(Person.name, PostAssignment.start)
                .join(Person, Person.id == PostAssignment.person_id)
                .where(
                    PostAssignment.mine_id == self.mine_id,
                    PostAssignment.post_code == code,
                    PostAssignment.end.is_(None),
                    PostAssignment.person_id != self.person_id,
                )
            ).first()
        return (row[0], row[1]) if row else None

    def assign(self) -> None:
        code = self.post.currentData()
        if self.person_id is None or code is None:
            return
        post = self.posts[code]
        start = from_qdate(self.start.date())
        if post.group != "five_specialties":
            holder = self._current_holder(code)
            if holder is not None:
                answer = QMessageBox.question(
                    self,
                    self.tr("Replace the current holder?"),
                    self.tr(
                        "{post} is held by {holder} since {since}. Assigning {name} ends {holder}'s term on "
                        "the day before {start}. Continue?"
                    ).format(
                        post=post_label(post),
                        holder=holder[0],
                        since=holder[1].isoformat(),
                        name=self.person_name,
                        start=start.isoformat(),
                    ),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
        self.ctx.write(self, assign_post, self.person_id, code, start)

    def end_selected(self) -> None:
        key = self.table.current_key()
        if key not in self.current:
            return
        self.ctx.write(self, end_post, key, from_qdate(self.end.date()), self.end_note.text())


class PersonTrainingsTab(QWidget):
    COLUMNS = (
        QT_TRANSLATE_NOOP("PersonTrainingsTab", "Date"),
        QT_TRANSLATE_NOOP("PersonTrainingsTab", "Kind"),
        QT_TRANSLATE_NOOP("PersonTrainingsTab", "Training"),
        QT_TRANSLATE_NOOP("PersonTrainingsTab", "Hours"),
        QT_TRANSLATE_NOOP("PersonTrainingsTab", "Score"),
        QT_TRANSLATE_NOOP("PersonTrainingsTab", "Result"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.totals = QLabel()
        font = QFont(self.totals.font())
        font.setBold(True)
        self.totals.setFont(font)
        self.table = RowsView([self.tr(c) for c in self.COLUMNS], (170, 120, 260, 60, 60))
        hint = QLabel(self.tr("Training sessions and who attended them are entered under Training records."))
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.this_year = 0.0
        self.last_year = 0.0

    def load(self, person_id: int) -> None:
        kinds = training_kinds()
        with self.ctx.db.session() as s:
            rows = s.execute(
                select(TrainingSession, TrainingAttendance.score, TrainingAttendance.passed)
                .join(TrainingAttendance, TrainingAttendance.session_id == TrainingSession.id)
                .where(TrainingAttendance.person_id == person_id)
                .order_by(TrainingSession.start_date.desc(), TrainingSession.id.desc())
            ).all()
        year = clock.today().year
        self.this_year = sum(t.hours for t, _s, _p in rows if t.start_date.year == year)
        self.last_year = sum(t.hours for t, _s, _p in rows if t.start_date.year == year - 1)
        shown, tone = [], {}
        for i, (t, score, passed) in enumerate(rows):
            when = (
                _day(t.start_date)
                if t.end_date == t.start_date
                else f"{_day(t.start_date)} ~ {_day(t.end_date)}"
            )
            result = (
                self.tr("Not examined")
                if passed is None
                else self.tr("Passed")
                if passed
                else self.tr("Failed")
            )
            if passed is False:
                tone[i] = QColor("#b71c1c")
            shown.append(
                (
                    when,
                    kinds.get(t.kind, t.kind),
                    t.name,
                    _hours(t.hours),
                    "" if score is None else f"{score:g}",
                    result,
                )
            )
        self.table.rows.set_rows(shown, tone=tone)
        self.totals.setText(
            self.tr("Hours this year ({year}): {this}    Last year ({last_year}): {last}").format(
                year=year, this=_hours(self.this_year), last_year=year - 1, last=_hours(self.last_year)
            )
        )


class PersonCertificatesTab(QWidget):
    COLUMNS = (
        QT_TRANSLATE_NOOP("PersonCertificatesTab", "Certificate"),
        QT_TRANSLATE_NOOP("PersonCertificatesTab", "Operation"),
        QT_TRANSLATE_NOOP("PersonCertificatesTab", "Number"),
        QT_TRANSLATE_NOOP("PersonCertificatesTab", "Issued"),
        QT_TRANSLATE_NOOP("PersonCertificatesTab", "Valid until"),
        QT_TRANSLATE_NOOP("PersonCertificatesTab", "Next review"),
        QT_TRANSLATE_NOOP("PersonCertificatesTab", "Issuer"),
        QT_TRANSLATE_NOOP("PersonCertificatesTab", "State"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 0; }")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for col, width in enumerate((170, 120, 130, 84, 84, 84, 120)):
            self.tree.setColumnWidth(col, width)
        self.tree.header().setStretchLastSection(True)
        hint = QLabel(
            self.tr(
                "A renewal or review is a new certificate linked to the one before: expand a certificate to "
                "see the ones it replaced. Certificates are added and renewed under Certificates."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)

    def load(self, person_id: int) -> None:
        with self.ctx.db.session() as s:
            certs = list(
                s.scalars(
                    select(Certificate)
                    .where(Certificate.person_id == person_id)
                    .order_by(Certificate.kind, Certificate.issued_on.desc(), Certificate.id.desc())
                )
            )
        by_id = {c.id: c for c in certs}
        replaced = {c.previous_id for c in certs if c.previous_id is not None}
        heads = [c for c in certs if c.id not in replaced]  # the newest row of each chain
        self.tree.clear()
        today = clock.today()
        for head in heads:
            item = self._item(head, today, current=not head.superseded)
            self.tree.addTopLevelItem(item)
            previous = by_id.get(head.previous_id) if head.previous_id else None
            while previous is not None:
                item.addChild(self._item(previous, today, current=False))
                previous = by_id.get(previous.previous_id) if previous.previous_id else None
        self.tree.expandAll()

    def _item(self, c: Certificate, today: date, *, current: bool) -> QTreeWidgetItem:
        if not current:
            state = self.tr("Replaced")
        elif c.valid_until < today:
            state = self.tr("Expired")
        else:
            state = self.tr("Current")
        item = QTreeWidgetItem(
            [
                CERTIFICATE_KIND_LABELS.get(c.kind, c.kind),
                c.operation_type,
                c.number,
                _day(c.issued_on),
                _day(c.valid_until),
                _day(c.next_review),
                c.issuer,
                state,
            ]
        )
        if not current:
            item.setToolTip(7, self.tr("Replaced by a later renewal or review"))
            for col in range(item.columnCount()):
                item.setForeground(col, QBrush(MUTED))
        elif c.valid_until < today:
            item.setForeground(7, QBrush(QColor("#b71c1c")))
        return item


class PersonHistoryTab(QWidget):
    """Status changes, front-line gaps (with 添加中断), and every change to the record (留痕)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: int | None = None
        self.status_table = RowsView([self.tr("Effective"), self.tr("Status"), self.tr("Note")], (100, 80))
        self.gap_table = RowsView(
            [self.tr("From"), self.tr("To"), self.tr("Days"), self.tr("Note")], (100, 100, 60)
        )
        self.audit_table = RowsView(
            [self.tr("Time"), self.tr("Operator"), self.tr("Action"), self.tr("Changes")], (150, 90, 90)
        )
        # A person's trail is short: wrap each change in full and let the rows take the height they need.
        self.audit_table.setWordWrap(True)
        self.audit_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.audit_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.gap_start = date_edit()
        self.gap_end = date_edit()
        self.gap_note = QLineEdit(maxLength=200)
        self.gap_note.setPlaceholderText(self.tr("e.g. worked above ground, studied"))
        self.add_gap_button = QPushButton(self.tr("Add gap"))
        self.add_gap_button.clicked.connect(self.add_gap)
        gap_row = QHBoxLayout()
        gap_row.addWidget(QLabel(self.tr("From")))
        gap_row.addWidget(self.gap_start)
        gap_row.addWidget(QLabel(self.tr("To")))
        gap_row.addWidget(self.gap_end)
        gap_row.addWidget(self.gap_note, 1)
        gap_row.addWidget(self.add_gap_button)

        status_box = QGroupBox(self.tr("Status history"))
        QVBoxLayout(status_box).addWidget(self.status_table)
        gap_box = QGroupBox(self.tr("Gaps in front-line work (subtracted from the front-line years)"))
        gap_layout = QVBoxLayout(gap_box)
        gap_layout.addWidget(self.gap_table)
        gap_layout.addLayout(gap_row)
        audit_box = QGroupBox(self.tr("Changes to this record (who, when, old → new)"))
        QVBoxLayout(audit_box).addWidget(self.audit_table)

        top = QHBoxLayout()
        top.addWidget(status_box, 2)
        top.addWidget(gap_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 2)
        layout.addWidget(audit_box, 3)

    def load(self, person: Person) -> None:
        self.person_id = person.id
        with self.ctx.db.session() as s:
            changes = list(
                s.scalars(
                    select(PersonStatusChange)
                    .where(PersonStatusChange.person_id == person.id)
                    .order_by(PersonStatusChange.effective.desc(), PersonStatusChange.id.desc())
                )
            )
            gaps = list(
                s.scalars(
                    select(FrontLineGap)
                    .where(FrontLineGap.person_id == person.id)
                    .order_by(FrontLineGap.start.desc())
                )
            )
            trail = list(
                s.scalars(
                    select(AuditEntry)
                    .where(AuditEntry.entity == "person", AuditEntry.entity_id == person.id)
                    .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                )
            )
        dept_names = {d.id: d.name for d in departments(self.ctx.db, person.mine_id)}
        self.status_table.rows.set_rows(
            [(_day(c.effective), STATUS_LABELS.get(c.status, c.status), c.note) for c in changes]
        )
        self.gap_table.rows.set_rows(
            [(_day(g.start), _day(g.end), (g.end - g.start).days + 1, g.note) for g in gaps]
        )
        self.audit_table.rows.set_rows(
            [
                (
                    e.at.strftime("%Y-%m-%d %H:%M"),
                    e.operator_name,
                    _t(ACTION_LABELS[e.action]) if e.action in ACTION_LABELS else e.action,
                    describe_change(e, dept_names),
                )
                for e in trail
            ]
        )
        if person.work_start is not None:
            self.gap_start.setMinimumDate(to_qdate(person.work_start))
            self.gap_end.setMinimumDate(to_qdate(person.work_start))

    def add_gap(self) -> None:
        if self.person_id is None:
            return
        start, end = from_qdate(self.gap_start.date()), from_qdate(self.gap_end.date())
        ok, _ = self.ctx.write(self, add_gap, self.person_id, start, end, self.gap_note.text())
        if ok:
            self.gap_note.clear()


# ---------------------------------------------------------------------------------------------- dialog


class PersonDialog(QDialog):
    """新增人员 (person_id None) or 人员信息. Save writes the 基本信息 and closes; Apply writes and stays (a new
    person's other tabs open then). Key posts and gaps are written at once by their own buttons."""

    def __init__(
        self,
        ctx: AppContext,
        person_id: int | None = None,
        parent: QWidget | None = None,
        *,
        mine_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.mine_id = mine_id if mine_id is not None else ctx.mine_id
        self.saved = False  # anything written from this dialog (the opener tells 首页 to re-check)
        self.original: PersonInput | None = None

        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setStyleSheet("color: #505050;")

        self.form = PersonForm()
        self.posts_tab = PersonPostsTab(ctx)
        self.trainings_tab = PersonTrainingsTab(ctx)
        self.certificates_tab = PersonCertificatesTab(ctx)
        self.history_tab = PersonHistoryTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, self.tr("Basic information"))
        self.tabs.addTab(self.posts_tab, self.tr("Key posts"))
        self.tabs.addTab(self.trainings_tab, self.tr("Training"))
        self.tabs.addTab(self.certificates_tab, self.tr("Certificates"))
        self.tabs.addTab(self.history_tab, self.tr("History"))

        note = QLabel(self.tr("Every change is recorded with the operator's name and the time."))
        note.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(940, 640)

        if self.mine_id is not None:
            self.form.set_choices(departments(ctx.db, self.mine_id), mine_posts(ctx.db, self.mine_id))
        if person_id is not None:
            self.load()
        else:
            self._show_new()
        ctx.data_changed.connect(self._records_changed)
        self._listening = True

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    @property
    def apply_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Apply)

    def _show_new(self) -> None:
        self.setWindowTitle(self.tr("Add a person"))
        self.heading.setText(self.tr("Add a person"))
        self.subheading.setText(
            self.tr("Key posts, training, certificates and history open once the person is saved.")
        )
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, False)

    def load(self) -> None:
        """Read the record and every tab (after opening, and after the record is first saved)."""
        assert self.person_id is not None
        record = read_person(self.ctx.db, self.person_id)
        if record is None:
            return
        person = record.person
        self.mine_id = person.mine_id
        self.form.set_choices(
            departments(self.ctx.db, person.mine_id), mine_posts(self.ctx.db, person.mine_id)
        )
        self.form.set_person(person)
        self.original = self.form.values()
        for index in range(self.tabs.count()):
            self.tabs.setTabEnabled(index, True)
        self._load_records(record)

    def _load_records(self, record: PersonRecord) -> None:
        person = record.person
        self.setWindowTitle(self.tr("Person — {name}").format(name=person.name))
        self.heading.setText(person.name)
        status = STATUS_LABELS.get(person.status, person.status)
        parts = [status, record.department, person.post, person.id_number]
        self.subheading.setText("　·　".join(p for p in parts if p))
        self.posts_tab.load(record)
        self.trainings_tab.load(person.id)
        self.certificates_tab.load(person.id)
        self.history_tab.load(person)

    def _records_changed(self) -> None:
        # Another write (a key post, a gap, this dialog's own save): re-read the tabs, keep what is typed.
        if self.person_id is None:
            return
        record = read_person(self.ctx.db, self.person_id)
        if record is not None:
            self.saved = True
            self._load_records(record)

    def _write(self) -> bool:
        values = self.form.values()
        if self.person_id is None:
            if self.mine_id is None:
                QMessageBox.warning(self, self.tr("Not saved"), self.tr("Add a mine first."))
                return False
            ok, new_id = self.ctx.write(self, add_person, self.mine_id, values)
            if ok:
                self.person_id = new_id
                self.saved = True
            return ok
        if self.original is not None and same_input(self.original, values):
            return True  # nothing changed: no empty audit row
        ok, _ = self.ctx.write(self, update_person, self.person_id, values)
        if ok:
            self.saved = True
            self.original = values
        return ok

    def save(self) -> None:
        if self._write():
            self.accept()  # a refused save keeps the dialog open with what the clerk typed

    def apply(self) -> None:
        was_new = self.person_id is None
        if self._write() and was_new:
            self.load()

    def done(self, result: int) -> None:
        if self._listening:
            self._listening = False
            self.ctx.data_changed.disconnect(self._records_changed)
        super().done(result)


class PersonStatusDialog(QDialog):
    """状态变更: 在岗 / 调离 / 离职, dated, with a note; the history keeps every change."""

    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        record = read_person(ctx.db, person_id)
        current = record.person.status if record else PersonStatus.active
        name = record.person.name if record else ""
        self.setWindowTitle(self.tr("Change status — {name}").format(name=name))
        self.status = QComboBox()
        for code, label in STATUS_LABELS.items():
            if code != current:
                self.status.addItem(label, code)
        self.effective = date_edit()
        self.note = QLineEdit(maxLength=200)
        self.note.setPlaceholderText(self.tr("e.g. transferred to the group's second mine"))
        info = QLabel(
            self.tr(
                "{name} is now “{status}”. The person stays in the records; only the status changes."
            ).format(name=name, status=STATUS_LABELS.get(current, current))
        )
        info.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("New status"), self.status)
        form.addRow(self.tr("Effective date"), self.effective)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def save(self) -> None:
        ok, _ = self.ctx.write(
            self,
            set_status,
            self.person_id,
            self.status.currentData(),
            from_qdate(self.effective.date()),
            self.note.text(),
        )
        if ok:
            self.accept()


def open_person_dialog(parent: QWidget, ctx: AppContext, person_id: int) -> bool:
    """The opener for findings about a person (registered under the entity name “person”)."""
    if read_person(ctx.db, person_id) is None:  # the finding is older than the record it names
        QMessageBox.information(
            parent,
            QCoreApplication.translate("PersonDialog", "Not found"),
            QCoreApplication.translate("PersonDialog", "This person is no longer in the records."),
        )
        return False
    dialog = PersonDialog(ctx, person_id, parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return accepted or dialog.saved
    finally:
        dialog.deleteLater()
