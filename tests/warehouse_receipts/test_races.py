"""Concurrent warehouse receipts (PostgreSQL: real concurrency): new receipts never share a
number, and receipts of one invoice saved at once never place more than it has."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from tests.conftest import IS_POSTGRES
from tests.invoices.helpers import Shop
from tests.warehouse_receipts.helpers import CENTRAL, PHONE, held, line, receipt, row, status

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL for real concurrency"),
]


def test_new_receipts_never_share_a_number(stocked: Shop) -> None:
    for _sale in range(8):
        stocked.save([row(PHONE, 1)])
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(
            pool.map(
                lambda n: stocked.call(
                    "invoice/SaveWarehouseReceipt", receipt=receipt(n, [line(PHONE, 1)])
                ),
                range(1, 9),
            )
        )
    assert [answer["ErrorCode"] for answer in answers] == [0] * 8, answers
    assert sorted(answer["Result"]["Number"] for answer in answers) == list(range(2, 10))
    assert held(stocked, CENTRAL)[PHONE] == Decimal("2.0000")


def test_receipts_of_one_invoice_at_once_never_place_more_than_it_has(stocked: Shop) -> None:
    stocked.save([row(PHONE, 5)])
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(
            pool.map(
                lambda _i: stocked.call(
                    "invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 1)])
                ),
                range(8),
            )
        )
    assert sorted(answer["ErrorCode"] for answer in answers) == [0] * 5 + [190] * 3, answers
    assert held(stocked, CENTRAL)[PHONE] == Decimal("5.0000")
    assert status(stocked, 1) == 2
    assert stocked.ok("warehouse/getReceipts", type=2)["TotalCount"] == 5


def test_one_chosen_number_is_issued_once_then_replaced(stocked: Shop) -> None:
    stocked.save([row(PHONE, 8)])
    body = receipt(1, [line(PHONE, 1)], number=42)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _i: stocked.call("warehouse/save", receipt=body), range(8)))
    assert [answer["ErrorCode"] for answer in answers] == [0] * 8, answers
    assert {answer["Result"]["Id"] for answer in answers} == {answers[0]["Result"]["Id"]}
    actions = [c["Action"] for c in stocked.changes() if c["ObjectType"] == "WarehouseReceipt"]
    assert actions == [261, 261] + [262] * 7
    assert held(stocked, CENTRAL)[PHONE] == Decimal("9.0000")
    assert status(stocked, 1) == 1
