"""Warehouse receipts in the change log (setting/GetChanges: 261 save, 262 edit, 263 delete,
ObjectType WarehouseReceipt, Extra its item codes, Extra2 its number) and announced to the change
hook after the commit, so that a shop's webhook handler reads them again."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from hesabdar.db import Database
from tests.changes.conftest import Receiver
from tests.invoices.helpers import Shop
from tests.warehouse_receipts.helpers import (
    CABLE,
    PHONE,
    STORE,
    line,
    receipt,
    row,
    stocked_shop,
)


def _logged(shop: Shop, start: int) -> list[tuple[Any, ...]]:
    rows = shop.ok("setting/GetChanges", start=start)
    return [
        (r["Action"], r["ObjectType"], r["ObjectId"], r["Extra"], r["Extra2"], r["API"])
        for r in rows
    ]


def test_saves_edits_and_deletes_are_logged(stocked: Shop) -> None:
    start = stocked.call("setting/GetChanges", start=10**9)["LastId"]
    stocked.save([row(PHONE, 4), row(CABLE, 4)])
    first = stocked.ok(
        "invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(CABLE, 1), line(PHONE, 1)])
    )
    stocked.ok("warehouse/save", receipt=receipt(1, [line(PHONE, 2)], number=first["Number"]))
    second = stocked.ok(
        "invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(CABLE, 2)], warehouse=STORE)
    )
    third = stocked.ok(
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts=True,
        receipt=receipt(1, [line(PHONE, 4), line(CABLE, 4)]),
    )
    stocked.ok("warehouse/delete", number=third["Number"])
    invoice_id = stocked.ok("invoice/get", number=1, type=0)["Id"]
    assert _logged(stocked, start) == [
        (121, "Invoice", invoice_id, f"{PHONE},{CABLE}", "", True),
        (261, "WarehouseReceipt", first["Id"], f"{CABLE},{PHONE}", "2", True),
        (262, "WarehouseReceipt", first["Id"], PHONE, "2", True),
        (261, "WarehouseReceipt", second["Id"], CABLE, "3", True),
        (263, "WarehouseReceipt", first["Id"], PHONE, "2", True),
        (263, "WarehouseReceipt", second["Id"], CABLE, "3", True),
        (261, "WarehouseReceipt", third["Id"], f"{PHONE},{CABLE}", "4", True),
        (263, "WarehouseReceipt", third["Id"], f"{PHONE},{CABLE}", "4", True),
    ]


def test_a_receipt_is_announced_and_read_again_by_the_webhook_handler(
    live: TestClient, database: Database, receiver: Receiver
) -> None:
    shop = stocked_shop(live, database)
    shop.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    shop.save([row(PHONE, 3)])
    assert receiver.next()["Action"] == 121
    # A refused receipt announces nothing.
    shop.fail("invoice/SaveWarehouseReceipt", 190, receipt=receipt(1, [line(PHONE, 4)]))
    issued = shop.ok("invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 2)]))
    hook = receiver.next()
    assert hook == {
        "Password": "pw",
        "Action": 261,
        "ObjectType": "WarehouseReceipt",
        "ObjectIdList": [issued["Id"]],
    }
    # What the WooCommerce plugin's webhook handler does with it: the changes since its last
    # id, the receipts' items again, and their quantity in its warehouse.
    last = shop.call("setting/GetChanges", start=10**9)["LastId"]
    changes = shop.ok("setting/GetChanges", start=last - 1)
    ids = [c["ObjectId"] for c in changes if c["ObjectType"] == "WarehouseReceipt"]
    assert ids == hook["ObjectIdList"]
    receipts = shop.ok("invoice/getWarehouseReceipt", idList=ids)
    codes = [item["ItemCode"] for found in receipts for item in found["Items"]]
    quantities = shop.ok("item/GetQuantity", warehouseCode="0001", codes=codes)
    assert [(q["Code"], q["Quantity"]) for q in quantities] == [(PHONE, 8)]
    # Replacing the invoice's receipts: one POST per action, the deletes first.
    replaced = shop.ok(
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts=True,
        receipt=receipt(1, [line(PHONE, 3)], warehouse=STORE),
    )
    assert [receiver.next(), receiver.next()] == [
        {
            "Password": "pw",
            "Action": 263,
            "ObjectType": "WarehouseReceipt",
            "ObjectIdList": [issued["Id"]],
        },
        {
            "Password": "pw",
            "Action": 261,
            "ObjectType": "WarehouseReceipt",
            "ObjectIdList": [replaced["Id"]],
        },
    ]
    assert shop.ok("invoice/getWarehouseReceipt", idList=[issued["Id"]]) == []
    assert receiver.nothing_more()
