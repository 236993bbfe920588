"""What a public page shows, read for one link: its invoice, or its contact's statement and open
invoices, and nothing else. Every read is scoped by the link's business."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.contacts.models import Contact
from hesabdar.invoices import service as invoices
from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import InvoiceStatus, InvoiceType
from hesabdar.kit.types import MONEY_SCALE, quantize
from hesabdar.online import payments
from hesabdar.online.errors import PageNotFound
from hesabdar.online.models import OnlineLink
from hesabdar.receipts import service as receipts
from hesabdar.reports import statements
from hesabdar.reports.statements import Statement
from hesabdar.tenancy.models import Business

ZERO = Decimal(0)
# Pages have a field named ``date``; annotations use this alias so they do not see it.
Day = date


@dataclass(frozen=True)
class Party:
    name: str
    code: str
    address: str
    phone: str
    national_code: str
    economic_code: str


@dataclass(frozen=True)
class Row:
    number: int
    item: str
    description: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal


@dataclass(frozen=True)
class OtherLine:
    """An addition or deduction of the invoice; ``amount`` is below 0 for a deduction."""

    title: str
    amount: Decimal


@dataclass(frozen=True)
class InvoicePage:
    seller: str
    seller_legal_name: str
    buyer: Party
    number: int
    reference: str
    date: Day
    due_date: Day
    note: str
    currency: str
    rows: list[Row]
    discount: Decimal
    tax: Decimal
    total: Decimal
    freight: Decimal
    others: list[OtherLine]
    payable: Decimal
    paid: Decimal
    rest: Decimal
    # Why the pay button is not shown, or None when it is.
    unpayable: str | None


@dataclass(frozen=True)
class OpenInvoice:
    number: int
    date: Day
    due_date: Day
    payable: Decimal
    rest: Decimal


@dataclass(frozen=True)
class ContactPage:
    seller: str
    contact: Party
    currency: str
    days: int
    all_accounts: bool
    statement: Statement
    open_invoices: list[OpenInvoice]


def _party(contact: Contact | None, title: str) -> Party:
    if contact is None:
        return Party(title, "", "", "", "", "")
    address = "، ".join(
        part for part in (contact.state, contact.city, contact.address, contact.postal_code) if part
    )
    return Party(
        title or contact.name,
        contact.code,
        address,
        contact.mobile or contact.phone,
        contact.national_code,
        contact.economic_code,
    )


def _contact(session: Session, business_id: int, contact_id: int | None) -> Contact | None:
    if contact_id is None:
        return None
    return session.scalar(
        select(Contact).where(Contact.business_id == business_id, Contact.id == contact_id)
    )


def invoice_by_id(session: Session, business_id: int, invoice_id: int) -> Invoice:
    found = invoices.get_by_ids(session, business_id, [invoice_id])
    if not found:
        raise PageNotFound()
    return found[0]


def link_invoice(session: Session, link: OnlineLink, number: str | None = None) -> Invoice:
    """The invoice a page shows: the link's own, or (a contact's link) the contact's approved
    sale invoice of this number. PageNotFound for anything else."""
    if link.invoice_id is not None and number is None:
        return invoice_by_id(session, link.business_id, link.invoice_id)
    if link.contact_id is None or number is None or not number.isdigit() or len(number) > 18:
        raise PageNotFound()
    invoice = session.scalar(
        select(Invoice).where(
            Invoice.business_id == link.business_id,
            Invoice.invoice_type == int(InvoiceType.SALE),
            Invoice.number == int(number),
            Invoice.contact_id == link.contact_id,
            Invoice.status == int(InvoiceStatus.APPROVED),
        )
    )
    if invoice is None:
        raise PageNotFound()
    return invoice


def invoice_page(session: Session, business: Business, invoice: Invoice) -> InvoicePage:
    related = invoices.related(session, business.id, [invoice])
    rows: list[Row] = []
    for row in invoice.rows:
        item = related.items.get(row.item_id)
        amount = quantize(row.quantity * row.unit_price, MONEY_SCALE)
        rows.append(
            Row(
                number=len(rows) + 1,
                item=item.name if item else "",
                description=row.description,
                unit=row.unit,
                quantity=row.quantity,
                unit_price=row.unit_price,
                amount=amount,
                discount=row.discount,
                tax=row.tax,
                total=amount - row.discount + row.tax,
            )
        )
    contact = related.contacts.get(invoice.contact_id) if invoice.contact_id else None
    return InvoicePage(
        seller=business.name,
        seller_legal_name=business.legal_name,
        buyer=_party(contact, invoice.contact_title),
        number=invoice.number,
        reference=invoice.reference,
        date=invoice.date,
        due_date=invoice.due_date,
        note=invoice.note,
        currency=invoice.currency or business.currency,
        rows=rows,
        discount=sum((row.discount for row in rows), ZERO),
        tax=sum((row.tax for row in rows), ZERO),
        total=invoice.total,
        freight=invoice.freight,
        others=[
            OtherLine(other.title, other.amount if other.add else -other.amount)
            for other in invoice.others
        ],
        payable=invoice.payable,
        paid=invoice.paid,
        rest=invoice.rest,
        unpayable=payments.unpayable_reason(session, business, invoice),
    )


def contact_page(session: Session, business: Business, link: OnlineLink) -> ContactPage:
    contact = _contact(session, business.id, link.contact_id)
    if contact is None:
        raise PageNotFound()
    end = receipts.today()
    start = end - timedelta(days=link.days - 1)
    statement = statements.contact_statement(
        session, business.id, contact.id, start, end, all_accounts=link.show_all_accounts
    )
    open_invoices = [
        OpenInvoice(invoice.number, invoice.date, invoice.due_date, invoice.payable, invoice.rest)
        for invoice in invoices.approved_of_contact(
            session, business.id, contact.id, InvoiceType.SALE
        )
        if invoice.rest > 0
    ]
    return ContactPage(
        seller=business.name,
        contact=_party(contact, ""),
        currency=business.currency,
        days=link.days,
        all_accounts=link.show_all_accounts,
        statement=statement,
        open_invoices=open_invoices,
    )
