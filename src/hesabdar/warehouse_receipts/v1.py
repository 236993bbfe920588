"""invoice/SaveWarehouseReceipt, invoice/getWarehouseReceipt, and warehouse/get, GetById,
getReceipts, save, delete: warehouse receipts, issues and transfers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, field_validator
from pydantic.alias_generators import to_camel

from hesabdar.invoices.schemas import InvoiceType
from hesabdar.items import service as items
from hesabdar.items.v1 import render_item
from hesabdar.kit.errors import Location, MissingParameter
from hesabdar.kit.numbers import Int16, Int64, QuantityValue
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import IdListParams, V1Date, V1Model, V1Params
from hesabdar.v1.query import QueryInfo
from hesabdar.v1.registry import V1Methods
from hesabdar.v1.rendering import page_result
from hesabdar.warehouse_receipts import service
from hesabdar.warehouse_receipts.errors import WarehouseReceiptNotFound
from hesabdar.warehouse_receipts.models import WarehouseReceipt, WarehouseReceiptRow
from hesabdar.warehouse_receipts.schemas import (
    RECEIPT_AT,
    ReceiptInput,
    ReceiptKind,
    ReceiptRowInput,
)


def _unset_option(value: Any) -> Any:
    # PHP shop modules send a setting nobody made as ``false`` (a project): no value.
    return None if value is False else value


OptionalText = Annotated[str | None, BeforeValidator(_unset_option)]


def _no_destination(value: Any) -> Any:
    # Typed clients send the destination of a receipt that is no transfer as their integer's
    # default, 0 (Hesabfa's C# sample); no warehouse has code 0.
    if value is False or (not isinstance(value, bool) and value in (0, "0")):
        return None
    return value


DestinationCode = Annotated[str | None, BeforeValidator(_no_destination)]


def _listed(value: Any) -> Any:
    # PHP's json_encode writes an array it removed an element from (the WooCommerce plugin
    # unsets its freight row) as an object keyed "0", "2", …: its values are the rows.
    return list(value.values()) if isinstance(value, dict) else value


class _Row(V1Model):
    """Objects inside the requests: Hesabfa's docs spell their keys in camelCase."""

    model_config = ConfigDict(alias_generator=to_camel)


class ReceiptItemParams(_Row):
    __columns__ = WarehouseReceiptRow

    item_code: str | None = None
    quantity: QuantityValue | None = None
    reference: OptionalText = None
    # The docs' table says ``note``, their example ``notes``: either.
    note: OptionalText = None
    notes: OptionalText = None

    def as_input(self) -> ReceiptRowInput:
        return ReceiptRowInput(
            item_code=self.item_code,
            quantity=self.quantity,
            reference=self.reference or "",
            note=self.note or self.notes or "",
        )


class ReceiptParams(_Row):
    __columns__ = WarehouseReceipt

    number: Int64 | None = None
    warehouse_code: str | None = None
    destination_warehouse_code: DestinationCode = None
    invoice_number: str | None = None
    invoice_type: Int16 | None = None
    date: V1Date | None = None
    note: OptionalText = None
    notes: OptionalText = None
    delivery: OptionalText = None
    freight: OptionalText = None
    project: OptionalText = None
    receiving: bool | None = None
    items: list[ReceiptItemParams] | None = None

    @field_validator("items", mode="before")
    @classmethod
    def _php_array(cls, value: Any) -> Any:
        return _listed(value)

    def as_input(self) -> ReceiptInput:
        return ReceiptInput(
            number=self.number,
            warehouse_code=self.warehouse_code,
            destination_warehouse_code=self.destination_warehouse_code,
            invoice_number=self.invoice_number,
            invoice_type=(
                None
                if self.invoice_type is None
                else InvoiceType.of(self.invoice_type, RECEIPT_AT / "invoice_type")
            ),
            date=self.date,
            note=self.note or self.notes or "",
            delivery=self.delivery or "",
            freight=self.freight or "",
            project=self.project,
            receiving=self.receiving,
            rows=[row.as_input() for row in self.items or []],
        )


class SaveParams(V1Params):
    delete_old_receipts: bool = False
    receipt: ReceiptParams


class NumberParams(V1Params):
    number: str | None = None

    def required_number(self) -> str:
        if self.number is None:
            raise MissingParameter(location=Location.of("number"))
        return self.number


class DeleteParams(NumberParams):
    type: Int16 | None = None


class GetByIdParams(V1Params):
    id: Int64 | None = None
    id_list: list[Int64] | None = None


class GetReceiptsParams(V1Params):
    type: Int16 | None = None
    query_info: QueryInfo | None = None


def _kind(value: int | None) -> ReceiptKind | None:
    return None if value is None else ReceiptKind.of(value, Location.of("type"))


def _render_all(ctx: RequestContext, receipts: Sequence[WarehouseReceipt]) -> list[dict[str, Any]]:
    related = service.related(ctx.session, ctx.business_id, receipts)
    stocks = items.stocks(ctx.session, ctx.business_id, list(related.items))
    rendered = []
    for receipt in receipts:
        invoice = related.invoices.get(receipt.invoice_id) if receipt.invoice_id else None
        destination = receipt.destination_id
        rendered.append(
            {
                "Id": receipt.id,
                "Number": receipt.number,
                # A transfer has no invoice.
                "InvoiceNumber": str(invoice[1]) if invoice else "",
                "InvoiceType": invoice[0] if invoice else None,
                "WarehouseCode": related.warehouses[receipt.warehouse_id],
                "DestinationWarehouseCode": related.warehouses[destination] if destination else "",
                "Receiving": receipt.kind == ReceiptKind.RECEIPT,
                "Date": receipt.date,
                # The docs name it Note in their table and Notes in their example: both.
                "Note": receipt.note,
                "Notes": receipt.note,
                "Delivery": receipt.delivery,
                "Freight": receipt.freight,
                "Project": related.projects.get(receipt.project_id, "")
                if receipt.project_id
                else "",
                "Items": [
                    {
                        "Id": row.id,
                        "ItemCode": related.items[row.item_id].code,
                        "Item": render_item(related.items[row.item_id], stocks[row.item_id]),
                        "Reference": row.reference,
                        "Note": row.note,
                        "Notes": row.note,
                        "Quantity": row.quantity,
                    }
                    for row in receipt.rows
                ],
            }
        )
    return rendered


def _render_one(ctx: RequestContext, receipt: WarehouseReceipt) -> dict[str, Any]:
    return _render_all(ctx, [receipt])[0]


def _save(ctx: RequestContext, params: SaveParams) -> dict[str, Any]:
    receipt = service.save(
        ctx.session,
        ctx.business,
        params.receipt.as_input(),
        delete_old=params.delete_old_receipts,
        via_api=ctx.via_api,
    )
    return _render_one(ctx, receipt)


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("invoice", "SaveWarehouseReceipt", params=SaveParams, write=True)
def save_warehouse_receipt(ctx: RequestContext, params: SaveParams) -> dict[str, Any]:
    """Receive an invoice's goods into a warehouse or issue them from it (one call per
    warehouse), or transfer goods to DestinationWarehouseCode."""
    return _save(ctx, params)


@methods.method("invoice", "getWarehouseReceipt", params=IdListParams)
def get_warehouse_receipts(ctx: RequestContext, params: IdListParams) -> list[dict[str, Any]]:
    """The warehouse receipts with these ids (unknown ids are left out)."""
    return _render_all(ctx, service.get_by_ids(ctx.session, ctx.business_id, params.id_list))


@methods.method("warehouse", "get", params=NumberParams)
def get(ctx: RequestContext, params: NumberParams) -> dict[str, Any]:
    """The warehouse receipt with this number."""
    receipt = service.get(ctx.session, ctx.business_id, params.required_number())
    return _render_one(ctx, receipt)


@methods.method("warehouse", "GetById", params=GetByIdParams)
def get_by_id(ctx: RequestContext, params: GetByIdParams) -> Any:
    """The warehouse receipt with this id, or those of idList (unknown ids are left out)."""
    if params.id_list is not None:
        return _render_all(ctx, service.get_by_ids(ctx.session, ctx.business_id, params.id_list))
    if params.id is None:
        raise MissingParameter(location=Location.of("id"))
    found = service.get_by_ids(ctx.session, ctx.business_id, [params.id])
    if not found:
        raise WarehouseReceiptNotFound(f"warehouse receipt with id {params.id}", Location.of("id"))
    return _render_one(ctx, found[0])


@methods.method("warehouse", "getReceipts", params=GetReceiptsParams)
def get_receipts(ctx: RequestContext, params: GetReceiptsParams) -> dict[str, Any]:
    """A page of receipts (type 1) or issues (type 2; transfers too), or of both without a
    type (queryInfo)."""
    page = service.list_receipts(
        ctx.session, ctx.business_id, _kind(params.type), params.query_info
    )
    rendered = {
        receipt.id: body
        for receipt, body in zip(page.rows, _render_all(ctx, page.rows), strict=True)
    }
    return page_result(page, lambda receipt: rendered[receipt.id])


@methods.method("warehouse", "save", params=SaveParams, write=True)
def save(ctx: RequestContext, params: SaveParams) -> dict[str, Any]:
    """What invoice/SaveWarehouseReceipt does; with receipt.Number, it replaces that receipt."""
    return _save(ctx, params)


@methods.method("warehouse", "delete", params=DeleteParams, write=True)
def delete(ctx: RequestContext, params: DeleteParams) -> bool:
    """Delete a warehouse receipt (of this type, when one is given)."""
    service.delete(
        ctx.session,
        ctx.business,
        params.required_number(),
        _kind(params.type),
        via_api=ctx.via_api,
    )
    return True
