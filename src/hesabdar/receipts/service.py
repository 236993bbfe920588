"""Receipts: reading, listing, saving and deleting receives and pays, each with its system
document, rebuilt with it and removed with it.

Numbers are per business and receipt type, allocated (or, for a number the client chose,
checked) under that type's counter lock. Locks follow ``kit.locks``: the counter, then the
receipt's row, then its document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session, selectinload

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.invoices import service as invoices
from hesabdar.invoices.books import label
from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import InvoiceType
from hesabdar.kit import bulk, locks
from hesabdar.kit.errors import InvalidFieldValue, Location, ObjectNotFound
from hesabdar.kit.listing import ListQuery, Page, QueryField, QueryFields, run_query
from hesabdar.kit.locks import LockStage
from hesabdar.ledger import details
from hesabdar.ledger.core import DetailType
from hesabdar.ledger.posting import DocumentHeader, SourceKind, SourceRef, post, unpost
from hesabdar.ledger.service import account_paths
from hesabdar.ledger.service.validate import AMOUNT_LIMIT, ensure_open_dates
from hesabdar.numbering import service as numbering
from hesabdar.receipts import cheques
from hesabdar.receipts.errors import ReceiptNotFound, ReceiptRuleViolation
from hesabdar.receipts.lines import receipt_lines
from hesabdar.receipts.models import Receipt
from hesabdar.receipts.resolve import Resolved, Resolver
from hesabdar.receipts.schemas import ROOT, ReceiptInput, ReceiptType
from hesabdar.tenancy.models import Business

# What a receipt's system document names as its source.
RECEIPT = SourceKind("receipt")
# The change log's ObjectType for receipts (Hesabfa's own name).
OBJECT_TYPE = "Receipt"


def source_of(receipt: Receipt) -> SourceRef:
    return SourceRef(RECEIPT, receipt.id)


def _counter(receipt_type: ReceiptType) -> str:
    return f"receipt_{int(receipt_type)}"


def today() -> date:
    return datetime.now(UTC).date()


# --- reading --------------------------------------------------------------------------------


def _scoped(business_id: int, receipt_type: ReceiptType | None = None) -> Select[Any]:
    query = select(Receipt).where(Receipt.business_id == business_id)
    if receipt_type is not None:
        query = query.where(Receipt.type == int(receipt_type))
    return query


def _loaded(query: Select[Any]) -> Select[Any]:
    return query.options(selectinload(Receipt.items), selectinload(Receipt.transactions))


def get(
    session: Session,
    business_id: int,
    receipt_type: ReceiptType,
    number: int,
    *,
    at: Location = ROOT,
) -> Receipt:
    receipt = session.scalar(
        _loaded(_scoped(business_id, receipt_type)).where(Receipt.number == number)
    )
    if receipt is None:
        raise ReceiptNotFound(int(receipt_type), number, at / "number")
    return receipt


def get_by_id(
    session: Session, business_id: int, receipt_type: ReceiptType | None, receipt_id: int
) -> Receipt:
    found = get_by_ids(session, business_id, receipt_type, [receipt_id])
    if not found:
        of_type = f" of type {int(receipt_type)}" if receipt_type else ""
        raise ObjectNotFound(
            f"receipt with id {receipt_id}{of_type} does not exist.", location=Location.of("id")
        )
    return found[0]


def get_by_ids(
    session: Session, business_id: int, receipt_type: ReceiptType | None, ids: Sequence[int]
) -> list[Receipt]:
    """The receipts with these ids (of this type, when one is given), in the order asked, once
    each; unknown ids, another business's included, are skipped."""
    if not ids:
        return []
    found = {
        receipt.id: receipt
        for receipt in bulk.scalars_in(
            session, _loaded(_scoped(business_id, receipt_type)), Receipt.id, ids
        )
    }
    return [found[receipt_id] for receipt_id in dict.fromkeys(ids) if receipt_id in found]


_INVOICE_JOIN = (
    (
        Invoice,
        and_(Invoice.business_id == Receipt.business_id, Invoice.id == Receipt.invoice_id),
    ),
)

RECEIPT_FIELDS = QueryFields(
    fields={
        "Id": QueryField(Receipt.id.expression),
        "Number": QueryField(Receipt.number.expression),
        "DateTime": QueryField(Receipt.date.expression),
        "Date": QueryField(Receipt.date.expression),
        "Description": QueryField(Receipt.description.expression),
        "Amount": QueryField(Receipt.amount.expression),
        "Currency": QueryField(Receipt.currency.expression),
        # The invoice a payment belongs to (the WooCommerce plugin looks its payments up so).
        "Invoice.Number": QueryField(Invoice.number.expression, joins=_INVOICE_JOIN),
        "Invoice.InvoiceType": QueryField(Invoice.invoice_type.expression, joins=_INVOICE_JOIN),
    },
    search=(Receipt.description.expression,),
    default_sort=(Receipt.id.expression.asc(),),
)


def list_receipts(
    session: Session, business_id: int, receipt_type: ReceiptType, query: ListQuery | None
) -> Page:
    return run_query(session, _loaded(_scoped(business_id, receipt_type)), RECEIPT_FIELDS, query)


@dataclass(frozen=True)
class ReceiptLookups:
    """What rendering receipts needs beyond their rows: (code, name) of the records they name,
    account paths and project titles, fetched in a few queries."""

    records: dict[DetailType, dict[int, tuple[str, str]]]
    paths: dict[int, str]
    projects: dict[int, str]

    def record(self, kind: DetailType, record_id: int | None) -> tuple[str, str] | None:
        if record_id is None:
            return None
        return self.records.get(kind, {}).get(record_id)


def lookups_for(session: Session, business_id: int, receipts: Sequence[Receipt]) -> ReceiptLookups:
    items = [item for receipt in receipts for item in receipt.items]
    rows = [row for receipt in receipts for row in receipt.transactions]
    wanted: dict[DetailType, list[int]] = {
        DetailType.CONTACT: [
            record
            for record in [*(i.contact_id for i in items), *(r.contact_id for r in rows)]
            if record is not None
        ],
        DetailType.BANK: [
            record
            for record in [*(r.bank_id for r in rows), *(r.cheque_bank_id for r in rows)]
            if record is not None
        ],
        DetailType.CASH: [r.cash_id for r in rows if r.cash_id is not None],
        DetailType.PETTY_CASH: [r.petty_cash_id for r in rows if r.petty_cash_id is not None],
    }
    records = {
        kind: details.codes_and_names(session, business_id, details.DETAIL_KINDS[kind], ids)
        for kind, ids in wanted.items()
    }
    paths = account_paths(
        session,
        business_id,
        [
            *(item.account_id for item in items if item.account_id is not None),
            *(row.account_id for row in rows if row.account_id is not None),
        ],
    )
    projects = details.project_titles(
        session, business_id, [r.project_id for r in receipts if r.project_id is not None]
    )
    return ReceiptLookups(records, paths, projects)


# --- writing --------------------------------------------------------------------------------


def _locked(
    session: Session, business_id: int, receipt_type: ReceiptType, number: int
) -> Receipt | None:
    """The receipt with this number, its row locked to the commit (PostgreSQL)."""
    locks.enter(session, LockStage.SOURCE)
    return session.scalar(
        _loaded(_scoped(business_id, receipt_type))
        .where(Receipt.number == number)
        .with_for_update(of=Receipt)
    )


def _claim(session: Session, business_id: int, data: ReceiptInput) -> tuple[Receipt | None, int]:
    """The receipt a save edits (None: a new one) and its number, under the type's counter."""
    kind = _counter(data.type)
    if data.number is not None and data.number < 0:
        raise InvalidFieldValue(
            f"{data.number} is not a receipt number.", location=data.at / "number"
        )
    if data.number:
        numbering.lock(session, business_id, kind)
        return _locked(session, business_id, data.type, data.number), data.number

    def taken(value: int) -> bool:
        return (
            session.scalar(
                select(Receipt.id).where(
                    Receipt.business_id == business_id,
                    Receipt.type == int(data.type),
                    Receipt.number == value,
                )
            )
            is not None
        )

    return None, numbering.next_number(session, business_id, kind, taken)


def claim_number(session: Session, business_id: int, receipt_type: ReceiptType) -> int:
    """The next number of a new receipt of this type (the counter stays locked to the commit)."""
    return _claim(session, business_id, ReceiptInput(type=receipt_type))[1]


def save(
    session: Session, business: Business, data: ReceiptInput, *, via_api: bool = True
) -> Receipt:
    """Create (number missing or 0, or a number not used yet) or edit (an existing number of
    this type) a receipt, and post its system document. Every look-up and check comes first."""
    resolved = Resolver(session, business).resolve(data, today())
    ensure_open_dates(session, business.id, [(resolved.date, data.at / "date_time")])
    existing, number = _claim(session, business.id, data)
    if existing is not None and existing.invoice_id is not None:
        raise ReceiptRuleViolation(
            f"receipt {existing.number} is a payment of {_invoice_label(session, existing)}; "
            "delete it and record the payment again.",
            location=data.at / "number",
        )
    if existing is not None:
        ensure_open_dates(session, business.id, [(existing.date, data.at / "number")])
        cheques.ensure_unspent(session, existing, data.at)
    cheques.hold(session, business.id, resolved.spends, number if existing else None)
    receipt = existing or Receipt(business_id=business.id, type=int(data.type), number=number)
    write(session, business, receipt, resolved, at=data.at)
    changes.record(
        session,
        business.id,
        LogAction.RECEIPT_SAVE if existing is None else LogAction.RECEIPT_EDIT,
        OBJECT_TYPE,
        receipt.id,
        extra=str(receipt.number),
        extra2=str(receipt.type),
        via_api=via_api,
    )
    return receipt


def write(
    session: Session, business: Business, receipt: Receipt, resolved: Resolved, *, at: Location
) -> None:
    """Store ``resolved`` in ``receipt`` (new or edited) and post its document."""
    locks.enter(session, LockStage.SOURCE)
    receipt.date = resolved.date
    receipt.description = resolved.description
    receipt.project_id = resolved.project_id
    receipt.currency = resolved.currency
    receipt.currency_rate = resolved.currency_rate
    receipt.amount = resolved.amount
    if any(row.spent_cheque_id is not None for row in receipt.transactions):
        # A flush inserts new rows before it deletes old ones: the rows that spent cheques go
        # first, so that spending the same cheque again does not meet them in its unique key.
        receipt.transactions = []
        session.flush()
    receipt.items = resolved.items
    receipt.transactions = resolved.transactions
    if receipt not in session:
        session.add(receipt)
    session.flush()
    lines = receipt_lines(session, business.id, business.currency, receipt)
    if any(line.amount >= AMOUNT_LIMIT for line in lines):
        raise InvalidFieldValue(
            "the amounts at this rate exceed what the ledger holds (10^18 in the base currency).",
            location=at / "currency_rate",
        )
    post(
        session,
        business,
        source_of(receipt),
        DocumentHeader(
            date=receipt.date, description=receipt.description, project_id=receipt.project_id
        ),
        lines,
    )


def _invoice_label(session: Session, receipt: Receipt) -> str:
    row = session.execute(
        select(Invoice.invoice_type, Invoice.number).where(
            Invoice.business_id == receipt.business_id, Invoice.id == receipt.invoice_id
        )
    ).one()
    return label(InvoiceType(row[0]), row[1])


def delete(
    session: Session,
    business: Business,
    receipt_type: ReceiptType,
    number: int,
    *,
    via_api: bool = True,
    at: Location = ROOT,
) -> Receipt:
    """Delete a receipt and its system document."""
    receipt = _locked(session, business.id, receipt_type, number)
    if receipt is None:
        raise ReceiptNotFound(int(receipt_type), number, at / "number")
    ensure_open_dates(session, business.id, [(receipt.date, at / "number")])
    cheques.ensure_unspent(session, receipt, at)
    if receipt.invoice_id is not None:
        # A payment deleted: its invoice's Paid goes down by it (same lock stage as the receipt).
        invoice = session.scalar(
            select(Invoice)
            .where(Invoice.business_id == business.id, Invoice.id == receipt.invoice_id)
            .with_for_update()
        )
        assert invoice is not None  # the foreign key keeps it
        invoices.apply_payment(session, invoice, -receipt.amount, at=at / "number")
    unpost(session, business, source_of(receipt))
    changes.record(
        session,
        business.id,
        LogAction.RECEIPT_DELETE,
        OBJECT_TYPE,
        receipt.id,
        extra=str(receipt.number),
        extra2=str(receipt.type),
        via_api=via_api,
    )
    session.delete(receipt)
    session.flush()
    return receipt
