"""Build step: compile the Qt Linguist translations (.ts → .qm) at install time.

Everything else about the package lives in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def lrelease_binary() -> Path:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise RuntimeError("PySide6 is needed to compile the translations (build requirement)")
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    return Path(spec.origin).parent / name


class BuildWithTranslations(build_py):
    def run(self) -> None:
        for ts in sorted((HERE / "resources" / "i18n").glob("*.ts")):
            qm = ts.with_suffix(".qm")
            subprocess.run([str(lrelease_binary()), "-silent", str(ts), "-qm", str(qm)], check=True)
        super().run()


setup(cmdclass={"build_py": BuildWithTranslations})
