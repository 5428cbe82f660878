"""A donning time as a clerk types it: “27.5”, “２７．５”, “27.5秒”, or “q” / “缺” for absent.

`judge(text, threshold)` says what the text means against a threshold (passed, failed, absent, empty, or a
problem in the service's own Chinese words), so the drill sheet marks a row live, before anything is saved.
Exactly the threshold passes; over it fails.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from db.errors import ValidationError
from db.services.drills import parse_seconds

# What a clerk types for “did not come”: q (缺 in pinyin), the character itself, or a slash as on paper.
ABSENT_TOKENS = frozenset({"q", "缺", "缺席", "缺考", "/"})


def normalise(text: str) -> str:
    """Full-width digits and points become half-width; spaces go; “秒” and “s” stay for the service."""
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("。", ".")


def is_absent_token(text: str) -> bool:
    return normalise(text).lower() in ABSENT_TOKENS


@dataclass(frozen=True)
class Verdict:
    state: str  # empty | absent | bad | passed | failed
    seconds: float | None = None
    problem: str = ""  # for “bad”: the service's own words, e.g. “abc”不是数字


def judge(text: str, threshold: float, *, absent: bool = False) -> Verdict:
    if absent:
        return Verdict("absent")
    cleaned = normalise(text)
    if not cleaned:
        return Verdict("empty")
    if cleaned.lower() in ABSENT_TOKENS:
        return Verdict("absent")
    try:
        seconds = parse_seconds(cleaned, "")
    except ValidationError as err:
        return Verdict("bad", problem=str(err).split("：", 1)[-1])
    return Verdict("passed" if seconds <= threshold else "failed", seconds)


class SecondsEntry(QLineEdit):
    """A short right-aligned field for seconds; it accepts any text so a wrong one can be shown as wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(12)
        self.set_bad(False)

    def value_text(self) -> str:
        return normalise(self.text())

    def set_bad(self, bad: bool) -> None:
        self.setProperty("bad", bad)
        self.setStyleSheet("QLineEdit { background: #fde7e7; color: #b71c1c; }" if bad else "")
