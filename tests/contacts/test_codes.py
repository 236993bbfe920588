"""The one code normalisation used by every contact and item lookup."""

from __future__ import annotations

from typing import Any

import pytest

from hesabdar.contacts.codes import normalize_code


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        (True, None),
        (123, "000123"),
        ("123", "000123"),
        (" 123 ", "000123"),
        ("00123", "000123"),
        ("000123", "000123"),
        ("123.0", "000123"),
        (123.0, "000123"),
        ("1234567", "1234567"),
        ("0001234567", "0001234567"),
        ("C-12", "C-12"),
        ("12a", "12a"),
        ("-12", "-12"),
    ],
)
def test_normalize_code(given: Any, expected: str | None) -> None:
    assert normalize_code(given) == expected
