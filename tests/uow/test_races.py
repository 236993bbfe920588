"""uow.run: a request that lost a race for a unique key runs again and answers as a single
call would; other refusals are not retried."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hesabdar.db import Database
from hesabdar.kit.errors import ConstraintViolated
from hesabdar.numbering.models import Counter
from hesabdar.uow.unit import RACE_ATTEMPTS, UnitOfWork, run
from tests.conftest import make_business


def test_a_lost_race_runs_again_and_sees_the_winner(database: Database) -> None:
    owner = make_business(database)
    runs: list[str] = []

    def work(unit: UnitOfWork) -> str:
        session = unit.session
        if not runs:
            # Another request creates the same row and commits after this one looked for it
            # (SQLite serializes writers, so the look that missed it is left out here).
            with database.transaction() as other:
                other.add(Counter(business_id=owner.business_id, kind="race", last_value=1))
        else:
            existing = session.scalar(
                select(Counter).where(
                    Counter.business_id == owner.business_id, Counter.kind == "race"
                )
            )
            if existing is not None:
                runs.append("found")
                return "edited"
        runs.append("inserting")
        session.add(Counter(business_id=owner.business_id, kind="race", last_value=2))
        session.flush()
        return "created"

    assert run(database, write=True, work=work) == "edited"
    assert runs == ["inserting", "found"]
    with database.transaction(write=False) as session:
        values = session.scalars(select(Counter.last_value).where(Counter.kind == "race")).all()
    assert values == [1]


def test_a_race_lost_every_time_is_refused_after_the_last_attempt(database: Database) -> None:
    owner = make_business(database)
    runs: list[int] = []

    def work(unit: UnitOfWork) -> None:
        runs.append(len(runs))
        with database.transaction() as other:
            other.add(Counter(business_id=owner.business_id, kind=f"race{len(runs)}"))
        unit.session.add(Counter(business_id=owner.business_id, kind=f"race{len(runs)}"))
        unit.session.flush()

    with pytest.raises(ConstraintViolated) as raised:
        run(database, write=True, work=work)
    assert raised.value.lost_race is True
    assert len(runs) == RACE_ATTEMPTS


def test_other_refusals_are_not_run_again(database: Database) -> None:
    owner = make_business(database)
    runs: list[int] = []

    def work(unit: UnitOfWork) -> None:
        runs.append(1)
        unit.session.add(Counter(business_id=owner.business_id, kind="negative", last_value=-1))
        unit.session.flush()

    with pytest.raises(ConstraintViolated) as raised:
        run(database, write=True, work=work)
    assert raised.value.lost_race is False
    assert str(raised.value).endswith("(ck_counter_not_negative).")
    assert runs == [1]
