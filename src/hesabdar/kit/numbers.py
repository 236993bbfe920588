"""Numeric inputs and the ranges their columns hold, checked before any arithmetic.

A request's numbers arrive as ``int``, ``Decimal`` (JSON numbers are read exactly) or strings.
Each kind below is checked on the value's adjusted exponent (its power of ten) or its bit length,
which cost nothing whatever the value: ``Decimal("1e1000000")`` is cheap, but ``int()``,
``quantize`` or any arithmetic on it would expand a million digits. A value out of range is
refused, so nothing past this point ever sees one.

Bounds, and why:

* Money (amounts, prices, credit) is below 10^18 in absolute value. Its column is NUMERIC(30, 4)
  (26 integer digits), but balances and reports add many amounts, and Python's default decimal
  context keeps 28 significant digits: a sum of 10^24 or more with its 4 decimals no longer fits
  and is rounded (the trial balance and contact balances then read wrong or fail). Below 10^18 a
  million maximal lines still add up below 10^24. 10^18 rials is more than a year of Iran's GDP.
* Quantities (conversion factors) are money-scale columns: the same bound.
* Rates are NUMERIC(30, 10): below 10^16, so that a rate with its 10 decimals (26 digits) is
  exact in the default context too; a rial per unit of any currency (a bitcoin is about 10^11)
  is far below.
* Integers follow their column: BIGINT (ids, numbers, Take/Skip) is 64-bit, SMALLINT (coded
  types and statuses) 16-bit.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator

MONEY_LIMIT_DIGITS = 18
RATE_LIMIT_DIGITS = 16


def show(value: Decimal | int) -> str:
    """An amount as a client writes it: ``10``, ``1000.0001`` (no padding, no exponent)."""
    return format(Decimal(value).normalize(), "f")


def finite_decimal(value: Any, integer_digits: int) -> Decimal | None:
    """``value`` as a Decimal below ``10**integer_digits`` in absolute value; None when it is not
    a number at all (the caller's own type check then says so). ValueError when it is a number
    out of range: infinite, NaN or too large."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        # Compared as ints, not through str(), which is quadratic in a long int's length.
        if abs(value) >= 10**integer_digits:
            raise ValueError(f"must be less than 10^{integer_digits} in absolute value")
        return Decimal(value)
    if isinstance(value, float | str | Decimal):
        try:
            number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
        except (InvalidOperation, ValueError):
            return None
        if not number.is_finite():
            raise ValueError("must be a finite number")
        if number and number.adjusted() >= integer_digits:
            raise ValueError(f"must be less than 10^{integer_digits} in absolute value")
        return number
    return None


def bounded_int(value: Any, bits: int) -> int | None:
    """``value`` as an int that a signed ``bits``-bit column holds; None when it is not an integral
    number (the caller's own type check says so); ValueError when it is one out of range."""
    if isinstance(value, bool):
        return None
    low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    out_of_range = ValueError(f"must be between {low} and {high}")
    if not isinstance(value, int):
        # 2^63 has 19 digits: past 20 the value is refused before it is turned into an int.
        try:
            number = finite_decimal(value, 20)
        except ValueError:
            raise out_of_range from None
        if number is None or number != number.to_integral_value():
            return None
        value = int(number)
    if not low <= value <= high:
        raise out_of_range
    return value


def _decimal_kind(integer_digits: int) -> Any:
    def check(value: Any) -> Any:
        number = finite_decimal(value, integer_digits)
        return value if number is None else number

    return BeforeValidator(check)


def _int_kind(bits: int) -> Any:
    def check(value: Any) -> Any:
        number = bounded_int(value, bits)
        return value if number is None else number

    return BeforeValidator(check)


# Pydantic field types: the value is range-checked first, then the field's own type applies
# (a value that is no number at all is left to it, so its message stays the usual one).
MoneyValue = Annotated[Decimal, _decimal_kind(MONEY_LIMIT_DIGITS)]
QuantityValue = Annotated[Decimal, _decimal_kind(MONEY_LIMIT_DIGITS)]
RateValue = Annotated[Decimal, _decimal_kind(RATE_LIMIT_DIGITS)]
Int64 = Annotated[int, _int_kind(64)]
Int16 = Annotated[int, _int_kind(16)]
