"""Rejected receipt writes: the ErrorCode, the message naming the field and row, and nothing
changed (the trial balance, the receipts, the documents, the contact and the change log)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api
from tests.ledger.helpers import CASH_LEDGER
from tests.receipts.helpers import DAY, RENT, books, masters


def _save2(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": 1,
        "dateTime": DAY,
        "items": [
            {"contactCode": "000001", "amount": 600},
            {"contactCode": "000002", "amount": 400},
        ],
        "transactions": [
            {"amount": 700, "cashCode": "0001"},
            {"amount": 300, "bankCode": "0001", "transactionFee": 10},
        ],
    }
    body.update(changes)
    return body


def _item(row: int, **fields: Any) -> list[dict[str, Any]]:
    items = _save2()["items"]
    items[row] = {**items[row], **fields}
    return list(items)


def _line(row: int, **fields: Any) -> list[dict[str, Any]]:
    lines = _save2()["transactions"]
    lines[row] = {**lines[row], **fields}
    return list(lines)


REJECTED: list[tuple[str, int, dict[str, Any], str]] = [
    # 114: a value out of its column's range or the rules' (field and row named).
    ("type", 114, {"type": 7}, "Invalid value for type: a receipt's type is 1 to 6 (got 7)."),
    (
        "negative amount",
        114,
        {"items": _item(1, amount=-400)},
        "Invalid value for items[1].amount: must not be negative (got -400).",
    ),
    (
        "five decimals",
        114,
        {"transactions": _line(0, amount="700.00001")},
        "Invalid value for transactions[0].amount: at most 4 decimal places are allowed "
        "(got 700.00001).",
    ),
    (
        "amount past the column",
        114,
        {"transactions": _line(1, amount="1e18")},
        "Invalid value for transactions[1].amount: must be less than 10^18 in absolute value "
        "(got '1e18').",
    ),
    (
        "two money sides",
        114,
        {"transactions": _line(0, bankCode="0001")},
        "Invalid value for transactions[0].cashCode: only one of bankCode, cashCode, "
        "pettyCashCode, contactCode, account, check and spendCheck may be given "
        "(got bankCode and cashCode).",
    ),
    (
        "currency",
        114,
        {"currency": "ZZZ"},
        "Invalid value for currency: a currency is an ISO 4217 code such as IRR or USD, or IRT "
        "for the toman (got 'ZZZ').",
    ),
    (
        "long reference",
        114,
        {"transactions": _line(1, reference="r" * 101)},
        "Invalid value for transactions[1].reference: at most 100 characters (got 101) "
        f"(got '{'r' * 40}…').",
    ),
    (
        "negative fee",
        114,
        {"transactions": _line(1, transactionFee=-1)},
        "Invalid value for transactions[1].transactionFee: must not be negative (got -1).",
    ),
    # 112: a code or path that names nothing.
    (
        "unknown contact",
        112,
        {"items": _item(1, contactCode="000009")},
        "items[1].contactCode: contact '000009' does not exist.",
    ),
    (
        "unknown bank",
        112,
        {"transactions": _line(1, bankCode="7")},
        "transactions[1].bankCode: bank '7' does not exist.",
    ),
    (
        "unknown account",
        112,
        {"type": 4, "items": [{"account": "هزینه ها : نیست", "amount": 1000}]},
        "items[0].account: account 'هزینه ها : نیست' does not exist.",
    ),
    (
        "unknown project",
        112,
        {"project": "پروژه ای که نیست"},
        "project: project 'پروژه ای که نیست' does not exist.",
    ),
    # 104: what is required.
    ("no transactions", 104, {"transactions": []}, "Missing parameter: transactions is required."),
    (
        "no money side",
        104,
        {"transactions": _line(0, cashCode="")},
        "transactions[0]: one of bankCode, cashCode, pettyCashCode, contactCode, account, check "
        "or spendCheck is required.",
    ),
    (
        "income without an account",
        104,
        {"type": 3},
        "items[0].account: an account is required for a receipt of type 3.",
    ),
    # 190: rules.
    (
        "totals differ",
        190,
        {"transactions": _line(0, amount=701)},
        "transactions: the transactions add up to 1001 and the items to 1000; they must be equal.",
    ),
    (
        "bank in another currency",
        190,
        {"transactions": _line(1, bankCode="0002")},
        "transactions[1].bankCode: '0002' keeps USD; the receipt is in IRR.",
    ),
    (
        "fee on a contact",
        190,
        {"transactions": _line(1, bankCode="", contactCode="000001")},
        "transactions[1].transactionFee: a fee is taken only by a bank, a cash box or petty cash.",
    ),
    (
        "account with accounts under it",
        190,
        {"type": 4, "items": [{"account": CASH_LEDGER, "amount": 1000}]},
        f"items[0].account: '{CASH_LEDGER}' has accounts under it; name one of them.",
    ),
    (
        "date outside the fiscal year",
        109,
        {"dateTime": "2030-01-01"},
        "dateTime: 2030-01-01 is in no fiscal year.",
    ),
]


@pytest.mark.parametrize(
    ("code", "changes", "message"),
    [case[1:] for case in REJECTED],
    ids=[case[0] for case in REJECTED],
)
def test_rejected_save2_changes_nothing(
    ledger_api: Api, code: int, changes: dict[str, Any], message: str
) -> None:
    masters(ledger_api)
    ledger_api.ok("receipt/save2", **_save2())
    with ledger_api.unchanged(*books(ledger_api)):
        assert ledger_api.fail("receipt/save2", code, **_save2(number=1, **changes)) == message
        assert ledger_api.fail("receipt/save2", code, **_save2(**changes)) == message


def test_rejected_simple_save_names_its_own_fields(ledger_api: Api) -> None:
    masters(ledger_api)
    with ledger_api.unchanged(*books(ledger_api)):
        body = {"type": 1, "dateTime": DAY, "amount": 100, "bankCode": "0001"}
        assert ledger_api.fail("receipt/save", 104, **body) == (
            "Missing parameter: contactCode is required."
        )
        body["contactCode"] = "000001"
        assert ledger_api.fail("receipt/save", 114, **{**body, "type": 3}) == (
            "Invalid value for type: a receipt's type is 1 (receive) or 2 (pay) (got 3)."
        )
        # Without a currency the receipt takes the bank's, whose rate the table lacks.
        assert ledger_api.fail("receipt/save", 104, **{**body, "bankCode": "0002"}) == (
            "currencyRate: required: the currency table has no rate from USD to IRR."
        )
        assert ledger_api.fail(
            "receipt/save", 190, **{**body, "bankCode": "0002", "currency": "IRR"}
        ) == ("bankCode: '0002' keeps USD; the receipt is in IRR.")
        assert ledger_api.fail("receipt/save", 114, **body, cashCode="0001") == (
            "Invalid value for cashCode: only one of bankCode, cashCode, pettyCashCode, "
            "contactCode, account, check and spendCheck may be given (got bankCode and cashCode)."
        )


def test_a_rent_receipt_refused_for_a_petty_cash_in_dollars(ledger_api: Api) -> None:
    masters(ledger_api)
    with ledger_api.unchanged(*books(ledger_api, 4)):
        message = ledger_api.fail(
            "receipt/save2",
            190,
            type=4,
            dateTime=DAY,
            currency="USD",
            currencyRate=500000,
            items=[{"account": RENT, "amount": 10}],
            transactions=[{"amount": 10, "pettyCashCode": "0001"}],
        )
        assert message == "transactions[0].pettyCashCode: '0001' keeps IRR; the receipt is in USD."
