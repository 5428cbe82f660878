"""打印中心: choose a form, build its PDF on the worker, preview it, then save, print or export it."""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QFont
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.errors import MineLedgerError
from desktop.printing.catalog import FORMS, FormEntry
from desktop.views.context import AppContext
from desktop.widgets.pdf_print import prepare_printer, print_pdf
from desktop.workers import TaskCancelled, TaskControl, run_with_progress

if TYPE_CHECKING:  # ReportLab (~0.2 s) loads with the first form built, not with the window
    from desktop.printing.layout import TableForm

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def xlsx_available() -> bool:
    """Excel export ships with desktop/printing/xlsx.py; the button shows only when it is there."""
    return importlib.util.find_spec("desktop.printing.xlsx") is not None


def safe_file_name(text: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in text).strip() or "form"


class PrintCenterPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._tmp = tempfile.TemporaryDirectory(prefix="mineledger-preview-", ignore_cleanup_errors=True)
        self._serial = count(1)
        self.pdf_path: Path | None = None
        self.form: TableForm | None = None
        self.entry: FormEntry | None = None
        self.building = False
        self.task: TaskControl | None = None
        self.progress_dialog: QProgressDialog | None = None

        heading = QLabel(self.tr("Print center"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)

        self.forms = QListWidget()
        for entry in FORMS.values():
            item = QListWidgetItem(entry.title)
            item.setData(KEY_ROLE, entry.key)
            self.forms.addItem(item)
        self.forms.setCurrentRow(0)
        # Form titles are long (“五职”矿长和“五科”…): wrap them in a fixed column instead of cutting them.
        self.forms.setFixedWidth(250)
        self.forms.setWordWrap(True)
        self.forms.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.forms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.forms.setObjectName("forms")
        self.forms.setStyleSheet("QListWidget#forms::item { padding: 5px 4px; }")
        self.forms.itemActivated.connect(lambda _item: self.build_preview())
        self.forms.currentRowChanged.connect(lambda _row: self._update_buttons())

        self.build_button = QPushButton(self.tr("Build preview"))
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build_preview)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_document)
        self.xlsx_button = QPushButton(self.tr("Export to Excel…"))
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.xlsx_button.setVisible(xlsx_available())
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.placeholder = QLabel(self.tr("Choose a form on the left and click “Build preview”."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        self.preview = QStackedWidget()
        self.preview.addWidget(self.placeholder)
        self.preview.addWidget(self.view)

        buttons = QHBoxLayout()
        for button in (self.build_button, self.save_button, self.print_button, self.xlsx_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(buttons)
        right.addWidget(self.status)
        right.addWidget(self.preview, 1)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Forms")))
        left.addWidget(self.forms, 1)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(body, 1)

        ctx.mine_changed.connect(self.clear_preview)
        ctx.data_changed.connect(self._data_changed)
        self.destroyed.connect(self._tmp.cleanup)
        self.clear_preview()

    # --- state ------------------------------------------------------------------------------------------

    def selected_entry(self) -> FormEntry | None:
        item = self.forms.currentItem()
        return FORMS.get(item.data(KEY_ROLE)) if item is not None else None

    def has_preview(self) -> bool:
        return self.pdf_path is not None and self.document.status() == QPdfDocument.Status.Ready

    def _update_buttons(self) -> None:
        can_build = not self.building and self.ctx.mine_id is not None and self.selected_entry() is not None
        self.build_button.setEnabled(can_build)
        ready = not self.building and self.has_preview()
        for button in (self.save_button, self.print_button, self.xlsx_button):
            button.setEnabled(ready)

    def clear_preview(self) -> None:
        self.document.close()
        self._drop_file(self.pdf_path)
        self.pdf_path = self.form = self.entry = None
        self.preview.setCurrentWidget(self.placeholder)
        self.status.setText("")
        self._update_buttons()

    def _data_changed(self) -> None:
        if self.pdf_path is not None:
            self.status.setText(self.tr("The records changed after this preview was built: build it again."))

    def _drop_file(self, path: Path | None) -> None:
        if path is not None:
            path.unlink(missing_ok=True)

    # --- build ------------------------------------------------------------------------------------------

    def build_preview(self) -> None:
        entry = self.selected_entry()
        mine_id = self.ctx.mine_id
        if entry is None or mine_id is None or self.building:
            return
        from desktop.printing.layout import build_pdf  # ReportLab: loaded here, on the GUI thread, once

        db = self.ctx.db
        target = Path(self._tmp.name) / f"{entry.key}-{next(self._serial)}.pdf"

        def work(control: TaskControl) -> tuple[TableForm, Path, int]:
            form = entry.build(db, mine_id)
            pages = build_pdf(target, form, progress=control.progress, cancelled=control.cancelled)
            return form, target, pages

        self.building = True
        self._update_buttons()
        self.status.setText(self.tr("Building “{title}”…").format(title=entry.title))
        self.task, self.progress_dialog = run_with_progress(
            self,
            self.ctx.runner,
            self.tr("Building “{title}”…").format(title=entry.title),
            work,
            lambda result: self._built(entry, *result),
            self._build_failed,
        )

    def _built(self, entry: FormEntry, form: TableForm, path: Path, pages: int) -> None:
        self.building = False
        old = self.pdf_path
        error = self.document.load(str(path))
        self._drop_file(old if old != path else None)
        if error != QPdfDocument.Error.None_:
            self.pdf_path = None
            self._update_buttons()
            QMessageBox.critical(
                self,
                self.tr("Preview failed"),
                self.tr("The PDF could not be shown: {error}").format(error=error),
            )
            return
        self.pdf_path, self.form, self.entry = path, form, entry
        self.preview.setCurrentWidget(self.view)
        self.status.setText(
            self.tr("“{title}”: {rows} rows, {pages} pages.").format(
                title=entry.title, rows=len(form.rows), pages=pages
            )
        )
        self._update_buttons()

    def _build_failed(self, exc: BaseException) -> None:
        from desktop.printing.layout import BuildCancelled  # loaded by build_preview already

        self.building = False
        self._update_buttons()
        if isinstance(exc, BuildCancelled | TaskCancelled):
            self.status.setText(self.tr("Cancelled: no form was built."))
            return
        self.status.setText(self.tr("The form was not built."))
        if isinstance(exc, MineLedgerError):
            QMessageBox.warning(self, self.tr("Form not built"), str(exc))
        else:
            QMessageBox.critical(
                self,
                self.tr("Form not built"),
                self.tr("An unexpected error stopped the form: {error}").format(
                    error=f"{type(exc).__name__}: {exc}"
                ),
            )

    # --- outputs ----------------------------------------------------------------------------------------

    def _default_path(self, suffix: str) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        mine = self.ctx.mine()
        title = self.entry.title if self.entry else "form"
        name = safe_file_name(f"{mine.name if mine else ''}{title}")
        return str(Path(folder) / f"{name}{suffix}")

    def save_pdf(self) -> None:
        if not self.has_preview() or self.pdf_path is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), self._default_path(".pdf"), self.tr("PDF files (*.pdf)")
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self.pdf_path, target)
        except OSError as err:
            QMessageBox.critical(
                self,
                self.tr("Not saved"),
                self.tr("The PDF could not be saved to “{path}”: {error}").format(
                    path=target, error=err.strerror
                ),
            )
            return
        self.status.setText(self.tr("Saved: {path}").format(path=target))

    def print_document(self) -> None:
        if not self.has_preview():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(self.document, printer)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_pdf(self.document, printer)
        finally:
            QApplication.restoreOverrideCursor()
        self.status.setText(self.tr("Sent {pages} pages to the printer.").format(pages=printed))

    def export_xlsx(self) -> None:
        form = self.form
        if form is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), self._default_path(".xlsx"), self.tr("Excel workbooks (*.xlsx)")
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")

        def work(_control: TaskControl) -> Any:
            from desktop.printing.xlsx import write_xlsx

            return write_xlsx(target, form)

        run_with_progress(
            self,
            self.ctx.runner,
            self.tr("Exporting to Excel…"),
            work,
            lambda _result: self.status.setText(self.tr("Exported: {path}").format(path=target)),
            self._export_failed,
            cancellable=False,
        )

    def _export_failed(self, exc: BaseException) -> None:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        QMessageBox.critical(
            self,
            self.tr("Not exported"),
            self.tr("The workbook was not written: {error}").format(error=detail),
        )
