"""Invoices move stock at moving weighted-average cost and post the cost of goods sold: a worked
month of one shop, every balance computed by hand below, not by the code under test.

| # | day   | invoice                                                             | stock after (qty, value)        |
|---|-------|---------------------------------------------------------------------|---------------------------------|
| 1 | 05-01 | purchase P1: 10 phones at 100,000, 20 cables at 1,000, freight      | phone 10, 1,010,000 (avg        |
|   |       | 10,200 shared 50:1 = 10,000 and 200                                 | 101,000); cable 20, 20,200      |
| 2 | 05-10 | sale S1: 3 phones at 150,000 − 10,000 discount + 39,600 tax, a       | phone 7, 707,000 (COGS 303,000) |
|   |       | repair (service) 50,000                                             |                                 |
| 3 | 05-12 | sales return R1: 1 phone at 150,000 + 13,500 tax, back at 101,000    | phone 8, 808,000                |
| 4 | 05-15 | waste W1: 5 cables (UnitPrice 999 is only informational) at 1,010    | cable 15, 15,150                |
| 5 | 05-20 | sale S2: 4 phones at 160,000, COGS 4/8 × 808,000 = 404,000           | phone 4, 404,000                |
| 6 | edit  | P1's phone price becomes 112,000, freight 11,400 (56:1 = 11,200,      | phone 10 at 1,131,200 (avg      |
|   |       | 200): cables unchanged; S1 → 339,360, R1 → 113,120, S2 → 452,480      | 113,120) … phone 4, 452,480     |
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.invoices.helpers import CABLE, PHONE, REPAIR, SUPPLIER, Shop, row

D = Decimal


def purchase(shop: Shop, phone_price: int, freight: int, **fields: Any) -> dict[str, Any]:
    return shop.save(
        [row(PHONE, 10, phone_price), row(CABLE, 20, 1000)],
        InvoiceType=1,
        ContactCode=SUPPLIER,
        Date="2022-05-01",
        DueDate="2022-05-01",
        Freight=freight,
        **fields,
    )


def month(shop: Shop) -> dict[str, dict[str, Any]]:
    saved = {"P1": purchase(shop, 100000, 10200)}
    saved["S1"] = shop.save(
        [row(PHONE, 3, 150000, Discount=10000, Tax=39600), row(REPAIR, 1, 50000)],
        Date="2022-05-10",
    )
    saved["R1"] = shop.save([row(PHONE, 1, 150000, Tax=13500)], InvoiceType=2, Date="2022-05-12")
    saved["W1"] = shop.save(
        [row(CABLE, 5, 999)], InvoiceType=4, ContactCode=None, Date="2022-05-15"
    )
    saved["S2"] = shop.save([row(PHONE, 4, 160000)], Date="2022-05-20")
    return saved


def stock(shop: Shop) -> dict[str, Any]:
    return {code: shop.ok("item/get", code=code)["Stock"] for code in (PHONE, CABLE, REPAIR)}


def test_a_month_of_stock_and_the_cost_of_goods_sold(shop: Shop) -> None:
    ids = shop.ids()
    phone, cable = ids[f"item {PHONE}"], ids[f"item {CABLE}"]
    saved = month(shop)
    assert shop.document(saved["P1"]["Id"]) == [
        ("ACCOUNTS_PAYABLE", "Cr", D("1030200.0000"), ids[f"contact {SUPPLIER}"], None),
        ("INVENTORY", "Dr", D("1010000.0000"), None, phone),
        ("INVENTORY", "Dr", D("20200.0000"), None, cable),
    ]
    assert shop.document(saved["S1"]["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Dr", D("303000.0000"), None, None),
        ("INVENTORY", "Cr", D("303000.0000"), None, phone),
    ]
    assert shop.document(saved["R1"]["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Cr", D("101000.0000"), None, None),
        ("INVENTORY", "Dr", D("101000.0000"), None, phone),
    ]
    assert shop.document(saved["W1"]["Id"]) == [
        ("INVENTORY_ADJUSTMENT_EXPENSE", "Dr", D("5050.0000"), None, None),
        ("INVENTORY", "Cr", D("5050.0000"), None, cable),
    ]
    assert shop.document(saved["S2"]["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Dr", D("404000.0000"), None, None),
        ("INVENTORY", "Cr", D("404000.0000"), None, phone),
    ]
    assert stock(shop) == {PHONE: D("4.0000"), CABLE: D("15.0000"), REPAIR: D("0.0000")}
    assert shop.balances() == {
        "ACCOUNTS_PAYABLE": D("-1030200.0000"),
        "INVENTORY": D("419150.0000"),  # phones 404,000 + cables 15,150
        "ACCOUNTS_RECEIVABLE": D("1006100.0000"),  # 529,600 − 163,500 + 640,000
        "SALES": D("-1090000.0000"),
        "SERVICE_REVENUE": D("-50000.0000"),
        "SALES_DISCOUNTS": D("10000.0000"),
        "SALES_VAT": D("-26100.0000"),
        "SALES_RETURNS": D("150000.0000"),
        "COST_OF_GOODS_SOLD": D("606000.0000"),  # 303,000 − 101,000 + 404,000
        "INVENTORY_ADJUSTMENT_EXPENSE": D("5050.0000"),
    }
    s2_number = shop.document_number(saved["S2"]["Id"])

    # The earlier-dated edit re-costs S1, R1 and S2 in the same request.
    purchase(shop, 112000, 11400, Number=saved["P1"]["Number"])
    assert shop.document(saved["P1"]["Id"]) == [
        ("ACCOUNTS_PAYABLE", "Cr", D("1151400.0000"), ids[f"contact {SUPPLIER}"], None),
        ("INVENTORY", "Dr", D("1131200.0000"), None, phone),
        ("INVENTORY", "Dr", D("20200.0000"), None, cable),
    ]
    assert shop.document(saved["S1"]["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Dr", D("339360.0000"), None, None),
        ("INVENTORY", "Cr", D("339360.0000"), None, phone),
    ]
    assert shop.document(saved["R1"]["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Cr", D("113120.0000"), None, None),
        ("INVENTORY", "Dr", D("113120.0000"), None, phone),
    ]
    assert shop.document(saved["S2"]["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Dr", D("452480.0000"), None, None),
        ("INVENTORY", "Cr", D("452480.0000"), None, phone),
    ]
    assert shop.document_number(saved["S2"]["Id"]) == s2_number
    assert stock(shop) == {PHONE: D("4.0000"), CABLE: D("15.0000"), REPAIR: D("0.0000")}
    assert shop.balances() == {
        "ACCOUNTS_PAYABLE": D("-1151400.0000"),
        "INVENTORY": D("467630.0000"),  # phones 452,480 + cables 15,150
        "ACCOUNTS_RECEIVABLE": D("1006100.0000"),
        "SALES": D("-1090000.0000"),
        "SERVICE_REVENUE": D("-50000.0000"),
        "SALES_DISCOUNTS": D("10000.0000"),
        "SALES_VAT": D("-26100.0000"),
        "SALES_RETURNS": D("150000.0000"),
        "COST_OF_GOODS_SOLD": D("678720.0000"),  # 339,360 − 113,120 + 452,480
        "INVENTORY_ADJUSTMENT_EXPENSE": D("5050.0000"),
    }
    trial = shop.ok("report/trialbalance")
    assert sum(r["RemainingDebit"] for r in trial) == sum(r["RemainingCredit"] for r in trial)

    # A draft moves nothing; deleting the waste brings its cables back.
    shop.save([row(PHONE, 100, 1)], Status=0, Number=saved["S2"]["Number"])
    assert stock(shop)[PHONE] == D("8.0000")
    assert shop.document(saved["S2"]["Id"]) == []
    shop.ok("invoice/delete", number=saved["W1"]["Number"], type=4)
    assert stock(shop)[CABLE] == D("20.0000")
    balances = shop.balances()
    assert "INVENTORY_ADJUSTMENT_EXPENSE" not in balances
    assert balances["INVENTORY"] == D("925160.0000")  # phones 904,960 + cables 20,200


def test_a_sale_below_zero_is_refused_when_the_business_refuses_negative_stock(shop: Shop) -> None:
    month(shop)
    shop.ok("setting/SetInventorySettings", allowNegativeStock=False)
    reads = [
        ("invoice/getinvoices", {"type": 0, "queryInfo": {"Take": 100}}),
        ("item/get", {"code": CABLE}),
        ("report/trialbalance", {}),
    ]
    with shop.unchanged(*reads):
        message = shop.fail(
            "invoice/save", 190, invoice=shop.invoice([row(REPAIR), row(CABLE, 16, 1000)])
        )
        assert "invoice.InvoiceItems[1]" in message, message
        assert CABLE in message
    # A draft moves nothing, so it is not refused; within the stock a sale is fine.
    shop.save([row(CABLE, 16, 1000)], Status=0)
    shop.save([row(CABLE, 15, 1000)])
    assert stock(shop)[CABLE] == D("0.0000")
