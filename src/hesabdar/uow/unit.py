"""One request's transaction: open, authenticate, claim the request id, commit or roll back.

Services only flush; the unit of work commits once, after the facade has rendered its answer, and
rolls back on any error, so a failed request leaves nothing behind. Change hooks are written to
their outbox in the same transaction, just before the commit (:func:`hooks.enqueue`); what must
happen only if the work is kept (waking the hook delivery worker) waits in an after-commit
queue: it runs after a successful commit and is dropped on rollback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

from hesabdar.changes import delivery, hooks
from hesabdar.db import Database
from hesabdar.idempotency import service as idempotency
from hesabdar.kit import integrity
from hesabdar.kit.errors import ConstraintViolated
from hesabdar.tenancy import service as tenancy
from hesabdar.uow.context import RequestContext

log = logging.getLogger("hesabdar.uow")

AfterCommit = Callable[[], object]
T = TypeVar("T")

# How many times a request that lost a race for a unique key is run: the first run and one more
# (the winner has committed by then, so the second run sees its row), and a spare for a third
# request racing the second.
RACE_ATTEMPTS = 3


@dataclass(frozen=True)
class Credentials:
    """Who the caller says it is: the business's key, and a token or a member's password."""

    api_key: str
    login_token: str | None = None
    user_id: str | None = None
    password: str | None = None


class UnitOfWork:
    """Use through :func:`unit_of_work`, which commits, rolls back and closes."""

    def __init__(self, database: Database, *, write: bool) -> None:
        self.session = database.session(write=write)
        self.context: RequestContext | None = None
        self._after_commit: list[AfterCommit] = []

    def authenticate(
        self, credentials: Credentials, *, year_index: int | None = None, via_api: bool = True
    ) -> RequestContext:
        """The caller's business and user, or the tenancy error that refuses it."""
        business, user = tenancy.authenticate(
            self.session,
            api_key=credentials.api_key,
            login_token=credentials.login_token,
            user_id=credentials.user_id,
            password=credentials.password,
        )
        self.context = RequestContext(
            session=self.session,
            business=business,
            user=user,
            year_index=year_index,
            via_api=via_api,
        )
        return self.context

    def act_for(self, business_id: int) -> RequestContext:
        """The context of work that no caller authenticates, done on the business's behalf: a
        public page, or a payment gateway's callback. Its writes are not the API's (the change
        log's ``API`` is false), and what they change is announced to the change hook as any
        request's is."""
        business, owner = tenancy.business_and_owner(self.session, business_id)
        self.context = RequestContext(
            session=self.session, business=business, user=owner, via_api=False
        )
        return self.context

    def once(self, request_id: str | None, key: str, produce: Callable[[], bytes]) -> bytes:
        """The answer ``produce`` renders, applied at most once per ``request_id``: a request id
        already applied gets the first answer's bytes back, and nothing is done again.

        ``key`` names what was called (v1: the method's path), stored with the claim.
        """
        if not request_id:
            return produce()
        business_id = self._business_id()
        claimed = idempotency.claim(self.session, business_id, request_id, key)
        if isinstance(claimed, bytes):
            return claimed
        answer = produce()
        idempotency.complete(self.session, claimed, answer)
        return answer

    def after_commit(self, action: AfterCommit) -> None:
        """Run ``action`` once the work is committed; never if it is rolled back."""
        self._after_commit.append(action)

    def _business_id(self) -> int:
        if self.context is None:
            raise RuntimeError("authenticate the unit of work first")
        return self.context.business_id

    def _commit(self) -> None:
        self.session.flush()
        # The hook deliveries are committed with the work, or rolled back with it.
        if self.context is not None and hooks.enqueue(self.session, self.context.business_id):
            self.after_commit(delivery.wake)
        self.session.commit()

    def _run_after_commit(self) -> None:
        actions, self._after_commit = self._after_commit, []
        for action in actions:
            try:
                action()
            except Exception:
                # The work is committed and the answer stands; a side effect failing must not
                # turn it into an error.
                log.exception("after-commit action failed")

    def _rollback(self) -> None:
        self._after_commit.clear()
        self.session.rollback()


@contextmanager
def unit_of_work(database: Database, *, write: bool) -> Iterator[UnitOfWork]:
    """Commit when the block ends normally, roll back on any error, close in both cases.

    A write the database refuses (a CHECK, unique or foreign-key constraint, or a deferred
    trigger at commit), whether at a flush inside the block or at the commit, is raised as the
    business-rule error :func:`hesabdar.kit.integrity.refused` names, not as an internal error.
    """
    unit = UnitOfWork(database, write=write)
    try:
        try:
            yield unit
            unit._commit()
        except IntegrityError as error:
            unit._rollback()
            raise integrity.refused(error) from error
        except BaseException:
            unit._rollback()
            raise
        unit._run_after_commit()
    finally:
        unit.session.close()


def run(database: Database, *, write: bool, work: Callable[[UnitOfWork], T]) -> T:
    """``work`` in a unit of work, as a single request would see the books.

    Two requests that create the same new record at once (the same code, title or path) both
    find nothing and both insert; the database lets the first commit and refuses the second
    (``lost_race``). Such a request is run again from the start, in a new transaction: it then
    finds the record the other one made and answers as a single call would (an edit, or the
    rule that refuses it). Everything of the failed run was rolled back, and its after-commit
    actions dropped, so running it again repeats nothing.
    """
    for attempt in range(1, RACE_ATTEMPTS + 1):
        try:
            with unit_of_work(database, write=write) as unit:
                return work(unit)
        except ConstraintViolated as error:
            if not error.lost_race or attempt == RACE_ATTEMPTS:
                raise
            log.info("request lost a race for a unique key; running it again (%s)", attempt)
    raise AssertionError("unreachable")
