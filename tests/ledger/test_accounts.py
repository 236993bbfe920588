"""The standard chart of accounts, setting/GetAccounts and setting/SaveAccount."""

from __future__ import annotations

from typing import Any

import pytest

from hesabdar.db import Database
from hesabdar.ledger import service
from hesabdar.ledger.core import AccountType, DetailType
from tests.conftest import Api
from tests.ledger.helpers import ADVANCE, CASH, CASH_LEDGER, books, make_masters, simple

REQUIRED = {
    CASH: (DetailType.CASH, AccountType.CASH),
    "دارایی ها : دارایی های جاری : موجودی نقد و بانک : بانک": (DetailType.BANK, AccountType.BANK),
    "دارایی ها : دارایی های جاری : موجودی نقد و بانک : تنخواه گردان": (
        DetailType.PETTY_CASH,
        AccountType.PETTY_CASH,
    ),
    "دارایی ها : دارایی های جاری : موجودی نقد و بانک : وجوه در راه": (
        DetailType.NONE,
        AccountType.GENERAL,
    ),
    ADVANCE: (DetailType.CONTACT, AccountType.GENERAL),
}

ROLES = [
    AccountType.CASH,
    AccountType.BANK,
    AccountType.PETTY_CASH,
    AccountType.FUNDS_IN_TRANSIT,
    AccountType.ACCOUNTS_RECEIVABLE,
    AccountType.NOTES_RECEIVABLE,
    AccountType.ACCOUNTS_PAYABLE,
    AccountType.NOTES_PAYABLE,
    AccountType.INVENTORY,
    AccountType.PURCHASE_PREPAYMENTS,
    AccountType.SALES_ADVANCES,
    AccountType.SALES_VAT,
    AccountType.PURCHASE_VAT,
    AccountType.INCOME_TAX,
    AccountType.SALES,
    AccountType.SALES_RETURNS,
    AccountType.SALES_DISCOUNTS,
    AccountType.SERVICE_REVENUE,
    AccountType.PURCHASE,
    AccountType.PURCHASE_RETURNS,
    AccountType.FREIGHT_REVENUE,
    AccountType.FREIGHT_EXPENSE,
    AccountType.BANK_FEES,
    AccountType.COST_OF_GOODS_SOLD,
    AccountType.OPENING_CAPITAL,
    AccountType.LEGAL_RESERVE,
    AccountType.WITHDRAWALS,
    AccountType.RETAINED_EARNINGS,
    AccountType.INCOME_SUMMARY,
    AccountType.PROFIT_AND_LOSS,
    AccountType.EXCHANGE_GAIN,
    AccountType.EXCHANGE_LOSS,
    AccountType.OTHER_INCOME,
    AccountType.OTHER_EXPENSE,
    AccountType.OPENING_BALANCE,
    AccountType.CLOSING_BALANCE,
]

DETAILS = {
    AccountType.ACCOUNTS_RECEIVABLE: DetailType.CONTACT,
    AccountType.NOTES_RECEIVABLE: DetailType.CONTACT,
    AccountType.ACCOUNTS_PAYABLE: DetailType.CONTACT,
    AccountType.NOTES_PAYABLE: DetailType.CONTACT,
    AccountType.INVENTORY: DetailType.PRODUCT,
    AccountType.SALES_ADVANCES: DetailType.CONTACT,
}


def by_path(api: Api) -> dict[str, dict[str, Any]]:
    return {row["FullPath"]: row for row in api.ok("setting/GetAccounts")}


def test_standard_chart(ledger_api: Api) -> None:
    chart = by_path(ledger_api)
    for path, (detail, role) in REQUIRED.items():
        assert chart[path]["DetailType"] == detail
        assert chart[path]["AccountType"] == role.hesabfa_value
        assert chart[path]["IsLeaf"] is True
        assert chart[path]["Level"] == 3
    assert chart[CASH] == {
        "Name": "صندوق",
        "FullPath": CASH,
        "DetailType": 3,
        "Code": "1101",
        "MainAccountType": 1,
        "BalanceType": 0,
        "AccountType": 1,
        "Level": 3,
        "IsLeaf": True,
    }
    assert chart[CASH_LEDGER]["Level"] == 2
    assert chart[CASH_LEDGER]["IsLeaf"] is False
    assert chart["دارایی ها : دارایی های جاری"]["Level"] == 1
    assert chart[ADVANCE]["MainAccountType"] == 2
    assert chart[ADVANCE]["BalanceType"] == 1
    # Every path has four parts at the subsidiary level and codes are unique.
    codes = [row["Code"] for row in chart.values()]
    assert len(codes) == len(set(codes))
    for row in chart.values():
        assert len(row["FullPath"].split(" : ")) == row["Level"] + 1


def test_every_role_has_an_account(ledger_api: Api, database: Database) -> None:
    with database.transaction() as session:
        for role in ROLES:
            account = service.account_by_role(session, ledger_api.credentials.business_id, role)
            assert account.is_leaf
            assert account.detail_type == DETAILS.get(role, account.detail_type)
        receivable = service.account_by_role(
            session, ledger_api.credentials.business_id, AccountType.ACCOUNTS_RECEIVABLE
        )
        assert receivable.detail_type == DetailType.CONTACT


def test_businesses_have_their_own_chart(ledger_api: Api, ledger_other_api: Api) -> None:
    ledger_api.ok("setting/SaveAccount", account={"ParentPath": CASH_LEDGER, "Name": "صندوق فرعی"})
    assert f"{CASH_LEDGER} : صندوق فرعی" in by_path(ledger_api)
    assert f"{CASH_LEDGER} : صندوق فرعی" not in by_path(ledger_other_api)


def test_add_an_account_and_post_to_it(ledger_api: Api) -> None:
    make_masters(ledger_api)
    added = ledger_api.ok(
        "setting/SaveAccount",
        account={
            "parentPath": "دارایی ها:دارایی های جاری:موجودی نقد و بانک",
            "name": " ارز ",
            "detailType": "3",
        },
    )
    assert added == {
        "Name": "ارز",
        "FullPath": f"{CASH_LEDGER} : ارز",
        "DetailType": 3,
        "Code": "1105",
        "MainAccountType": 1,
        "BalanceType": 0,
        "AccountType": 0,
        "Level": 3,
        "IsLeaf": True,
    }
    document = simple(ledger_api)
    document["transactions"][1]["accountPath"] = f"{CASH_LEDGER} : ارز"
    saved = ledger_api.ok("document/save", document=document)
    assert saved["Transactions"][1]["AccountPath"] == f"{CASH_LEDGER} : ارز"
    # Under a subsidiary without postings: a fourth level, the parent stops being a leaf.
    ledger_api.ok(
        "setting/SaveAccount",
        account={
            "parentPath": "دارایی ها : دارایی های جاری : پیش پرداخت ها : پیش پرداخت هزینه ها",
            "name": "بیمه",
            "code": "150201",
        },
    )
    chart = by_path(ledger_api)
    assert (
        chart["دارایی ها : دارایی های جاری : پیش پرداخت ها : پیش پرداخت هزینه ها"]["IsLeaf"]
        is False
    )
    assert (
        chart["دارایی ها : دارایی های جاری : پیش پرداخت ها : پیش پرداخت هزینه ها : بیمه"]["Level"]
        == 4
    )


def test_edit_detail_type_of_own_account(ledger_api: Api) -> None:
    ledger_api.ok("setting/SaveAccount", account={"ParentPath": CASH_LEDGER, "Name": "ارز"})
    edited = ledger_api.ok(
        "setting/SaveAccount", account={"ParentPath": CASH_LEDGER, "Name": "ارز", "DetailType": 2}
    )
    assert (edited["DetailType"], edited["Code"]) == (2, "1105")
    renamed = ledger_api.ok(
        "setting/SaveAccount",
        account={"ParentPath": CASH_LEDGER, "Name": "ارزی", "Code": "1105"},
    )
    assert renamed["FullPath"] == f"{CASH_LEDGER} : ارزی"
    assert f"{CASH_LEDGER} : ارز" not in by_path(ledger_api)


def _refused(api: Api, code: int, account: dict[str, Any]) -> str:
    before = (api.ok("setting/GetAccounts"), books(api))
    message = api.fail("setting/SaveAccount", code, account=account)
    assert (api.ok("setting/GetAccounts"), books(api)) == before
    return message


def test_changes_that_would_break_postings(ledger_api: Api) -> None:
    make_masters(ledger_api)
    ledger_api.ok(
        "setting/SaveAccount", account={"ParentPath": CASH_LEDGER, "Name": "ارز", "DetailType": 3}
    )
    document = simple(ledger_api, status=0)
    document["transactions"][1]["accountPath"] = f"{CASH_LEDGER} : ارز"
    ledger_api.ok("document/save", document=document)
    assert _refused(
        ledger_api, 190, {"ParentPath": CASH_LEDGER, "Name": "ارز", "DetailType": 0}
    ) == (
        f"account.detailType: '{CASH_LEDGER} : ارز' has postings; changing its detail type "
        "would break them."
    )
    assert _refused(ledger_api, 190, {"ParentPath": f"{CASH_LEDGER} : ارز", "Name": "زیر"}) == (
        f"account.parentPath: '{CASH_LEDGER} : ارز' has postings; an account with postings "
        "cannot get sub-accounts."
    )
    ledger_api.ok("document/save", document=simple(ledger_api))
    assert _refused(ledger_api, 190, {"ParentPath": CASH, "Name": "زیر"}) == (
        f"account.parentPath: '{CASH}' has postings; an account with postings cannot get "
        "sub-accounts."
    )


@pytest.mark.parametrize(
    ("account", "code", "message"),
    [
        ({"Name": "x"}, 104, "Missing parameter: account.parentPath is required."),
        ({"ParentPath": CASH_LEDGER}, 104, "Missing parameter: account.name is required."),
        (
            {"ParentPath": "دارایی ها : نیست", "Name": "x"},
            112,
            "account.parentPath: account 'دارایی ها : نیست' does not exist.",
        ),
        (
            {"ParentPath": "دارایی ها : دارایی های جاری", "Name": "x"},
            190,
            "account.parentPath: 'دارایی ها : دارایی های جاری' is a group; add accounts under a ledger or a subsidiary account.",
        ),
        (
            {"ParentPath": CASH_LEDGER, "Name": "صندوق", "DetailType": 0},
            190,
            f"account: '{CASH}' is a system account and cannot be edited.",
        ),
        (
            {"ParentPath": CASH_LEDGER, "Name": "x", "DetailType": 9},
            114,
            "account.detailType: 9 is not a detail type (0-6).",
        ),
        (
            {"ParentPath": CASH_LEDGER, "Name": "x", "Code": "1101"},
            190,
            f"account: '{CASH}' is a system account and cannot be edited.",
        ),
        (
            {"ParentPath": CASH_LEDGER, "Name": "a:b"},
            114,
            "account.name: a name must not be empty or contain ':'.",
        ),
    ],
)
def test_save_account_rejections(
    ledger_api: Api, account: dict[str, Any], code: int, message: str
) -> None:
    got = _refused(ledger_api, code, account)
    assert got == message


def test_get_accounts_other_business(ledger_api: Api, ledger_other_api: Api) -> None:
    assert len(ledger_api.ok("setting/GetAccounts")) == len(
        ledger_other_api.ok("setting/GetAccounts")
    )
