from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
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

# Invoices have a column named ``date``; annotations use this alias so they do not see it.
Day = date


class Invoice(BusinessScoped):
    """An invoice (فاکتور) of one type, numbered per type and business.

    ``status`` is stored as 0 (draft) or 1 (approved); clients' 2 and 3 are read as 1. The
    amounts are the invoice's own, in its currency: ``total`` is Σ rows' TotalAmount (Hesabfa's
    Sum), ``payable`` adds the freight and the additions and takes off the deductions
    (``others``), ``paid`` is the sum of the payments recorded against it.
    """

    __tablename__ = "invoice"
    __table_args__ = (
        UniqueConstraint("business_id", "invoice_type", "number"),
        Index("ix_invoice_business_date", "business_id", "date"),
        # The WooCommerce plugin looks up an order's invoice by its Reference before each save.
        Index("ix_invoice_business_reference", "business_id", "reference"),
        scoped_fk("contact_id", "contact"),
        scoped_fk("freight_contact_id", "contact"),
        scoped_fk("project_id", "project"),
        scoped_fk("salesman_id", "salesman"),
        rule("invoice_type", "invoice_type BETWEEN 0 AND 4", "an invoice's type is 0 to 4"),
        rule("status", "status IN (0, 1)", "an invoice is a draft (0) or approved (1)"),
        rule("number_positive", "number > 0", "invoice numbers are positive"),
        rule(
            "warehouse_receipt_status",
            "warehouse_receipt_status BETWEEN 0 AND 2",
            "an invoice's warehouse receipt status is 0 to 2",
        ),
        rule(
            "contact",
            "invoice_type = 4 OR contact_id IS NOT NULL",
            "an invoice other than a waste names its contact",
        ),
        rule(
            "amounts_not_negative",
            "CAST(total AS REAL) >= 0 AND CAST(freight AS REAL) >= 0 "
            "AND CAST(payable AS REAL) >= 0 AND CAST(paid AS REAL) >= 0",
            "an invoice's amounts are not negative",
        ),
        rule(
            "paid_only_approved",
            "CAST(paid AS REAL) = 0 OR status = 1",
            "only an approved invoice has payments",
        ),
        rule("rate_positive", "CAST(currency_rate AS REAL) > 0", "an exchange rate is above 0"),
        rule(
            "salesman_percent",
            "CAST(salesman_percent AS REAL) BETWEEN 0 AND 100",
            "a salesman's commission is 0 to 100 percent",
        ),
    )

    invoice_type: Mapped[int] = mapped_column(SmallInteger)
    number: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str] = mapped_column(String(100), default="")
    date: Mapped[Day] = mapped_column(Date)
    due_date: Mapped[Day] = mapped_column(Date)
    contact_id: Mapped[int | None] = mapped_column(IdType, nullable=True, index=True)
    contact_title: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    sent: Mapped[bool] = mapped_column(Boolean, default=False)
    # Marked settled outside the books (invoice/changePaidStatus); posts nothing.
    paid_status: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[int] = mapped_column(SmallInteger, default=0)
    # Opaque to us; shop plugins store JSON such as {"id_order": 12}.
    tag: Mapped[str] = mapped_column(Text, default="")
    freight: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    freight_contact_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    warehouse_receipt_status: Mapped[int] = mapped_column(SmallInteger, default=0)
    project_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    salesman_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    salesman_percent: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(8), default="")
    currency_rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(1))
    tax_id: Mapped[str] = mapped_column(String(100), default="")
    total: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    payable: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    paid: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))

    rows: Mapped[list[InvoiceRow]] = relationship(
        primaryjoin="and_(Invoice.business_id == foreign(InvoiceRow.business_id), "
        "Invoice.id == foreign(InvoiceRow.invoice_id))",
        order_by="InvoiceRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    others: Mapped[list[InvoiceOther]] = relationship(
        primaryjoin="and_(Invoice.business_id == foreign(InvoiceOther.business_id), "
        "Invoice.id == foreign(InvoiceOther.invoice_id))",
        order_by="InvoiceOther.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def rest(self) -> Decimal:
        return self.payable - self.paid


class InvoiceRow(BusinessScoped):
    """One row (قلم) of an invoice: an item, its quantity and price, discount and tax."""

    __tablename__ = "invoice_row"
    __table_args__ = (
        UniqueConstraint("business_id", "invoice_id", "position"),
        scoped_fk("invoice_id", "invoice", ondelete="CASCADE"),
        scoped_fk("item_id", "item"),
        rule(
            "amounts_not_negative",
            "CAST(quantity AS REAL) > 0 AND CAST(unit_price AS REAL) >= 0 "
            "AND CAST(discount AS REAL) >= 0 AND CAST(tax AS REAL) >= 0",
            "an invoice row's quantity is above 0 and its amounts are not negative",
        ),
    )

    invoice_id: Mapped[int] = mapped_column(IdType, index=True)
    # The row's place in the invoice (0, 1, …); ``row_number`` is what the client sent.
    position: Mapped[int] = mapped_column(Integer)
    row_number: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(IdType, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(50), default="")
    quantity: Mapped[Decimal] = mapped_column(Money())
    unit_price: Mapped[Decimal] = mapped_column(Money())
    discount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # Space-separated in storage would lose a serial containing a space: one per line.
    serial_numbers: Mapped[str] = mapped_column(Text, default="")


class InvoiceOther(BusinessScoped):
    """One addition (``add``: customs fees, packing, …) or deduction of an invoice (اضافات و
    کسورات فاکتور), outside its rows; replaced with the invoice's others on every save."""

    __tablename__ = "invoice_other"
    __table_args__ = (
        UniqueConstraint("business_id", "invoice_id", "position"),
        scoped_fk("invoice_id", "invoice", ondelete="CASCADE"),
        rule("amount_positive", "CAST(amount AS REAL) > 0", "an addition or deduction is above 0"),
    )

    # Found by the unique key (business_id, invoice_id, position): no index of its own.
    invoice_id: Mapped[int] = mapped_column(IdType)
    # Its place among the invoice's others (0, 1, …), the order the client gave.
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Money())
    add: Mapped[bool] = mapped_column(Boolean)
