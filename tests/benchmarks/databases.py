"""The benchmark's databases: generated once per size, seed, schema and generator, cached, copied to write.

A county database takes minutes to generate, so it is kept in the system temporary folder (or --keep-db DIR)
under a name that changes whenever anything that shapes its contents changes: the size, the seed, the schema
head, the generator's and the migrations' source, and the month (the generator dates its history back from
today). Generating a new one deletes the outdated ones of the same size and seed (a county is 2 GB).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from db import clock
from db.engine import head_revision, open_database
from db.models import MineKind
from db.services.mines import create_mine

BENCH_OPERATOR = "基准测试"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "mineledger-bench"
GENERATOR_SOURCE = Path(__file__).resolve().parents[2] / "db" / "generator.py"
MIGRATIONS = Path(__file__).resolve().parents[2] / "db" / "migrations" / "versions"


@dataclass
class BenchDatabase:
    path: Path
    size: str
    seed: int
    mine_ids: list[int]
    counts: dict[str, int]
    generated_in: float | None  # seconds it took to generate; None when it came from the cache
    cached: bool = False

    def describe(self) -> dict[str, object]:
        out = asdict(self)
        out["path"] = str(self.path)
        return out


def _source_fingerprint() -> str:
    """The generator's and the migrations' source: an edit to either (a new index …) makes a new database."""
    digest = hashlib.sha1()
    for path in [GENERATOR_SOURCE, *sorted(MIGRATIONS.glob("*.py"))]:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:8]


def cache_name(size: str, seed: int) -> str:
    month = f"{clock.today():%Y%m}"
    return f"{size}-{seed}-{head_revision()}-{_source_fingerprint()}-{month}.sqlite3"


def _settle(path: Path) -> None:
    """Fold the WAL into the main file, so the database is that one file (copied or renamed on its own)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def generated_database(
    size: str, seed: int, folder: Path | None = None, say: Callable[[str], None] = print
) -> BenchDatabase:
    """The cached database for (size, seed), generated first when it is not there yet."""
    from db.generator import generate  # imported late: it may not exist in an old checkout

    folder = folder or DEFAULT_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / cache_name(size, seed)
    sidecar = path.with_suffix(".json")
    if path.is_file() and sidecar.is_file():
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        return BenchDatabase(path, size, seed, meta["mine_ids"], meta["counts"], meta["generated_in"], True)

    partial = path.with_name(path.name + ".partial")
    for outdated in folder.glob(f"{size}-{seed}-*"):
        # An older generation, or what a broken run left behind (its WAL must not meet the new file).
        if not outdated.name.startswith(path.stem) or outdated.name.startswith(path.name):
            outdated.unlink()
    say(f"generating the {size} database (seed {seed}) into {path} …")
    began = time.perf_counter()
    db = open_database(partial)
    try:
        summary = generate(db, size, seed=seed, progress=lambda msg: say(f"  {msg}"))
    finally:
        db.close()
    _settle(partial)
    seconds = time.perf_counter() - began
    os.replace(partial, path)
    for leftover in folder.glob(partial.name + "*"):
        leftover.unlink()
    meta = {"mine_ids": list(summary.mine_ids), "counts": dict(summary.counts), "generated_in": seconds}
    sidecar.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return BenchDatabase(path, size, seed, meta["mine_ids"], meta["counts"], seconds, False)


def existing_database(path: Path) -> BenchDatabase:
    """A database the caller brings (--db): its mines in id order, its row counts."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        mine_ids = [row[0] for row in conn.execute("SELECT id FROM mine ORDER BY id")]
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name <> 'alembic_version'"
            )
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()
    return BenchDatabase(path, "custom", 0, mine_ids, counts, None, True)


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's backup API (safe even if the source still has a WAL)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in (target, target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def one_mine_database(path: Path) -> tuple[Path, int]:
    """A fresh database holding one empty mine: what a roster import is committed into."""
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    db = open_database(path)
    try:
        mine_id = create_mine(db, BENCH_OPERATOR, name="基准测试煤矿", kind=MineKind.coal)
    finally:
        db.close()
    _settle(path)
    return path, mine_id
