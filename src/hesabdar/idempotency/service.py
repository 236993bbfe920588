"""Claiming a request id before the work, so that a racing duplicate waits and then replays.

The claim inserts the ``(business_id, method, request_id)`` row first, inside a savepoint. On PostgreSQL
a second request with the same id blocks on the unique index until the first commits, then gets
the unique violation and reads the first one's stored response; if the first rolled back, the
second's insert simply succeeds and it does the work itself. On SQLite writers are serialized.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hesabdar.idempotency.models import AppliedRequest


def stored_response(
    session: Session, business_id: int, request_id: str, method: str
) -> bytes | None:
    return session.scalar(
        select(AppliedRequest.response).where(
            AppliedRequest.business_id == business_id,
            AppliedRequest.method == method,
            AppliedRequest.request_id == request_id,
        )
    )


def claim(
    session: Session, business_id: int, request_id: str, method: str
) -> AppliedRequest | bytes:
    """The new claim, or the stored response of the request to the same method that got there
    first. Applied requests are kept (Hesabfa's clients retry an order's calls for a day)."""
    stored = stored_response(session, business_id, request_id, method)
    if stored is not None:
        return stored
    applied = AppliedRequest(business_id=business_id, request_id=request_id, method=method)
    try:
        with session.begin_nested():
            session.add(applied)
            session.flush()
    except IntegrityError:
        stored = stored_response(session, business_id, request_id, method)
        if stored is None:  # the winner is committed, so its response is there
            raise
        return stored
    return applied


def complete(session: Session, applied: AppliedRequest, response: bytes) -> None:
    applied.response = response
    session.flush()
