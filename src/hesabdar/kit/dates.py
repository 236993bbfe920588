"""Dates as clients send them: ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM:SS``, ISO 8601 with ``T``, an
optional fraction of a second and ``Z`` or an offset, and Jalali (Solar Hijri) ``1401/07/01``,
which is converted to the Gregorian date. Anything else (``2026-06-02garbage``) is refused: the
whole text must be one of these forms."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import jdatetime

_DATE = re.compile(
    r"""\s*(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})
    (?:[T\ ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,9})?)?
       (?:Z|[+-]\d{2}:?\d{2})?)?\s*""",
    re.VERBOSE,
)


def parse_date(value: Any) -> Any:
    """Turn the date strings clients send into a ``date``; leave anything else to pydantic."""
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, str):
        return value
    match = _DATE.fullmatch(value)
    if not match:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD)")
    hour, minute, second = (int(match[name] or 0) for name in ("hour", "minute", "second"))
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"not a time of day: {value!r}")
    year, month, day = (int(match[name]) for name in ("year", "month", "day"))
    if year < 1700:  # a Jalali (Solar Hijri) date such as 1401/07/01
        try:
            return jdatetime.date(year, month, day).togregorian()
        except ValueError as exc:
            raise ValueError(f"not a valid Jalali date: {value!r}") from exc
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a valid date: {value!r}") from exc
