"""The unit of work every facade runs a request in: commit, rollback, after-commit, replay."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hesabdar.changes import service as changes
from hesabdar.changes.models import Change
from hesabdar.changes.service import LogAction
from hesabdar.db import Database
from hesabdar.idempotency.models import AppliedRequest
from hesabdar.kit.errors import BusinessNotFound, ConstraintViolated, ErrorCode, ObjectNotFound
from hesabdar.tenancy.service import BusinessCredentials
from hesabdar.uow.context import RequestContext
from hesabdar.uow.unit import Credentials, unit_of_work
from tests.conftest import make_business


def _caller(owner: BusinessCredentials) -> Credentials:
    return Credentials(api_key=owner.api_key, login_token=owner.login_token)


def _change_count(database: Database) -> int:
    with database.transaction(write=False) as session:
        return session.scalar(select(func.count()).select_from(Change)) or 0


def _record_change(ctx: RequestContext) -> None:
    changes.record(ctx.session, ctx.business_id, LogAction.CONTACT_SAVE, "Contact", 1, extra="x")


def test_the_work_is_committed_before_after_commit_actions_run(database: Database) -> None:
    owner = make_business(database)
    seen: list[int] = []
    with unit_of_work(database, write=True) as unit:
        ctx = unit.authenticate(_caller(owner))
        _record_change(ctx)
        unit.after_commit(lambda: seen.append(_change_count(database)))
        assert seen == []
    assert seen == [1]


def test_an_error_rolls_back_and_drops_after_commit_actions(database: Database) -> None:
    owner = make_business(database)
    seen: list[str] = []

    def fail_after_a_change() -> None:
        with unit_of_work(database, write=True) as unit:
            _record_change(unit.authenticate(_caller(owner)))
            unit.after_commit(lambda: seen.append("ran"))
            raise ObjectNotFound("nothing here")

    with pytest.raises(ObjectNotFound):
        fail_after_a_change()
    assert seen == []
    assert _change_count(database) == 0


def test_a_failing_after_commit_action_does_not_undo_the_answer(database: Database) -> None:
    owner = make_business(database)

    def fail() -> None:
        raise OSError("receiver down")

    with unit_of_work(database, write=True) as unit:
        _record_change(unit.authenticate(_caller(owner)))
        unit.after_commit(fail)
    assert _change_count(database) == 1


@pytest.mark.parametrize("flush_inside", [True, False], ids=["at a flush", "at the commit"])
def test_a_write_the_database_refuses_is_a_business_rule_error(
    database: Database, flush_inside: bool
) -> None:
    owner = make_business(database)

    def write_twice() -> None:
        with unit_of_work(database, write=True) as unit:
            ctx = unit.authenticate(_caller(owner))
            _record_change(ctx)
            for _ in range(2):
                ctx.session.add(
                    AppliedRequest(business_id=ctx.business_id, request_id="same", method="m")
                )
            if flush_inside:
                ctx.session.flush()

    with pytest.raises(ConstraintViolated) as refused:
        write_twice()
    assert refused.value.error_code == ErrorCode.APPLICATION_ERROR
    assert refused.value.message.startswith("The books refuse this write")
    assert _change_count(database) == 0


def test_a_request_id_already_applied_gets_the_first_answer(database: Database) -> None:
    owner = make_business(database)
    with unit_of_work(database, write=True) as unit:
        unit.authenticate(_caller(owner))
        assert unit.once("r-1", "/v1/contact/save", lambda: b"first") == b"first"

    def again() -> bytes:
        raise AssertionError("a replay must not do the work again")

    with unit_of_work(database, write=True) as unit:
        unit.authenticate(_caller(owner))
        assert unit.once("r-1", "/v1/contact/save", again) == b"first"
        # Without a request id the work is always done.
        assert unit.once(None, "/v1/contact/save", lambda: b"second") == b"second"


def test_a_rolled_back_request_leaves_its_request_id_free(database: Database) -> None:
    owner = make_business(database)

    def fail() -> bytes:
        raise ObjectNotFound("nothing here")

    def claim_and_fail() -> None:
        with unit_of_work(database, write=True) as unit:
            unit.authenticate(_caller(owner))
            unit.once("r-1", "/v1/contact/save", fail)

    with pytest.raises(ObjectNotFound):
        claim_and_fail()
    with unit_of_work(database, write=True) as unit:
        unit.authenticate(_caller(owner))
        assert unit.once("r-1", "/v1/contact/save", lambda: b"done") == b"done"


def test_an_unknown_key_is_refused_and_the_context_names_the_caller(database: Database) -> None:
    owner = make_business(database)
    with pytest.raises(BusinessNotFound), unit_of_work(database, write=False) as unit:
        unit.authenticate(Credentials(api_key="wrong", login_token=owner.login_token))
    with unit_of_work(database, write=False) as unit:
        ctx = unit.authenticate(_caller(owner), year_index=2)
        assert (ctx.business_id, ctx.year_index, ctx.via_api) == (owner.business_id, 2, True)
        assert ctx.user.email == owner.user_id
