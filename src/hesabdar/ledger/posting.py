"""The one entry point for system documents: what invoices, receipts, transfers and warehouse
moves post to the ledger, as strict as a manual document.

A source (``SourceRef``: its kind, declared by its own domain, and its id) has at most one
system document, kept in step with it in the source's own transaction: :func:`post` creates it
or rebuilds it in place (same number, new lines, balances moved), :func:`unpost` removes it.
Both check the same rules as ``document/save``: amounts rounded to the ledger's scale first,
then every line rule (leaf account of the business, a side, amounts above zero, exactly the
detail the account requires, details of this business), then the balance of what is written;
and every date the write touches, old and new, in an open fiscal year. The database holds the
same invariants (CHECK constraints, a unique index per source, on PostgreSQL a deferred trigger
on the sums).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from hesabdar.kit.errors import Location
from hesabdar.ledger import details
from hesabdar.ledger.core import DocumentStatus
from hesabdar.ledger.errors import DetailNotFound, InvalidValue
from hesabdar.ledger.models import Document
from hesabdar.ledger.schemas import PostingLine, SourceKind, SourceRef
from hesabdar.ledger.service.validate import checked_lines, ensure_open_dates
from hesabdar.ledger.service.write import (
    DocumentWrite,
    document_for_update,
    remove_document,
    write_document,
    write_documents,
)
from hesabdar.tenancy.models import Business

__all__ = [
    "DocumentHeader",
    "PostingLine",
    "SourceKind",
    "SourceRef",
    "SystemDocument",
    "post",
    "post_many",
    "unpost",
]

_AT = Location.of("document")


@dataclass(frozen=True)
class DocumentHeader:
    """What a source's document looks like besides its lines."""

    date: date
    description: str = ""
    reference: str = ""
    project_id: int | None = None
    status: DocumentStatus = DocumentStatus.APPROVED


def _ensure_details_exist(session: Session, business_id: int, lines: Sequence[PostingLine]) -> None:
    """Every detail a line names is a record of this business (the foreign keys alone would
    accept another business's record)."""
    for kind in details.CODE_FIELDS:
        wanted = {getattr(line, kind.column) for line in lines} - {None}
        if not wanted:
            continue
        found = details.codes_and_names(session, business_id, kind, wanted)
        for row, line in enumerate(lines):
            record_id = getattr(line, kind.column)
            if record_id is not None and record_id not in found:
                raise DetailNotFound(
                    f"{kind.label} {record_id} does not exist.",
                    location=_AT / "lines" / row / kind.column,
                )


def _checked(
    session: Session, business: Business, document: DocumentHeader, lines: Sequence[PostingLine]
) -> list[PostingLine]:
    in_currency = [
        line if line.currency else replace(line, currency=business.currency) for line in lines
    ]
    checked, _totals = checked_lines(business.id, in_currency, document.status, _AT / "lines")
    _ensure_details_exist(session, business.id, checked)
    return checked


def post(
    session: Session,
    business: Business,
    source: SourceRef,
    document: DocumentHeader,
    lines: Sequence[PostingLine],
) -> Document:
    """Create or rebuild the system document of ``source``. Call it as late as the source's own
    writes allow: a new document's number is allocated here, and the counter stays locked to
    the commit."""
    if source.id <= 0:
        raise InvalidValue(f"{source} is not a saved record.", location=_AT / "source")
    checked = _checked(session, business, document, lines)
    existing = document_for_update(session, business.id, source=(source.kind.code, source.id))
    dated = [(document.date, _AT / "date")]
    if existing is not None and existing.date != document.date:
        dated.append((existing.date, _AT / "date"))
    ensure_open_dates(session, business.id, dated)
    target = existing or Document(
        business_id=business.id, source_type=source.kind.code, source_id=source.id
    )
    write_document(
        session,
        target,
        created=existing is None,
        day=document.date,
        reference=document.reference,
        description=document.description,
        project_id=document.project_id,
        status=document.status,
        lines=checked,
    )
    return target


def unpost(session: Session, business: Business, source: SourceRef) -> bool:
    """Remove the system document of ``source``, if it has one; True when one was removed. A
    document dated in a closed fiscal year stays, and the request is refused (190)."""
    existing = document_for_update(session, business.id, source=(source.kind.code, source.id))
    if existing is None:
        return False
    ensure_open_dates(session, business.id, [(existing.date, _AT / "date")])
    remove_document(session, existing)
    return True


@dataclass(frozen=True)
class SystemDocument:
    """One source's document for :func:`post_many`: its header and lines, or, with no header,
    none (the document it had is removed)."""

    source: SourceRef
    header: DocumentHeader | None
    lines: Sequence[PostingLine] = ()


def post_many(session: Session, business: Business, documents: Sequence[SystemDocument]) -> None:
    """Post, rebuild or remove the documents of several sources in one transaction: a source and
    the sources it changed (an earlier-dated invoice edit re-costs later sales). Every document
    is checked first, as :func:`post` checks one; then the locks follow ``kit.locks``: the
    documents' rows, in the order of their sources, and the document counter for the new ones,
    then the day balances of them all at once, by account id. Separate :func:`post` calls would
    lock a day balance before the next document, which could deadlock with another writer."""
    checked: dict[SourceRef, tuple[DocumentHeader | None, list[PostingLine]]] = {}
    for document in documents:
        if document.source.id <= 0:
            raise InvalidValue(f"{document.source} is not a saved record.", location=_AT / "source")
        if document.source in checked:
            raise InvalidValue(f"{document.source} is given twice.", location=_AT / "source")
        lines = (
            []
            if document.header is None
            else _checked(session, business, document.header, document.lines)
        )
        checked[document.source] = (document.header, lines)
    writes: list[DocumentWrite] = []
    for source in sorted(checked, key=lambda ref: (ref.kind.code, ref.id)):
        header, lines = checked[source]
        existing = document_for_update(session, business.id, source=(source.kind.code, source.id))
        dated = [] if header is None else [(header.date, _AT / "date")]
        if existing is not None and (header is None or existing.date != header.date):
            dated.append((existing.date, _AT / "date"))
        ensure_open_dates(session, business.id, dated)
        if header is None:
            if existing is not None:
                writes.append(DocumentWrite(existing, created=False, day=existing.date, lines=None))
            continue
        writes.append(
            DocumentWrite(
                existing
                or Document(
                    business_id=business.id, source_type=source.kind.code, source_id=source.id
                ),
                created=existing is None,
                day=header.date,
                reference=header.reference,
                description=header.description,
                project_id=header.project_id,
                status=header.status,
                lines=lines,
            )
        )
    write_documents(session, business.id, writes)
