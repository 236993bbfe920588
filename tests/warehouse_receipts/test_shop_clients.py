"""The warehouse calls real clients make, replayed as they send them: the official WooCommerce
plugin (Sepehrnm/wordpress-hesabfa-plugin), the PrestaShop module (saeed-sb/ps-ssbhesabfa) and
Hesabfa's own JS and C# samples."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.invoices.helpers import CUSTOMER, Shop
from tests.warehouse_receipts.helpers import CABLE, CENTRAL, PHONE, REPAIR, STORE, held, row, status

D = Decimal


def _wp_call(shop: Shop, path: str, **data: Any) -> dict[str, Any]:
    """The plugin's apiRequest: every call carries all four credentials."""
    return shop.call(path, userId="", password="", **data)


def _wp_order(shop: Shop, items: list[dict[str, Any]], number: Any = None, kind: int = 0) -> int:
    invoice = {
        "Number": number,
        "InvoiceType": kind,
        "ContactCode": CUSTOMER,
        "Date": "2022-05-01 10:20:30",
        "DueDate": "2022-05-01 10:20:30",
        "Reference": "1043",
        "Status": 2,
        "Tag": '{"id_order":1043}',
        "InvoiceItems": items,
        "Note": "",
        "Freight": 0,
    }
    answer = _wp_call(
        shop, "invoice/save", invoice=invoice, requestUniqueId=f"order-{number}-{kind}"
    )
    assert answer["Success"] is True, answer
    return int(answer["Result"]["Number"])


def _wp_item(row_number: int, code: str, quantity: int, price: float) -> dict[str, Any]:
    return {
        "RowNumber": row_number,
        "ItemCode": code,
        "Description": "Phone",
        "Quantity": quantity,
        "UnitPrice": price,
        "Discount": 0,
        "Tax": 0,
    }


def test_the_woocommerce_plugin_issues_its_orders_from_its_warehouse(stocked: Shop) -> None:
    stocked.ok("setting/SaveProject", project={"Title": "فروشگاه"})
    items = [
        _wp_item(0, PHONE, 2, 150000.0),
        _wp_item(1, REPAIR, 1, 20000.0),
        _wp_item(2, CABLE, 3, 900.0),
    ]
    number = _wp_order(stocked, items)
    # setWarehouseReceipt: the invoice's items, the freight item (a service) unset from the PHP
    # array, which json_encode then writes as an object keyed by the indexes left.
    answer = _wp_call(
        stocked,
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts=True,
        receipt={
            "WarehouseCode": "0001",
            "InvoiceNumber": number,
            "InvoiceType": 0,
            "Date": "2022-05-01 10:20:30",
            "Items": {"0": items[0], "2": items[2]},
            "Project": "فروشگاه",
        },
    )
    assert answer["Success"] is True, answer
    assert answer["Result"]["Number"] == 2
    assert [(i["ItemCode"], i["Quantity"]) for i in answer["Result"]["Items"]] == [
        (PHONE, D("2.0000")),
        (CABLE, D("3.0000")),
    ]
    assert status(stocked, number) == 2
    # The order changes (one more phone): the invoice is saved again, then its receipts.
    items[0]["Quantity"] = 3
    assert _wp_order(stocked, items, number=number) == number
    assert status(stocked, number) == 1
    again = _wp_call(
        stocked,
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts=True,
        receipt={
            "WarehouseCode": "0001",
            "InvoiceNumber": number,
            "InvoiceType": 0,
            "Date": "2022-05-01 10:20:30",
            "Items": [items[0], items[2]],
        },
    )
    assert again["Success"] is True, again
    assert [r["Number"] for r in stocked.ok("warehouse/getReceipts", type=2)["List"]] == [3]
    assert status(stocked, number) == 2
    # itemGetQuantity($warehouse, $codes), as its stock sync sends it.
    quantities = _wp_call(stocked, "item/GetQuantity", warehouseCode="0001", codes=[PHONE, CABLE])
    assert [(q["Code"], q["Quantity"]) for q in quantities["Result"]] == [
        (PHONE, D("7.0000")),
        (CABLE, D("17.0000")),
    ]
    # getWarehouseReceipt($objectId), from its webhook handler.
    found = _wp_call(stocked, "warehouse/GetById", id=again["Result"]["Id"])
    assert found["Result"] == again["Result"]


def test_the_woocommerce_plugin_receives_a_returned_order(stocked: Shop) -> None:
    number = _wp_order(stocked, [_wp_item(0, PHONE, 1, 150000.0)], kind=2)
    answer = _wp_call(
        stocked,
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts=True,
        receipt={
            "WarehouseCode": "0002",
            "InvoiceNumber": number,
            "InvoiceType": 2,
            "Date": "2022-05-01 10:20:30",
            "Items": [_wp_item(0, PHONE, 1, 150000.0)],
            "Receiving": True,
        },
    )
    assert answer["Success"] is True, answer
    assert answer["Result"]["Receiving"] is True
    assert held(stocked, STORE)[PHONE] == D("1.0000")
    assert status(stocked, number, 2) == 2


def test_the_prestashop_module_calls(stocked: Shop) -> None:
    stocked.save([row(PHONE, 2, 100)])
    # warehouseSave($receipt) and invoiceSaveWarehouseReceipt($receipt, false); an unset
    # project is false.
    saved = stocked.ok(
        "warehouse/save",
        deleteOldReceipts=True,
        receipt={
            "WarehouseCode": 1,
            "InvoiceNumber": "1",
            "InvoiceType": 0,
            "Date": "2022-05-02 09:00:00",
            "Items": [{"ItemCode": "1", "Quantity": "1"}],
            "project": False,
        },
    )
    more = stocked.ok(
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts=False,
        receipt={
            "WarehouseCode": 2,
            "InvoiceNumber": 1,
            "InvoiceType": 0,
            "Items": [{"ItemCode": PHONE, "Quantity": 1}],
        },
    )
    # warehouseGet($number), warehouseGetById($id) and (null, $idList) with nulls filtered out.
    assert stocked.ok("warehouse/get", number=2) == saved
    assert stocked.ok("warehouse/GetById", id=more["Id"]) == more
    assert stocked.ok("warehouse/GetById", idList=[saved["Id"], more["Id"]]) == [saved, more]
    # warehouseGetReceipts($type, $queryInfo) in its lower-case queryInfo.
    page = stocked.ok(
        "warehouse/GetReceipts",
        type=2,
        queryInfo={"take": 20, "skip": 0, "sortBy": "Number", "sortDesc": False, "filters": []},
    )
    assert [r["Number"] for r in page["List"]] == [2, 3]
    # itemGetQuantity($codes, $warehouseCode).
    quantities = stocked.ok("item/GetQuantity", codes=[PHONE], warehouseCode=2)
    assert [(q["Code"], q["Quantity"]) for q in quantities] == [(PHONE, D("-1.0000"))]
    # warehouseDelete($number).
    assert stocked.ok("warehouse/delete", number=3) is True
    assert held(stocked, STORE)[PHONE] == D("0.0000")
    assert status(stocked, 1) == 1
    # Its requestUniqueId on every save: a retry answers the first and changes nothing more.
    body = {
        "requestUniqueId": "ps-order-12-receipt",
        "deleteOldReceipts": False,
        "receipt": {
            "WarehouseCode": 2,
            "InvoiceNumber": 1,
            "InvoiceType": 0,
            "Items": [{"ItemCode": PHONE, "Quantity": 1}],
        },
    }
    first, retry = stocked.call("warehouse/save", **body), stocked.call("warehouse/save", **body)
    assert first == retry
    assert first["Result"]["Number"] == 4
    assert status(stocked, 1) == 2
    assert held(stocked, STORE)[PHONE] == D("-1.0000")


def test_hesabfas_js_sample_sends_form_values_as_strings(stocked: Shop) -> None:
    stocked.save([row(PHONE, 2, 100)])
    saved = stocked.ok(
        "warehouse/save",
        receipt={
            "WarehouseCode": "1",
            "DestinationWarehouseCode": "",
            "InvoiceNumber": "1",
            "InvoiceType": "0",
            "Date": "2022-05-02",
            "Items": [{"ItemCode": "1", "Quantity": "2", "Reference": "R-1", "Notes": "n"}],
            "Notes": "دستی",
        },
        deleteOldReceipts="false",
    )
    assert (saved["Note"], saved["Items"][0]["Reference"], saved["Items"][0]["Note"]) == (
        "دستی",
        "R-1",
        "n",
    )
    # invoice/SaveWarehouseReceipt's page sends every field, empty ones as "".
    moved = stocked.ok(
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts="true",
        receipt={
            "WarehouseCode": "2",
            "InvoiceNumber": "1",
            "InvoiceType": "0",
            "Date": "",
            "Notes": "",
            "Freight": "",
            "Delivery": "",
            "Project": "",
            "Items": [{"ItemCode": "1", "Quantity": "2", "Reference": "", "Notes": ""}],
        },
    )
    assert (moved["Number"], moved["WarehouseCode"], moved["Date"]) == (
        3,
        STORE,
        "2022-05-01T00:00:00",
    )
    listed = stocked.ok(
        "warehouse/getReceipts",
        type="2",
        queryInfo={"SortBy": "Date", "SortDesc": True, "Take": "10", "Skip": 0},
    )
    assert [r["Number"] for r in listed["List"]] == [3]
    assert stocked.ok("warehouse/getById", idList=[str(moved["Id"])]) == [moved]
    assert stocked.ok("warehouse/delete", number="3") is True


def test_hesabfas_csharp_sample_sends_its_whole_model(stocked: Shop) -> None:
    stocked.save([row(PHONE, 2, 100)])
    draft = {
        "Id": 0,
        "Number": 0,
        "InvoiceNumber": "1",
        "InvoiceType": 0,
        "WarehouseCode": 1,
        # Its int's default: no transfer.
        "DestinationWarehouseCode": 0,
        "Date": "2022-05-02T00:00:00",
        "Notes": None,
        "Delivery": None,
        "Freight": None,
        "Project": None,
        "Receiving": False,
        "Items": [
            {"ItemCode": PHONE, "Reference": None, "Notes": None, "Quantity": "2.0", "Item": None}
        ],
    }
    saved = stocked.ok("warehouse/save", receipt=draft)
    assert (saved["Number"], saved["DestinationWarehouseCode"], saved["Freight"]) == (2, "", "")
    assert held(stocked, CENTRAL)[PHONE] == D("8.0000")
    page = stocked.ok(
        "warehouse/getReceipts",
        queryInfo={
            "SortBy": "Date",
            "SortDesc": True,
            "Take": 100,
            "Skip": 0,
            "Search": "",
            "Filters": [],
        },
        type=2,
    )
    assert page["List"] == [saved]
    assert stocked.ok("warehouse/delete", number=2) is True
