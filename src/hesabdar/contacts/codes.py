"""The one normalisation of master-data codes (contacts and items), used for every lookup.

Hesabfa's codes are zero-padded strings (``"000123"``). Clients cast codes with ``(int)`` and
re-pad them, and some send them as JSON numbers, so a purely numeric code shorter than the
padding width names the padded code: ``"123"``, ``123`` and ``"00123"`` all mean ``"000123"``.
"""

from __future__ import annotations

import re
from typing import Any

CODE_WIDTH = 6
MAX_CODE_LENGTH = 50
_NUMERIC = re.compile(r"^(\d+)(?:\.0*)?$")


def normalize_code(value: Any) -> str | None:
    """The stored form of a code as a client sent it; None for no code (``None``, ``""``)."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text:
        return None
    match = _NUMERIC.match(text)
    if match:
        digits = match.group(1)
        return digits.zfill(CODE_WIDTH) if len(digits) < CODE_WIDTH else digits
    return text
