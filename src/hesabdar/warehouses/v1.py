"""setting/GetWarehouses (Hesabfa) and setting/SaveWarehouse, DeleteWarehouse (hesabdar's own)."""

from __future__ import annotations

from typing import Any

from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import CodeParams, V1Model, V1Params
from hesabdar.v1.registry import V1Methods
from hesabdar.warehouses import schemas, service
from hesabdar.warehouses.models import Warehouse


class WarehouseModel(V1Model):
    __columns__ = Warehouse

    code: str | None = None
    name: str | None = None


class SaveWarehouseParams(V1Params):
    warehouse: WarehouseModel


def render_warehouse(warehouse: Warehouse) -> dict[str, Any]:
    return {"Id": warehouse.id, "Code": warehouse.code, "Name": warehouse.name}


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("setting", "GetWarehouses")
def get_warehouses(ctx: RequestContext, params: Any) -> list[dict[str, Any]]:
    """The business's warehouses, by code."""
    return [render_warehouse(row) for row in service.list_warehouses(ctx.session, ctx.business_id)]


@methods.method("setting", "SaveWarehouse", params=SaveWarehouseParams, write=True)
def save_warehouse(ctx: RequestContext, params: SaveWarehouseParams) -> dict[str, Any]:
    """Create (empty or unknown Code) or edit (existing Code) a warehouse."""
    warehouse = service.save_warehouse(
        ctx.session,
        ctx.business_id,
        schemas.WarehouseInput(code=params.warehouse.code, name=params.warehouse.name),
        via_api=ctx.via_api,
    )
    return render_warehouse(warehouse)


@methods.method("setting", "DeleteWarehouse", params=CodeParams, write=True)
def delete_warehouse(ctx: RequestContext, params: CodeParams) -> bool:
    """Delete a warehouse that nothing refers to."""
    service.delete_warehouse(ctx.session, ctx.business_id, params.code, via_api=ctx.via_api)
    return True
