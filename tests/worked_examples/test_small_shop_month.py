"""A textbook month of a small shop, entered as manual documents, and its trial balance.

The shop (periodic inventory: goods bought go to Purchases) has one owner, one supplier, two
customers, two cash boxes and one bank account. Every transaction is a journal entry from an
introductory accounting course; the expected trial balance below was worked out by hand, not by
the code under test.

| # | day | transaction | debit | credit | amount |
|---|-----|-------------|-------|--------|-------:|
| 1 | 1 | owner Ali invests cash | cash box 1 | opening capital (Ali) | 500,000,000 |
| 2 | 2 | open a bank account with a deposit | bank | cash box 1 | 300,000,000 |
| 3 | 3 | buy goods on credit from the supplier | purchases | payables (supplier) | 200,000,000 |
| 4 | 4 | pay the month's rent from the bank | rent expense | bank | 40,000,000 |
| 5 | 6 | cash sales | cash box 1 | sales | 120,000,000 |
| 6 | 8 | sale on credit to Hasan | receivables (Hasan) | sales | 150,000,000 |
| 7 | 10 | sale on credit to Sara | receivables (Sara) | sales | 60,000,000 |
| 8 | 12 | pay the supplier part of the debt from the bank | payables (supplier) | bank | 120,000,000 |
| 9 | 15 | Hasan pays into the bank | bank | receivables (Hasan) | 90,000,000 |
| 10 | 18 | Sara pays cash | cash box 1 | receivables (Sara) | 15,000,000 |
| 11 | 20 | move cash to the second till | cash box 2 | cash box 1 | 10,000,000 |
| 12 | 25 | utilities paid in cash | utilities expense | cash box 1 | 7,500,000.2500 |
| 13 | 28 | bank fee | bank fees | bank | 185,000.7500 |
| 14 | 30 | owner's withdrawal in cash | withdrawals (Ali) | cash box 1 | 25,000,000 |
| - | 30 | salaries, saved as a draft only | salaries | cash box 1 | 30,000,000 |

The draft must not reach the books.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient

from hesabdar.db import Database
from hesabdar.tenancy import service as tenancy
from tests.conftest import Api
from tests.ledger_properties.exact_api import ExactApi, normalize_path

D = Decimal
DEBIT, CREDIT = 0, 1
DEBTOR, CREDITOR = 0, 1
# The fiscal year 1404: 21 March 2025 to 20 March 2026. The month is its second (Ordibehesht).
YEAR_START = date(2025, 3, 21)
MONTH_START = date(2025, 4, 21)

# The roles the example posts to: (last path segment, detail type). Found in the chart at run
# time; only these names are assumed, not the paths above them.
ROLES = {
    "cash": ("صندوق", 3),
    "bank": ("بانک", 2),
    "receivables": ("حساب های دریافتنی", 1),
    "payables": ("حساب های پرداختنی", 1),
    "capital": ("سرمایه اولیه", 1),
    "withdrawals": ("برداشت", 1),
    "purchases": ("خرید کالا", 0),
    "sales": ("فروش کالا", 0),
    "rent": ("هزینه اجاره", 0),
    "utilities": ("هزینه آب و برق و گاز و تلفن", 0),
    "bank_fees": ("کارمزد خدمات بانکی", 0),
    "salaries": ("هزینه حقوق و دستمزد", 0),
}

# The trial balance worked out by hand: role -> (debit, credit, remaining debit, remaining credit).
EXPECTED_TRIAL_BALANCE = {
    "cash": (D("645000000.0000"), D("342500000.2500"), D("302499999.7500"), D("0.0000")),
    "bank": (D("390000000.0000"), D("160185000.7500"), D("229814999.2500"), D("0.0000")),
    "receivables": (D("210000000.0000"), D("105000000.0000"), D("105000000.0000"), D("0.0000")),
    "payables": (D("120000000.0000"), D("200000000.0000"), D("0.0000"), D("80000000.0000")),
    "capital": (D("0.0000"), D("500000000.0000"), D("0.0000"), D("500000000.0000")),
    "withdrawals": (D("25000000.0000"), D("0.0000"), D("25000000.0000"), D("0.0000")),
    "purchases": (D("200000000.0000"), D("0.0000"), D("200000000.0000"), D("0.0000")),
    "sales": (D("0.0000"), D("330000000.0000"), D("0.0000"), D("330000000.0000")),
    "rent": (D("40000000.0000"), D("0.0000"), D("40000000.0000"), D("0.0000")),
    "utilities": (D("7500000.2500"), D("0.0000"), D("7500000.2500"), D("0.0000")),
    "bank_fees": (D("185000.7500"), D("0.0000"), D("185000.7500"), D("0.0000")),
}
# Both columns of the month's turnover add up to this (worked out by hand as well).
EXPECTED_TURNOVER = D("1637685001.0000")
EXPECTED_REMAINING = D("910000000.0000")


def _leaf_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    paths = {normalize_path(row["FullPath"]) for row in rows}
    return [
        row
        for row in rows
        if not any(other.startswith(normalize_path(row["FullPath"]) + " : ") for other in paths)
    ]


def _find_accounts(rows: list[dict[str, Any]]) -> dict[str, str]:
    leaves = _leaf_rows(rows)
    found: dict[str, str] = {}
    for role, (name, detail_type) in ROLES.items():
        matches = [
            normalize_path(row["FullPath"])
            for row in leaves
            if normalize_path(row["FullPath"]).split(" : ")[-1] == name
            and row["DetailType"] == detail_type
        ]
        assert len(matches) == 1, (role, matches)
        found[role] = matches[0]
    return found


class Shop:
    """The shop's business, its accounts, and the codes of its contacts and cash boxes."""

    def __init__(self, client: TestClient, database: Database) -> None:
        with database.transaction() as session:
            credentials = tenancy.create_business(
                session,
                name="Ali's shop",
                email="ali@example.com",
                password="secret-pass",
                fiscal_year_start=YEAR_START,
            )
        self.api = ExactApi(Api(client, credentials))
        self.accounts = _find_accounts(self.api.ok("setting/GetAccounts"))
        self.ali = self.contact("Ali Rezaei")
        self.supplier = self.contact("Pars Wholesale")
        self.hasan = self.contact("Hasan Karimi")
        self.sara = self.contact("Sara Ahmadi")
        self.till_1 = self.api.ok("setting/SaveCash", cash={"Name": "Main till"})["Code"]
        self.till_2 = self.api.ok("setting/SaveCash", cash={"Name": "Second till"})["Code"]
        self.bank = self.api.ok("setting/SaveBank", bank={"Name": "Melli, shop account"})["Code"]

    def contact(self, name: str) -> str:
        code: str = self.api.ok("contact/save", contact={"Name": name})["Code"]
        return code

    def line(self, role: str, side: int, amount: Decimal, **detail: str) -> dict[str, Any]:
        return {"accountPath": self.accounts[role], "type": side, "amount": amount, **detail}

    def entry(
        self,
        day: int,
        description: str,
        debit: dict[str, Any],
        credit: dict[str, Any],
        amount: str,
        status: int = 1,
    ) -> int:
        value = Decimal(amount)
        document = {
            "date": (MONTH_START + timedelta(days=day - 1)).isoformat(),
            "description": description,
            "status": status,
            "transactions": [
                self.line(side=DEBIT, amount=value, **debit),
                self.line(side=CREDIT, amount=value, **credit),
            ],
        }
        number: int = self.api.ok("document/save", document=document)["Number"]
        return number

    def enter_the_month(self) -> None:
        cash_1 = {"role": "cash", "cashCode": self.till_1}
        cash_2 = {"role": "cash", "cashCode": self.till_2}
        bank = {"role": "bank", "bankCode": self.bank}
        self.entry(
            1,
            "Owner invests cash",
            cash_1,
            {"role": "capital", "contactCode": self.ali},
            "500000000",
        )
        self.entry(2, "Bank account opened with a deposit", bank, cash_1, "300000000")
        self.entry(
            3,
            "Goods bought on credit",
            {"role": "purchases"},
            {"role": "payables", "contactCode": self.supplier},
            "200000000",
        )
        self.entry(4, "Rent for the month", {"role": "rent"}, bank, "40000000")
        self.entry(6, "Cash sales", cash_1, {"role": "sales"}, "120000000")
        self.entry(
            8,
            "Sale on credit to Hasan",
            {"role": "receivables", "contactCode": self.hasan},
            {"role": "sales"},
            "150000000",
        )
        self.entry(
            10,
            "Sale on credit to Sara",
            {"role": "receivables", "contactCode": self.sara},
            {"role": "sales"},
            "60000000",
        )
        self.entry(
            12,
            "Part of the supplier's bill paid",
            {"role": "payables", "contactCode": self.supplier},
            bank,
            "120000000",
        )
        self.entry(
            15,
            "Hasan pays into the bank",
            bank,
            {"role": "receivables", "contactCode": self.hasan},
            "90000000",
        )
        self.entry(
            18,
            "Sara pays cash",
            cash_1,
            {"role": "receivables", "contactCode": self.sara},
            "15000000",
        )
        self.entry(20, "Cash moved to the second till", cash_2, cash_1, "10000000")
        self.entry(25, "Utilities", {"role": "utilities"}, cash_1, "7500000.25")
        self.entry(28, "Bank fee", {"role": "bank_fees"}, bank, "185000.75")
        self.entry(
            30,
            "Owner's withdrawal",
            {"role": "withdrawals", "contactCode": self.ali},
            cash_1,
            "25000000",
        )
        self.entry(
            30, "Salaries (not yet paid)", {"role": "salaries"}, cash_1, "30000000", status=0
        )


def test_trial_balance_of_a_small_shop_month(app_client: TestClient, database: Database) -> None:
    shop = Shop(app_client, database)
    shop.enter_the_month()

    rows = shop.api.ok("report/trialbalance")
    by_path = {normalize_path(row["Account"]["Path"]): row for row in rows}
    for role, (debit, credit, remaining_debit, remaining_credit) in EXPECTED_TRIAL_BALANCE.items():
        row = by_path[shop.accounts[role]]
        assert (row["Debit"], row["Credit"]) == (debit, credit), role
        assert (row["RemainingDebit"], row["RemainingCredit"]) == (
            remaining_debit,
            remaining_credit,
        ), role
        assert (row["OpeningDebit"], row["OpeningCredit"]) == (0, 0), role
        assert row["Balance"] == remaining_debit + remaining_credit, role
        assert row["BalanceType"] == (DEBTOR if remaining_debit else CREDITOR), role

    # No other account moved (the draft's salaries included), and the books balance.
    posted = {shop.accounts[role] for role in EXPECTED_TRIAL_BALANCE}
    leaves = {
        normalize_path(row["FullPath"]) for row in _leaf_rows(shop.api.ok("setting/GetAccounts"))
    }
    for path, row in by_path.items():
        if path in leaves and path not in posted:
            assert (row["Debit"], row["Credit"]) == (0, 0), path
    leaf_rows = [row for path, row in by_path.items() if path in leaves]
    assert sum(row["Debit"] for row in leaf_rows) == EXPECTED_TURNOVER
    assert sum(row["Credit"] for row in leaf_rows) == EXPECTED_TURNOVER
    assert sum(row["RemainingDebit"] for row in leaf_rows) == EXPECTED_REMAINING
    assert sum(row["RemainingCredit"] for row in leaf_rows) == EXPECTED_REMAINING


def _items(api: ExactApi, path: str) -> dict[str, tuple[Decimal, Decimal, Decimal, int]]:
    rows = api.ok("report/trialbalanceitems", accountPath=path)
    return {
        row["Code"]: (row["Debit"], row["Credit"], row["Balance"], row["BalanceType"])
        for row in rows
        if row["Debit"] or row["Credit"]
    }


def test_balances_per_contact_and_per_cash_box(app_client: TestClient, database: Database) -> None:
    shop = Shop(app_client, database)
    shop.enter_the_month()

    assert _items(shop.api, shop.accounts["receivables"]) == {
        shop.hasan: (D("150000000"), D("90000000"), D("60000000"), DEBTOR),
        shop.sara: (D("60000000"), D("15000000"), D("45000000"), DEBTOR),
    }
    assert _items(shop.api, shop.accounts["payables"]) == {
        shop.supplier: (D("120000000"), D("200000000"), D("80000000"), CREDITOR),
    }
    assert _items(shop.api, shop.accounts["capital"]) == {
        shop.ali: (D("0"), D("500000000"), D("500000000"), CREDITOR),
    }
    assert _items(shop.api, shop.accounts["cash"]) == {
        shop.till_1: (D("635000000"), D("342500000.25"), D("292499999.75"), DEBTOR),
        shop.till_2: (D("10000000"), D("0"), D("10000000"), DEBTOR),
    }
    assert _items(shop.api, shop.accounts["bank"]) == {
        shop.bank: (D("390000000"), D("160185000.75"), D("229814999.25"), DEBTOR),
    }
