"""Details (تفصیل) of document lines: contacts, items, banks, cash boxes, petty cash, projects.

Those records belong to other domains, which may import the ledger; so the ledger does not import
them. It states here what it needs of each kind (:class:`DetailLookup`, :class:`ProjectLookup`)
and :mod:`hesabdar.wiring` provides the look-ups at start-up (:func:`provide`). A kind without a
look-up stops the start-up; it never reads as "no such record".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.kit import bulk
from hesabdar.ledger.core import DetailType


@dataclass(frozen=True)
class DetailKind:
    detail_type: DetailType
    # The input field that names the record by its code, and the line column that stores its id.
    code_field: str
    column: str
    # The master-record kind in kit.references.
    reference_kind: str
    label: str


DETAIL_KINDS: dict[DetailType, DetailKind] = {
    kind.detail_type: kind
    for kind in (
        DetailKind(DetailType.CONTACT, "contact_code", "contact_id", "contact", "contact"),
        DetailKind(DetailType.PRODUCT, "product_code", "item_id", "item", "product"),
        DetailKind(DetailType.BANK, "bank_code", "bank_id", "bank", "bank"),
        DetailKind(DetailType.CASH, "cash_code", "cash_id", "cash", "cash box"),
        DetailKind(
            DetailType.PETTY_CASH, "petty_cash_code", "petty_cash_id", "petty_cash", "petty cash"
        ),
    )
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


class DetailLookup(Protocol):
    """What the ledger needs of one kind of detail record."""

    def find(self, session: Session, business_id: int, code: Any) -> tuple[int, str] | None:
        """The id and stored code of the record with this code (``1`` finds ``"0001"``)."""
        ...

    def codes_and_names(
        self, session: Session, business_id: int, ids: list[int]
    ) -> dict[int, tuple[str, str]]:
        """id → (code, name) of the business's records with these ids."""
        ...


class ProjectLookup(Protocol):
    """What the ledger needs of projects, which documents name by title."""

    def find(self, session: Session, business_id: int, title: str) -> tuple[int, str] | None:
        """The id and stored title of the project with this title."""
        ...

    def titles(self, session: Session, business_id: int, ids: list[int]) -> dict[int, str]: ...


# The domains' models are their own classes; the look-ups below only need these columns of them.
_Model = Any


@dataclass(frozen=True)
class CodedLookup:
    """A :class:`DetailLookup` over a domain's find-by-code function and its model (with ``id``,
    ``business_id``, ``code`` and ``name``)."""

    by_code: Callable[[Session, int, Any], Any]
    model: _Model

    def find(self, session: Session, business_id: int, code: Any) -> tuple[int, str] | None:
        record = self.by_code(session, business_id, code)
        return None if record is None else (int(record.id), str(record.code))

    def codes_and_names(
        self, session: Session, business_id: int, ids: list[int]
    ) -> dict[int, tuple[str, str]]:
        model = self.model
        rows = bulk.select_in(
            session,
            select(model.id, model.code, model.name).where(model.business_id == business_id),
            model.id,
            ids,
        )
        return {int(row[0]): (str(row[1]), str(row[2])) for row in rows}


@dataclass(frozen=True)
class TitledLookup:
    """A :class:`ProjectLookup` over a domain's find-by-title function and its model (with
    ``id``, ``business_id`` and ``title``)."""

    by_title: Callable[[Session, int, str], Any]
    model: _Model

    def find(self, session: Session, business_id: int, title: str) -> tuple[int, str] | None:
        record = self.by_title(session, business_id, title)
        return None if record is None else (int(record.id), str(record.title))

    def titles(self, session: Session, business_id: int, ids: list[int]) -> dict[int, str]:
        model = self.model
        rows = bulk.select_in(
            session,
            select(model.id, model.title).where(model.business_id == business_id),
            model.id,
            ids,
        )
        return {int(row[0]): str(row[1]) for row in rows}


@dataclass(frozen=True)
class _Provided:
    details: Mapping[DetailType, DetailLookup]
    projects: ProjectLookup


_provided: _Provided | None = None


def provide(details: Mapping[DetailType, DetailLookup], projects: ProjectLookup) -> None:
    """Called once by :mod:`hesabdar.wiring`; every kind in :data:`DETAIL_KINDS` needs one."""
    global _provided
    missing = sorted(kind.name for kind in DETAIL_KINDS if kind not in details)
    if missing:
        raise RuntimeError(f"No look-up is provided for the ledger's details: {missing}")
    _provided = _Provided(dict(details), projects)


def _wired() -> _Provided:
    if _provided is None:
        raise RuntimeError(
            "The ledger's detail look-ups are not provided: call hesabdar.wiring.wire() at start-up."
        )
    return _provided


def find(session: Session, business_id: int, kind: DetailKind, code: Any) -> tuple[int, str] | None:
    """The id and stored code of the record with this code (``1`` finds ``"0001"``), or None."""
    return _wired().details[kind.detail_type].find(session, business_id, code)


def find_by_code(session: Session, business_id: int, kind: DetailKind, code: Any) -> int | None:
    """The id of the record with this code, or None when there is none."""
    found = find(session, business_id, kind, code)
    return None if found is None else found[0]


def codes_and_names(
    session: Session, business_id: int, kind: DetailKind, ids: Iterable[int]
) -> dict[int, tuple[str, str]]:
    """id → (code, name) for the given records of one kind."""
    wanted = sorted(set(ids))
    lookup = _wired().details[kind.detail_type]
    return lookup.codes_and_names(session, business_id, wanted) if wanted else {}


def find_project_title(session: Session, business_id: int, title: str) -> tuple[int, str] | None:
    """The id and stored title of the project with this title, or None."""
    return _wired().projects.find(session, business_id, title)


def find_project(session: Session, business_id: int, title: str) -> int | None:
    found = find_project_title(session, business_id, title)
    return None if found is None else found[0]


def project_titles(session: Session, business_id: int, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    return _wired().projects.titles(session, business_id, wanted) if wanted else {}
