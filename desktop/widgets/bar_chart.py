"""A plain grouped bar chart drawn with QPainter: one row per group (a category, a month), one bar per series
(新增, 已销号 …), horizontal so long Chinese labels read in full. No chart library: the numbers stay the
table's, the chart only shows their shape.

    chart = BarChart()
    chart.set_data(["通风", "瓦斯"], [Series("新增", "#1565c0", [4, 2]), Series("已销号", "#2e7d32", [3, 2])])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 9
BAR_GAP = 2
GROUP_GAP = 8
MARGIN = 8
LEGEND_SWATCH = 12


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[float]


def nice_ceiling(value: float) -> float:
    """The axis end: 1, 2 or 5 times a power of ten, at least `value` (and at least 1)."""
    if value <= 1:
        return 1.0
    power = 1.0
    while power * 10 <= value:
        power *= 10
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[str] = []
        self.series: list[Series] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 160)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_data(self, groups: Sequence[str], series: Sequence[Series]) -> None:
        self.groups = list(groups)
        self.series = list(series)
        self.updateGeometry()
        self.update()

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.update()

    # --- geometry ---------------------------------------------------------------------------------------

    def _group_height(self) -> int:
        count = max(len(self.series), 1)
        return count * BAR_HEIGHT + (count - 1) * BAR_GAP

    def _legend_height(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        rows = max(len(self.groups), 1)
        height = 2 * MARGIN + self._legend_height() + rows * (self._group_height() + GROUP_GAP)
        return QSize(420, height + self.fontMetrics().height() + 6)

    def maximum(self) -> float:
        values = [v for s in self.series for v in s.values]
        return nice_ceiling(max(values, default=0))

    # --- painting ---------------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        text_colour = self.palette().text().color()
        if not self.groups or not any(v for s in self.series for v in s.values):
            painter.setPen(QColor("#808080"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return

        # legend along the top
        x = MARGIN
        y = MARGIN
        for s in self.series:
            painter.fillRect(
                QRectF(x, y + (metrics.height() - LEGEND_SWATCH) / 2, LEGEND_SWATCH, LEGEND_SWATCH),
                QColor(s.colour),
            )
            x += LEGEND_SWATCH + 4
            painter.setPen(text_colour)
            painter.drawText(x, y + metrics.ascent(), s.name)
            x += metrics.horizontalAdvance(s.name) + 16

        label_width = max(metrics.horizontalAdvance(g) for g in self.groups) + 8
        value_width = metrics.horizontalAdvance("0000") + 6
        left = MARGIN + label_width
        right = self.width() - MARGIN - value_width
        width = max(right - left, 20)
        top = MARGIN + self._legend_height()
        top_axis = self.maximum()

        # the scale: five light lines and their numbers under the bars
        bottom = top + len(self.groups) * (self._group_height() + GROUP_GAP)
        grid = QPen(QColor("#e0e0e0"))
        for step in range(6):
            gx = left + width * step / 5
            painter.setPen(grid)
            painter.drawLine(int(gx), top - 2, int(gx), bottom)
            painter.setPen(QColor("#757575"))
            label = f"{top_axis * step / 5:g}"
            painter.drawText(
                int(gx - metrics.horizontalAdvance(label) / 2), bottom + metrics.ascent() + 2, label
            )

        y = top
        for index, group in enumerate(self.groups):
            painter.setPen(text_colour)
            group_rect = QRectF(MARGIN, y, label_width - 8, self._group_height())
            painter.drawText(
                group_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), group
            )
            by = y
            for s in self.series:
                value = s.values[index] if index < len(s.values) else 0
                length = width * value / top_axis if top_axis else 0
                if value:
                    painter.fillRect(QRectF(left, by, max(length, 1.5), BAR_HEIGHT), QColor(s.colour))
                    painter.setPen(QColor("#424242"))
                    small = f"{value:g}"
                    painter.drawText(
                        QRectF(left + length + 3, by - 3, value_width + 20, BAR_HEIGHT + 6),
                        int(
                            Qt.AlignmentFlag.AlignLeft
                            | Qt.AlignmentFlag.AlignVCenter
                            | Qt.TextFlag.TextDontClip
                        ),
                        small,
                    )
                by += BAR_HEIGHT + BAR_GAP
            y += self._group_height() + GROUP_GAP
        painter.setPen(QPen(QColor("#9e9e9e")))
        painter.drawLine(left, top - 2, left, bottom)
        painter.end()
