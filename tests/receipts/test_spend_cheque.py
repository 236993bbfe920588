"""Spending a received cheque (خرج چک): a customer's cheque received, then given to a supplier
by a pay receipt; the documents, the trial balance and both contacts' balances worked out by
hand, the spent cheque's receipt frozen, and the cheque free again when its pay is deleted."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.conftest import Api
from tests.ledger.helpers import CASH
from tests.receipts.helpers import (
    AP,
    AR,
    DAY,
    EXCHANGE_GAIN,
    NOTES_RECEIVABLE,
    balances,
    books,
    contact_balance,
    masters,
)

D = Decimal
CHEQUE = {
    "number": "123456",
    "date": "2022-06-01",
    "sayyad": "1234567890123456",
    "bankName": "ملت",
}


def receive_cheque(api: Api, **changes: Any) -> dict[str, Any]:
    """Receive 1: customer 000001 pays 2,000,000, 1,500,000 by cheque 123456 and the rest cash."""
    body: dict[str, Any] = {
        "type": 1,
        "dateTime": DAY,
        "description": "دریافت چک از محسن کریمی",
        "items": [{"contactCode": "000001", "amount": 2000000}],
        "transactions": [
            {"amount": 1500000, "check": CHEQUE},
            {"amount": 500000, "cashCode": "0001"},
        ],
    }
    body.update(changes)
    result: dict[str, Any] = api.ok("receipt/save2", **body)
    return result


def spend_cheque(api: Api, **changes: Any) -> dict[str, Any]:
    """A pay: supplier 000002 is paid 1,800,000, cheque 123456 and 300,000 cash."""
    body: dict[str, Any] = {
        "type": 2,
        "dateTime": DAY,
        "description": "خرج چک به شرکت نمونه",
        "items": [{"contactCode": "000002", "amount": 1800000}],
        "transactions": [
            {"amount": 1500000, "spendCheck": {"number": "123456"}},
            {"amount": 300000, "cashCode": "0001"},
        ],
    }
    body.update(changes)
    result: dict[str, Any] = api.ok("receipt/save2", **body)
    return result


def _lines(api: Api, number: int) -> list[tuple[str, int, Decimal, str | None, str | None]]:
    document = api.ok("document/get", number=number)
    return [
        (
            line["AccountPath"],
            line["Type"],
            D(line["Amount"]),
            line["ContactCode"] or None,
            line["CashCode"] or None,
        )
        for line in document["Transactions"]
    ]


def test_a_received_cheque_spent_paying_a_supplier(ledger_api: Api) -> None:
    masters(ledger_api)
    received = receive_cheque(ledger_api)
    assert contact_balance(ledger_api, "000001") == (D(0), D("500000.0000"))
    paid = spend_cheque(ledger_api)
    customer = received["Items"][0]["Contact"]
    supplier = paid["Items"][0]["Contact"]
    assert paid == {
        "Id": paid["Id"],
        "Number": 1,
        "DateTime": f"{DAY}T00:00:00",
        "Description": "خرج چک به شرکت نمونه",
        "Amount": D("1800000.0000"),
        "Currency": "IRR",
        "Project": "",
        "Items": [
            {
                "Contact": {"Id": supplier["Id"], "Code": "000002", "Name": "شرکت نمونه"},
                "Amount": D("1800000.0000"),
                "Account": None,
                "Description": "",
            }
        ],
        "Transactions": [
            {
                "Cash": None,
                "Bank": None,
                "PettyCash": None,
                "Contact": None,
                # The cheque as it was received, its payer the customer.
                "Check": {
                    "Number": "123456",
                    "Date": "2022-06-01T00:00:00",
                    "Amount": D("1500000.0000"),
                    "Sayyad": "1234567890123456",
                    "Payee": "",
                    "BankName": "ملت",
                    "Bank": None,
                    "Contact": {"Id": customer["Id"], "Code": "000001", "Name": "محسن کریمی"},
                },
                "Account": None,
                "Type": "5",
                "Reference": None,
                "TransactionFee": D("0.0000"),
                "Amount": D("1500000.0000"),
            },
            {
                "Cash": {
                    "Id": paid["Transactions"][1]["Cash"]["Id"],
                    "Code": "0001",
                    "Name": "صندوق اصلی",
                },
                "Bank": None,
                "PettyCash": None,
                "Contact": None,
                "Check": None,
                "Account": None,
                "Type": "1",
                "Reference": None,
                "TransactionFee": D("0.0000"),
                "Amount": D("300000.0000"),
            },
        ],
    }
    assert ledger_api.ok("receipt/get", type=2, number=1) == paid
    assert ledger_api.ok("receipt/GetById", type=2, id=paid["Id"]) == paid
    # The receive: Dr notes receivable (the customer) 1,500,000, Dr cash 500,000,
    # Cr the customer's receivable 2,000,000.
    assert _lines(ledger_api, 1) == [
        (NOTES_RECEIVABLE, 0, D("1500000.0000"), "000001", None),
        (CASH, 0, D("500000.0000"), None, "0001"),
        (AR, 1, D("2000000.0000"), "000001", None),
    ]
    # The pay: the cheque leaves notes receivable (its payer the detail) and cash goes out;
    # the supplier's payable is debited with both.
    assert _lines(ledger_api, 2) == [
        (NOTES_RECEIVABLE, 1, D("1500000.0000"), "000001", None),
        (CASH, 1, D("300000.0000"), None, "0001"),
        (AP, 0, D("1800000.0000"), "000002", None),
    ]
    assert balances(ledger_api) == {
        NOTES_RECEIVABLE: (D("1500000.0000"), D("1500000.0000")),
        CASH: (D("500000.0000"), D("300000.0000")),
        AR: (D(0), D("2000000.0000")),
        AP: (D("1800000.0000"), D(0)),
    }
    # The customer's cheque is no longer owed by it to the business's notes: the business owes
    # it the 2,000,000 it paid; the supplier was paid 1,800,000 with nothing bought yet.
    assert contact_balance(ledger_api, "000001") == (D(0), D("2000000.0000"))
    assert contact_balance(ledger_api, "000002") == (D("1800000.0000"), D(0))
    assert ledger_api.changes()[-1] == {
        "Action": 1111,
        "ObjectType": "Receipt",
        "ObjectId": paid["Id"],
        "Extra": "1",
        "API": True,
    }


def test_the_receipt_of_a_spent_cheque_is_frozen_until_its_pay_is_deleted(
    ledger_api: Api,
) -> None:
    masters(ledger_api)
    received = receive_cheque(ledger_api)
    paid = spend_cheque(ledger_api)
    frozen = (
        "number: cheque 123456 of receipt 1 was spent by pay receipt 1; a receipt whose cheque "
        "has been spent cannot be edited or deleted."
    )
    with ledger_api.unchanged(*books(ledger_api), *books(ledger_api, 2)):
        assert (
            ledger_api.fail("receipt/save2", 190, **_receive_body(number=1, description="edited"))
            == frozen
        )
        # receipt/save edits it too.
        assert (
            ledger_api.fail(
                "receipt/save",
                190,
                type=1,
                number=1,
                dateTime=DAY,
                amount=2000000,
                contactCode="000001",
                cashCode="0001",
            )
            == frozen
        )
        assert ledger_api.fail("receipt/delete", 190, type=1, number=1) == frozen
    # The pay is edited, spending the same cheque again: 1,700,000 now, 200,000 of it cash.
    edited = spend_cheque(
        ledger_api,
        number=1,
        items=[{"contactCode": "000002", "amount": 1700000}],
        transactions=[
            {"amount": 200000, "cashCode": "0001"},
            {"spendCheck": {"number": "123456", "sayyad": "1234567890123456"}},
        ],
    )
    assert (edited["Id"], edited["Amount"]) == (paid["Id"], D("1700000.0000"))
    assert [row["Type"] for row in edited["Transactions"]] == ["1", "5"]
    assert balances(ledger_api) == {
        NOTES_RECEIVABLE: (D("1500000.0000"), D("1500000.0000")),
        CASH: (D("500000.0000"), D("200000.0000")),
        AR: (D(0), D("2000000.0000")),
        AP: (D("1700000.0000"), D(0)),
    }
    assert ledger_api.fail("receipt/delete", 190, type=1, number=1) == frozen
    # Deleting the pay gives the cheque back: it is in notes receivable again, its receipt can
    # change, and it can be spent anew.
    assert ledger_api.ok("receipt/delete", type=2, number=1) is True
    assert balances(ledger_api) == {
        NOTES_RECEIVABLE: (D("1500000.0000"), D(0)),
        CASH: (D("500000.0000"), D(0)),
        AR: (D(0), D("2000000.0000")),
    }
    assert contact_balance(ledger_api, "000001") == (D(0), D("500000.0000"))
    assert contact_balance(ledger_api, "000002") == (D(0), D(0))
    again = receive_cheque(ledger_api, number=1, description="دریافت چک (اصلاح شده)")
    assert again["Id"] == received["Id"]
    second = spend_cheque(ledger_api)
    assert second["Number"] == 2
    assert balances(ledger_api)[NOTES_RECEIVABLE] == (D("1500000.0000"), D("1500000.0000"))
    assert [change["Action"] for change in ledger_api.changes()][-5:] == [
        1111,
        1112,
        1113,
        1112,
        1111,
    ]


def _receive_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": 1,
        "dateTime": DAY,
        "items": [{"contactCode": "000001", "amount": 2000000}],
        "transactions": [
            {"amount": 1500000, "check": CHEQUE},
            {"amount": 500000, "cashCode": "0001"},
        ],
    }
    body.update(changes)
    return body


def test_the_cheque_of_an_income_is_spent_and_its_payer_named(ledger_api: Api) -> None:
    """Any receipt that receives takes cheques into notes receivable; a pay spends them, found
    by the payer when two payers' cheques share a number."""
    masters(ledger_api)
    ledger_api.ok(
        "receipt/save2",
        type=1,
        dateTime=DAY,
        items=[{"contactCode": "000001", "amount": 400}],
        transactions=[{"amount": 400, "check": {"number": "55", "date": DAY}}],
    )
    ledger_api.ok(
        "receipt/save2",
        type=5,
        dateTime=DAY,
        items=[{"account": AR, "contactCode": "000002", "amount": 250}],
        transactions=[
            {"amount": 250, "check": {"number": "55", "date": DAY, "payerCode": "000002"}}
        ],
    )
    paid = ledger_api.ok(
        "receipt/save2",
        type=2,
        dateTime=DAY,
        items=[{"contactCode": "000001", "amount": 250}],
        transactions=[{"spendCheck": {"number": "55", "payerCode": "000002"}}],
    )
    assert paid["Transactions"][0]["Check"]["Contact"]["Code"] == "000002"
    assert paid["Transactions"][0]["Amount"] == D("250.0000")
    assert balances(ledger_api) == {
        NOTES_RECEIVABLE: (D("650.0000"), D("250.0000")),
        AR: (D(0), D("650.0000")),
        AP: (D("250.0000"), D(0)),
    }
    # 000001: 400 credited on its receivable, its cheque of 400 still in hand, paid 250.
    assert contact_balance(ledger_api, "000001") == (D("250.0000"), D(0))
    # 000002: 250 credited on its receivable; its cheque of 250 in, then out.
    assert contact_balance(ledger_api, "000002") == (D(0), D("250.0000"))


def test_a_dollar_cheque_leaves_at_the_rate_it_came_in(ledger_api: Api) -> None:
    masters(ledger_api)
    ledger_api.ok(
        "receipt/save2",
        type=1,
        dateTime=DAY,
        currency="USD",
        currencyRate=500000,
        items=[{"contactCode": "000001", "amount": 100}],
        transactions=[{"amount": 100, "check": {"number": "77", "date": DAY}}],
    )
    with ledger_api.unchanged(*books(ledger_api, 2)):
        message = ledger_api.fail(
            "receipt/save2",
            190,
            type=2,
            dateTime=DAY,
            currency="IRR",
            items=[{"contactCode": "000002", "amount": 100}],
            transactions=[{"amount": 100, "spendCheck": {"number": "77"}}],
        )
    assert (
        message
        == "transactions[0].spendCheck: cheque 77 was received in USD; the receipt is in IRR."
    )
    # No currency given: the pay takes the cheque's, at today's rate.
    paid = ledger_api.ok(
        "receipt/save2",
        type=2,
        dateTime=DAY,
        currencyRate=520000,
        items=[{"contactCode": "000002", "amount": 100}],
        transactions=[{"amount": 100, "spendCheck": {"number": "77"}}],
    )
    assert (paid["Currency"], paid["Amount"]) == ("USD", D("100.0000"))
    # Notes receivable lose the 50,000,000 the cheque came in at; the supplier's 100 dollars
    # are 52,000,000 now: 2,000,000 gained.
    assert balances(ledger_api) == {
        NOTES_RECEIVABLE: (D("50000000.0000"), D("50000000.0000")),
        AR: (D(0), D("50000000.0000")),
        AP: (D("52000000.0000"), D(0)),
        EXCHANGE_GAIN: (D(0), D("2000000.0000")),
    }
    document = ledger_api.ok("document/get", number=2)
    assert [
        (line["Type"], line["Amount"], line["CurrencyAmount"], line["Currency"])
        for line in document["Transactions"]
    ] == [
        (1, D("50000000.0000"), D("100.0000"), "USD"),
        (0, D("52000000.0000"), D("100.0000"), "USD"),
        (1, D("2000000.0000"), D("2000000.0000"), "IRR"),
    ]
