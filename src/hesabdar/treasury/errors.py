from __future__ import annotations

from hesabdar.kit.errors import ObjectNotFound


class MoneyBoxNotFound(ObjectNotFound):
    """No bank, cash box or petty cash of this business has the code."""

    def __init__(self, label: str, code: str) -> None:
        super().__init__(f"{label} {code} was not found.")
        self.code = code
