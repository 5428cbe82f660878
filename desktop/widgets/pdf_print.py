"""Print a PDF on any Qt printer: each page rendered to an image at the printer's resolution.

Qt has no vector PDF-to-printer path, so pages are rasterised; 300 dpi is as sharp as paper shows and keeps a
landscape A4 page under 40 MB of memory even when the driver reports 1200 dpi.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300


def prepare_printer(document: QPdfDocument, printer: QPrinter) -> None:
    """Whole-sheet coordinates (the form carries its own margins, so it prints at true scale) and landscape
    paper for a landscape form, so the print dialog starts right."""
    printer.setFullPage(True)
    if document.pageCount() == 0:
        return
    size = document.pagePointSize(0)
    landscape = size.width() > size.height()
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Send the document's pages (the range chosen in the print dialog, else all) to `printer`.

    Returns the number of pages sent; 0 when the printer could not be opened.
    """
    total = document.pageCount()
    first, last = 1, total
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage() or total, total)
    painter = QPainter()
    if total == 0 or not painter.begin(printer):
        return 0
    dpi = min(printer.resolution(), MAX_DPI)
    sent = 0
    try:
        for number in range(first, last + 1):
            if sent:
                printer.newPage()
            points = document.pagePointSize(number - 1)
            image = document.render(
                number - 1, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            )
            area = painter.viewport()
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.topLeft(), scaled)
            target.moveCenter(area.center())
            painter.drawImage(target, image)
            sent += 1
    finally:
        painter.end()
    return sent
