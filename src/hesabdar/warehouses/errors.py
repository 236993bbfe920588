from __future__ import annotations

from hesabdar.kit.errors import ObjectNotFound


class WarehouseNotFound(ObjectNotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"Warehouse {code} was not found.")
        self.code = code
