"""What the opening stock takes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hesabdar.kit.errors import Location
from hesabdar.ledger.schemas import SourceKind

# The opening stock's document: one per fiscal year (source id = the year's id).
OPENING_SOURCE = SourceKind("opening_stock")
# One item's opening movements (source id = its ``OpeningItem``).
OPENING_ITEM_SOURCE = SourceKind("opening_item")
ROWS_AT = Location.of("items")


@dataclass(frozen=True)
class OpeningRow:
    """One row: how much of an item a warehouse holds at the start of the year, at what unit
    cost. A quantity of 0 leaves the item (in that warehouse) without opening stock."""

    code: str | None
    quantity: Decimal | None
    unit_price: Decimal | None
    warehouse_code: str | None = None
