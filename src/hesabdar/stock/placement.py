"""Where the stock is: how much of each item each warehouse holds.

An item's total stock moves with its sources (invoices, opening stock) in
:mod:`hesabdar.stock.restock`; which warehouse holds it moves separately, by warehouse receipts
and issues and transfers between warehouses (the opening stock's movements name their warehouse,
so they place it as they move the total). None of these post to the ledger: the value of the
stock is the total's.

Every change locks the items' stock rows first (LockStage.STOCK, item-id order), as a change of
the total does, so that concurrent changes of one item's quantities queue and never deadlock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.items.models import Item
from hesabdar.kit.errors import BusinessRuleViolation, Location
from hesabdar.stock.restock import change_warehouse_quantities
from hesabdar.stock.rows import lock_items
from hesabdar.tenancy.models import Business
from hesabdar.warehouses.models import Warehouse

# (warehouse id, item id) → the quantity that warehouse gains (negative: loses) of that item.
Deltas = Mapping[tuple[int, int], Decimal]
# Where in the request a (warehouse id, item id) going below zero is named.
Where = Callable[[tuple[int, int]], Location]


class NegativeWarehouseStock(BusinessRuleViolation):
    def __init__(self, warehouse: str, item: str, quantity: Decimal, location: Location) -> None:
        super().__init__(
            f"warehouse {warehouse} would hold {format(quantity.normalize(), 'f')} of item "
            f"{item}, and this business does not allow negative stock "
            "(setting/SetInventorySettings).",
            location=location,
        )


def _allows_negative(session: Session, business_id: int) -> bool:
    business = session.get(Business, business_id)
    return business is None or business.allow_negative_stock


def _refuse(
    session: Session, business_id: int, key: tuple[int, int], held: Decimal, at: Location
) -> NegativeWarehouseStock:
    warehouse_id, item_id = key
    warehouse = session.scalar(
        select(Warehouse.code).where(
            Warehouse.business_id == business_id, Warehouse.id == warehouse_id
        )
    )
    item = session.scalar(
        select(Item.code).where(Item.business_id == business_id, Item.id == item_id)
    )
    return NegativeWarehouseStock(str(warehouse), str(item), held, at)


def move(
    session: Session,
    business_id: int,
    deltas: Deltas,
    where: Where,
) -> None:
    """Add ``deltas`` to what the warehouses hold. A delta that lowers a warehouse's quantity
    below zero is refused (190 naming ``where((warehouse_id, item_id))``) when the business does
    not allow negative stock."""
    changed = {key: delta for key, delta in deltas.items() if delta}
    if not changed:
        return
    lock_items(session, business_id, {item_id for _warehouse, item_id in changed})
    held = change_warehouse_quantities(session, business_id, changed)
    if _allows_negative(session, business_id):
        return
    for key in sorted(changed):
        if changed[key] < 0 and held[key] < 0:
            raise _refuse(session, business_id, key, held[key], where(key))
