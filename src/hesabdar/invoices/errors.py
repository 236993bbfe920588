from __future__ import annotations

from hesabdar.kit.errors import BusinessRuleViolation, Location, ObjectNotFound


class InvoiceNotFound(ObjectNotFound):
    def __init__(self, label: str, location: Location | None = None) -> None:
        super().__init__(f"{label} does not exist.", location=location)


class InvoiceInUse(BusinessRuleViolation):
    """A delete, or an edit, that payments or warehouse receipts of the invoice forbid."""


class PaymentRefused(BusinessRuleViolation):
    """A payment above what is left to pay, or on an invoice that takes none."""
