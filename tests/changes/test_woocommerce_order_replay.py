"""One WooCommerce order, replayed in the order the official plugin makes its calls
(Sepehrnm/wordpress-hesabfa-plugin: ``ssbhesabfa-admin-functions.php`` setContact, exportProducts,
exportOpeningQuantity, setOrder, setOrderPayment, setWarehouseReceipt; ``class-ssbhesabfa-api.php``
for the bodies; ``class-ssbhesabfa-webhook.php`` for what it does when the change hook calls).
Every answer is checked on the fields the plugin reads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient

from hesabdar.db import Database
from tests.changes.conftest import Receiver
from tests.conftest import Api, make_business

D = Decimal
# What the plugin sends beside every call's own data, for a shop set up with a login token.
PLUGIN_CREDENTIALS = {"userId": False, "password": False}
GUID = "0d9f7c7e-4a3b-4bd5-9d6c-1045"  # the order's requestUniqueId, kept for the day


def call(api: Api, path: str, **data: Any) -> dict[str, Any]:
    return api.call(path, **PLUGIN_CREDENTIALS, **data)


def ok(api: Api, path: str, **data: Any) -> Any:
    body = call(api, path, **data)
    assert (body["Success"], body["ErrorCode"]) == (True, 0), body
    return body["Result"]


def test_one_order_from_customer_to_warehouse_receipt_and_the_webhook(
    live: TestClient, database: Database, receiver: Receiver
) -> None:
    api = Api(live, make_business(database))
    ok(api, "setting/SetChangeHook", url=receiver.url, hookPassword="hook-secret")
    warehouse = ok(api, "setting/SaveWarehouse", warehouse={"Name": "انبار فروشگاه"})
    ok(api, "setting/SaveBank", bank={"Name": "درگاه زرین پال"})
    start = call(api, "setting/GetChanges", start=1_000_000_000)
    assert start["Success"] is True
    last_id = start["LastId"] - 1

    # setContact: the customer, with the plugin's empty fields left out.
    customer = ok(
        api,
        "contact/save",
        contact={
            "Code": None,
            "Name": "سارا احمدی",
            "FirstName": "سارا",
            "LastName": "احمدی",
            "ContactType": 1,
            "NodeFamily": "اشخاص : Online Customers",
            "NationalCode": "",
            "EconomicCode": "",
            "RegistrationNumber": "",
            "Website": "",
            "Company": "",
            "Mobile": "09121234567",
            "Email": "sara@example.com",
            "Tag": '{"id_customer":77}',
            "Note": "Customer ID in OnlineStore: 77",
        },
    )
    assert customer["Code"] == "000001"

    # exportProducts: a product with two variations, in one batch.
    products = ok(
        api,
        "item/batchsave",
        items=[
            {
                "Code": None,
                "Name": f"تی شرت - {size}",
                "ItemType": 0,
                "Tag": f'{{"id_product":12,"id_attribute":{attribute}}}',
                "PurchasesTitle": f"تی شرت - {size}",
                "SalesTitle": f"تی شرت - {size}",
                "SellPrice": 450000,
                "Barcode": "",
                "NodeFamily": "products: پوشاک:تی شرت",
                "ProductCode": f"TS-{size}",
            }
            for attribute, size in ((31, "M"), (32, "L"))
        ],
    )
    assert [(p["Code"], p["Tag"]) for p in products] == [
        ("000001", '{"id_product":12,"id_attribute":31}'),
        ("000002", '{"id_product":12,"id_attribute":32}'),
    ]

    # exportOpeningQuantity: the shop's stock, valued at its regular prices.
    ok(
        api,
        "item/UpdateOpeningQuantity",
        items=[
            {"Code": "000001", "Quantity": 10, "UnitPrice": 300000},
            {"Code": "000002", "Quantity": 4, "UnitPrice": 300000},
        ],
    )

    # setOrder: the invoice, sent twice (the plugin retries with the same requestUniqueId).
    order = {
        "Number": None,
        "InvoiceType": 0,
        "ContactCode": "000001",
        "Date": "2026-11-30 18:20:00",
        "DueDate": "2026-11-30 18:20:00",
        "Reference": "1045",
        "Status": 2,
        "Tag": '{"id_order":1045}',
        "InvoiceItems": [
            {
                "RowNumber": 0,
                "ItemCode": "000001",
                "Description": "تی شرت - M",
                "Quantity": 2,
                "UnitPrice": 450000.0,
                "Discount": 50000.0,
                "Tax": 0.0,
            },
            {
                "RowNumber": 1,
                "ItemCode": "000002",
                "Description": "تی شرت - L",
                "Quantity": 1,
                "UnitPrice": 450000.0,
                "Discount": 0.0,
                "Tax": 0.0,
            },
        ],
        "Note": "",
        "Freight": 60000,
    }
    saved = ok(api, "invoice/save", invoice=order, requestUniqueId=GUID)
    assert ok(api, "invoice/save", invoice=order, requestUniqueId=GUID) == saved
    number = int(saved["Number"])
    assert number == 1
    # 900,000 − 50,000 + 450,000, and the freight.
    assert (saved["Sum"], saved["Payable"]) == (D("1300000.0000"), D("1360000.0000"))

    # setOrderPayment: the invoice read first; paid through the bank with cash in transit.
    assert ok(api, "invoice/get", number=number, type=0)["Paid"] == D("0.0000")
    accounts = ok(api, "setting/GetAccounts")
    [in_transit] = [a["FullPath"] for a in accounts if a["Name"] == "وجوه در راه"]
    receipt = ok(
        api,
        "invoice/savepayment",
        number=number,
        date="2026-11-30 18:25:00",
        amount=1360000,
        transactionNumber="A00000000000000000000000000412345678",
        description="",
        transactionFee=0,
        bankCode="0001",
        accountPath=in_transit,
    )
    assert receipt["Amount"] == D("1360000.0000")
    paid = ok(api, "invoice/get", number=number, type=0)
    assert (paid["Paid"], paid["Rest"]) == (D("1360000.0000"), D("0.0000"))
    found = ok(
        api,
        "receipt/getReceipts",
        type=1,
        queryInfo={"filters": [{"Property": "Invoice.Number", "Operator": "=", "Value": number}]},
    )
    assert (found["FilteredCount"], found["List"][0]["Number"]) == (1, receipt["Number"])

    # setWarehouseReceipt: the order's rows issued from the shop's warehouse.
    issued = ok(
        api,
        "invoice/SaveWarehouseReceipt",
        deleteOldReceipts=True,
        receipt={
            "WarehouseCode": warehouse["Code"],
            "InvoiceNumber": number,
            "InvoiceType": 0,
            "Date": "2026-11-30 18:20:00",
            "Items": order["InvoiceItems"],
        },
    )
    assert issued["Number"] == 1
    assert ok(api, "invoice/get", number=number, type=0)["WarehouseReceiptStatus"] == 2
    held = ok(api, "item/GetQuantity", warehouseCode=warehouse["Code"], codes=["000001", "000002"])
    assert [(q["Code"], q["Quantity"]) for q in held] == [
        ("000001", D("8.0000")),
        ("000002", D("3.0000")),
    ]

    # The change hook: one call per request, after its commit, in order; a batch's records in
    # one call's ObjectIdList.
    bodies = [receiver.next() for _ in range(5)]
    assert [(b["ObjectType"], b["Action"], b["ObjectIdList"]) for b in bodies] == [
        ("Contact", 31, [customer["Id"]]),
        ("Product", 51, [products[0]["Id"], products[1]["Id"]]),
        ("Invoice", 121, [saved["Id"]]),
        ("Receipt", 1111, [receipt["Id"]]),
        ("WarehouseReceipt", 261, [issued["Id"]]),
    ]
    assert {b["Password"] for b in bodies} == {"hook-secret"}
    assert receiver.nothing_more()

    # The webhook handler: the changes since the last id it kept (made through the API: the
    # plugin skips them by API, but reads each field).
    changes = call(api, "setting/GetChanges", start=last_id)
    assert changes["Success"] is True
    rows = changes["Result"]
    assert changes["LastId"] == rows[-1]["Id"]
    invoice_change = next(row for row in rows if row["ObjectType"] == "Invoice")
    assert (invoice_change["Action"], invoice_change["ObjectId"], invoice_change["API"]) == (
        121,
        saved["Id"],
        True,
    )
    assert invoice_change["Extra"] == "000001,000002"
    receipt_change = next(row for row in rows if row["ObjectType"] == "WarehouseReceipt")
    # getObjectsByIdList: the invoice and the warehouse receipt read back by id.
    invoices = ok(
        api,
        "invoice/getinvoices",
        queryInfo={"Filters": {"Property": "Id", "Operator": "in", "Value": [saved["Id"]]}},
    )
    assert [(i["Number"], i["Paid"], i["Tag"]) for i in invoices["List"]] == [
        ("1", D("1360000.0000"), '{"id_order":1045}')
    ]
    [read_back] = ok(api, "invoice/getWarehouseReceipt", idList=[receipt_change["ObjectId"]])
    assert (read_back["InvoiceNumber"], read_back["WarehouseCode"]) == ("1", warehouse["Code"])
    assert [(row["ItemCode"], row["Quantity"]) for row in read_back["Items"]] == [
        ("000001", D("2.0000")),
        ("000002", D("1.0000")),
    ]
    items = ok(api, "item/getById", idList=[p["Id"] for p in products])
    assert [(i["Code"], i["Stock"], i["SellPrice"]) for i in items] == [
        ("000001", D("8.0000"), D("450000.0000")),
        ("000002", D("3.0000"), D("450000.0000")),
    ]
    # The retried invoice/save was not saved twice, and the books balance.
    assert ok(api, "invoice/getinvoices", type=0)["TotalCount"] == 1
    trial = ok(api, "report/trialbalance")
    assert sum(r["RemainingDebit"] for r in trial) == sum(r["RemainingCredit"] for r in trial)
