"""打印中心: the roster PDF is built on the worker, previewed, saved, printed; a build can be cancelled."""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QPushButton

from db.idnumber import make
from db.services.people import PersonInput, add_people
from desktop.printing.catalog import FORMS, FormEntry
from desktop.printing.layout import Column, TableForm
from desktop.views import print_center
from desktop.widgets.pdf_print import prepare_printer, print_pdf
from desktop.workers import PROGRESS_DELAY_MS


@pytest.fixture
def roster_mine(ctx, add_mine):
    mine_id = add_mine("一号煤矿", principal_name="王建国")
    people = [
        PersonInput(name=name, id_number=make("140502", date(1980 + i, 3, 1 + i), 11 + i), post="采煤工")
        for i, name in enumerate(["张伟", "李强", "王磊", "赵军"])
    ]
    add_people(ctx.db, "测试", mine_id, people)
    ctx.set_mine(mine_id)
    return mine_id


def build(qtbot, page) -> None:
    page.forms.setCurrentRow(list(FORMS).index("roster"))
    page.build_button.click()
    assert page.building
    qtbot.waitUntil(lambda: not page.building, timeout=30000)


def test_roster_builds_off_the_gui_thread_and_previews(ctx, roster_mine, window, qtbot, messages):
    page = window.print_center
    window.go("print")
    titles = [page.forms.item(i).text() for i in range(page.forms.count())]
    assert titles == [entry.title for entry in FORMS.values()] and "从业人员花名册" in titles
    assert not page.save_button.isEnabled() and not page.print_button.isEnabled()

    threads = []
    real_build = FORMS["roster"].build
    patched = FormEntry(
        "roster",
        FORMS["roster"].title,
        lambda db, m: threads.append(threading.current_thread()) or real_build(db, m),
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(FORMS, "roster", patched)
        page.forms.setCurrentRow(list(FORMS).index("roster"))
        page.build_button.click()
        assert page.building and not page.build_button.isEnabled()
        qtbot.waitUntil(lambda: not page.building, timeout=30000)

    assert messages.shown == []
    assert threads and threads[0] is not threading.main_thread()
    assert page.document.status() == QPdfDocument.Status.Ready
    assert page.document.pageCount() >= 1
    assert page.preview.currentWidget() is page.view
    assert "从业人员花名册" in page.status.text() and "4 行" in page.status.text()
    assert page.save_button.isEnabled() and page.print_button.isEnabled()
    assert page.form is not None and len(page.form.rows) == 4


def test_save_as_pdf_copies_the_previewed_file(ctx, roster_mine, window, qtbot, monkeypatch, tmp_path):
    page = window.print_center
    build(qtbot, page)
    chosen = tmp_path / "U盘" / "花名册"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    page.save_button.click()
    saved = chosen.with_suffix(".pdf")
    assert saved.read_bytes() == page.pdf_path.read_bytes()
    assert len(PdfReader(saved).pages) == page.document.pageCount()
    assert str(saved) in page.status.text()


def test_printing_renders_every_page_to_the_printer(ctx, roster_mine, window, qtbot, tmp_path):
    page = window.print_center
    build(qtbot, page)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    prepare_printer(page.document, printer)
    assert print_pdf(page.document, printer) == page.document.pageCount()
    assert len(PdfReader(out).pages) == page.document.pageCount()


def test_excel_export_writes_the_previewed_form(ctx, roster_mine, window, qtbot, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    page = window.print_center
    assert print_center.xlsx_available() and not page.xlsx_button.isHidden()
    build(qtbot, page)
    target = tmp_path / "roster.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page.xlsx_button.click()
    qtbot.waitUntil(lambda: target.is_file() and "已导出" in page.status.text(), timeout=30000)
    values = [c for row in load_workbook(target).active.iter_rows(values_only=True) for c in row if c]
    assert "张伟" in values


def test_a_slow_build_shows_progress_and_can_be_cancelled(
    ctx, roster_mine, window, qtbot, messages, monkeypatch
):
    started, release = threading.Event(), threading.Event()

    def slow(_db, _mine_id):
        started.set()
        release.wait(10)
        return TableForm("慢表", "一号煤矿", "", [Column("姓名")], [["张伟"]] * 3000, False, datetime.now())

    monkeypatch.setitem(FORMS, "roster", FormEntry("roster", "从业人员花名册", slow))
    page = window.print_center
    page.forms.setCurrentRow(list(FORMS).index("roster"))
    page.build_button.click()
    assert not page.progress_dialog.isVisible()  # quick work never flashes a dialog
    qtbot.waitUntil(lambda: page.progress_dialog.isVisible(), timeout=PROGRESS_DELAY_MS + 3000)
    assert started.is_set()
    (cancel,) = page.progress_dialog.findChildren(QPushButton)
    assert cancel.text() == "取消"
    cancel.click()
    release.set()
    qtbot.waitUntil(lambda: not page.building, timeout=30000)
    assert page.status.text() == "已取消，未生成表格。"
    assert page.pdf_path is None and page.preview.currentWidget() is page.placeholder
    assert messages.shown == []
    assert list(Path(page._tmp.name).iterdir()) == []  # a cancelled build leaves no file behind


def test_switching_mine_drops_the_old_preview(ctx, roster_mine, add_mine, window, qtbot):
    page = window.print_center
    build(qtbot, page)
    assert page.has_preview()
    other = add_mine("二号煤矿")
    window.reload_mines()
    ctx.set_mine(other)
    assert not page.has_preview() and page.preview.currentWidget() is page.placeholder
    assert not page.save_button.isEnabled()


def test_a_failing_form_is_reported_in_chinese(ctx, roster_mine, window, qtbot, messages, monkeypatch):
    def broken(_db, _mine_id):
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(FORMS, "roster", FormEntry("roster", "从业人员花名册", broken))
    page = window.print_center
    page.forms.setCurrentRow(list(FORMS).index("roster"))
    page.build_button.click()
    qtbot.waitUntil(lambda: not page.building, timeout=10000)
    (text,) = messages.texts("critical")
    assert text.startswith("生成表格时发生意外错误") and "No space left" in text
    assert page.build_button.isEnabled()
