"""Payments of invoices (``invoice/savepayment``): a payment is a receipt linked to its invoice.

A sale or a purchase return is paid by a receive (type 1), a purchase or a sales return by a pay
(type 2); a waste takes none. The money goes to exactly one of a bank, a cash box, petty cash, a
contact or an account path (with an account, a detail code beside it is that account's detail
when the account takes that kind of detail, and is otherwise ignored: the WooCommerce plugin
sends the bank beside the path of funds in transit). The item is the invoice's contact on the
account the invoice posted it to (receivable for sales and sales returns, payable for purchases
and purchase returns), settled at the invoice's rate, so that a payment at another rate leaves an
exchange gain or loss. The currency, rate and project default to the invoice's; a bank's or
cash box's currency must be the invoice's. Paid grows by the gross amount (a fee is the bank's
cost), and a payment above Rest is refused, so a repeated callback cannot pay twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.contacts.models import Contact
from hesabdar.currencies.service import normalize_currency
from hesabdar.invoices import service as invoices
from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import InvoiceType
from hesabdar.kit.errors import MissingParameter
from hesabdar.ledger.core import AccountType
from hesabdar.ledger.service import account_by_role
from hesabdar.ledger.service.validate import ensure_open_dates
from hesabdar.projects.models import Project
from hesabdar.receipts import service
from hesabdar.receipts.errors import ReceiptRuleViolation
from hesabdar.receipts.models import Receipt
from hesabdar.receipts.resolve import Resolver
from hesabdar.receipts.schemas import ROOT, ItemInput, ReceiptInput, ReceiptType, TransactionInput
from hesabdar.tenancy.models import Business

_RECEIPT_TYPES = {
    InvoiceType.SALE: ReceiptType.RECEIVE,
    InvoiceType.PURCHASE_RETURN: ReceiptType.RECEIVE,
    InvoiceType.PURCHASE: ReceiptType.PAY,
    InvoiceType.SALES_RETURN: ReceiptType.PAY,
}


@dataclass(frozen=True)
class PaymentInput:
    """One payment of an invoice, as the client names things. ``None`` is "not given"."""

    invoice_type: InvoiceType
    number: Any
    amount: Decimal | None
    date: date | None = None
    transaction_number: str = ""
    description: str = ""
    transaction_fee: Decimal | None = None
    currency: str | None = None
    currency_rate: Decimal | None = None
    project: str | None = None
    bank_code: str | None = None
    cash_code: str | None = None
    petty_cash_code: str | None = None
    contact_code: str | None = None
    account_path: str | None = None


def receipt_type_of(invoice_type: InvoiceType) -> ReceiptType:
    kind = _RECEIPT_TYPES.get(invoice_type)
    if kind is None:
        raise ReceiptRuleViolation("a waste takes no payments.", location=ROOT / "type")
    return kind


def _receipt_input(
    session: Session, business: Business, invoice: Invoice, data: PaymentInput
) -> ReceiptInput:
    invoice_type = InvoiceType(invoice.invoice_type)
    currency = (invoice.currency or business.currency).upper()
    if data.currency is not None and data.currency.strip():
        given = normalize_currency(data.currency, ROOT / "currency")
        if given != currency:
            raise ReceiptRuleViolation(
                f"the invoice is in {currency}; its payments are too (got {given}).",
                location=ROOT / "currency",
            )
    project = data.project
    if not (project and project.strip()) and invoice.project_id is not None:
        project = session.scalar(
            select(Project.title).where(
                Project.business_id == business.id, Project.id == invoice.project_id
            )
        )
    contact = session.scalar(
        select(Contact.code).where(
            Contact.business_id == business.id, Contact.id == invoice.contact_id
        )
    )
    account = account_by_role(
        session,
        business.id,
        AccountType.ACCOUNTS_RECEIVABLE if invoice_type.is_sales else AccountType.ACCOUNTS_PAYABLE,
    )
    rate = data.currency_rate if data.currency_rate else invoice.currency_rate
    return ReceiptInput(
        type=receipt_type_of(invoice_type),
        date=data.date,
        description=data.description,
        project=project,
        currency=currency,
        currency_rate=rate,
        items=[
            ItemInput(
                at=ROOT,
                amount=data.amount,
                contact_code=contact,
                account_path=account.full_path,
                description=data.description,
            )
        ],
        transactions=[
            TransactionInput(
                at=ROOT,
                amount=data.amount,
                reference=data.transaction_number,
                transaction_fee=data.transaction_fee,
                bank_code=data.bank_code,
                cash_code=data.cash_code,
                petty_cash_code=data.petty_cash_code,
                contact_code=data.contact_code,
                account_path=data.account_path,
                account_field="account_path",
            )
        ],
    )


def save_payment(
    session: Session, business: Business, data: PaymentInput, *, via_api: bool = True
) -> Receipt:
    """Record a payment of an approved invoice as a new receipt linked to it."""
    kind = receipt_type_of(data.invoice_type)
    if data.number is None or (isinstance(data.number, str) and not data.number.strip()):
        raise MissingParameter(location=ROOT / "number")
    if data.amount is None:
        raise MissingParameter(location=ROOT / "amount")
    # Lock order: the receipt counter, then the invoice's row, then the documents.
    number = service.claim_number(session, business.id, kind)
    invoice = invoices.find_for_payment(
        session, business.id, data.invoice_type, data.number, at=ROOT / "number"
    )
    resolved = Resolver(session, business).resolve(
        _receipt_input(session, business, invoice, data), service.today()
    )
    ensure_open_dates(session, business.id, [(resolved.date, ROOT / "date")])
    invoices.apply_payment(session, invoice, resolved.amount, at=ROOT / "amount")
    receipt = Receipt(business_id=business.id, type=int(kind), number=number)
    receipt.invoice_id = invoice.id
    if invoice.currency_rate != resolved.currency_rate:
        receipt.settled_rate = invoice.currency_rate
    service.write(session, business, receipt, resolved, at=ROOT)
    changes.record(
        session,
        business.id,
        LogAction.RECEIPT_SAVE,
        service.OBJECT_TYPE,
        receipt.id,
        extra=str(receipt.number),
        extra2=str(receipt.type),
        via_api=via_api,
    )
    return receipt
