"""invoice/SaveWarehouseReceipt and warehouse/save: an approved invoice's goods received into or
issued from warehouses (one call per warehouse), deleteOldReceipts, edits by number, transfers
between warehouses, deletes; the invoice's WarehouseReceiptStatus; nothing posted."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from tests.conftest import Api
from tests.invoices.helpers import Shop
from tests.warehouse_receipts.helpers import (
    CABLE,
    CENTRAL,
    PHONE,
    REPAIR,
    STORE,
    SUPPLIER,
    held,
    line,
    receipt,
    row,
    status,
)

D = Decimal


def books(shop: Shop) -> tuple[dict[str, Decimal], list[Any]]:
    """The ledger's balances and its documents: what a warehouse receipt must not change."""
    return shop.balances(), shop.ok("document/getdocuments", queryInfo={"Take": 100})["List"]


def test_a_sale_is_issued_from_a_warehouse_and_nothing_is_posted(stocked: Shop) -> None:
    sale = stocked.save([row(PHONE, 3, 150000), row(REPAIR, 1, 50000)], Note="order 77")
    assert status(stocked, sale["Number"]) == 0
    before = books(stocked)
    saved = stocked.ok(
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts=True,
        receipt=receipt(
            sale["Number"],
            [line(PHONE, 3, reference="PQ-1224", note="boxed")],
            date="2022-05-02",
            notes="حواله خروج از انبار - فاکتور فروش # 1",
            freight="توسط خودشان",
            delivery="در محل انبار",
        ),
    )
    phone = stocked.ok("item/get", code=PHONE)
    assert saved == {
        "Id": saved["Id"],
        "Number": 2,
        "InvoiceNumber": "1",
        "InvoiceType": 0,
        "WarehouseCode": CENTRAL,
        "DestinationWarehouseCode": "",
        "Receiving": False,
        "Date": "2022-05-02T00:00:00",
        "Note": "حواله خروج از انبار - فاکتور فروش # 1",
        "Notes": "حواله خروج از انبار - فاکتور فروش # 1",
        "Delivery": "در محل انبار",
        "Freight": "توسط خودشان",
        "Project": "",
        "Items": [
            {
                "Id": saved["Items"][0]["Id"],
                "ItemCode": PHONE,
                "Item": phone,
                "Reference": "PQ-1224",
                "Note": "boxed",
                "Notes": "boxed",
                "Quantity": D("3.0000"),
            }
        ],
    }
    # The invoice moved the total stock (10 - 3) and posted its cost; the issue moves only the
    # warehouse's quantity, and posts nothing.
    assert phone["Stock"] == D("7.0000")
    assert held(stocked, CENTRAL) == {PHONE: D("7.0000"), CABLE: D("20.0000")}
    assert held(stocked, STORE) == {PHONE: D("0.0000"), CABLE: D("0.0000")}
    assert books(stocked) == before
    assert status(stocked, sale["Number"]) == 2


def test_one_call_per_warehouse_partial_then_complete(stocked: Shop) -> None:
    stocked.ok("setting/SaveProject", project={"Title": "پروژه فروشگاه آنلاین"})
    sale = stocked.save([row(PHONE, 5), row(CABLE, "2.5"), row(PHONE, 1), row(REPAIR, 1)])
    first = stocked.ok(
        "invoice/SaveWarehouseReceipt",
        receipt=receipt(sale["Number"], [line(PHONE, 2), line(CABLE, "1.25")]),
    )
    assert status(stocked, 1) == 1
    # Goods not in the first warehouse come from the second: one call per warehouse. The store
    # holds none: the business allows negative stock (the default), so it goes below zero.
    second = stocked.ok(
        "invoice/SaveWarehouseReceipt",
        receipt=receipt(
            1,
            [line(PHONE, 3), line(CABLE, "1.25"), line(PHONE, 1)],
            warehouse=STORE,
            project="پروژه فروشگاه آنلاین",
        ),
    )
    assert (first["Number"], second["Number"]) == (2, 3)
    assert (second["WarehouseCode"], second["Project"]) == (STORE, "پروژه فروشگاه آنلاین")
    assert status(stocked, 1) == 2
    assert held(stocked, CENTRAL) == {PHONE: D("8.0000"), CABLE: D("18.7500")}
    assert held(stocked, STORE) == {PHONE: D("-4.0000"), CABLE: D("-1.2500")}
    # Both warehouses together hold the total stock.
    assert stocked.ok("item/get", code=PHONE)["Stock"] == D("4.0000")
    assert stocked.ok("item/get", code=CABLE)["Stock"] == D("17.5000")


def test_each_invoice_type_moves_its_goods_its_own_way(stocked: Shop) -> None:
    stocked.save([row(PHONE, 4)])  # sale 1
    stocked.save([row(PHONE, 1)], InvoiceType=2)  # sales return 1
    stocked.save([row(CABLE, 2, 1000)], InvoiceType=3, ContactCode=SUPPLIER)  # purchase return 1
    stocked.save([row(CABLE, 3)], InvoiceType=4, ContactCode=None)  # waste 1
    stocked.save([row(CABLE, 7, 900)], InvoiceType=1, ContactCode=SUPPLIER)  # purchase 2
    moves = {
        (0, 1, None): PHONE,
        (2, 1, True): PHONE,
        (3, 1, None): CABLE,
        (4, 1, False): CABLE,
        (1, 2, None): CABLE,
    }
    quantities = {(0, 1): 4, (2, 1): 1, (3, 1): 2, (4, 1): 3, (1, 2): 7}
    answers = {}
    for (kind, number, receiving), code in moves.items():
        extra = {} if receiving is None else {"Receiving": receiving}
        body = receipt(number, [line(code, quantities[(kind, number)])], invoiceType=kind, **extra)
        answers[kind] = stocked.ok("invoice/SaveWarehouseReceipt", receipt=body)
    assert {kind: answer["Receiving"] for kind, answer in answers.items()} == {
        0: False,
        2: True,
        3: False,
        4: False,
        1: True,
    }
    # Central: phones 10 - 4 + 1; cables 20 - 2 - 3 + 7.
    assert held(stocked, CENTRAL) == {PHONE: D("7.0000"), CABLE: D("22.0000")}
    listed = stocked.ok("warehouse/getReceipts", type=1, queryInfo={"Take": 10})
    assert [(r["InvoiceType"], r["InvoiceNumber"]) for r in listed["List"]] == [
        (1, "1"),
        (2, "1"),
        (1, "2"),
    ]
    issues = stocked.ok("warehouse/getReceipts", type=2)
    assert [(r["InvoiceType"], r["InvoiceNumber"]) for r in issues["List"]] == [
        (0, "1"),
        (3, "1"),
        (4, "1"),
    ]


def test_delete_old_receipts_replaces_the_invoices_receipts(stocked: Shop) -> None:
    stocked.save([row(PHONE, 6), row(CABLE, 4)])
    stocked.ok("invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 2)]))
    stocked.ok(
        "invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 4)], warehouse=STORE)
    )
    assert status(stocked, 1) == 1
    # Without deleteOldReceipts the old receipts stay, and more than the invoice is refused.
    with stocked.unchanged(("warehouse/getReceipts", {"type": 2})):
        stocked.fail("invoice/SaveWarehouseReceipt", 190, receipt=receipt(1, [line(PHONE, 1)]))
    replaced = stocked.ok(
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts="true",
        receipt=receipt(1, [line(PHONE, 6), line(CABLE, 4)]),
    )
    assert replaced["Number"] == 4
    assert [r["Number"] for r in stocked.ok("warehouse/getReceipts", type=2)["List"]] == [4]
    assert held(stocked, CENTRAL) == {PHONE: D("4.0000"), CABLE: D("16.0000")}
    assert held(stocked, STORE) == {PHONE: D("0.0000"), CABLE: D("0.0000")}
    assert status(stocked, 1) == 2
    assert [(c["Action"], c["ObjectId"]) for c in stocked.changes()[-3:]] == [
        (263, 2),
        (263, 3),
        (261, replaced["Id"]),
    ]
    # The purchase's receipt is another invoice's: it stays.
    assert stocked.ok("warehouse/get", number=1)["InvoiceType"] == 1


def test_a_receipt_is_replaced_by_its_number(stocked: Shop) -> None:
    stocked.save([row(PHONE, 6)])
    first = stocked.ok("warehouse/save", receipt=receipt(1, [line(PHONE, 5)], note="first"))
    edited = stocked.ok(
        "warehouse/save",
        receipt=receipt(1, [line(PHONE, 2)], warehouse=STORE, number=first["Number"]),
    )
    assert (edited["Id"], edited["Number"], edited["WarehouseCode"]) == (first["Id"], 2, STORE)
    assert (edited["Note"], edited["Items"][0]["Quantity"]) == ("", D("2.0000"))
    assert held(stocked, CENTRAL)[PHONE] == D("10.0000")
    assert held(stocked, STORE)[PHONE] == D("-2.0000")
    assert status(stocked, 1) == 1
    assert [(c["Action"], c["Extra"]) for c in stocked.changes()[-2:]] == [
        (261, PHONE),
        (262, PHONE),
    ]
    # A number no receipt has issues a new receipt with it; later ones go on from the counter.
    chosen = stocked.ok("warehouse/save", receipt=receipt(1, [line(PHONE, 1)], number=40))
    after = stocked.ok("warehouse/save", receipt=receipt(1, [line(PHONE, 1)], number=0))
    assert (chosen["Number"], after["Number"]) == (40, 3)


def test_a_transfer_moves_goods_between_warehouses(stocked: Shop) -> None:
    stocked.save([row(PHONE, 1)])
    transfer = stocked.ok(
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts=True,
        receipt={
            "warehouseCode": 1,
            "destinationWarehouseCode": "2",
            # Ignored for a transfer, as Hesabfa's docs say.
            "invoiceNumber": 1,
            "invoiceType": 0,
            "date": "2022-05-03",
            "items": [line(PHONE, 4), line(CABLE, "0.5")],
        },
    )
    assert (transfer["InvoiceNumber"], transfer["InvoiceType"]) == ("", None)
    assert (transfer["WarehouseCode"], transfer["DestinationWarehouseCode"]) == (CENTRAL, STORE)
    assert transfer["Receiving"] is False
    assert held(stocked, CENTRAL) == {PHONE: D("6.0000"), CABLE: D("19.5000")}
    assert held(stocked, STORE) == {PHONE: D("4.0000"), CABLE: D("0.5000")}
    assert stocked.ok("item/get", code=PHONE)["Stock"] == D("9.0000")
    assert status(stocked, 1) == 0
    # Back again, edited by its number, then deleted.
    stocked.ok(
        "warehouse/save",
        receipt={
            "number": transfer["Number"],
            "warehouseCode": STORE,
            "destinationWarehouseCode": CENTRAL,
            "items": [line(PHONE, 1)],
        },
    )
    assert held(stocked, CENTRAL) == {PHONE: D("11.0000"), CABLE: D("20.0000")}
    assert held(stocked, STORE) == {PHONE: D("-1.0000"), CABLE: D("0.0000")}
    assert stocked.ok("warehouse/delete", number=transfer["Number"]) is True
    assert held(stocked, CENTRAL) == {PHONE: D("10.0000"), CABLE: D("20.0000")}
    assert held(stocked, STORE) == {PHONE: D("0.0000"), CABLE: D("0.0000")}


def test_a_receipt_without_a_date_takes_its_invoices_and_an_edit_keeps_its_own(
    stocked: Shop,
) -> None:
    stocked.save([row(PHONE, 2)], Date="2022-06-01", DueDate="2022-06-01")
    issued = stocked.ok("invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 1)]))
    assert issued["Date"] == "2022-06-01T00:00:00"
    moved = stocked.ok("warehouse/save", receipt=receipt(1, [line(PHONE, 1)], date="2022-06-05"))
    edited = stocked.ok(
        "warehouse/save", receipt=receipt(1, [line(PHONE, "0.5")], number=moved["Number"])
    )
    assert (edited["Date"], edited["Items"][0]["Quantity"]) == ("2022-06-05T00:00:00", D("0.5"))


def test_a_transfer_without_a_date_is_dated_today(api: Api) -> None:
    api.ok("setting/SaveWarehouse", warehouse={"Name": "Central"})
    api.ok("setting/SaveWarehouse", warehouse={"Name": "Store"})
    api.ok("item/save", item={"Name": "Phone"})
    transfer = api.ok(
        "warehouse/save",
        receipt={"warehouseCode": 1, "destinationWarehouseCode": 2, "items": [line(PHONE, 1)]},
    )
    assert transfer["Date"] == f"{datetime.now(UTC).date().isoformat()}T00:00:00"
    assert held(api, STORE) == {PHONE: D("1.0000")}


def test_deleting_a_receipt_takes_its_goods_back_and_frees_the_invoice(stocked: Shop) -> None:
    stocked.save([row(PHONE, 2)])
    issued = stocked.ok("invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 2)]))
    assert stocked.ok("warehouse/delete", number=str(issued["Number"]), type=2) is True
    assert held(stocked, CENTRAL)[PHONE] == D("10.0000")
    assert status(stocked, 1) == 0
    assert stocked.changes()[-1] == {
        "Action": 263,
        "ObjectType": "WarehouseReceipt",
        "ObjectId": issued["Id"],
        "Extra": PHONE,
        "API": True,
    }
    assert stocked.ok("invoice/delete", number=1, type=0) is True
    # The purchase's receipt is deleted the same way; its invoice follows.
    assert stocked.ok("warehouse/delete", number=1) is True
    assert held(stocked, CENTRAL) == {PHONE: D("0.0000"), CABLE: D("0.0000")}
    assert status(stocked, 1, 1) == 0


def test_a_receipt_may_name_an_item_twice_and_in_exact_quantities(stocked: Shop) -> None:
    stocked.save([row(PHONE, "2.3333"), row(PHONE, "1.0001")])
    saved = stocked.ok(
        "invoice/SaveWarehouseReceipt",
        receipt=receipt(1, [line(PHONE, "3.3333"), line(PHONE, "0.0001")]),
    )
    assert [item["Quantity"] for item in saved["Items"]] == [D("3.3333"), D("0.0001")]
    assert held(stocked, CENTRAL)[PHONE] == D("6.6666")
    assert status(stocked, 1) == 2
