"""An honest page for an area this version does not have yet: what it will hold, and nothing pretend."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, title: str, will_hold: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.notice = QLabel(self.tr("This area is not built yet in this version of MineLedger."))
        self.notice.setStyleSheet("color: #8d6e00;")
        self.body = QLabel(will_hold)
        self.body.setWordWrap(True)
        self.body.setMaximumWidth(760)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(heading)
        layout.addSpacing(8)
        layout.addWidget(self.notice)
        layout.addSpacing(8)
        layout.addWidget(self.body)
        layout.addStretch(1)
