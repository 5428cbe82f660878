"""Command-line verbs, one module each with `register(subparsers)`; order is the order in --help."""

from desktop.commands import backup, check, demo, drills, mines, print_forms, roster_exchange

VERB_MODULES = [demo, check, print_forms, backup, mines, roster_exchange, drills]
