"""What the stock service takes and gives (the interface invoices, receipts and the opening stock
build on)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hesabdar.ledger.schemas import SourceRef
from hesabdar.stock.costing import Flow

__all__ = ["Flow", "MovementInput", "Restocked"]


@dataclass(frozen=True)
class MovementInput:
    """One line of a source that moves an item's stock."""

    item_id: int
    quantity: Decimal  # > 0
    flow: Flow
    # IN with a cost: purchase, opening stock. OUT with a cost: purchase return (at that cost).
    # None: at the moving average at that point (sale and waste OUT, sales return IN).
    unit_cost: Decimal | None = None
    # The warehouse whose quantity the movement changes too; None: only the item's total.
    warehouse_id: int | None = None


@dataclass(frozen=True)
class Restocked:
    """What :func:`hesabdar.stock.service.replace_movements` did."""

    costs: list[Decimal]  # total cost of each given movement, in the order given
    # OTHER sources whose movement costs changed (their postings must be rebuilt by whoever
    # owns them), ordered by kind and id.
    recosted: list[SourceRef]
