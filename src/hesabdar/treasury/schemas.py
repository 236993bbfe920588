"""What saves of banks, cash boxes and petty cash take. ``None`` is "not given": a new record
takes the default, an edit keeps the current value (no field is ever set to nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from hesabdar.kit.errors import Location

# Where a save's input is, for errors.
BANK_AT = Location.of("bank")
CASH_AT = Location.of("cash")
PETTY_CASH_AT = Location.of("petty_cash")


@dataclass(frozen=True)
class MoneyBoxInput:
    """A cash box or petty-cash fund; an empty or absent ``code`` creates one with the next
    code. ``currency`` is an ISO 4217 code (``USD``); a new record without one takes the
    business's base currency."""

    code: str | None = None
    name: str | None = None
    currency: str | None = None
    active: bool | None = None


@dataclass(frozen=True)
class BankInput(MoneyBoxInput):
    branch: str | None = None
    account_number: str | None = None
    iban: str | None = None
