"""Concurrent invoice saves on PostgreSQL: numbers never collide, a number chosen by two
requests at once makes one invoice, and the books balance."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import IS_POSTGRES
from tests.invoices.helpers import CABLE, PHONE, Shop, row

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL for real concurrency"),
]


def test_concurrent_new_invoices_get_distinct_numbers(shop: Shop) -> None:
    def save(index: int) -> dict[str, Any]:
        return shop.call(
            "invoice/save", invoice=shop.invoice([row(PHONE, 1, 1000 + index), row(CABLE)])
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(save, range(24)))
    assert [body["ErrorCode"] for body in bodies] == [0] * 24
    assert sorted(int(body["Result"]["Number"]) for body in bodies) == list(range(1, 25))
    receivable = sum(Decimal(1000 + index) + 100000 for index in range(24))
    assert shop.balances()["ACCOUNTS_RECEIVABLE"] == receivable


def test_concurrent_saves_of_one_chosen_number_make_one_invoice(shop: Shop) -> None:
    def save(index: int) -> dict[str, Any]:
        return shop.call(
            "invoice/save", invoice=shop.invoice([row(PHONE, 1, 500)], Number=77, Note=str(index))
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(save, range(16)))
    assert [body["ErrorCode"] for body in bodies] == [0] * 16
    assert {body["Result"]["Id"] for body in bodies} == {bodies[0]["Result"]["Id"]}
    page = shop.ok("invoice/getinvoices", type=0)
    assert page["TotalCount"] == 1
    assert shop.balances()["ACCOUNTS_RECEIVABLE"] == Decimal("500.0000")
    # The next number still starts at 1 and skips 77 when it gets there.
    assert shop.save([row()])["Number"] == "1"
