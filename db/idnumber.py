"""居民身份证号 (GB 11643-1999): canonical form, check digit, birth date and sex."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


class IdNumberError(ValueError):
    """Why an ID number cannot be right, in Chinese."""


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: date
    sex: str  # 男 / 女


def normalise(raw: str) -> str:
    """Full-width digits, spaces and a lower-case x all mean the same ID: fold them into one form."""
    text = unicodedata.normalize("NFKC", raw)
    return "".join(text.split()).upper()


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def parse(raw: str, *, today: date | None = None) -> IdInfo:
    number = normalise(raw)
    if len(number) != 18:
        raise IdNumberError(f"身份证号应为18位，这里是{len(number)}位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise IdNumberError("身份证号前17位应为数字，最后一位为数字或X")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdNumberError(f"身份证号中的出生日期{number[6:14]}不是有效日期") from None
    if today is not None and birth > today:
        raise IdNumberError(f"身份证号中的出生日期{birth:%Y-%m-%d}晚于今天")
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise IdNumberError(f"身份证号校验位错误（最后一位应为{expected}），请核对是否抄错")
    sex = "男" if int(number[16]) % 2 == 1 else "女"
    return IdInfo(number=number, birth_date=birth, sex=sex)


def make(area: str, birth: date, sequence: int) -> str:
    """Build a valid number (for demo data and tests): 6-digit area, birth date, 3-digit sequence."""
    first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)
