"""What one measure produced, the targets it is held against, and the clock helpers every measure uses."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Order of the table, the JSON and RESULTS.md.
MEASURE_KEYS = (
    "startup",
    "roster_first_page",
    "roster_search_keystroke",
    "findings_one_mine",
    "findings_all_mines",
    "drill_coverage_month",
    "hazard_ledger_pdf",
    "roster_import",
    "peak_memory",
)
UNITS = {
    "startup": "s",
    "roster_first_page": "ms",
    "roster_search_keystroke": "ms",
    "findings_one_mine": "ms",
    "findings_all_mines": "s",
    "drill_coverage_month": "ms",
    "hazard_ledger_pdf": "s",
    "roster_import": "s",
    "peak_memory": "MB",
}
SCALE = {"s": 1.0, "ms": 1000.0, "MB": 1.0}  # seconds → the unit (memory is measured in MB already)


@dataclass(frozen=True)
class Target:
    """The figure must stay at or below `value_max` (in the measure's unit) and/or its ratio to the baseline
    at or below `ratio_max`."""

    value_max: float | None = None
    ratio_max: float | None = None

    def text(self, unit: str) -> str:
        parts = []
        if self.ratio_max is not None:
            parts.append(f"ratio ≤ {self.ratio_max:g}")
        if self.value_max is not None:
            parts.append(f"≤ {self.value_max:g} {unit}")
        return ", ".join(parts)

    def met(self, value: float, ratio: float | None) -> bool | None:
        """True / False; None when the target is a ratio and there is no baseline to take it against."""
        if self.value_max is not None and value > self.value_max:
            return False
        if self.ratio_max is not None:
            if ratio is None:
                return None if self.value_max is None else True
            return ratio <= self.ratio_max
        return True


TARGETS: dict[str, Target] = {
    "startup": Target(value_max=1.5, ratio_max=2.0),
    "roster_first_page": Target(value_max=150),
    "roster_search_keystroke": Target(value_max=100),
    "findings_one_mine": Target(value_max=300),
    "findings_all_mines": Target(value_max=3),
    "drill_coverage_month": Target(value_max=100),
    "hazard_ledger_pdf": Target(ratio_max=1.5),
    "roster_import": Target(ratio_max=3.0),
    "peak_memory": Target(value_max=400),
}


def _round(x: float) -> float:
    return float(f"{x:.6g}")


@dataclass
class Measure:
    """One measure's median, in its unit, beside the baseline's (None when it has none)."""

    key: str
    value: float
    baseline: float | None
    runs: int
    baseline_what: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        return UNITS[self.key]

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return _round(_round(self.value) / _round(self.baseline))

    @property
    def target(self) -> Target:
        return TARGETS[self.key]

    @property
    def met(self) -> bool | None:
        return self.target.met(self.value, self.ratio)

    def to_json(self) -> dict[str, Any]:
        # Exactly these four fields: anything else goes under _detail.
        return {
            "value": _round(self.value),
            "unit": self.unit,
            "baseline": None if self.baseline is None else _round(self.baseline),
            "ratio": self.ratio,
        }


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def seconds_of(fn: Callable[[], Any]) -> float:
    """Seconds one call takes (wall clock: what the clerk waits)."""
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def repeat(fn: Callable[[], Any], runs: int, warmup: bool = True) -> list[float]:
    """Seconds of `runs` calls; one untimed call first when `warmup` (imports, caches, the page cache)."""
    if warmup:
        fn()
    return [seconds_of(fn) for _ in range(runs)]
