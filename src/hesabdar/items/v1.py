"""item/*: get, getByBarcode, getById, getitems, save, batchsave, delete."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field

from hesabdar.coded_batch import MAX_BATCH_ROWS
from hesabdar.items import schemas, service
from hesabdar.items.models import Item
from hesabdar.kit.errors import Location
from hesabdar.kit.numbers import Int16, MoneyValue, QuantityValue
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import CodeParams, IdListParams, V1Model, V1Params
from hesabdar.v1.query import QueryInfo
from hesabdar.v1.registry import V1Methods
from hesabdar.v1.rendering import page_result


class ItemInput(V1Model):
    __columns__ = Item

    code: str | None = None
    name: str | None = None
    barcode: str | None = None
    item_type: Int16 | None = None
    unit: str | None = None
    sub_unit: str | None = None
    conversion_factor: QuantityValue | None = None
    buy_price: MoneyValue | None = None
    sell_price: MoneyValue | None = None
    purchases_title: str | None = None
    sales_title: str | None = None
    node_family: str | None = None
    tag: str | None = None
    description: str | None = None
    product_code: str | None = None
    active: bool | None = None
    tax_id: str | None = None
    tax_unit: str | None = None

    def as_input(self, at: Location) -> schemas.ItemInput:
        """The domain's input: the fields sent are the fields given (an edit keeps the others),
        and ItemType read into its enumeration."""
        given: dict[str, Any] = {name: getattr(self, name) for name in self.sent_fields()}
        if "item_type" in given:
            given["item_type"] = schemas.ItemType.of(given["item_type"], at / "item_type")
        return schemas.ItemInput(**given, fields_set=frozenset(given))


class BarcodeParams(V1Params):
    barcode: str


class GetItemsParams(V1Params):
    query_info: QueryInfo | None = None


class ItemSaveParams(V1Params):
    item: ItemInput


class ItemBatchSaveParams(V1Params):
    # Refused before the rows are read (the service checks the same bound).
    items: Annotated[list[ItemInput], Field(max_length=MAX_BATCH_ROWS)]


def render_item(item: Item, stock: Decimal = Decimal(0)) -> dict[str, Any]:
    return {
        "Id": item.id,
        "Code": item.code,
        "Name": item.name,
        "Barcode": item.barcode,
        "ItemType": item.item_type,
        "Unit": item.unit,
        "SubUnit": item.sub_unit,
        "ConversionFactor": item.conversion_factor,
        "Stock": stock,
        "BuyPrice": item.buy_price,
        "SellPrice": item.sell_price,
        "PurchasesTitle": item.purchases_title,
        "SalesTitle": item.sales_title,
        "NodeId": item.node_id,
        "NodeFamily": item.node.full_path if item.node is not None else "",
        "Tag": item.tag,
        "Description": item.description,
        "ProductCode": item.product_code,
        "Active": item.active,
        "TaxId": item.tax_id,
        "TaxUnit": item.tax_unit,
    }


def _render_all(ctx: RequestContext, items: list[Item]) -> list[dict[str, Any]]:
    found = service.stocks(ctx.session, ctx.business_id, [item.id for item in items])
    return [render_item(item, found[item.id]) for item in items]


def _render_one(ctx: RequestContext, item: Item) -> dict[str, Any]:
    return _render_all(ctx, [item])[0]


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("item", "get", params=CodeParams)
def get(ctx: RequestContext, params: CodeParams) -> dict[str, Any]:
    """The item with this code."""
    return _render_one(ctx, service.require_by_code(ctx.session, ctx.business_id, params.code))


@methods.method("item", "getByBarcode", params=BarcodeParams)
def get_by_barcode(ctx: RequestContext, params: BarcodeParams) -> dict[str, Any]:
    """The item with this barcode."""
    return _render_one(ctx, service.get_by_barcode(ctx.session, ctx.business_id, params.barcode))


@methods.method("item", "getById", params=IdListParams)
def get_by_id(ctx: RequestContext, params: IdListParams) -> list[dict[str, Any]]:
    """The items with these ids (unknown ids are left out)."""
    return _render_all(ctx, service.get_by_ids(ctx.session, ctx.business_id, params.id_list))


@methods.method("item", "getitems", params=GetItemsParams)
def get_items(ctx: RequestContext, params: GetItemsParams) -> dict[str, Any]:
    """A page of items (queryInfo)."""
    page = service.list_items(ctx.session, ctx.business_id, params.query_info)
    found = service.stocks(ctx.session, ctx.business_id, [row.id for row in page.rows])
    return page_result(page, lambda item: render_item(item, found[item.id]))


@methods.method("item", "save", params=ItemSaveParams, write=True)
def save(ctx: RequestContext, params: ItemSaveParams) -> dict[str, Any]:
    """Create (no Code, or an unknown one) or edit (a known Code) an item."""
    item = service.save(
        ctx.session, ctx.business_id, params.item.as_input(schemas.ITEM_AT), via_api=ctx.via_api
    )
    return _render_one(ctx, item)


@methods.method("item", "batchsave", params=ItemBatchSaveParams, write=True)
def batch_save(ctx: RequestContext, params: ItemBatchSaveParams) -> list[dict[str, Any]]:
    """Save several items, all or nothing, as saving them one by one in order would; the
    result is in input order. At most 10,000 rows per call (more: ErrorCode 114 naming
    ``items``)."""
    items = service.batch_save(
        ctx.session,
        ctx.business_id,
        [row.as_input(schemas.BATCH_AT / index) for index, row in enumerate(params.items)],
        via_api=ctx.via_api,
    )
    return _render_all(ctx, items)


@methods.method("item", "delete", params=CodeParams, write=True)
def delete(ctx: RequestContext, params: CodeParams) -> bool:
    """Delete the item with this code, unless documents refer to it."""
    service.delete(ctx.session, ctx.business_id, params.code, via_api=ctx.via_api)
    return True
