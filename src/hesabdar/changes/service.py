"""Appending to and reading the change log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hesabdar.changes import hooks
from hesabdar.changes.models import Change
from hesabdar.kit import bulk
from hesabdar.kit.models import utcnow

# Enough for a sync round; a client continues from the ``LastId`` it was given.
MAX_CHANGES_PER_CALL = 1000


class LogAction(IntEnum):
    """Hesabfa's LogAction codes (reference §2.2)."""

    CONTACT_SAVE = 31
    CONTACT_EDIT = 32
    CONTACT_DELETE = 33
    CONTACT_MERGE = 34
    PRODUCT_SAVE = 51
    PRODUCT_EDIT = 52
    PRODUCT_DELETE = 53
    IMPORT_PRODUCTS = 101
    IMPORT_CONTACTS = 102
    OPENING_BALANCE_SAVE = 111
    OPENING_BALANCE_EDIT = 112
    SALE_SAVE = 121
    SALE_EDIT = 122
    SALE_DELETE = 123
    SALE_CHANGE_STATUS = 124
    PURCHASE_SAVE = 131
    PURCHASE_EDIT = 132
    PURCHASE_DELETE = 133
    PURCHASE_CHANGE_STATUS = 134
    SALES_RETURN_SAVE = 141
    SALES_RETURN_EDIT = 142
    SALES_RETURN_DELETE = 143
    SALES_RETURN_CHANGE_STATUS = 144
    PURCHASE_RETURN_SAVE = 151
    PURCHASE_RETURN_EDIT = 152
    PURCHASE_RETURN_DELETE = 153
    PURCHASE_RETURN_CHANGE_STATUS = 154
    WASTAGE_SAVE = 161
    WASTAGE_EDIT = 162
    WASTAGE_DELETE = 163
    WAREHOUSE_RECEIPT_SAVE = 261
    WAREHOUSE_RECEIPT_EDIT = 262
    WAREHOUSE_RECEIPT_DELETE = 263
    # hesabdar's own codes, for master data Hesabfa does not log, so that a syncing client sees
    # it too. They start at 1000, clear of Hesabfa's range, and follow its pattern: …1 save,
    # …2 edit, …3 delete.
    BANK_SAVE = 1011
    BANK_EDIT = 1012
    BANK_DELETE = 1013
    CASH_SAVE = 1021
    CASH_EDIT = 1022
    CASH_DELETE = 1023
    PETTY_CASH_SAVE = 1031
    PETTY_CASH_EDIT = 1032
    PETTY_CASH_DELETE = 1033
    WAREHOUSE_SAVE = 1041
    WAREHOUSE_EDIT = 1042
    WAREHOUSE_DELETE = 1043
    PROJECT_SAVE = 1051
    PROJECT_EDIT = 1052
    PROJECT_DELETE = 1053
    SALESMAN_SAVE = 1061
    SALESMAN_EDIT = 1062
    SALESMAN_DELETE = 1063
    CURRENCY_TABLE_SET = 1071
    # Receipts (receive, pay, income, expense, other; an invoice payment is one too). Extra is
    # the receipt's number and Extra2 its type, what receipt/get takes.
    RECEIPT_SAVE = 1111
    RECEIPT_EDIT = 1112
    RECEIPT_DELETE = 1113
    # The business's own settings, from 1500 on.
    INVENTORY_SETTINGS_SET = 1501
    ONLINE_PAYMENT_SET = 1502


def record(
    session: Session,
    business_id: int,
    action: LogAction,
    object_type: str,
    object_id: int,
    *,
    extra: str = "",
    extra2: str = "",
    via_api: bool = True,
) -> Change:
    change = Change(
        business_id=business_id,
        action=int(action),
        object_type=object_type,
        object_id=object_id,
        extra=extra,
        extra2=extra2,
        via_api=via_api,
    )
    session.add(change)
    hooks.remember(session, change)
    return change


@dataclass(frozen=True)
class ChangeEntry:
    """One entry of a bulk save's change log (:func:`record_many`)."""

    action: LogAction
    object_type: str
    object_id: int
    extra: str = ""
    extra2: str = ""
    # Drawn ahead (``kit.bulk.allocate_ids``), or None for the next.
    id: int | None = None


def record_many(
    session: Session,
    business_id: int,
    entries: Sequence[ChangeEntry],
    *,
    via_api: bool = True,
    notify: bool = True,
) -> None:
    """Append ``entries`` in bulk: the same rows :func:`record` writes one by one, with the
    ids drawn ahead for them, or new ones in their order. ``notify=False``: the caller
    announces them itself (:func:`announce`), in the order it wrote them in."""
    if not entries:
        return
    drawn = bulk.allocate_ids(session, Change.__table__, sum(1 for e in entries if e.id is None))
    fresh = iter(drawn)
    ids = [entry.id if entry.id is not None else next(fresh) for entry in entries]
    now = utcnow()
    rows = [
        {
            "id": change_id,
            "business_id": business_id,
            "action": int(entry.action),
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "extra": entry.extra,
            "extra2": entry.extra2,
            "via_api": via_api,
            "created_at": now,
            "updated_at": now,
        }
        for change_id, entry in zip(ids, entries, strict=True)
    ]
    bulk.insert_rows(session, Change.__table__, rows)
    if notify:
        announce(session, business_id, entries)


def announce(session: Session, business_id: int, entries: Sequence[ChangeEntry]) -> None:
    """Queue ``entries`` for the change hook, as :func:`record` does for its one."""
    for entry in entries:
        hooks.remember(
            session,
            hooks.Recorded(business_id, int(entry.action), entry.object_type, entry.object_id),
        )


def changes_after(session: Session, business_id: int, start: int) -> tuple[list[Change], int]:
    """Entries with ``Id > start`` (oldest first, at most MAX_CHANGES_PER_CALL) and the LastId.

    LastId is the id of the last entry returned, or the business's newest id when nothing is
    newer than ``start`` (clients call ``start: 1000000000`` just to learn it).
    """
    rows = list(
        session.scalars(
            select(Change)
            .where(Change.business_id == business_id, Change.id > start)
            .order_by(Change.id)
            .limit(MAX_CHANGES_PER_CALL)
        )
    )
    if rows:
        return rows, rows[-1].id
    newest = session.scalar(select(func.max(Change.id)).where(Change.business_id == business_id))
    return rows, int(newest or 0)
