"""Shared set-up for receipt tests: masters through the API and what the books say."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.conftest import Api

AR = "دارایی ها : دارایی های جاری : حساب ها و اسناد دریافتنی تجاری : حساب های دریافتنی"
AP = "بدهی ها : بدهیهای جاری : حساب ها و اسناد پرداختنی تجاری : حساب های پرداختنی"
NOTES_RECEIVABLE = "دارایی ها : دارایی های جاری : حساب ها و اسناد دریافتنی تجاری : اسناد دریافتنی"
NOTES_PAYABLE = "بدهی ها : بدهیهای جاری : حساب ها و اسناد پرداختنی تجاری : اسناد پرداختنی"
RENT = "هزینه ها : هزینه ها : هزینه های عملیاتی : هزینه اجاره"
OTHER_INCOME = "درآمد : درآمدها : درآمدهای غیرعملیاتی : سایر درآمدها"
EXCHANGE_GAIN = "درآمد : درآمدها : درآمدهای غیرعملیاتی : سود تسعیر ارز"
EXCHANGE_LOSS = "هزینه ها : هزینه ها : هزینه های مالی : زیان تسعیر ارز"
DAY = "2022-05-01"


def masters(api: Api) -> None:
    """Contacts 000001 and 000002, cash 0001, bank 0001 (IRR), bank 0002 (USD), petty 0001."""
    api.ok("contact/save", contact={"Name": "محسن کریمی"})
    api.ok("contact/save", contact={"Name": "شرکت نمونه"})
    api.ok("setting/SaveCash", cash={"Name": "صندوق اصلی"})
    api.ok("setting/SaveBank", bank={"Name": "بانک ملت"})
    api.ok("setting/SaveBank", bank={"Name": "Mellat USD", "Currency": "USD"})
    api.ok("setting/SavePettyCash", pettyCash={"Name": "تنخواه"})


def balances(api: Api) -> dict[str, tuple[Decimal, Decimal]]:
    """Account path → (debit, credit) of the trial balance; it must balance."""
    report = api.ok("report/trialbalance")
    assert sum(row["Debit"] for row in report) == sum(row["Credit"] for row in report)
    return {
        row["Account"]["Path"]: (Decimal(row["Debit"]), Decimal(row["Credit"]))
        for row in report
        if row["Debit"] or row["Credit"]
    }


def contact_balance(api: Api, code: str) -> tuple[Decimal, Decimal]:
    """(Liability, Credits) of the contact: what it owes, what the business owes it."""
    contact = api.ok("contact/get", code=code)
    return Decimal(contact["Liability"]), Decimal(contact["Credits"])


def books(api: Api, receipt_type: int = 1) -> list[Any]:
    """Everything a rejected write must leave unchanged (with the change log)."""
    return [
        ("report/trialbalance", {}),
        ("receipt/getReceipts", {"type": receipt_type, "queryInfo": {"Take": 1000}}),
        ("document/getdocuments", {"queryInfo": {"take": 1000}}),
        ("contact/get", {"code": "000001"}),
    ]
