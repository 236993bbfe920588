"""Stock tables: each item's current stock (the row that serializes its movements), its
movements with their costs and the running position after each, and per-warehouse quantities."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, Date, Index, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped, IdType, rule, scoped_fk
from hesabdar.kit.types import ExactDecimal, Money
from hesabdar.stock.costing import AVERAGE_SCALE

# Sequence 1 of an item's date belongs to the opening stock, so that it comes before every other
# movement of that date, whenever it was saved; other sources take 2 and up, in saving order.
OPENING_SEQUENCE = 1
FIRST_SEQUENCE = 2

# The last average unit cost: a value over a quantity as small as 0.0001, so wider than money.
AVERAGE_PRECISION = 50


def Average() -> ExactDecimal:  # noqa: N802 - reads as a column type
    return ExactDecimal(AVERAGE_PRECISION, AVERAGE_SCALE)


class StockItem(BusinessScoped):
    """An item's stock now: the position after its last movement. Every change to the item's
    movements locks this row first (kit.locks LockStage.STOCK, items in id order)."""

    __tablename__ = "stock_item"
    __table_args__ = (
        UniqueConstraint("business_id", "item_id"),
        scoped_fk("item_id", "item", ondelete="CASCADE"),
        rule("next_sequence", "next_sequence >= 1", "movement sequences start at 1"),
    )

    item_id: Mapped[int] = mapped_column(IdType)
    quantity: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    value: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    average: Mapped[Decimal | None] = mapped_column(Average(), nullable=True)
    # The date of the item's last movement (None: it has none): a movement dated on or after it
    # is appended without reading the others.
    last_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The sequence the item's next new source gets; orders movements of one date.
    next_sequence: Mapped[int] = mapped_column(BigInteger, default=FIRST_SEQUENCE)


class StockMovement(BusinessScoped):
    """One line of a source (invoice, opening stock, warehouse receipt…) moving one item.

    Movements of an item are ordered by ``(moved_on, sequence, line_no)``; ``cost`` and the
    position after (``quantity_after``, ``value_after``, ``average_after``) are computed in that
    order, so a change re-costs from the changed movement on, starting from the position after
    the movement before it.
    """

    __tablename__ = "stock_movement"
    __table_args__ = (
        UniqueConstraint("business_id", "source_type", "source_id", "line_no"),
        Index(
            "ix_stock_movement_order",
            "business_id",
            "item_id",
            "moved_on",
            "sequence",
            "line_no",
            unique=True,
        ),
        Index("ix_stock_movement_warehouse", "business_id", "warehouse_id"),
        scoped_fk("item_id", "item"),
        scoped_fk("warehouse_id", "warehouse"),
        rule("flow", "flow IN (1, 2)", "a movement is in (1) or out (2)"),
        rule("quantity_positive", "CAST(quantity AS REAL) > 0", "a moved quantity is above zero"),
        rule(
            "unit_cost_not_negative",
            "unit_cost IS NULL OR CAST(unit_cost AS REAL) >= 0",
            "a movement's unit cost is not negative",
        ),
        rule("line_no", "line_no >= 0", "movement lines are numbered from 0"),
        rule("sequence", "sequence >= 1", "movement sequences start at 1"),
        rule("source_id", "source_id >= 1", "a movement belongs to a saved source"),
    )

    source_type: Mapped[str] = mapped_column(String(30))
    source_id: Mapped[int] = mapped_column(IdType)
    line_no: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(IdType)
    warehouse_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    moved_on: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(BigInteger)
    flow: Mapped[int] = mapped_column(SmallInteger)
    quantity: Mapped[Decimal] = mapped_column(Money())
    unit_cost: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    cost: Mapped[Decimal] = mapped_column(Money())
    quantity_after: Mapped[Decimal] = mapped_column(Money())
    value_after: Mapped[Decimal] = mapped_column(Money())
    average_after: Mapped[Decimal | None] = mapped_column(Average(), nullable=True)


class WarehouseStock(BusinessScoped):
    """How much of an item one warehouse holds."""

    __tablename__ = "stock_warehouse"
    __table_args__ = (
        UniqueConstraint("business_id", "warehouse_id", "item_id"),
        scoped_fk("warehouse_id", "warehouse", ondelete="CASCADE"),
        scoped_fk("item_id", "item", ondelete="CASCADE"),
    )

    warehouse_id: Mapped[int] = mapped_column(IdType)
    item_id: Mapped[int] = mapped_column(IdType, index=True)
    quantity: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
