"""Warehouses: listing, saving by code, deleting when unreferenced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from hesabdar.changes.service import LogAction
from hesabdar.coded import CodedRecords, required_name
from hesabdar.warehouses.models import CODE_WIDTH, Warehouse

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


@dataclass(frozen=True)
class WarehouseInput:
    """``None`` means "not given". An empty or absent code creates one with the next code."""

    code: Any = None
    name: str | None = None


def get_by_code(session: Session, business_id: int, code: Any) -> Warehouse | None:
    return WAREHOUSES.get(session, business_id, code)


def list_warehouses(session: Session, business_id: int) -> list[Warehouse]:
    return WAREHOUSES.list(session, business_id)


def save_warehouse(
    session: Session,
    business_id: int,
    data: WarehouseInput,
    *,
    where: str = "warehouse",
    via_api: bool = True,
) -> Warehouse:
    row, code = WAREHOUSES.find_for_save(session, business_id, data.code, where)
    creating = row is None
    name = required_name(data.name, creating, where)
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
