"""Replacing the movements of one or many sources and re-costing what follows them.

The items' stock rows are locked first (LockStage.STOCK, item-id order). Each item is then
re-costed from the earliest of its old and new movements of the sources being replaced,
starting from the position stored on the movement before that point. An item whose new
movements all come after its last one (the common case: today's sale) is costed from its stock
row alone, without reading its history. Every read and write is set-based: one statement per
kind of read or write, in chunks, however many sources and items, so that many sources at once
(opening quantities of thousands of items) cost a few statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, delete, select, tuple_
from sqlalchemy.orm import Session

from hesabdar.items.models import Item
from hesabdar.kit import bulk
from hesabdar.kit.errors import BusinessRuleViolation, InvalidFieldValue, Location, ObjectNotFound
from hesabdar.kit.models import utcnow
from hesabdar.kit.numbers import MONEY_LIMIT_DIGITS
from hesabdar.ledger.schemas import SourceKind, SourceRef
from hesabdar.stock.costing import Flow, Move, Position, cost_movements
from hesabdar.stock.models import OPENING_SEQUENCE, StockMovement, WarehouseStock
from hesabdar.stock.rows import ItemStock, chunks, lock_items, save_stocks
from hesabdar.stock.schemas import MovementInput
from hesabdar.tenancy.models import Business

ZERO = Decimal(0)
# A movement's cost, like any amount, is below 10^18; an item's value below 10^24 (sums of such
# amounts, see kit.numbers).
COST_LIMIT = Decimal(10) ** MONEY_LIMIT_DIGITS
VALUE_LIMIT = Decimal(10) ** 24
# Up to this many items re-costed from a point are read from that point on, one item at a time
# (an edit of one invoice); more are read in bulk, whole histories in one statement per chunk.
FEW_ITEMS = 32

_T = cast(Table, StockMovement.__table__)
_W = cast(Table, WarehouseStock.__table__)
_position = tuple_(_T.c.moved_on, _T.c.sequence, _T.c.line_no)
_ORDER = (_T.c.sequence, _T.c.line_no)
_COSTED = ("cost", "quantity_after", "value_after", "average_after")

Key = tuple[date, int, int]


class NegativeStock(BusinessRuleViolation):
    def __init__(self, code: str, quantity: Decimal, on: date, location: Location) -> None:
        super().__init__(
            f"item {code} would have {quantity} in stock on {on.isoformat()}, and this business "
            "does not allow negative stock (setting/SetInventorySettings).",
            location=location,
        )


@dataclass(frozen=True)
class SourceMovements:
    """The movements one source is to have from now on (none: it has none)."""

    source: SourceRef
    on: date
    movements: Sequence[MovementInput]
    at: Location  # where the movements are in the request, for errors (``at / index``)
    # The opening stock of its date: before every other movement of the date (one such source
    # per date).
    opening: bool = False


@dataclass(frozen=True)
class Replaced:
    costs: dict[SourceRef, list[Decimal]]  # each given movement's cost, by source, in order
    recosted: list[SourceRef]  # sources not given whose costs changed, by kind and id


@dataclass
class _Entry:
    """A movement of the item being re-costed: one already stored (``row``) or a new one."""

    key: Key
    move: Move
    row: Any = None  # the stored row (a Core row of stock_movement)
    new: tuple[SourceMovements, int, int] | None = None  # its source, index, sequence
    costed: Any = None


@dataclass
class _Item:
    """What is known of one item while its movements are replaced."""

    stock: ItemStock
    code: str
    buy_price: Decimal
    old: list[Any] = field(default_factory=list)
    new: list[_Entry] = field(default_factory=list)
    first_at: Location | None = None  # where its first new movement is, for errors

    @property
    def start(self) -> Key:
        keys = [entry.key for entry in self.new] + [_key(row) for row in self.old]
        return min(keys)

    @property
    def appended(self) -> bool:
        last = self.stock.last_on
        # A new source's sequence follows every other of its item, so a movement dated on the
        # last date comes last; the opening stock's comes first in its date.
        return not self.old and all(
            last is None or e.key[0] > last or (e.key[0] == last and e.key[1] != OPENING_SEQUENCE)
            for e in self.new
        )


@dataclass
class _Plan:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    recosted: set[tuple[str, int]] = field(default_factory=set)


def _key(row: Any) -> Key:
    return (row.moved_on, row.sequence, row.line_no)


def check(movements: Sequence[MovementInput], at: Location) -> None:
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


def replace(session: Session, business_id: int, batch: Sequence[SourceMovements]) -> Replaced:
    """Replace the movements of every source in ``batch`` and re-cost what follows them."""
    for given in batch:
        check(given.movements, given.at)
    old = _old_movements(session, business_id, [given.source for given in batch])
    item_ids = {m.item_id for given in batch for m in given.movements} | {r.item_id for r in old}
    if not item_ids:
        return Replaced({given.source: [] for given in batch}, [])
    known = _item_facts(session, business_id, item_ids, batch)
    stocks = lock_items(session, business_id, item_ids)
    business = session.get(Business, business_id)
    allow_negative = business is None or business.allow_negative_stock
    for chunk in chunks([row.id for row in old]):
        session.execute(
            delete(StockMovement).where(
                StockMovement.business_id == business_id, StockMovement.id.in_(chunk)
            )
        )
    items = {item_id: _Item(stocks[item_id], *known[item_id]) for item_id in sorted(item_ids)}
    for row in old:
        items[row.item_id].old.append(row)
    old_sequences = {(row.source_type, row.source_id, row.item_id): row.sequence for row in old}
    for given in batch:
        _add_new(given, items, old_sequences)
    at_of = {(given.source.kind.code, given.source.id): given.at for given in batch}
    for row in old:  # an item only removed: errors name the source that removed it
        item = items[row.item_id]
        item.first_at = item.first_at or at_of[(row.source_type, row.source_id)]
    histories = _histories(session, business_id, [i for i in items.values() if not i.appended])
    plan = _Plan()
    costs = {given.source: [ZERO] * len(given.movements) for given in batch}
    for item in items.values():
        _restock(business_id, item, histories.get(item.stock.item_id), plan, costs, allow_negative)
    now = utcnow()
    bulk.insert_rows(
        session, _T, [{**row, "created_at": now, "updated_at": now} for row in plan.inserts]
    )
    bulk.update_rows(session, _T, ("business_id", "id"), plan.updates)
    save_stocks(session, business_id, [item.stock for item in items.values()])
    _move_warehouses(session, business_id, old, batch)
    plan.recosted -= {(given.source.kind.code, given.source.id) for given in batch}
    return Replaced(
        costs, [SourceRef(SourceKind(kind), id_) for kind, id_ in sorted(plan.recosted)]
    )


def _old_movements(session: Session, business_id: int, sources: Sequence[SourceRef]) -> list[Any]:
    by_kind: dict[str, list[int]] = defaultdict(list)
    for source in sources:
        by_kind[source.kind.code].append(source.id)
    found: list[Any] = []
    for kind, ids in sorted(by_kind.items()):
        for chunk in chunks(sorted(set(ids))):
            found += session.execute(
                select(_T)
                .where(
                    _T.c.business_id == business_id,
                    _T.c.source_type == kind,
                    bulk.in_condition(session, _T.c.source_id, chunk),
                )
                .order_by(_T.c.source_id, _T.c.line_no)
            )
    return found


def _item_facts(
    session: Session, business_id: int, item_ids: set[int], batch: Sequence[SourceMovements]
) -> dict[int, tuple[str, Decimal]]:
    """Each item's code and buy price (the unit cost of an item that never had an average)."""
    found: dict[int, tuple[str, Decimal]] = {}
    for chunk in chunks(sorted(item_ids)):
        rows = session.execute(
            select(Item.id, Item.code, Item.buy_price).where(
                Item.business_id == business_id, bulk.in_condition(session, Item.id, chunk)
            )
        )
        found.update((int(id_), (str(code), price)) for id_, code, price in rows)
    for given in batch:
        for index, movement in enumerate(given.movements):
            if movement.item_id not in found:
                raise ObjectNotFound(
                    f"item {movement.item_id} does not exist.",
                    location=given.at / index / "item_id",
                )
    return found


def _add_new(
    given: SourceMovements,
    items: Mapping[int, _Item],
    old_sequences: Mapping[tuple[str, int, int], int],
) -> None:
    """The source's new movements, each in its item's order: a source keeps the sequence it
    had for an item; a source new to the item gets the item's next one (after all others), and
    the opening stock sequence 1 (before all others of its date)."""
    sequences: dict[int, int] = {}
    for index, movement in enumerate(given.movements):
        item = items[movement.item_id]
        sequence = sequences.get(movement.item_id)
        if sequence is None and given.opening:
            sequence = sequences[movement.item_id] = OPENING_SEQUENCE
        if sequence is None:
            old = old_sequences.get((given.source.kind.code, given.source.id, movement.item_id))
            if old is None:
                old = item.stock.next_sequence
                item.stock.next_sequence = old + 1
                item.stock.changed = True
            sequence = sequences[movement.item_id] = old
        if item.first_at is None:
            item.first_at = given.at / index
        item.new.append(
            _Entry(
                (given.on, sequence, index),
                Move(movement.flow, movement.quantity, movement.unit_cost),
                new=(given, index, sequence),
            )
        )


def _histories(session: Session, business_id: int, items: list[_Item]) -> dict[int, list[Any]]:
    """The stored movements of the items re-costed from a point: from the movement before that
    point on. A few items are read one by one from their point; many in bulk, whole."""
    found: dict[int, list[Any]] = {}
    if len(items) <= FEW_ITEMS:
        for item in items:
            item_id, start = item.stock.item_id, item.start
            mine = (_T.c.business_id == business_id, _T.c.item_id == item_id)
            previous = session.execute(
                select(_T)
                .where(*mine, _position < start)
                .order_by(_T.c.moved_on.desc(), _T.c.sequence.desc(), _T.c.line_no.desc())
                .limit(1)
            ).first()
            later = session.execute(
                select(_T).where(*mine, _position >= start).order_by(_T.c.moved_on, *_ORDER)
            )
            found[item_id] = ([previous] if previous is not None else []) + list(later)
        return found
    for chunk in chunks(sorted(item.stock.item_id for item in items)):
        rows = session.execute(
            select(_T)
            .where(_T.c.business_id == business_id, bulk.in_condition(session, _T.c.item_id, chunk))
            .order_by(_T.c.item_id, _T.c.moved_on, *_ORDER)
        )
        for row in rows:
            found.setdefault(row.item_id, []).append(row)
    return found


def _restock(
    business_id: int,
    item: _Item,
    history: list[Any] | None,
    plan: _Plan,
    costs: dict[SourceRef, list[Decimal]],
    allow_negative: bool,
) -> None:
    """Re-cost one item from its start; ``history`` holds its stored movements (None when it is
    appended to: then the stock row is the position before)."""
    stock = item.stock
    stock.changed = True
    previous = None
    entries = list(item.new)
    if history is None:
        before = Position(stock.quantity, stock.value, stock.average)
    else:
        start = item.start
        earlier = [row for row in history if _key(row) < start]
        previous = earlier[-1] if earlier else None
        before = (
            Position(previous.quantity_after, previous.value_after, previous.average_after)
            if previous is not None
            else Position()
        )
        entries += [
            _Entry(_key(row), Move(Flow(row.flow), row.quantity, row.unit_cost), row=row)
            for row in history
            if _key(row) >= start
        ]
        entries.sort(key=lambda entry: entry.key)
    where = item.first_at or Location.of()
    results = cost_movements(before, [entry.move for entry in entries], item.buy_price)
    for entry, costed in zip(entries, results, strict=True):
        entry.costed = costed
        _record(business_id, item, entry, plan, costs, allow_negative, where)
    if entries:
        last = entries[-1].costed.after
        stock.quantity, stock.value, stock.average = last.quantity, last.value, last.average
        stock.last_on = entries[-1].key[0]
    elif previous is not None:
        stock.quantity, stock.value = previous.quantity_after, previous.value_after
        stock.average, stock.last_on = previous.average_after, previous.moved_on
    else:
        stock.quantity, stock.value, stock.average, stock.last_on = ZERO, ZERO, None, None


def _record(
    business_id: int,
    item: _Item,
    entry: _Entry,
    plan: _Plan,
    costs: dict[SourceRef, list[Decimal]],
    allow_negative: bool,
    where: Location,
) -> None:
    """Check one costed movement and plan its insert or update."""
    costed, after = entry.costed, entry.costed.after
    if abs(costed.cost) >= COST_LIMIT or abs(after.value) >= VALUE_LIMIT:
        raise InvalidFieldValue(
            "quantity × unit cost must be less than 10^18, and an item's stock value less than "
            "10^24.",
            location=_where(entry, where) / "quantity" if entry.new is not None else where,
        )
    lowered = entry.row is None or after.quantity < entry.row.quantity_after
    if not allow_negative and entry.move.flow is Flow.OUT and after.quantity < 0 and lowered:
        raise NegativeStock(item.code, after.quantity, entry.key[0], _where(entry, where))
    values = {
        "cost": costed.cost,
        "quantity_after": after.quantity,
        "value_after": after.value,
        "average_after": after.average,
    }
    if entry.new is not None:
        given, index, sequence = entry.new
        movement = given.movements[index]
        costs[given.source][index] = costed.cost
        plan.inserts.append(
            {
                "business_id": business_id,
                "source_type": given.source.kind.code,
                "source_id": given.source.id,
                "line_no": index,
                "item_id": movement.item_id,
                "warehouse_id": movement.warehouse_id,
                "moved_on": given.on,
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
        plan.updates.append(
            {"business_id": business_id, "id": entry.row.id, **values, "updated_at": utcnow()}
        )


def _where(entry: _Entry, otherwise: Location) -> Location:
    """Where a movement is in the request: the new one's own place, else ``otherwise``."""
    return otherwise if entry.new is None else entry.new[0].at / entry.new[1]


def _move_warehouses(
    session: Session, business_id: int, old: list[Any], batch: Sequence[SourceMovements]
) -> None:
    """Apply the change in each warehouse's quantities (movements that name a warehouse)."""
    deltas: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for row in old:
        if row.warehouse_id is not None:
            deltas[(row.warehouse_id, row.item_id)] -= (
                row.quantity if row.flow == Flow.IN else -row.quantity
            )
    for given in batch:
        for movement in given.movements:
            if movement.warehouse_id is not None:
                deltas[(movement.warehouse_id, movement.item_id)] += (
                    movement.quantity if movement.flow is Flow.IN else -movement.quantity
                )
    change_warehouse_quantities(session, business_id, deltas)


def change_warehouse_quantities(
    session: Session, business_id: int, deltas: Mapping[tuple[int, int], Decimal]
) -> dict[tuple[int, int], Decimal]:
    """Add ``deltas[(warehouse_id, item_id)]`` to what each warehouse holds of each item, and
    give what each changed one holds now. Call with the items' stock rows locked
    (:func:`lock_items`)."""
    changed = sorted((key, delta) for key, delta in deltas.items() if delta)
    if not changed:
        return {}
    now = utcnow()
    bulk.insert_missing(
        session,
        _W,
        [
            {
                "business_id": business_id,
                "warehouse_id": warehouse_id,
                "item_id": item_id,
                "quantity": ZERO,
                "created_at": now,
                "updated_at": now,
            }
            for (warehouse_id, item_id), _delta in changed
        ],
        ("business_id", "warehouse_id", "item_id"),
    )
    held: dict[tuple[int, int], tuple[int, Decimal]] = {}
    for chunk in chunks(changed):
        rows = session.execute(
            select(_W.c.id, _W.c.warehouse_id, _W.c.item_id, _W.c.quantity).where(
                _W.c.business_id == business_id,
                bulk.in_condition(session, _W.c.warehouse_id, sorted({w for (w, _i), _d in chunk})),
                bulk.in_condition(session, _W.c.item_id, sorted({i for (_w, i), _d in chunk})),
            )
        )
        held.update(((int(w), int(i)), (int(id_), quantity)) for id_, w, i, quantity in rows)
    # Added in Python: on SQLite the column is text, and SQL arithmetic on it goes through floats.
    bulk.update_rows(
        session,
        _W,
        ("business_id", "id"),
        [
            {
                "business_id": business_id,
                "id": held[key][0],
                "quantity": held[key][1] + delta,
                "updated_at": now,
            }
            for key, delta in changed
        ],
    )
    return {key: held[key][1] + delta for key, delta in changed}
