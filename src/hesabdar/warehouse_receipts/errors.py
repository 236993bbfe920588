from __future__ import annotations

from hesabdar.kit.errors import BusinessRuleViolation, Location, ObjectNotFound


class WarehouseReceiptNotFound(ObjectNotFound):
    def __init__(self, what: str, location: Location | None = None) -> None:
        super().__init__(f"{what} does not exist.", location=location)


class WarehouseReceiptRefused(BusinessRuleViolation):
    """A receipt its invoice does not allow: a service, an item the invoice does not have, more
    than the invoice has, or a change of what it belongs to."""
