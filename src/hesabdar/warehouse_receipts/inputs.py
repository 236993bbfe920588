"""A warehouse receipt's input checked and the records it names found, before any lock: the
required fields first, then the warehouses, items and project (services refused)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from hesabdar.contacts.codes import normalize_code
from hesabdar.invoices.amounts import money
from hesabdar.items import service as items
from hesabdar.items.models import Item
from hesabdar.items.schemas import ItemType
from hesabdar.kit import codes
from hesabdar.kit.errors import InvalidFieldValue, Location, MissingParameter, ObjectNotFound
from hesabdar.projects import service as projects
from hesabdar.warehouse_receipts.errors import WarehouseReceiptRefused
from hesabdar.warehouse_receipts.schemas import RECEIPT_AT, ROWS_AT, ReceiptInput
from hesabdar.warehouses import service as warehouses
from hesabdar.warehouses.models import CODE_WIDTH, Warehouse


@dataclass(frozen=True)
class ResolvedRow:
    item: Item
    quantity: Decimal
    reference: str
    note: str


@dataclass(frozen=True)
class Resolved:
    warehouse: Warehouse
    destination: Warehouse | None
    project_id: int | None
    rows: list[ResolvedRow]


def _warehouse(session: Session, business_id: int, code: str | None, at: Location) -> Warehouse:
    stored = codes.normalize_code(code, CODE_WIDTH)
    if not stored:
        raise MissingParameter(location=at)
    found = warehouses.get_by_code(session, business_id, stored)
    if found is None:
        raise ObjectNotFound(f"no warehouse has code '{stored}'.", location=at)
    return found


def resolve(session: Session, business_id: int, data: ReceiptInput) -> Resolved:
    """Every check of the input that reads no invoice: required fields first, then the
    records the receipt names."""
    if not codes.normalize_code(data.warehouse_code, CODE_WIDTH):
        raise MissingParameter(location=RECEIPT_AT / "warehouse_code")
    if not data.is_transfer:
        if not (data.invoice_number or "").strip():
            raise MissingParameter(location=RECEIPT_AT / "invoice_number")
        if data.invoice_type is None:
            raise MissingParameter(location=RECEIPT_AT / "invoice_type")
    if not data.rows:
        raise MissingParameter(location=ROWS_AT)
    quantities = []
    for index, row in enumerate(data.rows):
        if not normalize_code(row.item_code):
            raise MissingParameter(location=ROWS_AT / index / "item_code")
        if row.quantity is None:
            raise MissingParameter(location=ROWS_AT / index / "quantity")
        quantities.append(money(row.quantity, ROWS_AT / index / "quantity", positive=True))
    warehouse = _warehouse(session, business_id, data.warehouse_code, RECEIPT_AT / "warehouse_code")
    destination = None
    if data.is_transfer:
        at = RECEIPT_AT / "destination_warehouse_code"
        destination = _warehouse(session, business_id, data.destination_warehouse_code, at)
        if destination.id == warehouse.id:
            raise InvalidFieldValue(
                f"a transfer moves goods to another warehouse than {warehouse.code}.", location=at
            )
    found = items.get_by_codes(session, business_id, [row.item_code for row in data.rows])
    rows = []
    for index, (row, quantity) in enumerate(zip(data.rows, quantities, strict=True)):
        at = ROWS_AT / index / "item_code"
        item = found.get(normalize_code(row.item_code) or "")
        if item is None:
            raise ObjectNotFound(
                f"no item has code '{normalize_code(row.item_code)}'.", location=at
            )
        if item.item_type == int(ItemType.SERVICE):
            raise WarehouseReceiptRefused(
                f"item {item.code} is a service; warehouses hold goods only.", location=at
            )
        rows.append(ResolvedRow(item, quantity, row.reference, row.note))
    project_id = None
    if data.project is not None and data.project.strip():
        project = projects.get_project_by_title(session, business_id, data.project)
        if project is None:
            raise ObjectNotFound(
                f"no project is titled '{data.project.strip()}'.", location=RECEIPT_AT / "project"
            )
        project_id = project.id
    return Resolved(warehouse, destination, project_id, rows)
