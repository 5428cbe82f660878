"""The app's version, read from the installed distribution (falls back for a bare checkout or bundle)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mineledger")
except PackageNotFoundError:  # pragma: no cover - bundle or source checkout without install
    __version__ = "0.1.0"
