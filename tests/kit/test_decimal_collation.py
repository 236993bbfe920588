"""kit.types.compare_decimal_text: the SQLite ``decimal`` collation orders amounts by value."""

from __future__ import annotations

from decimal import Decimal, localcontext
from functools import cmp_to_key

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hesabdar.kit.types import MONEY_SCALE, RATE_SCALE, compare_decimal_text

# 30 digits in all at either scale: the widest values the columns hold.
MONEY = st.integers(min_value=-(10**30) + 1, max_value=10**30 - 1).map(
    lambda units: Decimal(units).scaleb(-MONEY_SCALE)
)
RATES = st.integers(min_value=-(10**30) + 1, max_value=10**30 - 1).map(
    lambda units: Decimal(units).scaleb(-RATE_SCALE)
)


def _sign(left: Decimal, right: Decimal) -> int:
    return (left > right) - (left < right)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("123456789012345.0001", "123456789012345.0002", -1),
        ("123456789012345.0002", "123456789012345.0001", 1),
        # 30 significant digits, differing in the last.
        ("99999999999999999999999999.9998", "99999999999999999999999999.9999", -1),
        ("0.0000000001", "0.0000000002", -1),
        ("9", "10", -1),  # as text, "10" < "9"
        ("-1", "-2", 1),
        ("-123456789012345.0001", "-123456789012345.0002", 1),
        ("-0.0001", "0.0000", -1),
        ("-0.0000", "0.0000", 0),
        ("1.0", "1.0000", 0),
        ("1E+2", "100.0000", 0),
        ("1000.0000", "1000.0000", 0),
    ],
)
def test_compares_by_value(left: str, right: str, expected: int) -> None:
    assert compare_decimal_text(left, right) == expected


def test_sorting_with_it_sorts_by_value() -> None:
    values = [
        "123456789012345.0002",
        "-5.0000",
        "0.0000",
        "123456789012345.0001",
        "10.0000",
        "9.0000",
        "-123456789012345.0001",
        "-123456789012345.0002",
        "99999999999999999999999999.9999",
    ]
    assert sorted(values, key=cmp_to_key(compare_decimal_text)) == [
        "-123456789012345.0002",
        "-123456789012345.0001",
        "-5.0000",
        "0.0000",
        "9.0000",
        "10.0000",
        "123456789012345.0001",
        "123456789012345.0002",
        "99999999999999999999999999.9999",
    ]


def test_text_that_is_not_a_number_sorts_after_numbers_by_its_characters() -> None:
    assert compare_decimal_text("abc", "1") == 1
    assert compare_decimal_text("1", "abc") == -1
    assert compare_decimal_text("NaN", "1") == 1
    assert compare_decimal_text("abc", "abd") == -1
    assert compare_decimal_text("abc", "abc") == 0


@given(MONEY, MONEY)
def test_money_at_full_width(left: Decimal, right: Decimal) -> None:
    assert compare_decimal_text(format(left, "f"), format(right, "f")) == _sign(left, right)


@given(RATES, RATES)
def test_rates_at_full_width(left: Decimal, right: Decimal) -> None:
    assert compare_decimal_text(format(left, "f"), format(right, "f")) == _sign(left, right)


@given(MONEY, st.integers(min_value=1, max_value=9))
def test_neighbours_in_the_last_place_are_ordered(value: Decimal, step: int) -> None:
    # Past ~15 significant digits a float cannot tell these apart; the collation must.
    with localcontext(prec=60):  # the default 28 digits would round a 30-digit sum
        above = value + Decimal(step).scaleb(-MONEY_SCALE)
    assert compare_decimal_text(format(value, "f"), format(above, "f")) == -1
    assert compare_decimal_text(format(above, "f"), format(value, "f")) == 1
