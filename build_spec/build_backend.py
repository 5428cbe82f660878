"""PEP 517 build backend: setuptools, after compiling the Qt Linguist translations (.ts → .qm).

Lives in build_spec/ (pyproject's `backend-path`) so the project's top level stays as designed. The .qm files
are build output (gitignored); an install, editable or not, compiles them from the shipped .ts.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403 - every hook setuptools offers, re-exported

ROOT = Path(__file__).resolve().parent.parent


def _lrelease() -> Path:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise RuntimeError("PySide6 is needed to compile the translations (a build requirement)")
    return Path(spec.origin).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")


def compile_translations() -> None:
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        subprocess.run([str(_lrelease()), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):  # type: ignore[no-untyped-def]
    compile_translations()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):  # type: ignore[no-untyped-def]
    compile_translations()
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory, config_settings=None):  # type: ignore[no-untyped-def]
    compile_translations()
    return _setuptools.build_sdist(sdist_directory, config_settings)
