"""Warehouses: listing, saving by code, deleting when unreferenced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.kit.codes import normalize_code
from hesabdar.kit.errors import MissingParameter, ParameterOutOfRange
from hesabdar.kit.references import ensure_unreferenced
from hesabdar.numbering.service import next_code
from hesabdar.warehouses.errors import WarehouseNotFound
from hesabdar.warehouses.models import CODE_WIDTH, Warehouse

MAX_CODE_LENGTH = 20


@dataclass(frozen=True)
class WarehouseInput:
    """``None`` means "not given". An empty or absent code creates one with the next code."""

    code: Any = None
    name: str | None = None


def get_by_code(session: Session, business_id: int, code: Any) -> Warehouse | None:
    normalized = normalize_code(code, CODE_WIDTH)
    if not normalized:
        return None
    return session.scalar(
        select(Warehouse).where(Warehouse.business_id == business_id, Warehouse.code == normalized)
    )


def list_warehouses(session: Session, business_id: int) -> list[Warehouse]:
    return list(
        session.scalars(
            select(Warehouse)
            .where(Warehouse.business_id == business_id)
            .order_by(Warehouse.code, Warehouse.id)
        )
    )


def save_warehouse(
    session: Session,
    business_id: int,
    data: WarehouseInput,
    *,
    where: str = "warehouse",
    via_api: bool = True,
) -> Warehouse:
    code = normalize_code(data.code, CODE_WIDTH)
    if len(code) > MAX_CODE_LENGTH:
        raise ParameterOutOfRange(
            f"Invalid value for {where}.Code: at most {MAX_CODE_LENGTH} characters (got {code!r})."
        )
    row = get_by_code(session, business_id, code) if code else None
    creating = row is None
    name = None if data.name is None else data.name.strip()
    if name == "" or (creating and name is None):
        raise MissingParameter(f"{where}.Name")
    if row is None:
        if not code:
            code = next_code(
                session,
                business_id,
                "warehouse",
                CODE_WIDTH,
                lambda candidate: get_by_code(session, business_id, candidate) is not None,
            )
        row = Warehouse(business_id=business_id, code=code, name=name)
        session.add(row)
    elif name is not None:
        row.name = name
    session.flush()
    changes.record(
        session,
        business_id,
        LogAction.WAREHOUSE_SAVE if creating else LogAction.WAREHOUSE_EDIT,
        "Warehouse",
        row.id,
        extra=row.code,
        via_api=via_api,
    )
    return row


def delete_warehouse(
    session: Session, business_id: int, code: Any, *, via_api: bool = True
) -> None:
    normalized = normalize_code(code, CODE_WIDTH)
    if not normalized:
        raise MissingParameter("code")
    row = get_by_code(session, business_id, normalized)
    if row is None:
        raise WarehouseNotFound(normalized)
    ensure_unreferenced(session, "warehouse", business_id, row.id, f"Warehouse {row.code}")
    changes.record(
        session,
        business_id,
        LogAction.WAREHOUSE_DELETE,
        "Warehouse",
        row.id,
        extra=row.code,
        via_api=via_api,
    )
    session.delete(row)
    session.flush()
