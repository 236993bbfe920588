"""Master records that clients name by a zero-padded code: banks, cash boxes, petty cash,
warehouses, salesmen. One description per kind (:class:`CodedRecords`) carries the rules they
share: look-up by code, the next free code, the change log, and deleting only what nothing uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.kit.codes import normalize_code
from hesabdar.kit.errors import MissingParameter, ObjectNotFound, ParameterOutOfRange
from hesabdar.kit.models import CodedModel
from hesabdar.kit.references import ensure_unreferenced
from hesabdar.numbering.service import next_code

MAX_CODE_LENGTH = 20


Row = TypeVar("Row", bound=CodedModel)


class CodedRecordNotFound(ObjectNotFound):
    def __init__(self, label: str, code: str) -> None:
        super().__init__(f"{label} {code} was not found.")
        self.code = code


def required_name(name: str | None, creating: bool, where: str) -> str | None:
    """The trimmed name; required for a new record, and never blank. None keeps an edit's name."""
    trimmed = None if name is None else name.strip()
    if trimmed == "" or (creating and trimmed is None):
        raise MissingParameter(f"{where}.Name")
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

    def get(self, session: Session, business_id: int, code: Any) -> Row | None:
        normalized = normalize_code(code, self.width)
        if not normalized:
            return None
        return session.scalar(
            select(self.model).where(
                self.model.business_id == business_id, self.model.code == normalized
            )
        )

    def list(self, session: Session, business_id: int) -> list[Row]:
        return list(
            session.scalars(
                select(self.model)
                .where(self.model.business_id == business_id)
                .order_by(self.model.code, self.model.id)
            )
        )

    def find_for_save(
        self, session: Session, business_id: int, code: Any, where: str
    ) -> tuple[Row | None, str]:
        """The record a save edits (None: a new one) and its code; "" asks for the next code."""
        normalized = normalize_code(code, self.width)
        if len(normalized) > MAX_CODE_LENGTH:
            raise ParameterOutOfRange(
                f"Invalid value for {where}.Code: at most {MAX_CODE_LENGTH} characters "
                f"(got {normalized!r})."
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
        normalized = normalize_code(code, self.width)
        if not normalized:
            raise MissingParameter("code")
        row = self.get(session, business_id, normalized)
        if row is None:
            raise CodedRecordNotFound(self.label, normalized)
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
        session.delete(row)
        session.flush()
