"""setting/GetCurrency, setting/GetCurrencyTable, setting/SetCurrencyTable."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from hesabdar.currencies import schemas, service
from hesabdar.currencies.models import CurrencyRate
from hesabdar.kit.numbers import RateValue
from hesabdar.kit.types import RATE_SCALE, quantize
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Model, V1Params
from hesabdar.v1.registry import V1Methods


class RateRow(V1Model):
    source: str = Field(alias="From")
    target: str = Field(alias="To")
    rate: RateValue


class SetCurrencyTableParams(V1Params):
    table: list[RateRow]


def render_rate(row: CurrencyRate) -> dict[str, Any]:
    return {"From": row.source, "To": row.target, "Rate": quantize(row.rate, RATE_SCALE)}


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("setting", "GetCurrency")
def get_currency(ctx: RequestContext, params: Any) -> dict[str, Any]:
    """The business's base currency."""
    return {"Currency": service.base_currency(ctx.session, ctx.business_id)}


@methods.method("setting", "GetCurrencyTable")
def get_currency_table(ctx: RequestContext, params: Any) -> list[dict[str, Any]]:
    """The exchange-rate table: 1 From = Rate To."""
    return [render_rate(row) for row in service.currency_table(ctx.session, ctx.business_id)]


@methods.method("setting", "SetCurrencyTable", params=SetCurrencyTableParams, write=True)
def set_currency_table(ctx: RequestContext, params: SetCurrencyTableParams) -> list[dict[str, Any]]:
    """Replace the exchange-rate table; answers with the table as stored."""
    rows = service.set_currency_table(
        ctx.session,
        ctx.business_id,
        [schemas.RateInput(row.source, row.target, row.rate) for row in params.table],
        via_api=ctx.via_api,
    )
    return [render_rate(row) for row in rows]
