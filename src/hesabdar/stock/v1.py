"""item/GetQuantity and item/GetQuantity2: how much of each product is in stock."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hesabdar.items.models import Item
from hesabdar.kit.errors import Location
from hesabdar.stock import service
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Params
from hesabdar.v1.registry import V1Methods


class GetQuantityParams(V1Params):
    warehouse_code: str | None = None
    codes: list[str] | None = None


class GetQuantity2Params(V1Params):
    codes: list[str] | None = None


def render_quantity(item: Item, quantity: Decimal) -> dict[str, Any]:
    return {
        "Id": item.id,
        "Code": item.code,
        "Tag": item.tag,
        "Quantity": quantity,
        "Barcode": item.barcode,
        "SellPrice": item.sell_price,
        "ProductCode": item.product_code,
    }


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("item", "GetQuantity", params=GetQuantityParams)
def get_quantity(ctx: RequestContext, params: GetQuantityParams) -> list[dict[str, Any]]:
    """Quantities in stock of the products with these codes (all products without codes): in
    all warehouses, or in the one warehouseCode names."""
    rows = service.stock_of_items(
        ctx.session,
        ctx.business_id,
        params.codes,
        warehouse_code=params.warehouse_code,
        at=Location.of("warehouse_code"),
    )
    return [render_quantity(item, quantity) for item, quantity in rows]


@methods.method("item", "GetQuantity2", params=GetQuantity2Params)
def get_quantity2(ctx: RequestContext, params: GetQuantity2Params) -> list[dict[str, Any]]:
    """Quantities in stock, in all warehouses, of the products with these codes."""
    rows = service.stock_of_items(ctx.session, ctx.business_id, params.codes)
    return [render_quantity(item, quantity) for item, quantity in rows]
