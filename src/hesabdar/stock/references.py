"""Referrers: an item or a warehouse that stock movements name is not deleted.

:mod:`hesabdar.wiring` registers :data:`REFERRERS` with ``kit.references``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.kit.references import Referrer
from hesabdar.stock.models import StockMovement, WarehouseStock


def _described(row: tuple[str, int] | None) -> str | None:
    if row is None:
        return None
    source_type, source_id = row
    return f"stock movement of {source_type.replace('_', ' ')} {source_id}"


def _item_referrer(session: Session, business_id: int, record_id: int) -> str | None:
    row = session.execute(
        select(StockMovement.source_type, StockMovement.source_id)
        .where(StockMovement.business_id == business_id, StockMovement.item_id == record_id)
        .limit(1)
    ).first()
    return _described(None if row is None else (str(row[0]), int(row[1])))


def _warehouse_referrer(session: Session, business_id: int, record_id: int) -> str | None:
    row = session.execute(
        select(StockMovement.source_type, StockMovement.source_id)
        .where(StockMovement.business_id == business_id, StockMovement.warehouse_id == record_id)
        .limit(1)
    ).first()
    if row is not None:
        return _described((str(row[0]), int(row[1])))
    held = session.scalar(
        select(WarehouseStock.item_id)
        .where(
            WarehouseStock.business_id == business_id,
            WarehouseStock.warehouse_id == record_id,
            WarehouseStock.quantity != 0,
        )
        .limit(1)
    )
    return None if held is None else f"the stock it holds of item {held}"


# (master-record kind, referrer): what stock movements point at.
REFERRERS: tuple[tuple[str, Referrer], ...] = (
    ("item", _item_referrer),
    ("warehouse", _warehouse_referrer),
)
