"""Per-account daily balances, kept in the same transaction as every posting (striped so that
concurrent saves rarely wait on one row); the trial balance reads them."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

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


_DAY_BALANCES = cast(Table, AccountDayBalance.__table__)
_UPSERT_BALANCE = pg_insert(_DAY_BALANCES)
_UPSERT_BALANCE = _UPSERT_BALANCE.on_conflict_do_update(
    index_elements=["business_id", "account_id", "date", "stripe"],
    set_={
        "debit": _DAY_BALANCES.c.debit + _UPSERT_BALANCE.excluded.debit,
        "credit": _DAY_BALANCES.c.credit + _UPSERT_BALANCE.excluded.credit,
        "updated_at": _UPSERT_BALANCE.excluded.updated_at,
    },
)


def stripe_of(session: Session) -> int:
    """The day-balance stripe of this session's transaction: picked once at random, so that
    all rows one transaction touches are in one stripe (locked in key order, no deadlock) and
    concurrent transactions mostly touch different rows."""
    stripe = session.info.get("day_balance_stripe")
    if stripe is None:
        stripe = session.info["day_balance_stripe"] = random.randrange(DAY_BALANCE_STRIPES)
    return int(stripe)


def apply_balances(session: Session, business_id: int, changes: BalanceChanges) -> None:
    """Add posted amounts to the per-day balances, in key order so that concurrent writers
    lock the rows in the same order and never deadlock."""
    keys = sorted(key for key, (debit, credit) in changes.items() if debit or credit)
    if not keys:
        return
    if session.get_bind().dialect.name == "postgresql":
        stripe = stripe_of(session)
        now = utcnow()
        session.execute(
            _UPSERT_BALANCE,
            [
                {
                    "business_id": business_id,
                    "account_id": account_id,
                    "date": day,
                    "stripe": stripe,
                    "debit": changes[(account_id, day)][0],
                    "credit": changes[(account_id, day)][1],
                    "created_at": now,
                    "updated_at": now,
                }
                for account_id, day in keys
            ],
        )
        return
    # SQLite stores amounts as text (adding them in SQL would go through float); writers are
    # serialized there, so read, add exactly in Python, and write back, all in stripe 0.
    for account_id, day in keys:
        debit, credit = changes[(account_id, day)]
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
