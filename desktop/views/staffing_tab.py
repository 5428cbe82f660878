"""关键岗位配备: the principal, the “五职” and the “五科” of the mine, each with its holder and the verdict.

Every cell comes from db.reports.staffing_report — the same lines, reasons and judgement as the printed
配备情况表 and the STAFF-* findings on 首页 — and is worded as that form words it. 任命 and 免职 go through
db.services.staffing (assign_post / end_post) by ctx.write.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from db import clock
from db.catalogs import Post, key_posts
from db.models import Mine, PostAssignment
from db.reports.common import mine_facts
from db.reports.staffing import StaffingLine, StaffingReport, profile_of, staffing_report
from db.rules import staffing as staffing_rules
from db.services.staffing import assign_post, end_post
from desktop.dialogs.form_preview import preview_form
from desktop.views.context import AppContext
from desktop.widgets.date_field import date_edit, from_qdate, to_qdate
from desktop.widgets.person_picker import PersonPicker

LINE_ROLE = Qt.ItemDataRole.UserRole + 1
BAD_COLOUR = "#b71c1c"
GOOD_COLOUR = "#2e7d32"
GROUP_TINTS = {"principal": "#eef3fb", "five_positions": "#f7f9fc", "five_specialties": "#ffffff"}


HEADERS = (
    QT_TRANSLATE_NOOP("StaffingTab", "Post"),
    QT_TRANSLATE_NOOP("StaffingTab", "Holder"),
    QT_TRANSLATE_NOOP("StaffingTab", "Education"),
    QT_TRANSLATE_NOOP("StaffingTab", "Major"),
    QT_TRANSLATE_NOOP("StaffingTab", "Core major"),
    QT_TRANSLATE_NOOP("StaffingTab", "Front-line years"),
    QT_TRANSLATE_NOOP("StaffingTab", "Since"),
    QT_TRANSLATE_NOOP("StaffingTab", "Safety competence certificate"),
    QT_TRANSLATE_NOOP("StaffingTab", "Special training this year"),
    QT_TRANSLATE_NOOP("StaffingTab", "Verdict"),
)
VERDICT_COLUMN = 9
TRAINING_COLUMN = 8


def _post(line: StaffingLine) -> str:
    # The printed form's module imports ReportLab (~0.2 s): loaded when a row is first worded, not at start.
    from desktop.printing import staffing

    return staffing._post(line)


def _cells(line: StaffingLine, report: StaffingReport) -> list[str]:
    """The row as the printed 配备情况表 words it (same functions), without its number column."""
    from desktop.printing.staffing import _competence, _special_training, _verdict, _years

    if line.person_id is None:
        return [_post(line), line.name or "—", "", "", "", "", "", "", "", _verdict(line)]
    core = "" if line.core_major is None else ("是" if line.core_major else "否")
    return [
        _post(line),
        line.name,
        line.education,
        line.major,
        core,
        _years(line),
        "" if line.since is None else f"{line.since:%Y-%m-%d}",
        _competence(line, report),
        _special_training(line, report),
        _verdict(line),
    ]


def _bad(line: StaffingLine) -> bool:
    return line.vacant or bool(line.reasons)


def _training_missed(line: StaffingLine) -> bool:
    return line.special_training_required and (
        line.special_training_missed_last_year or not line.special_training_this_year
    )


class StaffingTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: StaffingReport | None = None
        self._stale = True

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.assign_button = QPushButton(self.tr("Appoint…"))
        self.assign_button.clicked.connect(self.appoint)
        self.end_button = QPushButton(self.tr("Relieve of post…"))
        self.end_button.clicked.connect(self.relieve)
        self.print_button = QPushButton(self.tr("Print staffing table…"))
        self.print_button.clicked.connect(self.print_table)

        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([QCoreApplication.translate("StaffingTab", h) for h in HEADERS])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in enumerate((100, 64, 64, 90, 64, 90, 86, 110, 104)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(VERDICT_COLUMN, QHeaderView.ResizeMode.Stretch)
        # Wrapped rows are measured again once the columns have their real widths (debounced while dragging).
        self._measure = QTimer(self, singleShot=True, interval=60)
        self._measure.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._measure.start())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.appoint())
        hint = QLabel(
            self.tr(
                "The verdict follows the same rules as the problems on Home and the printed table. "
                "Double-click a post to appoint its holder."
            )
        )
        hint.setEnabled(False)
        hint.setWordWrap(True)

        buttons = QHBoxLayout()
        for button in (self.assign_button, self.end_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
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
        # Re-read now when seen, else on the next showing: a hidden tab costs nothing per write.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        mine_id = self.ctx.mine_id
        current = self.current_line()
        self.model.removeRows(0, self.model.rowCount())
        if mine_id is None or not self.ctx.ledger.is_open:
            self.report = None
            self.caption.setText(self.tr("No mine yet."))
            self._update_buttons()
            return
        report = staffing_report(self.ctx.db, mine_id, clock.today())
        self.report = report
        self.caption.setText(
            self.tr("{kind}, qualification standard: {profile}.").format(
                kind=report.mine_kind_label, profile=report.profile_label
            )
            + "\n"
            + "\n".join(report.requirements)
        )
        for line in report.lines:
            items = []
            for col, text in enumerate(_cells(line, report)):
                item = QStandardItem(text)
                item.setToolTip(text)
                item.setData(line, LINE_ROLE)
                item.setBackground(QBrush(QColor(GROUP_TINTS.get(line.group, "#ffffff"))))
                if col == VERDICT_COLUMN:
                    item.setForeground(QBrush(QColor(BAD_COLOUR if _bad(line) else GOOD_COLOUR)))
                if col == TRAINING_COLUMN and _training_missed(line):
                    item.setForeground(QBrush(QColor(BAD_COLOUR)))
                if col == 1 and line.vacant:
                    item.setForeground(QBrush(QColor(BAD_COLOUR)))
                if col == 0 and line.group != "five_specialties":
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                items.append(item)
            self.model.appendRow(items)
        self._measure.start()
        if current is not None:
            self.select(current.post_code, current.person_id)
        self._update_buttons()

    def lines(self) -> list[StaffingLine]:
        return [self.model.item(r, 0).data(LINE_ROLE) for r in range(self.model.rowCount())]

    def row_of(self, post_code: str, person_id: int | None = None) -> int | None:
        for row, line in enumerate(self.lines()):
            if line.post_code == post_code and (person_id is None or line.person_id == person_id):
                return row
        return None

    def select(self, post_code: str, person_id: int | None = None) -> None:
        row = self.row_of(post_code, person_id)
        if row is None:
            row = self.row_of(post_code)
        if row is not None:
            self.table.selectRow(row)

    def current_line(self) -> StaffingLine | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row(), 0).data(LINE_ROLE)

    def _update_buttons(self) -> None:
        has_mine = self.report is not None
        line = self.current_line()
        self.assign_button.setEnabled(has_mine)
        self.print_button.setEnabled(has_mine)
        self.end_button.setEnabled(has_mine and line is not None and line.person_id is not None)

    # --- actions ----------------------------------------------------------------------------------------

    def appoint(self) -> None:
        if self.report is None:
            return
        line = self.current_line()
        dialog = AppointDialog(self.ctx, self.report, line.post_code if line else None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.post_code:
            self.select(dialog.post_code, dialog.person_id)
        dialog.deleteLater()

    def relieve(self) -> None:
        line = self.current_line()
        if line is None or line.person_id is None or self.ctx.mine_id is None:
            return
        with self.ctx.db.session() as s:
            assignment_id = s.scalar(
                select(PostAssignment.id).where(
                    PostAssignment.mine_id == self.ctx.mine_id,
                    PostAssignment.post_code == line.post_code,
                    PostAssignment.person_id == line.person_id,
                    PostAssignment.end.is_(None),
                )
            )
        if assignment_id is None:
            return
        dialog = RelieveDialog(self.ctx, line, assignment_id, self)
        dialog.exec()
        dialog.deleteLater()

    def print_table(self) -> None:
        if self.report is not None:
            preview_form(self, self.ctx, "staffing")


class AppointDialog(QDialog):
    """任命: a person of the mine, a key post, from a date. The one holder of a 五职 post is replaced."""

    def __init__(
        self, ctx: AppContext, report: StaffingReport, post_code: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report = report
        self.person_id: int | None = None
        self.post_code: str | None = None
        self.setWindowTitle(self.tr("Appoint to a key post"))
        with ctx.db.session() as s:
            mine = s.get(Mine, ctx.mine_id)
            self.facts = mine_facts(s, ctx.mine_id) if mine is not None else None
        self.posts: list[Post] = key_posts(report.mine_kind)
        self.picker = PersonPicker(ctx)
        self.post = QComboBox()
        group_names = {
            "principal": "",
            "five_positions": "“五职”矿长 · ",
            "five_specialties": "“五科”专业技术人员 · ",
        }
        for post in self.posts:
            title = _post(StaffingLine(post.code, post.title, post.group, vacant=True))
            self.post.addItem(group_names.get(post.group, "") + title, post.code)
        if post_code is not None:
            self.post.setCurrentIndex(max(self.post.findData(post_code), 0))
        self.start = date_edit()
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.judgement = QLabel()
        self.judgement.setWordWrap(True)
        self.picker.person_chosen.connect(lambda _id: self._explain())
        self.picker.textChanged.connect(lambda _text: self._explain())
        self.post.currentIndexChanged.connect(lambda _i: self._explain())
        self.start.dateChanged.connect(lambda _d: self._explain())

        form = QFormLayout()
        form.addRow(self.tr("Person"), self.picker)
        form.addRow(self.tr("Post"), self.post)
        form.addRow(self.tr("Start date"), self.start)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.effect)
        layout.addWidget(self.judgement)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 300)
        self._explain()

    def selected_post(self) -> Post | None:
        code = self.post.currentData()
        return next((p for p in self.posts if p.code == code), None)

    def _explain(self) -> None:
        post = self.selected_post()
        if post is None:
            return
        holders = [
            line for line in self.report.lines if line.post_code == post.code and line.person_id is not None
        ]
        start = from_qdate(self.start.date())
        if post.group == "five_specialties":
            self.effect.setText(
                self.tr("A specialty may have several technicians: nobody is replaced.") if holders else ""
            )
        elif holders:
            names = "、".join(line.name for line in holders)
            day_before = date.fromordinal(start.toordinal() - 1)
            self.effect.setText(
                self.tr("{names} now holds this post; that term ends on {date}.").format(
                    names=names, date=f"{day_before:%Y-%m-%d}"
                )
            )
        else:
            self.effect.setText("")
        self.judgement.setText("")
        self.judgement.setStyleSheet("")
        person_id = self.picker.person_id()
        if self.facts is None or person_id is None or post.group == "principal":
            return
        person = self.facts.people.get(person_id)
        if person is None:
            return
        profile = profile_of(self.facts)
        if post.group == "five_positions":
            reasons = staffing_rules.position_shortfalls(person, profile, clock.today())
        else:
            reasons = staffing_rules.specialty_shortfalls(person, profile, clock.today())
        if reasons:
            self.judgement.setText(
                self.tr("Under the {profile}, {name} does not qualify: {reasons}.").format(
                    profile=self.report.profile_label, name=person.name, reasons="；".join(reasons)
                )
            )
            self.judgement.setStyleSheet(f"color: {BAD_COLOUR};")
        else:
            self.judgement.setText(
                self.tr("Under the {profile}, {name} qualifies.").format(
                    profile=self.report.profile_label, name=person.name
                )
            )
            self.judgement.setStyleSheet(f"color: {GOOD_COLOUR};")

    def save(self) -> None:
        person_id = self.picker.person_id()
        post = self.selected_post()
        if person_id is None or post is None:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr("Person: choose who is appointed."))
            self.picker.setFocus()
            return
        ok, _ = self.ctx.write(self, assign_post, person_id, post.code, from_qdate(self.start.date()))
        if ok:
            self.person_id, self.post_code = person_id, post.code
            self.accept()


class RelieveDialog(QDialog):
    """免职: the holding ends on a date; the history keeps it."""

    def __init__(
        self, ctx: AppContext, line: StaffingLine, assignment_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assignment_id = assignment_id
        self.setWindowTitle(self.tr("Relieve of post"))
        who = QLabel(self.tr("{name}, {post}").format(name=line.name, post=_post(line)))
        font = QFont(who.font())
        font.setBold(True)
        who.setFont(font)
        self.end = date_edit()
        if line.since is not None:
            self.end.setMinimumDate(to_qdate(line.since))
        self.note = QLineEdit(maxLength=200)
        self.note.setPlaceholderText(self.tr("Reason or document number"))
        form = QFormLayout()
        form.addRow(self.tr("Holder"), who)
        if line.since is not None:
            form.addRow(self.tr("Since"), QLabel(f"{line.since:%Y-%m-%d}"))
        form.addRow(self.tr("End date"), self.end)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, 200)

    def save(self) -> None:
        ok, _ = self.ctx.write(
            self, end_post, self.assignment_id, from_qdate(self.end.date()), self.note.text()
        )
        if ok:
            self.accept()


def make_tab(ctx: AppContext) -> QWidget:
    tab = StaffingTab(ctx)
    tab.setWindowTitle(tab_title())
    return tab


def tab_title() -> str:
    return QCoreApplication.translate("StaffingTab", "Key posts")
