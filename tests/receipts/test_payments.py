"""invoice/savepayment: a payment is a receipt linked to its invoice; Paid, Rest, the ledger and
the contact's balance move with it, and a payment above Rest changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.invoices.helpers import CUSTOMER, DAY, SUPPLIER, Shop, row
from tests.ledger.helpers import BANK, BANK_FEES, CASH, IN_TRANSIT, SALES
from tests.receipts.helpers import AP, AR, EXCHANGE_GAIN, EXCHANGE_LOSS, balances, contact_balance

D = Decimal
INVENTORY = "دارایی ها : دارایی های جاری : موجودی کالا : موجودی کالا"
SALES_RETURNS = "فروش : فروش : فروش کالا : برگشت از فروش"


def _boxes(shop: Shop) -> None:
    shop.ok("setting/SaveBank", bank={"Name": "بانک ملت"})
    shop.ok("setting/SaveBank", bank={"Name": "Mellat USD", "Currency": "USD"})
    shop.ok("setting/SaveCash", cash={"Name": "صندوق"})


def _paid(shop: Shop, number: int = 1, kind: int = 0) -> tuple[Decimal, Decimal]:
    invoice = shop.ok("invoice/get", number=number, type=kind)
    return D(invoice["Paid"]), D(invoice["Rest"])


def _books(shop: Shop) -> list[Any]:
    return [
        ("invoice/get", {"number": 1, "type": 0}),
        ("report/trialbalance", {}),
        ("receipt/getReceipts", {"type": 1, "queryInfo": {"Take": 100}}),
        ("contact/get", {"code": CUSTOMER}),
    ]


# admin/partials/ssbhesabfa-admin-functions.php, setOrderPayment: the WooCommerce plugin pays an
# order's invoice into the bank of the payment method, through funds in transit, and sends its
# options unset as false beside the token.
def _woocommerce_payment(transaction_id: str) -> dict[str, Any]:
    return {
        "userId": False,
        "password": False,
        "number": 1,
        "bankCode": 1,
        "accountPath": IN_TRANSIT,
        "date": f"{DAY} 14:05:09",
        "amount": "1090000",
        "transactionNumber": transaction_id,
        "description": "",
        "transactionFee": 0,
    }


def test_the_woocommerce_payment_through_funds_in_transit(shop: Shop) -> None:
    _boxes(shop)
    # The plugin finds the account by its name in setting/GetAccounts.
    accounts = shop.ok("setting/GetAccounts")
    assert [a["FullPath"] for a in accounts if a["Name"] == "وجوه در راه"] == [IN_TRANSIT]
    shop.save([row(price=1090000)])
    receipt = shop.ok("invoice/savepayment", **_woocommerce_payment("A1B2C3"))
    customer = receipt["Items"][0]["Contact"]
    assert receipt == {
        "Id": receipt["Id"],
        "Number": 1,
        "DateTime": f"{DAY}T00:00:00",
        "Description": "",
        "Amount": D("1090000.0000"),
        "Currency": "IRR",
        "Project": "",
        "Items": [
            {
                "Contact": {"Id": customer["Id"], "Code": CUSTOMER, "Name": "Customer"},
                "Amount": D("1090000.0000"),
                "Account": AR,
                "Description": "",
            }
        ],
        "Transactions": [
            {
                "Cash": None,
                "Bank": None,
                "PettyCash": None,
                "Contact": None,
                "Check": None,
                "Account": IN_TRANSIT,
                "Type": "7",
                "Reference": "A1B2C3",
                "TransactionFee": D("0.0000"),
                "Amount": D("1090000.0000"),
            }
        ],
    }
    assert _paid(shop) == (D("1090000.0000"), D("0.0000"))
    book = balances(shop)
    assert (book[IN_TRANSIT], book[AR], book[SALES]) == (
        (D("1090000.0000"), D(0)),
        (D("1090000.0000"), D("1090000.0000")),
        (D(0), D("1090000.0000")),
    )
    assert contact_balance(shop, CUSTOMER) == (D(0), D(0))
    # The plugin's own look-up of an order's payments, and its GetChanges.
    found = shop.ok(
        "receipt/getReceipts",
        type=1,
        queryInfo={"filters": [{"Property": "Invoice.Number", "Operator": "=", "Value": 1}]},
    )
    assert [r["Id"] for r in found["List"]] == [receipt["Id"]]
    none = shop.ok(
        "receipt/getReceipts",
        type=1,
        queryInfo={"filters": [{"Property": "Invoice.Number", "Operator": "=", "Value": 2}]},
    )
    assert none["List"] == []
    assert shop.changes()[-1] == {
        "Action": 1111,
        "ObjectType": "Receipt",
        "ObjectId": receipt["Id"],
        "Extra": "1",
        "API": True,
    }
    # The same callback again: more than Rest, refused, nothing changed.
    with shop.unchanged(*_books(shop)):
        message = shop.fail("invoice/savepayment", 190, **_woocommerce_payment("A1B2C3"))
        assert message == "amount: 1090000 is more than the Rest of sale invoice 1 (0)."
    # Deleting the payment's receipt lowers Paid; the invoice can then be deleted.
    assert shop.ok("receipt/delete", type=1, number=1) is True
    assert _paid(shop) == (D("0.0000"), D("1090000.0000"))
    assert contact_balance(shop, CUSTOMER) == (D("1090000.0000"), D(0))
    assert IN_TRANSIT not in balances(shop)
    assert shop.ok("invoice/delete", number=1, type=0) is True


def test_a_purchase_paid_from_the_bank_with_a_fee(shop: Shop) -> None:
    _boxes(shop)
    shop.save([row(quantity=2, price=100000)], InvoiceType=1, ContactCode=SUPPLIER)
    receipt = shop.ok(
        "invoice/savepayment",
        type=1,
        number="1",
        bankCode="0001",
        date=DAY,
        amount=200000,
        transactionNumber="255496387",
        description="پرداخت آنلاین",
        transactionFee=500,
    )
    assert (receipt["Number"], receipt["Items"][0]["Account"]) == (1, AP)
    assert receipt["Transactions"][0]["Bank"]["Code"] == "0001"
    assert receipt["Transactions"][0]["TransactionFee"] == D("500.0000")
    assert shop.ok("receipt/get", type=2, number=1) == receipt
    assert _paid(shop, kind=1) == (D("200000.0000"), D("0.0000"))
    assert balances(shop) == {
        INVENTORY: (D("200000.0000"), D(0)),
        AP: (D("200000.0000"), D("200000.0000")),
        BANK: (D(0), D("200500.0000")),
        BANK_FEES: (D("500.0000"), D(0)),
    }
    assert contact_balance(shop, SUPPLIER) == (D(0), D(0))


def test_an_overpayment_is_refused_and_changes_nothing(shop: Shop) -> None:
    _boxes(shop)
    shop.save([row(price=100000)])
    shop.ok("invoice/savepayment", number=1, cashCode=1, date=DAY, amount=60000)
    assert _paid(shop) == (D("60000.0000"), D("40000.0000"))
    with shop.unchanged(*_books(shop)):
        message = shop.fail(
            "invoice/savepayment", 190, number=1, cashCode=1, date=DAY, amount="40000.0001"
        )
        assert message == "amount: 40000.0001 is more than the Rest of sale invoice 1 (40000)."
    shop.ok("invoice/savepayment", number=1, cashCode=1, date=DAY, amount=40000)
    assert _paid(shop) == (D("100000.0000"), D("0.0000"))
    assert balances(shop)[CASH] == (D("100000.0000"), D(0))


def test_a_dollar_invoice_settled_at_another_rate(shop: Shop) -> None:
    _boxes(shop)
    shop.save([row(price=100)], Currency="USD", CurrencyRate=500000)
    assert balances(shop)[AR] == (D("50000000.0000"), D(0))
    receipt = shop.ok(
        "invoice/savepayment", number=1, bankCode="0002", date=DAY, amount=60, currencyRate=520000
    )
    assert (receipt["Currency"], receipt["Amount"]) == ("USD", D("60.0000"))
    assert _paid(shop) == (D("60.0000"), D("40.0000"))
    # 60 dollars into the bank at 520000, cleared from the receivable at the invoice's 500000.
    book = balances(shop)
    assert (book[BANK], book[AR], book[EXCHANGE_GAIN]) == (
        (D("31200000.0000"), D(0)),
        (D("50000000.0000"), D("30000000.0000")),
        (D(0), D("1200000.0000")),
    )
    assert contact_balance(shop, CUSTOMER) == (D("20000000.0000"), D(0))
    # The rest at a lower rate: a loss; without a rate, the invoice's (no difference).
    shop.ok(
        "invoice/savepayment", number=1, bankCode="0002", date=DAY, amount=30, currencyRate=490000
    )
    shop.ok("invoice/savepayment", number=1, bankCode="0002", date=DAY, amount=10)
    book = balances(shop)
    assert (book[BANK], book[AR], book[EXCHANGE_GAIN], book[EXCHANGE_LOSS]) == (
        (D("50900000.0000"), D(0)),
        (D("50000000.0000"), D("50000000.0000")),
        (D(0), D("1200000.0000")),
        (D("300000.0000"), D(0)),
    )
    assert _paid(shop) == (D("100.0000"), D("0.0000"))
    assert contact_balance(shop, CUSTOMER) == (D(0), D(0))


def test_a_sales_return_is_paid_back_to_the_customer(shop: Shop) -> None:
    _boxes(shop)
    shop.ok("setting/SaveProject", project={"Title": "فروشگاه آنلاین"})
    shop.save([row(price=30000)], InvoiceType=2, Project="فروشگاه آنلاین")
    receipt = shop.ok(
        "invoice/savepayment", type=2, number=1, cashCode="0001", amount=30000, date=DAY
    )
    assert (receipt["Number"], receipt["Project"], receipt["Items"][0]["Account"]) == (
        1,
        "فروشگاه آنلاین",
        AR,
    )
    assert shop.ok("receipt/getReceipts", type=2)["TotalCount"] == 1
    book = balances(shop)
    assert (book[SALES_RETURNS], book[AR], book[CASH]) == (
        (D("30000.0000"), D(0)),
        (D("30000.0000"), D("30000.0000")),
        (D(0), D("30000.0000")),
    )


REFUSED: list[tuple[int, dict[str, Any], str]] = [
    (
        114,
        {"bankCode": "0001", "cashCode": "0001"},
        "Invalid value for cashCode: only one of bankCode, cashCode, pettyCashCode, contactCode, "
        "accountPath, check and spendCheck may be given (got bankCode and cashCode).",
    ),
    (
        104,
        {},
        "one of bankCode, cashCode, pettyCashCode, contactCode, accountPath, check or spendCheck "
        "is required.",
    ),
    (112, {"bankCode": "0001", "number": 7}, "number: sale invoice 7 does not exist."),
    (190, {"bankCode": "0001", "type": 4}, "type: a waste takes no payments."),
    (114, {"bankCode": "0001", "type": 9}, "Invalid value for type: an invoice's type is 0 to 4 (got 9)."),
    (190, {"bankCode": "0002"}, "bankCode: '0002' keeps USD; the receipt is in IRR."),
    (
        190,
        {"bankCode": "0001", "currency": "USD"},
        "currency: the invoice is in IRR; its payments are too (got USD).",
    ),
    (
        190,
        {"accountPath": IN_TRANSIT, "transactionFee": 10},
        "transactionFee: a fee is taken only by a bank, a cash box or petty cash.",
    ),
    (
        114,
        {"bankCode": "0001", "amount": -5},
        "Invalid value for amount: must not be negative (got -5).",
    ),
    (112, {"accountPath": "دارایی ها : نیست"}, "accountPath: account 'دارایی ها : نیست' does not exist."),
    (112, {"contactCode": "000099"}, "contactCode: contact '000099' does not exist."),
]  # fmt: skip


def test_refused_payments_change_nothing(shop: Shop) -> None:
    _boxes(shop)
    shop.save([row(price=100000)])
    with shop.unchanged(*_books(shop)):
        for code, fields, message in REFUSED:
            body = {"number": 1, "date": DAY, "amount": 1000, **fields}
            assert shop.fail("invoice/savepayment", code, **body) == message, fields
        # A payment's receipt is not edited through receipt/save; a draft takes no payments.
    shop.ok("invoice/savepayment", number=1, contactCode=SUPPLIER, amount=1000, date=DAY)
    assert contact_balance(shop, SUPPLIER) == (D("1000.0000"), D(0))
    with shop.unchanged(*_books(shop)):
        message = shop.fail(
            "receipt/save",
            190,
            type=1,
            number=1,
            amount=5,
            contactCode=CUSTOMER,
            cashCode=1,
            dateTime=DAY,
        )
        assert message == (
            "number: receipt 1 is a payment of sale invoice 1; delete it and record the "
            "payment again."
        )
    shop.save([row(price=5000)], Status=0)
    message = shop.fail("invoice/savepayment", 190, number=2, cashCode=1, amount=1, date=DAY)
    assert message == "number: sale invoice 2 is a draft; approve it before recording payments."


def test_an_account_path_takes_the_detail_its_account_takes(shop: Shop) -> None:
    _boxes(shop)
    shop.save([row(price=5000)])
    # The bank's path with bankCode: the bank is the account's detail; cashCode is ignored.
    receipt = shop.ok(
        "invoice/savepayment",
        number=1,
        accountPath=BANK,
        bankCode="0001",
        cashCode="0001",
        date=DAY,
        amount=5000,
    )
    line = receipt["Transactions"][0]
    assert (line["Type"], line["Account"], line["Bank"], line["Cash"]) == ("7", BANK, None, None)
    assert shop.ok("report/trialbalanceitems", accountPath=BANK)[0]["Code"] == "0001"
    assert shop.fail(
        "invoice/savepayment", 104, number=1, accountPath=BANK, date=DAY, amount=1
    ) == (f"bankCode: required, the detail of '{BANK}' is a bank.")
