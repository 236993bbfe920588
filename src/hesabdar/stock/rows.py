"""The items' stock rows: created on first need, locked in item-id order, written back set-based."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from hesabdar.kit import bulk, locks
from hesabdar.kit.locks import LockStage
from hesabdar.kit.models import utcnow
from hesabdar.stock.models import FIRST_SEQUENCE, StockItem

# Rows per statement, well under every database's limit on bound parameters.
CHUNK = 5000
ZERO = Decimal(0)

_S = cast(Table, StockItem.__table__)
T = TypeVar("T")


def chunks(values: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


@dataclass
class ItemStock:
    """An item's stock row as read under its lock; :func:`save_stocks` writes back changes."""

    row_id: int
    item_id: int
    quantity: Decimal
    value: Decimal
    average: Decimal | None
    last_on: date | None
    next_sequence: int
    changed: bool = False


def lock_items(session: Session, business_id: int, item_ids: Iterable[int]) -> dict[int, ItemStock]:
    """The items' stock rows, created if missing and locked in item-id order (LockStage.STOCK)."""
    ids = sorted(set(item_ids))
    locks.enter(session, LockStage.STOCK)
    # Rows may have been changed through the ORM in this transaction: they go out first.
    session.flush()
    now = utcnow()
    found: dict[int, ItemStock] = {}
    for chunk in chunks(ids):
        # In item-id order, so two requests creating rows of the same items wait for each
        # other in one order; the rows that exist are then locked in that order.
        bulk.insert_missing(
            session,
            _S,
            [
                {
                    "business_id": business_id,
                    "item_id": item_id,
                    "quantity": ZERO,
                    "value": ZERO,
                    "next_sequence": FIRST_SEQUENCE,
                    "created_at": now,
                    "updated_at": now,
                }
                for item_id in chunk
            ],
            ("business_id", "item_id"),
        )
        rows = session.execute(
            select(
                _S.c.id,
                _S.c.item_id,
                _S.c.quantity,
                _S.c.value,
                _S.c.average,
                _S.c.last_on,
                _S.c.next_sequence,
            )
            .where(_S.c.business_id == business_id, bulk.in_condition(session, _S.c.item_id, chunk))
            .order_by(_S.c.item_id)
            .with_for_update()
        )
        found.update((int(row[1]), ItemStock(*row)) for row in rows)
    return found


def save_stocks(session: Session, business_id: int, stocks: Iterable[ItemStock]) -> None:
    """Write back the stock rows that changed (one statement per chunk)."""
    now = utcnow()
    bulk.update_rows(
        session,
        _S,
        ("business_id", "id"),
        [
            {
                "business_id": business_id,
                "id": stock.row_id,
                "quantity": stock.quantity,
                "value": stock.value,
                "average": stock.average,
                "last_on": stock.last_on,
                "next_sequence": stock.next_sequence,
                "updated_at": now,
            }
            for stock in stocks
            if stock.changed
        ],
    )
