"""How the public pages write numbers and dates for a Persian reader: Persian digits, thousands
separated, the Jalali date beside the Gregorian one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import jdatetime

from hesabdar.kit.numbers import show

_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# Persian separators: ٬ between thousands, ٫ before decimals.
_THOUSANDS, _DECIMAL = "\u066c", "\u066b"
_CURRENCIES = {"IRR": "ریال", "IRT": "تومان", "USD": "دلار", "EUR": "یورو", "AED": "درهم"}


def persian_digits(value: object) -> str:
    return str(value).translate(_DIGITS)


def number(value: Decimal | int) -> str:
    """``1234567.5000`` → ``۱٬۲۳۴٬۵۶۷٫۵``: no trailing zeros, thousands separated."""
    amount = Decimal(value)
    sign = "-" if amount < 0 else ""
    text = format(abs(amount).normalize(), "f")
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", _THOUSANDS)
    shown = grouped + (_DECIMAL + fraction if fraction else "")
    return persian_digits(sign + shown)


def jalali(day: date) -> str:
    """``2022-05-01`` → ``۱۴۰۱/۰۲/۱۱``."""
    return persian_digits(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"))


def gregorian(day: date) -> str:
    return day.isoformat()


def currency(code: str) -> str:
    return _CURRENCIES.get(code.upper(), code.upper())


# The exact amount for machines reading the page (``data-value``): ``1090000``.
plain = show
