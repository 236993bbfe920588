"""Warehouses: listing, saving by code, deleting when unreferenced."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.changes.service import LogAction
from hesabdar.coded import CodedRecords, required_name
from hesabdar.kit.errors import Location
from hesabdar.warehouses.models import CODE_WIDTH, Warehouse
from hesabdar.warehouses.schemas import WAREHOUSE_AT, WarehouseInput

WAREHOUSES = CodedRecords(
    Warehouse,
    "warehouse",
    "Warehouse",
    "Warehouse",
    CODE_WIDTH,
    LogAction.WAREHOUSE_SAVE,
    LogAction.WAREHOUSE_EDIT,
    LogAction.WAREHOUSE_DELETE,
)


def get_by_code(session: Session, business_id: int, code: Any) -> Warehouse | None:
    return WAREHOUSES.get(session, business_id, code)


def get_by_codes(session: Session, business_id: int, codes: Sequence[Any]) -> dict[str, Warehouse]:
    """The business's warehouses with these codes, by stored code; unknown codes are left out."""
    return WAREHOUSES.get_by_codes(session, business_id, codes)


def require_by_code(session: Session, business_id: int, code: Any, at: Location) -> Warehouse:
    """The warehouse with this code; 112 naming ``at`` if there is none."""
    return WAREHOUSES.require(session, business_id, code, at)


def list_warehouses(session: Session, business_id: int) -> list[Warehouse]:
    return WAREHOUSES.list(session, business_id)


def save_warehouse(
    session: Session,
    business_id: int,
    data: WarehouseInput,
    *,
    at: Location = WAREHOUSE_AT,
    via_api: bool = True,
) -> Warehouse:
    row, code = WAREHOUSES.find_for_save(session, business_id, data.code, at)
    creating = row is None
    name = required_name(data.name, creating, at)
    if row is None:
        row = Warehouse(
            business_id=business_id,
            code=code or WAREHOUSES.next_code(session, business_id),
            name=name,
        )
        session.add(row)
    elif name is not None:
        row.name = name
    WAREHOUSES.record_saved(session, business_id, row, creating=creating, via_api=via_api)
    return row


def delete_warehouse(
    session: Session, business_id: int, code: Any, *, via_api: bool = True
) -> None:
    WAREHOUSES.delete(session, business_id, code, via_api=via_api)


# The name of the warehouse a business gets when something needs one and it has none.
DEFAULT_WAREHOUSE_NAME = "انبار مرکزی"


def default_warehouse(session: Session, business_id: int, *, via_api: bool = True) -> Warehouse:
    """The business's first warehouse (the lowest code), created if it has none: where stock
    goes that no warehouse was named for."""
    first = session.scalar(
        select(Warehouse)
        .where(Warehouse.business_id == business_id)
        .order_by(Warehouse.code, Warehouse.id)
        .limit(1)
    )
    if first is not None:
        return first
    return save_warehouse(
        session, business_id, WarehouseInput(name=DEFAULT_WAREHOUSE_NAME), via_api=via_api
    )
