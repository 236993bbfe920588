"""The lock order (kit.locks): stages may only move forward within one transaction."""

from __future__ import annotations

import pytest

from hesabdar.db import Database
from hesabdar.kit import locks
from hesabdar.kit.locks import LockOrderError, LockStage


def test_stages_move_forward_and_may_repeat(database: Database) -> None:
    with database.transaction() as session:
        assert locks.current(session) is None
        for stage in (
            LockStage.COUNTER,
            LockStage.SOURCE,
            LockStage.STOCK,
            LockStage.STOCK,
            LockStage.DOCUMENT,
            LockStage.DAY_BALANCE,
        ):
            locks.enter(session, stage)
            assert locks.current(session) is stage


def test_going_back_a_stage_is_refused(database: Database) -> None:
    with database.transaction() as session:
        locks.enter(session, LockStage.DOCUMENT)
        with pytest.raises(LockOrderError, match="COUNTER taken after stage DOCUMENT"):
            locks.enter(session, LockStage.COUNTER)
        assert locks.current(session) is LockStage.DOCUMENT


def test_a_new_transaction_starts_afresh(database: Database) -> None:
    session = database.session(write=True)
    try:
        with session.begin():
            locks.enter(session, LockStage.DAY_BALANCE)
        with session.begin():
            assert locks.current(session) is None
            locks.enter(session, LockStage.COUNTER)
    finally:
        session.close()
