"""kit.codes.normalize_code: the stored spelling of codes clients send as numbers or text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from hesabdar.kit.codes import normalize_code


@pytest.mark.parametrize(
    ("value", "width", "expected"),
    [
        (7, 4, "0007"),
        ("7", 4, "0007"),
        (" 7 ", 4, "0007"),
        ("0007", 4, "0007"),
        ("7.0", 4, "0007"),
        (7.0, 4, "0007"),
        (Decimal("12"), 6, "000012"),
        ("12345", 4, "12345"),
        ("A-12", 4, "A-12"),
        ("7.5", 4, "7.5"),
        ("", 4, ""),
        (None, 4, ""),
        ("۱۲", 4, "۱۲"),
    ],
)
def test_normalize_code(value: Any, width: int, expected: str) -> None:
    assert normalize_code(value, width) == expected
