"""Warehouse receipts (رسید ورود به انبار), issues (حواله خروج از انبار) and transfers (حواله
انتقال): a header naming the warehouse and what it places, and its rows of goods."""

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
from hesabdar.kit.types import Money

# Receipts have a column named ``date``; annotations use this alias so they do not see it.
Day = date


class WarehouseReceipt(BusinessScoped):
    """One receipt (``kind`` 1: goods come into ``warehouse_id``) or issue (2: goods leave it),
    numbered per business. An invoice's receipt places that invoice's goods; a transfer is an
    issue that no invoice has, whose goods go into ``destination_id``."""

    __tablename__ = "warehouse_receipt"
    __table_args__ = (
        UniqueConstraint("business_id", "number"),
        Index("ix_warehouse_receipt_business_date", "business_id", "date"),
        Index("ix_warehouse_receipt_invoice", "business_id", "invoice_id"),
        scoped_fk("warehouse_id", "warehouse"),
        scoped_fk("destination_id", "warehouse"),
        scoped_fk("invoice_id", "invoice"),
        scoped_fk("project_id", "project"),
        rule("kind", "kind IN (1, 2)", "a warehouse receipt is a receipt (1) or an issue (2)"),
        rule("number_positive", "number >= 1", "warehouse receipt numbers start at 1"),
        rule(
            "places_something",
            "(invoice_id IS NULL) <> (destination_id IS NULL)",
            "a warehouse receipt places an invoice's goods, or transfers goods to a warehouse",
        ),
        rule(
            "transfer",
            "destination_id IS NULL OR (kind = 2 AND destination_id <> warehouse_id)",
            "a transfer issues goods to another warehouse",
        ),
    )

    number: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[int] = mapped_column(SmallInteger)
    warehouse_id: Mapped[int] = mapped_column(IdType)
    destination_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    invoice_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    date: Mapped[Day] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    # Where and how the goods were handed over, and who carried them: texts, not amounts (a
    # receipt posts nothing; Hesabfa answers "توسط خودشان" as a receipt's Freight).
    delivery: Mapped[str] = mapped_column(String(200), default="")
    freight: Mapped[str] = mapped_column(String(200), default="")
    project_id: Mapped[int | None] = mapped_column(IdType, nullable=True)

    rows: Mapped[list[WarehouseReceiptRow]] = relationship(
        primaryjoin="and_(WarehouseReceipt.business_id == foreign(WarehouseReceiptRow.business_id), "
        "WarehouseReceipt.id == foreign(WarehouseReceiptRow.receipt_id))",
        order_by="WarehouseReceiptRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class WarehouseReceiptRow(BusinessScoped):
    """One item and the quantity of it the receipt places."""

    __tablename__ = "warehouse_receipt_row"
    __table_args__ = (
        UniqueConstraint("business_id", "receipt_id", "position"),
        scoped_fk("receipt_id", "warehouse_receipt", ondelete="CASCADE"),
        scoped_fk("item_id", "item"),
        rule(
            "quantity_positive",
            "CAST(quantity AS REAL) > 0",
            "a warehouse receipt row's quantity is above 0",
        ),
    )

    receipt_id: Mapped[int] = mapped_column(IdType, index=True)
    # The row's place in the receipt (0, 1, …).
    position: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(IdType, index=True)
    quantity: Mapped[Decimal] = mapped_column(Money())
    reference: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
