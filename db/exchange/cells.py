"""Reading one hand-typed cell: dates in a dozen styles, education and employment words, yes/no, names, IDs.

Each reader returns the value in the form the records layer stores, or raises CellError with the reason in the
clerk's words (the caller adds the row number and the column's name).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time

from openpyxl.utils.datetime import from_excel

from db.exchange.vocabulary import (
    BELOW_JUNIOR,
    EDUCATION,
    EDUCATION_PREFIXES,
    EDUCATION_SUFFIXES,
    EMPLOYMENT,
    NO,
    STATUS,
    TITLES,
    YES,
    fold,
    strip_parens,
)
from db.idnumber import check_digit, normalise

DATE_HINT = "可写作2005-07-01、2005.07或2005年7月"
# Excel serial numbers for 1927-01-01 .. 2099-12-31: wide enough for any birth or hiring date on a roster.
SERIAL_MIN, SERIAL_MAX = 10_000, 73_050
YEAR_MIN, YEAR_MAX = 1900, 2100

_YMD = re.compile(r"^(\d{4})(?:年|[.\-/])(\d{1,2})(?:(?:月|[.\-/])(\d{1,2})(?:日|号)?|月)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
_YEAR_ONLY = re.compile(r"^(\d{4})年?$")
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_TRAILING_TIME = re.compile(r"(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?E\+?\d+$", re.IGNORECASE)
_NAME_DOTS = str.maketrans({"•": "·", "●": "·", "．": "·", ".": "·", "・": "·"})


class CellError(ValueError):
    """Why a cell cannot be read; the message names the value, not the column (the caller knows that)."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: object) -> str:
    """The value as the clerk sees it in the message: 2005.1, not 2005.1000000001."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}"
    return str(value).strip()


def text(value: object) -> str:
    """A free-text cell: one line, trimmed; a whole number typed into Excel comes back without ".0"."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}"
    return " ".join(str(value).split())


def code(value: object) -> str:
    """工号 and 电话: full-width digits folded, no spaces at all (Excel users pad them)."""
    return "".join(unicodedata.normalize("NFKC", text(value)).split()).lstrip("'")


def name(value: object) -> str:
    """Spaces inside a name ("王 建 国") and full-width letters are typing, not the name; minority names keep
    one form of the middle dot."""
    if is_blank(value):
        return ""
    folded = unicodedata.normalize("NFKC", str(value))
    return "".join(folded.split()).translate(_NAME_DOTS).strip("·")


class NumericIdError(CellError):
    pass


def id_number(value: object) -> tuple[str, str | None]:
    """The canonical spelling of an ID cell and, for a 15-digit first-generation number, the warning that it
    was upgraded to 18 digits. Validation (check digit, birth date) is db.idnumber.parse's job."""
    if isinstance(value, bool):
        raise CellError(f"“{value}”不是身份证号")
    if isinstance(value, int | float):
        # Excel keeps 15 significant digits of a number: the last three of an 18-digit ID are already gone.
        raise NumericIdError(
            f"身份证号被存成了数字（{value:.15g}），Excel 只保留15位有效数字，后几位已经丢失；"
            "请把身份证号一列设置为“文本”格式后重新录入"
        )
    raw = str(value).strip().lstrip("'`")
    number = normalise(raw)
    if _SCIENTIFIC.match(number):
        raise NumericIdError(
            f"身份证号显示为科学计数法（{raw}），后几位已经丢失；请把身份证号一列设置为“文本”格式后重新录入"
        )
    if len(number) == 15 and number.isdigit():
        # GB 11643: insert the century and compute the check digit. All 15-digit cards were issued to people
        # born in the 1900s.
        first17 = f"{number[:6]}19{number[6:]}"
        upgraded = first17 + check_digit(first17)
        return upgraded, f"15位旧身份证号已按国家标准升为18位（{upgraded}），请与本人身份证核对"
    return number, None


def _checked(year: int, month: int, day: int, raw: object) -> date:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise CellError(f"“{shown(raw)}”中的年份{year}不对")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"“{shown(raw)}”不是有效日期（{DATE_HINT}）") from None


def _from_number(value: float, raw: object) -> date:
    whole = int(value)
    if value == whole:
        if YEAR_MIN <= whole <= YEAR_MAX:
            raise CellError(f"“{whole}”只有年份，请写明月份（{DATE_HINT}）")
        digits = str(whole)
        if len(digits) in (6, 8):  # 200507, 20050701 typed into a General cell
            return _checked(int(digits[:4]), int(digits[4:6]), int(digits[6:8] or 1), raw)
    elif YEAR_MIN <= whole <= YEAR_MAX:
        # 2005.07 typed into a General cell became a number. Its decimals read as month (and day).
        decimals = f"{value:.4f}".split(".")[1].rstrip("0")
        if len(decimals) == 1 and decimals == "1":
            raise CellError(
                f"“{shown(raw)}”是数字格式，分不清是1月还是10月；请把该列设为文本，或写成{whole}年1月、{whole}年10月"
            )
        if len(decimals) == 1:
            return _checked(whole, int(decimals), 1, raw)
        if len(decimals) == 2:
            return _checked(whole, int(decimals), 1, raw)
        if len(decimals) == 4:
            return _checked(whole, int(decimals[:2]), int(decimals[2:]), raw)
        raise CellError(f"“{shown(raw)}”无法识别为日期（{DATE_HINT}）")
    if SERIAL_MIN <= value <= SERIAL_MAX:
        return from_excel(value).date()
    raise CellError(f"“{shown(raw)}”无法识别为日期（{DATE_HINT}）")


def parse_date(value: object) -> date | None:
    """Every date style a roster holds; a month without a day means the 1st. Blank → None."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool | time):
        raise CellError(f"“{shown(value)}”无法识别为日期（{DATE_HINT}）")
    if isinstance(value, int | float):
        return _from_number(float(value), value)
    folded = unicodedata.normalize("NFKC", str(value)).strip()
    folded = _TRAILING_TIME.sub("", folded)
    folded = "".join(folded.split()).rstrip(".")
    if m := _YMD.match(folded):
        return _checked(int(m[1]), int(m[2]), int(m[3] or 1), value)
    if m := _COMPACT.match(folded):
        return _checked(int(m[1]), int(m[2]), int(m[3] or 1), value)
    if m := _YEAR_ONLY.match(folded):
        raise CellError(f"“{shown(value)}”只有年份，请写明月份（{DATE_HINT}）")
    if _SERIAL.match(folded) and SERIAL_MIN <= float(folded) <= SERIAL_MAX:
        return from_excel(float(folded)).date()
    raise CellError(f"“{shown(value)}”无法识别为日期（{DATE_HINT}）")


def _bare_education(word: str) -> str:
    """Study modes and suffixes say how, not what level: 函授本科毕业 → 本科."""
    for _ in range(2):  # a prefix and a suffix may both be there
        for prefix in EDUCATION_PREFIXES:
            if word.startswith(prefix) and len(word) > len(prefix):
                word = word[len(prefix) :]
        for suffix in EDUCATION_SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix):
                word = word[: -len(suffix)]
    return word


def education(value: object) -> str:
    """One of the five levels, "" for a blank cell; CellError for a word we cannot place or below 初中."""
    if is_blank(value):
        return ""
    word = fold(value)
    for candidate in (word, strip_parens(word)):
        for form in (candidate, _bare_education(candidate)):
            if form in EDUCATION:
                return EDUCATION[form]
            if form in BELOW_JUNIOR:
                raise CellError(
                    f"“{shown(value)}”低于初中；台账只登记初中及以上学历（特种作业人员须具备初中及以上文化程度），"
                    "请核实"
                )
    # "高中/中专" or "中专、技校": fine when every part names the same level.
    parts = {EDUCATION.get(_bare_education(p)) for p in re.split(r"[/、,，]", word) if p}
    if len(parts) == 1 and None not in parts:
        return str(parts.pop())
    raise CellError(f"“{shown(value)}”无法识别（可填：初中、高中/中专/技校、大专、本科、研究生）")


def employment(value: object) -> str:
    """正式 / 合同 / 劳务派遣 / 外包; a blank cell is 正式, the door's default."""
    if is_blank(value):
        return "正式"
    word = fold(value)
    found = EMPLOYMENT.get(word) or EMPLOYMENT.get(strip_parens(word))
    if found is None:
        raise CellError(f"“{shown(value)}”无法识别（可填：正式、合同、劳务派遣、外包）")
    return found


def yes_no(value: object) -> bool | None:
    """是/否, √/×, Y/N, 入井/不入井 …; None for a blank cell."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    word = fold(shown(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(f"“{shown(value)}”无法识别（请填“是”或“否”）")


def title(value: object) -> str | None:
    """初级/中级/高级 or ""; None when the words name no grade we know (the caller warns, not refuses)."""
    if is_blank(value):
        return ""
    word = fold(value)
    if word in TITLES:
        return TITLES[word]
    plain = strip_parens(word)
    if plain in TITLES:
        return TITLES[plain]
    # "采矿工程师", "高级经济师", "助理会计师": the grade is in the words around the trade.
    if "正高" in plain or "高级" in plain:
        return "高级"
    if "助理" in plain or plain.endswith("员"):
        return "初级"
    if plain.endswith("师") and "技师" not in plain:
        return "中级"
    return None


def status(value: object) -> str | None:
    """active / transferred / left, or None for words we cannot place."""
    if is_blank(value):
        return "active"
    return STATUS.get(fold(value))


def sex(value: object) -> str | None:
    if is_blank(value):
        return None
    word = fold(value)
    return {"男": "男", "女": "女", "M": "男", "F": "女", "男性": "男", "女性": "女"}.get(word, word)
