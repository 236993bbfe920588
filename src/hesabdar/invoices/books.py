"""An invoice in the books: the stock its goods move (``stock.service``) and the system document
it posts (``ledger.posting``), both replaced whenever the invoice changes and removed with it.
Drafts move and post nothing.

Goods move at cost: a sale or a waste takes them out at the moving average, a sales return
brings them back at the average, a purchase brings them in at Sum − Discount plus the row's
freight share and its part of the additions less the deductions, a purchase return takes them
out at Sum − Discount and its part of the others (``rules``). The costs the stock gives
back go into the document (cost of goods sold, inventory). An earlier-dated change re-costs
later movements: the invoices whose costs changed get their documents rebuilt in the same
transaction, all in one ``posting.post_many`` (lock order: stock rows, then every document, then
the day balances)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hesabdar.invoices import rules
from hesabdar.invoices.amounts import ZERO, row_amounts
from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import INVOICE_SOURCE, ROWS_AT, InvoiceStatus, InvoiceType
from hesabdar.items.models import Item
from hesabdar.items.schemas import ItemType
from hesabdar.kit.errors import BusinessRuleViolation, HesabdarError, Location
from hesabdar.kit.types import EXACT
from hesabdar.ledger import posting
from hesabdar.ledger.posting import DocumentHeader, PostingLine, SourceRef, SystemDocument
from hesabdar.ledger.service import accounts_by_roles
from hesabdar.stock import service as stock
from hesabdar.stock.schemas import Flow, MovementInput, Restocked
from hesabdar.tenancy.models import Business

NUMBER_AT = Location.of("number")
TYPE_NAMES = {
    InvoiceType.SALE: "فاکتور فروش",
    InvoiceType.PURCHASE: "فاکتور خرید",
    InvoiceType.SALES_RETURN: "فاکتور برگشت از فروش",
    InvoiceType.PURCHASE_RETURN: "فاکتور برگشت از خرید",
    InvoiceType.WASTE: "فاکتور ضایعات",
}


def source_of(invoice: Invoice) -> SourceRef:
    return SourceRef(INVOICE_SOURCE, invoice.id)


def label(invoice_type: InvoiceType, number: object) -> str:
    """How messages name an invoice: ``sale invoice 1001``."""
    return f"{invoice_type.name.lower().replace('_', ' ')} invoice {number}"


def document_label(invoice: Invoice) -> tuple[str, str]:
    """The description (and its lines') and the reference of the invoice's document."""
    return f"{TYPE_NAMES[InvoiceType(invoice.invoice_type)]} {invoice.number}", str(invoice.number)


def posted_invoice(
    session: Session, invoice: Invoice, services: set[int] | None = None
) -> rules.PostedInvoice:
    """What the posting rules need of a saved invoice; ``services``: the ids of its items that
    are services, when the caller knows them."""
    if services is None:
        services = set(
            session.scalars(
                select(Item.id).where(
                    Item.business_id == invoice.business_id,
                    Item.id.in_(sorted({row.item_id for row in invoice.rows})),
                    Item.item_type == int(ItemType.SERVICE),
                )
            )
        )
    rows = [
        rules.PostedRow(
            item_id=row.item_id,
            is_service=row.item_id in services,
            amounts=row_amounts(row.quantity, row.unit_price, row.discount, row.tax, ROWS_AT),
        )
        for row in invoice.rows
    ]
    return rules.PostedInvoice(
        invoice_type=InvoiceType(invoice.invoice_type),
        contact_id=invoice.contact_id,
        rows=rows,
        freight=invoice.freight,
        freight_contact_id=invoice.freight_contact_id,
        rate=invoice.currency_rate,
        additions=sum((other.amount for other in invoice.others if other.add), ZERO),
        deductions=sum((other.amount for other in invoice.others if not other.add), ZERO),
    )


def posting_lines(
    session: Session,
    business: Business,
    invoice: Invoice,
    entries: Sequence[rules.Entry],
) -> list[PostingLine]:
    """The rules' entries on the business's accounts for their roles."""
    accounts = accounts_by_roles(session, business.id, [entry.role for entry in entries])
    description, _reference = document_label(invoice)
    foreign = invoice.currency and invoice.currency != business.currency
    lines = []
    for entry in entries:
        account = accounts[entry.role]
        in_currency = foreign and entry.currency_amount is not None
        lines.append(
            PostingLine(
                account=account,
                side=entry.side,
                amount=entry.amount,
                description=description,
                currency=invoice.currency if in_currency else "",
                currency_amount=entry.currency_amount if in_currency else None,
                contact_id=entry.contact_id,
                item_id=entry.item_id,
            )
        )
    return lines


def document_of(
    session: Session,
    business: Business,
    invoice: Invoice,
    costs: Sequence[Decimal] | None = None,
) -> tuple[DocumentHeader, list[PostingLine]] | None:
    """The document an approved invoice posts, or None (a draft, or nothing to post)."""
    if invoice.status != InvoiceStatus.APPROVED:
        return None
    return _document(session, business, invoice, posted_invoice(session, invoice), costs)


def _document(
    session: Session,
    business: Business,
    invoice: Invoice,
    posted: rules.PostedInvoice,
    costs: Sequence[Decimal] | None,
) -> tuple[DocumentHeader, list[PostingLine]] | None:
    entries = rules.entries(posted, costs)
    if len(entries) < 2:
        return None
    description, reference = document_label(invoice)
    header = DocumentHeader(
        date=invoice.date,
        description=description,
        reference=reference,
        project_id=invoice.project_id,
    )
    return header, posting_lines(session, business, invoice, entries)


# How each type moves its goods, and whether at its own cost (else at the moving average).
_FLOWS = {
    InvoiceType.SALE: (Flow.OUT, False),
    InvoiceType.WASTE: (Flow.OUT, False),
    InvoiceType.SALES_RETURN: (Flow.IN, False),
    InvoiceType.PURCHASE: (Flow.IN, True),
    InvoiceType.PURCHASE_RETURN: (Flow.OUT, True),
}


def movements(posted: rules.PostedInvoice) -> list[MovementInput]:
    """The stock movements of an approved invoice's goods rows, in row order."""
    flow, own_cost = _FLOWS[posted.invoice_type]
    goods = posted.goods
    costs = rules.own_costs(posted) if own_cost else [None] * len(goods)
    return [
        MovementInput(
            item_id=row.item_id,
            quantity=row.amounts.quantity,
            flow=flow,
            unit_cost=None if cost is None else EXACT.divide(cost, row.amounts.quantity),
        )
        for row, cost in zip(goods, costs, strict=True)
    ]


def _restock(
    session: Session, business: Business, invoice: Invoice, posted: rules.PostedInvoice | None
) -> Restocked:
    """Replace the invoice's movements (none for a draft or a deleted invoice). A refusal that
    names a movement names the invoice row it comes from."""
    moves = movements(posted) if posted is not None else []
    # A removal names the invoice itself (what refuses it is another source's movement).
    at = ROWS_AT if posted is not None else NUMBER_AT
    try:
        return stock.replace_movements(
            session, business.id, source_of(invoice), invoice.date, moves, at=at
        )
    except HesabdarError as error:
        parts = error.location.parts if error.location else ()
        prefix = len(ROWS_AT.parts)
        if posted is not None and parts[:prefix] == ROWS_AT.parts and len(parts) > prefix:
            index = parts[prefix]
            rows = [i for i, row in enumerate(posted.rows) if not row.is_service]
            if isinstance(index, int) and index < len(rows):
                error.location = Location((*ROWS_AT.parts, rows[index], *parts[prefix + 1 :]))
        raise


def recosted_documents(
    session: Session, business: Business, sources: Sequence[SourceRef]
) -> list[SystemDocument]:
    """The rebuilt documents of the invoices among ``sources`` (the sources whose movement
    costs changed): for the caller's ``posting.post_many``."""
    ids = [source.id for source in sources if source.kind == INVOICE_SOURCE]
    if not ids:
        return []
    found = session.scalars(
        select(Invoice)
        .where(Invoice.business_id == business.id, Invoice.id.in_(ids))
        .options(selectinload(Invoice.rows), selectinload(Invoice.others))
        .order_by(Invoice.id)
    )
    documents = []
    for other in found:
        source = source_of(other)
        costs = stock.costs_of(session, business.id, source)
        if len(costs) != len(posted_invoice(session, other).goods):
            # An item of it became a service (or the reverse) since it was saved.
            raise BusinessRuleViolation(
                f"{label(InvoiceType(other.invoice_type), other.number)} must be saved again "
                "before its costs can change: the goods and services of its rows changed.",
                location=NUMBER_AT,
            )
        document = document_of(session, business, other, costs)
        header, lines = document if document is not None else (None, [])
        documents.append(SystemDocument(source, header, lines))
    return documents


def _write(
    session: Session,
    business: Business,
    invoice: Invoice,
    own: tuple[DocumentHeader, list[PostingLine]] | None,
    recosted: Sequence[SourceRef],
) -> None:
    others = recosted_documents(session, business, recosted)
    if others:
        header, lines = own if own is not None else (None, [])
        posting.post_many(
            session, business, [SystemDocument(source_of(invoice), header, lines), *others]
        )
    elif own is None:
        posting.unpost(session, business, source_of(invoice))
    else:
        posting.post(session, business, source_of(invoice), *own)


@dataclass(frozen=True)
class Moved:
    """What moving an invoice's stock gave: the invoice as the posting rules see it (None for
    a draft) and the stock's answer (its movements' costs, the sources it re-costed)."""

    posted: rules.PostedInvoice | None
    restocked: Restocked


def move_stock(
    session: Session, business: Business, invoice: Invoice, services: set[int] | None = None
) -> Moved:
    """Move the invoice's stock as it now stands (none for a draft). ``services``: as for
    :func:`posted_invoice`."""
    approved = invoice.status == InvoiceStatus.APPROVED
    posted = posted_invoice(session, invoice, services) if approved else None
    return Moved(posted, _restock(session, business, invoice, posted))


def post(session: Session, business: Business, invoice: Invoice, moved: Moved) -> None:
    """Post, rebuild or remove the invoice's document at the costs its stock gave, and rebuild
    the documents of the invoices it re-costed. Its number must be final: the document names
    it."""
    own = None
    if moved.posted is not None:
        own = _document(session, business, invoice, moved.posted, moved.restocked.costs)
    _write(session, business, invoice, own, moved.restocked.recosted)


def update(
    session: Session, business: Business, invoice: Invoice, services: set[int] | None = None
) -> None:
    """Move the invoice's stock and post its document (:func:`move_stock`, :func:`post`)."""
    post(session, business, invoice, move_stock(session, business, invoice, services))


def remove(session: Session, business: Business, invoice: Invoice) -> None:
    """Take the invoice's movements and document out of the books."""
    restocked = _restock(session, business, invoice, None)
    _write(session, business, invoice, None, restocked.recosted)
