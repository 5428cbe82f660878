"""What every page shares: the open ledger (database + its lock), the operator, the chosen mine, the worker.

Pages never hold the Database object for long: after a restore the ledger reopens and `ctx.db` is a new
object, so they read `ctx.db` each time and refresh on `mine_changed` / `data_changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from db.backup import DAILY_SUBDIR, latest_backup, restore
from db.engine import Database, IntegrityCheck, open_database
from db.errors import MineLedgerError
from db.lock import FileLock
from db.models import Mine
from db.queries import list_mines
from db.rules.findings import Finding
from desktop.paths import backup_dir_for
from desktop.settings import AppSettings
from desktop.workers import TaskRunner

T = TypeVar("T")
Opener = Callable[[QWidget, "AppContext", int], bool]
SAFETY_SUBDIR = "before-restore"  # the same folder `mineledger restore` keeps its safety copies in
MANUAL_SUBDIR = "manual"


class Ledger:
    """One database file held open by this window: the exclusive lock beside it, and the engine."""

    def __init__(self, path: Path, *, check: IntegrityCheck = "full") -> None:
        self.path = Path(path).expanduser().resolve()
        # "deferred": the window runs the whole-file check on its worker once shown (desktop.gui).
        self.check: IntegrityCheck = check
        self.backup_dir = backup_dir_for(self.path)
        self.daily_dir = self.backup_dir / DAILY_SUBDIR
        self.safety_dir = self.backup_dir / SAFETY_SUBDIR
        self._lock: FileLock | None = None
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("the ledger is not open")
        return self._db

    @property
    def is_open(self) -> bool:
        return self._db is not None

    def open(self) -> Database:
        """Take the lock, then open and migrate; raises MineLedgerError subclasses (Chinese messages)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.path)
        lock.acquire()  # DatabaseInUseError when another window has this file
        try:
            self._db = open_database(
                self.path,
                backup_dir=self.backup_dir,
                latest_backup=lambda: latest_backup(self.backup_dir),
                check=self.check,
            )
        except BaseException:
            lock.release()
            raise
        self._lock = lock
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def restore_from(self, backup_file: Path) -> Path | None:
        """Replace the data with a backup's; the current file is kept in `safety_dir` first.

        db.backup.restore takes the lock itself, so ours is let go for the swap. Whatever happens, the ledger
        is open again afterwards: on the restored data, or — when the backup was refused — on the old data.
        """
        was_open = self.is_open
        self.close()
        try:
            return restore(self.path, Path(backup_file), self.safety_dir)
        finally:
            if was_open:
                self.open()

    def newest_backup(self) -> Path | None:
        return latest_backup(self.backup_dir)


class OpenerRegistry:
    """Which window opens the record a finding is about: entity name (“mine”, “person” …) → opener,
    optionally narrowed to one rule (a missing “五职” post is about the mine, but is fixed in the roster).

    An opener shows the record (usually in a modal dialog) and returns True when it saved a change.
    """

    def __init__(self) -> None:
        self._openers: dict[tuple[str, str | None], Opener] = {}

    def register(self, entity: str, opener: Opener, *, rule: str | None = None) -> None:
        self._openers[(entity, rule)] = opener

    def opener_for(self, finding: Finding) -> Opener | None:
        entity = finding.subject.entity
        return self._openers.get((entity, finding.rule_code)) or self._openers.get((entity, None))

    def can_open(self, finding: Finding) -> bool:
        return self.opener_for(finding) is not None

    def open(self, parent: QWidget, ctx: AppContext, finding: Finding) -> bool:
        opener = self.opener_for(finding)
        return bool(opener and opener(parent, ctx, finding.subject.id))


class AppContext(QObject):
    mine_changed = Signal(int)  # the chosen mine's id; 0 when the database has none
    data_changed = Signal()  # a record was written or the database reopened: pages re-read
    operator_changed = Signal(str)
    reopened = Signal()  # the database was swapped (restore): the mine list itself may differ

    def __init__(
        self, ledger: Ledger, settings: AppSettings, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.settings = settings
        self.runner = runner
        self.openers = OpenerRegistry()
        self.mine_id: int | None = None

    @property
    def db(self) -> Database:
        return self.ledger.db

    @property
    def operator(self) -> str:
        return self.settings.operator

    def set_operator(self, name: str) -> None:
        self.settings.operator = name
        self.operator_changed.emit(self.settings.operator)

    def mines(self) -> list[Mine]:
        return list_mines(self.db)

    def mine(self) -> Mine | None:
        if self.mine_id is None:
            return None
        with self.db.session() as s:
            return s.get(Mine, self.mine_id)

    def set_mine(self, mine_id: int | None) -> None:
        self.mine_id = mine_id
        if mine_id is not None:
            self.settings.last_mine_id = mine_id
        self.mine_changed.emit(mine_id or 0)

    def write(
        self, parent: QWidget, service: Callable[..., T], *args: Any, **kwargs: Any
    ) -> tuple[bool, T | None]:
        """Call a db.services door as the current operator: (True, its result), or show its Chinese
        refusal and return (False, None) — nothing was written then.

        Single-record writes are a few milliseconds, so they run here on the GUI thread; the refresh that
        follows tells every page to re-read.
        """
        try:
            result = service(self.db, self.operator, *args, **kwargs)
        except MineLedgerError as err:
            QMessageBox.warning(parent, self.tr("Not saved"), str(err))
            return False, None
        self.data_changed.emit()
        return True, result
