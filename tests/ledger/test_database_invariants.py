"""The database itself refuses what breaks the ledger, even when a write goes around the
service: CHECK constraints on both databases, and on PostgreSQL a deferred trigger on the sums
of an approved document's lines. A refusal reaches clients as 190 naming the rule."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from hesabdar.db import Database
from hesabdar.kit.integrity import refused
from hesabdar.ledger import core
from hesabdar.ledger.models import Document, DocumentLine
from hesabdar.ledger.service import documents
from tests.conftest import IS_POSTGRES, Api
from tests.ledger.helpers import books, make_masters, simple


@pytest.fixture
def saved(ledger_api: Api) -> dict[str, Any]:
    make_masters(ledger_api)
    return dict(ledger_api.ok("document/save", document=simple(ledger_api, amount=500)))


def refusal(database: Database, api: Api, statement: Any) -> str:
    """Run ``statement`` around the service; the rule the database refused it by, after
    asserting that the books read as before."""
    before = books(api)
    with pytest.raises(IntegrityError) as raised, database.transaction() as session:
        session.execute(statement)
    assert books(api) == before
    return refused(raised.value).message


def first_line(saved: dict[str, Any], side: int) -> int:
    return int(next(line["Id"] for line in saved["Transactions"] if line["Type"] == side))


def test_an_unbalanced_approved_header_is_refused(
    ledger_api: Api, database: Database, saved: dict[str, Any]
) -> None:
    message = refusal(
        database,
        ledger_api,
        update(Document).where(Document.id == saved["Id"]).values(debit=Decimal(501)),
    )
    assert message == (
        "The books refuse this write: an approved document's debit equals its credit "
        "(ck_document_approved_balanced)."
    )


def test_a_negative_line_is_refused(
    ledger_api: Api, database: Database, saved: dict[str, Any]
) -> None:
    line = first_line(saved, 0)
    message = refusal(
        database,
        ledger_api,
        update(DocumentLine)
        .where(DocumentLine.id == line)
        .values(amount=Decimal(-500), debit=Decimal(-500)),
    )
    assert message == (
        "The books refuse this write: a line's amount is above zero "
        "(ck_document_line_amount_positive)."
    )


def test_a_line_on_both_sides_is_refused(
    ledger_api: Api, database: Database, saved: dict[str, Any]
) -> None:
    line = first_line(saved, 0)
    message = refusal(
        database,
        ledger_api,
        update(DocumentLine).where(DocumentLine.id == line).values(credit=Decimal(500)),
    )
    assert message == (
        "The books refuse this write: a line posts its amount to one side only "
        "(ck_document_line_one_side)."
    )


def test_a_second_document_for_one_source_is_refused(
    ledger_api: Api, database: Database, saved: dict[str, Any]
) -> None:
    with database.transaction() as session:
        session.execute(
            update(Document)
            .where(Document.id == saved["Id"])
            .values(source_type="test_sale", source_id=5)
        )
    second = ledger_api.ok("document/save", document=simple(ledger_api, amount=7))
    message = refusal(
        database,
        ledger_api,
        update(Document)
        .where(Document.id == second["Id"])
        .values(source_type="test_sale", source_id=5),
    )
    assert message == (
        "The books refuse this write: a source has one system document "
        "(uq_document_business_id_source)."
    )


@pytest.mark.skipif(not IS_POSTGRES, reason="deferred constraint triggers are PostgreSQL's")
def test_approved_lines_that_do_not_sum_to_the_header_are_refused_at_commit(
    ledger_api: Api, database: Database, saved: dict[str, Any]
) -> None:
    line = first_line(saved, 0)
    # Every row alone is valid (the line posts its amount to one side); the sums are not.
    message = refusal(
        database,
        ledger_api,
        update(DocumentLine)
        .where(DocumentLine.id == line)
        .values(amount=Decimal(501), debit=Decimal(501)),
    )
    assert message == (
        "The books refuse this write: an approved document's lines sum to its totals, and "
        "every line carries the document's date and status (document_lines_match_header)."
    )


@pytest.mark.skipif(not IS_POSTGRES, reason="deferred constraint triggers are PostgreSQL's")
def test_a_line_that_strays_from_its_documents_date_is_refused_at_commit(
    ledger_api: Api, database: Database, saved: dict[str, Any]
) -> None:
    with database.transaction() as session:
        day = session.scalar(select(Document.date).where(Document.id == saved["Id"]))
    assert day is not None
    message = refusal(
        database,
        ledger_api,
        update(DocumentLine)
        .where(DocumentLine.document_id == saved["Id"])
        .values(date=day.replace(day=day.day + 1)),
    )
    assert message.endswith("(document_lines_match_header).")


def test_a_write_that_slips_past_the_service_answers_190(
    ledger_api: Api, monkeypatch: pytest.MonkeyPatch, saved: dict[str, Any]
) -> None:
    def without_balance(
        _business_id: int, lines: Any, _status: Any, _at: Any
    ) -> tuple[list[Any], core.Totals]:
        return list(lines), core.totals(line.posting() for line in lines)

    monkeypatch.setattr(documents, "checked_lines", without_balance)
    document = simple(ledger_api, amount=500)
    document["transactions"][0]["amount"] = 400
    before = books(ledger_api)
    message = ledger_api.fail("document/save", 190, document=document)
    assert message == (
        "The books refuse this write: an approved document's debit equals its credit "
        "(ck_document_approved_balanced)."
    )
    assert books(ledger_api) == before
