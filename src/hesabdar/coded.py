"""Master records that clients name by a zero-padded code: banks, cash boxes, petty cash,
warehouses, salesmen. One description per kind (:class:`CodedRecords`) carries the rules they
share: look-up by code, the next free code, the change log, and deleting only what nothing uses.

It lives outside ``kit`` because it records changes and draws codes from the numbering counters,
and ``kit`` imports no domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.kit import bulk
from hesabdar.kit.codes import normalize_code
from hesabdar.kit.errors import (
    ConstraintViolated,
    InvalidFieldValue,
    Location,
    MissingParameter,
    ObjectInUse,
    ObjectNotFound,
)
from hesabdar.kit.models import CodedModel
from hesabdar.kit.references import ensure_unreferenced
from hesabdar.numbering.service import next_code

MAX_CODE_LENGTH = 20
# Where a look-up's code is when a request gives nothing but the code (``{code}``).
CODE_AT = Location.of("code")


Row = TypeVar("Row", bound=CodedModel)


class CodedRecordNotFound(ObjectNotFound):
    def __init__(self, label: str, code: str) -> None:
        super().__init__(f"{label} {code} was not found.")
        self.code = code


def required_name(name: str | None, creating: bool, at: Location) -> str | None:
    """The trimmed name; required for a new record, and never blank. None keeps an edit's name.
    ``at`` is the record's location in the request."""
    trimmed = None if name is None else name.strip()
    if trimmed == "" or (creating and trimmed is None):
        raise MissingParameter(location=at / "name")
    return trimmed


@dataclass(frozen=True)
class CodedRecords(Generic[Row]):
    model: type[Row]
    kind: str  # the numbering counter and the kit.references kind
    label: str  # names the record in messages ("Bank 0001 was not found.")
    object_type: str  # the change log's ObjectType
    width: int
    save_action: LogAction
    edit_action: LogAction
    delete_action: LogAction
    max_code_length: int = MAX_CODE_LENGTH
    # The 112 error for an unknown code; by default "<label> <code> was not found."
    not_found: Callable[[str], ObjectNotFound] | None = None

    def _not_found(self, code: str) -> ObjectNotFound:
        return self.not_found(code) if self.not_found else CodedRecordNotFound(self.label, code)

    def get(self, session: Session, business_id: int, code: Any) -> Row | None:
        normalized = normalize_code(code, self.width)
        if not normalized:
            return None
        return session.scalar(
            select(self.model).where(
                self.model.business_id == business_id, self.model.code == normalized
            )
        )

    def require(self, session: Session, business_id: int, code: Any, at: Location = CODE_AT) -> Row:
        """Like :meth:`get`, but 104 naming ``at`` for no code and 112 for an unknown one."""
        normalized = normalize_code(code, self.width)
        if not normalized:
            raise MissingParameter(location=at)
        row = self.get(session, business_id, normalized)
        if row is None:
            raise self._not_found(normalized)
        return row

    def get_by_ids(self, session: Session, business_id: int, ids: Sequence[int]) -> list[Row]:
        """The business's records with these ids, in the order asked, once each; unknown ids
        (another business's included) are skipped."""
        if not ids:
            return []
        found = {
            row.id: row
            for row in bulk.scalars_in(
                session,
                select(self.model).where(self.model.business_id == business_id),
                self.model.id,
                ids,
            )
        }
        return [found[record_id] for record_id in dict.fromkeys(ids) if record_id in found]

    def get_by_codes(
        self, session: Session, business_id: int, codes: Iterable[Any]
    ) -> dict[str, Row]:
        """The business's records with these codes, by stored code (``"123"`` finds ``"000123"``
        under ``"000123"``); unknown codes are left out. Set-based, in chunks."""
        wanted = sorted({code for code in (normalize_code(c, self.width) for c in codes) if code})
        rows = bulk.scalars_in(
            session,
            select(self.model).where(self.model.business_id == business_id),
            self.model.code,
            wanted,
        )
        return {row.code: row for row in rows}

    def list(self, session: Session, business_id: int) -> list[Row]:
        return list(
            session.scalars(
                select(self.model)
                .where(self.model.business_id == business_id)
                .order_by(self.model.code, self.model.id)
            )
        )

    def find_for_save(
        self, session: Session, business_id: int, code: Any, at: Location
    ) -> tuple[Row | None, str]:
        """The record a save edits (None: a new one) and its code; "" asks for the next code.
        ``at`` is the record's location in the request."""
        normalized = normalize_code(code, self.width)
        if len(normalized) > self.max_code_length:
            raise InvalidFieldValue(
                f"at most {self.max_code_length} characters (got {normalized!r}).",
                location=at / "code",
            )
        row = self.get(session, business_id, normalized) if normalized else None
        return row, normalized

    def next_code(self, session: Session, business_id: int) -> str:
        return next_code(
            session,
            business_id,
            self.kind,
            self.width,
            lambda candidate: self.get(session, business_id, candidate) is not None,
        )

    def insert(self, session: Session, row: Row, at: Location) -> None:
        """Add a new record. A concurrent request that created the same code first makes this
        one a lost race: the unit of work runs the request again, and it then edits that
        record, as a single call would (``uow.run``). ``at`` is the record's location."""
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            raise ConstraintViolated(
                f"another request is saving code '{row.code}'; try again.",
                location=at / "code",
                lost_race=True,
            ) from None

    def record_saved(
        self, session: Session, business_id: int, row: Row, *, creating: bool, via_api: bool
    ) -> None:
        session.flush()
        changes.record(
            session,
            business_id,
            self.save_action if creating else self.edit_action,
            self.object_type,
            row.id,
            extra=row.code,
            via_api=via_api,
        )

    def delete(self, session: Session, business_id: int, code: Any, *, via_api: bool) -> None:
        row = self.require(session, business_id, code)
        ensure_unreferenced(session, self.kind, business_id, row.id, f"{self.label} {row.code}")
        changes.record(
            session,
            business_id,
            self.delete_action,
            self.object_type,
            row.id,
            extra=row.code,
            via_api=via_api,
        )
        delete_unless_referenced(session, row, f"{self.label} {row.code}")


def delete_unless_referenced(session: Session, row: object, label: str) -> None:
    """Delete ``row``; if a foreign key still points at it (a save that raced the referrer
    check and committed first), refuse with 190 instead of failing the request with 100."""
    try:
        with session.begin_nested():
            session.delete(row)
            session.flush()
    except IntegrityError:
        raise ObjectInUse(f"{label} cannot be deleted: posted data refers to it.") from None
