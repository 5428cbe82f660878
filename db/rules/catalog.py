"""Rule defaults (thresholds, sources) from resources/catalogs/rules.json: data, not constants."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from resources import resource_path


@dataclass(frozen=True)
class RuleSpec:
    code: str
    area: str
    title: str
    severity: str
    source: str
    params: dict[str, Any]

    def param(self, key: str, profile: str | None = None) -> Any:
        """A threshold, from the profile's block when the rule has per-profile values."""
        if profile is not None and profile in self.params:
            return self.params[profile][key]
        return self.params[key]


@cache
def rule_catalog() -> dict[str, RuleSpec]:
    data = json.loads(resource_path("catalogs", "rules.json").read_text(encoding="utf-8"))
    return {r["code"]: RuleSpec(**r) for r in data["rules"]}


def rule(code: str) -> RuleSpec:
    return rule_catalog()[code]
