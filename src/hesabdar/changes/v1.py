"""setting/GetChanges."""

from __future__ import annotations

from typing import Any

from hesabdar.changes import hooks, service
from hesabdar.changes.models import Change
from hesabdar.kit.numbers import Int64
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Params
from hesabdar.v1.registry import V1Methods, V1Response


class GetChangesParams(V1Params):
    start: Int64 = 0


def render_change(change: Change) -> dict[str, Any]:
    return {
        "Id": change.id,
        "DateTime": change.created_at,
        "Action": change.action,
        "ObjectId": change.object_id,
        "ObjectType": change.object_type,
        "Extra": change.extra,
        "Extra2": change.extra2,
        "API": change.via_api,
    }


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("setting", "GetChanges", params=GetChangesParams)
def get_changes(ctx: RequestContext, params: GetChangesParams) -> V1Response:
    """Change-log entries after ``start``, with the top-level ``LastId`` to continue from."""
    rows, last_id = service.changes_after(ctx.session, ctx.business_id, params.start)
    return V1Response([render_change(row) for row in rows], {"LastId": last_id})


class SetChangeHookParams(V1Params):
    url: str = ""
    hook_password: str = ""


@methods.method("setting", "SetChangeHook", params=SetChangeHookParams, write=True)
def set_change_hook(ctx: RequestContext, params: SetChangeHookParams) -> None:
    """Announce every change of contacts, products, invoices, warehouse receipts and receipts to
    ``url`` (empty: stop); a URL of a private address is 114 unless the operator allows it."""
    hooks.set_hook(ctx.session, ctx.business_id, params.url, params.hook_password)


@methods.method("setting", "GetChangeHook")
def get_change_hook(ctx: RequestContext, params: V1Params) -> dict[str, Any]:
    """The registered hook: ``{Url, Password}``, both null when there is none."""
    hook = hooks.get_hook(ctx.session, ctx.business_id)
    return {"Url": hook.url if hook else None, "Password": hook.password if hook else None}
