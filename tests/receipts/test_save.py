"""receipt/save and receipt/save2: the receipt object, its document and the balances."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.conftest import Api
from tests.ledger.helpers import BANK, BANK_FEES, CASH, PETTY_CASH
from tests.receipts.helpers import (
    AP,
    AR,
    DAY,
    NOTES_PAYABLE,
    NOTES_RECEIVABLE,
    OTHER_INCOME,
    RENT,
    balances,
    contact_balance,
    masters,
)

D = Decimal


def _bank(code: str = "0001", name: str = "بانک ملت") -> dict[str, Any]:
    return {"Id": 0, "Code": code, "Name": name}


def test_simple_receive_through_a_bank_with_a_fee(ledger_api: Api) -> None:
    masters(ledger_api)
    # What the JS sample and mahdiaz95's bot send: strings, a bankFee, no date given twice.
    receipt = ledger_api.ok(
        "receipt/save",
        type="1",
        dateTime=f"{DAY} 10:30:00",
        description="دریافت وجه از محسن کریمی",
        amount="2500000",
        contactCode="000001",
        bankCode="1",
        cashCode=None,
        pettyCashCode=None,
        currency="IRR",
        currencyRate=1,
        reference="",
        project="",
        number="",
        bankFee="300",
    )
    bank = receipt["Transactions"][0]["Bank"]
    contact = receipt["Items"][0]["Contact"]
    assert receipt == {
        "Id": receipt["Id"],
        "Number": 1,
        "DateTime": "2022-05-01T00:00:00",
        "Description": "دریافت وجه از محسن کریمی",
        "Amount": D("2500000.0000"),
        "Currency": "IRR",
        "Project": "",
        "Items": [
            {
                "Contact": {"Id": contact["Id"], "Code": "000001", "Name": "محسن کریمی"},
                "Amount": D("2500000.0000"),
                "Account": None,
                "Description": "دریافت وجه از محسن کریمی",
            }
        ],
        "Transactions": [
            {
                "Cash": None,
                "Bank": {"Id": bank["Id"], "Code": "0001", "Name": "بانک ملت"},
                "PettyCash": None,
                "Contact": None,
                "Check": None,
                "Account": None,
                "Type": "3",
                "Reference": None,
                "TransactionFee": D("300.0000"),
                "Amount": D("2500000.0000"),
            }
        ],
    }
    assert ledger_api.ok("receipt/get", type=1, number=1) == receipt
    assert balances(ledger_api) == {
        BANK: (D("2500000.0000"), D("300.0000")),
        BANK_FEES: (D("300.0000"), D(0)),
        AR: (D(0), D("2500000.0000")),
    }
    assert contact_balance(ledger_api, "000001") == (D(0), D("2500000.0000"))
    changes = ledger_api.changes()
    assert changes[-1] == {
        "Action": 1111,
        "ObjectType": "Receipt",
        "ObjectId": receipt["Id"],
        "Extra": "1",
        "API": True,
    }


def test_numbers_per_type_and_edit_rebuilds_the_document(ledger_api: Api) -> None:
    masters(ledger_api)
    first = ledger_api.ok(
        "receipt/save", type=1, dateTime=DAY, amount=1000, contactCode="000001", cashCode="0001"
    )
    paid = ledger_api.ok(
        "receipt/save", type=2, dateTime=DAY, amount=400, contactCode="000002", cashCode="0001"
    )
    second = ledger_api.ok(
        "receipt/save", type=1, dateTime=DAY, amount=50, contactCode="000002", pettyCashCode="1"
    )
    assert (first["Number"], paid["Number"], second["Number"]) == (1, 1, 2)
    assert balances(ledger_api) == {
        CASH: (D("1000.0000"), D("400.0000")),
        PETTY_CASH: (D("50.0000"), D(0)),
        AR: (D(0), D("1050.0000")),
        AP: (D("400.0000"), D(0)),
    }
    assert contact_balance(ledger_api, "000002") == (D("350.0000"), D(0))
    # The same number edits: the document is rebuilt, the number stays.
    edited = ledger_api.ok(
        "receipt/save",
        type=1,
        number=1,
        dateTime=DAY,
        amount=700,
        contactCode="000002",
        bankCode="0001",
    )
    assert (edited["Id"], edited["Number"]) == (first["Id"], 1)
    assert balances(ledger_api) == {
        CASH: (D(0), D("400.0000")),
        BANK: (D("700.0000"), D(0)),
        PETTY_CASH: (D("50.0000"), D(0)),
        AR: (D(0), D("750.0000")),
        AP: (D("400.0000"), D(0)),
    }
    assert contact_balance(ledger_api, "000001") == (D(0), D(0))
    assert contact_balance(ledger_api, "000002") == (D(0), D("350.0000"))
    documents = ledger_api.ok("document/getdocuments", queryInfo={"take": 100})
    assert documents["TotalCount"] == 3
    assert [change["Action"] for change in ledger_api.changes()][-4:] == [1111, 1111, 1111, 1112]


def test_save2_income_expense_cheques_and_accounts(ledger_api: Api) -> None:
    masters(ledger_api)
    # A receive of two contacts: a cheque (its payer is the only contact of the items) and cash.
    received = ledger_api.ok(
        "receipt/save2",
        type=1,
        dateTime=DAY,
        description="دریافت وجه/چک",
        items=[
            {"contactCode": "000001", "amount": "1500", "description": "a"},
            {"contactCode": "000001", "amount": "500"},
        ],
        transactions=[
            {
                "amount": "1200",
                "check": {
                    "number": "123456",
                    "date": "2022-06-01",
                    "amount": "1200",
                    "sayyad": "1234567890123456",
                    "payee": "",
                    "bankCode": "",
                    "payerCode": "",
                    "bankName": "ملت",
                },
            },
            {
                "amount": "800",
                "cashCode": "0001",
                "check": {"number": "", "date": "", "amount": "", "payerCode": ""},
            },
        ],
    )
    check = received["Transactions"][0]["Check"]
    assert received["Transactions"][0]["Type"] == "4"
    assert check == {
        "Number": "123456",
        "Date": "2022-06-01T00:00:00",
        "Amount": D("1200.0000"),
        "Sayyad": "1234567890123456",
        "Payee": "",
        "BankName": "ملت",
        "Bank": None,
        "Contact": {"Id": check["Contact"]["Id"], "Code": "000001", "Name": "محسن کریمی"},
    }
    assert received["Transactions"][1]["Type"] == "1"
    assert received["Amount"] == D("2000.0000")
    # An expense paid by a cheque to contact 2 and from petty cash; an income into the bank.
    ledger_api.ok(
        "receipt/save2",
        type=4,
        dateTime=DAY,
        items=[{"account": RENT, "amount": 900}],
        transactions=[
            {"amount": 600, "check": {"number": "77", "date": DAY, "payerCode": "000002"}},
            {"amount": 300, "pettyCashCode": "0001"},
        ],
    )
    ledger_api.ok(
        "receipt/save2",
        type=3,
        dateTime=DAY,
        items=[{"account": OTHER_INCOME, "amount": 250}],
        transactions=[{"amount": 250, "bankCode": 1, "transactionFee": 5}],
    )
    # Other pay: to an account with a contact detail (payables), from an account path.
    ledger_api.ok(
        "receipt/save2",
        type=6,
        dateTime=DAY,
        items=[{"account": AP, "contactCode": "000002", "amount": 100}],
        transactions=[{"amount": 100, "account": CASH, "cashCode": "0001", "bankCode": "9"}],
    )
    assert balances(ledger_api) == {
        NOTES_RECEIVABLE: (D("1200.0000"), D(0)),
        CASH: (D("800.0000"), D("100.0000")),
        AR: (D(0), D("2000.0000")),
        RENT: (D("900.0000"), D(0)),
        NOTES_PAYABLE: (D(0), D("600.0000")),
        PETTY_CASH: (D(0), D("300.0000")),
        OTHER_INCOME: (D(0), D("250.0000")),
        BANK: (D("250.0000"), D("5.0000")),
        BANK_FEES: (D("5.0000"), D(0)),
        AP: (D("100.0000"), D(0)),
    }
    # The contact's balance is over every account it is the detail of: its cheque, on notes
    # receivable, is still owed until it is cashed.
    assert contact_balance(ledger_api, "000001") == (D(0), D("800.0000"))
    assert contact_balance(ledger_api, "000002") == (D(0), D("500.0000"))
    listed = ledger_api.ok("receipt/getReceipts", type=4, queryInfo={"SortBy": "DateTime"})
    assert (listed["TotalCount"], listed["List"][0]["Items"][0]["Account"]) == (1, RENT)


def test_delete_removes_the_document_and_the_balance(ledger_api: Api) -> None:
    masters(ledger_api)
    saved = ledger_api.ok(
        "receipt/save", type=1, dateTime=DAY, amount=1000, contactCode="000001", cashCode="0001"
    )
    assert ledger_api.ok("receipt/delete", type=1, number=1) is True
    assert balances(ledger_api) == {}
    assert contact_balance(ledger_api, "000001") == (D(0), D(0))
    assert ledger_api.ok("document/getdocuments")["TotalCount"] == 0
    assert ledger_api.changes()[-1] == {
        "Action": 1113,
        "ObjectType": "Receipt",
        "ObjectId": saved["Id"],
        "Extra": "1",
        "API": True,
    }
    message = ledger_api.fail("receipt/delete", 112, type=1, number=1)
    assert message == "number: receipt 1 of type 1 does not exist."
