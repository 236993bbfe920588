"""item/UpdateOpeningQuantity: the opening stock of the current fiscal year."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from hesabdar.coded_batch import MAX_BATCH_ROWS
from hesabdar.kit.errors import Location, MissingParameter
from hesabdar.kit.numbers import MoneyValue, QuantityValue
from hesabdar.opening import service
from hesabdar.opening.schemas import OpeningRow
from hesabdar.stock import service as stock
from hesabdar.stock.v1 import render_quantity
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Model, V1Params
from hesabdar.v1.registry import V1Methods


class OpeningRowParams(V1Model):
    code: str | None = None
    quantity: QuantityValue | None = None
    unit_price: MoneyValue | None = None
    warehouse_code: str | None = None

    def as_row(self) -> OpeningRow:
        return OpeningRow(self.code, self.quantity, self.unit_price, self.warehouse_code)


class UpdateOpeningQuantityParams(V1Params):
    # Refused before the rows are read (the service checks the same bound).
    items: Annotated[list[OpeningRowParams], Field(max_length=MAX_BATCH_ROWS)] | None = None


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("item", "UpdateOpeningQuantity", params=UpdateOpeningQuantityParams, write=True)
def update_opening_quantity(
    ctx: RequestContext, params: UpdateOpeningQuantityParams
) -> list[dict[str, Any]]:
    """Set the opening stock of the items named (``Code``, ``Quantity``, ``UnitPrice``,
    ``WarehouseCode``: the business's first warehouse when absent); all or nothing, at most
    10,000 rows. The result: each item named, once, with its quantity in stock now."""
    if params.items is None:
        raise MissingParameter(location=Location.of("items"))
    saved = service.update_opening_quantities(
        ctx.session, ctx.business, [row.as_row() for row in params.items], via_api=ctx.via_api
    )
    held = stock.quantities(ctx.session, ctx.business_id, [item.id for item in saved])
    return [render_quantity(item, held[item.id]) for item in saved]
