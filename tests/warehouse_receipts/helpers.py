"""A shop with two warehouses, and the bodies and reads warehouse receipt tests use."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hesabdar.db import Database
from tests.conftest import Api
from tests.invoices.helpers import (
    CABLE,
    CUSTOMER,
    DAY,
    PHONE,
    REPAIR,
    SUPPLIER,
    Shop,
    open_shop,
    row,
)

D = Decimal
CENTRAL, STORE = "0001", "0002"

__all__ = ["CABLE", "CENTRAL", "CUSTOMER", "DAY", "PHONE", "REPAIR", "STORE", "SUPPLIER", "row"]


def line(code: str, quantity: Any, **fields: Any) -> dict[str, Any]:
    return {"itemCode": code, "quantity": quantity, **fields}


def receipt(
    invoice_number: Any, items: list[dict[str, Any]], warehouse: str = CENTRAL, **fields: Any
) -> dict[str, Any]:
    """A receipt of a sale invoice (invoiceType 0) unless ``fields`` say otherwise."""
    body: dict[str, Any] = {
        "warehouseCode": warehouse,
        "invoiceNumber": invoice_number,
        "invoiceType": 0,
        "items": items,
    }
    body.update(fields)
    return body


def held(shop: Api, warehouse: str) -> dict[str, Decimal]:
    """What the warehouse holds of each product (item/GetQuantity with its code)."""
    rows = shop.ok("item/GetQuantity", warehouseCode=warehouse)
    return {found["Code"]: found["Quantity"] for found in rows}


def status(shop: Shop, number: Any, invoice_type: int = 0) -> int:
    found: int = shop.ok("invoice/get", number=number, type=invoice_type)["WarehouseReceiptStatus"]
    return found


def stocked_shop(client: TestClient, database: Database) -> Shop:
    """The invoices' shop with warehouses 0001 Central and 0002 Store, and a purchase (invoice 1
    of type 1) of 10 phones and 20 cables received into Central (warehouse receipt 1)."""
    shop = open_shop(client, database)
    shop.ok("setting/SaveWarehouse", warehouse={"Name": "Central"})
    shop.ok("setting/SaveWarehouse", warehouse={"Name": "Store"})
    shop.save([row(PHONE, 10, 50000), row(CABLE, 20, 1000)], InvoiceType=1, ContactCode=SUPPLIER)
    shop.ok(
        "invoice/SaveWarehouseReceipt",
        receipt=receipt(1, [line(PHONE, 10), line(CABLE, 20)], invoiceType=1),
    )
    return shop


@pytest.fixture
def stocked(app_client: TestClient, database: Database) -> Shop:
    return stocked_shop(app_client, database)
