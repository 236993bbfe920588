"""Posting system documents from tests, as invoices, receipts and transfers will."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from hesabdar.db import Database
from hesabdar.ledger import posting
from hesabdar.ledger.core import AccountType, Side
from hesabdar.ledger.models import Account
from hesabdar.ledger.posting import DocumentHeader, PostingLine, SourceKind, SourceRef
from hesabdar.ledger.service import account_by_role
from hesabdar.tenancy.models import Business
from tests.conftest import Api

SALE = SourceKind("test_sale")
DAY = date(2022, 5, 1)


@contextmanager
def books_of(database: Database, api: Api) -> Iterator[tuple[Session, Business]]:
    """One transaction on the business behind ``api``, committed at the end."""
    with database.transaction() as session:
        business = session.get(Business, api.credentials.business_id)
        assert business is not None
        yield session, business


def role(session: Session, business: Business, account_type: AccountType) -> Account:
    return account_by_role(session, business.id, account_type)


def sale_lines(
    session: Session, business: Business, amount: Decimal | str, *, credit: Decimal | str = ""
) -> list[PostingLine]:
    """Funds in transit (no detail) debited, sales credited."""
    return [
        PostingLine(
            role(session, business, AccountType.FUNDS_IN_TRANSIT), Side.DEBIT, Decimal(amount)
        ),
        PostingLine(
            role(session, business, AccountType.SALES), Side.CREDIT, Decimal(credit or amount)
        ),
    ]


def post_sale(
    database: Database,
    api: Api,
    source_id: int,
    amount: Decimal | str,
    *,
    day: date = DAY,
) -> int:
    """Post (or rebuild) the document of sale ``source_id``; its number."""
    with books_of(database, api) as (session, business):
        document = posting.post(
            session,
            business,
            SourceRef(SALE, source_id),
            DocumentHeader(date=day, description=f"sale {source_id}"),
            sale_lines(session, business, amount),
        )
        return document.number
