"""report/trialbalance and report/trialbalanceitems over approved documents."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.conftest import Api
from tests.ledger.helpers import (
    ADVANCE,
    BANK,
    BANK_FEES,
    CASH,
    CASH_LEDGER,
    SALES,
    make_masters,
    simple,
)


def save(api: Api, day: int, lines: list[dict[str, Any]], status: int = 1, **extra: Any) -> int:
    number: int = api.ok(
        "document/save", document=simple(api, day=day, status=status, transactions=lines, **extra)
    )["Number"]
    return number


def cash(amount: Any, side: int = 0, code: str = "0001") -> dict[str, Any]:
    return {"accountPath": CASH, "type": side, "amount": amount, "cashCode": code}


def sales(amount: Any, side: int = 1) -> dict[str, Any]:
    return {"accountPath": SALES, "type": side, "amount": amount}


def rows(api: Api, **params: Any) -> dict[str, dict[str, Any]]:
    report = api.ok("report/trialbalance", **params)
    total_debit = sum(row["Debit"] + row["OpeningDebit"] for row in report)
    total_credit = sum(row["Credit"] + row["OpeningCredit"] for row in report)
    assert total_debit == total_credit
    remaining_debit = sum(row["RemainingDebit"] for row in report)
    remaining_credit = sum(row["RemainingCredit"] for row in report)
    assert remaining_debit == remaining_credit
    return {row["Account"]["Path"]: row for row in report}


def test_trial_balance_rows(ledger_api: Api) -> None:
    make_masters(ledger_api)
    save(ledger_api, 1, [cash("1000.25"), sales("1000.25")])
    save(ledger_api, 10, [cash(300, side=1), {"accountPath": BANK_FEES, "type": 0, "amount": 300}])
    save(ledger_api, 11, [cash(999), sales(999)], status=0)  # a draft: never counted
    report = rows(ledger_api)
    assert sorted(report) == sorted([CASH, SALES, BANK_FEES])
    assert report[CASH] == {
        "Account": {
            "Name": "صندوق",
            "Path": CASH,
            "Code": "1101",
            "AccountType": 1,
            "MainAccountType": 1,
        },
        "OpeningDebit": 0,
        "OpeningCredit": 0,
        "Debit": Decimal("1000.2500"),
        "Credit": 300,
        "RemainingDebit": Decimal("700.2500"),
        "RemainingCredit": 0,
        "Balance": Decimal("700.2500"),
        "BalanceType": 0,
    }
    assert (
        report[SALES]["RemainingCredit"],
        report[SALES]["Balance"],
        report[SALES]["BalanceType"],
    ) == (
        Decimal("1000.2500"),
        Decimal("1000.2500"),
        1,
    )
    assert report[SALES]["Account"]["AccountType"] == 22
    assert report[SALES]["Account"]["MainAccountType"] == 5


def test_opening_and_period(ledger_api: Api) -> None:
    make_masters(ledger_api)
    save(ledger_api, 1, [cash(100), sales(100)])  # 2022-03-21
    save(ledger_api, 20, [cash(40), sales(40)])  # 2022-04-09
    save(ledger_api, 40, [cash(5), sales(5)])  # 2022-04-29
    report = rows(ledger_api, startDate="2022-04-01", endDate="2022-04-20")
    assert {key: report[CASH][key] for key in ("OpeningDebit", "Debit", "RemainingDebit")} == {
        "OpeningDebit": 100,
        "Debit": 40,
        "RemainingDebit": 140,
    }
    assert (report[SALES]["OpeningCredit"], report[SALES]["Credit"]) == (100, 40)
    only_opening = rows(ledger_api, startDate="2022-05-01")
    assert (only_opening[CASH]["OpeningDebit"], only_opening[CASH]["Debit"]) == (145, 0)
    assert rows(ledger_api, endDate="2022-03-20") == {}
    message = ledger_api.fail(
        "report/trialbalance", 114, startDate="2022-05-01", endDate="2022-04-01"
    )
    assert message == "endDate: 2022-04-01 is before startDate 2022-05-01."


def test_project_filter(ledger_api: Api) -> None:
    make_masters(ledger_api)
    ledger_api.ok("setting/SaveProject", project={"Title": "شعبه"})
    save(ledger_api, 1, [cash(7), sales(7)], project="شعبه")
    save(ledger_api, 2, [cash(3), sales(3)])
    assert rows(ledger_api, project="شعبه")[CASH]["Debit"] == 7
    assert rows(ledger_api)[CASH]["Debit"] == 10
    assert ledger_api.fail("report/trialbalance", 112, project="نیست") == (
        "project: project 'نیست' does not exist."
    )


def test_exact_sums_of_large_amounts(ledger_api: Api) -> None:
    make_masters(ledger_api)
    for _ in range(3):
        save(ledger_api, 1, [cash("999999999999999.9999"), sales("999999999999999.9999")])
    response = ledger_api.client.post("/v1/report/trialbalance", json={**ledger_api.auth()})
    assert b'"Debit":2999999999999999.9997' in response.content


def test_trial_balance_items(ledger_api: Api) -> None:
    make_masters(ledger_api)
    second_cash = ledger_api.ok("setting/SaveCash", cash={"Name": "صندوق دوم"})["Code"]
    second_contact = ledger_api.ok("contact/save", contact={"Name": "خانم رضایی"})["Code"]
    save(ledger_api, 1, [cash(100), sales(100)])
    save(ledger_api, 2, [cash(30, code=second_cash), sales(30)])
    save(
        ledger_api,
        3,
        [cash(10, side=1), {"accountPath": BANK, "type": 0, "amount": 10, "bankCode": "0001"}],
    )
    save(
        ledger_api,
        4,
        [
            cash(55),
            {"accountPath": ADVANCE, "type": 1, "amount": 55, "contactCode": second_contact},
        ],
    )
    save(ledger_api, 5, [cash(1), sales(1)], status=0)
    items = ledger_api.ok("report/trialbalanceitems", accountPath=CASH)
    assert items == [
        {
            "Code": "0001",
            "Name": "صندوق اصلی",
            "Debit": 155,
            "Credit": 10,
            "Balance": 145,
            "BalanceType": 0,
        },
        {
            "Code": "0002",
            "Name": "صندوق دوم",
            "Debit": 30,
            "Credit": 0,
            "Balance": 30,
            "BalanceType": 0,
        },
    ]
    ledger = ledger_api.ok("report/trialbalanceitems", accountPath=CASH_LEDGER.replace(" : ", ":"))
    assert sorted((row["Code"], row["Name"], row["Balance"]) for row in ledger) == [
        ("0001", "بانک ملت", 10),
        ("0001", "صندوق اصلی", 145),
        ("0002", "صندوق دوم", 30),
    ]
    contacts = ledger_api.ok("report/trialbalanceitems", accountPath=ADVANCE)
    assert contacts == [
        {
            "Code": second_contact,
            "Name": "خانم رضایی",
            "Debit": 0,
            "Credit": 55,
            "Balance": 55,
            "BalanceType": 1,
        }
    ]
    assert ledger_api.ok("report/trialbalanceitems", accountPath=SALES) == []
    assert (
        ledger_api.fail("report/trialbalanceitems", 104)
        == "Missing parameter: accountPath is required."
    )
    assert ledger_api.fail("report/trialbalanceitems", 112, accountPath="نیست") == (
        "accountPath: account 'نیست' does not exist."
    )


def test_other_business_report_is_empty(ledger_api: Api, ledger_other_api: Api) -> None:
    make_masters(ledger_api)
    save(ledger_api, 1, [cash(100), sales(100)])
    assert ledger_other_api.ok("report/trialbalance") == []
    assert ledger_other_api.ok("report/trialbalanceitems", accountPath=CASH) == []


def test_maintained_balances_match_the_lines(ledger_api: Api, database: Any) -> None:
    """The per-day balances the trial balance reads equal a recomputation from the lines."""
    from hesabdar.reports import service

    make_masters(ledger_api)
    first = save(ledger_api, 1, [cash(100), sales(100)])
    second = save(ledger_api, 30, [cash(40), sales(40)], status=0)
    third = save(ledger_api, 60, [cash("0.0001"), sales("0.0001")])
    save(
        ledger_api,
        90,
        [cash(7, side=1), {"accountPath": BANK, "type": 0, "amount": 7, "bankCode": "0001"}],
    )
    ledger_api.ok(
        "document/save", document=simple(ledger_api, number=second, day=30, status=1, amount=40)
    )
    ledger_api.ok("document/save", document=simple(ledger_api, number=first, day=2, amount=55))
    ledger_api.ok("document/delete", number=third)
    business_id = ledger_api.credentials.business_id
    for params in ({}, {"start": __import__("datetime").date(2022, 4, 15)}):
        with database.transaction() as session:
            maintained = service.trial_balance(session, business_id, **params)
            recomputed = service.trial_balance(session, business_id, from_lines=True, **params)
            assert [
                (r.account.id, r.opening_debit, r.opening_credit, r.debit, r.credit)
                for r in maintained
            ] == [
                (r.account.id, r.opening_debit, r.opening_credit, r.debit, r.credit)
                for r in recomputed
            ]
    report = rows(ledger_api)
    assert (report[CASH]["Debit"], report[CASH]["Credit"]) == (95, 7)
