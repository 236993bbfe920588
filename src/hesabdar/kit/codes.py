"""Codes of master records (banks, cash boxes, contacts, items …) as clients send them.

Hesabfa stores codes as zero-padded strings ("0007", "000001"), but clients send them as numbers
(``bankCode: 7``) or as unpadded strings (``"7"``). :func:`normalize_code` turns any of these into
the stored spelling so one equality lookup finds the record.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any


def normalize_code(value: Any, width: int) -> str:
    """The stored spelling of a code: digits shorter than ``width`` are zero-padded.

    ``7``, ``"7"``, ``"0007"`` and ``7.0`` all give ``"0007"`` for width 4. Codes with other
    characters (``"A-12"``) and numeric codes already at or beyond the width are kept as given,
    stripped of surrounding spaces. ``None`` gives ``""`` (no code).
    """
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float | Decimal):
        text = _integral_text(value) or str(value)
    else:
        text = str(value).strip()
        integral = _integral_string(text)
        if integral is not None:
            text = integral
    if text.isascii() and text.isdigit() and len(text) < width:
        return text.zfill(width)
    return text


def _integral_text(value: float | Decimal) -> str | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value() or number < 0:
        return None
    return str(int(number))


def _integral_string(text: str) -> str | None:
    """``"7.0"`` → ``"7"`` (a number serialised as text); anything else is not rewritten."""
    head, dot, tail = text.partition(".")
    if dot and head.isascii() and head.isdigit() and tail and set(tail) == {"0"}:
        return head
    return None
