"""What an item save takes: typed fields, the item type as an enumeration, and which fields the
client gave, so that an edit changes only those."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hesabdar.categories.service import CategoryKind
from hesabdar.kit.enums import CodedEnum
from hesabdar.kit.errors import Location

# Where a save's input is, for errors: one item, or row i of a batch.
ITEM_AT = Location.of("item")
BATCH_AT = Location.of("items")


class ItemType(CodedEnum):
    PRODUCT = 0  # کالا
    SERVICE = 1  # خدمات

    @property
    def category_kind(self) -> CategoryKind:
        """Products and services have separate category trees."""
        return CategoryKind.SERVICE if self is ItemType.SERVICE else CategoryKind.PRODUCT


# The text fields a save sets as given (trimmed); a new item has "" for those not given.
TEXT_FIELDS = (
    "name",
    "barcode",
    "unit",
    "sub_unit",
    "purchases_title",
    "sales_title",
    "tag",
    "description",
    "product_code",
    "tax_id",
    "tax_unit",
)
# Amounts a save sets as given; none may be negative.
AMOUNT_FIELDS = ("conversion_factor", "buy_price", "sell_price")


@dataclass(frozen=True)
class ItemInput:
    """An item to create (no code, or one not in use) or edit (a code in use).

    A new item takes every value here, the defaults included. An edit changes only the fields
    named in ``fields_set``.
    """

    code: str | None = None
    name: str = ""
    barcode: str = ""
    item_type: ItemType = ItemType.PRODUCT
    unit: str = ""
    sub_unit: str = ""
    # How many units one sub-unit is; 0 when the item has no sub-unit.
    conversion_factor: Decimal = Decimal(0)
    buy_price: Decimal = Decimal(0)
    sell_price: Decimal = Decimal(0)
    purchases_title: str = ""
    sales_title: str = ""
    # A category path (see categories.service); None: the root of the item type's tree.
    node_family: str | None = None
    tag: str = ""
    description: str = ""
    product_code: str = ""
    active: bool = True
    tax_id: str = ""
    tax_unit: str = ""
    fields_set: frozenset[str] = frozenset()

    def gives(self, field: str) -> bool:
        return field in self.fields_set
