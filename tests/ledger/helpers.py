"""Shared set-up for ledger and report tests: masters through the API, the seed document."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hesabdar.db import Database
from hesabdar.tenancy.service import BusinessCredentials
from tests.conftest import Api, make_business

ADVANCE = "بدهی ها : بدهیهای جاری : پیش دریافت ها : پیش دریافت فروش"
CASH = "دارایی ها : دارایی های جاری : موجودی نقد و بانک : صندوق"
BANK = "دارایی ها : دارایی های جاری : موجودی نقد و بانک : بانک"
PETTY_CASH = "دارایی ها : دارایی های جاری : موجودی نقد و بانک : تنخواه گردان"
IN_TRANSIT = "دارایی ها : دارایی های جاری : موجودی نقد و بانک : وجوه در راه"
INVENTORY = "دارایی ها : دارایی های جاری : موجودی کالا : موجودی کالا"
SALES = "فروش : فروش : فروش کالا : فروش کالا"
BANK_FEES = "هزینه ها : هزینه ها : هزینه های مالی : کارمزد خدمات بانکی"
CASH_LEDGER = "دارایی ها : دارایی های جاری : موجودی نقد و بانک"

SEED_DOCUMENT: dict[str, Any] = {
    "number": 415,
    "reference": 441,
    "date": "2022-11-26T00:00:00",
    "description": "پیش دریافت وجه از آقای محمدی",
    "project": "",
    "debit": 1000.0,
    "credit": 1000.0,
    "status": 1,
    "transactions": [
        {
            "accountPath": ADVANCE,
            "description": "پیش دریافت وجه از آقای محمدی",
            "info": "",
            "amount": 1000.0,
            "currencyAmount": 1000.0,
            "currency": "IRR",
            "type": 1,
            "contactCode": "000001",
            "productCode": "",
            "bankCode": "",
            "cashCode": "",
            "pettyCashCode": "",
        },
        {
            "accountPath": CASH,
            "description": "پیش دریافت وجه از آقای محمدی",
            "info": "",
            "amount": 1000.0,
            "currencyAmount": 1000.0,
            "currency": "IRR",
            "type": 0,
            "contactCode": "",
            "productCode": "",
            "bankCode": "",
            "cashCode": "0001",
            "pettyCashCode": "",
        },
    ],
}


def seed_document(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(SEED_DOCUMENT)
    document.update(changes)
    return document


def make_masters(api: Api) -> dict[str, str]:
    """Contact 000001, cash 0001, bank 0001, petty cash 0001, item 000001 through the API."""
    contact = api.ok("contact/save", contact={"Name": "آقای محمدی"})
    cash = api.ok("setting/SaveCash", cash={"Name": "صندوق اصلی"})
    bank = api.ok("setting/SaveBank", bank={"Name": "بانک ملت"})
    petty = api.ok("setting/SavePettyCash", pettyCash={"Name": "تنخواه"})
    item = api.ok("item/save", item={"Name": "کالای یک"})
    return {
        "contact": contact["Code"],
        "cash": cash["Code"],
        "bank": bank["Code"],
        "petty": petty["Code"],
        "item": item["Code"],
    }


def fiscal_date(api: Api, day: int = 1) -> str:
    """A date inside the business's open fiscal year (its start + ``day`` - 1)."""
    year = api.ok("setting/GetFiscalYear")
    start = date.fromisoformat(year["StartDate"][:10])
    return (start + timedelta(days=day - 1)).isoformat()


def simple(
    api: Api,
    *,
    amount: float | str = 500,
    status: int = 1,
    day: int = 1,
    **changes: Any,
) -> dict[str, Any]:
    """A balanced cash ↔ advance document inside the fiscal year."""
    document = seed_document(
        number=0, date=fiscal_date(api, day), status=status, debit=None, credit=None
    )
    for line in document["transactions"]:
        line["amount"] = amount
        line["currencyAmount"] = amount
    document.update(changes)
    return document


def books(api: Api) -> tuple[Any, Any]:
    """Everything a rejected write must leave unchanged."""
    documents = api.ok("document/getdocuments", queryInfo={"take": 1000})
    full = [api.ok("document/get", number=row["Number"]) for row in documents["List"]]
    return full, api.ok("report/trialbalance")


# The fiscal year 1401 (2022-03-21 .. 2023-03-20) holds the seed's date 2022-11-26.
YEAR_START = "2022-03-21"


def _business(database: Database, name: str, email: str) -> BusinessCredentials:
    return make_business(database, name, email, fiscal_year_start=date.fromisoformat(YEAR_START))


@pytest.fixture
def ledger_api(app_client: TestClient, database: Database) -> Api:
    """A business whose open fiscal year is 1401 (it holds the seed document's date)."""
    return Api(app_client, _business(database, "Ledger shop", "ledger@example.com"))


@pytest.fixture
def ledger_other_api(app_client: TestClient, database: Database) -> Api:
    return Api(app_client, _business(database, "Other ledger shop", "other-ledger@example.com"))
