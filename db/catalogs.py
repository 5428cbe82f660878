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
    editions = sorted(_load("special_operations.json")["editions"], key=lambda e: e["valid_from"])
    when = (on or date.today()).isoformat()
    edition = [e for e in editions if e["valid_from"] <= when][-1] if editions else None
    if edition is None:
        return []
    key = "coal" if mine_kind == "coal" else "non_coal"
    return [
        SpecialOperation(op["name"], tuple(op["posts"]), edition["code"]) for op in edition["catalogues"][key]
    ]


def operation_for_post(mine_kind: str, post: str, on: date | None = None) -> SpecialOperation | None:
    """The special operation a roster post requires a licence for, or None for an ordinary post."""
    post = post.strip()
    for op in special_operations(mine_kind, on):
        if post in op.posts:
            return op
    return None


def drill_catalog() -> dict[str, Any]:
    """Self-rescuer drill settings: threshold, plausible maximum, kinds, shifts, training unit models."""
    return dict(_load("drills.json"))


def drill_kinds() -> dict[str, str]:
    return {k["code"]: k["title"] for k in _load("drills.json")["kinds"]}
