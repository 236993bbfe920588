"""Paying an invoice online: the pay button starts a payment of the invoice's Rest at that
moment, the gateway's bank takes it, and the gateway's callback records it, once.

The callback records the payment through ``invoice/savepayment``'s own service
(:func:`hesabdar.receipts.payments.save_payment`): a receive of the amount into the bank the
setting names, dated the day of the callback, its transaction number the gateway's reference,
outside the API (the change log's ``API`` is false). The payment's row is locked first
(``LockStage.ATTEMPT``), so of two callbacks of one payment, replayed or at once, the second
finds it finished and changes nothing; a callback the gateway does not vouch for (signature,
amount, status) changes nothing either. If savepayment refuses the payment when the callback
comes (the invoice was paid meanwhile by other means, its date's fiscal year is closed …), the
payment is marked refused with the reason, and the books stay as they were.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import InvoiceStatus, InvoiceType
from hesabdar.kit import locks
from hesabdar.kit.errors import HesabdarError
from hesabdar.kit.locks import LockStage
from hesabdar.kit.models import utcnow
from hesabdar.online import gateways, sandbox
from hesabdar.online import service as online
from hesabdar.online.errors import PageNotFound, PaymentNotPossible
from hesabdar.online.gateways import Gateway, Outcome
from hesabdar.online.models import OnlinePayment
from hesabdar.receipts import payments as savepayment
from hesabdar.receipts import service as receipts
from hesabdar.tenancy.models import Business

PENDING, PAID, CANCELLED, REFUSED = "pending", "paid", "cancelled", "refused"
MAX_REFERENCE_LENGTH = 100


def callback_url(public_url: str, gateway: str) -> str:
    return f"{public_url}/public/pay/{gateway}/callback"


def unpayable_reason(session: Session, business: Business, invoice: Invoice) -> str | None:
    """Why the invoice cannot be paid online now (in the payer's words), or None if it can."""
    settings = online.online_settings(session, business.id)
    if not settings.enabled or settings.bank is None or gateways.find(settings.gateway) is None:
        return "پرداخت اینترنتی برای این کسب‌وکار فعال نیست."
    if invoice.invoice_type != InvoiceType.SALE or invoice.status != InvoiceStatus.APPROVED:
        return "این فاکتور پرداخت اینترنتی ندارد."
    if invoice.rest <= 0:
        return "این فاکتور مانده‌ای برای پرداخت ندارد."
    if (invoice.currency or business.currency).upper() != business.currency.upper():
        return f"این فاکتور به ارز {invoice.currency} است و پرداخت اینترنتی آن ممکن نیست."
    return None


def begin(session: Session, business: Business, invoice: Invoice, *, public_url: str) -> str:
    """A new payment of the invoice's Rest through the business's gateway; the URL of the
    gateway's bank page to send the payer to."""
    reason = unpayable_reason(session, business, invoice)
    if reason is not None:
        raise PaymentNotPossible(reason)
    gateway = gateways.find(online.online_settings(session, business.id).gateway)
    assert gateway is not None  # unpayable_reason checked it
    payment = OnlinePayment(
        business_id=business.id,
        gateway=gateway.name,
        reference="",
        invoice_id=invoice.id,
        amount=invoice.rest,
        status=PENDING,
    )
    start = gateway.begin(
        payment, public_url=public_url, callback_url=callback_url(public_url, gateway.name)
    )
    session.add(payment)
    session.flush()
    return start.redirect_url


def _locked(session: Session, gateway: str, reference: str) -> OnlinePayment | None:
    locks.enter(session, LockStage.ATTEMPT)
    return session.scalar(
        select(OnlinePayment)
        .where(OnlinePayment.gateway == gateway, OnlinePayment.reference == reference)
        .with_for_update()
    )


def for_callback(
    session: Session, gateway_name: str, params: Mapping[str, str]
) -> tuple[Gateway, OnlinePayment]:
    """The gateway and the payment a callback names, the payment's row locked to the commit;
    PageNotFound when either is unknown."""
    gateway = gateways.find(gateway_name)
    if gateway is None:
        raise PageNotFound()
    reference = gateway.reference_of(params)
    if not reference or len(reference) > MAX_REFERENCE_LENGTH:
        raise PageNotFound()
    payment = _locked(session, gateway.name, reference)
    if payment is None:
        raise PageNotFound()
    return gateway, payment


def finish(
    session: Session, gateway: Gateway, payment: OnlinePayment, params: Mapping[str, str]
) -> bool:
    """Record what the callback says of a payment found with :func:`for_callback`. False: the
    payment was finished before (a replay), and nothing changes. CallbackRefused: the gateway
    does not vouch for the callback, and nothing changes. When savepayment refuses the payment
    (the invoice was paid another way meanwhile, say), the payment is marked refused with its
    words and the books stay as they were."""
    if payment.status != PENDING:
        return False
    verdict = gateway.verify(payment, params)
    if verdict.outcome is Outcome.CANCELLED:
        payment.status = CANCELLED
        payment.finished_at = utcnow()
        session.flush()
        return True
    try:
        with session.begin_nested():
            receipt_id = _record(session, gateway, payment)
    except HesabdarError as error:
        payment.status = REFUSED
        payment.message = error.message
        payment.finished_at = utcnow()
        session.flush()
        return True
    payment.status = PAID
    payment.receipt_id = receipt_id
    payment.finished_at = utcnow()
    session.flush()
    return True


def _record(session: Session, gateway: Gateway, payment: OnlinePayment) -> int:
    """The payment recorded by savepayment's service; the receipt's id."""
    business = session.get_one(Business, payment.business_id)
    number = session.scalar(
        select(Invoice.number).where(
            Invoice.business_id == payment.business_id, Invoice.id == payment.invoice_id
        )
    )
    settings = online.online_settings(session, business.id)
    if settings.bank is None:
        raise PaymentNotPossible("the online payment setting names no bank to record it in.")
    receipt = savepayment.save_payment(
        session,
        business,
        savepayment.PaymentInput(
            invoice_type=InvoiceType.SALE,
            number=number,
            amount=payment.amount,
            date=receipts.today(),
            transaction_number=payment.reference,
            description=f"پرداخت اینترنتی فاکتور فروش {number} ({gateway.name})",
            bank_code=settings.bank.code,
        ),
        via_api=False,
    )
    return receipt.id


def at_sandbox_bank(session: Session, reference: str) -> OnlinePayment:
    """The sandbox payment the sandbox bank's page is for (pending); PageNotFound otherwise."""
    if not reference or len(reference) > MAX_REFERENCE_LENGTH:
        raise PageNotFound()
    payment = session.scalar(
        select(OnlinePayment).where(
            OnlinePayment.gateway == sandbox.NAME, OnlinePayment.reference == reference
        )
    )
    if payment is None or payment.status != PENDING:
        raise PageNotFound()
    return payment
