"""Data that ships with MineLedger: fonts, translations, catalogues.

Kept as a package so an installed wheel and a PyInstaller bundle find the files the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The folder holding this package's data files (inside a PyInstaller bundle too)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
