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
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hesabdar.items import service as items
from hesabdar.items.models import Item
from hesabdar.items.schemas import ItemType
from hesabdar.kit import locks
from hesabdar.kit.errors import BusinessRuleViolation, InvalidFieldValue, Location, ObjectNotFound
from hesabdar.kit.locks import LockStage
from hesabdar.kit.numbers import MONEY_LIMIT_DIGITS
from hesabdar.ledger.schemas import SourceKind, SourceRef
from hesabdar.stock.costing import Flow, Move, Position, cost_movements
from hesabdar.stock.models import StockItem, StockMovement, WarehouseStock
from hesabdar.stock.schemas import MovementInput, Restocked
from hesabdar.tenancy.models import Business
from hesabdar.warehouses import service as warehouses

ZERO = Decimal(0)
# A movement's cost, like any amount, is below 10^18; an item's value below 10^24 (sums of such
# amounts, see kit.numbers).
COST_LIMIT = Decimal(10) ** MONEY_LIMIT_DIGITS
VALUE_LIMIT = Decimal(10) ** 24

_T = StockMovement.__table__
_KEY = tuple_(_T.c.moved_on, _T.c.sequence, _T.c.line_no)

Key = tuple[date, int, int]


class NegativeStock(BusinessRuleViolation):
    def __init__(self, code: str, quantity: Decimal, on: date, location: Location) -> None:
        super().__init__(
            f"item {code} would have {quantity} in stock on {on.isoformat()}, and this business "
            "does not allow negative stock (setting/SetInventorySettings).",
            location=location,
        )


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


# --- locking ---------------------------------------------------------------------------------


def lock_items(session: Session, business_id: int, item_ids: Sequence[int]) -> dict[int, StockItem]:
    """The items' stock rows, created if missing and locked in item-id order (LockStage.STOCK)."""
    ids = sorted(set(item_ids))
    locks.enter(session, LockStage.STOCK)
    dialect_insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    # Sorted, so two requests creating rows of the same items wait for each other in one order.
    session.execute(
        dialect_insert(StockItem)
        .values([{"business_id": business_id, "item_id": item_id} for item_id in ids])
        .on_conflict_do_nothing(index_elements=["business_id", "item_id"])
    )
    rows = session.scalars(
        select(StockItem)
        .where(StockItem.business_id == business_id, StockItem.item_id.in_(ids))
        .order_by(StockItem.item_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {row.item_id: row for row in rows}


# --- replacing a source's movements -------------------------------------------------------------


@dataclass
class _Entry:
    """A movement of the item being re-costed: one already stored (``row``) or a new one."""

    key: Key
    move: Move
    row: Any = None  # the stored row (a Core row of stock_movement)
    index: int | None = None  # the new movement's index in the input
    movement: MovementInput | None = None  # the new movement
    costed: Any = None


@dataclass
class _Plan:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    recosted: set[tuple[str, int]] = field(default_factory=set)


def _check(movements: Sequence[MovementInput], at: Location) -> None:
    for index, movement in enumerate(movements):
        if movement.quantity <= 0:
            raise InvalidFieldValue(
                f"must be above zero (got {movement.quantity}).", location=at / index / "quantity"
            )
        if movement.unit_cost is not None and movement.unit_cost < 0:
            raise InvalidFieldValue(
                f"must not be negative (got {movement.unit_cost}).",
                location=at / index / "unit_cost",
            )


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
    _check(movements, at)
    old = list(
        session.execute(
            select(_T)
            .where(
                _T.c.business_id == business_id,
                _T.c.source_type == source.kind.code,
                _T.c.source_id == source.id,
            )
            .order_by(_T.c.line_no)
        )
    )
    item_ids = {movement.item_id for movement in movements} | {row.item_id for row in old}
    if not item_ids:
        return Restocked([], [])
    items = _items(session, business_id, item_ids, movements, at)
    stocks = lock_items(session, business_id, sorted(item_ids))
    business = session.get(Business, business_id)
    allow_negative = business is None or business.allow_negative_stock
    if old:
        session.execute(
            delete(StockMovement).where(
                StockMovement.business_id == business_id,
                StockMovement.id.in_([row.id for row in old]),
            )
        )

    plan = _Plan()
    costs: list[Decimal] = [ZERO] * len(movements)
    for item_id in sorted(item_ids):
        _restock_item(
            session,
            business_id,
            source,
            on,
            stocks[item_id],
            items[item_id],
            [row for row in old if row.item_id == item_id],
            [(i, m) for i, m in enumerate(movements) if m.item_id == item_id],
            plan,
            costs,
            allow_negative,
            at,
        )
    if plan.inserts:
        session.execute(insert(StockMovement), plan.inserts)
    if plan.updates:
        session.execute(update(StockMovement), plan.updates)
    _move_warehouses(session, business_id, old, movements)
    plan.recosted.discard((source.kind.code, source.id))
    return Restocked(
        costs=costs,
        recosted=[SourceRef(SourceKind(kind), id_) for kind, id_ in sorted(plan.recosted)],
    )


def _items(
    session: Session,
    business_id: int,
    item_ids: set[int],
    movements: Sequence[MovementInput],
    at: Location,
) -> dict[int, tuple[str, Decimal]]:
    """Each item's code and buy price (the unit cost of an item that never had an average)."""
    rows = session.execute(
        select(Item.id, Item.code, Item.buy_price).where(
            Item.business_id == business_id, Item.id.in_(item_ids)
        )
    )
    found = {int(id_): (str(code), price) for id_, code, price in rows}
    for index, movement in enumerate(movements):
        if movement.item_id not in found:
            raise ObjectNotFound(
                f"item {movement.item_id} does not exist.", location=at / index / "item_id"
            )
    return found


def _restock_item(
    session: Session,
    business_id: int,
    source: SourceRef,
    on: date,
    stock: StockItem,
    item: tuple[str, Decimal],
    old: list[Any],
    new: list[tuple[int, MovementInput]],
    plan: _Plan,
    costs: list[Decimal],
    allow_negative: bool,
    at: Location,
) -> None:
    """Re-cost one item from the earliest of its old and new movements of ``source``."""
    code, buy_price = item
    if old:
        sequence = min(row.sequence for row in old)
    else:
        sequence = stock.next_sequence
        if new:
            stock.next_sequence = sequence + 1
    entries = [
        _Entry(
            (on, sequence, index),
            Move(movement.flow, movement.quantity, movement.unit_cost),
            index=index,
            movement=movement,
        )
        for index, movement in new
    ]
    keys = [entry.key for entry in entries] + [
        (row.moved_on, row.sequence, row.line_no) for row in old
    ]
    start = min(keys)
    appended = not old and (stock.last_on is None or on >= stock.last_on)
    previous = None
    if appended:
        before = Position(stock.quantity, stock.value, stock.average)
    else:
        previous = session.execute(
            select(_T)
            .where(_T.c.business_id == business_id, _T.c.item_id == stock.item_id, start > _KEY)
            .order_by(_T.c.moved_on.desc(), _T.c.sequence.desc(), _T.c.line_no.desc())
            .limit(1)
        ).first()
        before = (
            Position(previous.quantity_after, previous.value_after, previous.average_after)
            if previous is not None
            else Position()
        )
        later = session.execute(
            select(_T)
            .where(_T.c.business_id == business_id, _T.c.item_id == stock.item_id, start <= _KEY)
            .order_by(_T.c.moved_on, _T.c.sequence, _T.c.line_no)
        )
        entries += [
            _Entry(
                (row.moved_on, row.sequence, row.line_no),
                Move(Flow(row.flow), row.quantity, row.unit_cost),
                row=row,
            )
            for row in later
        ]
        entries.sort(key=lambda entry: entry.key)
    first_new = at / new[0][0] if new else at
    for entry, costed in zip(
        entries, cost_movements(before, [e.move for e in entries], buy_price), strict=True
    ):
        entry.costed = costed
        after = costed.after
        if abs(costed.cost) >= COST_LIMIT or abs(after.value) >= VALUE_LIMIT:
            raise InvalidFieldValue(
                "quantity × unit cost must be less than 10^18, and an item's stock value less "
                "than 10^24.",
                location=(at / entry.index / "quantity") if entry.index is not None else first_new,
            )
        if not allow_negative and entry.move.flow is Flow.OUT and after.quantity < 0:
            lowered = entry.row is None or after.quantity < entry.row.quantity_after
            if lowered:
                where = at / entry.index if entry.index is not None else first_new
                raise NegativeStock(code, after.quantity, entry.key[0], where)
        values = {
            "cost": costed.cost,
            "quantity_after": after.quantity,
            "value_after": after.value,
            "average_after": after.average,
        }
        movement = entry.movement
        if movement is not None and entry.index is not None:
            costs[entry.index] = costed.cost
            plan.inserts.append(
                {
                    "business_id": business_id,
                    "source_type": source.kind.code,
                    "source_id": source.id,
                    "line_no": entry.index,
                    "item_id": stock.item_id,
                    "warehouse_id": movement.warehouse_id,
                    "moved_on": on,
                    "sequence": sequence,
                    "flow": int(movement.flow),
                    "quantity": movement.quantity,
                    "unit_cost": movement.unit_cost,
                    **values,
                }
            )
        elif any(values[name] != getattr(entry.row, name) for name in values):
            if costed.cost != entry.row.cost:
                plan.recosted.add((entry.row.source_type, entry.row.source_id))
            plan.updates.append({"id": entry.row.id, "business_id": business_id, **values})
    if entries:
        last = entries[-1].costed.after
        stock.quantity, stock.value, stock.average = last.quantity, last.value, last.average
        stock.last_on = entries[-1].key[0]
    else:
        stock.quantity = previous.quantity_after if previous is not None else ZERO
        stock.value = previous.value_after if previous is not None else ZERO
        stock.average = previous.average_after if previous is not None else None
        stock.last_on = previous.moved_on if previous is not None else None


def _move_warehouses(
    session: Session, business_id: int, old: list[Any], movements: Sequence[MovementInput]
) -> None:
    """Apply the change in each warehouse's quantities (movements that name a warehouse)."""
    deltas: dict[tuple[int, int], Decimal] = {}

    def add(warehouse_id: int | None, item_id: int, flow: Flow, quantity: Decimal) -> None:
        if warehouse_id is None:
            return
        signed = quantity if flow is Flow.IN else -quantity
        key = (warehouse_id, item_id)
        deltas[key] = deltas.get(key, ZERO) + signed

    for row in old:
        add(row.warehouse_id, row.item_id, Flow(row.flow), -row.quantity)
    for movement in movements:
        add(movement.warehouse_id, movement.item_id, movement.flow, movement.quantity)
    change_warehouse_quantities(session, business_id, deltas)


def change_warehouse_quantities(
    session: Session, business_id: int, deltas: Mapping[tuple[int, int], Decimal]
) -> None:
    """Add ``deltas[(warehouse_id, item_id)]`` to what each warehouse holds of each item.
    Call with the items' stock rows locked (:func:`lock_items`)."""
    changed = sorted((key, delta) for key, delta in deltas.items() if delta)
    if not changed:
        return
    dialect_insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    session.execute(
        dialect_insert(WarehouseStock)
        .values(
            [
                {"business_id": business_id, "warehouse_id": w, "item_id": i, "quantity": ZERO}
                for (w, i), _delta in changed
            ]
        )
        .on_conflict_do_nothing(index_elements=["business_id", "warehouse_id", "item_id"])
    )
    rows = session.execute(
        select(
            WarehouseStock.id,
            WarehouseStock.warehouse_id,
            WarehouseStock.item_id,
            WarehouseStock.quantity,
        ).where(
            WarehouseStock.business_id == business_id,
            WarehouseStock.warehouse_id.in_({w for (w, _i), _delta in changed}),
            WarehouseStock.item_id.in_({i for (_w, i), _delta in changed}),
        )
    )
    held = {(int(w), int(i)): (int(id_), quantity) for id_, w, i, quantity in rows}
    # Added in Python: on SQLite the column is text, and SQL arithmetic on it goes through floats.
    session.execute(
        update(WarehouseStock),
        [
            {
                "id": held[key][0],
                "business_id": business_id,
                "quantity": held[key][1] + delta,
            }
            for key, delta in changed
        ],
    )
