"""The window speaks Chinese through Qt Linguist: English source strings in code, a shipped zh_CN translation.

The .ts file is the source of truth and is committed; the .qm is compiled from it (at install or bundle time
by `compile_translations`, or here on first start from a bare checkout). Qt is imported inside the functions,
so a build script can import `compile_translations` without loading Qt.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
TS_NAME = "mineledger_zh_CN.ts"
QM_NAME = "mineledger_zh_CN.qm"

# Translators must stay referenced: a garbage-collected QTranslator silently uninstalls itself.
_installed: list[QTranslator] = []


def ts_path() -> Path:
    return resource_path("i18n", TS_NAME)


def qm_path() -> Path:
    return resource_path("i18n", QM_NAME)


def find_qt_tool(name: str) -> Path | None:
    """A Qt Linguist tool (lrelease, lupdate) from the PySide6 install that runs this interpreter."""
    exe = ".exe" if os.name == "nt" else ""
    candidates = [Path(sys.executable).with_name(f"pyside6-{name}{exe}")]
    spec = importlib.util.find_spec("PySide6")  # locates the package without importing Qt
    if spec and spec.submodule_search_locations:
        candidates += [Path(p) / f"{name}{exe}" for p in spec.submodule_search_locations]
    for found in (shutil.which(f"pyside6-{name}"), shutil.which(name)):
        if found:
            candidates.append(Path(found))
    return next((c for c in candidates if c.is_file()), None)


def compile_translations(ts: Path, qm: Path) -> None:
    """Compile a Qt Linguist .ts into the .qm Qt loads; raises RuntimeError when lrelease fails."""
    tool = find_qt_tool("lrelease")
    if tool is None:
        raise RuntimeError("pyside6-lrelease not found: install PySide6 to compile the translations")
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(tool), "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0 or not qm.is_file():
        raise RuntimeError(f"lrelease failed on {ts}: {result.stdout}{result.stderr}")


def _usable_qm() -> Path | None:
    """The compiled translation, compiled now if missing or older than the .ts (a source checkout)."""
    qm, ts = qm_path(), ts_path()
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.is_file():
        return None
    # An installed package folder may be read-only: fall back to a private temporary folder.
    for target in (qm, Path(tempfile.mkdtemp(prefix="mineledger-i18n-")) / QM_NAME):
        try:
            compile_translations(ts, target)
            return target
        except (OSError, RuntimeError) as err:
            log.warning("cannot compile %s into %s: %s", ts, target, err)
    return qm if qm.is_file() else None


def install_translator(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> bool:
    """Make `app` speak `language` ("zh_CN" or "en"); replaces what an earlier call installed.

    Returns False when the Chinese translation could not be loaded (the window then shows English).
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator

    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language != DEFAULT_LANGUAGE:
        return True
    # Qt's own strings (standard buttons 确定/取消, file dialogs) come from PySide6's translations folder.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    qm = _usable_qm()
    ours = QTranslator(app)
    if qm is None or not ours.load(str(qm)):
        log.warning("Chinese translation %s could not be loaded", qm)
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    return True
