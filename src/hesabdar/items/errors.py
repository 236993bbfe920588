from __future__ import annotations

from hesabdar.kit.errors import Location, MissingParameter, ObjectNotFound


class ItemNotFound(ObjectNotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"Item not found: no item has code '{code}'.")
        self.code = code


class BarcodeNotFound(ObjectNotFound):
    def __init__(self, barcode: str) -> None:
        super().__init__(f"Item not found: no item has barcode '{barcode}'.")
        self.barcode = barcode


class ItemNameRequired(MissingParameter):
    """``at`` is the item's location in the request."""

    def __init__(self, at: Location) -> None:
        super().__init__(location=at / "name")
