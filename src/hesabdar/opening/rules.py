"""The opening stock's document, as pure arithmetic: Dr inventory for each item at its cost,
Cr the opening capital of each shareholder in proportion to their share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from hesabdar.kit.types import MONEY_SCALE

_CENT = Decimal(1).scaleb(-MONEY_SCALE)


@dataclass(frozen=True)
class Share:
    contact_id: int
    percent: Decimal  # > 0


def capital_shares(total: Decimal, shares: Sequence[Share]) -> list[tuple[int, Decimal]]:
    """``total`` split in proportion to the shares (they need not add up to 100), each at the
    ledger's scale; what rounding leaves goes to the largest share (the first of equals), so
    the parts add up to ``total`` exactly. Parts that round to zero are left out."""
    if not shares or total <= 0:
        return []
    whole = sum((share.percent for share in shares), Decimal(0))
    parts = [
        (share.contact_id, (total * share.percent / whole).quantize(_CENT, ROUND_HALF_EVEN))
        for share in shares
    ]
    largest = max(range(len(shares)), key=lambda index: (shares[index].percent, -index))
    contact_id, amount = parts[largest]
    parts[largest] = (contact_id, amount + total - sum((part for _id, part in parts), Decimal(0)))
    return [(contact_id, amount) for contact_id, amount in parts if amount > 0]


def inventory_by_item(costs: Sequence[tuple[int, Decimal]]) -> dict[int, Decimal]:
    """Each item's opening value: the costs of its movements (one per warehouse) added up."""
    found: dict[int, Decimal] = {}
    for item_id, cost in costs:
        found[item_id] = found.get(item_id, Decimal(0)) + cost
    return {item_id: value for item_id, value in found.items() if value > 0}


def total_of(values: Mapping[int, Decimal]) -> Decimal:
    return sum(values.values(), Decimal(0))
