"""A month of a shop in perpetual inventory, through the API a web shop uses: opening stock, a
purchase with freight, sales with a discount, VAT and freight, a sales return, a waste, payments
(one with a bank fee), and an edit of the earlier purchase that re-costs the later sales. Every
figure below was worked out by hand, not by the code under test.

Fiscal year 1401 starts on 2022-03-21. Goods: phones and cables; a repair is a service. The owner
(contact 000000) holds the whole share.

| # | day   | what                                                  | stock after (qty, value)          |
|---|-------|-------------------------------------------------------|-----------------------------------|
| 1 | 03-21 | opening stock: 10 phones at 100,000, 50 cables at      | phone 10, 1,000,000               |
|   |       | 1,000: Dr inventory 1,050,000 / Cr opening capital     | cable 50, 50,000                  |
| 2 | 05-01 | purchase P1: 10 phones at 110,000, 50 cables at 1,200, | phone 20, 2,111,000 (avg 105,550) |
|   |       | freight 11,600 shared by amount: 11,000 and 600;       | cable 100, 110,600 (avg 1,106)    |
|   |       | payable 1,171,600                                      |                                   |
| 3 | 05-10 | sale S1: 4 phones at 150,000 − 20,000 + VAT 52,200, a  | phone 16, 1,688,800               |
|   |       | repair 50,000 + VAT 4,500, freight 30,000: payable     | (COGS 4 × 105,550 = 422,200)      |
|   |       | 716,700                                                |                                   |
| 4 | 05-12 | sales return R1: 1 phone at 150,000 + VAT 13,500, back | phone 17, 1,794,350               |
|   |       | at the average 105,550                                 |                                   |
| 5 | 05-15 | waste W1: 10 cables at the average 1,106               | cable 90, 99,540                  |
| 6 | 05-20 | S1 paid in full into the bank, bank fee 2,000          |                                   |
| 7 | 05-22 | 500,000 of P1 paid from the bank                       |                                   |
| 8 | 05-25 | sale S2: 6 phones at 160,000 + VAT 86,400 = 1,046,400   | phone 11, 1,161,050 (COGS 633,300)|
| 9 | edit  | P1's phones become 121,000, freight 12,700 (12,100 and | phone in at 1,222,100: avg        |
|   |       | 600): payable 1,282,700; S1 → 444,420, R1 → 111,105,   | 111,105; phone 11, 1,222,155      |
|   |       | S2 → 666,630                                           |                                   |
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.invoices.helpers import CABLE, CUSTOMER, PHONE, REPAIR, SUPPLIER, YEAR_START, Shop, row

D = Decimal
OWNER = "000000"


def purchase(shop: Shop, phone_price: int, freight: int, **fields: Any) -> dict[str, Any]:
    return shop.save(
        [row(PHONE, 10, phone_price), row(CABLE, 50, 1200)],
        InvoiceType=1,
        ContactCode=SUPPLIER,
        Date="2022-05-01",
        DueDate="2022-05-01",
        Freight=freight,
        **fields,
    )


def pay(shop: Shop, number: str, kind: int, amount: int, day: str, **fields: Any) -> None:
    shop.ok(
        "invoice/savepayment",
        type=kind,
        number=number,
        bankCode="0001",
        date=day,
        amount=amount,
        **fields,
    )


def stock(shop: Shop) -> dict[str, Any]:
    return {code: shop.ok("item/get", code=code)["Stock"] for code in (PHONE, CABLE, REPAIR)}


def contact(shop: Shop, code: str) -> tuple[Decimal, Decimal]:
    found = shop.ok("contact/get", code=code)
    return found["Liability"], found["Credits"]


def cogs(shop: Shop, invoice: dict[str, Any]) -> Decimal:
    lines = shop.document(invoice["Id"])
    [amount] = [amount for role, _side, amount, _c, _i in lines if role == "COST_OF_GOODS_SOLD"]
    return amount


def test_a_month_of_a_shop_with_stock_payments_and_a_re_costing_edit(shop: Shop) -> None:
    shop.ok("setting/SaveBank", bank={"Name": "بانک ملت"})
    shop.ok(
        "item/UpdateOpeningQuantity",
        items=[
            {"Code": PHONE, "Quantity": 10, "UnitPrice": 100000},
            {"Code": CABLE, "Quantity": 50, "UnitPrice": 1000},
        ],
    )
    p1 = purchase(shop, 110000, 11600)
    assert p1["Payable"] == D("1171600.0000")
    s1 = shop.save(
        [
            row(PHONE, 4, 150000, Discount=20000, Tax=52200),
            row(REPAIR, 1, 50000, Tax=4500),
        ],
        Date="2022-05-10",
        Freight=30000,
    )
    assert s1["Payable"] == D("716700.0000")
    r1 = shop.save([row(PHONE, 1, 150000, Tax=13500)], InvoiceType=2, Date="2022-05-12")
    w1 = shop.save([row(CABLE, 10, 1)], InvoiceType=4, ContactCode=None, Date="2022-05-15")
    pay(shop, s1["Number"], 0, 716700, "2022-05-20", transactionFee=2000)
    pay(shop, p1["Number"], 1, 500000, "2022-05-22")
    s2 = shop.save([row(PHONE, 6, 160000, Tax=86400)], Date="2022-05-25")

    assert (cogs(shop, s1), cogs(shop, r1), cogs(shop, s2)) == (
        D("422200.0000"),
        D("105550.0000"),
        D("633300.0000"),
    )
    assert shop.document(w1["Id"])[0][2] == D("11060.0000")
    assert stock(shop) == {PHONE: D("11.0000"), CABLE: D("90.0000"), REPAIR: D("0.0000")}

    # The earlier purchase is edited: the sales after it are re-costed in the same request.
    edited = purchase(shop, 121000, 12700, Number=p1["Number"])
    assert (edited["Payable"], edited["Paid"], edited["Rest"]) == (
        D("1282700.0000"),
        D("500000.0000"),
        D("782700.0000"),
    )
    assert (cogs(shop, s1), cogs(shop, r1), cogs(shop, s2)) == (
        D("444420.0000"),
        D("111105.0000"),
        D("666630.0000"),
    )
    assert stock(shop) == {PHONE: D("11.0000"), CABLE: D("90.0000"), REPAIR: D("0.0000")}
    assert shop.balances() == {
        "INVENTORY": D("1321695.0000"),  # phones 1,222,155 + cables 99,540
        "OPENING_CAPITAL": D("-1050000.0000"),
        "ACCOUNTS_PAYABLE": D("-782700.0000"),  # 1,282,700 − 500,000
        "ACCOUNTS_RECEIVABLE": D("882900.0000"),  # 716,700 − 163,500 − 716,700 + 1,046,400
        "SALES": D("-1560000.0000"),
        "SALES_DISCOUNTS": D("20000.0000"),
        "SERVICE_REVENUE": D("-50000.0000"),
        "SALES_VAT": D("-129600.0000"),  # 56,700 − 13,500 + 86,400
        "FREIGHT_REVENUE": D("-30000.0000"),
        "SALES_RETURNS": D("150000.0000"),
        "COST_OF_GOODS_SOLD": D("999945.0000"),  # 444,420 − 111,105 + 666,630
        "INVENTORY_ADJUSTMENT_EXPENSE": D("11060.0000"),
        "BANK": D("214700.0000"),  # 716,700 − 2,000 − 500,000
        "BANK_FEES": D("2000.0000"),
    }
    assert contact(shop, CUSTOMER) == (D("882900.0000"), D("0.0000"))
    assert contact(shop, SUPPLIER) == (D("0.0000"), D("782700.0000"))
    trial = shop.ok("report/trialbalance")
    assert sum(r["RemainingDebit"] for r in trial) == sum(r["RemainingCredit"] for r in trial)
    opening = shop.ok("document/getdocuments", queryInfo={"SortBy": "Id", "Take": 1})["List"][0]
    assert (opening["Date"][:10], opening["Debit"]) == (YEAR_START.isoformat(), D("1050000.0000"))
    assert shop.ok("contact/get", code=OWNER)["SharePercent"] == D("100.0000")
