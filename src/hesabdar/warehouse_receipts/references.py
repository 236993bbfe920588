"""Referrers: an invoice whose goods warehouse receipts place, and a warehouse, item or project
that a receipt names, are not deleted. :mod:`hesabdar.wiring` registers :data:`REFERRERS` with
``kit.references``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from hesabdar.kit.references import Referrer
from hesabdar.warehouse_receipts.models import WarehouseReceipt, WarehouseReceiptRow

# How many of an invoice's receipts its refused delete names.
NAMED = 10


def _receipts(numbers: list[int]) -> str | None:
    if not numbers:
        return None
    if len(numbers) == 1:
        return f"warehouse receipt {numbers[0]}"
    shown = ", ".join(str(number) for number in numbers[:NAMED])
    more = f" and {len(numbers) - NAMED} more" if len(numbers) > NAMED else ""
    return f"each of warehouse receipts {shown}{more}"


def _invoice_referrer(session: Session, business_id: int, record_id: int) -> str | None:
    numbers = session.scalars(
        select(WarehouseReceipt.number)
        .where(
            WarehouseReceipt.business_id == business_id, WarehouseReceipt.invoice_id == record_id
        )
        .order_by(WarehouseReceipt.number)
    )
    return _receipts(list(numbers))


def _header_referrer(condition: Any) -> Referrer:
    def refers(session: Session, business_id: int, record_id: int) -> str | None:
        number = session.scalar(
            select(WarehouseReceipt.number)
            .where(WarehouseReceipt.business_id == business_id, condition(record_id))
            .order_by(WarehouseReceipt.number)
            .limit(1)
        )
        return _receipts([number] if number is not None else [])

    return refers


def _item_referrer(session: Session, business_id: int, record_id: int) -> str | None:
    number = session.scalar(
        select(WarehouseReceipt.number)
        .join(
            WarehouseReceiptRow,
            and_(
                WarehouseReceiptRow.business_id == WarehouseReceipt.business_id,
                WarehouseReceiptRow.receipt_id == WarehouseReceipt.id,
            ),
        )
        .where(
            WarehouseReceipt.business_id == business_id, WarehouseReceiptRow.item_id == record_id
        )
        .order_by(WarehouseReceipt.number)
        .limit(1)
    )
    return _receipts([number] if number is not None else [])


# (master-record kind, referrer): what warehouse receipts point at.
REFERRERS: tuple[tuple[str, Referrer], ...] = (
    ("invoice", _invoice_referrer),
    (
        "warehouse",
        _header_referrer(
            lambda id_: or_(
                WarehouseReceipt.warehouse_id == id_, WarehouseReceipt.destination_id == id_
            )
        ),
    ),
    ("item", _item_referrer),
    ("project", _header_referrer(lambda id_: WarehouseReceipt.project_id == id_)),
)
