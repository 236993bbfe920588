"""Checks of single values of a receipt's input, shared by the resolving of its rows and of its
cheques: amounts above zero at the column's scale, text given or not."""

from __future__ import annotations

from decimal import Decimal

from hesabdar.kit.errors import InvalidFieldValue, Location, MissingParameter
from hesabdar.kit.numbers import show
from hesabdar.kit.types import MONEY_SCALE


def precise(value: Decimal | None, where: Location, *, scale: int = MONEY_SCALE) -> Decimal:
    """A required amount above zero with at most ``scale`` decimals (114 naming ``where``)."""
    if value is None:
        raise MissingParameter(location=where)
    checked = not_negative(value, where, scale=scale)
    if checked == 0:
        raise InvalidFieldValue(f"must be greater than 0 (got {show(value)}).", location=where)
    return checked


def not_negative(value: Decimal, where: Location, *, scale: int = MONEY_SCALE) -> Decimal:
    if not value.is_finite():
        raise InvalidFieldValue(f"{value} is not a number.", location=where)
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -scale:
        raise InvalidFieldValue(
            f"at most {scale} decimal places are allowed (got {value}).", location=where
        )
    if value < 0:
        raise InvalidFieldValue(f"must not be negative (got {show(value)}).", location=where)
    return value


def given(value: str | None) -> str | None:
    """The text stripped, or None when nothing was sent (clients send "" for unused fields)."""
    return value.strip() if value is not None and value.strip() else None


def row_at(cheque_at: Location) -> Location:
    """The transaction a cheque belongs to."""
    return Location(cheque_at.parts[:-1])
