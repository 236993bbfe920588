from __future__ import annotations

from hesabdar.kit.errors import ParameterOutOfRange


class InvalidCurrency(ParameterOutOfRange):
    """Not a three-letter ISO 4217 code."""

    def __init__(self, where: str, value: str) -> None:
        super().__init__(
            f"Invalid value for {where}: a currency is a three-letter ISO 4217 code "
            f"such as IRR or USD (got {value!r})."
        )


class InvalidExchangeRate(ParameterOutOfRange):
    """A row of the currency table that cannot be stored as given."""
