"""Receipts: a header, the parties money comes from or goes to (items), and how it moves
(transactions: cash, bank, petty cash, cheque, a contact or an account)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Date,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hesabdar.kit.models import BusinessScoped, IdType, rule, scoped_fk
from hesabdar.kit.types import Money, Rate

# Receipts have a column named ``date``; annotations use this alias so they do not see it.
Day = date


class Receipt(BusinessScoped):
    """One receipt. ``number`` is unique per business and type; ``amount`` is the sum of its
    items, in ``currency``; ``currency_rate`` turns it into the business's base currency."""

    __tablename__ = "receipt"
    __table_args__ = (
        UniqueConstraint("business_id", "type", "number"),
        Index("ix_receipt_business_date", "business_id", "date"),
        scoped_fk("project_id", "project"),
        scoped_fk("invoice_id", "invoice"),
        Index("ix_receipt_invoice", "business_id", "invoice_id"),
        rule("type", "type BETWEEN 1 AND 6", "a receipt's type is 1 to 6"),
        rule("number_positive", "number >= 1", "receipt numbers start at 1"),
        rule("amount_positive", "CAST(amount AS REAL) > 0", "a receipt's amount is above zero"),
        rule(
            "rate_positive",
            "CAST(currency_rate AS REAL) > 0",
            "a receipt's exchange rate is above zero",
        ),
        rule("currency", "currency = upper(currency)", "currency codes are upper case"),
    )

    type: Mapped[int] = mapped_column(SmallInteger)
    number: Mapped[int] = mapped_column(BigInteger)
    date: Mapped[Day] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    currency: Mapped[str] = mapped_column(String(8))
    currency_rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(1))
    amount: Mapped[Decimal] = mapped_column(Money())
    # The rate the items are settled at when it is not ``currency_rate`` (an invoice payment
    # clears the invoice at the invoice's rate); the difference is an exchange gain or loss.
    settled_rate: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    project_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    # The invoice this receipt is a payment of (invoice/savepayment), if it is one.
    invoice_id: Mapped[int | None] = mapped_column(IdType, nullable=True)

    items: Mapped[list[ReceiptItem]] = relationship(
        primaryjoin="and_(Receipt.business_id == foreign(ReceiptItem.business_id), "
        "Receipt.id == foreign(ReceiptItem.receipt_id))",
        order_by="ReceiptItem.row",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    transactions: Mapped[list[ReceiptTransaction]] = relationship(
        primaryjoin="and_(Receipt.business_id == foreign(ReceiptTransaction.business_id), "
        "Receipt.id == foreign(ReceiptTransaction.receipt_id))",
        order_by="ReceiptTransaction.row",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ReceiptItem(BusinessScoped):
    """Who pays or is paid: a contact (on its receivable or payable account) or an account
    (with the contact as its detail when the account takes one)."""

    __tablename__ = "receipt_item"
    __table_args__ = (
        scoped_fk("receipt_id", "receipt", ondelete="CASCADE"),
        scoped_fk("contact_id", "contact"),
        scoped_fk("account_id", "account", ondelete="RESTRICT"),
        rule("amount_positive", "CAST(amount AS REAL) > 0", "an item's amount is above zero"),
        rule(
            "party",
            "contact_id IS NOT NULL OR account_id IS NOT NULL",
            "an item names a contact or an account",
        ),
    )

    receipt_id: Mapped[int] = mapped_column(IdType, index=True)
    row: Mapped[int] = mapped_column(Integer)
    contact_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    account_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    description: Mapped[str] = mapped_column(Text, default="")


class ReceiptTransaction(BusinessScoped):
    """How money moved: ``kind`` is Hesabfa's receipt transaction type (1 cash, 2 petty cash,
    3 bank, 4 cheque, 5 a received cheque spent, 6 contact, 7 account), and the column of that
    kind names the record.

    A spent cheque (kind 5) names the received cheque (a kind 4 row of a receipt that receives)
    in ``spent_cheque_id`` and repeats its number, date, amount and payer: the receipt that
    received it cannot change while it is spent, so the two never disagree. The unique key
    spends a cheque at most once."""

    __tablename__ = "receipt_transaction"
    __table_args__ = (
        scoped_fk("receipt_id", "receipt", ondelete="CASCADE"),
        scoped_fk("cash_id", "cash"),
        scoped_fk("petty_cash_id", "petty_cash"),
        scoped_fk("bank_id", "bank"),
        scoped_fk("contact_id", "contact"),
        scoped_fk("account_id", "account", ondelete="RESTRICT"),
        scoped_fk("cheque_bank_id", "bank"),
        scoped_fk("spent_cheque_id", "receipt_transaction", ondelete="RESTRICT"),
        UniqueConstraint(
            "business_id",
            "spent_cheque_id",
            info={"rule": "a received cheque is spent at most once"},
        ),
        # Received cheques are found by their number.
        Index("ix_receipt_transaction_cheque", "business_id", "cheque_number"),
        rule("kind", "kind BETWEEN 1 AND 7", "a transaction's type is 1 to 7"),
        rule("amount_positive", "CAST(amount AS REAL) > 0", "a transaction's amount is above zero"),
        rule(
            "fee",
            "CAST(transaction_fee AS REAL) = 0 "
            "OR (CAST(transaction_fee AS REAL) > 0 AND kind IN (1, 2, 3))",
            "a fee is above zero and only on cash, petty cash or a bank",
        ),
        rule(
            "money_side",
            "(kind = 1 AND cash_id IS NOT NULL) OR (kind = 2 AND petty_cash_id IS NOT NULL) "
            "OR (kind = 3 AND bank_id IS NOT NULL) "
            "OR (kind = 4 AND contact_id IS NOT NULL AND cheque_number IS NOT NULL) "
            "OR (kind = 5 AND contact_id IS NOT NULL AND cheque_number IS NOT NULL "
            "AND spent_cheque_id IS NOT NULL) "
            "OR (kind = 6 AND contact_id IS NOT NULL) OR (kind = 7 AND account_id IS NOT NULL)",
            "a transaction names the record of its type",
        ),
        rule(
            "spends_a_cheque",
            "spent_cheque_id IS NULL OR kind = 5",
            "only a spent cheque names the cheque it spends",
        ),
    )

    receipt_id: Mapped[int] = mapped_column(IdType, index=True)
    row: Mapped[int] = mapped_column(Integer)
    kind: Mapped[int] = mapped_column(SmallInteger)
    cash_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    petty_cash_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    bank_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    # The contact of a contact transaction, or the other party of a cheque.
    contact_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    account_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    reference: Mapped[str] = mapped_column(String(100), default="")
    transaction_fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    amount: Mapped[Decimal] = mapped_column(Money())
    cheque_number: Mapped[str | None] = mapped_column(String(50), nullable=True)
    cheque_date: Mapped[Day | None] = mapped_column(Date, nullable=True)
    cheque_sayyad: Mapped[str] = mapped_column(String(50), default="")
    cheque_payee: Mapped[str] = mapped_column(String(200), default="")
    cheque_bank_name: Mapped[str] = mapped_column(String(200), default="")
    cheque_bank_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    spent_cheque_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
