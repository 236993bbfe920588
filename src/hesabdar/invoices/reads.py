"""Reading invoices: by type and number, by id, pages of a list (queryInfo), and the records
they name, for rendering."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session, selectinload

from hesabdar.contacts.codes import normalize_code
from hesabdar.contacts.models import Contact
from hesabdar.invoices import books
from hesabdar.invoices.errors import InvoiceNotFound
from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import InvoiceType
from hesabdar.items.models import Item
from hesabdar.kit import bulk
from hesabdar.kit.errors import Location
from hesabdar.kit.listing import ListQuery, Page, QueryField, QueryFields, run_query
from hesabdar.projects.models import Project, Salesman

NUMBER_AT = books.NUMBER_AT


def scoped(business_id: int) -> Select[Invoice]:
    return (
        select(Invoice)
        .where(Invoice.business_id == business_id)
        .options(selectinload(Invoice.rows), selectinload(Invoice.others))
    )


def parse_number(number: Any, at: Location) -> int:
    """An invoice number as clients send it (``1001``, ``"1001"``); 112 naming ``at`` for one
    that no invoice can have."""
    text = str(number).strip() if number is not None else ""
    if text.endswith(".0"):
        text = text[:-2]
    if not (text.isascii() and text.isdigit()) or len(text) > 18 or int(text) <= 0:
        raise InvoiceNotFound(f"invoice {text!r}", at)
    return int(text)


def get(
    session: Session,
    business_id: int,
    invoice_type: InvoiceType,
    number: Any,
    at: Location = NUMBER_AT,
) -> Invoice:
    value = parse_number(number, at)
    invoice = session.scalar(
        scoped(business_id).where(
            Invoice.invoice_type == int(invoice_type), Invoice.number == value
        )
    )
    if invoice is None:
        raise InvoiceNotFound(books.label(invoice_type, value), at)
    return invoice


def get_by_ids(session: Session, business_id: int, ids: Sequence[int]) -> list[Invoice]:
    """The business's invoices with these ids, in the order asked; unknown ids are skipped."""
    if not ids:
        return []
    found = {row.id: row for row in bulk.scalars_in(session, scoped(business_id), Invoice.id, ids)}
    return [found[key] for key in dict.fromkeys(ids) if key in found]


def approved_of_contact(
    session: Session, business_id: int, contact_id: int, invoice_type: InvoiceType
) -> list[Invoice]:
    """The approved invoices of this type that name the contact, oldest first."""
    return list(
        session.scalars(
            scoped(business_id)
            .where(
                Invoice.contact_id == contact_id,
                Invoice.invoice_type == int(invoice_type),
                Invoice.status == 1,
            )
            .order_by(Invoice.date, Invoice.number)
        )
    )


def _joined(model: Any, column: Any) -> tuple[tuple[Any, Any], ...]:
    return ((model, and_(model.business_id == Invoice.business_id, model.id == column)),)


QUERY_FIELDS = QueryFields(
    fields={
        "Id": QueryField(Invoice.id.expression),
        "Number": QueryField(Invoice.number.expression),
        "Reference": QueryField(Invoice.reference.expression),
        "Date": QueryField(Invoice.date.expression),
        "DueDate": QueryField(Invoice.due_date.expression),
        "ContactCode": QueryField(
            Contact.code.expression, joins=_joined(Contact, Invoice.contact_id)
        ),
        "ContactTitle": QueryField(Invoice.contact_title.expression),
        "Sum": QueryField(Invoice.total.expression),
        "Payable": QueryField(Invoice.payable.expression),
        "Paid": QueryField(Invoice.paid.expression),
        "Freight": QueryField(Invoice.freight.expression),
        "Note": QueryField(Invoice.note.expression),
        "Sent": QueryField(Invoice.sent.expression),
        "InvoiceType": QueryField(Invoice.invoice_type.expression),
        "Status": QueryField(Invoice.status.expression),
        "Tag": QueryField(Invoice.tag.expression),
        "WarehouseReceiptStatus": QueryField(Invoice.warehouse_receipt_status.expression),
        "Project": QueryField(Project.title.expression, joins=_joined(Project, Invoice.project_id)),
        "Currency": QueryField(Invoice.currency.expression),
        "TaxId": QueryField(Invoice.tax_id.expression),
    },
    search=(
        Invoice.reference.expression,
        Invoice.contact_title.expression,
        Invoice.note.expression,
    ),
    default_sort=(Invoice.id.expression,),
)


def _status_value(value: Any) -> Any:
    # Hesabfa's older statuses 1, 2 and 3 are all "approved", stored as 1.
    text = str(value).strip()
    return 1 if text in ("1", "2", "3") else value


def _normalized(query: ListQuery | None) -> ListQuery | None:
    """Filters as stored: a status of 1, 2 or 3 is approved; contact codes zero-padded."""
    if query is None:
        return None
    for filt in query.filters:
        name = filt.property.strip().lower()
        if filt.operator.strip() == "*":
            continue
        convert = {"status": _status_value, "contactcode": lambda v: normalize_code(v) or ""}.get(
            name
        )
        if convert is None:
            continue
        values = filt.value
        if isinstance(values, str) and filt.operator.strip().lower() == "in":
            values = values.split(",")
        filt.value = [convert(v) for v in values] if isinstance(values, list) else convert(values)
    return query


def list_invoices(
    session: Session, business_id: int, invoice_type: InvoiceType | None, query: ListQuery | None
) -> Page:
    base = scoped(business_id)
    if invoice_type is not None:
        base = base.where(Invoice.invoice_type == int(invoice_type))
    return run_query(session, base, QUERY_FIELDS, _normalized(query))


@dataclass(frozen=True)
class Related:
    """The records invoices name, fetched in a few queries, for rendering them."""

    contacts: dict[int, Contact]
    items: dict[int, Item]
    projects: dict[int, str]
    salesmen: dict[int, str]


def related(session: Session, business_id: int, invoices: Sequence[Invoice]) -> Related:
    def of(model: Any, ids: set[int | None]) -> list[Any]:
        wanted = sorted(i for i in ids if i is not None)
        if not wanted:
            return []
        return bulk.scalars_in(
            session, select(model).where(model.business_id == business_id), model.id, wanted
        )

    contacts = of(
        Contact, {i.contact_id for i in invoices} | {i.freight_contact_id for i in invoices}
    )
    items = of(Item, {row.item_id for invoice in invoices for row in invoice.rows})
    projects = of(Project, {i.project_id for i in invoices})
    salesmen = of(Salesman, {i.salesman_id for i in invoices})
    return Related(
        contacts={c.id: c for c in contacts},
        items={i.id: i for i in items},
        projects={p.id: p.title for p in projects},
        salesmen={s.id: s.code for s in salesmen},
    )
