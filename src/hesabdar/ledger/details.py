"""Details (تفصیل) of document lines: contacts, items, banks, cash boxes, petty cash, projects.

Those records belong to other domains. They are reached through their services and models,
imported when first used, so the ledger does not depend on them at import time (and the other
domains may import the ledger).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.ledger.core import DetailType


@dataclass(frozen=True)
class DetailKind:
    detail_type: DetailType
    # The request field that carries the code, and the line column that stores the id.
    field: str
    column: str
    # The master-record kind in kit.references.
    reference_kind: str
    label: str
    module: str
    model: str
    service: str
    lookup: str


DETAIL_KINDS: dict[DetailType, DetailKind] = {
    DetailType.CONTACT: DetailKind(
        DetailType.CONTACT,
        "contactCode",
        "contact_id",
        "contact",
        "contact",
        "hesabdar.contacts.models",
        "Contact",
        "hesabdar.contacts.service",
        "get_by_code",
    ),
    DetailType.PRODUCT: DetailKind(
        DetailType.PRODUCT,
        "productCode",
        "item_id",
        "item",
        "product",
        "hesabdar.items.models",
        "Item",
        "hesabdar.items.service",
        "get_by_code",
    ),
    DetailType.BANK: DetailKind(
        DetailType.BANK,
        "bankCode",
        "bank_id",
        "bank",
        "bank",
        "hesabdar.treasury.models",
        "Bank",
        "hesabdar.treasury.service",
        "get_bank_by_code",
    ),
    DetailType.CASH: DetailKind(
        DetailType.CASH,
        "cashCode",
        "cash_id",
        "cash",
        "cash box",
        "hesabdar.treasury.models",
        "Cash",
        "hesabdar.treasury.service",
        "get_cash_by_code",
    ),
    DetailType.PETTY_CASH: DetailKind(
        DetailType.PETTY_CASH,
        "pettyCashCode",
        "petty_cash_id",
        "petty_cash",
        "petty cash",
        "hesabdar.treasury.models",
        "PettyCash",
        "hesabdar.treasury.service",
        "get_petty_cash_by_code",
    ),
}

# The code fields of a transaction, in the order Hesabfa lists them.
CODE_FIELDS: tuple[DetailKind, ...] = tuple(
    DETAIL_KINDS[kind]
    for kind in (
        DetailType.CONTACT,
        DetailType.PRODUCT,
        DetailType.BANK,
        DetailType.CASH,
        DetailType.PETTY_CASH,
    )
)


def _attribute(module: str, name: str) -> Any | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def find_by_code(session: Session, business_id: int, kind: DetailKind, code: Any) -> int | None:
    """The id of the record with this code, or None when there is none."""
    lookup: Callable[..., Any] | None = _attribute(kind.service, kind.lookup)
    if lookup is None:
        return None
    record = lookup(session, business_id, code)
    return None if record is None else int(record.id)


def find(session: Session, business_id: int, kind: DetailKind, code: Any) -> tuple[int, str] | None:
    """The id and stored code of the record with this code (``1`` finds ``"0001"``), or None."""
    lookup: Callable[..., Any] | None = _attribute(kind.service, kind.lookup)
    if lookup is None:
        return None
    record = lookup(session, business_id, code)
    return None if record is None else (int(record.id), str(record.code))


def codes_and_names(
    session: Session, business_id: int, kind: DetailKind, ids: Iterable[int]
) -> dict[int, tuple[str, str]]:
    """id → (code, name) for the given records of one kind."""
    wanted = sorted(set(ids))
    model = _attribute(kind.module, kind.model)
    if not wanted or model is None:
        return {}
    rows = session.execute(
        select(model.id, model.code, model.name).where(
            model.business_id == business_id, model.id.in_(wanted)
        )
    )
    return {int(row[0]): (str(row[1]), str(row[2])) for row in rows}


def find_project(session: Session, business_id: int, title: str) -> int | None:
    lookup: Callable[..., Any] | None = _attribute(
        "hesabdar.projects.service", "get_project_by_title"
    )
    if lookup is None:
        return None
    record = lookup(session, business_id, title)
    return None if record is None else int(record.id)


def find_project_title(session: Session, business_id: int, title: str) -> tuple[int, str] | None:
    """The id and stored title of the project with this title, or None."""
    lookup: Callable[..., Any] | None = _attribute(
        "hesabdar.projects.service", "get_project_by_title"
    )
    if lookup is None:
        return None
    record = lookup(session, business_id, title)
    return None if record is None else (int(record.id), str(record.title))


def project_titles(session: Session, business_id: int, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    model = _attribute("hesabdar.projects.models", "Project")
    if not wanted or model is None:
        return {}
    rows = session.execute(
        select(model.id, model.title).where(model.business_id == business_id, model.id.in_(wanted))
    )
    return {int(row[0]): str(row[1]) for row in rows}
