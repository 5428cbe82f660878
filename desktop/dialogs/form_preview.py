"""One printed form previewed in a dialog: the print center's page with the form and its parameters fixed.

Every area's print button (staffing, training, certificates, drills, hazards) opens this, so building on the
worker, progress and cancel, preview, save as PDF, print and Excel export are the print center's own.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.printing.catalog import FORMS, FormEntry
from desktop.views.context import AppContext
from desktop.views.print_center import PrintCenterPage


def form_available(key: str) -> bool:
    return key in FORMS


class FormPreview(PrintCenterPage):
    """The print center's page for one form whose parameters are fixed: no list of forms, built at once."""

    def __init__(
        self, ctx: AppContext, entry: FormEntry, params: dict[str, Any], parent: QWidget | None = None
    ):
        self._fixed = FormEntry(
            entry.key, entry.title, functools.partial(entry.build, **params), entry.params
        )
        super().__init__(ctx, parent)
        self.forms.hide()
        # The page's heading and the “Forms” caption belong to the full print center.
        hidden = {
            QCoreApplication.translate("PrintCenterPage", "Print center"),
            QCoreApplication.translate("PrintCenterPage", "Forms"),
        }
        for label in self.findChildren(QLabel):
            if label.text() in hidden:
                label.hide()
        self.build_button.setText(QCoreApplication.translate("FormPreview", "Build again"))

    def selected_entry(self) -> FormEntry | None:
        return getattr(self, "_fixed", None)


class PrintPreviewDialog(QDialog):
    def __init__(
        self, ctx: AppContext, key: str, params: dict[str, Any] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        entry = FORMS[key]
        self.setWindowTitle(entry.title)
        self.page = FormPreview(ctx, entry, dict(params or {}), self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.page, 1)
        layout.addWidget(close)
        self.resize(1000, 720)
        self.finished.connect(self._finished)

    def build(self) -> None:
        self.page.build_preview()

    def _finished(self, _result: int) -> None:
        if self.page.task is not None and self.page.building:
            self.page.task.cancel()
        self.ctx.runner.wait_idle()
        self.page.clear_preview()


def preview_form(parent: QWidget, ctx: AppContext, key: str, **params: Any) -> PrintPreviewDialog:
    """Show a form of the print center for the current mine with fixed parameters, building at once."""
    dialog = PrintPreviewDialog(ctx, key, params, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    dialog.build()
    return dialog
