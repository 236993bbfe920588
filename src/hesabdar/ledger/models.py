from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hesabdar.kit.models import BusinessScoped, IdType
from hesabdar.kit.types import Money

# How many rows one (account, day) of AccountDayBalance is spread over.
DAY_BALANCE_STRIPES = 8

# Documents have a column named ``date``; annotations use this alias so they do not see it.
Day = date


class FiscalYear(BusinessScoped):
    """A fiscal year (سال مالی). ``ordinal`` is Hesabfa's ``yearId``: 1 for the first, 2 next…"""

    __tablename__ = "fiscal_year"
    __table_args__ = (UniqueConstraint("business_id", "ordinal"),)

    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    is_closed: Mapped[bool] = mapped_column(Boolean, default=False)


class Account(BusinessScoped):
    """A node of the chart of accounts. Only leaves take postings.

    ``full_path`` is stored normalised (``A : B : C : D``, see ``core.normalize_path``) and
    begins with the main account type's name. ``account_type`` is the role other domains post
    to (``service.account_by_role``).
    """

    __tablename__ = "account"
    __table_args__ = (
        UniqueConstraint("business_id", "full_path"),
        UniqueConstraint("business_id", "code"),
        Index("ix_account_business_role", "business_id", "account_type"),
    )

    parent_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("account.id", ondelete="RESTRICT"), nullable=True
    )
    level: Mapped[int] = mapped_column(SmallInteger)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    full_path: Mapped[str] = mapped_column(String(600))
    main_account_type: Mapped[int] = mapped_column(SmallInteger)
    balance_type: Mapped[int] = mapped_column(SmallInteger)
    detail_type: Mapped[int] = mapped_column(SmallInteger, default=0)
    account_type: Mapped[int] = mapped_column(SmallInteger, default=0)
    is_system: Mapped[bool] = mapped_column(Boolean, default=False)
    is_leaf: Mapped[bool] = mapped_column(Boolean, default=True)


class Document(BusinessScoped):
    """An accounting document (سند). ``source_type`` is ``manual`` for documents saved through
    ``document/*``; invoices, receipts and transfers post system documents linked by
    ``source_type``/``source_id`` that only their source may change."""

    __tablename__ = "document"
    __table_args__ = (
        UniqueConstraint("business_id", "number"),
        Index("ix_document_business_date", "business_id", "date"),
        Index("ix_document_business_source", "business_id", "source_type", "source_id"),
    )

    number: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str] = mapped_column(String(100), default="")
    date: Mapped[Day] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    project_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("project.id"), nullable=True)
    status: Mapped[int] = mapped_column(SmallInteger, default=1)
    debit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    credit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    source_type: Mapped[str] = mapped_column(String(30), default="manual")
    source_id: Mapped[int | None] = mapped_column(IdType, nullable=True)

    lines: Mapped[list[DocumentLine]] = relationship(
        back_populates="document",
        order_by="DocumentLine.row",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class DocumentLine(BusinessScoped):
    """One transaction of a document, carrying what reports need without a join: the account,
    the document's date and project, whether it is posted (the document is approved), and the
    amount split into debit and credit columns."""

    __tablename__ = "document_line"
    __table_args__ = (
        # Trial balance: posted lines of one business, grouped by account, within a date range;
        # the covering columns let PostgreSQL answer from the index alone.
        Index(
            "ix_document_line_balance",
            "business_id",
            "account_id",
            "date",
            postgresql_include=["debit", "credit"],
            postgresql_where=text("is_posted"),
            sqlite_where=text("is_posted"),
        ),
        Index("ix_document_line_contact", "business_id", "contact_id"),
        Index("ix_document_line_item", "business_id", "item_id"),
        Index("ix_document_line_bank", "business_id", "bank_id"),
        Index("ix_document_line_cash", "business_id", "cash_id"),
        Index("ix_document_line_petty_cash", "business_id", "petty_cash_id"),
        Index("ix_document_line_project", "business_id", "project_id"),
    )

    document_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    row: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("account.id", ondelete="RESTRICT"), index=True
    )
    date: Mapped[Day] = mapped_column(Date)
    is_posted: Mapped[bool] = mapped_column(Boolean, default=False)
    side: Mapped[int] = mapped_column(SmallInteger)
    amount: Mapped[Decimal] = mapped_column(Money())
    debit: Mapped[Decimal] = mapped_column(Money())
    credit: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(8), default="")
    currency_amount: Mapped[Decimal] = mapped_column(Money())
    description: Mapped[str] = mapped_column(Text, default="")
    info: Mapped[str] = mapped_column(Text, default="")
    project_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("project.id"), nullable=True)
    # Details (تفصیل). The master tables belong to other domains; their deletes are refused by
    # the referrers registered in ``ledger.references`` (naming the document), and the foreign
    # keys make the database refuse them too, even against a save racing the delete.
    contact_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("contact.id"), nullable=True)
    item_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("item.id"), nullable=True)
    bank_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("bank.id"), nullable=True)
    cash_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("cash.id"), nullable=True)
    petty_cash_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("petty_cash.id"), nullable=True
    )

    document: Mapped[Document] = relationship(back_populates="lines")


class AccountDayBalance(BusinessScoped):
    """Posted debit and credit per account and day, kept with every document write.

    The trial balance sums these (at most accounts x days x stripes rows) instead of every
    line, which keeps it fast at millions of lines; tests recompute it from the lines and
    compare.

    One (account, day) is spread over ``DAY_BALANCE_STRIPES`` rows: each transaction adds to one stripe
    (``stripe``), so concurrent documents posting to the same account on the same day (the
    cash account, today) rarely wait on each other's row lock. Readers sum over the stripes.
    """

    __tablename__ = "account_day_balance"
    __table_args__ = (UniqueConstraint("business_id", "account_id", "date", "stripe"),)

    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("account.id", ondelete="RESTRICT"), index=True
    )
    date: Mapped[Day] = mapped_column(Date)
    stripe: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    debit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    credit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
