"""Change hooks (Hesabfa's webhook): what a committed request changed is POSTed to the hook.

``setting/SetChangeHook {url, hookPassword}`` registers a URL. Every save, edit or delete of a
contact, product, invoice, warehouse receipt or receipt is then announced with
``{"Password", "Action", "ObjectType", "ObjectIdList"}``, one POST per action and object type
of a request, as Hesabfa does; the receiver reads the details with ``setting/GetChanges``.

The announcements are an outbox: :func:`enqueue` writes them as :class:`HookDelivery` rows in the
request's own transaction, just before it commits, so a rolled-back request announces nothing and
a committed one is never lost, not even when the server stops before sending. The delivery worker
(:mod:`hesabdar.changes.delivery`) sends them after the commit, in order per business, retrying
with backoff; the request never waits for a receiver. A URL is checked when it is registered and
again at every delivery (:mod:`hesabdar.changes.addresses`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from hesabdar.changes.addresses import AddressRefused, Network, resolve
from hesabdar.changes.models import Change, ChangeHook, HookDelivery
from hesabdar.kit.errors import InvalidFieldValue, Location
from hesabdar.kit.models import utcnow

# Hesabfa's webhook announces products, contacts and invoices; its change log also names
# warehouse receipts and receipts, which are announced too. hesabdar's own codes (banks, …) stay
# in GetChanges.
ANNOUNCED_OBJECT_TYPES = frozenset({"Product", "Contact", "Invoice", "WarehouseReceipt", "Receipt"})
PENDING_KEY = "hesabdar.changes.pending"
# Seconds SetChangeHook waits for the URL's host to resolve.
RESOLVE_SECONDS = 3.0
# Rows removed per statement when pruning, so that a write lock is never held for long.
PRUNE_BATCH = 1000

PENDING, SENT, FAILED = "pending", "sent", "failed"

# Networks the operator allows hook URLs to resolve into (HESABDAR_HOOK_ALLOWED_NETWORKS), set
# when the app starts (:func:`allow_networks`).
_allowed_networks: tuple[Network, ...] = ()


def allow_networks(networks: tuple[Network, ...]) -> None:
    global _allowed_networks
    _allowed_networks = networks


@dataclass(frozen=True)
class Recorded:
    """What a delivery needs of one change-log entry (a bulk save writes rows, not
    :class:`Change` objects)."""

    business_id: int
    action: int
    object_type: str
    object_id: int


def remember(session: Session, change: Change | Recorded) -> None:
    """Called for every change the request records."""
    session.info.setdefault(PENDING_KEY, []).append(change)


def set_hook(session: Session, business_id: int, url: str, password: str) -> None:
    """Register (or, with an empty url, remove) the business's hook."""
    hook = get_hook(session, business_id)
    url = url.strip()
    if not url:
        if hook is not None:
            session.delete(hook)
        session.flush()
        return
    check_url(url, _allowed_networks)
    if hook is None:
        session.add(ChangeHook(business_id=business_id, url=url, password=password))
    else:
        hook.url, hook.password = url, password
    session.flush()


def check_url(url: str, allowed: tuple[Network, ...]) -> None:
    """114 naming ``url`` unless it is an http(s) URL whose host resolves only to addresses hooks
    may be sent to."""
    at = Location.of("url")
    try:
        parsed = urlsplit(url)
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
    except ValueError:
        raise InvalidFieldValue(f"{url!r} is not an http(s) URL.", location=at) from None
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise InvalidFieldValue(f"{url!r} is not an http(s) URL.", location=at)
    try:
        resolve(parsed.hostname, port, allowed, deadline=RESOLVE_SECONDS)
    except AddressRefused as refused:
        raise InvalidFieldValue(
            f"{url!r}: {refused}; change hooks are sent only to public addresses (the operator "
            "may allow a network with HESABDAR_HOOK_ALLOWED_NETWORKS).",
            location=at,
        ) from None


def get_hook(session: Session, business_id: int) -> ChangeHook | None:
    return session.scalar(select(ChangeHook).where(ChangeHook.business_id == business_id))


def enqueue(session: Session, business_id: int) -> int:
    """Write the deliveries for the changes this request recorded, in its transaction; call
    just before the commit. Returns how many were written."""
    changes: list[Change | Recorded] = [
        change
        for change in session.info.pop(PENDING_KEY, [])
        if change.business_id == business_id
        and change.object_type in ANNOUNCED_OBJECT_TYPES
        # A change recorded inside a savepoint that was rolled back is gone.
        and (isinstance(change, Recorded) or sa_inspect(change).persistent)
    ]
    if not changes:
        return 0
    hook = get_hook(session, business_id)
    if hook is None:
        return 0
    grouped: dict[tuple[int, str], list[int]] = {}
    for change in changes:
        ids = grouped.setdefault((change.action, change.object_type), [])
        if change.object_id not in ids:
            ids.append(change.object_id)
    now = utcnow()
    session.add_all(
        HookDelivery(
            business_id=business_id,
            action=action,
            object_type=object_type,
            object_ids=json.dumps(ids),
            status=PENDING,
            attempts=0,
            next_attempt_at=now,
            url=hook.url,
            last_error="",
        )
        for (action, object_type), ids in grouped.items()
    )
    session.flush()
    return len(grouped)


def body(delivery: HookDelivery, password: str) -> dict[str, object]:
    """What is POSTed for ``delivery``."""
    return {
        "Password": password,
        "Action": delivery.action,
        "ObjectType": delivery.object_type,
        "ObjectIdList": json.loads(delivery.object_ids),
    }


def recent_deliveries(
    session: Session, business_id: int, *, failed_only: bool = False, limit: int = 50
) -> list[HookDelivery]:
    """The business's latest deliveries, newest first (only the failed ones if asked)."""
    query = select(HookDelivery).where(HookDelivery.business_id == business_id)
    if failed_only:
        query = query.where(HookDelivery.status == FAILED)
    return list(session.scalars(query.order_by(HookDelivery.id.desc()).limit(limit)))


def prune(session: Session, *, sent_before: datetime, failed_before: datetime) -> int:
    """Remove deliveries sent before ``sent_before`` and failed ones last tried before
    ``failed_before`` (at most PRUNE_BATCH of each); how many were removed."""
    removed = 0
    for status, column, before in (
        (SENT, HookDelivery.sent_at, sent_before),
        (FAILED, HookDelivery.updated_at, failed_before),
    ):
        ids = (
            select(HookDelivery.id)
            .where(HookDelivery.status == status, column < before)
            .limit(PRUNE_BATCH)
            .scalar_subquery()
        )
        result = session.execute(
            delete(HookDelivery)
            .where(HookDelivery.id.in_(ids))
            .execution_options(synchronize_session=False)
        )
        removed += int(getattr(result, "rowcount", 0) or 0)
    return removed
