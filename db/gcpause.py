"""Pausing Python's cyclic garbage collector while a big, short-lived read is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a month of drills or a mine's findings is built (usable as a
    decorator too). Each makes tens of thousands of small acyclic objects (facts, rows, lines) that live until
    it is done: the collections their allocation triggers free none of them, and at office size they set off
    a full one, which walks the whole heap (~40 ms), about every other time. Only a pause that found the
    collector on turns it back on, so nesting and another thread's pause are safe; it never stays off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
