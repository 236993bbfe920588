"""Reading warehouse receipts: by number, by id, pages of a list (queryInfo), what an invoice's
receipts place, and the records they name, for rendering."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session, aliased, selectinload

from hesabdar.invoices.models import Invoice
from hesabdar.items.models import Item
from hesabdar.kit import bulk
from hesabdar.kit.errors import Location
from hesabdar.kit.listing import ListQuery, Page, QueryField, QueryFields, run_query
from hesabdar.projects.models import Project
from hesabdar.warehouse_receipts.errors import WarehouseReceiptNotFound
from hesabdar.warehouse_receipts.models import WarehouseReceipt, WarehouseReceiptRow
from hesabdar.warehouse_receipts.schemas import NUMBER_AT, ReceiptKind
from hesabdar.warehouses.models import Warehouse


def label(number: object) -> str:
    """How messages name a receipt: ``warehouse receipt 12``."""
    return f"warehouse receipt {number}"


def scoped(business_id: int, kind: ReceiptKind | None = None) -> Select[Any]:
    query = (
        select(WarehouseReceipt)
        .where(WarehouseReceipt.business_id == business_id)
        .options(selectinload(WarehouseReceipt.rows))
    )
    if kind is not None:
        query = query.where(WarehouseReceipt.kind == int(kind))
    return query


def parse_number(number: Any, at: Location) -> int:
    """A receipt number as clients send it (``12``, ``"12"``); 112 naming ``at`` for one that
    no receipt can have."""
    text = str(number).strip() if number is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 18 or int(text) <= 0:
        raise WarehouseReceiptNotFound(label(repr(text)), at)
    return int(text)


def find(
    session: Session, business_id: int, number: int, kind: ReceiptKind | None = None
) -> WarehouseReceipt | None:
    return session.scalar(scoped(business_id, kind).where(WarehouseReceipt.number == number))


def get(
    session: Session,
    business_id: int,
    number: Any,
    kind: ReceiptKind | None = None,
    at: Location = NUMBER_AT,
) -> WarehouseReceipt:
    """The receipt with this number (of this kind, when one is given); 112 naming ``at``."""
    value = parse_number(number, at)
    receipt = find(session, business_id, value, kind)
    if receipt is None:
        of_kind = f" of type {int(kind)}" if kind is not None else ""
        raise WarehouseReceiptNotFound(label(value) + of_kind, at)
    return receipt


def get_by_ids(session: Session, business_id: int, ids: Sequence[int]) -> list[WarehouseReceipt]:
    """The business's receipts with these ids, in the order asked, once each; unknown ids
    (another business's included) are skipped."""
    if not ids:
        return []
    found = {
        receipt.id: receipt
        for receipt in bulk.scalars_in(session, scoped(business_id), WarehouseReceipt.id, ids)
    }
    return [found[key] for key in dict.fromkeys(ids) if key in found]


def of_invoice(
    session: Session, business_id: int, invoice_id: int, *, lock: bool = False
) -> list[WarehouseReceipt]:
    """The invoice's receipts by number; ``lock``: their rows locked to the commit (call with
    the invoice's row locked, LockStage.SOURCE)."""
    query = scoped(business_id).where(WarehouseReceipt.invoice_id == invoice_id)
    if lock:
        query = query.with_for_update(of=WarehouseReceipt)
    return list(session.scalars(query.order_by(WarehouseReceipt.number)))


def placed_of_invoice(session: Session, business_id: int, invoice_id: int) -> dict[int, Decimal]:
    """How much of each item the invoice's receipts place (the invoices domain's provider)."""
    rows = session.execute(
        select(WarehouseReceiptRow.item_id, WarehouseReceiptRow.quantity)
        .join(
            WarehouseReceipt,
            and_(
                WarehouseReceipt.business_id == WarehouseReceiptRow.business_id,
                WarehouseReceipt.id == WarehouseReceiptRow.receipt_id,
            ),
        )
        .where(
            WarehouseReceipt.business_id == business_id,
            WarehouseReceipt.invoice_id == invoice_id,
        )
    )
    # Added in Python: on SQLite amounts are text, and SQL sums of them go through floats.
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for item_id, quantity in rows:
        totals[int(item_id)] += quantity
    return dict(totals)


def _joined(model: Any, column: Any) -> tuple[tuple[Any, Any], ...]:
    return ((model, and_(model.business_id == WarehouseReceipt.business_id, model.id == column)),)


_Source = aliased(Warehouse)
_Destination = aliased(Warehouse)
_INVOICE = _joined(Invoice, WarehouseReceipt.invoice_id)

QUERY_FIELDS = QueryFields(
    fields={
        "Id": QueryField(WarehouseReceipt.id.expression),
        "Number": QueryField(WarehouseReceipt.number.expression),
        "Date": QueryField(WarehouseReceipt.date.expression),
        "InvoiceNumber": QueryField(Invoice.number.expression, joins=_INVOICE),
        "InvoiceType": QueryField(Invoice.invoice_type.expression, joins=_INVOICE),
        "WarehouseCode": QueryField(
            _Source.code.expression, joins=_joined(_Source, WarehouseReceipt.warehouse_id)
        ),
        "DestinationWarehouseCode": QueryField(
            _Destination.code.expression,
            joins=_joined(_Destination, WarehouseReceipt.destination_id),
        ),
        "Project": QueryField(
            Project.title.expression, joins=_joined(Project, WarehouseReceipt.project_id)
        ),
        "Note": QueryField(WarehouseReceipt.note.expression),
        "Notes": QueryField(WarehouseReceipt.note.expression),
        "Delivery": QueryField(WarehouseReceipt.delivery.expression),
        "Freight": QueryField(WarehouseReceipt.freight.expression),
    },
    search=(
        WarehouseReceipt.note.expression,
        WarehouseReceipt.delivery.expression,
        WarehouseReceipt.freight.expression,
    ),
    default_sort=(WarehouseReceipt.id.expression,),
)


def list_receipts(
    session: Session, business_id: int, kind: ReceiptKind | None, query: ListQuery | None
) -> Page:
    return run_query(session, scoped(business_id, kind), QUERY_FIELDS, query)


@dataclass(frozen=True)
class Related:
    """The records receipts name, fetched in a few queries, for rendering them."""

    warehouses: dict[int, str]  # id → code
    invoices: dict[int, tuple[int, int]]  # id → (type, number)
    projects: dict[int, str]  # id → title
    items: dict[int, Item]


def related(session: Session, business_id: int, receipts: Sequence[WarehouseReceipt]) -> Related:
    def of(*columns: Any, ids: set[int | None]) -> list[Any]:
        wanted = sorted(i for i in ids if i is not None)
        if not wanted:
            return []
        model = columns[0].class_
        statement = select(*columns).where(model.business_id == business_id)
        return bulk.select_in(session, statement, model.id, wanted)

    warehouse_ids = {r.warehouse_id for r in receipts} | {r.destination_id for r in receipts}
    items = bulk.scalars_in(
        session,
        select(Item).where(Item.business_id == business_id),
        Item.id,
        sorted({row.item_id for receipt in receipts for row in receipt.rows}),
    )
    return Related(
        warehouses={
            int(id_): str(code) for id_, code in of(Warehouse.id, Warehouse.code, ids=warehouse_ids)
        },
        invoices={
            int(id_): (int(kind), int(number))
            for id_, kind, number in of(
                Invoice.id,
                Invoice.invoice_type,
                Invoice.number,
                ids={r.invoice_id for r in receipts},
            )
        },
        projects={
            int(id_): str(title)
            for id_, title in of(Project.id, Project.title, ids={r.project_id for r in receipts})
        },
        items={item.id: item for item in items},
    )
