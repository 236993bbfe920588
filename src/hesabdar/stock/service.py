"""Stock: the movements each source (invoice, opening stock, warehouse receipt…) makes, costed at
moving weighted-average cost (:mod:`hesabdar.stock.costing`), and the quantities they leave.

:func:`replace_movements` is the one way to change movements. It locks the items' stock rows
(LockStage.STOCK, in item-id order, so concurrent sources of the same items queue and never
deadlock), replaces the source's movements, and re-costs each item from the earliest movement
that changed: from the position stored on the movement before it, never from the beginning. A
movement dated on or after the item's last one is appended from the stock row alone, without
reading the item's history. Other sources whose costs changed are returned, so their owners can
rebuild their postings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.items import service as items
from hesabdar.items.models import Item
from hesabdar.items.schemas import ItemType
from hesabdar.kit.errors import Location
from hesabdar.ledger.schemas import SourceRef
from hesabdar.stock import restock
from hesabdar.stock.models import StockItem, StockMovement, WarehouseStock
from hesabdar.stock.placement import NegativeWarehouseStock
from hesabdar.stock.restock import (
    ItemStock,
    NegativeStock,
    Replaced,
    SourceMovements,
    change_warehouse_quantities,
    lock_items,
)
from hesabdar.stock.schemas import MovementInput, Restocked
from hesabdar.warehouses import service as warehouses

__all__ = [
    "ItemStock",
    "NegativeStock",
    "NegativeWarehouseStock",
    "Replaced",
    "SourceMovements",
    "change_warehouse_quantities",
    "costs_of",
    "lock_items",
    "quantities",
    "replace_many",
    "replace_movements",
    "stock_levels",
    "stock_of_items",
]


# --- reads -----------------------------------------------------------------------------------


def quantities(
    session: Session, business_id: int, item_ids: Sequence[int], warehouse_id: int | None = None
) -> dict[int, Decimal]:
    """Each item's quantity in stock (0 for one that never moved): in all, or in one warehouse."""
    ids = list(dict.fromkeys(item_ids))
    found: dict[int, Decimal] = {}
    if ids and warehouse_id is None:
        rows = session.execute(
            select(StockItem.item_id, StockItem.quantity).where(
                StockItem.business_id == business_id, StockItem.item_id.in_(ids)
            )
        )
        found = {int(item_id): quantity for item_id, quantity in rows}
    elif ids:
        rows = session.execute(
            select(WarehouseStock.item_id, WarehouseStock.quantity).where(
                WarehouseStock.business_id == business_id,
                WarehouseStock.warehouse_id == warehouse_id,
                WarehouseStock.item_id.in_(ids),
            )
        )
        found = {int(item_id): quantity for item_id, quantity in rows}
    zero = Decimal("0.0000")
    return {item_id: found.get(item_id, zero) for item_id in ids}


def stock_of_items(
    session: Session,
    business_id: int,
    codes: Sequence[Any] | None,
    *,
    warehouse_code: Any = None,
    at: Location = Location.of("warehouse_code"),
) -> list[tuple[Item, Decimal]]:
    """The products with these codes (unknown codes and services left out; every product when
    ``codes`` is None) with their quantity: in all, or in the warehouse ``warehouse_code`` names
    (112 naming ``at`` if it does not exist)."""
    warehouse_id = None
    if warehouse_code is not None and str(warehouse_code).strip():
        warehouse_id = warehouses.require_by_code(session, business_id, warehouse_code, at).id
    if codes is None:
        found = items.products(session, business_id)
    else:
        by_code = items.get_by_codes(session, business_id, codes)
        found = [item for item in by_code.values() if item.item_type == int(ItemType.PRODUCT)]
        found.sort(key=lambda item: item.code)
    held = quantities(session, business_id, [item.id for item in found], warehouse_id)
    return [(item, held[item.id]) for item in found]


def stock_levels(
    session: Session, business_id: int, item_ids: Sequence[int]
) -> Mapping[int, Decimal]:
    """The items domain's stock provider: each item's total quantity."""
    return quantities(session, business_id, item_ids)


def costs_of(session: Session, business_id: int, source: SourceRef) -> list[Decimal]:
    """Each movement's current total cost, in the order given when saved."""
    return list(
        session.scalars(
            select(StockMovement.cost)
            .where(
                StockMovement.business_id == business_id,
                StockMovement.source_type == source.kind.code,
                StockMovement.source_id == source.id,
            )
            .order_by(StockMovement.line_no)
        )
    )


# --- writes ----------------------------------------------------------------------------------


def replace_movements(
    session: Session,
    business_id: int,
    source: SourceRef,
    on: date,
    movements: Sequence[MovementInput],
    *,
    at: Location,
) -> Restocked:
    """Replace the movements of ``source`` (dated ``on``; an empty list removes them) and
    re-cost what follows them. A movement taking an item below zero is refused (190 naming the
    item at ``at / index``) when the business does not allow negative stock."""
    replaced = restock.replace(session, business_id, [SourceMovements(source, on, movements, at)])
    return Restocked(replaced.costs[source], replaced.recosted)


def replace_many(session: Session, business_id: int, batch: Sequence[SourceMovements]) -> Replaced:
    """:func:`replace_movements` for many sources at once, set-based (opening quantities)."""
    return restock.replace(session, business_id, batch)
