"""A contact's statement (صورت حساب): its approved lines in a period, with the balance brought
forward and the running balance, over every account it is the detail of or only its trade
accounts (receivable and payable)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.kit.types import exact_sum
from hesabdar.ledger.core import AccountType
from hesabdar.ledger.models import Account, Document, DocumentLine

ZERO = Decimal("0.0000")
# The accounts a contact's trade with the business goes through: what it owes for sales and
# what the business owes it for purchases.
TRADE_ROLES = (AccountType.ACCOUNTS_RECEIVABLE, AccountType.ACCOUNTS_PAYABLE)


@dataclass(frozen=True)
class StatementLine:
    date: date
    document_number: int
    description: str
    debit: Decimal
    credit: Decimal
    # Debit − credit up to and including this line: above 0 the contact owes the business.
    balance: Decimal


@dataclass(frozen=True)
class Statement:
    start: date
    end: date
    # Debit − credit of every approved line before ``start``.
    opening: Decimal
    lines: list[StatementLine]

    @property
    def debit(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def credit(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debit - self.credit


def _scoped(statement: Any, business_id: int, contact_id: int, all_accounts: bool) -> Any:
    statement = statement.where(
        DocumentLine.business_id == business_id,
        DocumentLine.contact_id == contact_id,
        DocumentLine.is_posted.is_(True),
    )
    if all_accounts:
        return statement
    return statement.join(
        Account,
        (Account.business_id == DocumentLine.business_id) & (Account.id == DocumentLine.account_id),
    ).where(Account.account_type.in_([int(role) for role in TRADE_ROLES]))


def contact_statement(
    session: Session,
    business_id: int,
    contact_id: int,
    start: date,
    end: date,
    *,
    all_accounts: bool,
) -> Statement:
    """The contact's approved lines dated ``start`` to ``end``, oldest first."""
    before = session.execute(
        _scoped(
            select(exact_sum(DocumentLine.debit), exact_sum(DocumentLine.credit)),
            business_id,
            contact_id,
            all_accounts,
        ).where(DocumentLine.date < start)
    ).one()
    opening = (before[0] or ZERO) - (before[1] or ZERO)
    rows = session.execute(
        _scoped(
            select(
                DocumentLine.date,
                Document.number,
                DocumentLine.description,
                Document.description,
                DocumentLine.debit,
                DocumentLine.credit,
            ).join(
                Document,
                (Document.business_id == DocumentLine.business_id)
                & (Document.id == DocumentLine.document_id),
            ),
            business_id,
            contact_id,
            all_accounts,
        )
        .where(DocumentLine.date >= start, DocumentLine.date <= end)
        .order_by(DocumentLine.date, Document.number, DocumentLine.row)
    )
    lines: list[StatementLine] = []
    balance = opening
    for day, number, line_text, document_text, debit, credit in rows:
        balance += debit - credit
        lines.append(
            StatementLine(day, int(number), line_text or document_text, debit, credit, balance)
        )
    return Statement(start, end, opening, lines)
