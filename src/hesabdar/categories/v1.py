"""setting/GetProductCategories, setting/GetServiceCategories, setting/GetContactCategories."""

from __future__ import annotations

from typing import Any

from hesabdar.categories import service
from hesabdar.categories.service import CategoryKind, CategoryTree
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import NoParams
from hesabdar.v1.registry import V1Methods


def render_node(node: CategoryTree) -> dict[str, Any]:
    return {
        "Id": node.id,
        "Name": node.name,
        "FullPath": node.full_path,
        "Children": [render_node(child) for child in node.children],
    }


def _render_tree(ctx: RequestContext, kind: CategoryKind) -> dict[str, Any]:
    return {"Root": render_node(service.tree(ctx.session, ctx.business_id, kind))}


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("setting", "GetProductCategories", params=NoParams)
def get_product_categories(ctx: RequestContext, params: NoParams) -> dict[str, Any]:
    """The product category tree: ``{Root: {Id, Name, FullPath, Children}}``."""
    return _render_tree(ctx, CategoryKind.PRODUCT)


@methods.method("setting", "GetServiceCategories", params=NoParams)
def get_service_categories(ctx: RequestContext, params: NoParams) -> dict[str, Any]:
    """The service category tree: ``{Root: {Id, Name, FullPath, Children}}``."""
    return _render_tree(ctx, CategoryKind.SERVICE)


@methods.method("setting", "GetContactCategories", params=NoParams)
def get_contact_categories(ctx: RequestContext, params: NoParams) -> dict[str, Any]:
    """The contact category tree: ``{Root: {Id, Name, FullPath, Children}}``."""
    return _render_tree(ctx, CategoryKind.CONTACT)
