"""月度覆盖: for a month, each underground worker's drill status, counted by department, and the three lists
the office acts on — who has not been drilled (未培训), who may not go underground because his latest drill
failed (不得入井, red: fail closed), and who failed two months running (连续两月不合格).

The month is worked out on the worker thread (it reads the whole mine's drill history) and shown when it
comes back; a newer request makes an older answer stale.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from itertools import count

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from db import clock
from db.catalogs import drill_kinds
from db.models.person import STATUS_LABELS
from desktop.views.context import AppContext
from desktop.views.drill_data import (
    CoverageLine,
    DepartmentCoverage,
    MonthSummary,
    month_summary,
    person_drills,
)
from desktop.views.drill_tables import (
    AMBER,
    GREEN,
    GREY,
    RED,
    RED_TINT,
    RIGHT,
    Column,
    RowsView,
    percent,
    seconds_text,
)
from desktop.workers import TaskControl

MONTHS_BACK = 24


def months_back(today: date, n: int = MONTHS_BACK) -> list[tuple[int, int]]:
    out, (year, month) = [], (today.year, today.month)
    for _ in range(n):
        out.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out


def _rate_colour(rate: float | None) -> tuple[str, str | None] | None:
    if rate is None:
        return None
    return (GREEN, None) if rate >= 1 else (AMBER if rate >= 0.9 else RED, None)


class CoverageTab(QWidget):
    print_requested = Signal(int, int)  # year, month
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary: MonthSummary | None = None
        self.loading = False
        self._generation = count(1)
        self._wanted = 0
        self._highlight: int | None = None

        self.month = QComboBox()
        self.month.setMinimumWidth(140)
        self._fill_months()
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.print_button = QPushButton(self.tr("Print coverage…"))
        self.print_button.clicked.connect(self._print)
        self.print_button.setVisible(False)  # shown when the printed form exists
        self.state = QLabel()
        self.state.setEnabled(False)

        self.totals: dict[str, QLabel] = {}
        totals = QGridLayout()
        totals.setHorizontalSpacing(28)
        captions = [
            ("underground", self.tr("Underground")),
            ("drilled", self.tr("Drilled")),
            ("passed", self.tr("Passed")),
            ("failed", self.tr("Failed only")),
            ("missing", self.tr("Not drilled")),
            ("coverage", self.tr("Coverage")),
            ("pass_rate", self.tr("Pass rate")),
        ]
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        for col, (key, caption) in enumerate(captions):
            value = QLabel("—")
            value.setFont(big)
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label = QLabel(caption)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setEnabled(False)
            totals.addWidget(value, 0, col)
            totals.addWidget(label, 1, col)
            self.totals[key] = value
        totals.setColumnStretch(len(captions), 1)

        self.departments = RowsView(
            [
                Column(self.tr("Department"), lambda d: d.name or self.tr("(no department)"), width=-1),
                Column(self.tr("Underground"), lambda d: d.underground, RIGHT),
                Column(self.tr("Drilled"), lambda d: d.drilled, RIGHT),
                Column(self.tr("Passed"), lambda d: d.passed, RIGHT),
                Column(self.tr("Failed only"), lambda d: d.failed, RIGHT, colour=self._count(RED, "failed")),
                Column(
                    self.tr("Not drilled"), lambda d: d.missing, RIGHT, colour=self._count(RED, "missing")
                ),
                Column(
                    self.tr("Coverage"),
                    lambda d: percent(d.coverage),
                    RIGHT,
                    colour=lambda d: _rate_colour(d.coverage),
                ),
                Column(
                    self.tr("Pass rate"),
                    lambda d: percent(d.pass_rate),
                    RIGHT,
                    colour=lambda d: _rate_colour(d.pass_rate),
                ),
            ]
        )

        self.missing = RowsView(
            [
                Column(self.tr("Name"), self._name),
                Column(self.tr("Department"), lambda line: line.person.department),
                Column(self.tr("Post"), lambda line: line.person.post, width=-1),
            ]
        )
        red = lambda _line: (RED, RED_TINT)  # noqa: E731
        self.barred = RowsView(
            [
                Column(self.tr("Name"), lambda line: line.person.name, colour=red),
                Column(self.tr("Department"), lambda line: line.person.department, colour=red),
                Column(
                    self.tr("Latest drill"),
                    lambda line: f"{line.last_drill:%m-%d}" if line.last_drill else "",
                    colour=red,
                ),
                Column(
                    self.tr("Seconds"),
                    lambda line: seconds_text(line.last_seconds),
                    RIGHT,
                    colour=red,
                    width=-1,
                ),
            ]
        )
        self.repeat = RowsView(
            [
                Column(self.tr("Name"), lambda line: line.person.name),
                Column(self.tr("Department"), lambda line: line.person.department),
                Column(self.tr("Last month"), lambda line: seconds_text(line.previous_best), RIGHT),
                Column(self.tr("This month"), lambda line: seconds_text(line.best), RIGHT, width=-1),
            ]
        )
        self.history = RowsView(
            [
                Column(self.tr("Date"), lambda d: f"{d.held_on:%Y-%m-%d}"),
                Column(self.tr("Kind"), lambda d: drill_kinds().get(d.kind, d.kind)),
                Column(self.tr("Seconds"), lambda d: seconds_text(d.seconds), RIGHT),
                Column(
                    self.tr("Result"),
                    lambda d: self._verdict(d.passed, d.absent),
                    colour=lambda d: (
                        None if d.passed is None else ((GREEN, None) if d.passed else (RED, None))
                    ),
                    width=-1,
                ),
            ]
        )
        self.history_title = QLabel(self.tr("Choose a person to see his drills"))
        self.history_title.setEnabled(False)

        self.missing_box = self._box(self.tr("Not drilled"), self.missing)
        self.barred_box = self._box(self.tr("May not go underground"), self.barred)
        self.barred_box.setStyleSheet("QGroupBox { color: #b71c1c; font-weight: bold; }")
        self.repeat_box = self._box(self.tr("Failed two months running"), self.repeat)
        history_box = QGroupBox(self.tr("Drill history"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_title)
        history_layout.addWidget(self.history, 1)
        for view in (self.missing, self.barred, self.repeat):
            view.selectionModel().currentChanged.connect(
                lambda index, _prev, v=view: (
                    self._show_history(v.rows_model.row(index.row())) if index.isValid() else None
                )
            )

        lists = QSplitter(Qt.Orientation.Horizontal)
        for box in (self.missing_box, self.barred_box, self.repeat_box, history_box):
            lists.addWidget(box)
        lists.setChildrenCollapsible(False)
        for n, stretch in enumerate((3, 3, 3, 4)):  # the history has the most columns
            lists.setStretchFactor(n, stretch)
        body = QSplitter(Qt.Orientation.Vertical)
        dept_box = self._box(self.tr("By department"), self.departments)
        body.addWidget(dept_box)
        body.addWidget(lists)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addWidget(self.print_button)
        top.addSpacing(12)
        top.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(totals)
        layout.addWidget(body, 1)

    # --- pieces -----------------------------------------------------------------------------------------

    @staticmethod
    def _box(title: str, view: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(6, 6, 6, 6)
        inner.addWidget(view)
        return box

    @staticmethod
    def _count(colour: str, key: str) -> Callable[[DepartmentCoverage], tuple[str, None]]:
        return lambda d: (colour, None) if getattr(d, key) else (GREY, None)

    @staticmethod
    def _name(line: CoverageLine) -> str:
        """A worker who has left since still owed the month's drill; the name says he is gone."""
        person = line.person
        return (
            person.name
            if person.active
            else f"{person.name}（{STATUS_LABELS.get(person.status, person.status)}）"
        )

    def _verdict(self, passed: bool | None, absent: bool) -> str:
        if absent or passed is None:
            return self.tr("Absent")
        return self.tr("Pass") if passed else self.tr("Fail")

    def _fill_months(self) -> None:
        self.month.blockSignals(True)
        wanted = self.month.currentData()
        self.month.clear()
        for year, month in months_back(clock.today()):
            self.month.addItem(self.tr("{year}-{month:02}").format(year=year, month=month), (year, month))
        self.month.setCurrentIndex(max(self.month.findData(wanted), 0) if wanted else 0)
        self.month.blockSignals(False)

    def set_printable(self, printable: bool) -> None:
        self.print_button.setVisible(printable)

    def chosen_month(self) -> tuple[int, int]:
        return self.month.currentData()

    def show_month(self, year: int, month: int) -> None:
        index = self.month.findData((year, month))
        if index < 0:
            self._fill_months()
            index = self.month.findData((year, month))
        if index >= 0 and index != self.month.currentIndex():
            self.month.setCurrentIndex(index)  # refreshes
        else:
            self.refresh()

    # --- loading ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        mine_id = self.ctx.mine_id if self.ctx.ledger.is_open else None
        if mine_id is None:
            self._show(None)
            return
        if self.month.count() and self.month.itemData(0) != months_back(clock.today(), 1)[0]:
            self._fill_months()  # a new month began while the window was open
        year, month = self.chosen_month()
        generation = next(self._generation)
        self._wanted = generation
        self.loading = True
        self.state.setText(self.tr("Working out {year}-{month:02}…").format(year=year, month=month))
        db, today = self.ctx.db, clock.today()

        def work(_control: TaskControl) -> MonthSummary | None:
            return month_summary(db, mine_id, year, month, today)

        self.ctx.runner.submit(
            work,
            lambda result: self._arrived(generation, result),
            lambda exc: self._failed(generation, exc),
        )

    def _arrived(self, generation: int, summary: MonthSummary | None) -> None:
        if not isValid(self) or generation != self._wanted:
            return  # the page is gone, or a newer month (or newer data) was asked for meanwhile
        self.loading = False
        self._show(summary)
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not isValid(self) or generation != self._wanted:
            return
        self.loading = False
        self.state.setText(self.tr("The month could not be worked out: {error}").format(error=exc))
        self.loaded.emit()

    def _show(self, summary: MonthSummary | None) -> None:
        self.summary = summary
        if summary is None:
            for label in self.totals.values():
                label.setText("—")
            for view in (self.departments, self.missing, self.barred, self.repeat, self.history):
                view.set_rows([])
            self.state.setText("")
            return
        total = summary.total
        values = {
            "underground": str(total.underground),
            "drilled": str(total.drilled),
            "passed": str(total.passed),
            "failed": str(total.failed),
            "missing": str(total.missing),
            "coverage": percent(total.coverage),
            "pass_rate": percent(total.pass_rate),
        }
        colours = {
            "failed": RED if total.failed else GREY,
            "missing": RED if total.missing else GREY,
            "passed": GREEN,
        }
        for key, label in self.totals.items():
            label.setText(values[key])
            label.setStyleSheet(f"color: {colours[key]};" if key in colours else "")
        self.departments.set_rows(summary.departments)
        self.missing.set_rows(summary.missing)
        self.barred.set_rows(summary.barred)
        self.repeat.set_rows(summary.repeat_failures)
        self.missing_box.setTitle(self.tr("Not drilled ({count})").format(count=len(summary.missing)))
        self.barred_box.setTitle(
            self.tr("May not go underground ({count})").format(count=len(summary.barred))
        )
        self.repeat_box.setTitle(
            self.tr("Failed two months running ({count})").format(count=len(summary.repeat_failures))
        )
        last_day = calendar.monthrange(summary.year, summary.month)[1]
        as_of = min(date(summary.year, summary.month, last_day), clock.today())
        self.state.setText(
            self.tr("Active underground workers of {year}-{month:02}; barred as of {day}.").format(
                year=summary.year, month=summary.month, day=f"{as_of:%Y-%m-%d}"
            )
        )
        if self._highlight is not None:
            self.highlight_person(self._highlight)

    # --- a person ---------------------------------------------------------------------------------------

    def line_of(self, person_id: int) -> CoverageLine | None:
        if self.summary is None:
            return None
        return next((line for line in self.summary.lines if line.person.id == person_id), None)

    def highlight_person(self, person_id: int) -> None:
        """Bolden and select the person in every list he is on, and show his drills (an opener's target)."""
        self._highlight = person_id
        if self.summary is None or self.loading:
            return  # done when the month arrives
        self._highlight = None
        found = False
        for view in (self.barred, self.repeat, self.missing):
            found = view.highlight(lambda line: line.person.id == person_id) or found
        self._show_history_of(person_id)
        line = self.line_of(person_id)
        if line is not None and not found:
            self.state.setText(
                self.tr("{name}: {status} this month.").format(
                    name=line.person.name, status=self._status(line)
                )
            )

    def _status(self, line: CoverageLine) -> str:
        return {"passed": self.tr("passed"), "failed": self.tr("failed"), "none": self.tr("not drilled")}[
            line.status
        ]

    def _show_history(self, line: CoverageLine) -> None:
        self._show_history_of(line.person.id, line.person.name)

    def _show_history_of(self, person_id: int, name: str | None = None) -> None:
        if name is None:
            line = self.line_of(person_id)
            name = line.person.name if line else ""
        drills = person_drills(self.ctx.db, person_id)
        self.history.set_rows(drills)
        self.history_title.setText(
            self.tr("{name}: the latest {count} drills").format(name=name, count=len(drills))
            if drills
            else self.tr("{name}: no drill recorded").format(name=name)
        )

    def _print(self) -> None:
        year, month = self.chosen_month()
        self.print_requested.emit(year, month)
