"""Concurrent sales of the same items serialize on the items' stock rows and never deadlock
(PostgreSQL only: SQLite serializes writers)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import pytest

from hesabdar.db import Database
from hesabdar.ledger.schemas import SourceRef
from tests.conftest import IS_POSTGRES, Api
from tests.stock.helpers import (
    DAY,
    PURCHASE,
    SALE,
    buy,
    costs,
    move,
    movement_values,
    new_item,
    sell,
    stock_row,
)

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL (row locks, real concurrency)"),
]

D = Decimal
SALES = 24


def test_racing_sales_of_the_same_items_serialize_and_never_deadlock(
    api: Api, database: Database
) -> None:
    pen, ink = new_item(api), new_item(api, "Ink")
    move(database, api, SourceRef(PURCHASE, 1), DAY, [buy(pen, "100", "3"), buy(ink, "100", "7")])
    barrier = threading.Barrier(8)

    def sale(number: int) -> None:
        # Half name the items in one order, half in the other; some are dated earlier than
        # others, so that re-costing runs concurrently with appends.
        lines = [sell(pen, "1"), sell(ink, "2")]
        if number % 2:
            lines.reverse()
        if number <= 8:
            barrier.wait()
        move(database, api, SourceRef(SALE, number), DAY + timedelta(days=SALES - number), lines)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(sale, range(1, SALES + 1)))
    assert stock_row(database, api, pen) == (D(100 - SALES), D(3 * (100 - SALES)))
    assert stock_row(database, api, ink) == (D(100 - 2 * SALES), D(7 * (100 - 2 * SALES)))
    assert movement_values(database, api, pen) == D(3 * (100 - SALES))
    for number in range(1, SALES + 1):
        found = costs(database, api, SourceRef(SALE, number))
        assert sorted(found) == [D(3), D(14)]
    assert api.ok("item/get", code="000001")["Stock"] == D(100 - SALES)
