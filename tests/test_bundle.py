"""The PyInstaller bundle works as shipped: built from build_spec/mineledger.spec, run from its folder.

Slow (a build takes about a minute): `pytest -m slow tests/test_bundle.py`. To test an already built
bundle instead, point MINELEDGER_BUNDLE_DIR at its folder (the one holding `mineledger` and `_internal/`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_spec" / "mineledger.spec"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSION = PROJECT["version"]
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
BUILD_TIMEOUT_S = 900
RUN_TIMEOUT_S = 180


def program(bundle: Path, name: str = "mineledger") -> Path:
    return bundle / f"{name}{EXE_SUFFIX}"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reuse = os.environ.get("MINELEDGER_BUNDLE_DIR")
    if reuse:
        folder = Path(reuse)
        if not program(folder).is_file():
            pytest.fail(f"MINELEDGER_BUNDLE_DIR={reuse} holds no {program(folder).name}")
        return folder
    pytest.importorskip("PyInstaller")
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=BUILD_TIMEOUT_S,
    )
    if result.returncode != 0:
        pytest.fail(
            f"PyInstaller failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
        )
    folder = out / "dist" / "mineledger"
    assert program(folder).is_file()
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def run(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # On Windows `mineledger.exe` is windowed (no stdout); the console twin prints.
    name = "mineledger-cli" if sys.platform == "win32" else "mineledger"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MINELEDGER_HOME": str(home)}
    env.pop("PYTHONPATH", None)  # the bundle must not lean on the source tree
    return subprocess.run(
        [str(program(bundle, name)), *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=RUN_TIMEOUT_S,
    )


def ok(result: subprocess.CompletedProcess[str], *codes: int) -> subprocess.CompletedProcess[str]:
    allowed = codes or (0,)
    assert result.returncode in allowed, (
        f"exit {result.returncode}\nstdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"
    )
    return result


def test_both_programs_print_the_pyproject_version(bundle: Path, home: Path) -> None:
    for name in ("mineledger", "mineledger-cli"):
        assert program(bundle, name).is_file(), name
    out = ok(run(bundle, home, "--version")).stdout.strip()
    assert out == f"mineledger {VERSION}"
    if sys.platform != "win32":  # the windowed twin has no stdout on Windows
        exe = program(bundle, "mineledger-cli")
        res = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
        assert res.stdout.strip() == f"mineledger {VERSION}"


def test_bundle_carries_migrations_fonts_catalogues_and_metadata(bundle: Path) -> None:
    internal = bundle / "_internal"
    migrations = internal / "db" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    source_versions = {p.name for p in (ROOT / "db" / "migrations" / "versions").glob("*.py")}
    bundled_versions = {p.name for p in (migrations / "versions").glob("*.py")}
    assert source_versions and source_versions <= bundled_versions

    for sub in ("fonts", "catalogs"):
        source = {p.name for p in (ROOT / "resources" / sub).iterdir() if p.is_file()}
        bundled = {p.name for p in (internal / "resources" / sub).iterdir()}
        assert source and source <= bundled, sub
    assert list((internal / "resources" / "fonts").glob("*.tt[cf]"))
    for ts in (ROOT / "resources" / "i18n").glob("*.ts"):
        assert (internal / "resources" / "i18n" / ts.with_suffix(".qm").name).is_file()

    metadata = [*internal.glob("mineledger-*.dist-info"), *internal.glob("mineledger.egg-info")]
    assert metadata, "no mineledger distribution metadata in the bundle"


def demo_database(bundle: Path, home: Path, name: str) -> tuple[Path, str]:
    """A database filled by `demo`, and the name of its first mine (demo makes more than one)."""
    db = home / name
    ok(run(bundle, home, "--db", str(db), "demo"))
    mines = json.loads(ok(run(bundle, home, "--db", str(db), "mines", "--json")).stdout)
    assert mines, "demo made no mine"
    return db, mines[0]["name"]


def test_demo_then_check_reports_findings_as_json(bundle: Path, home: Path) -> None:
    db, mine = demo_database(bundle, home, "demo.sqlite3")
    result = ok(run(bundle, home, "--db", str(db), "check", "--mine", mine, "--json"), 0, 1)
    report = json.loads(result.stdout)
    assert isinstance(report["findings"], list)


def test_print_roster_writes_a_pdf(bundle: Path, home: Path) -> None:
    db, mine = demo_database(bundle, home, "r.sqlite3")
    pdf = home / "r.pdf"
    ok(run(bundle, home, "--db", str(db), "print", "roster", "--mine", mine, "--out", str(pdf)))
    assert pdf.read_bytes().startswith(b"%PDF")
