"""Every refusal of the warehouse receipt methods, and what warehouse receipts refuse of their
invoices and master records: the ErrorCode, a message naming the field and row, and nothing
changed (quantities, receipts, invoices, the change log)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api
from tests.invoices.helpers import Shop
from tests.warehouse_receipts.helpers import (
    CABLE,
    CENTRAL,
    PHONE,
    REPAIR,
    STORE,
    line,
    receipt,
    row,
)

READS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("item/GetQuantity", {"warehouseCode": CENTRAL}),
    ("item/GetQuantity", {"warehouseCode": STORE}),
    ("warehouse/getReceipts", {"queryInfo": {"Take": 100}}),
    ("invoice/getinvoices", {"queryInfo": {"Take": 100}}),
)


@pytest.fixture
def sold(stocked: Shop) -> Shop:
    """Sale 1 (3 phones, a repair) with receipt 2 issuing 1 phone from Central; a draft sale 2."""
    stocked.save([row(PHONE, 3), row(REPAIR, 1)])
    stocked.save([row(PHONE, 1)], Status=0)
    stocked.ok("invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 1)]))
    return stocked


def _without(body: dict[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in body.items() if name != key}


SALE = receipt(1, [line(PHONE, 1)])
SAVES: list[tuple[dict[str, Any], int, str]] = [
    ({}, 104, "Missing parameter: receipt is required."),
    (
        {"receipt": _without(SALE, "warehouseCode")},
        104,
        "Missing parameter: receipt.warehouseCode is required.",
    ),
    (
        {"receipt": {**SALE, "invoiceNumber": ""}},
        104,
        "Missing parameter: receipt.invoiceNumber is required.",
    ),
    (
        {"receipt": _without(SALE, "invoiceType")},
        104,
        "Missing parameter: receipt.invoiceType is required.",
    ),
    ({"receipt": _without(SALE, "items")}, 104, "Missing parameter: receipt.items is required."),
    ({"receipt": {**SALE, "items": []}}, 104, "Missing parameter: receipt.items is required."),
    (
        {"receipt": {**SALE, "items": [{"quantity": 1}]}},
        104,
        "Missing parameter: receipt.items[0].itemCode is required.",
    ),
    (
        {"receipt": {**SALE, "items": [line(PHONE, 1), {"itemCode": PHONE}]}},
        104,
        "Missing parameter: receipt.items[1].quantity is required.",
    ),
    (
        {"receipt": {**SALE, "items": [line(PHONE, 0)]}},
        114,
        "Invalid value for receipt.items[0].quantity: must be greater than 0 (got 0).",
    ),
    (
        {"receipt": {**SALE, "items": [line(PHONE, 1), line(PHONE, "-2")]}},
        114,
        "Invalid value for receipt.items[1].quantity: must be greater than 0 (got -2).",
    ),
    (
        {"receipt": {**SALE, "items": [line(PHONE, "many")]}},
        114,
        "Invalid value for receipt.items[0].quantity: Input should be a valid decimal "
        "(got 'many').",
    ),
    (
        {"receipt": {**SALE, "invoiceType": 7}},
        114,
        "Invalid value for receipt.invoiceType: must be 0 (sale), 1 (purchase), 2 (sales "
        "return), 3 (purchase return) or 4 (waste) (got 7).",
    ),
    (
        {"receipt": {**SALE, "Receiving": True}},
        114,
        "Invalid value for receipt.receiving: the goods of a sale invoice 1 leave the "
        "warehouse: its warehouse receipt is an issue (Receiving false).",
    ),
    (
        {"receipt": {**SALE, "destinationWarehouseCode": 1}},
        114,
        "Invalid value for receipt.destinationWarehouseCode: a transfer moves goods to another "
        "warehouse than 0001.",
    ),
    (
        {"receipt": {**SALE, "items": [line(PHONE, 1, reference="R" * 101)]}},
        114,
        "Invalid value for receipt.items[0].reference: at most 100 characters (got 101) "
        f"(got '{'R' * 40}…').",
    ),
    (
        {"receipt": {**SALE, "number": -3}},
        114,
        "Invalid value for receipt.number: -3 is not a warehouse receipt number (1 to 10^18 − 1).",
    ),
    (
        {"receipt": {**SALE, "date": "2030-01-01"}},
        109,
        "receipt.date: 2030-01-01 is in no fiscal year.",
    ),
    (
        {"receipt": {**SALE, "warehouseCode": 9}},
        112,
        "receipt.warehouseCode: no warehouse has code '0009'.",
    ),
    (
        {"receipt": {**SALE, "destinationWarehouseCode": "W-9"}},
        112,
        "receipt.destinationWarehouseCode: no warehouse has code 'W-9'.",
    ),
    (
        {"receipt": {**SALE, "invoiceNumber": 99}},
        112,
        "receipt.invoiceNumber: sale invoice 99 does not exist.",
    ),
    (
        {"receipt": {**SALE, "invoiceType": 2}},
        112,
        "receipt.invoiceNumber: sales return invoice 1 does not exist.",
    ),
    (
        {"receipt": {**SALE, "items": [line(PHONE, 1), line(99, 1)]}},
        112,
        "receipt.items[1].itemCode: no item has code '000099'.",
    ),
    (
        {"receipt": {**SALE, "project": "Nowhere"}},
        112,
        "receipt.project: no project is titled 'Nowhere'.",
    ),
    (
        {"receipt": {**SALE, "items": [line(REPAIR, 1)]}},
        190,
        "receipt.items[0].itemCode: item 000003 is a service; warehouses hold goods only.",
    ),
    (
        {"receipt": {**SALE, "items": [line(PHONE, 1), line(CABLE, 1)]}},
        190,
        "receipt.items[1].itemCode: item 000002 is not among the goods of sale invoice 1.",
    ),
    (
        {"receipt": {**SALE, "items": [line(PHONE, 1), line(PHONE, "1.5")]}},
        190,
        "receipt.items[1].quantity: sale invoice 1 has 3 of item 000001; its warehouse "
        "receipts would place 3.5 of it (1 by its other receipts).",
    ),
    (
        {"receipt": {**SALE, "invoiceNumber": 2}},
        190,
        "receipt.invoiceNumber: sale invoice 2 is a draft; approve it before its goods are "
        "received into or issued from a warehouse.",
    ),
    (
        {"receipt": receipt(1, [line(PHONE, 1)], invoiceType=1, number=2)},
        190,
        "receipt.number: warehouse receipt 2 belongs to sale invoice 1; it cannot be moved to "
        "purchase invoice 1. Delete it and issue a new one.",
    ),
    (
        {"receipt": {**SALE, "number": 2, "destinationWarehouseCode": STORE}},
        190,
        "receipt.number: warehouse receipt 2 belongs to sale invoice 1; it cannot be moved to a "
        "transfer. Delete it and issue a new one.",
    ),
]


@pytest.mark.parametrize(("body", "code", "message"), SAVES)
@pytest.mark.parametrize("path", ["invoice/SaveWarehouseReceipt", "warehouse/save"])
def test_a_refused_save_changes_nothing(
    sold: Shop, path: str, body: dict[str, Any], code: int, message: str
) -> None:
    with sold.unchanged(*READS):
        assert sold.fail(path, code, **body) == message


READS_REFUSED: list[tuple[str, dict[str, Any], int, str]] = [
    ("warehouse/get", {}, 104, "Missing parameter: number is required."),
    ("warehouse/get", {"number": 99}, 112, "number: warehouse receipt 99 does not exist."),
    ("warehouse/get", {"number": "two"}, 112, "number: warehouse receipt 'two' does not exist."),
    ("warehouse/GetById", {}, 104, "Missing parameter: id is required."),
    ("warehouse/GetById", {"id": 99}, 112, "id: warehouse receipt with id 99 does not exist."),
    (
        "warehouse/getReceipts",
        {"type": 3},
        114,
        "Invalid value for type: must be 1 (receipt) or 2 (issue) (got 3).",
    ),
    (
        "warehouse/getReceipts",
        {"type": 2, "queryInfo": {"SortBy": "Amount"}},
        114,
        "queryInfo.SortBy: unknown property 'Amount'. Allowed: Date, Delivery, "
        "DestinationWarehouseCode, Freight, Id, InvoiceNumber, InvoiceType, Note, Notes, "
        "Number, Project, WarehouseCode.",
    ),
    ("invoice/getWarehouseReceipt", {}, 104, "Missing parameter: idList is required."),
]


@pytest.mark.parametrize(("path", "params", "code", "message"), READS_REFUSED)
def test_refused_reads(
    sold: Shop, path: str, params: dict[str, Any], code: int, message: str
) -> None:
    assert sold.fail(path, code, **params) == message


DELETES: list[tuple[dict[str, Any], int, str]] = [
    ({}, 104, "Missing parameter: number is required."),
    ({"number": 99}, 112, "number: warehouse receipt 99 does not exist."),
    ({"number": 0}, 112, "number: warehouse receipt '0' does not exist."),
    ({"number": 2, "type": 1}, 112, "number: warehouse receipt 2 of type 1 does not exist."),
    (
        {"number": 2, "type": 5},
        114,
        "Invalid value for type: must be 1 (receipt) or 2 (issue) (got 5).",
    ),
]


@pytest.mark.parametrize(("params", "code", "message"), DELETES)
def test_a_refused_delete_changes_nothing(
    sold: Shop, params: dict[str, Any], code: int, message: str
) -> None:
    with sold.unchanged(*READS):
        assert sold.fail("warehouse/delete", code, **params) == message


def test_a_warehouse_is_not_emptied_below_zero_when_the_business_refuses_it(sold: Shop) -> None:
    sold.ok("setting/SetInventorySettings", AllowNegativeStock=False)
    with sold.unchanged(*READS):
        # The store holds no phones.
        assert sold.fail(
            "invoice/SaveWarehouseReceipt",
            190,
            receipt=receipt(1, [line(PHONE, 2)], warehouse=STORE),
        ) == (
            "receipt.items[0].quantity: warehouse 0002 would hold -2 of item 000001, and this "
            "business does not allow negative stock (setting/SetInventorySettings)."
        )
        assert sold.fail(
            "warehouse/save",
            190,
            receipt={
                "warehouseCode": CENTRAL,
                "destinationWarehouseCode": STORE,
                "date": "2022-05-02",
                "items": [line(CABLE, 5), line(PHONE, "9.5")],
            },
        ) == (
            "receipt.items[1].quantity: warehouse 0001 would hold -0.5 of item 000001, and this "
            "business does not allow negative stock (setting/SetInventorySettings)."
        )
        # The purchase's receipt brought the phone that receipt 2 issued: it stays.
        assert sold.fail("warehouse/delete", 190, number=1) == (
            "number: warehouse 0001 would hold -1 of item 000001, and this business does not "
            "allow negative stock (setting/SetInventorySettings)."
        )
        # Replacing the sale's receipt by a larger one from the store is refused as a whole.
        assert sold.fail(
            "invoice/SaveWarehouseReceipt",
            190,
            deleteOldReceipts=True,
            receipt=receipt(1, [line(PHONE, 3)], warehouse=STORE),
        ).startswith("receipt.items[0].quantity: warehouse 0002 would hold -3 of item 000001")
    # What the warehouse holds may go down to zero.
    sold.ok("invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 2)]))


def test_an_invoice_with_receipts_is_not_deleted_until_they_are(sold: Shop) -> None:
    sold.ok("invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 1)], warehouse=STORE))
    with sold.unchanged(*READS):
        assert sold.fail("invoice/delete", 190, number=1, type=0) == (
            "sale invoice 1 cannot be deleted: each of warehouse receipts 2, 3 refers to it."
        )
        # The purchase is held by its receipt into Central.
        assert sold.fail("invoice/delete", 190, number=1, type=1) == (
            "purchase invoice 1 cannot be deleted: warehouse receipt 1 refers to it."
        )
    sold.ok("warehouse/delete", number=2)
    sold.ok("warehouse/delete", number=3)
    assert sold.ok("invoice/delete", number=1, type=0) is True


def test_an_invoice_edit_keeps_what_its_receipts_place(sold: Shop) -> None:
    invoice = sold.ok("invoice/get", number=1, type=0)
    body = sold.invoice([row(PHONE, 3), row(REPAIR, 1)], Number=1)
    with sold.unchanged(*READS):
        assert sold.fail(
            "invoice/save",
            190,
            invoice={**body, "InvoiceItems": [row(REPAIR, 1), row(PHONE, "0.5")]},
        ) == (
            "invoice.InvoiceItems[1].Quantity: sale invoice 1 has warehouse receipts placing 1 of "
            "item 000001; its goods rows cannot have less of it (got 0.5). Change or delete the "
            "receipts first."
        )
        assert sold.fail(
            "invoice/save", 190, invoice={**body, "InvoiceItems": [row(CABLE, 1)]}
        ) == (
            "invoice.InvoiceItems: sale invoice 1 has warehouse receipts placing 1 of item "
            "000001; its goods rows cannot have less of it (got 0). Change or delete the "
            "receipts first."
        )
        assert sold.fail("invoice/save", 190, invoice={**body, "Status": 0}) == (
            "invoice.Status: sale invoice 1 has warehouse receipts; it cannot become a draft "
            "(delete them first)."
        )
    # As much as is placed, or more, is fine; the status follows (a client's is not kept).
    saved = sold.ok(
        "invoice/save",
        invoice={**body, "InvoiceItems": [row(PHONE, 1)], "WarehouseReceiptStatus": 0},
    )
    assert (saved["Id"], saved["WarehouseReceiptStatus"]) == (invoice["Id"], 2)
    saved = sold.ok(
        "invoice/save",
        invoice={**body, "InvoiceItems": [row(PHONE, 4)], "WarehouseReceiptStatus": 2},
    )
    assert saved["WarehouseReceiptStatus"] == 1
    fresh = sold.save([row(PHONE, 1)], WarehouseReceiptStatus=2)
    assert fresh["WarehouseReceiptStatus"] == 0


def test_records_a_receipt_names_are_not_deleted(sold: Shop) -> None:
    sold.ok("setting/SaveProject", project={"Title": "Shop"})
    # A transfer there and back: the store holds nothing, yet its receipts name it.
    for source, destination in ((CENTRAL, STORE), (STORE, CENTRAL)):
        sold.ok(
            "warehouse/save",
            receipt={
                "warehouseCode": source,
                "destinationWarehouseCode": destination,
                "date": "2022-05-02",
                "project": "Shop",
                "items": [line(CABLE, 1)],
            },
        )
    with sold.unchanged("setting/GetWarehouses", "setting/GetProjects"):
        assert sold.fail("setting/DeleteWarehouse", 190, code=STORE) == (
            "Warehouse 0002 cannot be deleted: warehouse receipt 3 refers to it."
        )
        assert sold.fail("setting/DeleteProject", 190, title="Shop") == (
            "Project 'Shop' cannot be deleted: warehouse receipt 3 refers to it."
        )


def test_another_business_sees_and_changes_none_of_them(sold: Shop, other_api: Api) -> None:
    other_api.ok("setting/SaveWarehouse", warehouse={"Name": "Elsewhere"})
    other_api.ok("item/save", item={"Name": "Phone"})
    with sold.unchanged(*READS):
        assert other_api.fail("warehouse/get", 112, number=2) == (
            "number: warehouse receipt 2 does not exist."
        )
        assert other_api.fail("warehouse/GetById", 112, id=1) == (
            "id: warehouse receipt with id 1 does not exist."
        )
        assert other_api.ok("warehouse/GetById", idList=[1, 2]) == []
        assert other_api.ok("invoice/getWarehouseReceipt", idList=[1, 2]) == []
        assert other_api.ok("warehouse/getReceipts")["List"] == []
        assert other_api.fail("warehouse/delete", 112, number=2) == (
            "number: warehouse receipt 2 does not exist."
        )
        assert (
            other_api.fail(
                "invoice/SaveWarehouseReceipt", 112, receipt=receipt(1, [line(PHONE, 1)])
            )
            == "receipt.invoiceNumber: sale invoice 1 does not exist."
        )
        assert other_api.fail("warehouse/save", 112, receipt={**SALE, "number": 2}) == (
            "receipt.invoiceNumber: sale invoice 1 does not exist."
        )
    # Its own warehouse 0001 holds none of its own phone.
    held = other_api.ok("item/GetQuantity", warehouseCode=CENTRAL)
    assert [(found["Code"], found["Quantity"]) for found in held] == [(PHONE, 0)]
