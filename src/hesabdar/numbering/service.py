"""Allocating the next code or number.

``UPDATE counter SET last_value = last_value + 1 … RETURNING`` takes the counter row's lock
until the request commits, so concurrent requests of one business queue here and never get the
same value, and numbers stay gapless (a rolled back request gives its value back). Callers
therefore allocate as late as they can: the lock is held from here to the commit. On SQLite,
writers are serialized by the database lock anyway.

Values a client chose itself are skipped: ``is_taken`` is asked for every candidate (the ledger
asks it inside its own allocating statement, see ``ledger.service.documents._insert_numbered``).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hesabdar.kit import locks
from hesabdar.kit.locks import LockStage
from hesabdar.numbering.models import Counter


def _ensure_counter(session: Session, business_id: int, kind: str) -> None:
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    session.execute(
        insert(Counter)
        .values(business_id=business_id, kind=kind, last_value=0)
        .on_conflict_do_nothing(index_elements=["business_id", "kind"])
    )


def lock(
    session: Session, business_id: int, kind: str, stage: LockStage = LockStage.COUNTER
) -> None:
    """Take the counter row's lock without allocating: for a client that chose its own number,
    so that checking the number is free and using it cannot race another request. ``stage``
    places the counter in the lock order (the document counter belongs to the document)."""
    locks.enter(session, stage)
    _ensure_counter(session, business_id, kind)
    session.execute(
        update(Counter)
        .where(Counter.business_id == business_id, Counter.kind == kind)
        .values(last_value=Counter.last_value)
    )


def _advance(session: Session, business_id: int, kind: str) -> int | None:
    value = session.execute(
        update(Counter)
        .where(Counter.business_id == business_id, Counter.kind == kind)
        .values(last_value=Counter.last_value + 1)
        .returning(Counter.last_value)
    ).scalar()
    return None if value is None else int(value)


def next_number(
    session: Session,
    business_id: int,
    kind: str,
    is_taken: Callable[[int], bool] = lambda _value: False,
    stage: LockStage = LockStage.COUNTER,
) -> int:
    """The next value that ``is_taken`` does not refuse."""
    locks.enter(session, stage)
    while True:
        # The counter exists after the first allocation: update first, create only when the
        # update found no row.
        advanced = _advance(session, business_id, kind)
        if advanced is None:
            _ensure_counter(session, business_id, kind)
            advanced = _advance(session, business_id, kind)
            assert advanced is not None  # the row exists now
        if not is_taken(advanced):
            return advanced


def next_code(
    session: Session,
    business_id: int,
    kind: str,
    width: int,
    is_taken: Callable[[str], bool],
) -> str:
    """The next zero-padded code (``"000001"`` for width 6) that no row of this kind uses."""
    number = next_number(
        session, business_id, kind, lambda value: is_taken(str(value).zfill(width))
    )
    return str(number).zfill(width)


def peek(session: Session, business_id: int, kind: str) -> int:
    """The last value handed out, read without the lock: a plan made from it holds only if
    :func:`advance_from` later finds the counter still there."""
    value = session.scalar(
        select(Counter.last_value).where(Counter.business_id == business_id, Counter.kind == kind)
    )
    return int(value or 0)


def advance_from(session: Session, business_id: int, kind: str, expected: int, last: int) -> bool:
    """Move the counter from ``expected`` to ``last`` in one step and keep its lock to the
    commit (a batch's codes ``expected + 1 … last``, allocated at once). False, and no lock,
    when another request has moved it since it was read: the caller plans again."""
    locks.enter(session, LockStage.COUNTER)
    for _attempt in range(2):
        moved = session.execute(
            update(Counter)
            .where(
                Counter.business_id == business_id,
                Counter.kind == kind,
                Counter.last_value == expected,
            )
            .values(last_value=last)
            .returning(Counter.last_value)
        ).first()
        if moved is not None:
            return True
        if expected != 0 or peek(session, business_id, kind) != 0:
            return False
        _ensure_counter(session, business_id, kind)
    return False


def lock_and_read(session: Session, business_id: int, kind: str) -> int:
    """Take the counter's lock (to the commit) and read it: a plan made from the value holds."""
    lock(session, business_id, kind)
    return peek(session, business_id, kind)
