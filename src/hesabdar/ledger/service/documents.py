"""Manual documents (اسناد دستی): reading, listing, saving and deleting what clients enter
through ``document/*``. System documents change only through ``ledger.posting``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hesabdar.kit.errors import Location, MissingParameter
from hesabdar.kit.listing import ListQuery, Page, QueryField, QueryFields, run_query
from hesabdar.kit.numbers import show
from hesabdar.ledger import core, details
from hesabdar.ledger.core import DocumentStatus
from hesabdar.ledger.errors import (
    DetailNotFound,
    DocumentNotFound,
    HeaderTotalMismatch,
    InvalidValue,
    SystemDocument,
    TooFewTransactions,
)
from hesabdar.ledger.models import Document
from hesabdar.ledger.schemas import MANUAL, DocumentInput
from hesabdar.ledger.service.lookups import RenderedCodes
from hesabdar.ledger.service.resolve import resolve_lines
from hesabdar.ledger.service.validate import checked_lines, ensure_open_dates
from hesabdar.ledger.service.write import (
    WrittenLine,
    document_for_update,
    lock_document_numbers,
    remove_document,
    write_document,
)
from hesabdar.tenancy.models import Business

_DOCUMENT = Location.of("document")


def get_document(session: Session, business_id: int, number: int) -> Document:
    document = session.scalar(
        select(Document)
        .where(Document.business_id == business_id, Document.number == number)
        .options(selectinload(Document.lines))
    )
    if document is None:
        raise DocumentNotFound(number)
    return document


DOCUMENT_FIELDS = QueryFields(
    fields={
        "Id": QueryField(Document.id.expression),
        "Number": QueryField(Document.number.expression),
        "Date": QueryField(Document.date.expression),
        "Status": QueryField(Document.status.expression),
        "Reference": QueryField(Document.reference.expression),
        "Description": QueryField(Document.description.expression),
    },
    search=(Document.description.expression, Document.reference.expression),
    default_sort=(Document.id.expression.asc(),),
)


def list_documents(session: Session, business_id: int, query: ListQuery | None) -> Page:
    return run_query(
        session, select(Document).where(Document.business_id == business_id), DOCUMENT_FIELDS, query
    )


def ensure_manual(document: Document, action: str) -> None:
    if document.source_type != MANUAL:
        source = f"{document.source_type} {document.source_id}"
        raise SystemDocument(
            f"document {document.number} is made by {source} and cannot be {action} here; "
            f"change the {document.source_type} instead.",
            location=Location.of("number"),
        )


def _check_header(data: DocumentInput, totals: core.Totals) -> None:
    # 0 is what form-based clients send for "not filled in", so only a real figure is checked.
    for given, total, name, side in (
        (data.debit, totals.debit, "debit", "debit"),
        (data.credit, totals.credit, "credit", "credit"),
    ):
        if given is not None and given != 0 and given != total:
            raise HeaderTotalMismatch(
                f"{show(given)} differs from the sum of {side} transactions ({show(total)}).",
                location=_DOCUMENT / name,
            )


@dataclass(frozen=True)
class SavedDocument:
    """A saved document with its lines and the codes, paths and project title the answer
    needs, all known from resolving the request."""

    document: Document
    created: bool
    lines: list[WrittenLine]
    lookups: RenderedCodes
    paths: dict[int, str]


def save_document(session: Session, business: Business, data: DocumentInput) -> SavedDocument:
    """Create (number missing or 0, or a number not used yet) or edit (an existing number) a
    manual document. Every read and check comes first, the writes last (``write``), so that
    the row locks they take are held for as short a time as possible before the commit."""
    business_id = business.id
    existing: Document | None = None
    if data.number:
        if data.number < 0:
            raise InvalidValue(
                f"{data.number} is not a document number.", location=_DOCUMENT / "number"
            )
        existing = document_for_update(session, business_id, number=data.number)
        if existing is None:
            # A number the client chose: under the counter's lock, so that no other request
            # creates it meanwhile. Then look again: a request that committed it before the
            # lock was ours makes this an edit.
            lock_document_numbers(session, business_id)
            existing = document_for_update(session, business_id, number=data.number)
        if existing is not None:
            ensure_manual(existing, "edited")
    if data.date is None:
        raise MissingParameter(location=_DOCUMENT / "date")
    status = DocumentStatus.DRAFT if data.status is None else data.status
    if len(data.transactions) < 2:
        raise TooFewTransactions(
            f"a document needs at least two transactions (got {len(data.transactions)}).",
            location=_DOCUMENT / "transactions",
        )
    dated = [(data.date, _DOCUMENT / "date")]
    if existing is not None and existing.date != data.date:
        dated.append((existing.date, _DOCUMENT / "number"))
    ensure_open_dates(session, business_id, dated)
    project_id = None
    projects: dict[int, str] = {}
    if data.project:
        project = details.find_project_title(session, business_id, data.project)
        if project is None:
            raise DetailNotFound(
                f"project '{data.project}' does not exist.", location=_DOCUMENT / "project"
            )
        project_id, projects[project[0]] = project[0], project[1]
    transactions = _DOCUMENT / "transactions"
    resolved = resolve_lines(
        session, business_id, business.currency, data.transactions, transactions
    )
    lines, totals = checked_lines(business_id, resolved, status, transactions)
    _check_header(data, totals)

    created = existing is None
    document = existing or Document(
        business_id=business_id, source_type=MANUAL, number=data.number or None
    )
    written = write_document(
        session,
        document,
        created=created,
        day=data.date,
        reference=data.reference,
        description=data.description,
        project_id=project_id,
        status=status,
        lines=lines,
    )
    codes: dict[str, dict[int, tuple[str, str]]] = {}
    for line in lines:
        for kind in details.CODE_FIELDS:
            record_id = getattr(line, kind.column)
            if record_id is not None:
                codes.setdefault(kind.column, {})[record_id] = (line.detail_code, "")
    return SavedDocument(
        document=document,
        created=created,
        lines=written,
        lookups=RenderedCodes(codes, projects),
        paths={line.account.id: line.account.full_path for line in lines},
    )


def delete_document(session: Session, business_id: int, number: int) -> Document:
    document = document_for_update(session, business_id, number=number)
    if document is None:
        raise DocumentNotFound(number)
    ensure_manual(document, "deleted")
    ensure_open_dates(session, business_id, [(document.date, Location.of("number"))])
    remove_document(session, document)
    return document
