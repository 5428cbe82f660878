"""`mineledger` entry point: a verb runs on the command line (no Qt loaded); no verb opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from desktop.cli import build_parser

    parser = build_parser()
    verbs = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    # The value after --db is a path, never a verb, even if a file is called "demo".
    words = [a for i, a in enumerate(args) if not (i > 0 and args[i - 1] == "--db")]
    wants_cli = any(a in verbs or a in ("-h", "--help", "--version") for a in words)
    if wants_cli:
        from desktop.cli import main as cli_main

        return cli_main(args)
    from desktop.gui import run_gui

    return run_gui(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
