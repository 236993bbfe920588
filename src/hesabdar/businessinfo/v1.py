"""setting/GetBusinessInfo, setting/GetFiscalYear, setting/GetFiscalYears, and hesabdar's own
setting/GetInventorySettings and setting/SetInventorySettings."""

from __future__ import annotations

from typing import Any

from hesabdar.businessinfo import service
from hesabdar.ledger.models import FiscalYear
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Params
from hesabdar.v1.registry import V1Methods


def render_business_info(info: service.BusinessInfo) -> dict[str, Any]:
    return {
        "Name": info.name,
        "LegalName": info.legal_name,
        "Calendar": info.calendar,
        "Currency": info.currency,
        "SupportMultiCurrency": info.supports_multi_currency,
        "OtherCurrencies": info.other_currencies,
        "Subscription": info.subscription,
        "Credit": info.credit,
        "ExpireDate": info.expire_date,
    }


def render_fiscal_year(year: FiscalYear) -> dict[str, Any]:
    return {"Name": year.name, "StartDate": year.start_date, "EndDate": year.end_date}


class SetInventorySettingsParams(V1Params):
    allow_negative_stock: bool | None = None


def render_inventory_settings(settings: service.InventorySettings) -> dict[str, Any]:
    return {"AllowNegativeStock": settings.allow_negative_stock}


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("setting", "GetBusinessInfo")
def get_business_info(ctx: RequestContext, params: Any) -> dict[str, Any]:
    """Name, calendar and currencies of the business."""
    return render_business_info(service.business_info(ctx.session, ctx.business_id))


@methods.method("setting", "GetFiscalYear")
def get_fiscal_year(ctx: RequestContext, params: Any) -> dict[str, Any]:
    """The fiscal year ``yearId`` selects, or the current one."""
    return render_fiscal_year(service.fiscal_year(ctx.session, ctx.business_id, ctx.year_index))


@methods.method("setting", "GetFiscalYears")
def get_fiscal_years(ctx: RequestContext, params: Any) -> list[dict[str, Any]]:
    """Every fiscal year of the business, oldest first."""
    years = service.fiscal_years(ctx.session, ctx.business_id)
    return [
        {
            **render_fiscal_year(year),
            "Closed": year.is_closed,
            "FirstYear": service.is_first_year(year, years),
        }
        for year in years
    ]


@methods.method("setting", "GetInventorySettings")
def get_inventory_settings(ctx: RequestContext, params: Any) -> dict[str, Any]:
    """Whether a sale may take an item's stock below zero (AllowNegativeStock)."""
    return render_inventory_settings(service.inventory_settings(ctx.session, ctx.business_id))


@methods.method("setting", "SetInventorySettings", params=SetInventorySettingsParams, write=True)
def set_inventory_settings(
    ctx: RequestContext, params: SetInventorySettingsParams
) -> dict[str, Any]:
    """Allow (true, the default) or refuse (false) stock below zero: allowNegativeStock."""
    return render_inventory_settings(
        service.set_inventory_settings(
            ctx.session,
            ctx.business_id,
            allow_negative_stock=params.allow_negative_stock,
            via_api=ctx.via_api,
        )
    )
