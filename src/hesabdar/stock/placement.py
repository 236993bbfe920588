"""Where the stock is: how much of each item each warehouse holds.

An item's total stock moves with its sources (invoices, opening stock) in
:mod:`hesabdar.stock.restock`; which warehouse holds it moves separately, by warehouse receipts
and issues, transfers between warehouses, and the opening stock placed in a warehouse. None of
these post to the ledger: the value of the stock is the total's.

Every change locks the items' stock rows first (LockStage.STOCK, item-id order), as a change of
the total does, so that concurrent changes of one item's quantities queue and never deadlock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from hesabdar.items.models import Item
from hesabdar.kit.errors import BusinessRuleViolation, InvalidFieldValue, Location
from hesabdar.kit.types import MONEY_SCALE, quantize
from hesabdar.stock.models import WarehouseStock
from hesabdar.stock.restock import change_warehouse_quantities
from hesabdar.stock.rows import dialect_insert, lock_items
from hesabdar.tenancy.models import Business
from hesabdar.warehouses.models import Warehouse

ZERO = Decimal(0)
_W = cast(Table, WarehouseStock.__table__)

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


def place_opening(
    session: Session,
    business_id: int,
    item_id: int,
    warehouse_id: int,
    quantity: Decimal,
    *,
    at: Location = Location.of("quantity"),
) -> None:
    """Make ``quantity`` the item's opening stock placed in the warehouse, replacing what was
    placed there before (0 takes it out): what the warehouse holds changes by the difference.

    The item's total opening stock and its posting are the caller's (its movements must not name
    the warehouse, or the quantity would be placed twice). Call it before posting: stock rows
    are locked before documents (``kit.locks``). A negative quantity is 114 naming ``at``;
    lowering the placement below what has since left the warehouse is 190 naming ``at`` when
    the business does not allow negative stock.
    """
    if quantity < 0:
        raise InvalidFieldValue(f"must be at least 0 (got {quantity}).", location=at)
    placed = quantize(quantity, MONEY_SCALE)
    lock_items(session, business_id, [item_id])
    key = {"b": business_id, "w": warehouse_id, "i": item_id}
    session.execute(
        dialect_insert(session)(WarehouseStock)
        .values(
            business_id=bindparam("b"),
            warehouse_id=bindparam("w"),
            item_id=bindparam("i"),
            quantity=ZERO,
            opening=ZERO,
        )
        .on_conflict_do_nothing(index_elements=["business_id", "warehouse_id", "item_id"]),
        key,
    )
    row_id, held, opening = session.execute(
        select(_W.c.id, _W.c.quantity, _W.c.opening).where(
            _W.c.business_id == business_id,
            _W.c.warehouse_id == warehouse_id,
            _W.c.item_id == item_id,
        )
    ).one()
    delta = placed - opening
    if not delta:
        return
    after = held + delta
    if delta < 0 and after < 0 and not _allows_negative(session, business_id):
        raise _refuse(session, business_id, (warehouse_id, item_id), after, at)
    session.execute(
        update(_W)
        .where(_W.c.business_id == business_id, _W.c.id == row_id)
        .values(quantity=after, opening=placed)
    )
