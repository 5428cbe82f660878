"""Entry script of the PyInstaller bundle: both `mineledger` and `mineledger-cli` start here.

Everything real lives in `desktop.app.main`; this file only prepares the frozen process.
"""

from __future__ import annotations

import sys


def _attach_parent_console() -> None:
    """Windowed `mineledger.exe` typed in a console: print into that console (best effort).

    Windows gives a windowed program no stdout, so `mineledger.exe check` would print nothing. If the
    program was started from a console, borrow it. Scripts should call `mineledger-cli.exe` instead: the
    console waits for it and pipes work.
    """
    if sys.platform != "win32" or sys.stdout is not None:
        return
    try:
        import ctypes

        attach_parent_process = -1
        if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            return  # started from Explorer or a shortcut: no console to borrow
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")
    except Exception:
        pass


def run() -> int:
    # Alembic reads the migration scripts from disk; never write __pycache__ into the install folder.
    sys.dont_write_bytecode = True
    if len(sys.argv) > 1:
        _attach_parent_console()
    from desktop.app import main

    return main()


if __name__ == "__main__":
    # A county file is checked in worker processes (db.rules.runner.findings_for_mines): in a frozen program
    # each worker starts this same executable, which must hand it to multiprocessing instead of running main.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(run())
