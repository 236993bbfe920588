from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hesabdar.categories.models import Category
from hesabdar.kit.models import CodedModel, IdType, rule, scoped_fk
from hesabdar.kit.types import Money


class Item(CodedModel):
    """A product (ItemType 0, کالا) or a service (ItemType 1, خدمات)."""

    __tablename__ = "item"
    __table_args__ = (
        UniqueConstraint("business_id", "code"),
        # Categories are never deleted on their own (only with their business), so no action.
        scoped_fk("node_id", "category"),
        rule("item_type", "item_type IN (0, 1)", "an item is a product (0) or a service (1)"),
        rule(
            "amounts_not_negative",
            "CAST(conversion_factor AS REAL) >= 0 AND CAST(buy_price AS REAL) >= 0 "
            "AND CAST(sell_price AS REAL) >= 0",
            "an item's prices and conversion factor are not negative",
        ),
    )

    code: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(Text)
    barcode: Mapped[str] = mapped_column(Text, default="", index=True)
    item_type: Mapped[int] = mapped_column(Integer, default=0)
    unit: Mapped[str] = mapped_column(Text, default="")
    sub_unit: Mapped[str] = mapped_column(Text, default="")
    # How many units one sub-unit is; 0 when the item has no sub-unit.
    conversion_factor: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    buy_price: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    sell_price: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    purchases_title: Mapped[str] = mapped_column(Text, default="")
    sales_title: Mapped[str] = mapped_column(Text, default="")
    # Opaque to us; shop plugins store JSON such as {"id_product": 5, "id_attribute": 0}.
    tag: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # The shop's own product code (SKU), filtered with ``ProductCode in [...]``.
    product_code: Mapped[str] = mapped_column(Text, default="", index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The tax system's product id and unit code (سامانه مودیان).
    tax_id: Mapped[str] = mapped_column(Text, default="")
    tax_unit: Mapped[str] = mapped_column(Text, default="")
    node_id: Mapped[int | None] = mapped_column(IdType, nullable=True, index=True)

    # Joined on the business too; only node_id is written through it (business_id is the row's
    # own key and never set from a category).
    node: Mapped[Category | None] = relationship(
        Category,
        lazy="joined",
        primaryjoin="and_(Category.business_id == Item.business_id, "
        "Category.id == foreign(Item.node_id))",
    )
