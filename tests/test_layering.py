"""Architecture rule 1, enforced: db never imports Qt or desktop; printed forms build without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import sys, importlib.abc
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name == "desktop.gui":
            raise ImportError(f"{name} is unavailable in this test")
sys.meta_path.insert(0, NoQt())
"""


def run_without_qt(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_QT + code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_records_layer_works_with_qt_unavailable(tmp_path):
    code = f"""
import pkgutil, importlib, db
for m in pkgutil.walk_packages(db.__path__, "db."):
    if ".migrations" not in m.name:
        importlib.import_module(m.name)
from db.engine import open_database
from db.services.mines import create_mine
from db.rules.runner import findings_for_mine
d = open_database(r"{tmp_path / "x.sqlite3"}")
mid = create_mine(d, "t", name="m", kind="coal")
assert findings_for_mine(d, mid)
assert not any(k.startswith(("PySide6", "desktop")) for k in sys.modules), sorted(sys.modules)
"""
    result = run_without_qt(code)
    assert result.returncode == 0, result.stderr


def test_command_line_and_forms_load_no_qt(tmp_path):
    code = f"""
from desktop.cli import main
rc = main(["--db", r"{tmp_path / "y.sqlite3"}", "mines", "add", "一号矿", "--kind", "coal"])
assert rc == 0
import desktop.printing.layout, desktop.printing.roster, desktop.printing.catalog
assert not any(k.startswith("PySide6") for k in sys.modules)
"""
    result = run_without_qt(code)
    assert result.returncode == 0, result.stderr


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken" in result.stdout
