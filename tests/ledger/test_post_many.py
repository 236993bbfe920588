"""Several system documents in one call (``posting.post_many``): an invoice's document and the
documents of the invoices its earlier-dated edit re-costed, in lock order, all or nothing."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from hesabdar.db import Database
from hesabdar.kit.locks import LockOrderError
from hesabdar.ledger import posting
from hesabdar.ledger.core import AccountType, Side
from hesabdar.ledger.errors import InvalidValue, UnbalancedDocument
from hesabdar.ledger.models import Document
from hesabdar.ledger.posting import DocumentHeader, PostingLine, SourceRef, SystemDocument
from tests.conftest import IS_POSTGRES, Api
from tests.ledger.helpers import IN_TRANSIT, SALES, books
from tests.ledger.posting_helpers import DAY, SALE, books_of, post_sale, role, sale_lines

D = Decimal


def remaining(api: Api) -> dict[str, tuple[Any, Any]]:
    return {
        row["Account"]["Path"]: (row["RemainingDebit"], row["RemainingCredit"])
        for row in api.ok("report/trialbalance")
    }


def numbers(database: Database) -> dict[int, int]:
    """Document number by sale source id."""
    with database.transaction() as session:
        rows = session.execute(
            select(Document.source_id, Document.number).where(Document.source_type == SALE.code)
        )
        return {int(source): int(number) for source, number in rows}


def test_creates_rebuilds_and_removes_in_one_call(ledger_api: Api, database: Database) -> None:
    post_sale(database, ledger_api, 1, "100")
    post_sale(database, ledger_api, 2, "50")
    before = numbers(database)
    with books_of(database, ledger_api) as (session, business):
        posting.post_many(
            session,
            business,
            [
                SystemDocument(
                    SourceRef(SALE, 3),
                    DocumentHeader(DAY, "sale 3"),
                    sale_lines(session, business, "7"),
                ),
                SystemDocument(
                    SourceRef(SALE, 1),
                    DocumentHeader(DAY, "sale 1"),
                    sale_lines(session, business, "30"),
                ),
                SystemDocument(SourceRef(SALE, 2), None),
                # A source without a document, asked to have none: nothing to do.
                SystemDocument(SourceRef(SALE, 4), None),
            ],
        )
    after = numbers(database)
    # Sale 1 keeps its number, sale 2's document is gone, sale 3 takes the next number.
    assert after == {1: before[1], 3: before[2] + 1}
    assert remaining(ledger_api)[IN_TRANSIT] == (D("37.0000"), D("0.0000"))
    assert remaining(ledger_api)[SALES] == (D("0.0000"), D("37.0000"))
    assert ledger_api.ok("document/get", number=after[1])["Description"] == "sale 1"


def test_one_bad_document_refuses_them_all(ledger_api: Api, database: Database) -> None:
    post_sale(database, ledger_api, 1, "100")
    before = books(ledger_api)
    with pytest.raises(UnbalancedDocument), books_of(database, ledger_api) as (session, business):
        posting.post_many(
            session,
            business,
            [
                SystemDocument(
                    SourceRef(SALE, 1), DocumentHeader(DAY), sale_lines(session, business, "5")
                ),
                SystemDocument(
                    SourceRef(SALE, 2),
                    DocumentHeader(DAY),
                    sale_lines(session, business, "5", credit="6"),
                ),
            ],
        )
    assert books(ledger_api) == before


def test_separate_posts_would_break_the_lock_order(ledger_api: Api, database: Database) -> None:
    """Rebuilding two documents with two ``post`` calls locks a day balance before the second
    document: refused at once. ``post_many`` takes the same locks in order."""
    post_sale(database, ledger_api, 1, "1")
    post_sale(database, ledger_api, 2, "1")
    with books_of(database, ledger_api) as (session, business):
        lines = sale_lines(session, business, "2")
        posting.post(session, business, SourceRef(SALE, 1), DocumentHeader(DAY), lines)
        with pytest.raises(LockOrderError):
            posting.post(session, business, SourceRef(SALE, 2), DocumentHeader(DAY), lines)
        session.rollback()
    with books_of(database, ledger_api) as (session, business):
        posting.post_many(
            session,
            business,
            [
                SystemDocument(
                    SourceRef(SALE, s), DocumentHeader(DAY), sale_lines(session, business, "2")
                )
                for s in (1, 2)
            ],
        )
    assert remaining(ledger_api)[IN_TRANSIT] == (D("4.0000"), D("0.0000"))


def test_the_same_source_twice_is_refused(ledger_api: Api, database: Database) -> None:
    with books_of(database, ledger_api) as (session, business):
        lines = sale_lines(session, business, "1")
        twice = [SystemDocument(SourceRef(SALE, 1), DocumentHeader(DAY), lines)] * 2
        with pytest.raises(InvalidValue, match="given twice"):
            posting.post_many(session, business, twice)


@pytest.mark.postgres_only
@pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL (row locks, real concurrency)")
def test_concurrent_calls_in_opposite_orders_never_deadlock(
    ledger_api: Api, database: Database
) -> None:
    """Two transactions rebuild the same documents, listed in opposite orders, with lines on
    accounts in opposite orders, again and again: both always finish."""
    for source in (1, 2, 3):
        post_sale(database, ledger_api, source, "1")

    def rebuild(order: list[int], barrier: threading.Barrier, amount: str) -> str:
        with books_of(database, ledger_api) as (session, business):
            transit = role(session, business, AccountType.FUNDS_IN_TRANSIT)
            sales = role(session, business, AccountType.SALES)
            first, second = (transit, sales) if order[0] == 1 else (sales, transit)
            documents = [
                SystemDocument(
                    SourceRef(SALE, source),
                    DocumentHeader(DAY),
                    [
                        PostingLine(
                            first, Side.DEBIT if first is transit else Side.CREDIT, D(amount)
                        ),
                        PostingLine(
                            second, Side.DEBIT if second is transit else Side.CREDIT, D(amount)
                        ),
                    ],
                )
                for source in order
            ]
            barrier.wait()
            posting.post_many(session, business, documents)
        return "done"

    for round_ in range(10):
        barrier = threading.Barrier(2)
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(
                pool.map(
                    lambda args: rebuild(*args),
                    [([1, 2, 3], barrier, str(round_ + 1)), ([3, 2, 1], barrier, str(round_ + 1))],
                )
            )
        assert results == ["done", "done"]
    assert remaining(ledger_api)[IN_TRANSIT] == (D("30.0000"), D("0.0000"))
