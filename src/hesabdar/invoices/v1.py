"""invoice/*: get, getById, getinvoices, save, delete, changePaidStatus, changeSentStatus,
clearTag. (``invoice/savepayment`` belongs to receipts.)"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator

from hesabdar.contacts import service as contacts
from hesabdar.contacts.v1 import render_contact
from hesabdar.invoices import schemas, service
from hesabdar.invoices.errors import InvoiceNotFound
from hesabdar.invoices.models import Invoice, InvoiceOther, InvoiceRow
from hesabdar.invoices.service import Related
from hesabdar.items import service as items
from hesabdar.items.v1 import render_item
from hesabdar.kit.errors import Location, MissingParameter
from hesabdar.kit.numbers import Int16, Int64, MoneyValue, QuantityValue, RateValue
from hesabdar.kit.types import MONEY_SCALE, quantize
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Date, V1Model, V1Params
from hesabdar.v1.query import QueryInfo
from hesabdar.v1.registry import V1Methods
from hesabdar.v1.rendering import page_result


def _unset_option(value: Any) -> Any:
    # PHP shop modules send a setting nobody made as ``false`` (the PrestaShop module's
    # ``project``): no value.
    return None if value is False else value


# A text a shop module may send as ``false`` for "not set".
OptionalText = Annotated[str | None, BeforeValidator(_unset_option)]


class InvoiceRowParams(V1Model):
    __columns__ = InvoiceRow

    row_number: Int64 | None = None
    item_code: str | None = None
    description: str | None = None
    unit: str | None = None
    quantity: QuantityValue | None = None
    unit_price: MoneyValue | None = None
    discount: MoneyValue | None = None
    tax: MoneyValue | None = None
    serial_numbers: list[str] | None = None

    def as_input(self) -> schemas.InvoiceRowInput:
        return schemas.InvoiceRowInput(
            row_number=self.row_number,
            item_code=self.item_code,
            description=self.description,
            unit=self.unit or "",
            quantity=self.quantity,
            unit_price=self.unit_price,
            discount=self.discount,
            tax=self.tax,
            serial_numbers=tuple(self.serial_numbers or ()),
        )


class InvoiceOtherParams(V1Model):
    """One of ``others``: ``{title, amount, add}`` (add true: an addition, false: a deduction)."""

    __columns__ = InvoiceOther

    title: str | None = None
    amount: MoneyValue | None = None
    add: bool | None = None

    def as_input(self) -> schemas.InvoiceOtherInput:
        return schemas.InvoiceOtherInput(title=self.title, amount=self.amount, add=bool(self.add))


class InvoiceParams(V1Model):
    __columns__ = Invoice

    number: Int64 | None = None
    reference: OptionalText = None
    date: V1Date | None = None
    due_date: V1Date | None = None
    contact_code: str | None = None
    contact_title: OptionalText = None
    note: OptionalText = None
    sent: bool | None = None
    invoice_type: Int16 | None = None
    status: Int16 | None = None
    tag: OptionalText = None
    freight: MoneyValue | None = None
    freight_person_code: OptionalText = None
    warehouse_receipt_status: Int16 | None = None
    project: OptionalText = None
    salesman_code: OptionalText = None
    salesman_percent: MoneyValue | None = None
    currency: OptionalText = None
    currency_rate: RateValue | None = None
    tax_id: OptionalText = None
    invoice_items: list[InvoiceRowParams] | None = None
    others: list[InvoiceOtherParams] | None = None

    def as_input(self) -> schemas.InvoiceInput:
        at = schemas.INVOICE_AT
        return schemas.InvoiceInput(
            invoice_type=(
                None
                if self.invoice_type is None
                else schemas.InvoiceType.of(self.invoice_type, at / "invoice_type")
            ),
            number=self.number,
            reference=self.reference or "",
            date=self.date,
            due_date=self.due_date,
            contact_code=self.contact_code,
            contact_title=self.contact_title or "",
            note=self.note or "",
            sent=bool(self.sent),
            status=(
                schemas.InvoiceStatus.DRAFT
                if self.status is None
                else schemas.InvoiceStatus.read(self.status, at / "status")
            ),
            tag=self.tag or "",
            freight=self.freight if self.freight is not None else Decimal(0),
            freight_person_code=self.freight_person_code,
            warehouse_receipt_status=schemas.WarehouseReceiptStatus.of(
                self.warehouse_receipt_status or 0, at / "warehouse_receipt_status"
            ),
            project=self.project,
            salesman_code=self.salesman_code,
            salesman_percent=(
                self.salesman_percent if self.salesman_percent is not None else Decimal(0)
            ),
            currency=self.currency,
            currency_rate=self.currency_rate,
            tax_id=self.tax_id or "",
            rows=[row.as_input() for row in self.invoice_items or []],
            others=[other.as_input() for other in self.others or []],
        )


class NumberTypeParams(V1Params):
    number: str | None = None
    type: Int16 = 0

    def invoice_type(self) -> schemas.InvoiceType:
        return schemas.InvoiceType.of(self.type, Location.of("type"))

    def required_number(self) -> str:
        if self.number is None:
            raise MissingParameter(location=Location.of("number"))
        return self.number


class DeleteParams(NumberTypeParams):
    # The official WooCommerce plugin sends the invoice's number as ``code``.
    code: str | None = None

    def required_number(self) -> str:
        if self.number is None and self.code is not None:
            return self.code
        return super().required_number()


class ChangePaidParams(NumberTypeParams):
    paid: bool = True


class ChangeSentParams(NumberTypeParams):
    sent: bool = True


class ClearTagParams(V1Params):
    numbers: list[str]
    type: Int16 = 0


class GetByIdParams(V1Params):
    id: Int64 | None = None
    id_list: list[Int64] | None = None


class GetInvoicesParams(V1Params):
    type: Int16 | None = None
    query_info: QueryInfo | None = None


class SaveParams(V1Params):
    invoice: InvoiceParams


def _render_row(row: InvoiceRow, related: Related, stocks: dict[int, Any]) -> dict[str, Any]:
    item = related.items.get(row.item_id)
    line_sum = quantize(row.quantity * row.unit_price, MONEY_SCALE)
    return {
        "Id": row.id,
        "RowNumber": row.row_number,
        "ItemCode": item.code if item else "",
        "Item": render_item(item, stocks[item.id]) if item else None,
        "Description": row.description,
        "Unit": row.unit,
        "Quantity": row.quantity,
        "UnitPrice": row.unit_price,
        "Sum": line_sum,
        "Discount": row.discount,
        "Tax": row.tax,
        "TotalAmount": line_sum - row.discount + row.tax,
        "SerialNumbers": [text for text in row.serial_numbers.split("\n") if text],
    }


def _render_all(ctx: RequestContext, invoices: Sequence[Invoice]) -> list[dict[str, Any]]:
    related = service.related(ctx.session, ctx.business_id, invoices)
    balances = contacts.balances(ctx.session, ctx.business_id, list(related.contacts))
    stocks = items.stocks(ctx.session, ctx.business_id, list(related.items))
    rendered = []
    for invoice in invoices:
        contact = related.contacts.get(invoice.contact_id) if invoice.contact_id else None
        carrier = (
            related.contacts.get(invoice.freight_contact_id) if invoice.freight_contact_id else None
        )
        rendered.append(
            {
                "Id": invoice.id,
                "Number": str(invoice.number),
                "Reference": invoice.reference,
                "Date": invoice.date,
                "DueDate": invoice.due_date,
                "ContactCode": contact.code if contact else "",
                "Contact": render_contact(contact, balances[contact.id]) if contact else None,
                "ContactTitle": invoice.contact_title,
                "Sum": invoice.total,
                "Payable": invoice.payable,
                "Paid": invoice.paid,
                "Rest": invoice.rest,
                "PaidStatus": invoice.paid_status,
                "Note": invoice.note,
                "Sent": invoice.sent,
                "Returned": False,
                "InvoiceType": invoice.invoice_type,
                "Status": invoice.status,
                "Tag": invoice.tag,
                "Freight": invoice.freight,
                "FreightPersonCode": carrier.code if carrier else "",
                "WarehouseReceiptStatus": invoice.warehouse_receipt_status,
                "Project": related.projects.get(invoice.project_id, "")
                if invoice.project_id
                else "",
                "SalesmanCode": related.salesmen.get(invoice.salesman_id, "")
                if invoice.salesman_id
                else "",
                "SalesmanPercent": invoice.salesman_percent,
                "Currency": invoice.currency,
                "CurrencyRate": invoice.currency_rate,
                "TaxId": invoice.tax_id,
                "InvoiceItems": [_render_row(row, related, stocks) for row in invoice.rows],
                "Others": [
                    {"Title": other.title, "Amount": other.amount, "Add": other.add}
                    for other in invoice.others
                ],
            }
        )
    return rendered


def _render_one(ctx: RequestContext, invoice: Invoice) -> dict[str, Any]:
    return _render_all(ctx, [invoice])[0]


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("invoice", "get", params=NumberTypeParams)
def get(ctx: RequestContext, params: NumberTypeParams) -> dict[str, Any]:
    """The invoice of this type and number."""
    invoice = service.get(
        ctx.session, ctx.business_id, params.invoice_type(), params.required_number()
    )
    return _render_one(ctx, invoice)


@methods.method("invoice", "getById", params=GetByIdParams)
def get_by_id(ctx: RequestContext, params: GetByIdParams) -> Any:
    """The invoice with this id, or the invoices with these ids (unknown ids are left out)."""
    if params.id_list is not None:
        return _render_all(ctx, service.get_by_ids(ctx.session, ctx.business_id, params.id_list))
    if params.id is None:
        raise MissingParameter(location=Location.of("id"))
    found = service.get_by_ids(ctx.session, ctx.business_id, [params.id])
    if not found:
        raise InvoiceNotFound(f"invoice with id {params.id}", Location.of("id"))
    return _render_one(ctx, found[0])


@methods.method("invoice", "getinvoices", params=GetInvoicesParams)
def get_invoices(ctx: RequestContext, params: GetInvoicesParams) -> dict[str, Any]:
    """A page of invoices of one type (queryInfo)."""
    kind = None if params.type is None else schemas.InvoiceType.of(params.type, Location.of("type"))
    page = service.list_invoices(ctx.session, ctx.business_id, kind, params.query_info)
    rendered = {
        invoice.id: body
        for invoice, body in zip(page.rows, _render_all(ctx, page.rows), strict=True)
    }
    return page_result(page, lambda invoice: rendered[invoice.id])


@methods.method("invoice", "save", params=SaveParams, write=True)
def save(ctx: RequestContext, params: SaveParams) -> dict[str, Any]:
    """Create (no Number, or one not in use) or replace (a Number in use) an invoice."""
    invoice = service.save(
        ctx.session, ctx.business, params.invoice.as_input(), via_api=ctx.via_api
    )
    return _render_one(ctx, invoice)


@methods.method("invoice", "delete", params=DeleteParams, write=True)
def delete(ctx: RequestContext, params: DeleteParams) -> bool:
    """Delete an invoice and its document (not one with payments or warehouse receipts)."""
    service.delete(
        ctx.session,
        ctx.business,
        params.invoice_type(),
        params.required_number(),
        via_api=ctx.via_api,
    )
    return True


@methods.method("invoice", "changePaidStatus", params=ChangePaidParams, write=True)
def change_paid_status(ctx: RequestContext, params: ChangePaidParams) -> bool:
    """Mark an invoice settled (paid true) or not, outside the books."""
    service.change_paid_status(
        ctx.session,
        ctx.business_id,
        params.invoice_type(),
        params.required_number(),
        params.paid,
        via_api=ctx.via_api,
    )
    return True


@methods.method("invoice", "changeSentStatus", params=ChangeSentParams, write=True)
def change_sent_status(ctx: RequestContext, params: ChangeSentParams) -> bool:
    """Mark an invoice sent or not."""
    service.change_sent_status(
        ctx.session,
        ctx.business_id,
        params.invoice_type(),
        params.required_number(),
        params.sent,
        via_api=ctx.via_api,
    )
    return True


@methods.method("invoice", "clearTag", params=ClearTagParams, write=True)
def clear_tag(ctx: RequestContext, params: ClearTagParams) -> bool:
    """Empty the Tag of these invoices."""
    kind = schemas.InvoiceType.of(params.type, Location.of("type"))
    service.clear_tag(ctx.session, ctx.business_id, kind, params.numbers, via_api=ctx.via_api)
    return True
