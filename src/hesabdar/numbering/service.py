"""Allocating the next code or number.

``UPDATE counter SET last_value = last_value + 1 … RETURNING`` takes the counter row's lock
until the request commits, so concurrent requests of one business queue here and never get the
same value (on SQLite, writers are serialized by the database lock anyway). Values a client chose
itself are skipped: ``is_taken`` is asked for every candidate.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hesabdar.numbering.models import Counter


def _ensure_counter(session: Session, business_id: int, kind: str) -> None:
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    session.execute(
        insert(Counter)
        .values(business_id=business_id, kind=kind, last_value=0)
        .on_conflict_do_nothing(index_elements=["business_id", "kind"])
    )


def lock(session: Session, business_id: int, kind: str) -> None:
    """Take the counter row's lock without allocating: for a client that chose its own number,
    so that checking the number is free and using it cannot race another request."""
    _ensure_counter(session, business_id, kind)
    session.execute(
        update(Counter)
        .where(Counter.business_id == business_id, Counter.kind == kind)
        .values(last_value=Counter.last_value)
    )


def next_number(
    session: Session,
    business_id: int,
    kind: str,
    is_taken: Callable[[int], bool] = lambda _value: False,
) -> int:
    _ensure_counter(session, business_id, kind)
    while True:
        value = session.execute(
            update(Counter)
            .where(Counter.business_id == business_id, Counter.kind == kind)
            .values(last_value=Counter.last_value + 1)
            .returning(Counter.last_value)
        ).scalar_one()
        if not is_taken(value):
            return int(value)


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
