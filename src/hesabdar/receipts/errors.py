"""Receipt errors, each with its Hesabfa ErrorCode (through the kit.errors base class)."""

from __future__ import annotations

from hesabdar.kit.errors import BusinessRuleViolation, Location, ObjectNotFound


class ReceiptNotFound(ObjectNotFound):
    def __init__(self, receipt_type: int, number: object, location: Location) -> None:
        super().__init__(
            f"receipt {number} of type {receipt_type} does not exist.", location=location
        )


class ReceiptRuleViolation(BusinessRuleViolation):
    """A receipt that is well formed but breaks a rule: totals that differ, a bank in another
    currency, a fee where there is no bank, a receipt that belongs to an invoice payment."""
