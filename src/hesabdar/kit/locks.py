"""The order in which a transaction takes row locks, written down and enforced in one place.

Two transactions that lock the same rows in opposite orders can deadlock. Every write that
takes more than one kind of lock takes them in this order (and rows of one kind in key order):

0. ``ATTEMPT``      an online payment's attempt, which a gateway's callback locks before it
                    records the payment (so that two callbacks of one payment record one);
1. ``COUNTER``      a source's own numbering counter (receipt, transfer numbers);
2. ``SOURCE``       the source row (the invoice, receipt or transfer being saved);
3. ``STOCK``        stock rows, by item id;
4. ``NUMBER``       the number of a new invoice or warehouse receipt, taken after its stock is
                    moved, so that the counter every new source of its kind needs is not held
                    while stock rows are waited for and costed;
5. ``DOCUMENT``     the accounting document: its row, and the document counter that numbers it;
6. ``DAY_BALANCE``  the maintained day balances, by account id.

So an invoice that posts its document (invoice → stock → number → document → day balances) can
never wait on a lock that a manual document (document → day balances) holds while that one waits
on the invoice's. The document counter, which every new document of a business needs, is taken
as late as its source allows: it is held from there to the commit. :func:`enter` is called before each lock is taken; taking an earlier stage's
lock after a later one is a programming error, raised at once rather than left to deadlock under
load. On SQLite, writers are serialized and the order is checked all the same.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from sqlalchemy.orm import Session


class LockStage(IntEnum):
    ATTEMPT = 0
    COUNTER = 1
    SOURCE = 2
    STOCK = 3
    NUMBER = 4
    DOCUMENT = 5
    DAY_BALANCE = 6


class LockOrderError(RuntimeError):
    """A lock taken out of :class:`LockStage` order: a bug, never a client's error."""


_KEY = "lock_stage"


def enter(session: Session, stage: LockStage) -> None:
    """Record that this transaction now takes locks of ``stage``; refuse going back a stage."""
    transaction: Any = session.get_transaction()
    held = session.info.get(_KEY)
    if held is not None and held[0] is transaction and held[1] > stage:
        raise LockOrderError(
            f"lock of stage {stage.name} taken after stage {LockStage(held[1]).name}; "
            "locks must follow kit.locks.LockStage order"
        )
    session.info[_KEY] = (transaction, stage)


def current(session: Session) -> LockStage | None:
    """The latest stage this transaction has entered, or None."""
    held = session.info.get(_KEY)
    if held is None or held[0] is not session.get_transaction():
        return None
    return LockStage(held[1])
