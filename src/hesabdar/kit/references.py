"""Who refers to a master record, so that a referenced record is never deleted.

Domains that hold posted data (ledger lines, invoices, receipts …) register a *referrer* for each
kind of master record they point at. Deleting services call :func:`ensure_unreferenced`, which
asks every referrer and refuses the delete (ErrorCode 190) naming what refers to the record.
This keeps master-data domains free of imports from the domains that use them.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from hesabdar.kit.errors import ObjectInUse

# (session, business_id, record_id) -> a description of the first referrer, e.g. "document 12",
# or None when nothing of this domain refers to the record.
Referrer = Callable[[Session, int, int], str | None]

_REFERRERS: dict[str, list[Referrer]] = {}


def register_referrer(kind: str, referrer: Referrer) -> Referrer:
    """``kind`` is the master record's kind: contact, item, bank, cash, petty_cash, warehouse,
    project, salesman, account."""
    _REFERRERS.setdefault(kind, []).append(referrer)
    return referrer


def referrer(kind: str) -> Callable[[Referrer], Referrer]:
    """Decorator form of :func:`register_referrer`."""

    def decorate(function: Referrer) -> Referrer:
        return register_referrer(kind, function)

    return decorate


def ensure_unreferenced(
    session: Session, kind: str, business_id: int, record_id: int, label: str
) -> None:
    """Raise :class:`ObjectInUse` if anything refers to the record; ``label`` names it."""
    for check in _REFERRERS.get(kind, []):
        user = check(session, business_id, record_id)
        if user is not None:
            raise ObjectInUse(f"{label} cannot be deleted: {user} refers to it.")


def unregister_referrer(kind: str, referrer: Referrer) -> None:
    """Remove a referrer added by :func:`register_referrer` (tests register temporary ones)."""
    checks = _REFERRERS.get(kind, [])
    if referrer in checks:
        checks.remove(referrer)
