from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.schema import DDL

from hesabdar.kit.models import BusinessScoped, IdType, rule, scoped_fk
from hesabdar.kit.types import Money

# How many rows one (account, day) of AccountDayBalance is spread over.
DAY_BALANCE_STRIPES = 8


# Documents have a column named ``date``; annotations use this alias so they do not see it.
Day = date


class FiscalYear(BusinessScoped):
    """A fiscal year (سال مالی). ``ordinal`` is Hesabfa's ``yearId``: 1 for the first, 2 next…"""

    __tablename__ = "fiscal_year"
    __table_args__ = (
        UniqueConstraint("business_id", "ordinal"),
        rule("ordered", "start_date <= end_date", "a fiscal year ends after it starts"),
        rule("ordinal_positive", "ordinal >= 1", "fiscal years are numbered from 1"),
    )

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
        scoped_fk("parent_id", "account", ondelete="RESTRICT"),
        rule("level", "level BETWEEN 1 AND 4", "an account's level is 1 to 4"),
        rule("main_type", "main_account_type BETWEEN 1 AND 8", "main account types are 1 to 8"),
        rule("balance_type", "balance_type IN (0, 1)", "a balance type is 0 or 1"),
        rule("detail_type", "detail_type BETWEEN 0 AND 6", "detail types are 0 to 6"),
    )

    parent_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
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
        scoped_fk("project_id", "project"),
        # One system document per source. Manual documents have no source id (NULLs are
        # distinct in a unique index on both databases).
        UniqueConstraint(
            "business_id",
            "source_type",
            "source_id",
            name="uq_document_business_id_source",
            info={"rule": "a source has one system document"},
        ),
        rule("status", "status IN (0, 1)", "a document is a draft (0) or approved (1)"),
        rule(
            "approved_balanced",
            "status = 0 OR debit = credit",
            "an approved document's debit equals its credit",
        ),
        rule(
            "totals_not_negative",
            "CAST(debit AS REAL) >= 0 AND CAST(credit AS REAL) >= 0",
            "a document's totals are not negative",
        ),
        rule(
            "source",
            "(source_type = 'manual' AND source_id IS NULL) "
            "OR (source_type <> 'manual' AND source_id IS NOT NULL)",
            "a system document names its source and a manual one has none",
        ),
    )

    number: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str] = mapped_column(String(100), default="")
    date: Mapped[Day] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    project_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    status: Mapped[int] = mapped_column(SmallInteger, default=1)
    debit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    credit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    source_type: Mapped[str] = mapped_column(String(30), default="manual")
    source_id: Mapped[int | None] = mapped_column(IdType, nullable=True)

    lines: Mapped[list[DocumentLine]] = relationship(
        back_populates="document",
        primaryjoin="and_(Document.business_id == foreign(DocumentLine.business_id), "
        "Document.id == foreign(DocumentLine.document_id))",
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
        scoped_fk("document_id", "document", ondelete="CASCADE"),
        scoped_fk("account_id", "account", ondelete="RESTRICT"),
        scoped_fk("project_id", "project"),
        scoped_fk("contact_id", "contact"),
        scoped_fk("item_id", "item"),
        scoped_fk("bank_id", "bank"),
        scoped_fk("cash_id", "cash"),
        scoped_fk("petty_cash_id", "petty_cash"),
        rule("side", "side IN (0, 1)", "a line is a debit (0) or a credit (1)"),
        rule("amount_positive", "CAST(amount AS REAL) > 0", "a line's amount is above zero"),
        rule(
            "one_side",
            "(side = 0 AND debit = amount AND CAST(credit AS REAL) = 0) "
            "OR (side = 1 AND credit = amount AND CAST(debit AS REAL) = 0)",
            "a line posts its amount to one side only",
        ),
        rule(
            "currency_amount_positive",
            "CAST(currency_amount AS REAL) > 0",
            "a line's currency amount is above zero",
        ),
        rule("currency", "currency = upper(currency)", "currency codes are upper case"),
    )

    document_id: Mapped[int] = mapped_column(IdType, index=True)
    row: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(IdType, index=True)
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
    project_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    # Details (تفصیل). The master tables belong to other domains; their deletes are refused by
    # the referrers registered in ``ledger.references`` (naming the document), and the foreign
    # keys make the database refuse them too, even against a save racing the delete.
    contact_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    item_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    bank_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    cash_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    petty_cash_id: Mapped[int | None] = mapped_column(IdType, nullable=True)

    document: Mapped[Document] = relationship(
        back_populates="lines",
        primaryjoin="and_(Document.business_id == foreign(DocumentLine.business_id), "
        "Document.id == foreign(DocumentLine.document_id))",
    )


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
    __table_args__ = (
        UniqueConstraint("business_id", "account_id", "date", "stripe"),
        scoped_fk("account_id", "account", ondelete="RESTRICT"),
        rule("stripe", f"stripe BETWEEN 0 AND {DAY_BALANCE_STRIPES - 1}", "day-balance stripes"),
    )

    account_id: Mapped[int] = mapped_column(IdType, index=True)
    date: Mapped[Day] = mapped_column(Date)
    stripe: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    debit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    credit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))


# PostgreSQL checks at commit what no row alone can state: an approved document's lines sum to
# its header's totals (and it has two at least), and every line carries its document's date and
# posted flag, which reports read without a join. Deferred, so a save may write the header and
# the lines in any order within its transaction. SQLite has no deferred triggers; there the
# service (ledger.service.validate) is the guard for sums.
DOCUMENT_SUMS_TRIGGER = "document_lines_match_header"
DOCUMENT_SUMS_RULE = (
    "an approved document's lines sum to its totals, and every line carries the document's "
    "date and status"
)
DOCUMENT_SUMS_DDL = (
    f"""
CREATE OR REPLACE FUNCTION {DOCUMENT_SUMS_TRIGGER}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    owner bigint;
    target bigint;
    header record;
    sums record;
BEGIN
    IF TG_TABLE_NAME = 'document' THEN
        owner := NEW.business_id;
        target := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        owner := OLD.business_id;
        target := OLD.document_id;
    ELSE
        owner := NEW.business_id;
        target := NEW.document_id;
    END IF;
    -- Deferred events fire in the order the rows were written, and every save writes the
    -- document's row before its lines: a line of the document checked just now needs nothing
    -- more (no look-up at all, the common case).
    IF TG_TABLE_NAME = 'document_line'
            AND current_setting('hesabdar.checked_document', true) = owner || ':' || target THEN
        RETURN NULL;
    END IF;
    SELECT d.status, d.debit, d.credit, d.date, d.xmin::text::bigint AS written_by INTO header
        FROM document d WHERE d.business_id = owner AND d.id = target;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    -- A line of a document whose row this transaction wrote: the document's own trigger checks
    -- it (every save writes the header), once rather than once per line.
    IF TG_TABLE_NAME = 'document_line'
            AND header.written_by = txid_current() % 4294967296 THEN
        RETURN NULL;
    END IF;
    SELECT count(*) AS lines, coalesce(sum(l.debit), 0) AS debit,
            coalesce(sum(l.credit), 0) AS credit,
            count(*) FILTER (WHERE l.is_posted <> (header.status = 1) OR l.date <> header.date)
                AS astray
        INTO sums
        FROM document_line l WHERE l.business_id = owner AND l.document_id = target;
    IF sums.astray > 0 OR (header.status = 1 AND (sums.lines < 2 OR sums.debit <> header.debit
            OR sums.credit <> header.credit)) THEN
        RAISE EXCEPTION 'document % breaks the ledger: % lines summing to %/%, header %/%',
                target, sums.lines, sums.debit, sums.credit, header.debit, header.credit
            USING ERRCODE = 'check_violation', CONSTRAINT = '{DOCUMENT_SUMS_TRIGGER}';
    END IF;
    IF TG_TABLE_NAME = 'document' THEN
        PERFORM set_config('hesabdar.checked_document', owner || ':' || target, true);
    END IF;
    RETURN NULL;
END
$$
""",
    f"""
CREATE CONSTRAINT TRIGGER {DOCUMENT_SUMS_TRIGGER} AFTER INSERT OR UPDATE ON document
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {DOCUMENT_SUMS_TRIGGER}()
""",
    f"""
CREATE CONSTRAINT TRIGGER {DOCUMENT_SUMS_TRIGGER} AFTER INSERT OR UPDATE OR DELETE
    ON document_line DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION {DOCUMENT_SUMS_TRIGGER}()
""",
)

cast(Table, Document.__table__).info["rules"] = {DOCUMENT_SUMS_TRIGGER: DOCUMENT_SUMS_RULE}
for _statement in DOCUMENT_SUMS_DDL:
    # DDL formats its text with %: the trigger's own % placeholders are escaped.
    event.listen(
        DocumentLine.__table__,
        "after_create",
        DDL(_statement.replace("%", "%%")).execute_if(dialect="postgresql"),
    )
