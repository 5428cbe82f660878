"""Domain lists shipped as data under resources/catalogs (posts, training kinds, special operations)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from resources import resource_path

EDUCATION_ORDER = {"初中": 0, "高中/中专/技校": 1, "大专": 2, "本科": 3, "研究生": 4}
TITLE_ORDER = {"": 0, "初级": 1, "中级": 2, "高级": 3}


@cache
def _load(name: str) -> Any:
    return json.loads(resource_path("catalogs", name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Post:
    code: str
    title: str
    group: str  # principal | five_positions | five_specialties


def key_posts(mine_kind: str) -> list[Post]:
    """The principal, then the five positions and five specialties that apply to this kind of mine."""
    data = _load("posts.json")
    posts = [Post(data["principal"]["code"], data["principal"]["title"], "principal")]
    if mine_kind in data["five_positions"]["applies_to"]:
        posts += [Post(p["code"], p["title"], "five_positions") for p in data["five_positions"]["posts"]]
    posts += [
        Post(p["code"], p["title"], "five_specialties") for p in data["five_specialties"].get(mine_kind, [])
    ]
    return posts


def post_title(mine_kind: str, code: str) -> str:
    for post in key_posts(mine_kind):
        if post.code == code:
            return post.title
    return code


def core_majors() -> list[str]:
    return list(_load("posts.json")["core_majors"])


def training_kinds() -> dict[str, str]:
    return {k["code"]: k["title"] for k in _load("training.json")["kinds"]}


def training_hours() -> dict[str, Any]:
    return dict(_load("training.json")["hours"])


def retrain_after_days_away() -> int:
    return int(_load("training.json")["retrain_after_days_away"])


@dataclass(frozen=True)
class SpecialOperation:
    name: str
    posts: tuple[str, ...]
    edition: str


def special_operations(mine_kind: str, on: date | None = None) -> list[SpecialOperation]:
    """The special-operation catalogue for coal or non-coal mines, in the edition valid on a date."""
    return list(_special_operations("coal" if mine_kind == "coal" else "non_coal", on or date.today()))


@cache
def _special_operations(key: str, on: date) -> tuple[SpecialOperation, ...]:
    # Cached: the rules ask once per person on the roster, and the catalogue never changes while running.
    editions = sorted(_load("special_operations.json")["editions"], key=lambda e: e["valid_from"])
    when = on.isoformat()
    edition = [e for e in editions if e["valid_from"] <= when][-1] if editions else None
    if edition is None:
        return ()
    return tuple(
        SpecialOperation(op["name"], tuple(op["posts"]), edition["code"]) for op in edition["catalogues"][key]
    )


def operation_for_post(mine_kind: str, post: str, on: date | None = None) -> SpecialOperation | None:
    """The special operation a roster post requires a licence for, or None for an ordinary post."""
    post = post.strip()
    for op in _special_operations("coal" if mine_kind == "coal" else "non_coal", on or date.today()):
        if post in op.posts:
            return op
    return None


def drill_catalog() -> dict[str, Any]:
    """Self-rescuer drill settings: threshold, plausible maximum, kinds, shifts, training unit models."""
    return dict(_load("drills.json"))


def drill_kinds() -> dict[str, str]:
    return {k["code"]: k["title"] for k in _load("drills.json")["kinds"]}


def hazard_catalog() -> dict[str, Any]:
    return dict(_load("hazards.json"))


def hazard_sources() -> dict[str, str]:
    return {s["code"]: s["title"] for s in _load("hazards.json")["sources"]}


def hazard_categories() -> list[str]:
    return list(_load("hazards.json")["categories"])


@dataclass(frozen=True)
class Clause:
    """One situation of a national major-hazard standard, keyed by edition + part + article + item."""

    edition: str
    part: str
    article: str
    category: str
    item: str
    text: str

    @property
    def key(self) -> str:
        return "|".join((self.edition, self.part, self.article, self.item))

    @property
    def label(self) -> str:
        return f"{self.part}{self.article}{self.item}".strip()


@cache
def standard_clauses(edition: str) -> tuple[Clause, ...]:
    import csv

    info = next((e for e in _load("hazards.json")["standard_editions"] if e["code"] == edition), None)
    if info is None:
        return ()
    path = resource_path("catalogs", "standards", info["file"])
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Clause(r["edition_code"], r["part"], r["article"], r["category"], r["item"], r["text"])
            for r in csv.DictReader(fh)
        )


def editions_for(mine_kind: str, on: date) -> list[dict[str, Any]]:
    """The standard editions in force for this kind of mine on a date (non-coal: the 2022 standard and its
    2024 supplement together)."""
    out = []
    for e in _load("hazards.json")["standard_editions"]:
        if mine_kind not in e["applies_to"] or on.isoformat() < e["in_force"]:
            continue
        if e["until"] and on.isoformat() > e["until"]:
            continue
        out.append(dict(e))
    return out


def clauses_for(mine_kind: str, on: date) -> list[Clause]:
    """The pick-list of clauses a hazard found on `on` is graded against (the part that fits the mine)."""
    part = _load("hazards.json")["part_for_kind"].get(mine_kind, "")
    clauses: list[Clause] = []
    for e in editions_for(mine_kind, on):
        clauses += [c for c in standard_clauses(e["code"]) if not part or c.part == part]
    return clauses


def find_clause(key: str) -> Clause | None:
    edition = key.split("|", 1)[0]
    return next((c for c in standard_clauses(edition) if c.key == key), None)
