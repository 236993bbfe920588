"""Items (کالا و خدمات): save (create or edit by code), batch save, lookups, delete.

Saves take an :class:`~hesabdar.items.schemas.ItemInput`; on edit, fields the client did not
give keep their values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from hesabdar.categories import service as categories
from hesabdar.categories.models import Category
from hesabdar.changes.service import LogAction
from hesabdar.coded import CODE_AT, CodedRecords
from hesabdar.coded_batch import NODE, BatchSave
from hesabdar.contacts.codes import CODE_WIDTH, MAX_CODE_LENGTH, normalize_code
from hesabdar.contacts.service import normalize_code_filters
from hesabdar.items.errors import BarcodeNotFound, ItemNameRequired, ItemNotFound
from hesabdar.items.models import Item
from hesabdar.items.schemas import (
    AMOUNT_FIELDS,
    BATCH_AT,
    ITEM_AT,
    TEXT_FIELDS,
    ItemInput,
    ItemType,
)
from hesabdar.kit.errors import InvalidFieldValue, Location, MissingParameter
from hesabdar.kit.listing import ListQuery, Page, QueryField, QueryFields, run_query
from hesabdar.kit.types import MONEY_SCALE, quantize

# Amounts at the stored scale, so a fresh save renders like a read (1000.0000).
ZERO = quantize(Decimal(0), MONEY_SCALE)
OBJECT_TYPE = "Product"
ITEMS = CodedRecords(
    Item,
    "item",
    "Item",
    OBJECT_TYPE,
    CODE_WIDTH,
    LogAction.PRODUCT_SAVE,
    LogAction.PRODUCT_EDIT,
    LogAction.PRODUCT_DELETE,
    max_code_length=MAX_CODE_LENGTH,
    not_found=ItemNotFound,
)


# --- stock: supplied by the warehouse --------------------------------------------------------

StockProvider = Callable[[Session, int, Sequence[int]], Mapping[int, Decimal]]
_stock_provider: StockProvider | None = None


def set_stock_provider(provider: StockProvider | None) -> None:
    """The warehouse registers how to compute items' stock; until then it is zero."""
    global _stock_provider
    _stock_provider = provider


def stocks(session: Session, business_id: int, item_ids: Sequence[int]) -> dict[int, Decimal]:
    known = _stock_provider(session, business_id, item_ids) if _stock_provider else {}
    return {item_id: known.get(item_id, ZERO) for item_id in item_ids}


# --- lookups ---------------------------------------------------------------------------------


def _scoped(business_id: int) -> Select[Item]:
    return select(Item).where(Item.business_id == business_id)


def get_by_code(session: Session, business_id: int, code: Any) -> Item | None:
    """The business's item with this code (``123`` and ``"123"`` find ``"000123"``)."""
    return ITEMS.get(session, business_id, code)


def require_by_code(session: Session, business_id: int, code: Any, at: Location = CODE_AT) -> Item:
    """Like :func:`get_by_code`, but 104 for no code and 112 naming the code if unknown."""
    return ITEMS.require(session, business_id, code, at)


def get_by_codes(session: Session, business_id: int, codes: Sequence[Any]) -> dict[str, Item]:
    """The business's items with these codes, by stored code; unknown codes are left out."""
    return ITEMS.get_by_codes(session, business_id, codes)


def products(session: Session, business_id: int) -> list[Item]:
    """Every product (not the services), by code."""
    return list(
        session.scalars(
            _scoped(business_id).where(Item.item_type == int(ItemType.PRODUCT)).order_by(Item.code)
        )
    )


def get_by_barcode(session: Session, business_id: int, barcode: str | None) -> Item:
    text = (barcode or "").strip()
    if not text:
        raise MissingParameter(location=Location.of("barcode"))
    item = session.scalar(
        _scoped(business_id).where(Item.barcode == text).order_by(Item.id).limit(1)
    )
    if item is None:
        raise BarcodeNotFound(text)
    return item


def get_by_ids(session: Session, business_id: int, ids: Sequence[int]) -> list[Item]:
    """The business's items with these ids, in the order asked; unknown ids are skipped."""
    return ITEMS.get_by_ids(session, business_id, ids)


QUERY_FIELDS = QueryFields(
    fields={
        "Id": QueryField(Item.id.expression),
        "Code": QueryField(Item.code.expression),
        "Name": QueryField(Item.name.expression),
        "Barcode": QueryField(Item.barcode.expression),
        "ItemType": QueryField(Item.item_type.expression),
        "Unit": QueryField(Item.unit.expression),
        "BuyPrice": QueryField(Item.buy_price.expression),
        "SellPrice": QueryField(Item.sell_price.expression),
        "PurchasesTitle": QueryField(Item.purchases_title.expression),
        "SalesTitle": QueryField(Item.sales_title.expression),
        "Tag": QueryField(Item.tag.expression),
        "Description": QueryField(Item.description.expression),
        "ProductCode": QueryField(Item.product_code.expression),
        "Active": QueryField(Item.active.expression),
        "TaxId": QueryField(Item.tax_id.expression),
        "NodeId": QueryField(Item.node_id.expression),
        "NodeFamily": QueryField(
            Category.full_path.expression, joins=((Category, Category.id == Item.node_id),)
        ),
    },
    search=(
        Item.code.expression,
        Item.name.expression,
        Item.barcode.expression,
        Item.product_code.expression,
    ),
    default_sort=(Item.id.expression,),
)


def list_items(session: Session, business_id: int, query: ListQuery | None) -> Page:
    return run_query(session, _scoped(business_id), QUERY_FIELDS, normalize_code_filters(query))


# --- writes ----------------------------------------------------------------------------------


def _apply(values: dict[str, Any], data: ItemInput, is_new: bool, at: Location) -> None:
    """One save's rules on the item's ``values``: a new item takes every value of ``data``
    (the defaults for fields not given), an edit only the fields given."""
    previous_type = values.get("item_type")

    def changes(field: str) -> bool:
        return is_new or data.gives(field)

    for column in TEXT_FIELDS if is_new else data.fields_set.intersection(TEXT_FIELDS):
        values[column] = getattr(data, column).strip()
    if not values["name"]:
        raise ItemNameRequired(at)
    if changes("item_type"):
        values["item_type"] = int(data.item_type)
    for column in AMOUNT_FIELDS:
        if not changes(column):
            continue
        value: Decimal = getattr(data, column)
        if value < 0:
            raise InvalidFieldValue(f"must not be negative (got {value}).", location=at / column)
        values[column] = quantize(value, MONEY_SCALE)
    if changes("active"):
        values["active"] = data.active

    kind = ItemType(values["item_type"]).category_kind
    if changes("node_family"):
        path = data.node_family
    elif values["item_type"] != previous_type:
        # A product that becomes a service moves to the same path in the services' tree.
        old = values.get(NODE)
        path = _below_root(categories.full_path_of(old) if old is not None else None)
    else:
        return
    values[NODE] = (kind, tuple(categories.split_path(kind, path, at / "node_family")))


def _below_root(full_path: str | None) -> str | None:
    if not full_path:
        return None
    parts = full_path.split(categories.SEPARATOR)
    return categories.SEPARATOR.join(parts[1:]) or None


BATCH = BatchSave(ITEMS, code_of=lambda data: normalize_code(data.code), apply=_apply)


def save(
    session: Session,
    business_id: int,
    data: ItemInput,
    *,
    at: Location = ITEM_AT,
    via_api: bool = True,
) -> Item:
    """Create or edit the item ``data.code`` names (no code: a new one gets the next).
    ``at`` is where ``data`` is in the request, for errors."""
    return BATCH.save_one(session, business_id, data, at, via_api=via_api)


def batch_save(
    session: Session,
    business_id: int,
    rows: Sequence[ItemInput],
    *,
    via_api: bool = True,
) -> list[Item]:
    """All or nothing, as if saved one by one in order: the first invalid row raises (naming
    ``items[i]``) and nothing is saved. At most ``MAX_BATCH_ROWS`` rows."""
    return BATCH.save_list(session, business_id, rows, BATCH_AT, via_api=via_api)


def delete(session: Session, business_id: int, code: Any, *, via_api: bool = True) -> None:
    ITEMS.delete(session, business_id, code, via_api=via_api)
