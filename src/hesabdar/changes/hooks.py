"""Change hooks (Hesabfa's webhook): after a request commits, POST what it changed.

``setting/SetChangeHook {url, hookPassword}`` registers a URL. Every save, edit or delete of a
contact, product or invoice is then announced with
``{"Password", "Action", "ObjectType", "ObjectIdList"}``, one POST per action and object type, as
Hesabfa does; the receiver reads the details with ``setting/GetChanges``. Notifications are built
before the commit (so they read the hook inside the request's transaction) and sent only after
it, from a small thread pool: a rolled-back request announces nothing, and a slow receiver never
holds a request. Delivery is one attempt with a timeout; a failure is logged, and the change log
remains the record a client can always catch up from.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.changes.models import Change, ChangeHook
from hesabdar.kit.errors import InvalidFieldValue, Location

# Hesabfa's webhook announces only these; hesabdar's own codes (banks, …) stay in GetChanges.
ANNOUNCED_OBJECT_TYPES = frozenset({"Product", "Contact", "Invoice"})
PENDING_KEY = "hesabdar.changes.pending"
TIMEOUT_SECONDS = 10

log = logging.getLogger("hesabdar.hooks")
_sender = ThreadPoolExecutor(max_workers=4, thread_name_prefix="hesabdar-hook")


@dataclass(frozen=True)
class Notification:
    url: str
    body: dict[str, object]


@dataclass(frozen=True)
class Recorded:
    """What a notification needs of one change-log entry (a bulk save writes rows, not
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
    hook = session.scalar(select(ChangeHook).where(ChangeHook.business_id == business_id))
    url = url.strip()
    if not url:
        if hook is not None:
            session.delete(hook)
        session.flush()
        return
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InvalidFieldValue(f"{url!r} is not an http(s) URL.", location=Location.of("url"))
    if hook is None:
        session.add(ChangeHook(business_id=business_id, url=url, password=password))
    else:
        hook.url, hook.password = url, password
    session.flush()


def get_hook(session: Session, business_id: int) -> ChangeHook | None:
    return session.scalar(select(ChangeHook).where(ChangeHook.business_id == business_id))


def pending_notifications(session: Session, business_id: int) -> list[Notification]:
    """What to announce for the changes this request recorded; call before the commit."""
    changes: list[Change | Recorded] = [
        change
        for change in session.info.pop(PENDING_KEY, [])
        if change.business_id == business_id and change.object_type in ANNOUNCED_OBJECT_TYPES
    ]
    if not changes:
        return []
    hook = get_hook(session, business_id)
    if hook is None:
        return []
    grouped: dict[tuple[int, str], list[int]] = {}
    for change in changes:
        ids = grouped.setdefault((change.action, change.object_type), [])
        if change.object_id not in ids:
            ids.append(change.object_id)
    return [
        Notification(
            hook.url,
            {
                "Password": hook.password,
                "Action": action,
                "ObjectType": object_type,
                "ObjectIdList": ids,
            },
        )
        for (action, object_type), ids in grouped.items()
    ]


def send(notifications: list[Notification]) -> list[Future[None]]:
    """Send after the commit, in the background."""
    return [_sender.submit(_post, notification) for notification in notifications]


def _post(notification: Notification) -> None:
    request = urllib.request.Request(
        notification.url,
        data=json.dumps(notification.body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            response.read()
    except OSError as error:
        log.warning("change hook %s failed: %s", notification.url, error)
