"""Errors the records layer raises, each carrying a message a clerk can read (Chinese)."""

from __future__ import annotations

from pathlib import Path


class MineLedgerError(Exception):
    """Base of every error meant for the clerk: `str(err)` is the Chinese message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(MineLedgerError):
    """Input refused before anything was written; names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}：{message}")
        self.field = field


class DuplicateError(ValidationError):
    pass


class NotFoundError(MineLedgerError):
    pass


class DatabaseFileError(MineLedgerError):
    """The database file itself cannot be used as it is."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class NotADatabaseError(DatabaseFileError):
    pass


class CorruptDatabaseError(DatabaseFileError):
    def __init__(self, message: str, path: Path | None = None, latest_backup: Path | None = None) -> None:
        super().__init__(message, path)
        self.latest_backup = latest_backup


class NewerSchemaError(DatabaseFileError):
    pass


class ReadOnlyError(DatabaseFileError):
    pass


class DiskFullError(DatabaseFileError):
    pass


class DatabaseInUseError(DatabaseFileError):
    pass
