"""The entry point for system documents (``ledger.posting``): as strict as a manual document.

Every rejection asserts the error and that the books read back unchanged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text, update

from hesabdar.db import Database
from hesabdar.kit import locks
from hesabdar.kit.errors import HesabdarError
from hesabdar.kit.locks import LockOrderError, LockStage
from hesabdar.ledger import posting
from hesabdar.ledger.core import AccountType, DocumentStatus, Side
from hesabdar.ledger.errors import (
    ClosedFiscalYear,
    DateOutsideFiscalYear,
    DetailCodeRequired,
    DetailNotFound,
    InvalidAmount,
    UnbalancedDocument,
    UnexpectedDetailCode,
)
from hesabdar.ledger.models import FiscalYear
from hesabdar.ledger.posting import DocumentHeader, PostingLine, SourceKind, SourceRef
from tests.conftest import IS_POSTGRES, Api
from tests.ledger.helpers import IN_TRANSIT, SALES, books, make_masters, simple
from tests.ledger.posting_helpers import DAY, SALE, books_of, post_sale, role, sale_lines


def balances(api: Api) -> dict[str, tuple[Any, Any]]:
    """Remaining debit and credit per account path, from the trial balance."""
    return {
        row["Account"]["Path"]: (row["RemainingDebit"], row["RemainingCredit"])
        for row in api.ok("report/trialbalance")
    }


def refused(
    database: Database, api: Api, error: type[HesabdarError], lines: Any, **header: Any
) -> str:
    before = books(api)
    with pytest.raises(error) as raised, books_of(database, api) as (session, business):
        posting.post(
            session,
            business,
            SourceRef(SALE, 9),
            DocumentHeader(**{"date": date(2022, 5, 1), **header}),
            lines(session, business),
        )
    assert books(api) == before
    return str(raised.value)


def test_post_creates_an_approved_document_that_reaches_the_reports(
    ledger_api: Api, database: Database
) -> None:
    number = post_sale(database, ledger_api, 1, "120.5")
    document = ledger_api.ok("document/get", number=number)
    assert (document["Status"], document["Debit"], document["Credit"]) == (
        1,
        Decimal("120.5000"),
        Decimal("120.5000"),
    )
    assert document["Description"] == "sale 1"
    assert balances(ledger_api)[IN_TRANSIT] == (Decimal("120.5000"), Decimal("0.0000"))
    assert balances(ledger_api)[SALES] == (Decimal("0.0000"), Decimal("120.5000"))


def test_rebuilding_keeps_the_number_and_moves_the_balances(
    ledger_api: Api, database: Database
) -> None:
    first = post_sale(database, ledger_api, 1, "100")
    other = post_sale(database, ledger_api, 2, "7")
    again = post_sale(database, ledger_api, 1, "40", day=date(2022, 6, 1))
    assert (first, other, again) == (1, 2, 1)
    document = ledger_api.ok("document/get", number=1)
    assert document["Date"] == "2022-06-01T00:00:00"
    assert [line["Amount"] for line in document["Transactions"]] == [Decimal("40.0000")] * 2
    assert balances(ledger_api)[IN_TRANSIT] == (Decimal("47.0000"), Decimal("0.0000"))
    may = ledger_api.ok("report/trialbalance", startDate="2022-05-01", endDate="2022-05-31")
    assert {row["Account"]["Path"]: row["Debit"] for row in may}[IN_TRANSIT] == Decimal("7.0000")


def test_unpost_removes_the_document_and_restores_the_balances(
    ledger_api: Api, database: Database
) -> None:
    post_sale(database, ledger_api, 1, "100")
    post_sale(database, ledger_api, 2, "7")
    with books_of(database, ledger_api) as (session, business):
        assert posting.unpost(session, business, SourceRef(SALE, 1)) is True
    with books_of(database, ledger_api) as (session, business):
        assert posting.unpost(session, business, SourceRef(SALE, 1)) is False
    assert ledger_api.fail("document/get", 112, number=1) == "number: document 1 does not exist."
    assert balances(ledger_api)[IN_TRANSIT] == (Decimal("7.0000"), Decimal("0.0000"))
    # A new source takes a new number; the removed one is not reused.
    assert post_sale(database, ledger_api, 3, "1") == 3


def test_rounding_comes_before_the_balance(ledger_api: Api, database: Database) -> None:
    def half_units(session: Any, business: Any) -> list[PostingLine]:
        transit = role(session, business, AccountType.FUNDS_IN_TRANSIT)
        sales = role(session, business, AccountType.SALES)
        return [
            PostingLine(transit, Side.DEBIT, Decimal("0.00005")),
            PostingLine(transit, Side.DEBIT, Decimal("0.00005")),
            PostingLine(sales, Side.CREDIT, Decimal("0.0001")),
        ]

    # 0.00005 rounds (half to even) to 0.0000: a line of nothing, refused, never written as
    # an approved document of debit 0.0000 and credit 0.0001.
    assert refused(database, ledger_api, InvalidAmount, half_units) == (
        "document.lines[0].amount: must be greater than 0 (got 0.00005)."
    )

    def rounds_apart(session: Any, business: Any) -> list[PostingLine]:
        transit = role(session, business, AccountType.FUNDS_IN_TRANSIT)
        sales = role(session, business, AccountType.SALES)
        return [
            PostingLine(transit, Side.DEBIT, Decimal("0.00015")),
            PostingLine(transit, Side.DEBIT, Decimal("0.00015")),
            PostingLine(sales, Side.CREDIT, Decimal("0.0003")),
        ]

    # Each 0.00015 is written as 0.0002: what is written would not balance (0.0004 != 0.0003).
    assert refused(database, ledger_api, UnbalancedDocument, rounds_apart) == (
        "document.lines: an approved document must balance; debits 0.0004 != credits 0.0003."
    )


def test_negative_amounts_are_refused(ledger_api: Api, database: Database) -> None:
    def negative(session: Any, business: Any) -> list[PostingLine]:
        return sale_lines(session, business, "-5")

    assert refused(database, ledger_api, InvalidAmount, negative) == (
        "document.lines[0].amount: must be greater than 0 (got -5)."
    )


def test_detail_rules(ledger_api: Api, database: Database) -> None:
    masters = make_masters(ledger_api)
    assert masters["contact"] == "000001"

    def receivable_without_contact(session: Any, business: Any) -> list[PostingLine]:
        return [
            PostingLine(
                role(session, business, AccountType.ACCOUNTS_RECEIVABLE), Side.DEBIT, Decimal(5)
            ),
            PostingLine(role(session, business, AccountType.SALES), Side.CREDIT, Decimal(5)),
        ]

    message = refused(database, ledger_api, DetailCodeRequired, receivable_without_contact)
    assert message.startswith("document.lines[0].contact_id: required, the detail of '")
    assert message.endswith("' is a contact.")

    def detail_where_none_is_taken(session: Any, business: Any) -> list[PostingLine]:
        lines = sale_lines(session, business, "5")
        lines[1].contact_id = 1
        return lines

    message = refused(database, ledger_api, UnexpectedDetailCode, detail_where_none_is_taken)
    assert message == (
        f"document.lines[1].contact_id: must be empty; the account '{SALES}' takes no detail."
    )

    def unknown_contact(session: Any, business: Any) -> list[PostingLine]:
        lines = receivable_without_contact(session, business)
        lines[0].contact_id = 999_999
        return lines

    assert refused(database, ledger_api, DetailNotFound, unknown_contact) == (
        "document.lines[0].contact_id: contact 999999 does not exist."
    )


def test_another_business_details_are_refused(
    ledger_api: Api, ledger_other_api: Api, database: Database
) -> None:
    make_masters(ledger_other_api)
    theirs = ledger_other_api.ok("contact/get", code="000001")["Id"]

    def their_contact(session: Any, business: Any) -> list[PostingLine]:
        return [
            PostingLine(
                role(session, business, AccountType.ACCOUNTS_RECEIVABLE),
                Side.DEBIT,
                Decimal(5),
                contact_id=theirs,
            ),
            PostingLine(role(session, business, AccountType.SALES), Side.CREDIT, Decimal(5)),
        ]

    assert refused(database, ledger_api, DetailNotFound, their_contact) == (
        f"document.lines[0].contact_id: contact {theirs} does not exist."
    )


def test_dates_outside_and_in_closed_years(ledger_api: Api, database: Database) -> None:
    assert (
        refused(
            database,
            ledger_api,
            DateOutsideFiscalYear,
            lambda s, b: sale_lines(s, b, "1"),
            date=date(2023, 3, 21),
        )
        == "document.date: 2023-03-21 is in no fiscal year."
    )


def close_year(database: Database, api: Api) -> None:
    with database.transaction() as session:
        session.execute(
            update(FiscalYear)
            .where(FiscalYear.business_id == api.credentials.business_id)
            .values(is_closed=True)
        )


def open_second_year(database: Database, api: Api) -> None:
    with database.transaction() as session:
        session.add(
            FiscalYear(
                business_id=api.credentials.business_id,
                ordinal=2,
                name="سال مالی 1402",
                start_date=date(2023, 3, 21),
                end_date=date(2024, 3, 19),
            )
        )


def test_closed_years_refuse_system_edits_and_removals_both_ways(
    ledger_api: Api, database: Database
) -> None:
    post_sale(database, ledger_api, 1, "10")
    open_second_year(database, ledger_api)
    post_sale(database, ledger_api, 2, "20", day=date(2023, 4, 1))
    close_year(database, ledger_api)  # closes both; reopen the second
    with database.transaction() as session:
        session.execute(update(FiscalYear).where(FiscalYear.ordinal == 2).values(is_closed=False))
    before = books(ledger_api)
    closed = "is in the closed fiscal year سال مالی 2022-03-21; its books are final."
    # Out of a closed year: the old date is checked.
    with pytest.raises(ClosedFiscalYear, match=f"2022-05-01 {closed}"):
        post_sale(database, ledger_api, 1, "10", day=date(2023, 4, 2))
    # Into a closed year: the new date is checked.
    with pytest.raises(ClosedFiscalYear, match=f"2022-05-02 {closed}"):
        post_sale(database, ledger_api, 2, "20", day=date(2022, 5, 2))
    # Removed from a closed year.
    with pytest.raises(ClosedFiscalYear), books_of(database, ledger_api) as (session, business):
        posting.unpost(session, business, SourceRef(SALE, 1))
    assert books(ledger_api) == before
    # The open year's document still changes.
    post_sale(database, ledger_api, 2, "25", day=date(2023, 4, 3))


def test_closed_years_refuse_manual_edits_and_deletes_both_ways(
    ledger_api: Api, database: Database
) -> None:
    make_masters(ledger_api)
    ledger_api.ok("document/save", document=simple(ledger_api, date="2022-05-01"))
    open_second_year(database, ledger_api)
    ledger_api.ok("document/save", document=simple(ledger_api, date="2023-04-01"))
    close_year(database, ledger_api)
    with database.transaction() as session:
        session.execute(update(FiscalYear).where(FiscalYear.ordinal == 2).values(is_closed=False))
    before = books(ledger_api)
    closed = "is in the closed fiscal year سال مالی 2022-03-21; its books are final."
    message = ledger_api.fail(
        "document/save", 190, document=simple(ledger_api, number=1, date="2023-04-05")
    )
    assert message == f"document.number: 2022-05-01 {closed}"
    message = ledger_api.fail(
        "document/save", 190, document=simple(ledger_api, number=2, date="2022-05-02")
    )
    assert message == f"document.date: 2022-05-02 {closed}"
    assert ledger_api.fail("document/delete", 190, number=1) == f"number: 2022-05-01 {closed}"
    assert books(ledger_api) == before
    ledger_api.ok("document/save", document=simple(ledger_api, number=2, date="2023-04-06"))
    ledger_api.ok("document/delete", number=2)


def test_a_system_document_is_read_only_through_document_save(
    ledger_api: Api, database: Database
) -> None:
    make_masters(ledger_api)
    number = post_sale(database, ledger_api, 77, "5")
    before = books(ledger_api)
    message = ledger_api.fail("document/save", 190, document=simple(ledger_api, number=number))
    assert message == (
        f"number: document {number} is made by test_sale 77 and cannot be edited here; "
        "change the test_sale instead."
    )
    message = ledger_api.fail("document/delete", 190, number=number)
    assert message == (
        f"number: document {number} is made by test_sale 77 and cannot be deleted here; "
        "change the test_sale instead."
    )
    assert books(ledger_api) == before


def test_drafts_post_without_balancing_and_reach_no_report(
    ledger_api: Api, database: Database
) -> None:
    with books_of(database, ledger_api) as (session, business):
        posting.post(
            session,
            business,
            SourceRef(SALE, 1),
            DocumentHeader(date=date(2022, 5, 1), status=DocumentStatus.DRAFT),
            sale_lines(session, business, "5", credit="4"),
        )
    assert ledger_api.ok("document/get", number=1)["Status"] == 0
    assert ledger_api.ok("report/trialbalance") == []


def test_source_kinds_are_declared_by_their_domain() -> None:
    assert SourceKind("invoice").code == "invoice"
    for bad in ("manual", "", "Invoice", "x" * 31, "in voice"):
        with pytest.raises(ValueError, match="not a source kind"):
            SourceKind(bad)


def test_a_source_posts_after_its_own_locks_and_takes_none_before_them_after(
    ledger_api: Api, database: Database
) -> None:
    with books_of(database, ledger_api) as (session, business):
        # An invoice: its number, its row, its stock rows, then its document.
        for stage in (LockStage.COUNTER, LockStage.SOURCE, LockStage.STOCK):
            locks.enter(session, stage)
        posting.post(
            session,
            business,
            SourceRef(SALE, 1),
            DocumentHeader(date=date(2022, 5, 1)),
            sale_lines(session, business, "3"),
        )
        assert locks.current(session) is LockStage.DAY_BALANCE
        with pytest.raises(LockOrderError):
            locks.enter(session, LockStage.STOCK)


def test_system_amounts_are_bounded_as_clients_are(ledger_api: Api, database: Database) -> None:
    def huge(session: Any, business: Any) -> list[PostingLine]:
        return sale_lines(session, business, "1e18")

    assert refused(database, ledger_api, InvalidAmount, huge) == (
        "document.lines[0].amount: must be less than 10^18 in absolute value (got 1E+18)."
    )


@pytest.mark.skipif(not IS_POSTGRES, reason="the deferred line check is PostgreSQL's")
def test_an_unchanged_rebuild_writes_the_header_so_its_lines_are_checked_once(
    ledger_api: Api, database: Database
) -> None:
    # The deferred check sums a document's lines once for its header's row and skips the
    # lines of a header this transaction wrote; a rebuild that left the header unwritten
    # would sum them once per line.
    number = post_sale(database, ledger_api, 1, "100")
    with books_of(database, ledger_api) as (session, business):
        document = posting.post(
            session,
            business,
            SourceRef(SALE, 1),
            DocumentHeader(date=DAY, description="sale 1"),
            sale_lines(session, business, "100"),
        )
        session.flush()
        written_here = session.scalar(
            text(
                "SELECT xmin::text::bigint = txid_current() % 4294967296 FROM document "
                "WHERE business_id = :business AND id = :id"
            ),
            {"business": business.id, "id": document.id},
        )
    assert written_here is True
    assert document.number == number
    assert ledger_api.ok("document/get", number=number)["Debit"] == Decimal("100.0000")
