"""The delivery worker: sends the outbox's change hooks (:class:`HookDelivery` rows).

Guarantees (the README's "Change hooks" says them to clients):

- At least once, in order per business: only a business's oldest pending delivery is sent, and
  the next one only once it is sent or given up. A delivery whose send was cut (the process
  stopped, the lease ran out) is sent again.
- Retries: a failed attempt (no connection, no answer within the timeout, an answer other than
  2xx, an address refused) waits ``retry_base`` seconds, doubling at each attempt up to
  ``retry_max``. After ``max_attempts`` attempts, or a failed attempt once the delivery is
  ``max_age`` old, it is marked failed and the business's later deliveries go on.
- Isolation: each business's deliveries are sent one by one by one task; tasks for different
  businesses run in a pool of ``workers`` threads, so a slow or dead receiver holds only its own
  business (for at most the timeout per attempt, then its backoff).
- Several processes: a delivery is claimed by a compare-and-set of its lease (``lease_until``
  free or past, ``status`` pending) in a short transaction of its own, so two processes never
  send it at once; a process that dies leaves its lease to expire (``lease_seconds``). No
  transaction is held while sending.
- Nothing of this runs in a request: a commit only wakes the worker (:func:`wake`).

:meth:`HookWorker.deliver_due` does one round (tests call it with their own ``now``); the
background loop started with the app calls it after every wake-up and every ``poll`` seconds,
and prunes old deliveries once an hour. Pending deliveries left by a stopped server are sent
when a worker next starts.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update

from hesabdar.changes import hooks, sending
from hesabdar.changes.addresses import Network
from hesabdar.changes.hooks import FAILED, PENDING, SENT
from hesabdar.changes.models import HookDelivery
from hesabdar.db import Database
from hesabdar.kit.models import utcnow

log = logging.getLogger("hesabdar.hooks")

# Deliveries one business's task sends before it lets others have its thread.
BATCH = 100
# Businesses picked up per round.
BUSINESSES_PER_ROUND = 1000
PRUNE_EVERY = timedelta(hours=1)
MAX_ERROR_LENGTH = 500


@dataclass(frozen=True)
class DeliveryPolicy:
    """How deliveries are sent (from the settings, ``HESABDAR_HOOK_…``)."""

    allowed_networks: tuple[Network, ...] = ()
    timeout: float = 10.0
    retry_base: float = 10.0
    retry_max: float = 3600.0
    max_attempts: int = 30
    max_age: timedelta = timedelta(hours=24)
    workers: int = 8
    poll: float = 5.0
    sent_retention: timedelta = timedelta(days=7)
    failed_retention: timedelta = timedelta(days=30)

    @property
    def lease(self) -> timedelta:
        # Longer than any send (which is cut at `timeout`), with room for the database.
        return timedelta(seconds=2 * self.timeout + 60)

    def backoff(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failed attempt."""
        return timedelta(seconds=min(self.retry_base * 2 ** min(attempts - 1, 40), self.retry_max))


@dataclass(frozen=True)
class Claimed:
    """A delivery this worker holds the lease of, with what to send."""

    id: int
    business_id: int
    token: str
    attempts: int
    created_at: datetime
    url: str | None
    payload: dict[str, object]


_workers: set[HookWorker] = set()
_workers_lock = threading.Lock()


def wake() -> None:
    """Have this process's running workers look for due deliveries now (after a commit)."""
    with _workers_lock:
        workers = list(_workers)
    for worker in workers:
        worker.wake()


class HookWorker:
    """Sends one database's hook deliveries. :meth:`start` runs the background loop."""

    def __init__(self, database: Database, policy: DeliveryPolicy) -> None:
        self.database = database
        self.policy = policy
        self._pool = ThreadPoolExecutor(
            max_workers=max(1, policy.workers), thread_name_prefix="hesabdar-hook"
        )
        self._busy: set[int] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._loop: threading.Thread | None = None
        self._pruned_at: datetime | None = None

    # -- the background loop --------------------------------------------------------------

    def start(self) -> None:
        self._loop = threading.Thread(target=self._run, name="hesabdar-hook-loop", daemon=True)
        self._loop.start()
        with _workers_lock:
            _workers.add(self)

    def stop(self) -> None:
        """Stop looking for deliveries and wait for the sends under way (each is cut at the
        timeout); what is left pending is sent by the next worker to start."""
        with _workers_lock:
            _workers.discard(self)
        self._stopping.set()
        self._wake.set()
        if self._loop is not None:
            self._loop.join()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self.deliver_due(wait=False)
                self._prune_now_and_then()
            except Exception:
                log.exception("change hook delivery round failed")
            self._wake.wait(self.policy.poll)

    def _prune_now_and_then(self) -> None:
        now = utcnow()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = now
        self.prune(now)

    # -- one round ------------------------------------------------------------------------

    def deliver_due(self, now: datetime | None = None, *, wait: bool = True) -> list[Future[int]]:
        """Start a task for every business whose oldest pending delivery is due at ``now``
        (default: the clock, read again at every step) and not leased, unless this worker is
        already sending that business's. ``wait``: return once the tasks are done. Each future
        gives how many deliveries its task sent."""
        at = now or utcnow()
        with self.database.transaction(write=False) as session:
            heads = (
                select(
                    HookDelivery.business_id.label("business_id"),
                    func.min(HookDelivery.id).label("head"),
                )
                .where(HookDelivery.status == PENDING)
                .group_by(HookDelivery.business_id)
                .subquery()
            )
            businesses = list(
                session.scalars(
                    select(HookDelivery.business_id)
                    .join(
                        heads,
                        and_(
                            HookDelivery.business_id == heads.c.business_id,
                            HookDelivery.id == heads.c.head,
                        ),
                    )
                    .where(
                        HookDelivery.next_attempt_at <= at,
                        or_(HookDelivery.lease_until.is_(None), HookDelivery.lease_until <= at),
                    )
                    .order_by(HookDelivery.next_attempt_at, HookDelivery.id)
                    .limit(BUSINESSES_PER_ROUND)
                )
            )
        clock: Callable[[], datetime] = (lambda: now) if now is not None else utcnow
        futures: list[Future[int]] = []
        for business_id in businesses:
            with self._lock:
                if business_id in self._busy:
                    continue
                self._busy.add(business_id)
            try:
                futures.append(self._pool.submit(self._deliver_business, business_id, clock))
            except RuntimeError:  # the pool is shut down: the worker is stopping
                with self._lock:
                    self._busy.discard(business_id)
                break
        if wait:
            for future in futures:
                future.result()
        return futures

    def _deliver_business(self, business_id: int, clock: Callable[[], datetime]) -> int:
        sent = 0
        more = False
        try:
            for _ in range(BATCH):
                if self._stopping.is_set():
                    return sent
                claimed = self._claim_head(business_id, clock())
                if claimed is None:
                    return sent
                outcome = self._send(claimed)
                status = self._record(claimed, outcome, clock())
                if status == SENT:
                    sent += 1
                elif status != FAILED:  # waiting for a retry: the later ones wait too
                    return sent
            more = True  # the batch is used up: the next round continues
            return sent
        except Exception:
            log.exception("change hook delivery for business %s failed", business_id)
            return sent
        finally:
            with self._lock:
                self._busy.discard(business_id)
            if more:
                self.wake()

    def _claim_head(self, business_id: int, now: datetime) -> Claimed | None:
        """The business's oldest pending delivery, leased to this worker, if it is due and no
        one else holds it."""
        with self.database.transaction() as session:
            head = session.scalar(
                select(HookDelivery)
                .where(HookDelivery.business_id == business_id, HookDelivery.status == PENDING)
                .order_by(HookDelivery.id)
                .limit(1)
            )
            if head is None or head.next_attempt_at > now:
                return None
            token = uuid.uuid4().hex
            claim = session.execute(
                update(HookDelivery)
                .where(
                    HookDelivery.business_id == business_id,
                    HookDelivery.id == head.id,
                    HookDelivery.status == PENDING,
                    or_(HookDelivery.lease_until.is_(None), HookDelivery.lease_until <= now),
                )
                .values(lease_until=now + self.policy.lease, lease_token=token)
                .execution_options(synchronize_session=False)
            )
            if getattr(claim, "rowcount", 0) != 1:
                return None
            hook = hooks.get_hook(session, business_id)
            return Claimed(
                id=head.id,
                business_id=business_id,
                token=token,
                attempts=head.attempts,
                created_at=head.created_at,
                url=hook.url if hook else None,
                payload=hooks.body(head, hook.password if hook else ""),
            )

    def _send(self, claimed: Claimed) -> str | None:
        """None when the receiver took it, else why not."""
        if claimed.url is None:
            return "no hook is registered"
        try:
            sending.post(
                claimed.url,
                claimed.payload,
                timeout=self.policy.timeout,
                allowed=self.policy.allowed_networks,
            )
        except sending.SendFailed as failure:
            return str(failure)[:MAX_ERROR_LENGTH]
        return None

    def _record(self, claimed: Claimed, error: str | None, now: datetime) -> str:
        """Store the attempt's outcome; the delivery's new status."""
        attempts = claimed.attempts + 1
        values: dict[str, object] = {
            "attempts": attempts,
            "lease_until": None,
            "lease_token": None,
            "url": claimed.url or "",
            "updated_at": now,
        }
        if error is None:
            values.update(status=SENT, sent_at=now, last_error="")
        else:
            given_up = (
                claimed.url is None
                or attempts >= self.policy.max_attempts
                or now - claimed.created_at >= self.policy.max_age
            )
            values.update(
                status=FAILED if given_up else PENDING,
                next_attempt_at=now + self.policy.backoff(attempts),
                last_error=error,
            )
            log.warning(
                "change hook of business %s, delivery %s, attempt %s: %s%s",
                claimed.business_id,
                claimed.id,
                attempts,
                error,
                " (given up)" if given_up else "",
            )
        with self.database.transaction() as session:
            result = session.execute(
                update(HookDelivery)
                .where(
                    HookDelivery.business_id == claimed.business_id,
                    HookDelivery.id == claimed.id,
                    HookDelivery.lease_token == claimed.token,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 0) != 1:
                # The lease ran out and another worker took the delivery over: its outcome counts.
                return "lost"
        return str(values["status"])

    def prune(self, now: datetime | None = None) -> int:
        """Remove sent deliveries older than the retention, and failed ones older than theirs."""
        at = now or utcnow()
        removed = 0
        while True:
            with self.database.transaction() as session:
                batch = hooks.prune(
                    session,
                    sent_before=at - self.policy.sent_retention,
                    failed_before=at - self.policy.failed_retention,
                )
            removed += batch
            if batch < hooks.PRUNE_BATCH or self._stopping.is_set():
                return removed
