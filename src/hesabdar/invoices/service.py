"""Invoices: save (create, or replace by number), delete, the sent and paid
flags, tags, and what receipts need to record a payment against an invoice.

Lock order (``kit.locks``): the invoice row; its items' stock rows; for a new invoice, its
type's number counter; its system document and the day balances (``ledger.posting``). A new
invoice is written and moves its stock under a provisional number above every real one (its id
past ``MAX_NUMBER``); its number is taken (or the number the client chose is checked) only
then, and its document posted last, so neither the type's counter nor the document counter
(which every new invoice, and every new document, of the business needs) is held while stock
rows are waited for and costed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.invoices import books, inputs, reads, warehousing
from hesabdar.invoices.amounts import ZERO, money
from hesabdar.invoices.errors import InvoiceInUse, InvoiceNotFound, PaymentRefused
from hesabdar.invoices.models import Invoice, InvoiceOther, InvoiceRow
from hesabdar.invoices.schemas import (
    INVOICE_AT,
    OBJECT_TYPE,
    InvoiceInput,
    InvoiceStatus,
    InvoiceType,
)
from hesabdar.items.models import Item
from hesabdar.kit import bulk, locks
from hesabdar.kit.errors import ConstraintViolated, InvalidFieldValue, Location
from hesabdar.kit.locks import LockStage
from hesabdar.kit.numbers import show
from hesabdar.kit.references import ensure_unreferenced
from hesabdar.kit.types import MONEY_SCALE, quantize
from hesabdar.ledger.service.validate import ensure_open_dates
from hesabdar.numbering import service as numbering
from hesabdar.tenancy.models import Business

# The reads, for the facades: one service module to call.
get = reads.get
get_by_ids = reads.get_by_ids
approved_of_contact = reads.approved_of_contact
list_invoices = reads.list_invoices
related = reads.related
Related = reads.Related
NUMBER_AT = reads.NUMBER_AT

# What refers to an invoice (warehouse receipts, receipts) registers a referrer of this kind.
REFERENCE_KIND = "invoice"
# Invoice numbers are below this; a new invoice is MAX_NUMBER + its id until it gets its own.
MAX_NUMBER = 10**18


# --- writes ----------------------------------------------------------------------------------


def _locked(
    session: Session, business_id: int, invoice_type: InvoiceType, number: int
) -> Invoice | None:
    """The invoice, its row locked to the commit (PostgreSQL; SQLite serializes writers)."""
    locks.enter(session, LockStage.SOURCE)
    return session.scalar(
        reads.scoped(business_id)
        .where(Invoice.invoice_type == int(invoice_type), Invoice.number == number)
        .with_for_update(of=Invoice)
    )


def _require_locked(
    session: Session,
    business_id: int,
    invoice_type: InvoiceType,
    number: Any,
    at: Location = NUMBER_AT,
) -> Invoice:
    value = reads.parse_number(number, at)
    invoice = _locked(session, business_id, invoice_type, value)
    if invoice is None:
        raise InvoiceNotFound(books.label(invoice_type, value), at)
    return invoice


def _find_for_save(
    session: Session, business_id: int, kind: InvoiceType, number: int | None
) -> Invoice | None:
    """The invoice a save replaces (None: a new one, whose number is taken or checked last,
    :func:`_take_number`)."""
    if not number:
        return None
    if not 0 < number < MAX_NUMBER:
        raise InvalidFieldValue(
            f"{number} is not an invoice number (1 to 10^18 − 1).", location=INVOICE_AT / "number"
        )
    exists = _taken(session, business_id, kind, number)
    invoice = _locked(session, business_id, kind, number)
    if exists is not None and invoice is None:
        # Deleted by a request that committed meanwhile: run again, as a new invoice.
        raise ConstraintViolated(
            f"invoice {number} was deleted by another request; try again.",
            location=INVOICE_AT / "number",
            lost_race=True,
        )
    return invoice


def _taken(session: Session, business_id: int, kind: InvoiceType, number: int) -> int | None:
    """The id of the invoice of this type with this number, if any."""
    return session.scalar(
        select(Invoice.id).where(
            Invoice.business_id == business_id,
            Invoice.invoice_type == int(kind),
            Invoice.number == number,
        )
    )


def _take_number(
    session: Session, business: Business, invoice: Invoice, kind: InvoiceType, wanted: int | None
) -> None:
    """Give a new invoice its number, after its stock (LockStage.NUMBER): the next free one,
    or the one the client chose, checked under the counter (taken meanwhile by a request that
    committed first: the save runs again, and edits that invoice)."""
    if wanted:
        numbering.lock(session, business.id, kind.counter, LockStage.NUMBER)
        if _taken(session, business.id, kind, wanted) is not None:
            raise ConstraintViolated(
                f"invoice {wanted} was saved by another request meanwhile; try again.",
                location=INVOICE_AT / "number",
                lost_race=True,
            )
        number = wanted
    else:
        number = numbering.next_number(
            session,
            business.id,
            kind.counter,
            lambda value: _taken(session, business.id, kind, value) is not None,
            LockStage.NUMBER,
        )
    invoice.number = number
    session.flush()


def _check_edit(invoice: Invoice, resolved: inputs.ResolvedInvoice) -> None:
    """An invoice with payments stays approved and owes at least what was paid."""
    if invoice.paid <= 0:
        return
    what = f"{books.label(InvoiceType(invoice.invoice_type), invoice.number)} has payments of {show(invoice.paid)}"
    if resolved.status is not InvoiceStatus.APPROVED:
        raise InvoiceInUse(f"{what}; it cannot become a draft.", location=INVOICE_AT / "status")
    if resolved.amounts.payable < invoice.paid:
        raise InvoiceInUse(
            f"{what}; its payable amount cannot be less (got {show(resolved.amounts.payable)}).",
            location=INVOICE_AT / "invoice_items",
        )


def item_codes(invoice: Invoice, items: dict[int, str]) -> str:
    """Hesabfa's ``Extra`` of an invoice's change: its item codes, comma-separated."""
    return ",".join(dict.fromkeys(items[row.item_id] for row in invoice.rows))


def _write(
    session: Session,
    invoice: Invoice,
    resolved: inputs.ResolvedInvoice,
    placed: dict[int, Decimal],
) -> None:
    given = resolved.given
    invoice.reference = given.reference
    invoice.date = resolved.date
    invoice.due_date = resolved.due_date
    invoice.contact_id = resolved.contact.id if resolved.contact else None
    invoice.contact_title = given.contact_title or (
        resolved.contact.name if resolved.contact else ""
    )
    invoice.note = given.note
    invoice.sent = given.sent
    invoice.status = int(given.status)
    invoice.tag = given.tag
    invoice.freight = resolved.amounts.freight
    invoice.freight_contact_id = resolved.freight_contact.id if resolved.freight_contact else None
    # Hesabfa computes it from the invoice's warehouse receipts: a client's value is not kept.
    invoice.warehouse_receipt_status = int(warehousing.status_of_rows(_rows_of(resolved), placed))
    invoice.project_id = resolved.project_id
    invoice.salesman_id = resolved.salesman_id
    invoice.salesman_percent = resolved.salesman_percent
    invoice.currency = resolved.currency
    invoice.currency_rate = resolved.rate
    invoice.tax_id = given.tax_id
    invoice.total = resolved.amounts.total
    invoice.payable = resolved.amounts.payable
    # Ids drawn first: the rows then go in as one executemany, not an INSERT … RETURNING of
    # every row, whose statement costs more to build than to run for a large invoice.
    ids = bulk.allocate_ids(session, InvoiceRow.__table__, len(resolved.rows))
    invoice.rows = [
        InvoiceRow(
            id=row_id,
            business_id=invoice.business_id,
            position=position,
            row_number=row.given.row_number if row.given.row_number is not None else position + 1,
            item_id=row.item.id,
            description=row.given.description or "",
            unit=row.given.unit or row.item.unit,
            quantity=row.amounts.quantity,
            unit_price=row.amounts.unit_price,
            discount=row.amounts.discount,
            tax=row.amounts.tax,
            serial_numbers="\n".join(row.given.serial_numbers),
        )
        for position, (row, row_id) in enumerate(zip(resolved.rows, ids, strict=True))
    ]
    ids = bulk.allocate_ids(session, InvoiceOther.__table__, len(resolved.others))
    invoice.others = [
        InvoiceOther(
            id=other_id,
            business_id=invoice.business_id,
            position=position,
            title=other.title,
            amount=other.amounts.amount,
            add=other.amounts.add,
        )
        for position, (other, other_id) in enumerate(zip(resolved.others, ids, strict=True))
    ]


def _rows_of(resolved: inputs.ResolvedInvoice) -> warehousing.Rows:
    return [(row.item.id, row.amounts.quantity, row.is_service) for row in resolved.rows]


def save(
    session: Session, business: Business, data: InvoiceInput, *, via_api: bool = True
) -> Invoice:
    """Create (no number, 0, or a number of its type not in use) or replace (a number in use)
    an invoice, and post, rebuild or remove its document. Every read and check comes first;
    the locks and writes follow in lock order."""
    resolved = inputs.resolve(session, business, data)
    kind = resolved.kind
    invoice = _find_for_save(session, business.id, kind, data.number)
    dated = [(resolved.date, INVOICE_AT / "date")]
    placed: dict[int, Decimal] = {}
    if invoice is not None:
        _check_edit(invoice, resolved)
        placed = warehousing.placed(session, invoice)
        approved = resolved.status is InvoiceStatus.APPROVED
        warehousing.check_edit(session, invoice, approved, _rows_of(resolved), placed)
        if invoice.date != resolved.date:
            dated.append((invoice.date, INVOICE_AT / "number"))
    ensure_open_dates(session, business.id, dated)
    creating = invoice is None
    if invoice is None:
        (invoice_id,) = bulk.allocate_ids(session, Invoice.__table__, 1)
        invoice = Invoice(
            id=invoice_id,
            business_id=business.id,
            invoice_type=int(kind),
            number=MAX_NUMBER + invoice_id,
            paid=ZERO,
        )
        locks.enter(session, LockStage.SOURCE)
        session.add(invoice)
    else:
        # The old rows and others go first: the new ones take their places.
        invoice.rows.clear()
        invoice.others.clear()
        session.flush()
    _write(session, invoice, resolved, placed)
    session.flush()
    moved = books.move_stock(
        session, business, invoice, {row.item.id for row in resolved.rows if row.is_service}
    )
    codes = {row.item.id: row.item.code for row in resolved.rows}
    changes.record(
        session,
        business.id,
        kind.actions.save if creating else kind.actions.edit,
        OBJECT_TYPE,
        invoice.id,
        extra=item_codes(invoice, codes),
        via_api=via_api,
    )
    if creating:
        _take_number(session, business, invoice, kind, data.number)
    # The document last: the document counter, which every new document of the business
    # needs, is held from here to the commit.
    books.post(session, business, invoice, moved)
    return invoice


def _codes_of(session: Session, business_id: int, invoices: Sequence[Invoice]) -> dict[int, str]:
    """The codes of the items these invoices name, by id, in one read."""
    ids = sorted({row.item_id for invoice in invoices for row in invoice.rows})
    found = bulk.select_in(
        session, select(Item.id, Item.code).where(Item.business_id == business_id), Item.id, ids
    )
    return {int(item_id): str(code) for item_id, code in found}


def delete(
    session: Session,
    business: Business,
    invoice_type: InvoiceType,
    number: Any,
    *,
    via_api: bool = True,
) -> None:
    """Delete an invoice and its document, unless payments or warehouse receipts refer to it."""
    invoice = _require_locked(session, business.id, invoice_type, number)
    what = books.label(invoice_type, invoice.number)
    if invoice.paid > 0:
        raise InvoiceInUse(
            f"{what} cannot be deleted: it has payments of {show(invoice.paid)}; delete them first.",
            location=NUMBER_AT,
        )
    ensure_unreferenced(session, REFERENCE_KIND, business.id, invoice.id, what)
    ensure_open_dates(session, business.id, [(invoice.date, NUMBER_AT)])
    books.remove(session, business, invoice)
    changes.record(
        session,
        business.id,
        invoice_type.actions.delete,
        OBJECT_TYPE,
        invoice.id,
        extra=item_codes(invoice, _codes_of(session, invoice.business_id, [invoice])),
        extra2=str(invoice.number),
        via_api=via_api,
    )
    session.delete(invoice)
    session.flush()


def _flag(
    session: Session,
    business_id: int,
    invoice_type: InvoiceType,
    number: Any,
    field: str,
    value: bool,
    via_api: bool,
) -> Invoice:
    invoice = _require_locked(session, business_id, invoice_type, number)
    setattr(invoice, field, value)
    session.flush()
    changes.record(
        session,
        business_id,
        invoice_type.actions.change_status,
        OBJECT_TYPE,
        invoice.id,
        extra=item_codes(invoice, _codes_of(session, invoice.business_id, [invoice])),
        via_api=via_api,
    )
    return invoice


def change_sent_status(
    session: Session,
    business_id: int,
    invoice_type: InvoiceType,
    number: Any,
    sent: bool,
    *,
    via_api: bool = True,
) -> Invoice:
    return _flag(session, business_id, invoice_type, number, "sent", sent, via_api)


def change_paid_status(
    session: Session,
    business_id: int,
    invoice_type: InvoiceType,
    number: Any,
    paid: bool,
    *,
    via_api: bool = True,
) -> Invoice:
    """Mark the invoice settled (or not) outside the books: nothing is posted, and Paid and
    Rest stay what the recorded payments make them."""
    return _flag(session, business_id, invoice_type, number, "paid_status", paid, via_api)


def clear_tag(
    session: Session,
    business_id: int,
    invoice_type: InvoiceType,
    numbers: Sequence[Any],
    *,
    via_api: bool = True,
) -> None:
    """Empty the Tag of these invoices (all or nothing: an unknown number is 112). They are
    read and locked together (LockStage.SOURCE, in id order)."""
    wanted = [
        reads.parse_number(number, Location.of("numbers", index))
        for index, number in enumerate(numbers)
    ]
    locks.enter(session, LockStage.SOURCE)
    locked = bulk.scalars_in(
        session,
        reads.scoped(business_id)
        .where(Invoice.invoice_type == int(invoice_type))
        .order_by(Invoice.id)
        .with_for_update(of=Invoice),
        Invoice.number,
        wanted,
    )
    by_number = {invoice.number: invoice for invoice in locked}
    for index, number in enumerate(wanted):
        if number not in by_number:
            raise InvoiceNotFound(books.label(invoice_type, number), Location.of("numbers", index))
    found = list(dict.fromkeys(by_number[number] for number in wanted))
    codes = _codes_of(session, business_id, found)
    for invoice in found:
        invoice.tag = ""
    session.flush()
    for invoice in found:
        changes.record(
            session,
            business_id,
            invoice_type.actions.edit,
            OBJECT_TYPE,
            invoice.id,
            extra=item_codes(invoice, codes),
            via_api=via_api,
        )


# --- payments (receipts record them) ---------------------------------------------------------


def find_for_payment(
    session: Session, business_id: int, invoice_type: InvoiceType, number: str, *, at: Location
) -> Invoice:
    """The approved invoice a payment is recorded against, its row locked (LockStage.SOURCE);
    112 naming ``at`` if unknown, 190 for a draft or a waste."""
    invoice = _require_locked(session, business_id, invoice_type, number, at)
    what = books.label(invoice_type, invoice.number)
    if not invoice_type.has_contact:
        raise PaymentRefused(f"{what} takes no payments.", location=at)
    if invoice.status != InvoiceStatus.APPROVED:
        raise PaymentRefused(
            f"{what} is a draft; approve it before recording payments.", location=at
        )
    return invoice


def apply_payment(session: Session, invoice: Invoice, amount: Decimal, *, at: Location) -> None:
    """Record a payment of ``amount`` (negative: a payment deleted) on an invoice found with
    :func:`find_for_payment`. A payment above Rest is refused (190 naming Rest); Paid never
    goes below 0."""
    value = quantize(amount, MONEY_SCALE)
    if value > 0 and value > invoice.rest:
        raise PaymentRefused(
            f"{show(value)} is more than the Rest of "
            f"{books.label(InvoiceType(invoice.invoice_type), invoice.number)} ({show(invoice.rest)}).",
            location=at,
        )
    invoice.paid = money(max(ZERO, invoice.paid + value), at)
    session.flush()


# --- warehouse receipts place its goods ------------------------------------------------------


def find_for_warehouse(
    session: Session, business_id: int, invoice_type: InvoiceType, number: Any, *, at: Location
) -> Invoice:
    """The approved invoice whose goods a warehouse receipt places, its row locked
    (LockStage.SOURCE); 112 naming ``at`` if unknown, 190 for a draft."""
    invoice = _require_locked(session, business_id, invoice_type, number, at)
    if invoice.status != InvoiceStatus.APPROVED:
        raise InvoiceInUse(
            f"{books.label(invoice_type, invoice.number)} is a draft; approve it before its "
            "goods are received into or issued from a warehouse.",
            location=at,
        )
    return invoice


def lock_by_id(session: Session, business_id: int, invoice_id: int) -> Invoice | None:
    """The invoice with this id, its row locked (LockStage.SOURCE); None if it is gone."""
    locks.enter(session, LockStage.SOURCE)
    return session.scalar(
        reads.scoped(business_id).where(Invoice.id == invoice_id).with_for_update(of=Invoice)
    )
