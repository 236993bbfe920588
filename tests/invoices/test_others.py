"""An invoice's additions and deductions (``others``, اضافات و کسورات) over HTTP: Payable and Rest,
what they post on a sale and on a purchase (whose goods they cost, and so a later sale's cost of
goods sold), what reads give back, an edit replacing them, and every refusal leaving the books
as they were.

A purchase and a sale, worked out by hand (``test_purchase_others_cost_the_goods…``):

| # | invoice                                                       | books                            |
|---|---------------------------------------------------------------|----------------------------------|
| 1 | purchase P1: 10 phones at 100,000, 20 cables at 1,000, a       | nets 1,000,000 + 20,000 + 30,000 |
|   | repair (service) 30,000; freight 10,200; customs 52,500 added, | = 1,050,000; others 42,000 are   |
|   | the supplier's discount 10,500 deducted. Payable = 1,050,000 + | 4 % of it: phones 1,000,000 +    |
|   | 10,200 + 52,500 − 10,500 = 1,102,200                           | 40,000 + freight 10,000 =        |
|   |                                                               | 1,050,000 (105,000 each); cables |
|   |                                                               | 20,000 + 800 + 200 = 21,000;     |
|   |                                                               | purchased services 31,200        |
| 2 | sale S1: 3 phones at 150,000                                  | COGS 3 × 105,000 = 315,000       |
| 3 | P1 edited: its others replaced by customs 73,500 alone (7 %): | phones 1,000,000 + 70,000 +      |
|   | Payable = 1,050,000 + 10,200 + 73,500 = 1,133,700             | 10,000 = 1,080,000 (108,000      |
|   |                                                               | each): S1 re-costed to 324,000;  |
|   |                                                               | cables 21,600; services 32,100   |
| 4 | P1 edited again without others: Payable 1,060,200             | phones 1,010,000: S1 303,000     |
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from hesabdar.invoices.models import InvoiceOther
from tests.invoices.helpers import CABLE, CUSTOMER, DAY, PHONE, REPAIR, SUPPLIER, Shop, row

D = Decimal


def other(title: str, amount: Any, add: Any) -> dict[str, Any]:
    return {"Title": title, "Amount": amount, "Add": add}


def stored_others(shop: Shop) -> int:
    """How many additions and deductions the business stores."""
    with shop.database.transaction() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(InvoiceOther)
                .where(InvoiceOther.business_id == shop.credentials.business_id)
            )
            or 0
        )


def test_the_seeds_example_adds_customs_fees(shop: Shop) -> None:
    shop.ok("item/save", item={"Code": "0000001", "Name": "Galaxy J7", "ItemType": 0})
    shop.ok("setting/SaveProject", project={"Title": "پروژه یک"})
    shop.ok("setting/SaveSalesman", salesman={"Code": "10001", "Name": "فروشنده"})
    ids = shop.ids()
    # invoice/save's example in Hesabfa's documentation, as it is written there but for its
    # dates (2018-07-17 17:30:12), which are before the shop's fiscal year.
    saved = shop.ok(
        "invoice/save",
        invoice={
            "number": "1001",
            "reference": "",
            "date": "2022-07-17 17:30:12",
            "dueDate": "2022-07-17 17:30:12",
            "contactCode": "000001",
            "contactTitle": "سعید محمدی",
            "note": "",
            "sent": False,
            "invoiceType": 0,
            "status": 2,
            "tag": "",
            "freight": 0,
            "warehouseReceiptStatus": 1,
            "project": "پروژه یک",
            "salesmanCode": 10001,
            "salesmanPercent": 30,
            "currency": "IRR",
            "invoiceItems": [
                {
                    "rowNumber": 1,
                    "description": "Galaxy J7 گوشی سامسونگ",
                    "itemCode": "0000001",
                    "unit": "عدد",
                    "quantity": 1,
                    "unitPrice": 100000,
                    "discount": 0,
                    "tax": 9000,
                    "serialNumbers": ["974900098723"],
                }
            ],
            "others": [{"title": "هزینه های گمرکی", "amount": 1540000.0, "add": True}],
            "taxId": "",
            "currencyRate": 1.0000000000,
        },
    )
    assert saved["Number"] == "1001"
    # Sum 109,000; Payable = 109,000 + 1,540,000.
    assert (saved["Sum"], saved["Payable"], saved["Rest"]) == (
        D("109000.0000"),
        D("1649000.0000"),
        D("1649000.0000"),
    )
    assert saved["Others"] == [
        {"Title": "هزینه های گمرکی", "Amount": D("1540000.0000"), "Add": True}
    ]
    assert shop.document(saved["Id"]) == [
        ("ACCOUNTS_RECEIVABLE", "Dr", D("1649000.0000"), ids[f"contact {CUSTOMER}"], None),
        ("SALES", "Cr", D("100000.0000"), None, None),
        ("OTHER_INCOME", "Cr", D("1540000.0000"), None, None),
        ("SALES_VAT", "Cr", D("9000.0000"), None, None),
    ]
    assert shop.ok("invoice/get", number=1001, type=0) == saved


def test_a_sale_with_additions_and_a_deduction(shop: Shop) -> None:
    ids = shop.ids()
    shop.ok("setting/SaveCash", cash={"Name": "صندوق"})
    saved = shop.save(
        [row(PHONE, 2, 100000, Discount=5000, Tax=17550), row(REPAIR, 1, 30000, Tax=2700)],
        Freight=20000,
        Others=[
            other("بسته بندی", 15000, True),
            other("تخفیف نقدی", "7500.5", False),
            # Clients' spellings: lower-case keys, numbers and booleans as strings.
            {"title": "نصب", "amount": "2500", "add": "true"},
        ],
    )
    # Sum = 212,550 + 32,700 = 245,250; Payable = 245,250 + 20,000 + 15,000 − 7,500.5 + 2,500
    # = 275,249.5.
    assert (saved["Sum"], saved["Freight"], saved["Payable"], saved["Rest"]) == (
        D("245250.0000"),
        D("20000.0000"),
        D("275249.5000"),
        D("275249.5000"),
    )
    assert saved["Others"] == [
        {"Title": "بسته بندی", "Amount": D("15000.0000"), "Add": True},
        {"Title": "تخفیف نقدی", "Amount": D("7500.5000"), "Add": False},
        {"Title": "نصب", "Amount": D("2500.0000"), "Add": True},
    ]
    assert shop.document(saved["Id"]) == [
        ("ACCOUNTS_RECEIVABLE", "Dr", D("275249.5000"), ids[f"contact {CUSTOMER}"], None),
        ("SALES", "Cr", D("200000.0000"), None, None),
        ("SERVICE_REVENUE", "Cr", D("30000.0000"), None, None),
        ("SALES_DISCOUNTS", "Dr", D("5000.0000"), None, None),
        ("FREIGHT_REVENUE", "Cr", D("20000.0000"), None, None),
        ("OTHER_INCOME", "Cr", D("17500.0000"), None, None),
        ("SALES_DISCOUNTS", "Dr", D("7500.5000"), None, None),
        ("SALES_VAT", "Cr", D("20250.0000"), None, None),
    ]
    shop.ok("invoice/savepayment", number=1, cashCode=1, date=DAY, amount="75249.5")
    got = shop.ok("invoice/get", number=1, type=0)
    assert (got["Paid"], got["Rest"]) == (D("75249.5000"), D("200000.0000"))
    assert got["Others"] == saved["Others"]
    assert shop.ok("invoice/getById", idList=[saved["Id"]]) == [got]
    listed = shop.ok("invoice/getinvoices", type=0)["List"]
    assert [invoice["Others"] for invoice in listed] == [saved["Others"]]
    assert shop.balances() == {
        "ACCOUNTS_RECEIVABLE": D("200000.0000"),  # 275,249.5 − 75,249.5
        "CASH": D("75249.5000"),
        "SALES": D("-200000.0000"),
        "SERVICE_REVENUE": D("-30000.0000"),
        "SALES_DISCOUNTS": D("12500.5000"),  # the rows' 5,000 and the deduction 7,500.5
        "FREIGHT_REVENUE": D("-20000.0000"),
        "OTHER_INCOME": D("-17500.0000"),
        "SALES_VAT": D("-20250.0000"),
    }
    trial = shop.ok("report/trialbalance")
    debit = sum(r["RemainingDebit"] for r in trial)
    assert debit == sum(r["RemainingCredit"] for r in trial) == D("287750.0000")


def _purchase(shop: Shop, others: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    return shop.save(
        [row(PHONE, 10, 100000), row(CABLE, 20, 1000), row(REPAIR, 1, 30000)],
        InvoiceType=1,
        ContactCode=SUPPLIER,
        Freight=10200,
        Others=others,
        **fields,
    )


def test_purchase_others_cost_the_goods_and_a_later_sales_cogs(shop: Shop) -> None:
    ids = shop.ids()
    phone, cable, supplier = ids[f"item {PHONE}"], ids[f"item {CABLE}"], ids[f"contact {SUPPLIER}"]
    p1 = _purchase(
        shop, [other("حقوق گمرکی", 52500, True), other("تخفیف تامین کننده", 10500, False)]
    )
    assert p1["Payable"] == D("1102200.0000")
    assert shop.document(p1["Id"]) == [
        ("ACCOUNTS_PAYABLE", "Cr", D("1102200.0000"), supplier, None),
        ("INVENTORY", "Dr", D("1050000.0000"), None, phone),
        ("INVENTORY", "Dr", D("21000.0000"), None, cable),
        ("SERVICE_PURCHASE", "Dr", D("31200.0000"), None, None),
    ]
    s1 = shop.save([row(PHONE, 3, 150000)], Date="2022-05-10", DueDate="2022-05-10")
    assert shop.document(s1["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Dr", D("315000.0000"), None, None),
        ("INVENTORY", "Cr", D("315000.0000"), None, phone),
    ]

    # The edit replaces the others: the phones cost more, and S1 is re-costed with them.
    p1 = _purchase(shop, [other("حقوق گمرکی", 73500, True)], Number=p1["Number"])
    assert p1["Others"] == [{"Title": "حقوق گمرکی", "Amount": D("73500.0000"), "Add": True}]
    assert p1["Payable"] == D("1133700.0000")
    assert stored_others(shop) == 1
    assert shop.document(p1["Id"]) == [
        ("ACCOUNTS_PAYABLE", "Cr", D("1133700.0000"), supplier, None),
        ("INVENTORY", "Dr", D("1080000.0000"), None, phone),
        ("INVENTORY", "Dr", D("21600.0000"), None, cable),
        ("SERVICE_PURCHASE", "Dr", D("32100.0000"), None, None),
    ]
    assert shop.document(s1["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Dr", D("324000.0000"), None, None),
        ("INVENTORY", "Cr", D("324000.0000"), None, phone),
    ]
    assert shop.balances() == {
        "ACCOUNTS_PAYABLE": D("-1133700.0000"),
        "INVENTORY": D("777600.0000"),  # 1,080,000 + 21,600 − 324,000
        "SERVICE_PURCHASE": D("32100.0000"),
        "ACCOUNTS_RECEIVABLE": D("450000.0000"),
        "SALES": D("-450000.0000"),
        "COST_OF_GOODS_SOLD": D("324000.0000"),
    }
    assert shop.ok("item/get", code=PHONE)["Stock"] == D("7.0000")

    # Without others, the costs are the rows' and the freight's alone.
    p1 = _purchase(shop, [], Number=p1["Number"])
    assert (p1["Others"], p1["Payable"]) == ([], D("1060200.0000"))
    assert stored_others(shop) == 0
    assert shop.document(s1["Id"])[-1] == ("INVENTORY", "Cr", D("303000.0000"), None, phone)
    assert shop.document(p1["Id"])[-1] == ("SERVICE_PURCHASE", "Dr", D("30000.0000"), None, None)


def test_deleting_an_invoice_takes_its_others(shop: Shop) -> None:
    shop.save([row()], Others=[other("a", 1, True), other("b", 2, False)])
    assert stored_others(shop) == 2
    shop.ok("invoice/delete", number=1, type=0)
    assert stored_others(shop) == 0
    assert shop.balances() == {}


def _reads() -> list[Any]:
    return [
        *[("invoice/getinvoices", {"type": t, "queryInfo": {"Take": 100}}) for t in range(5)],
        ("report/trialbalance", {}),
        ("item/get", {"code": PHONE}),
    ]


def test_refusals_name_the_row_and_change_nothing(shop: Shop) -> None:
    shop.save([row()], Others=[other("بسته بندی", 1000, True)])
    before = stored_others(shop)
    sale: dict[str, Any] = {}
    cases: list[tuple[int, list[Any], dict[str, Any], str]] = [
        (104, [{"Amount": 1000, "Add": True}], sale, "invoice.Others[0].Title"),
        (104, [other("a", 1, True), {"Title": "b", "Add": True}], sale, "invoice.Others[1].Amount"),
        (104, [other("  ", 1, True)], sale, "invoice.Others[0].Title"),
        (104, [other("a", "", True)], sale, "invoice.Others[0].Amount"),
        (104, [other("a", None, False)], sale, "invoice.Others[0].Amount"),
        (114, [other("a", 0, True)], sale, "invoice.Others[0].Amount"),
        (114, [other("a", 1, True), other("b", -1, False)], sale, "invoice.Others[1].Amount"),
        # Amounts are kept at 4 decimals, as the rows' are: this one would be 0.
        (114, [other("a", "0.00004", True)], sale, "invoice.Others[0].Amount"),
        (114, [other("a", "1e18", True)], sale, "invoice.Others[0].Amount"),
        (114, [other("a", "abc", True)], sale, "invoice.Others[0].Amount"),
        (114, [other("a" * 201, 1, True)], sale, "invoice.Others[0].Title"),
        (114, [other("a", 1, "maybe")], sale, "invoice.Others[0].Add"),
        # Sum + Freight + additions would reach 10^18.
        (114, [other("a", "999999999999900000", True)], sale, "invoice.Others[0].Amount"),
        # Within the purchase's Sum with its tax (109,000), beyond its goods' Sum − Discount.
        (
            114,
            [other("a", "100000.0001", False)],
            {"InvoiceType": 1, "ContactCode": SUPPLIER},
            "invoice.Others[0].Amount",
        ),
    ]
    with shop.unchanged(*_reads()):
        for code, others, fields, where in cases:
            body = shop.invoice([row(Tax=9000)], Others=others, **fields)
            message = shop.fail("invoice/save", code, invoice=body)
            assert where in message, (where, message)
            # An edit of the saved sale is refused the same way.
            if fields is sale:
                body["Number"] = 1
                assert where in shop.fail("invoice/save", code, invoice=body)
        message = shop.fail(
            "invoice/save",
            114,
            invoice=shop.invoice(
                [row()],
                Freight=1000,
                Others=[
                    other("a", 500, True),
                    other("b", 100000, False),
                    other("c", "1500.0001", False),
                ],
            ),
        )
        assert message == (
            "Invalid value for invoice.Others[2].Amount: the deductions (101500.0001 up to this "
            "row) must not exceed Sum + Freight + the additions, 101500."
        )
        message = shop.fail(
            "invoice/save",
            114,
            invoice=shop.invoice(
                [row()], InvoiceType=4, ContactCode=None, Others=[other("a", 1, True)]
            ),
        )
        assert message == (
            "Invalid value for invoice.Others: a waste invoice takes no additions or deductions."
        )
    assert stored_others(shop) == before
    # Deductions up to the whole of Sum + Freight + additions leave a Payable of 0.
    saved = shop.save([row()], Others=[other("a", 500, True), other("b", "100500", False)])
    assert (saved["Payable"], saved["Rest"]) == (D("0.0000"), D("0.0000"))
    assert shop.document(saved["Id"])[0] == (
        "SALES",
        "Cr",
        D("100000.0000"),
        None,
        None,
    )


def test_a_deduction_below_what_was_paid_is_refused(shop: Shop) -> None:
    shop.ok("setting/SaveCash", cash={"Name": "صندوق"})
    shop.save([row()])
    shop.ok("invoice/savepayment", number=1, cashCode=1, date=DAY, amount=60000)
    with shop.unchanged(*_reads()):
        message = shop.fail(
            "invoice/save",
            190,
            invoice=shop.invoice([row()], Number=1, Others=[other("b", "40000.0001", False)]),
        )
        assert "its payable amount cannot be less (got 59999.9999)" in message, message
    saved = shop.save([row()], Number=1, Others=[other("b", 40000, False)])
    assert (saved["Payable"], saved["Paid"], saved["Rest"]) == (
        D("60000.0000"),
        D("60000.0000"),
        D("0.0000"),
    )
