"""Start the window: Qt application, font, translation, the database (locked, opened), then the first-run
wizard or the main window. Every refusal is a Chinese message box, never a traceback.

The whole-file integrity check (PRAGMA quick_check, seconds on a county database) does not hold the window
back: the file is opened with only its schema and version read, and the check runs on the worker once the
window is up, before the daily backup, so a damaged file is never rotated into the backups. When it fails the
clerk gets the same offer as a damaged file gets at start: restore the newest backup, or close.
"""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from sqlalchemy.exc import DBAPIError

from db import clock
from db.backup import check_integrity, daily_backup
from db.engine import IntegrityCheck, integrity_error, translate_sqlite_error
from db.errors import (
    CorruptDatabaseError,
    DatabaseFileError,
    DatabaseInUseError,
    DiskFullError,
    MineLedgerError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyError,
)
from desktop.collector import MainThreadCollector
from desktop.i18n import install_translator
from desktop.main_window import MainWindow
from desktop.paths import APP_NAME, default_db_path
from desktop.settings import AppSettings
from desktop.views.context import AppContext, Ledger
from desktop.workers import TaskControl, TaskRunner, run_with_progress
from resources import resource_path

if TYPE_CHECKING:  # the wizard (~0.1 s of imports) is only needed while the database has no mine
    from desktop.dialogs.wizard import FirstRunWizard

log = logging.getLogger(__name__)
FONT_FILE = ("fonts", "wqy-microhei.ttc")
_font_family: str | None = None


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="mineledger", add_help=False)
    parser.add_argument("--db", metavar="PATH")
    args, _qt_args = parser.parse_known_args(argv)  # the rest belongs to Qt (-platform, -style …)
    return args


def setup_fonts(app: QApplication) -> str | None:
    """Register the bundled CJK font and put it behind the system font, so Chinese never shows as boxes
    even on a machine (or a test server) without a Chinese font. Returns its family name."""
    global _font_family
    if _font_family is None:
        font_id = QFontDatabase.addApplicationFont(str(resource_path(*FONT_FILE)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("bundled font %s could not be loaded", resource_path(*FONT_FILE))
            return None
        _font_family = families[0]
    font = app.font()
    base = font.family()
    if base != _font_family:
        font.setFamilies([base, _font_family])
        QFont.insertSubstitution(base, _font_family)
    app.setFont(font)
    return _font_family


def create_app(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "mineledger", *argv])
    assert isinstance(app, QApplication)
    if not hasattr(app, "_collector"):
        app._collector = MainThreadCollector(app)  # type: ignore[attr-defined]  # kept alive with the app
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    return app


class _CheckedFirst(Exception):
    """No mine yet and the whole-file check deferred: check before the wizard writes (see Startup.start)."""


class Startup(QObject):
    """Holds what a running window needs, and closes it in order when the window is gone."""

    def __init__(self, app: QApplication, settings: AppSettings) -> None:
        super().__init__()
        self.app = app
        self.settings = settings
        self.runner = TaskRunner(self)
        self.ledger: Ledger | None = None
        self.ctx: AppContext | None = None
        self.wizard: FirstRunWizard | None = None
        self.window: MainWindow | None = None
        self.daily_backup: Path | None = None

    # --- the database -----------------------------------------------------------------------------------

    def open_ledger(self, path: Path, check: IntegrityCheck = "deferred") -> Ledger | None:
        """Lock and open the file; on failure explain in Chinese (offering a restore when it is damaged)."""
        ledger = Ledger(path, check=check)
        restored = False
        while True:
            try:
                ledger.open()
                return ledger
            except DatabaseInUseError as err:
                self._refuse(self.tr("Database in use"), str(err))
            except CorruptDatabaseError as err:
                if restored:  # the backup itself would not open: say so, do not loop
                    self._refuse(self.tr("Database damaged"), str(err))
                elif err.latest_backup is None:
                    self._refuse(
                        self.tr("Database damaged"),
                        str(err)
                        + "\n\n"
                        + self.tr("No backup to restore it from was found. The file was not changed."),
                    )
                elif self._offer_restore(ledger, err):
                    restored = True
                    continue
            except NotADatabaseError as err:
                self._refuse(self.tr("Not a MineLedger database"), str(err))
            except NewerSchemaError as err:
                self._refuse(self.tr("Database from a newer version"), str(err))
            except ReadOnlyError as err:
                self._refuse(self.tr("Database is read-only"), str(err))
            except DiskFullError as err:
                self._refuse(self.tr("Disk full"), str(err))
            except DatabaseFileError as err:
                self._refuse(self.tr("Database cannot be opened"), str(err))
            except PermissionError:
                # The lock file beside the database cannot be created: the folder is read-only.
                self._refuse(
                    self.tr("Database is read-only"),
                    self.tr(
                        "The folder of “{path}” cannot be written to, so no record could be saved there. "
                        "Copy the file to a writable folder, or check the disk's permissions."
                    ).format(path=path),
                )
            except OSError as err:
                self._refuse(
                    self.tr("Database cannot be opened"),
                    self.tr("The file “{path}” cannot be used: {error}").format(
                        path=path, error=err.strerror
                    ),
                )
            return None

    def _refuse(self, title: str, message: str, parent: QWidget | None = None) -> None:
        QMessageBox.critical(parent, title, message + "\n\n" + self.tr("MineLedger will close now."))

    def _ask_restore(self, ledger: Ledger, err: CorruptDatabaseError, parent: QWidget | None = None) -> bool:
        """Offer the newest backup for a damaged file; a “no” is answered with “nothing changed, closing”."""
        backup = err.latest_backup
        assert backup is not None
        when = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            parent,
            self.tr("Database damaged"),
            str(err)
            + "\n\n"
            + self.tr(
                "The newest backup is “{path}” (made {when}). Restore the data from it?\n\n"
                "The damaged file is kept as it is in “{safety}”; records entered after that backup "
                "are not in it."
            ).format(path=backup, when=when, safety=ledger.safety_dir),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self._refuse(self.tr("Database damaged"), self.tr("The database file was not changed."), parent)
            return False
        return True

    def _offer_restore(self, ledger: Ledger, err: CorruptDatabaseError) -> bool:
        if not self._ask_restore(ledger, err):
            return False
        assert err.latest_backup is not None
        try:
            ledger.restore_from(err.latest_backup)
        except MineLedgerError as again:
            self._refuse(self.tr("Not restored"), str(again))
            return False
        return True

    # --- windows ----------------------------------------------------------------------------------------

    def start(self, db_path: Path) -> bool:
        self.ledger = self.open_ledger(db_path)
        if self.ledger is None:
            return False
        try:
            self._first_window()
        except _CheckedFirst:
            # No mine yet: the wizard writes at once, before a deferred check could run. Such a file is
            # small, so it is checked whole now, the way a damaged file goes at start.
            self._drop_windows()
            self.ledger.close()
            self.ledger = self.open_ledger(db_path, check="full")
            if self.ledger is None:
                return False
            self._first_window()
        except (DBAPIError, sqlite3.DatabaseError) as exc:
            if self.ledger.check == "full" or not isinstance(
                translate_sqlite_error(exc, self.ledger.path), CorruptDatabaseError
            ):
                raise
            # A damaged page was read before the deferred check got to run: check the whole file now and
            # go the way a damaged file goes at start (offer the newest backup, or close).
            log.warning("damaged page read while starting; checking the whole file", exc_info=exc)
            self._drop_windows()
            self.ledger.close()
            self.ledger = self.open_ledger(db_path, check="full")
            if self.ledger is None:
                return False
            self._first_window()
        return True

    def _first_window(self) -> None:
        assert self.ledger is not None
        self.ctx = AppContext(self.ledger, self.settings, self.runner, self)
        if self.ctx.mines():
            self.show_main_window()
        elif not self.ledger.db.integrity_checked:
            raise _CheckedFirst
        else:
            # The wizard closing must not end the app before the main window is up.
            self.app.setQuitOnLastWindowClosed(False)
            from desktop.dialogs.wizard import FirstRunWizard

            self.wizard = FirstRunWizard(self.ctx)
            self.wizard.accepted.connect(self.show_main_window)
            self.wizard.rejected.connect(self.app.quit)
            self.wizard.show()

    def _drop_windows(self) -> None:
        self.runner.wait_idle()  # nothing of the half-built window may still be reading
        for widget in (self.window, self.wizard):
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.window = self.wizard = None
        if self.ctx is not None:
            self.ctx.deleteLater()
            self.ctx = None

    def show_main_window(self) -> None:
        assert self.ctx is not None
        self.app.setQuitOnLastWindowClosed(True)
        self.window = MainWindow(self.ctx)
        self.window.show()
        self.start_daily_backup()
        if not self.ctx.operator:
            QTimer.singleShot(0, self.window, self.ask_operator)

    def ask_operator(self) -> None:
        assert self.ctx is not None
        name, ok = QInputDialog.getText(
            self.window,
            self.tr("Operator"),
            self.tr("Your name (every change is recorded with it):"),
        )
        if ok and name.strip():
            self.ctx.set_operator(name)

    def start_daily_backup(self) -> None:
        """Once a day, at start: a rotated backup in the automatic folder, after the whole-file check when
        opening left it to us. It runs on the worker, so the window is usable at once; a failed backup is
        reported in the status bar, not in the clerk's way; a failed check stops the backup and is told."""
        assert self.ledger is not None
        path, folder, today = self.ledger.path, self.ledger.daily_dir, clock.today()
        check = not self.ledger.db.integrity_checked

        def work(_control: TaskControl) -> tuple[str, Path | None]:
            if check:
                result = check_integrity(path)
                if result.lower() != "ok":
                    return result, None  # a damaged file must never push good backups out of the rotation
            return "ok", daily_backup(path, folder, today)

        def done(answer: tuple[str, Path | None]) -> None:
            result, made = answer
            if result.lower() != "ok":
                self.damaged_while_open(integrity_error(path, result))
                return
            if self.ledger is not None and self.ledger.is_open:
                self.ledger.db.integrity_checked = True
            self.daily_backup = made

        def failed(exc: BaseException) -> None:
            log.error("daily backup failed", exc_info=exc)
            if self.window is not None:
                self.window.statusBar().showMessage(
                    self.tr("Today's automatic backup failed: {error}").format(error=exc), 15000
                )

        self.runner.submit(work, done, failed)

    def damaged_while_open(self, err: CorruptDatabaseError) -> None:
        """The deferred check found the file damaged with the window up: offer the newest backup as the start
        does, restore it on the worker, and carry on with the restored data; without one, or on a “no”,
        the window closes and the file stays as it is."""
        ledger, window, ctx = self.ledger, self.window, self.ctx
        assert ledger is not None and window is not None and ctx is not None
        err.latest_backup = ledger.newest_backup()
        if err.latest_backup is None:
            self._refuse(
                self.tr("Database damaged"),
                str(err)
                + "\n\n"
                + self.tr("No backup to restore it from was found. The file was not changed."),
                window,
            )
            self._close_window()
            return
        if not self._ask_restore(ledger, err, window):
            self._close_window()
            return
        backup = err.latest_backup
        self.runner.wait_idle()  # the worker is the only thread touching the file while it is swapped
        window.setEnabled(False)  # and no page reads the ledger while it is closed for the swap

        def work(_control: TaskControl) -> Path | None:
            return ledger.restore_from(backup)

        def done(_safety: Path | None) -> None:
            window.setEnabled(True)
            window.statusBar().showMessage(
                self.tr("The data was restored from the backup “{path}”.").format(path=backup), 30000
            )
            ctx.reopened.emit()
            self.start_daily_backup()

        def failed(exc: BaseException) -> None:
            window.setEnabled(True)
            log.error("restore after a failed check", exc_info=exc)
            detail = str(exc) if isinstance(exc, MineLedgerError) else f"{type(exc).__name__}: {exc}"
            self._refuse(self.tr("Not restored"), detail, window)
            self._close_window()

        run_with_progress(
            window, self.runner, self.tr("Restoring from the backup…"), work, done, failed, cancellable=False
        )

    def _close_window(self) -> None:
        """End the session after a refusal: closing the main window quits the app (it is the last one)."""
        if self.window is not None and self.window.isVisible():
            self.window.close()

    def shutdown(self) -> None:
        # Close the window first: its closeEvent waits for work in flight, and must run while the worker
        # and the database still exist (closing it afterwards crashed PySide at teardown).
        if self.window is not None and self.window.isVisible():
            self.window.close()
        self.runner.wait_idle()
        if self.ledger is not None:
            self.ledger.close()


def start_gui(app: QApplication, db_path: Path, settings: AppSettings | None = None) -> Startup | None:
    """Everything run_gui does before the event loop; None when the database could not be opened."""
    startup = Startup(app, settings or AppSettings())
    return startup if startup.start(db_path) else None


def run_gui(argv: list[str]) -> int:
    args = parse_args(argv)
    app = create_app(argv)
    settings = AppSettings()
    install_translator(app, settings.language)
    setup_fonts(app)
    db_path = Path(args.db).expanduser() if args.db else default_db_path()
    startup = start_gui(app, db_path, settings)
    if startup is None:
        return 1
    try:
        return app.exec()
    finally:
        startup.shutdown()
