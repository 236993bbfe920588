"""Refused spending of received cheques: the ErrorCode, the message naming the field and row,
and nothing changed (the trial balance, the receipts of both types, the documents, the
contacts and the change log)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api
from tests.receipts.helpers import AP, DAY, RENT, books, masters
from tests.receipts.test_spend_cheque import receive_cheque


def _received(api: Api, payer: str, number: str, amount: int) -> None:
    api.ok(
        "receipt/save2",
        type=1,
        dateTime=DAY,
        items=[{"contactCode": payer, "amount": amount}],
        transactions=[{"amount": amount, "check": {"number": number, "date": DAY}}],
    )


def _cheques(api: Api) -> None:
    """Receive 1: cheque 123456 of 1,500,000 from 000001 (see receive_cheque). Receives 2 and 3:
    two cheques numbered 555, from 000002 (100) and from 000001 (200). Receive 4: cheque 888
    (300), spent by pay 1. Pay 2 issued the business's own cheque 777: not a received one."""
    masters(api)
    receive_cheque(api)
    _received(api, "000002", "555", 100)
    _received(api, "000001", "555", 200)
    _received(api, "000001", "888", 300)
    api.ok(
        "receipt/save2",
        type=2,
        dateTime=DAY,
        items=[{"contactCode": "000002", "amount": 300}],
        transactions=[{"spendCheck": {"number": "888"}}],
    )
    api.ok(
        "receipt/save2",
        type=2,
        dateTime=DAY,
        items=[{"contactCode": "000002", "amount": 50}],
        transactions=[{"amount": 50, "check": {"number": "777", "date": DAY}}],
    )


def _pay(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": 2,
        "dateTime": DAY,
        "items": [{"contactCode": "000002", "amount": 1500000}],
        "transactions": [{"amount": 1500000, "spendCheck": {"number": "123456"}}],
    }
    body.update(changes)
    return body


def _spend(**fields: Any) -> list[dict[str, Any]]:
    return [{"amount": 1500000, "spendCheck": {"number": "123456", **fields}}]


REJECTED: list[tuple[str, int, dict[str, Any], str]] = [
    (
        "on a receive",
        190,
        {"type": 1},
        "transactions[0].spendCheck: a received cheque is spent only by a pay (type 2); this "
        "receipt is of type 1.",
    ),
    (
        "on an expense",
        190,
        {"type": 4, "items": [{"account": RENT, "amount": 1500000}]},
        "transactions[0].spendCheck: a received cheque is spent only by a pay (type 2); this "
        "receipt is of type 4.",
    ),
    (
        "unknown cheque",
        112,
        {"transactions": [{"amount": 1500000, "spendCheck": {"number": "999"}}]},
        "transactions[0].spendCheck.number: no received cheque has number 999.",
    ),
    (
        "another sayyad",
        112,
        {"transactions": _spend(sayyad="1")},
        "transactions[0].spendCheck.number: no received cheque has number 123456 with sayyad 1.",
    ),
    (
        "another payer",
        112,
        {"transactions": _spend(payerCode="000002", bankName="ملت")},
        "transactions[0].spendCheck.number: no received cheque has number 123456 with bank name "
        "ملت, payer 000002.",
    ),
    (
        "a cheque the business issued",
        112,
        {"transactions": [{"amount": 1500000, "spendCheck": {"number": "777"}}]},
        "transactions[0].spendCheck.number: no received cheque has number 777.",
    ),
    (
        "two cheques of one number",
        190,
        {"transactions": [{"amount": 1500000, "spendCheck": {"number": "555"}}]},
        "transactions[0].spendCheck.number: 2 received cheques have number 555; send its sayyad, "
        "bankName or payerCode too.",
    ),
    (
        "the payer's cheque for another amount",
        190,
        {"transactions": [{"amount": 1500000, "spendCheck": {"number": "555", "payerCode": 2}}]},
        "transactions[0].amount: cheque 555 is for 100; spending it pays that whole amount "
        "(got 1500000).",
    ),
    (
        "the cheque's amount stated otherwise",
        190,
        {"transactions": [{"spendCheck": {"number": "123456", "amount": "1400000"}}]},
        "transactions[0].spendCheck.amount: cheque 123456 is for 1500000; spending it pays that "
        "whole amount (got 1400000).",
    ),
    (
        "already spent",
        190,
        {"transactions": [{"amount": 1500000, "spendCheck": {"number": "888"}}]},
        "transactions[0].spendCheck: cheque 888 was spent by pay receipt 1.",
    ),
    (
        "spent twice in one pay",
        190,
        {
            "items": [{"contactCode": "000002", "amount": 3000000}],
            "transactions": _spend() + _spend(),
        },
        "transactions[1].spendCheck: cheque 123456 is spent twice in this receipt.",
    ),
    (
        "before it was received",
        190,
        {"dateTime": "2022-04-30"},
        "transactions[0].spendCheck: cheque 123456 was received on 2022-05-01 (receipt 1); it "
        "cannot be spent before that (this receipt is dated 2022-04-30).",
    ),
    (
        "in another currency",
        190,
        {"currency": "USD", "currencyRate": 500000},
        "transactions[0].spendCheck: cheque 123456 was received in IRR; the receipt is in USD.",
    ),
    (
        "with a fee",
        190,
        {"transactions": [{**_spend()[0], "transactionFee": 10}]},
        "transactions[0].transactionFee: a fee is taken only by a bank, a cash box or petty cash.",
    ),
    (
        "beside a cash box",
        114,
        {"transactions": [{**_spend()[0], "cashCode": "0001"}]},
        "Invalid value for transactions[0].spendCheck: only one of bankCode, cashCode, "
        "pettyCashCode, contactCode, account, check and spendCheck may be given "
        "(got cashCode and spendCheck).",
    ),
    (
        "without a number",
        104,
        {"transactions": [{"amount": 1500000, "spendCheck": {"sayyad": "1234567890123456"}}]},
        "Missing parameter: transactions[0].spendCheck.number is required.",
    ),
    (
        "unknown payer",
        112,
        {"transactions": _spend(payerCode="000009")},
        "transactions[0].spendCheck.payerCode: contact '000009' does not exist.",
    ),
    (
        "unknown bank",
        112,
        {"transactions": _spend(bankCode="7")},
        "transactions[0].spendCheck.bankCode: bank '7' does not exist.",
    ),
    (
        "number past its column",
        114,
        {"transactions": _spend(number="9" * 51)},
        "Invalid value for transactions[0].spendCheck.number: at most 50 characters (got 51) "
        f"(got '{'9' * 40}…').",
    ),
    (
        "to another account's payable",
        190,
        {"type": 6, "items": [{"account": AP, "contactCode": "000002", "amount": 1500000}]},
        "transactions[0].spendCheck: a received cheque is spent only by a pay (type 2); this "
        "receipt is of type 6.",
    ),
]


@pytest.mark.parametrize(
    ("code", "changes", "message"),
    [case[1:] for case in REJECTED],
    ids=[case[0] for case in REJECTED],
)
def test_refused_spending_changes_nothing(
    ledger_api: Api, code: int, changes: dict[str, Any], message: str
) -> None:
    _cheques(ledger_api)
    with ledger_api.unchanged(*books(ledger_api), *books(ledger_api, 2)):
        assert ledger_api.fail("receipt/save2", code, **_pay(**changes)) == message
    # The same pay without the fault is taken.
    assert ledger_api.ok("receipt/save2", **_pay())["Transactions"][0]["Type"] == "5"
