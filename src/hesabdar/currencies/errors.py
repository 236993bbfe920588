from __future__ import annotations

from hesabdar.kit.errors import InvalidFieldValue, Location, Naming


class InvalidCurrency(InvalidFieldValue):
    """Neither an ISO 4217 code nor the toman (IRT)."""

    def __init__(self, value: str, location: Location) -> None:
        super().__init__(
            "a currency is an ISO 4217 code such as IRR or USD, or IRT for the toman "
            f"(got {value!r}).",
            location=location,
        )


class InvalidExchangeRate(InvalidFieldValue):
    """A row of the currency table that cannot be stored as given."""


class SameCurrencyRate(InvalidExchangeRate):
    """A row whose source and target are one currency. ``row`` is its location; the message
    names the row's two fields as the facade spells them."""

    def __init__(self, currency: str, row: Location) -> None:
        self.currency = currency
        self.row = row
        super().__init__(self._reason("source", "target"), location=row)

    def _reason(self, source: str, target: str) -> str:
        return (
            f"{source} and {target} are both {self.currency}; "
            "a rate needs two different currencies."
        )

    def describe_named(self, naming: Naming) -> str:
        reason = self._reason(naming.field(self.row / "source"), naming.field(self.row / "target"))
        return f"Invalid value for {naming.path(self.row)}: {reason}"


class DuplicateRate(InvalidExchangeRate):
    """A row repeating the source and target of an earlier row (``earlier``)."""

    def __init__(self, source: str, target: str, row: Location, earlier: Location) -> None:
        self.pair = f"{source} to {target}"
        self.row = row
        self.earlier = earlier
        super().__init__(f"{self.pair} is already given in {earlier}.", location=row)

    def describe_named(self, naming: Naming) -> str:
        return (
            f"Invalid value for {naming.path(self.row)}: "
            f"{self.pair} is already given in {naming.path(self.earlier)}."
        )
