"""Invoices as the shop plugins send them, replayed: the official WooCommerce plugin
(Sepehrnm/wordpress-hesabfa-plugin, ``ssbhesabfa-admin-functions.php`` setOrder / webhook) and
the PrestaShop module (saeed-sb/ps-ssbhesabfa, ``HesabfaSyncTrait`` setOrder). Each answer is
checked on the fields the client reads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.invoices.helpers import CUSTOMER, Shop

D = Decimal

# setOrder: RowNumber from 0, Quantity an int, prices floats, the order's id as Reference and
# in Tag, Status 2, Number null for a new order.
WOOCOMMERCE_ORDER: dict[str, Any] = {
    "Number": None,
    "InvoiceType": 0,
    "ContactCode": "000001",
    "Date": "2022-05-03 14:22:50",
    "DueDate": "2022-05-03 14:22:50",
    "Reference": 1045,
    "Status": 2,
    "Tag": '{"id_order":1045}',
    "Freight": "35000",
    "InvoiceItems": [
        {
            "RowNumber": 0,
            "ItemCode": "000001",
            "Description": "هدفون بی سیم",
            "Quantity": 2,
            "UnitPrice": 1250000.0,
            "Discount": 125000.0,
            "Tax": 0.0,
        },
        {
            "RowNumber": 1,
            "ItemCode": "000002",
            "Description": "کابل شارژ",
            "Quantity": 1,
            "UnitPrice": 99000.0,
            "Discount": 0.0,
            "Tax": 0.0,
        },
    ],
}

# The PrestaShop module: codes as numbers, ``project`` in lower case (false when not set),
# SalesmanCode null, a Note.
PRESTASHOP_ORDER: dict[str, Any] = {
    "Number": None,
    "InvoiceType": 0,
    "ContactCode": 1,
    "Date": "2022-05-04 09:00:00",
    "DueDate": "2022-05-04 09:00:00",
    "Reference": "XKBKNABJK",
    "Status": 2,
    "Tag": '{"id_order":7}',
    "Freight": 0,
    "SalesmanCode": None,
    "project": False,
    "InvoiceItems": [
        {
            "RowNumber": 1,
            "ItemCode": 2,
            "Description": "Cable",
            "Quantity": "3",
            "UnitPrice": "20000.000000",
            "Discount": "0.000000",
            "Tax": "5400.000000",
        }
    ],
    "Note": "Carrier: Post",
}


def test_woocommerce_order_lifecycle(shop: Shop) -> None:
    saved = shop.ok("invoice/save", invoice=WOOCOMMERCE_ORDER, requestUniqueId="order-1045")
    assert int(saved["Number"]) == 1
    # Sum 2,375,000 + 99,000; Payable with the freight.
    assert (saved["Sum"], saved["Payable"]) == (D("2474000.0000"), D("2509000.0000"))
    assert [r["RowNumber"] for r in saved["InvoiceItems"]] == [0, 1]
    assert saved["Reference"] == "1045"
    # The plugin retries with the same id: the first answer, nothing saved twice.
    again = shop.ok("invoice/save", invoice=WOOCOMMERCE_ORDER, requestUniqueId="order-1045")
    assert again == saved
    assert shop.ok("invoice/getinvoices", type=0)["TotalCount"] == 1
    # Finding the order's invoice again, as the plugin does before a payment.
    page = shop.ok(
        "invoice/getinvoices",
        type=0,
        queryInfo={
            "SortBy": "Date",
            "SortDesc": True,
            "Take": 1,
            "Skip": 0,
            "Filters": [
                {"Property": "Reference", "Operator": "=", "Value": "1045"},
                {"Property": "Status", "Operator": "=", "Value": "1"},
            ],
        },
    )
    assert [item["Number"] for item in page["List"]] == [saved["Number"]]
    assert shop.ok("invoice/get", number=int(saved["Number"]), type=0)["Paid"] == D("0.0000")
    # The webhook re-reads changed invoices by id, with a single filter object.
    page = shop.ok(
        "invoice/getinvoices",
        queryInfo={"Filters": {"Property": "Id", "Operator": "in", "Value": [saved["Id"]]}},
    )
    assert page["List"][0]["InvoiceItems"][0]["ItemCode"] == "000001"
    assert shop.ok("invoice/getById", id=saved["Id"])["Number"] == saved["Number"]
    # The order edited: same number; then cancelled.
    edited = dict(WOOCOMMERCE_ORDER, Number=saved["Number"], Freight=0)
    assert shop.ok("invoice/save", invoice=edited)["Payable"] == D("2474000.0000")
    assert shop.ok("invoice/delete", code=saved["Number"], type=0) is True
    assert shop.ok("invoice/getinvoices", type=0)["TotalCount"] == 0


def test_woocommerce_refund_is_a_sales_return(shop: Shop) -> None:
    shop.ok("invoice/save", invoice=WOOCOMMERCE_ORDER)
    refund = dict(WOOCOMMERCE_ORDER, InvoiceType=2, Freight=0, Reference=1045)
    saved = shop.ok("invoice/save", invoice=refund)
    assert saved["InvoiceType"] == 2
    assert shop.document(saved["Id"])[0][:3] == ("ACCOUNTS_RECEIVABLE", "Cr", D("2474000.0000"))
    assert shop.ok("contact/get", code=CUSTOMER)["Liability"] == D("35000.0000")


def test_prestashop_order(shop: Shop) -> None:
    saved = shop.ok("invoice/save", invoice=PRESTASHOP_ORDER)
    assert saved["ContactCode"] == "000001"
    assert saved["Project"] == ""
    assert saved["SalesmanCode"] == ""
    assert saved["Note"] == "Carrier: Post"
    assert saved["InvoiceItems"][0]["ItemCode"] == "000002"
    assert saved["Payable"] == D("65400.0000")
    shop.ok("setting/SaveProject", project={"Title": "فروشگاه آنلاین"})
    with_project = dict(PRESTASHOP_ORDER, Number=saved["Number"], project="فروشگاه آنلاین")
    assert shop.ok("invoice/save", invoice=with_project)["Project"] == "فروشگاه آنلاین"
    assert shop.ok("invoice/changePaidStatus", number=1, type=0, paid=True) is True
    assert shop.ok("invoice/changeSentStatus", number=1, type=0, sent=True) is True
    assert shop.ok("invoice/clearTag", numbers=["1"], type=0) is True
    got = shop.ok("invoice/get", number="1", type=0)
    assert (got["PaidStatus"], got["Sent"], got["Tag"]) == (True, True, "")
