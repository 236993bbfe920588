"""Dates as clients send them: ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM:SS``, ISO 8601 with ``T``/``Z``,
and Jalali (Solar Hijri) ``1401/07/01``, which is converted to the Gregorian date."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import jdatetime

_DATE_PREFIX = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def parse_date(value: Any) -> Any:
    """Turn the date strings clients send into a ``date``; leave anything else to pydantic."""
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, str):
        return value
    match = _DATE_PREFIX.match(value)
    if not match:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD)")
    year, month, day = (int(part) for part in match.groups())
    if year < 1700:  # a Jalali (Solar Hijri) date such as 1401/07/01
        try:
            return jdatetime.date(year, month, day).togregorian()
        except ValueError as exc:
            raise ValueError(f"not a valid Jalali date: {value!r}") from exc
    return date(year, month, day)
