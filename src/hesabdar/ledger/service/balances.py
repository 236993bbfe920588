"""Per-account daily balances, kept in the same transaction as every posting (striped so that
concurrent saves rarely wait on one row); the trial balance reads them."""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from hesabdar.kit import locks
from hesabdar.kit.locks import LockStage
from hesabdar.kit.models import utcnow
from hesabdar.ledger import core
from hesabdar.ledger.models import (
    DAY_BALANCE_STRIPES,
    AccountDayBalance,
    Document,
    DocumentLine,
)

BalanceChanges = dict[tuple[int, date], tuple[Decimal, Decimal]]


def add_change(
    changes: BalanceChanges, account_id: int, day: date, debit: Decimal, credit: Decimal
) -> None:
    old_debit, old_credit = changes.get((account_id, day), (core.ZERO, core.ZERO))
    changes[(account_id, day)] = (old_debit + debit, old_credit + credit)


def stored_postings(session: Session, document: Document, sign: int) -> BalanceChanges:
    """The posted amounts of the document's stored lines, per account and day (times sign)."""
    changes: BalanceChanges = {}
    rows = session.execute(
        select(
            DocumentLine.account_id, DocumentLine.date, DocumentLine.debit, DocumentLine.credit
        ).where(
            DocumentLine.business_id == document.business_id,
            DocumentLine.document_id == document.id,
            DocumentLine.is_posted.is_(True),
        )
    )
    for account_id, day, debit, credit in rows:
        add_change(changes, int(account_id), day, sign * debit, sign * credit)
    return changes


def stripe_of(session: Session) -> int:
    """The day-balance stripe of this session's transaction: picked once at random, so that
    all rows one transaction touches are in one stripe (locked in key order, no deadlock) and
    concurrent transactions mostly touch different rows."""
    stripe = session.info.get("day_balance_stripe")
    if stripe is None:
        stripe = session.info["day_balance_stripe"] = random.randrange(DAY_BALANCE_STRIPES)
    return int(stripe)


def upsert_sql(source: str = "") -> str:
    """PostgreSQL: add the changes bound by :func:`upsert_parameters` to the day balances, in
    key order so that concurrent writers lock the rows in the same order and never deadlock.
    ``source`` prefixes the row source (the numbered insert joins its ``created`` row, so that
    nothing is written when no document was)."""
    return f"""
INSERT INTO {AccountDayBalance.__tablename__} AS balance (business_id, account_id, date,
    stripe, debit, credit, created_at, updated_at)
SELECT CAST(:business_id AS bigint), change.account_id, change.day, CAST(:stripe AS smallint),
    change.debit, change.credit, CAST(:now AS timestamp), CAST(:now AS timestamp)
FROM {source} unnest(
    CAST(:balance_accounts AS bigint[]), CAST(:balance_days AS date[]),
    CAST(:balance_debits AS numeric[]), CAST(:balance_credits AS numeric[])
) AS change(account_id, day, debit, credit)
ORDER BY change.account_id, change.day
ON CONFLICT (business_id, account_id, date, stripe) DO UPDATE SET
    debit = balance.debit + excluded.debit,
    credit = balance.credit + excluded.credit,
    updated_at = excluded.updated_at
"""


def upsert_parameters(
    session: Session, business_id: int, changes: BalanceChanges, now: datetime
) -> dict[str, Any]:
    keys = sorted(key for key, (debit, credit) in changes.items() if debit or credit)
    return {
        "business_id": business_id,
        "stripe": stripe_of(session),
        "now": now,
        "balance_accounts": [account_id for account_id, _day in keys],
        "balance_days": [day for _account_id, day in keys],
        "balance_debits": [changes[key][0] for key in keys],
        "balance_credits": [changes[key][1] for key in keys],
    }


_UPSERT = text(upsert_sql())


def apply_balances(session: Session, business_id: int, changes: BalanceChanges) -> None:
    """Add posted amounts to the per-day balances."""
    if not any(debit or credit for debit, credit in changes.values()):
        return
    locks.enter(session, LockStage.DAY_BALANCE)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_UPSERT, upsert_parameters(session, business_id, changes, utcnow()))
        return
    # SQLite stores amounts as text (adding them in SQL would go through float); writers are
    # serialized there, so read, add exactly in Python, and write back, all in stripe 0.
    for account_id, day in sorted(changes):
        debit, credit = changes[(account_id, day)]
        if not (debit or credit):
            continue
        row = session.scalar(
            select(AccountDayBalance).where(
                AccountDayBalance.business_id == business_id,
                AccountDayBalance.account_id == account_id,
                AccountDayBalance.date == day,
                AccountDayBalance.stripe == 0,
            )
        )
        if row is None:
            session.add(
                AccountDayBalance(
                    business_id=business_id,
                    account_id=account_id,
                    date=day,
                    stripe=0,
                    debit=debit,
                    credit=credit,
                )
            )
        else:
            row.debit += debit
            row.credit += credit
    session.flush()
