"""The window's preferences (language, operator, last mine, window layout) in one INI file.

The file sits in the data folder (desktop.paths.data_dir), so MINELEDGER_HOME redirects it with the database:
tests and a portable copy on a USB stick never touch the user's real settings or the Windows registry.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop.paths import data_dir

SETTINGS_FILE = "settings.ini"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


def settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


class AppSettings:
    """Typed access to the handful of values the window remembers."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _text(self, key: str, default: str = "") -> str:
        value = self.qsettings.value(key, default)
        return str(value) if value is not None else default

    def _set(self, key: str, value: object) -> None:
        self.qsettings.setValue(key, value)
        self.qsettings.sync()  # a power cut right after a change should not lose it

    @property
    def language(self) -> str:
        value = self._text("ui/language", DEFAULT_LANGUAGE)
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self._set("ui/language", value)

    @property
    def operator(self) -> str:
        return self._text("operator/name").strip()

    @operator.setter
    def operator(self, value: str) -> None:
        self._set("operator/name", value.strip())

    @property
    def last_mine_id(self) -> int | None:
        value = self._text("mine/last_id")
        return int(value) if value.isdigit() else None

    @last_mine_id.setter
    def last_mine_id(self, value: int | None) -> None:
        self._set("mine/last_id", "" if value is None else str(value))

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)
