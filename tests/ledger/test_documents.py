"""document/save, get, getdocuments, delete: every rule, through HTTP.

Every rejection asserts the error code, that the message names the row and field, and that
the books (documents and trial balance) read back unchanged.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import Api
from tests.ledger.helpers import (
    ADVANCE,
    BANK,
    BANK_FEES,
    CASH,
    CASH_LEDGER,
    IN_TRANSIT,
    INVENTORY,
    PETTY_CASH,
    SALES,
    books,
    make_masters,
    simple,
)


def line(path: str, side: int, amount: Any, **codes: Any) -> dict[str, Any]:
    return {"accountPath": path, "type": side, "amount": amount, **codes}


def rejected(api: Api, code: int, document: dict[str, Any]) -> str:
    before = books(api)
    message = api.fail("document/save", code, document=document)
    assert books(api) == before
    return message


@pytest.fixture
def masters(ledger_api: Api) -> dict[str, str]:
    return make_masters(ledger_api)


def test_new_documents_take_the_next_numbers(ledger_api: Api, masters: dict[str, str]) -> None:
    first = ledger_api.ok("document/save", document=simple(ledger_api))
    second = ledger_api.ok("document/save", document={**simple(ledger_api), "number": None})
    third = ledger_api.ok("document/save", document={**simple(ledger_api), "number": ""})
    fourth = ledger_api.ok("document/save", document={**simple(ledger_api), "number": "0"})
    assert [first["Number"], second["Number"], third["Number"], fourth["Number"]] == [1, 2, 3, 4]


def test_client_spelling_strings_and_pascal_case(ledger_api: Api, masters: dict[str, str]) -> None:
    document = {
        "Number": "0",
        "Date": "2022-04-01 10:20:30",
        "Status": "1",
        "Reference": "",
        "Description": None,
        "Project": None,
        "Debit": "250.5",
        "Credit": "",
        "Transactions": [
            {
                "AccountPath": "دارایی ها:دارایی های جاری:موجودی نقد و بانک:صندوق",
                "Type": "0",
                "Amount": "250.5",
                "CashCode": 1,
                "ContactCode": None,
                "BankCode": "",
            },
            {"ACCOUNTPATH": ADVANCE, "TYPE": "1", "AMOUNT": "250.50", "CONTACTCODE": "1"},
        ],
    }
    saved = ledger_api.ok("document/save", document=document)
    assert saved["Date"] == "2022-04-01T00:00:00"
    assert (saved["Debit"], saved["Credit"], saved["Status"], saved["Reference"]) == (
        Decimal("250.5000"),
        Decimal("250.5000"),
        1,
        "",
    )
    assert saved["Description"] == ""
    assert [
        (t["AccountPath"], t["Type"], t["Amount"], t["CashCode"], t["ContactCode"])
        for t in saved["Transactions"]
    ] == [
        (CASH, 0, Decimal("250.5000"), "0001", ""),
        (ADVANCE, 1, Decimal("250.5000"), "", "000001"),
    ]
    assert [(t["Currency"], t["CurrencyAmount"]) for t in saved["Transactions"]] == [
        ("IRR", Decimal("250.5000")),
        ("IRR", Decimal("250.5000")),
    ]


def test_text_reference_is_kept(ledger_api: Api, masters: dict[str, str]) -> None:
    saved = ledger_api.ok("document/save", document=simple(ledger_api, reference="INV-0042"))
    assert saved["Reference"] == "INV-0042"


def test_edit_replaces_lines_and_keeps_number(ledger_api: Api, masters: dict[str, str]) -> None:
    created = ledger_api.ok("document/save", document=simple(ledger_api, amount=100))
    edited = ledger_api.ok(
        "document/save",
        document=simple(
            ledger_api,
            number=created["Number"],
            description="ویرایش شده",
            transactions=[
                line(BANK, 0, 70, bankCode=masters["bank"]),
                line(BANK_FEES, 0, 30),
                line(SALES, 1, 100),
            ],
        ),
    )
    assert (edited["Id"], edited["Number"], edited["Description"]) == (
        created["Id"],
        created["Number"],
        "ویرایش شده",
    )
    assert [
        (t["AccountPath"], t["Type"], t["Amount"], t["BankCode"]) for t in edited["Transactions"]
    ] == [(BANK, 0, 70, "0001"), (BANK_FEES, 0, 30, ""), (SALES, 1, 100, "")]
    assert ledger_api.ok("document/get", number=created["Number"]) == edited
    assert ledger_api.ok("document/getdocuments")["TotalCount"] == 1
    balance = {row["Account"]["Path"]: row for row in ledger_api.ok("report/trialbalance")}
    assert sorted(balance) == sorted([BANK, BANK_FEES, SALES])


def test_number_not_used_yet_creates_the_document_with_it(
    ledger_api: Api, masters: dict[str, str]
) -> None:
    ledger_api.ok("document/save", document=simple(ledger_api))
    chosen = ledger_api.ok("document/save", document=simple(ledger_api, number=7))
    assert chosen["Number"] == 7
    automatic = [
        ledger_api.ok("document/save", document=simple(ledger_api))["Number"] for _ in range(7)
    ]
    assert automatic == [2, 3, 4, 5, 6, 8, 9]
    message = rejected(ledger_api, 114, simple(ledger_api, number=-3))
    assert message == "document.number: -3 is not a document number."


def test_status_out_of_range(ledger_api: Api, masters: dict[str, str]) -> None:
    message = rejected(ledger_api, 114, simple(ledger_api, status=2))
    assert message == "document.status: 2 is not 0 (draft) or 1 (approved)."


@pytest.mark.parametrize("count", [0, 1])
def test_fewer_than_two_transactions(ledger_api: Api, masters: dict[str, str], count: int) -> None:
    document = simple(ledger_api)
    document["transactions"] = document["transactions"][:count]
    message = rejected(ledger_api, 190, document)
    assert message == (
        f"document.transactions: a document needs at least two transactions (got {count})."
    )


def test_missing_transactions_and_document(ledger_api: Api, masters: dict[str, str]) -> None:
    document = simple(ledger_api)
    del document["transactions"]
    assert "document.transactions" in rejected(ledger_api, 190, document)
    before = books(ledger_api)
    assert ledger_api.fail("document/save", 104) == "Missing parameter: document is required."
    for path in ("document/get", "document/delete"):
        assert ledger_api.fail(path, 104) == "Missing parameter: number is required."
        assert ledger_api.fail(path, 104, number="") == "Missing parameter: number is required."
    assert ledger_api.fail("setting/SaveAccount", 104) == "Missing parameter: account is required."
    assert books(ledger_api) == before


def test_approved_must_balance_exactly(ledger_api: Api, masters: dict[str, str]) -> None:
    document = simple(ledger_api)
    document["transactions"][0]["amount"] = "1000.0001"
    document["transactions"][0]["currencyAmount"] = None
    message = rejected(ledger_api, 190, document)
    assert message == (
        "document.transactions: an approved document must balance; debits 500 != credits 1000.0001."
    )


def test_draft_may_be_unbalanced_and_never_reaches_reports(
    ledger_api: Api, masters: dict[str, str]
) -> None:
    document = simple(ledger_api, status=0, amount=10)
    document["transactions"][0]["amount"] = 11
    document["transactions"][0]["currencyAmount"] = 11
    draft = ledger_api.ok("document/save", document=document)
    assert (draft["Status"], draft["Debit"], draft["Credit"]) == (0, 10, 11)
    assert ledger_api.ok("report/trialbalance") == []
    # Approving it applies the approved rules.
    before = books(ledger_api)
    message = ledger_api.fail(
        "document/save", 190, document={**document, "number": draft["Number"], "status": 1}
    )
    assert message.startswith("document.transactions: an approved document must balance")
    assert books(ledger_api) == before
    balanced = simple(ledger_api, status=1, amount=10, number=draft["Number"])
    approved = ledger_api.ok("document/save", document=balanced)
    assert approved["Status"] == 1
    report = ledger_api.ok("report/trialbalance")
    assert sorted(
        (row["Account"]["Path"], row["Debit"], row["Credit"]) for row in report
    ) == sorted([(CASH, 10, 0), (ADVANCE, 0, 10)])


def test_status_defaults_to_draft(ledger_api: Api, masters: dict[str, str]) -> None:
    document = simple(ledger_api)
    del document["status"]
    assert ledger_api.ok("document/save", document=document)["Status"] == 0


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        (
            {"accountPath": None},
            104,
            "Missing parameter: document.transactions[1].accountPath is required.",
        ),
        (
            {"accountPath": ""},
            104,
            "Missing parameter: document.transactions[1].accountPath is required.",
        ),
        (
            {"accountPath": "دارایی ها : نیست"},
            112,
            "document.transactions[1].accountPath: account 'دارایی ها : نیست' does not exist.",
        ),
        (
            {"accountPath": CASH_LEDGER, "cashCode": ""},
            190,
            f"document.transactions[1].accountPath: '{CASH_LEDGER}' has sub-accounts; post to one of its leaf accounts.",
        ),
        ({"type": None}, 104, "Missing parameter: document.transactions[1].type is required."),
        ({"type": 2}, 114, "document.transactions[1].type: 2 is not 0 (debit) or 1 (credit)."),
        ({"type": "debit"}, 114, "Invalid value for document.transactions[1].type"),
        ({"amount": None}, 104, "Missing parameter: document.transactions[1].amount is required."),
        ({"amount": 0}, 114, "document.transactions[1].amount: must be greater than 0 (got 0)."),
        ({"amount": -5}, 114, "document.transactions[1].amount: must be greater than 0 (got -5)."),
        (
            {"amount": "1.00001"},
            114,
            "document.transactions[1].amount: at most 4 decimal places are allowed (got 1.00001).",
        ),
        ({"amount": "abc"}, 114, "Invalid value for document.transactions[1].amount"),
        ({"cashCode": ""}, 104, "document.transactions[1].cashCode: required, the detail of"),
        ({"cashCode": None}, 104, "document.transactions[1].cashCode: required, the detail of"),
        (
            {"cashCode": "0099"},
            112,
            "document.transactions[1].cashCode: cash box '0099' does not exist.",
        ),
        (
            {"bankCode": "0001"},
            190,
            "document.transactions[1].bankCode: must be empty; the account's detail is a cash box "
            f"('{CASH}').",
        ),
        ({"contactCode": "000001"}, 190, "document.transactions[1].contactCode: must be empty"),
        ({"productCode": "000001"}, 190, "document.transactions[1].productCode: must be empty"),
        ({"pettyCashCode": "0001"}, 190, "document.transactions[1].pettyCashCode: must be empty"),
        (
            {"currency": "USD", "currencyAmount": None},
            104,
            "document.transactions[1].currencyAmount: the amount in USD is required",
        ),
        (
            {"currencyAmount": -1},
            114,
            "document.transactions[1].currencyAmount: must be greater than 0",
        ),
    ],
)
def test_transaction_rules(
    ledger_api: Api, masters: dict[str, str], change: dict[str, Any], code: int, message: str
) -> None:
    ledger_api.ok("document/save", document=simple(ledger_api))
    document = simple(ledger_api)
    document["transactions"][1].update(change)
    got = rejected(ledger_api, code, document)
    assert got.startswith(message), got


def test_account_without_detail_takes_no_code(ledger_api: Api, masters: dict[str, str]) -> None:
    document = simple(
        ledger_api,
        transactions=[line(IN_TRANSIT, 0, 5, contactCode="000001"), line(SALES, 1, 5)],
    )
    assert rejected(ledger_api, 190, document) == (
        "document.transactions[0].contactCode: must be empty; the account takes no detail "
        f"('{IN_TRANSIT}')."
    )


def test_contact_detail_required(ledger_api: Api, masters: dict[str, str]) -> None:
    document = simple(ledger_api)
    document["transactions"][0]["contactCode"] = ""
    assert rejected(ledger_api, 104, document) == (
        f"document.transactions[0].contactCode: required, the detail of '{ADVANCE}' is a contact."
    )
    document["transactions"][0]["contactCode"] = "000077"
    assert rejected(ledger_api, 112, document) == (
        "document.transactions[0].contactCode: contact '000077' does not exist."
    )


def test_every_detail_kind(ledger_api: Api, masters: dict[str, str]) -> None:
    saved = ledger_api.ok(
        "document/save",
        document=simple(
            ledger_api,
            transactions=[
                line(BANK, 0, 10, bankCode=1),
                line(PETTY_CASH, 0, 20, pettyCashCode="1"),
                line(INVENTORY, 0, 30, productCode="000001"),
                line(CASH, 0, 40, cashCode="0001"),
                line(ADVANCE, 1, 100, contactCode=1),
            ],
        ),
    )
    codes = [
        {k: t[k] for k in ("ContactCode", "ProductCode", "BankCode", "CashCode", "PettyCashCode")}
        for t in saved["Transactions"]
    ]
    empty = dict.fromkeys(
        ("ContactCode", "ProductCode", "BankCode", "CashCode", "PettyCashCode"), ""
    )
    assert codes == [
        {**empty, "BankCode": "0001"},
        {**empty, "PettyCashCode": "0001"},
        {**empty, "ProductCode": "000001"},
        {**empty, "CashCode": "0001"},
        {**empty, "ContactCode": "000001"},
    ]


def test_foreign_currency(ledger_api: Api, masters: dict[str, str]) -> None:
    document = simple(ledger_api, amount=1_200_000)
    for transaction in document["transactions"]:
        transaction["currency"] = "usd"
        transaction["currencyAmount"] = "2.5"
    saved = ledger_api.ok("document/save", document=document)
    assert [(t["Currency"], t["CurrencyAmount"], t["Amount"]) for t in saved["Transactions"]] == [
        ("USD", Decimal("2.5000"), 1_200_000),
        ("USD", Decimal("2.5000"), 1_200_000),
    ]
    # Balance is checked on the base amount, not on the foreign one.
    document["transactions"][0]["currencyAmount"] = 3
    assert ledger_api.ok("document/save", document=document)["Debit"] == 1_200_000


def test_header_totals_must_agree(ledger_api: Api, masters: dict[str, str]) -> None:
    assert rejected(ledger_api, 190, simple(ledger_api, amount=10, debit=11)) == (
        "document.debit: 11 differs from the sum of debit transactions (10)."
    )
    assert rejected(ledger_api, 190, simple(ledger_api, amount=10, credit="9.5")) == (
        "document.credit: 9.5 differs from the sum of credit transactions (10)."
    )
    saved = ledger_api.ok(
        "document/save", document=simple(ledger_api, amount=10, debit=10, credit=0)
    )
    assert (saved["Debit"], saved["Credit"]) == (10, 10)


def test_date_rules(ledger_api: Api, masters: dict[str, str]) -> None:
    assert rejected(ledger_api, 109, simple(ledger_api, date="2023-03-21")) == (
        "document.date: 2023-03-21 is in no fiscal year."
    )
    assert rejected(ledger_api, 109, simple(ledger_api, date="2022-03-20")) == (
        "document.date: 2022-03-20 is in no fiscal year."
    )
    assert rejected(ledger_api, 104, simple(ledger_api, date="")) == (
        "Missing parameter: document.date is required."
    )
    assert rejected(ledger_api, 114, simple(ledger_api, date="yesterday")).startswith(
        "Invalid value for document.date"
    )
    jalali = ledger_api.ok("document/save", document=simple(ledger_api, date="1401/09/05"))
    assert jalali["Date"] == "2022-11-26T00:00:00"


def test_project(ledger_api: Api, masters: dict[str, str]) -> None:
    assert rejected(ledger_api, 112, simple(ledger_api, project="پروژه الف")) == (
        "document.project: project 'پروژه الف' does not exist."
    )
    ledger_api.ok("setting/SaveProject", project={"Title": "پروژه الف"})
    saved = ledger_api.ok("document/save", document=simple(ledger_api, project="پروژه الف"))
    assert saved["Project"] == "پروژه الف"
    assert ledger_api.ok("document/getdocuments")["List"][0]["Project"] == "پروژه الف"


def test_get_and_delete(ledger_api: Api, masters: dict[str, str]) -> None:
    saved = ledger_api.ok("document/save", document=simple(ledger_api))
    assert ledger_api.fail("document/get", 112, number=9) == "number: document 9 does not exist."
    assert ledger_api.fail("document/get", 104) == "Missing parameter: number is required."
    before = books(ledger_api)
    assert ledger_api.fail("document/delete", 112, number=9) == "number: document 9 does not exist."
    assert (
        ledger_api.fail("document/delete", 104, number="")
        == "Missing parameter: number is required."
    )
    assert books(ledger_api) == before
    assert ledger_api.ok("document/delete", number=str(saved["Number"])) is True
    assert ledger_api.fail("document/get", 112, number=saved["Number"]) == (
        f"number: document {saved['Number']} does not exist."
    )
    assert ledger_api.ok("report/trialbalance") == []
    # Numbers are not reused.
    assert ledger_api.ok("document/save", document=simple(ledger_api))["Number"] == 2


def test_getdocuments_filters_and_sorts(ledger_api: Api, masters: dict[str, str]) -> None:
    for day, status, reference in [(5, 1, "A"), (2, 0, "B"), (9, 1, "C")]:
        ledger_api.ok(
            "document/save",
            document=simple(ledger_api, day=day, status=status, reference=reference),
        )

    def numbers(**query: Any) -> list[int]:
        page = ledger_api.ok("document/getdocuments", queryInfo=query)
        assert all(row["Transactions"] == [] for row in page["List"])
        return [row["Number"] for row in page["List"]]

    assert numbers() == [1, 2, 3]
    assert numbers(sortBy="Date") == [2, 1, 3]
    assert numbers(SortBy="Date", SortDesc="true") == [3, 1, 2]
    assert numbers(sortBy="Number", sortDesc=True) == [3, 2, 1]
    assert numbers(sortBy="Id", sortDesc=True) == [3, 2, 1]
    assert numbers(filters=[{"property": "Status", "operator": "=", "value": "1"}]) == [1, 3]
    assert numbers(filters={"Property": "Reference", "Operator": "=", "Value": "B"}) == [2]
    assert numbers(filters=[{"property": "Number", "operator": "in", "value": [1, 3]}]) == [1, 3]
    assert numbers(filters=[{"property": "Date", "operator": ">=", "value": "2022-03-25"}]) == [
        1,
        3,
    ]
    assert numbers(take=1, skip=1, sortBy="Number") == [2]
    page = ledger_api.ok(
        "document/getdocuments",
        queryInfo={"filters": [{"property": "Status", "operator": "=", "value": 0}]},
    )
    assert (page["TotalCount"], page["FilteredCount"], page["From"], page["To"]) == (3, 1, 1, 1)
    message = ledger_api.fail("document/getdocuments", 114, queryInfo={"sortBy": "Amount"})
    assert message.startswith("queryInfo.SortBy: unknown property 'Amount'")


def test_other_business_sees_nothing(
    ledger_api: Api, ledger_other_api: Api, masters: dict[str, str]
) -> None:
    saved = ledger_api.ok("document/save", document=simple(ledger_api))
    assert ledger_other_api.fail("document/get", 112, number=saved["Number"]) == (
        "number: document 1 does not exist."
    )
    assert ledger_other_api.fail("document/delete", 112, number=saved["Number"]).endswith(
        "does not exist."
    )
    # Saving with A's number is B creating its own document 1; B has no contact 000001.
    assert (
        ledger_other_api.fail(
            "document/save", 112, document=simple(ledger_other_api, number=saved["Number"])
        )
        == "document.transactions[0].contactCode: contact '000001' does not exist."
    )
    assert ledger_other_api.ok("document/getdocuments")["TotalCount"] == 0
    assert ledger_other_api.ok("report/trialbalance") == []
    # The other business has no contact 000001 nor cash 0001 of its own.
    message = ledger_other_api.fail("document/save", 112, document=simple(ledger_other_api))
    assert message == "document.transactions[0].contactCode: contact '000001' does not exist."
    assert ledger_api.ok("document/get", number=1) == saved


def test_line_currency_is_an_iso_code_or_the_toman(
    ledger_api: Api, masters: dict[str, str]
) -> None:
    document = simple(ledger_api)
    document["transactions"][1].update({"currency": "zzz", "currencyAmount": 5})
    assert rejected(ledger_api, 114, document) == (
        "document.transactions[1].currency: 'ZZZ' is not an ISO 4217 currency code "
        "(or IRT, the toman)."
    )
    document["transactions"][1].update({"currency": "irt", "currencyAmount": 50})
    saved = ledger_api.ok("document/save", document=document)
    assert saved["Transactions"][1]["Currency"] == "IRT"
