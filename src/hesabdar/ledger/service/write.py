"""Writing checked documents: numbering, the document row, its lines and the day balances, in
the lock order of ``kit.locks``; and removing them. Callers check first (``validate``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, delete, insert, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from hesabdar.kit import bulk, locks
from hesabdar.kit.locks import LockStage
from hesabdar.kit.models import utcnow
from hesabdar.ledger import core
from hesabdar.ledger.core import DocumentStatus
from hesabdar.ledger.models import Document, DocumentLine
from hesabdar.ledger.schemas import PostingLine
from hesabdar.ledger.service.balances import (
    BalanceChanges,
    add_change,
    apply_balances,
    stored_postings,
)
from hesabdar.ledger.service.pg_write import DOCUMENT_COUNTER, insert_numbered
from hesabdar.numbering import service as numbering


@dataclass(frozen=True)
class WrittenLine:
    """A document line as just written: what the answer shows, without reading it back."""

    id: int
    account_id: int
    description: str
    info: str
    amount: Decimal
    currency_amount: Decimal
    currency: str
    side: int
    contact_id: int | None
    item_id: int | None
    bank_id: int | None
    cash_id: int | None
    petty_cash_id: int | None


def document_for_update(
    session: Session,
    business_id: int,
    *,
    number: int | None = None,
    source: tuple[str, int] | None = None,
) -> Document | None:
    """The document with this number or source, its row locked until the commit (PostgreSQL;
    SQLite serializes writers), so that concurrent edits and deletes of it take turns."""
    locks.enter(session, LockStage.DOCUMENT)
    query = select(Document).where(Document.business_id == business_id)
    if number is not None:
        query = query.where(Document.number == number)
    if source is not None:
        query = query.where(Document.source_type == source[0], Document.source_id == source[1])
    return session.scalars(query.with_for_update().limit(1)).first()


def lock_document_numbers(session: Session, business_id: int) -> None:
    """Hold the document counter: for a number a client chose, so that no other request takes
    it meanwhile (allocation skips it later)."""
    numbering.lock(session, business_id, DOCUMENT_COUNTER, LockStage.DOCUMENT)


def _next_number(session: Session, business_id: int) -> int:
    def taken(value: int) -> bool:
        return (
            session.scalar(
                select(Document.id).where(
                    Document.business_id == business_id, Document.number == value
                )
            )
            is not None
        )

    return numbering.next_number(session, business_id, DOCUMENT_COUNTER, taken, LockStage.DOCUMENT)


_LINES = cast(Table, DocumentLine.__table__)
_INSERT_LINES = insert(_LINES).returning(_LINES.c.id, sort_by_parameter_order=True)
# From this many lines on, ids are drawn first and the lines copied in (COPY on PostgreSQL):
# an INSERT … RETURNING of thousands of rows spends most of its time building the statement.
BULK_LINES = 200


def _insert_lines(session: Session, rows: list[dict[str, Any]]) -> Sequence[int]:
    """Insert a document's line rows; their ids, in order."""
    if len(rows) < BULK_LINES:
        return session.execute(_INSERT_LINES, rows).scalars().all()
    ids = bulk.allocate_ids(session, _LINES, len(rows))
    for values, line_id in zip(rows, ids, strict=True):
        values["id"] = line_id
    bulk.insert_rows(session, _LINES, rows)
    return ids


def _line_rows(
    business_id: int,
    lines: Sequence[PostingLine],
    day: date,
    posted: bool,
    project_id: int | None,
    changes: BalanceChanges,
) -> tuple[list[dict[str, Any]], core.Totals]:
    now = utcnow()
    rows: list[dict[str, Any]] = []
    debit_total = credit_total = core.ZERO
    for row, line in enumerate(lines, start=1):
        debit, credit = core.split(line.side, line.amount)
        debit_total += debit
        credit_total += credit
        if posted:
            add_change(changes, line.account.id, day, debit, credit)
        rows.append(
            {
                "business_id": business_id,
                "row": row,
                "account_id": line.account.id,
                "date": day,
                "is_posted": posted,
                "side": int(line.side),
                "amount": line.amount,
                "debit": debit,
                "credit": credit,
                "currency": line.currency,
                "currency_amount": (
                    line.amount if line.currency_amount is None else line.currency_amount
                ),
                "description": line.description,
                "info": line.info,
                "project_id": project_id,
                "contact_id": line.contact_id,
                "item_id": line.item_id,
                "bank_id": line.bank_id,
                "cash_id": line.cash_id,
                "petty_cash_id": line.petty_cash_id,
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows, core.Totals(debit_total, credit_total)


def write_document(
    session: Session,
    document: Document,
    *,
    created: bool,
    day: date,
    reference: str,
    description: str,
    project_id: int | None,
    status: DocumentStatus,
    lines: Sequence[PostingLine],
) -> list[WrittenLine]:
    """Write a document whose lines the caller checked (rounded, balanced when approved):
    everything is built in memory, then the writes run last, in lock order:

    1. the number, for a new document without one: the business's counter row stays locked
       from here to the commit, and every new document of the business needs it. On
       PostgreSQL the number, the document, its lines and its day balances are one statement
       (``pg_write``);
    2. otherwise the day balances (one statement: their rows are spread over stripes), then
       the document and its lines (one executemany insert).
    """
    business_id = document.business_id
    posted = status == DocumentStatus.APPROVED
    changes: BalanceChanges = {} if created else stored_postings(session, document, sign=-1)
    rows, totals = _line_rows(business_id, lines, day, posted, project_id, changes)
    _set_header(document, day, reference, description, project_id, status, totals)
    ids: Sequence[int]
    if created and not document.number and session.get_bind().dialect.name == "postgresql":
        ids = insert_numbered(session, document, rows, posted, changes, utcnow())
    else:
        if created and not document.number:
            document.number = _next_number(session, business_id)
        apply_balances(session, business_id, changes)
        if created:
            session.add(document)
        session.flush()
        if not created:
            _delete_lines(session, document)
        for values in rows:
            values["document_id"] = document.id
        ids = _insert_lines(session, rows)
        # The ORM has not seen the lines: the next use of the collection loads them.
        session.expire(document, ["lines"])
    return [
        WrittenLine(
            id=int(line_id),
            account_id=values["account_id"],
            description=values["description"],
            info=values["info"],
            amount=values["amount"],
            currency_amount=values["currency_amount"],
            currency=values["currency"],
            side=values["side"],
            contact_id=values["contact_id"],
            item_id=values["item_id"],
            bank_id=values["bank_id"],
            cash_id=values["cash_id"],
            petty_cash_id=values["petty_cash_id"],
        )
        for line_id, values in zip(ids, rows, strict=True)
    ]


def _set_header(
    document: Document,
    day: date,
    reference: str,
    description: str,
    project_id: int | None,
    status: DocumentStatus,
    totals: core.Totals,
) -> None:
    document.reference = reference or ""
    document.date = day
    document.description = description or ""
    document.project_id = project_id
    document.status = int(status)
    document.debit = totals.debit
    document.credit = totals.credit
    if inspect(document).persistent:
        # Write the header even when nothing in it changed: on PostgreSQL the deferred check
        # of a document's lines sums them once for the header's row; a line whose header this
        # transaction did not write is summed on its own, once per line (a 10,000-line rebuild
        # would then read 10^8 lines at COMMIT).
        flag_modified(document, "status")


def _delete_lines(session: Session, document: Document) -> None:
    session.execute(
        delete(_LINES).where(
            _LINES.c.business_id == document.business_id, _LINES.c.document_id == document.id
        )
    )
    session.expire(document, ["lines"])


def remove_document(session: Session, document: Document) -> None:
    """Take a document's posted amounts out of the day balances and delete it with its lines."""
    apply_balances(session, document.business_id, stored_postings(session, document, sign=-1))
    _delete_lines(session, document)
    session.delete(document)
    session.flush()


@dataclass
class DocumentWrite:
    """One document of :func:`write_documents`: its row (locked, or new), and what it becomes;
    ``lines`` None removes it."""

    document: Document
    created: bool
    day: date
    reference: str = ""
    description: str = ""
    project_id: int | None = None
    status: DocumentStatus = DocumentStatus.APPROVED
    lines: Sequence[PostingLine] | None = ()


def write_documents(session: Session, business_id: int, writes: Sequence[DocumentWrite]) -> None:
    """Write (or, with ``lines`` None, remove) several checked documents in one go, in the lock
    order of ``kit.locks``: the caller has locked the existing ones (``document_for_update``, in
    a stable order); here the new ones take their numbers (the document counter), then the day
    balances of all of them are written at once, by account id, and then the documents and
    their lines."""
    changes: BalanceChanges = {}
    prepared: list[tuple[DocumentWrite, list[dict[str, Any]]]] = []
    for write in writes:
        if not write.created:
            for (account_id, day), (debit, credit) in stored_postings(
                session, write.document, sign=-1
            ).items():
                add_change(changes, account_id, day, debit, credit)
        if write.lines is None:
            prepared.append((write, []))
            continue
        posted = write.status == DocumentStatus.APPROVED
        rows, totals = _line_rows(
            business_id, write.lines, write.day, posted, write.project_id, changes
        )
        _set_header(
            write.document,
            write.day,
            write.reference,
            write.description,
            write.project_id,
            write.status,
            totals,
        )
        prepared.append((write, rows))
    for write, _rows in prepared:
        if write.created and write.lines is not None and not write.document.number:
            write.document.number = _next_number(session, business_id)
    apply_balances(session, business_id, changes)
    for write, rows in prepared:
        document = write.document
        if write.lines is None:
            if not write.created:
                _delete_lines(session, document)
                session.delete(document)
            continue
        if write.created:
            session.add(document)
        session.flush()
        if not write.created:
            _delete_lines(session, document)
        for values in rows:
            values["document_id"] = document.id
        if rows:
            _insert_lines(session, rows)
        session.expire(document, ["lines"])
    session.flush()
