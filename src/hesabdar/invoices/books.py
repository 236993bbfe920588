"""An invoice in the books: the system document it posts (through ``ledger.posting``), rebuilt
whenever the invoice changes and removed with it. Drafts post nothing."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.invoices import rules
from hesabdar.invoices.amounts import row_amounts
from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import INVOICE_SOURCE, ROWS_AT, InvoiceStatus, InvoiceType
from hesabdar.items.models import Item
from hesabdar.items.schemas import ItemType
from hesabdar.ledger import posting
from hesabdar.ledger.core import AccountType
from hesabdar.ledger.models import Account
from hesabdar.ledger.posting import DocumentHeader, PostingLine, SourceRef
from hesabdar.ledger.service import account_by_role
from hesabdar.tenancy.models import Business

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


def posted_invoice(session: Session, invoice: Invoice) -> rules.PostedInvoice:
    """What the posting rules need of a saved invoice."""
    item_ids = sorted({row.item_id for row in invoice.rows})
    services = set(
        session.scalars(
            select(Item.id).where(
                Item.business_id == invoice.business_id,
                Item.id.in_(item_ids),
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
    )


def posting_lines(
    session: Session,
    business: Business,
    invoice: Invoice,
    entries: Sequence[rules.Entry],
) -> list[PostingLine]:
    """The rules' entries on the business's accounts for their roles."""
    accounts: dict[AccountType, Account] = {}
    description = f"{TYPE_NAMES[InvoiceType(invoice.invoice_type)]} {invoice.number}"
    foreign = invoice.currency and invoice.currency != business.currency
    lines = []
    for entry in entries:
        account = accounts.get(entry.role)
        if account is None:
            account = accounts[entry.role] = account_by_role(session, business.id, entry.role)
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
    entries = rules.entries(posted_invoice(session, invoice), costs)
    if len(entries) < 2:
        return None
    header = DocumentHeader(
        date=invoice.date,
        description=f"{TYPE_NAMES[InvoiceType(invoice.invoice_type)]} {invoice.number}",
        reference=str(invoice.number),
        project_id=invoice.project_id,
    )
    return header, posting_lines(session, business, invoice, entries)


def update(session: Session, business: Business, invoice: Invoice) -> None:
    """Post, rebuild or remove the invoice's document as it now stands."""
    document = document_of(session, business, invoice)
    if document is None:
        posting.unpost(session, business, source_of(invoice))
        return
    header, lines = document
    posting.post(session, business, source_of(invoice), header, lines)


def remove(session: Session, business: Business, invoice: Invoice) -> None:
    posting.unpost(session, business, source_of(invoice))
