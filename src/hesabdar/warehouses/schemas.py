"""What a warehouse save takes. ``None`` is "not given": an edit keeps the current value."""

from __future__ import annotations

from dataclasses import dataclass

from hesabdar.kit.errors import Location

# Where a save's input is, for errors.
WAREHOUSE_AT = Location.of("warehouse")


@dataclass(frozen=True)
class WarehouseInput:
    """An empty or absent code creates a warehouse with the next code."""

    code: str | None = None
    name: str | None = None
