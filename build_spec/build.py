"""Build the MineLedger bundle (and, on Windows, the installer); report time and size.

    python build_spec/build.py                      # -> dist/mineledger/
    python build_spec/build.py --dist out --work build/pyi
    python build_spec/build.py --installer          # Windows: also run Inno Setup's ISCC -> dist/installer/

Run it with the project's venv interpreter: PyInstaller bundles the interpreter that runs it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_spec" / "mineledger.spec"
ISS = ROOT / "build_spec" / "mineledger.iss"


def project() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]


def folder_size(folder: Path) -> tuple[int, int]:
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        for version in ("Inno Setup 6", "Inno Setup 7"):
            candidate = Path(base or "") / version / "ISCC.exe"
            if base and candidate.is_file():
                return str(candidate)
    return None


def build_bundle(dist: Path, work: Path, clean: bool) -> Path:
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        cmd.append("--clean")
    cmd.append(str(SPEC))
    print("$", " ".join(cmd), flush=True)
    started = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, check=True)
    elapsed = time.monotonic() - started
    bundle = dist / project()["name"]
    size, count = folder_size(bundle)
    print(f"\nbundle: {bundle}")
    print(f"build time: {elapsed:.1f} s; size: {size / 2**20:.1f} MiB in {count} files")
    return bundle


def build_installer(bundle: Path, out_dir: Path) -> None:
    iscc = find_iscc()
    if iscc is None:
        sys.exit("Inno Setup's ISCC.exe was not found (install Inno Setup 6.3+ or put iscc on PATH)")
    cmd = [
        iscc,
        f"/DAppVersion={project()['version']}",
        f"/DSourceDir={bundle.resolve()}",
        f"/O{out_dir.resolve()}",
        str(ISS),
    ]
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle folder goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--installer", action="store_true", help="also compile the Inno Setup installer")
    args = parser.parse_args(argv)
    bundle = build_bundle(args.dist, args.work, args.clean)
    if args.installer:
        build_installer(bundle, args.dist / "installer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
