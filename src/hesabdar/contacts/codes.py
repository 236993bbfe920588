"""Codes of contacts and items: six digits wide (``"000123"``), as Hesabfa numbers them.

Clients cast codes with ``(int)`` and re-pad them, and some send them as JSON numbers, so
``"123"``, ``123`` and ``"00123"`` all mean ``"000123"`` (see :mod:`hesabdar.kit.codes`).
"""

from __future__ import annotations

from typing import Any

from hesabdar.kit import codes

CODE_WIDTH = 6
MAX_CODE_LENGTH = 50


def normalize_code(value: Any) -> str | None:
    """The stored form of a code as a client sent it; None for no code (``None``, ``""``)."""
    if isinstance(value, bool):
        return None
    return codes.normalize_code(value, CODE_WIDTH) or None
