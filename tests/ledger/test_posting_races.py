"""A source has one system document even when two transactions post it at once
(PostgreSQL only: SQLite serializes writers)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from hesabdar.db import Database
from hesabdar.kit.integrity import refused
from hesabdar.ledger import posting
from hesabdar.ledger.models import Document
from hesabdar.ledger.posting import DocumentHeader, SourceRef
from tests.conftest import IS_POSTGRES, Api
from tests.ledger.posting_helpers import DAY, SALE, books_of, sale_lines

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL (row locks, real concurrency)"),
]


def test_racing_posts_of_one_source_leave_one_document(ledger_api: Api, database: Database) -> None:
    """Two transactions post the same source at once: the unique index on the source lets one
    document exist; the other post either rebuilds it (it came second) or is refused as 190
    (it raced the insert), never a second document."""

    for source_id in range(1, 6):
        barrier = threading.Barrier(2)

        def post(amount: str, source_id: int = source_id, barrier: Any = barrier) -> str:
            try:
                with books_of(database, ledger_api) as (session, business):
                    lines = sale_lines(session, business, amount)
                    barrier.wait()
                    posting.post(
                        session, business, SourceRef(SALE, source_id), DocumentHeader(DAY), lines
                    )
            except IntegrityError as error:
                return refused(error).message
            return "posted"

        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(post, ["10", "20"]))
        assert results.count("posted") >= 1
        for result in results:
            assert result == "posted" or result.endswith("(uq_document_business_id_source)."), (
                result
            )
        with database.transaction() as session:
            count = session.scalar(
                select(func.count())
                .select_from(Document)
                .where(Document.source_type == SALE.code, Document.source_id == source_id)
            )
        assert count == 1
    documents = ledger_api.ok("document/getdocuments", queryInfo={"take": 100})["List"]
    assert sorted(row["Number"] for row in documents) == list(range(1, len(documents) + 1))
    report = ledger_api.ok("report/trialbalance")
    assert sum(Decimal(str(row["RemainingDebit"])) for row in report) == sum(
        Decimal(str(row["RemainingCredit"])) for row in report
    )
