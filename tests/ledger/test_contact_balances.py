"""Contacts show their ledger balance: Liability (owes the business) and Credits (is owed)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hesabdar.contacts.service import OWNER_CODE
from tests.conftest import Api


def _path(accounts: list[dict[str, Any]], account_type: int) -> str:
    return next(row["FullPath"] for row in accounts if row["AccountType"] == account_type)


def test_liability_and_credits_follow_approved_postings(api: Api) -> None:
    customer = api.ok("contact/save", contact={"Name": "Customer"})["Code"]
    supplier = api.ok("contact/save", contact={"Name": "Supplier"})["Code"]
    api.ok("setting/SaveCash", cash={"Name": "Till"})
    accounts = api.ok("setting/GetAccounts")
    receivable, payable, cash = _path(accounts, 4), _path(accounts, 9), _path(accounts, 1)
    day = api.ok("setting/GetFiscalYear")["StartDate"]

    def document(status: int, lines: list[dict[str, Any]]) -> None:
        api.ok("document/save", document={"Date": day, "Status": status, "Transactions": lines})

    document(
        1,
        [
            {"AccountPath": receivable, "ContactCode": customer, "Type": 0, "Amount": "1500.2500"},
            {"AccountPath": payable, "ContactCode": supplier, "Type": 1, "Amount": "1000"},
            {"AccountPath": cash, "CashCode": "0001", "Type": 1, "Amount": "500.25"},
        ],
    )
    document(
        1,
        [
            {"AccountPath": cash, "CashCode": "0001", "Type": 0, "Amount": "500"},
            {"AccountPath": receivable, "ContactCode": customer, "Type": 1, "Amount": "500"},
        ],
    )
    # A draft never reaches balances.
    document(
        0,
        [
            {"AccountPath": cash, "CashCode": "0001", "Type": 0, "Amount": "999"},
            {"AccountPath": receivable, "ContactCode": customer, "Type": 1, "Amount": "999"},
        ],
    )

    shown = {
        row["Code"]: (row["Liability"], row["Credits"])
        for row in api.ok("contact/getcontacts", queryInfo={"Take": 10})["List"]
    }
    assert shown == {
        OWNER_CODE: (0, 0),
        customer: (Decimal("1000.2500"), 0),
        supplier: (0, 1000),
    }
    assert (
        api.ok("contact/get", code=customer)["Liability"],
        api.ok("contact/get", code=supplier)["Credits"],
    ) == (Decimal("1000.2500"), 1000)
