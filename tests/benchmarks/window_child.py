"""A child process the benchmark starts to time a window coming up, or to read a window's peak memory.

    python tests/benchmarks/window_child.py bare
    python tests/benchmarks/window_child.py app --db FILE
    python tests/benchmarks/window_child.py memory --db FILE [--mine-id N]

`bare` is the baseline: a PySide6 main window holding one empty QTableView. `app` runs the real entry point,
desktop.app.main(["--db", FILE]) — the verb check, then desktop.gui.run_gui: create_app, install_translator,
setup_fonts, start_gui — with QApplication.exec replaced, so instead of entering the event loop the child
processes the pending events once (the window is exposed and painted), prints SHOWN_MARKER, and returns 0;
run_gui then shuts down as it does when the window is closed. `memory` does the same, then opens 人员培训 →
花名册 for the mine, lets the worker finish (the 首页 check, the daily backup) and scrolls the roster.

The parent sets MINELEDGER_HOME (settings.ini with an operator already set, so no prompt comes up, and the
automatic backups) and HOME / XDG_* to throwaway folders. The last line printed is RESULT_PREFIX + JSON:
peak RSS (KiB, see peak_rss_kib) and the time each startup step took inside the process.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402 - the clock starts before anything else is imported
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SHOWN_MARKER = "BENCH-SHOWN"
RESULT_PREFIX = "BENCH-RESULT "

phases: dict[str, float] = {}


def _since_start() -> float:
    return time.perf_counter() - STARTED


def peak_rss_kib() -> int:
    """This process's peak resident set, KiB. Linux carries ru_maxrss over fork and exec, so a child of a
    big parent reports the parent's peak there; VmHWM belongs to the process's own memory map, so it is read
    first, and ru_maxrss (KiB on Linux) only where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _finish(extra: dict[str, Any]) -> None:
    result = {
        "maxrss_kib": peak_rss_kib(),
        "ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "phases": phases,
        **extra,
    }
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def run_bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    phases["import"] = _since_start()
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1180, 760)  # the main window's first size
    window.show()
    app.processEvents()
    phases["shown"] = _since_start()
    print(SHOWN_MARKER, flush=True)
    _finish({})
    return 0


def _timed(module: Any, name: str) -> None:
    """Wrap a module-level function so run_gui's call to it is timed (run_gui looks it up at call time)."""
    original: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        begun = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            phases[name] = time.perf_counter() - begun

    setattr(module, name, wrapper)


def run_app(db_path: str, memory: bool, mine_id: int | None) -> int:
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    import desktop.app
    import desktop.gui

    phases["import"] = _since_start()
    for name in ("create_app", "install_translator", "setup_fonts", "start_gui"):
        _timed(desktop.gui, name)
    extra: dict[str, Any] = {}

    def shown_instead_of_loop(app: QApplication) -> int:
        from desktop.main_window import MainWindow

        before_paint = time.perf_counter()
        app.processEvents()
        phases["first_paint"] = time.perf_counter() - before_paint
        phases["shown"] = _since_start()
        print(SHOWN_MARKER, flush=True)
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        extra["main_window"] = bool(windows)
        if memory and windows:
            window = windows[0]
            if mine_id is not None and window.ctx.mine_id != mine_id:
                window.ctx.set_mine(mine_id)
            window.go("training")
            window.personnel.show_area("roster")
            app.processEvents()
            window.ctx.runner.wait_idle()  # the 首页 check and the daily backup run on the worker
            app.processEvents()
            table = getattr(window.personnel.roster, "table", None)
            if isinstance(table, QAbstractItemView):  # scrolled to the end and back: pages read and cached
                table.scrollToBottom()
                app.processEvents()
                table.scrollToTop()
                app.processEvents()
                extra["roster_rows"] = table.model().rowCount()
        return 0

    QApplication.exec = shown_instead_of_loop  # type: ignore[method-assign,assignment]
    code = desktop.app.main(["--db", db_path])
    _finish(extra)
    return code


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("bare", "app", "memory"))
    parser.add_argument("--db")
    parser.add_argument("--mine-id", type=int)
    args = parser.parse_args()
    if args.mode == "bare":
        code = run_bare()
    else:
        if not args.db:
            parser.error("--db is needed for app and memory")
        code = run_app(args.db, args.mode == "memory", args.mine_id)
    sys.stdout.flush()
    # Skip Python's teardown of the Qt objects: it is not part of any figure, and it only adds time.
    os._exit(code)


if __name__ == "__main__":
    main()
