"""统计: the year's hazards by category or by month — 新增, 已整改销号, 未整改, 逾期, 重大, 整改率 — as a table and a
bar chart, with the major hazards' stock (earlier years, still open) against this year's and the open majors
counted down to zero (动态清零). The figures are db.reports.hazards.hazard_stats, the same the printed
隐患统计表 shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import clock
from db.reports.hazards import HazardStats, StatsLine, hazard_stats, rate_text
from desktop.views.context import AppContext
from desktop.views.hazard_data import hazard_years, stock_numbers
from desktop.views.hazard_print import STATS, has_form, print_form
from desktop.widgets.bar_chart import BarChart, Series

Index = QModelIndex | QPersistentModelIndex
BY_CATEGORY, BY_MONTH = "category", "month"
HEADERS = (
    QT_TRANSLATE_NOOP("StatsModel", "Category"),
    QT_TRANSLATE_NOOP("StatsModel", "Found"),
    QT_TRANSLATE_NOOP("StatsModel", "Rectified and closed"),
    QT_TRANSLATE_NOOP("StatsModel", "Not rectified"),
    QT_TRANSLATE_NOOP("StatsModel", "Overdue"),
    QT_TRANSLATE_NOOP("StatsModel", "Major"),
    QT_TRANSLATE_NOOP("StatsModel", "Rectification rate"),
)
NEW_COLOUR, CLOSED_COLOUR, OPEN_COLOUR = "#1565c0", "#2e7d32", "#ef6c00"


def _t(text: str) -> str:
    return QCoreApplication.translate("StatsModel", text)


class StatsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[StatsLine] = []
        self._total: StatsLine | None = None
        self.first_header = _t(HEADERS[0])

    def set_lines(self, lines: list[StatsLine], total: StatsLine | None, first_header: str) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._total = total
        self.first_header = first_header
        self.endResetModel()

    def line(self, row: int) -> StatsLine:
        return self._lines[row] if row < len(self._lines) else self._total  # type: ignore[return-value]

    def cells(self, row: int) -> list[str]:
        """The row as shown (for tests and a quick look)."""
        return [str(self.index(row, c).data()) for c in range(self.columnCount())]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._total is None else len(self._lines) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.first_header if section == 0 else _t(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.line(index.row())
        total = index.row() == len(self._lines)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return QCoreApplication.translate("StatsModel", "Total") if total else line.label
            values = (line.new, line.closed, line.open, line.overdue, line.major)
            return rate_text(line.rate) if column == 6 else values[column - 1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 4 and line.overdue:
                return QBrush(QColor("#c62828"))
            if column == 5 and line.major:
                return QBrush(QColor("#c62828"))
        return None


class HazardStatsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = True
        self.stats: HazardStats | None = None
        self.stock: list[str] = []
        self.year = QComboBox()
        self.year.setMinimumWidth(90)
        self.group = QComboBox()
        self.group.addItem(self.tr("By category"), BY_CATEGORY)
        self.group.addItem(self.tr("By month"), BY_MONTH)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh(force=True))
        self.group.currentIndexChanged.connect(lambda _i: self.refresh(force=True))
        self.print_button = QPushButton(self.tr("Print statistics…"))
        self.print_button.clicked.connect(self.print_stats)
        self.print_button.setVisible(has_form(STATS))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addWidget(self.group)
        top.addStretch(1)
        top.addWidget(self.print_button)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = StatsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.chart = BarChart()
        self.chart.set_empty_text(self.tr("No hazards found in this year."))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)

        hint = QLabel(
            self.tr(
                "Hazards found in the year, voided ones left out. Overdue: not closed and past the deadline "
                "today. Rectification rate: closed out of found."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)

        ctx.mine_changed.connect(lambda _id: self.refresh())
        ctx.data_changed.connect(self.refresh)
        ctx.reopened.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh(force=True)

    def refresh(self, force: bool = False) -> None:
        """Count again (at once when shown, else when next shown)."""
        if not force and not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        mine_id = self.ctx.mine_id
        if mine_id is None or not self.ctx.ledger.is_open:
            self.stats = None
            self._show()
            return
        today = clock.today()
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in hazard_years(self.ctx.db, mine_id, today):
            self.year.addItem(self.tr("{year}").format(year=y), y)
        self.year.setCurrentIndex(max(self.year.findData(chosen), 0))
        self.year.blockSignals(False)
        year = self.year.currentData() or today.year
        by = "month" if self.group.currentData() == BY_MONTH else "category"
        self.stats = hazard_stats(self.ctx.db, mine_id, year, by, today)
        self.stock = stock_numbers(self.ctx.db, mine_id, year)
        self._show()

    def set_year(self, year: int) -> None:
        self.year.setCurrentIndex(max(self.year.findData(year), 0))

    def set_grouping(self, key: str) -> None:
        self.group.setCurrentIndex(max(self.group.findData(key), 0))

    def _show(self) -> None:
        stats = self.stats
        if stats is None:
            self.model.set_lines([], None, _t(HEADERS[0]))
            self.chart.set_data([], [])
            self.summary.setText("")
            return
        by_month = stats.by == "month"
        self.model.set_lines(stats.lines, stats.total, self.tr("Month") if by_month else _t(HEADERS[0]))
        # The chart leaves out categories with nothing found; months keep their place in the year.
        drawn = stats.lines if by_month else [line for line in stats.lines if line.new]
        self.chart.set_data(
            [line.label for line in drawn],
            [
                Series(_t("Found"), NEW_COLOUR, [line.new for line in drawn]),
                Series(_t("Rectified and closed"), CLOSED_COLOUR, [line.closed for line in drawn]),
                Series(_t("Not rectified"), OPEN_COLOUR, [line.open for line in drawn]),
            ],
        )
        total, majors = stats.total, stats.majors
        red, green = "color:#c62828;", "color:#2e7d32;"
        if self.stock:
            numbers = "、".join(self.stock[:8]) + ("…" if len(self.stock) > 8 else "")
            stock = self.tr(
                "Stock: {count} major hazards found before {year} still open ({numbers})."
            ).format(count=len(self.stock), year=stats.year, numbers=numbers)
        else:
            stock = self.tr("Stock: no major hazard from before {year} is open.").format(year=stats.year)
        lines_html = [
            self.tr(
                "{year}: {found} hazards found, {closed} rectified and closed, {open} not rectified "
                "({overdue} overdue); rectification rate {rate}."
            ).format(
                year=stats.year,
                found=total.new,
                closed=total.closed,
                open=total.open,
                overdue=total.overdue,
                rate=rate_text(total.rate),
            ),
            self.tr("Major hazards found in {year}: {count}, of which {closed} closed.").format(
                year=stats.year, count=majors.increment, closed=majors.increment_closed
            ),
            f"<span style='{red if self.stock else ''}'>{stock}</span>",
        ]
        if stats.year == stats.as_of.year:
            lines_html.append(
                f"<span style='{red if majors.open_total else green}'>"
                + self.tr("Open major hazards now: {count} (dynamic zeroing counts this down to 0).").format(
                    count=majors.open_total
                )
                + "</span>"
            )
        self.summary.setText("<br>".join(lines_html))

    def print_stats(self) -> None:
        """隐患统计表 of the year and grouping shown."""
        print_form(self, self.ctx, STATS, year=self.year.currentData(), by=self.group.currentData())
