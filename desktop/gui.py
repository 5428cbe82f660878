"""Start the window: Qt application, font, translation, the database (locked, opened, checked), then the
first-run wizard or the main window. Every refusal is a Chinese message box, never a traceback."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from db import clock
from db.backup import daily_backup
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
from desktop.dialogs.wizard import FirstRunWizard
from desktop.i18n import install_translator
from desktop.main_window import MainWindow
from desktop.paths import APP_NAME, default_db_path
from desktop.settings import AppSettings
from desktop.views.context import AppContext, Ledger
from desktop.workers import TaskRunner
from resources import resource_path

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
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    return app


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

    def open_ledger(self, path: Path) -> Ledger | None:
        """Lock and open the file; on failure explain in Chinese (offering a restore when it is damaged)."""
        ledger = Ledger(path)
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

    def _refuse(self, title: str, message: str) -> None:
        QMessageBox.critical(None, title, message + "\n\n" + self.tr("MineLedger will close now."))

    def _offer_restore(self, ledger: Ledger, err: CorruptDatabaseError) -> bool:
        backup = err.latest_backup
        assert backup is not None
        when = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            None,
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
            self._refuse(self.tr("Database damaged"), self.tr("The database file was not changed."))
            return False
        try:
            ledger.restore_from(backup)
        except MineLedgerError as again:
            self._refuse(self.tr("Not restored"), str(again))
            return False
        return True

    # --- windows ----------------------------------------------------------------------------------------

    def start(self, db_path: Path) -> bool:
        self.ledger = self.open_ledger(db_path)
        if self.ledger is None:
            return False
        self.ctx = AppContext(self.ledger, self.settings, self.runner, self)
        if self.ctx.mines():
            self.show_main_window()
        else:
            # The wizard closing must not end the app before the main window is up.
            self.app.setQuitOnLastWindowClosed(False)
            self.wizard = FirstRunWizard(self.ctx)
            self.wizard.accepted.connect(self.show_main_window)
            self.wizard.rejected.connect(self.app.quit)
            self.wizard.show()
        return True

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
        """Once a day, at start: a rotated backup in the automatic folder. It runs on the worker, so the
        window is usable at once; a failure is reported in the status bar, not in the clerk's way."""
        assert self.ledger is not None
        path, folder, today = self.ledger.path, self.ledger.daily_dir, clock.today()

        def done(made: Path | None) -> None:
            self.daily_backup = made

        def failed(exc: BaseException) -> None:
            log.error("daily backup failed", exc_info=exc)
            if self.window is not None:
                self.window.statusBar().showMessage(
                    self.tr("Today's automatic backup failed: {error}").format(error=exc), 15000
                )

        self.runner.submit(lambda _control: daily_backup(path, folder, today), done, failed)

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
