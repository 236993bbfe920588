"""Concurrent receipt saves (PostgreSQL: real concurrency): new receipts never share a number,
saves of one number the client chose create it once and edit it after, and a received cheque
is spent once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from tests.conftest import IS_POSTGRES, Api
from tests.invoices.helpers import DAY, Shop, row
from tests.receipts.helpers import DAY as RECEIPT_DAY
from tests.receipts.helpers import NOTES_RECEIVABLE, balances, masters
from tests.receipts.test_spend_cheque import receive_cheque

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL for real concurrency"),
]


def _body(amount: int, **extra: object) -> dict[str, object]:
    return {"type": 1, "amount": amount, "contactCode": "000001", "cashCode": "0001", **extra}


def test_new_receipts_never_share_a_number(api: Api) -> None:
    masters(api)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda i: api.call("receipt/save", **_body(i + 1)), range(8)))
    assert [answer["ErrorCode"] for answer in answers] == [0] * 8, answers
    assert sorted(answer["Result"]["Number"] for answer in answers) == list(range(1, 9))
    listed = api.ok("receipt/getReceipts", type=1, queryInfo={"Take": 100})
    assert listed["TotalCount"] == 8
    contact = api.ok("contact/get", code="000001")
    assert Decimal(contact["Credits"]) == sum(Decimal(i) for i in range(1, 9))


def test_one_chosen_number_is_created_once(api: Api) -> None:
    masters(api)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(
            pool.map(lambda i: api.call("receipt/save", **_body(100, number=42)), range(8))
        )
    assert [answer["ErrorCode"] for answer in answers] == [0] * 8, answers
    assert {answer["Result"]["Id"] for answer in answers} == {answers[0]["Result"]["Id"]}
    assert api.ok("receipt/getReceipts", type=1)["TotalCount"] == 1
    assert [c["Action"] for c in api.changes() if c["ObjectType"] == "Receipt"] == [1111] + [
        1112
    ] * 7
    assert Decimal(api.ok("contact/get", code="000001")["Credits"]) == Decimal(100)


def test_a_repeated_payment_callback_pays_once(shop: Shop) -> None:
    shop.ok("setting/SaveBank", bank={"Name": "بانک ملت"})
    shop.save([row(price=1090000)])
    body = {"number": 1, "bankCode": 1, "date": DAY, "amount": 1090000, "transactionNumber": "X"}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _i: shop.call("invoice/savepayment", **body), range(8)))
    codes = sorted(answer["ErrorCode"] for answer in answers)
    assert codes == [0] + [190] * 7, answers
    invoice = shop.ok("invoice/get", number=1, type=0)
    assert (invoice["Paid"], invoice["Rest"]) == (Decimal("1090000.0000"), Decimal("0.0000"))
    assert shop.ok("receipt/getReceipts", type=1)["TotalCount"] == 1


def _spend_body(number: str, amount: int) -> dict[str, object]:
    return {
        "type": 2,
        "dateTime": RECEIPT_DAY,
        "items": [{"contactCode": "000002", "amount": amount}],
        "transactions": [{"amount": amount, "spendCheck": {"number": number}}],
    }


def test_one_cheque_spent_by_concurrent_pays_is_spent_once(ledger_api: Api) -> None:
    masters(ledger_api)
    receive_cheque(ledger_api)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(
            pool.map(
                lambda _i: ledger_api.call("receipt/save2", **_spend_body("123456", 1500000)),
                range(8),
            )
        )
    assert sorted(answer["ErrorCode"] for answer in answers) == [0] + [190] * 7, answers
    # The others answer as a single call after the first would.
    assert {answer["ErrorMessage"] for answer in answers if answer["ErrorCode"]} == {
        "transactions[0].spendCheck: cheque 123456 was spent by pay receipt 1."
    }
    assert [answer["Result"]["Number"] for answer in answers if not answer["ErrorCode"]] == [1]
    assert ledger_api.ok("receipt/getReceipts", type=2)["TotalCount"] == 1
    assert balances(ledger_api)[NOTES_RECEIVABLE] == (
        Decimal("1500000.0000"),
        Decimal("1500000.0000"),
    )


def test_a_cheque_spent_while_its_receipt_is_edited(ledger_api: Api) -> None:
    """The edit replaces the cheque's row: a pay that found the old row finds the new one when
    it runs again; an edit that comes second finds the cheque spent."""
    masters(ledger_api)
    for round_ in range(1, 5):
        number = f"C{round_}"
        body = {
            "type": 1,
            "dateTime": RECEIPT_DAY,
            "items": [{"contactCode": "000001", "amount": 100}],
            "transactions": [{"amount": 100, "check": {"number": number, "date": RECEIPT_DAY}}],
        }
        receive = ledger_api.ok("receipt/save2", **body)
        edit = {**body, "number": receive["Number"], "description": "edited"}
        with ThreadPoolExecutor(max_workers=2) as pool:
            edited = pool.submit(ledger_api.call, "receipt/save2", **edit)
            spent = pool.submit(ledger_api.call, "receipt/save2", **_spend_body(number, 100))
            edit_answer, spend_answer = edited.result(), spent.result()
        assert spend_answer["ErrorCode"] == 0, spend_answer
        assert edit_answer["ErrorCode"] in (0, 190), edit_answer
        assert balances(ledger_api)[NOTES_RECEIVABLE] == (
            Decimal(100 * round_),
            Decimal(100 * round_),
        )
