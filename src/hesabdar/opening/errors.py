from __future__ import annotations

from hesabdar.kit.errors import ErrorCode, HesabdarError

# Hesabfa's own words, which the WooCommerce plugin compares as they are.
NO_SHAREHOLDERS = "No-Shareholders-Exist"


class NoShareholders(HesabdarError):
    """The opening stock is capital of the shareholders, and the business has none."""

    error_code = ErrorCode.NOT_SET_UP

    def __init__(self) -> None:
        super().__init__(NO_SHAREHOLDERS)
