"""One place that says what time it is, so tests can pin it."""

from __future__ import annotations

from datetime import date, datetime


def now() -> datetime:
    # Local wall-clock time, seconds precision: what a clerk reads and an inspector compares with paper.
    return datetime.now().replace(microsecond=0)


def today() -> date:
    return now().date()
