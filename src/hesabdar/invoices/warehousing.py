"""An invoice's goods in warehouses: how much of each item its warehouse receipts place, the
WarehouseReceiptStatus that follows from it, and the edits those receipts forbid.

Warehouse receipts are a domain of their own that builds on invoices; what they place reaches
this module through a provider that :mod:`hesabdar.wiring` sets (:func:`set_placement_provider`),
so that invoices do not import them back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.invoices.books import label
from hesabdar.invoices.errors import InvoiceInUse
from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import INVOICE_AT, ROWS_AT, InvoiceType, WarehouseReceiptStatus
from hesabdar.items.models import Item
from hesabdar.items.schemas import ItemType
from hesabdar.kit.numbers import show

# (session, business_id, invoice_id) → item id → the quantity the invoice's receipts place.
PlacementProvider = Callable[[Session, int, int], Mapping[int, Decimal]]
_placement_provider: PlacementProvider | None = None


def set_placement_provider(provider: PlacementProvider | None) -> None:
    """Warehouse receipts register how to read what they place; until then nothing is placed."""
    global _placement_provider
    _placement_provider = provider


def placed(session: Session, invoice: Invoice) -> dict[int, Decimal]:
    """What the invoice's warehouse receipts place, by item id (items with none left out)."""
    if _placement_provider is None:
        return {}
    found = _placement_provider(session, invoice.business_id, invoice.id)
    return {item_id: quantity for item_id, quantity in found.items() if quantity}


def goods_quantities(session: Session, invoice: Invoice) -> dict[int, Decimal]:
    """How much of each of its goods (services left out) the invoice has, by item id."""
    ids = sorted({row.item_id for row in invoice.rows})
    if not ids:
        return {}
    services = set(
        session.scalars(
            select(Item.id).where(
                Item.business_id == invoice.business_id,
                Item.id.in_(ids),
                Item.item_type == int(ItemType.SERVICE),
            )
        )
    )
    return _summed(
        (row.item_id, row.quantity) for row in invoice.rows if row.item_id not in services
    )


def _summed(quantities: Iterable[tuple[int, Decimal]]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for item_id, quantity in quantities:
        totals[item_id] += quantity
    return dict(totals)


def status_of(
    goods: Mapping[int, Decimal], placed: Mapping[int, Decimal]
) -> WarehouseReceiptStatus:
    """None placed: 0; every item's quantity placed in full: 2 (complete); otherwise 1."""
    if not any(placed.values()):
        return WarehouseReceiptStatus.NONE
    if all(placed.get(item_id, 0) >= quantity for item_id, quantity in goods.items()):
        return WarehouseReceiptStatus.COMPLETE
    return WarehouseReceiptStatus.INCOMPLETE


def refresh_status(
    session: Session, invoice: Invoice, placed_now: Mapping[int, Decimal] | None = None
) -> None:
    """Set the invoice's WarehouseReceiptStatus from what its receipts place (read when not
    given)."""
    if placed_now is None:
        placed_now = placed(session, invoice)
    status = status_of(goods_quantities(session, invoice), placed_now)
    invoice.warehouse_receipt_status = int(status)


# An invoice's rows as they are being saved: (item id, quantity, is a service).
Rows = list[tuple[int, Decimal, bool]]


def status_of_rows(rows: Rows, placed_now: Mapping[int, Decimal]) -> WarehouseReceiptStatus:
    """:func:`status_of` for an invoice being saved with these rows."""
    return status_of(_summed((i, q) for i, q, service in rows if not service), placed_now)


def check_edit(
    session: Session,
    invoice: Invoice,
    approved: bool,
    rows: Rows,
    placed_now: Mapping[int, Decimal],
) -> None:
    """An invoice whose receipts place goods stays approved and keeps at least that much of each
    item: its receipts never place more than it has (190 naming the status, or the item's row).
    ``rows``: the edited invoice's rows as (item id, quantity, is a service)."""
    if not placed_now:
        return
    what = f"{label(InvoiceType(invoice.invoice_type), invoice.number)} has warehouse receipts"
    if not approved:
        raise InvoiceInUse(
            f"{what}; it cannot become a draft (delete them first).",
            location=INVOICE_AT / "status",
        )
    goods = _summed((i, q) for i, q, service in rows if not service)
    short = sorted(item_id for item_id, q in placed_now.items() if goods.get(item_id, 0) < q)
    if not short:
        return
    item_id = short[0]
    code = session.scalar(
        select(Item.code).where(Item.business_id == invoice.business_id, Item.id == item_id)
    )
    at = ROWS_AT
    for index, (row_item, _quantity, service) in enumerate(rows):
        if row_item == item_id and not service:
            at = ROWS_AT / index / "quantity"
            break
    raise InvoiceInUse(
        f"{what} placing {show(placed_now[item_id])} of item {code}; its goods rows cannot have "
        f"less of it (got {show(goods.get(item_id, Decimal(0)))}). Change or delete the "
        "receipts first.",
        location=at,
    )
