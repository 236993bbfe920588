"""The online gateway's setting, the links to public pages, and online payments."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped, IdType, rule, scoped_fk
from hesabdar.kit.types import Money


class OnlinePaymentSetting(BusinessScoped):
    """Whether a business takes payments of its invoices online, through which gateway, and
    into which of its bank accounts (setting/SetOnlinePayment). No row: not enabled."""

    __tablename__ = "online_payment_setting"
    __table_args__ = (
        UniqueConstraint("business_id"),
        # A bank chosen here is not deleted (online.references names the setting).
        scoped_fk("bank_id", "bank"),
        rule(
            "enabled_complete",
            "NOT enabled OR (gateway <> '' AND bank_id IS NOT NULL)",
            "an enabled online gateway names the gateway and the bank it pays into",
        ),
    )

    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    gateway: Mapped[str] = mapped_column(String(30), default="")
    bank_id: Mapped[int | None] = mapped_column(IdType, nullable=True)


class OnlineLink(BusinessScoped):
    """A link to the public page of one invoice or of one contact's statement.

    Only the SHA-256 of the link's token is stored: the token exists in the URL handed out, and
    nowhere here. Public URLs carry nothing but the token, so it is found by its hash alone
    (``ix_online_link_token_hash``); a SHA-256 of 256 random bits is unique in practice, and the
    unique key includes the business as every business-owned key does. A revoked link, or one
    whose invoice or contact is deleted (the rows go with them), shows nothing.
    """

    __tablename__ = "online_link"
    __table_args__ = (
        UniqueConstraint("business_id", "token_hash"),
        Index("ix_online_link_token_hash", "token_hash"),
        Index("ix_online_link_business_invoice", "business_id", "invoice_id"),
        Index("ix_online_link_business_contact", "business_id", "contact_id"),
        scoped_fk("invoice_id", "invoice", ondelete="CASCADE"),
        scoped_fk("contact_id", "contact", ondelete="CASCADE"),
        rule(
            "one_subject",
            "(invoice_id IS NULL) <> (contact_id IS NULL)",
            "a link shows one invoice or one contact",
        ),
        rule("days", "days BETWEEN 1 AND 3660", "a statement covers 1 to 3660 days"),
    )

    token_hash: Mapped[str] = mapped_column(String(64))
    invoice_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    contact_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    # A contact's statement: every account the contact is a detail of, or only its receivable
    # and payable; and how many days back from the day it is shown.
    show_all_accounts: Mapped[bool] = mapped_column(Boolean, default=False)
    days: Mapped[int] = mapped_column(Integer, default=30)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class OnlinePayment(BusinessScoped):
    """One attempt to pay an invoice online: made when the payer presses the pay button, for
    the invoice's Rest at that moment, and finished by the gateway's callback.

    ``reference`` is the gateway's name for the payment; (business, gateway, reference) is
    unique, and the callback locks this row before recording anything, so a replayed or
    concurrent callback records one payment at most. ``secret`` is what the gateway's callback
    is checked with (the sandbox: the key its signature is made with).
    """

    __tablename__ = "online_payment"
    __table_args__ = (
        UniqueConstraint("business_id", "gateway", "reference"),
        # A callback names its gateway and reference, not the business.
        Index("ix_online_payment_gateway_reference", "gateway", "reference"),
        scoped_fk("invoice_id", "invoice", ondelete="CASCADE"),
        rule(
            "status",
            "status IN ('pending', 'paid', 'cancelled', 'refused')",
            "an online payment is pending, paid, cancelled or refused",
        ),
        rule("amount_positive", "CAST(amount AS REAL) > 0", "an online payment is above 0"),
        rule(
            "paid_receipt",
            "status <> 'paid' OR receipt_id IS NOT NULL",
            "a paid online payment names its receipt",
        ),
    )

    gateway: Mapped[str] = mapped_column(String(30))
    reference: Mapped[str] = mapped_column(String(100))
    invoice_id: Mapped[int] = mapped_column(IdType, index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    secret: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    # The receipt the payment was recorded as (no foreign key: deleting that receipt through
    # receipt/delete is the business's own decision, and this stays the record of the payment).
    receipt_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    # Why a payment was refused when its callback came (the rule savepayment stated).
    message: Mapped[str] = mapped_column(Text, default="")
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
