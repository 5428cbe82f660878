"""居民身份证号: the standard's published examples and property tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.idnumber import IdNumberError, make, normalise, parse


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("11010519491231002X", date(1949, 12, 31), "女"),  # GB 11643-1999 example
        ("440524188001010014", date(1880, 1, 1), "男"),  # GB 11643-1999 example
    ],
)
def test_published_examples(number, birth, sex):
    info = parse(number)
    assert (info.number, info.birth_date, info.sex) == (number, birth, sex)


def test_hand_typing_folds_to_one_form():
    assert normalise(" １１０１０５ 19491231002x ") == "11010519491231002X"
    assert parse("１１０１０５１９４９１２３１００２ｘ").number == "11010519491231002X"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1101051949123100", "18位"),
        ("11010519491231002Y", "最后一位"),
        ("110105194902300021", "不是有效日期"),
        ("110105194912310021", "校验位错误"),
    ],
)
def test_wrong_numbers_say_why(raw, reason):
    with pytest.raises(IdNumberError, match=reason):
        parse(raw)


def test_birth_in_the_future_is_refused():
    with pytest.raises(IdNumberError, match="晚于今天"):
        parse(make("140522", date(2030, 1, 1), 1), today=date(2026, 11, 23))


areas = st.sampled_from(["140522", "140525", "110105", "440524", "620102"])
births = st.dates(min_value=date(1940, 1, 1), max_value=date(2010, 12, 31))
sequences = st.integers(min_value=0, max_value=999)


@given(areas, births, sequences)
def test_valid_numbers_round_trip(area, birth, seq):
    number = make(area, birth, seq)
    info = parse(number)
    assert info.number == number and info.birth_date == birth
    assert info.sex == ("男" if seq % 2 else "女")


@given(
    areas, births, sequences, st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=10)
)
def test_any_single_changed_character_is_caught(area, birth, seq, position, shift):
    number = make(area, birth, seq)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    current = alphabet.index(number[position])
    changed = alphabet[(current + shift) % len(alphabet)]
    if changed == number[position]:
        return
    with pytest.raises(IdNumberError):
        parse(number[:position] + changed + number[position + 1 :])
