"""warehouse/get, warehouse/GetById, warehouse/getReceipts, invoice/getWarehouseReceipt, and
item/GetQuantity by warehouse."""

from __future__ import annotations

from decimal import Decimal

from tests.invoices.helpers import Shop
from tests.warehouse_receipts.helpers import (
    CABLE,
    CENTRAL,
    PHONE,
    STORE,
    line,
    receipt,
    row,
)

D = Decimal


def _three(shop: Shop) -> list[dict[str, object]]:
    """Receipt 1 (the purchase, 05-01), issue 2 (sale 1, 05-03), transfer 3 (05-02)."""
    shop.save([row(PHONE, 2), row(CABLE, 5)])
    issued = shop.ok(
        "invoice/SaveWarehouseReceipt",
        receipt=receipt(1, [line(PHONE, 2), line(CABLE, 5)], date="2022-05-03", delivery="Post"),
    )
    moved = shop.ok(
        "warehouse/save",
        receipt={
            "warehouseCode": CENTRAL,
            "destinationWarehouseCode": STORE,
            "date": "2022-05-02",
            "items": [line(CABLE, 3)],
        },
    )
    return [shop.ok("warehouse/get", number=1), issued, moved]


def test_get_by_number_and_by_id(stocked: Shop) -> None:
    first, issued, moved = _three(stocked)
    assert stocked.ok("warehouse/get", number="2") == issued
    assert stocked.ok("WAREHOUSE/Get", Number=3) == moved
    assert stocked.ok("warehouse/GetById", id=issued["Id"]) == issued
    assert stocked.ok("warehouse/getById", id=str(moved["Id"])) == moved
    # In the order asked, once each; unknown ids left out.
    ids = [moved["Id"], 999, first["Id"], moved["Id"]]
    assert stocked.ok("warehouse/GetById", idList=ids) == [moved, first]
    assert stocked.ok("invoice/getWarehouseReceipt", idList=ids) == [moved, first]
    assert stocked.ok("invoice/GetWarehouseReceipt", idList=[]) == []


def test_lists_by_type_sorted_filtered_and_paged(stocked: Shop) -> None:
    first, issued, moved = _three(stocked)
    everything = stocked.ok("warehouse/getReceipts")
    assert (everything["TotalCount"], everything["FilteredCount"]) == (3, 3)
    assert (everything["From"], everything["To"]) == (1, 3)
    assert everything["List"] == [first, issued, moved]
    issues = stocked.ok(
        "warehouse/GetReceipts",
        type="2",
        queryInfo={"SortBy": "Date", "SortDesc": True, "Take": 100, "Skip": 0},
    )
    assert [r["Number"] for r in issues["List"]] == [2, 3]
    assert issues["TotalCount"] == 2
    assert stocked.ok("warehouse/getReceipts", type=1)["List"] == [first]
    filtered = stocked.ok(
        "warehouse/getReceipts",
        type=2,
        queryInfo={"Filters": {"Property": "InvoiceNumber", "Operator": "=", "Value": 1}},
    )
    assert [r["Number"] for r in filtered["List"]] == [2]
    to_store = stocked.ok(
        "warehouse/getReceipts",
        queryInfo={
            "filters": [{"property": "DestinationWarehouseCode", "operator": "=", "value": STORE}]
        },
    )
    assert [r["Number"] for r in to_store["List"]] == [3]
    by_code = stocked.ok(
        "warehouse/getReceipts",
        queryInfo={
            "Filters": [
                {"Property": "WarehouseCode", "Operator": "=", "Value": CENTRAL},
                {"Property": "Id", "Operator": "in", "Value": [first["Id"], issued["Id"]]},
            ],
            "SortBy": "Number",
            "SortDesc": True,
            "Take": 1,
            "Skip": 1,
        },
    )
    assert (by_code["FilteredCount"], by_code["From"], by_code["To"]) == (2, 2, 2)
    assert [r["Number"] for r in by_code["List"]] == [1]
    searched = stocked.ok("warehouse/getReceipts", queryInfo={"Search": "post"})
    assert [r["Number"] for r in searched["List"]] == [2]


def test_get_quantity_answers_what_a_warehouse_holds(stocked: Shop) -> None:
    _three(stocked)
    assert stocked.ok("item/GetQuantity", warehouseCode="0001", codes=[PHONE, CABLE]) == [
        {
            "Id": stocked.ok("item/get", code=PHONE)["Id"],
            "Code": PHONE,
            "Tag": "",
            "Quantity": D("8.0000"),
            "Barcode": "",
            "SellPrice": 0,
            "ProductCode": "",
        },
        {
            "Id": stocked.ok("item/get", code=CABLE)["Id"],
            "Code": CABLE,
            "Tag": "",
            "Quantity": D("12.0000"),
            "Barcode": "",
            "SellPrice": 0,
            "ProductCode": "",
        },
    ]
    in_store = stocked.ok("item/GetQuantity", warehouseCode=2, codes=["2"])
    assert [(r["Code"], r["Quantity"]) for r in in_store] == [(CABLE, D("3.0000"))]
    # Without a warehouse: the total stock, which receipts never move.
    total = stocked.ok("item/GetQuantity", codes=[PHONE, CABLE])
    assert [(r["Code"], r["Quantity"]) for r in total] == [
        (PHONE, D("8.0000")),
        (CABLE, D("15.0000")),
    ]
