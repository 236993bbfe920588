"""Warehouse receipts: issuing (saving), replacing and deleting them, what they place in the
warehouses, and the WarehouseReceiptStatus they leave on their invoice.

A receipt says in which warehouse an approved invoice's goods are: a purchase's or a sales
return's come in, a sale's, a purchase return's or a waste's go out. Nothing is posted: the
invoice already moved the total stock and posted its cost. An invoice's receipts never place
more of an item than it has. A transfer moves goods from one warehouse to another, of no
invoice.

Lock order (``kit.locks``): the invoice's row and then its receipts' rows (LockStage.SOURCE:
every save and delete of an invoice's receipts locks the invoice first, so they queue on it, as
its edits and its delete do), then the items' stock rows while the warehouses' quantities change
(LockStage.STOCK, ``stock.placement``), and last the receipt counter, for a new receipt's number
(LockStage.NUMBER), as invoices take theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.invoices import service as invoices
from hesabdar.invoices import warehousing
from hesabdar.invoices.books import label as invoice_label
from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import InvoiceType
from hesabdar.items.models import Item
from hesabdar.kit import bulk, locks
from hesabdar.kit.errors import ConstraintViolated, InvalidFieldValue, Location
from hesabdar.kit.locks import LockStage
from hesabdar.kit.numbers import show
from hesabdar.ledger.service.validate import ensure_open_dates
from hesabdar.numbering import service as numbering
from hesabdar.stock import placement
from hesabdar.tenancy.models import Business
from hesabdar.warehouse_receipts import inputs, reads
from hesabdar.warehouse_receipts.errors import WarehouseReceiptNotFound, WarehouseReceiptRefused
from hesabdar.warehouse_receipts.models import WarehouseReceipt, WarehouseReceiptRow
from hesabdar.warehouse_receipts.schemas import (
    COUNTER,
    KIND_OF_INVOICE,
    NUMBER_AT,
    OBJECT_TYPE,
    RECEIPT_AT,
    ROWS_AT,
    ReceiptInput,
    ReceiptKind,
)

__all__ = [
    "delete",
    "get",
    "get_by_ids",
    "list_receipts",
    "placed_of_invoice",
    "related",
    "save",
]

# The reads, for the facades: one service module to call.
get = reads.get
get_by_ids = reads.get_by_ids
list_receipts = reads.list_receipts
related = reads.related
placed_of_invoice = reads.placed_of_invoice

ZERO = Decimal(0)
# Receipt numbers are below this; a new receipt is MAX_NUMBER + its id until it gets its own.
MAX_NUMBER = 10**18
DELETE_OLD_AT = Location.of("delete_old_receipts")


def today() -> date:
    return datetime.now(UTC).date()


def _taken(session: Session, business_id: int, number: int) -> int | None:
    """The id of the receipt with this number, if any."""
    return session.scalar(
        select(WarehouseReceipt.id).where(
            WarehouseReceipt.business_id == business_id, WarehouseReceipt.number == number
        )
    )


def _claim(session: Session, business_id: int, number: int | None) -> int | None:
    """The id of the receipt a save replaces, read without a lock (its invoice is locked
    before it); None for a new one, numbered last (:func:`_number_last`)."""
    if number is not None and not 0 <= number < MAX_NUMBER:
        raise InvalidFieldValue(
            f"{number} is not a warehouse receipt number (1 to 10^18 − 1).",
            location=RECEIPT_AT / "number",
        )
    return _taken(session, business_id, number) if number else None


def _new(session: Session, business_id: int) -> WarehouseReceipt:
    """A new receipt, numbered MAX_NUMBER + its id until :func:`_number_last`."""
    (receipt_id,) = bulk.allocate_ids(session, WarehouseReceipt.__table__, 1)
    return WarehouseReceipt(id=receipt_id, business_id=business_id, number=MAX_NUMBER + receipt_id)


def _number_last(
    session: Session, business_id: int, receipt: WarehouseReceipt, wanted: int | None
) -> None:
    """Give a new receipt its number, last of its writes (LockStage.NUMBER), so that the
    counter every new receipt needs is held only to the commit: the next free one, or the one
    the client chose, checked under the counter (taken meanwhile by a request that committed
    first: the save runs again, and edits that receipt)."""
    if wanted:
        numbering.lock(session, business_id, COUNTER, LockStage.NUMBER)
        if _taken(session, business_id, wanted) is not None:
            raise ConstraintViolated(
                f"warehouse receipt {wanted} was saved by another request meanwhile; try again.",
                location=RECEIPT_AT / "number",
                lost_race=True,
            )
        number = wanted
    else:
        number = numbering.next_number(
            session,
            business_id,
            COUNTER,
            lambda value: _taken(session, business_id, value) is not None,
            LockStage.NUMBER,
        )
    receipt.number = number
    session.flush()


def _locked(session: Session, business_id: int, receipt_id: int) -> WarehouseReceipt | None:
    """The receipt, its row locked to the commit and read afresh (LockStage.SOURCE)."""
    locks.enter(session, LockStage.SOURCE)
    return session.scalar(
        reads.scoped(business_id)
        .where(WarehouseReceipt.id == receipt_id)
        .with_for_update(of=WarehouseReceipt)
        .execution_options(populate_existing=True)
    )


def _invoice_of(
    session: Session, business_id: int, data: ReceiptInput
) -> tuple[Invoice, ReceiptKind]:
    """The invoice whose goods the receipt places, locked, and which way they move."""
    assert data.invoice_type is not None  # checked by inputs.resolve
    invoice = invoices.find_for_warehouse(
        session,
        business_id,
        data.invoice_type,
        data.invoice_number,
        at=RECEIPT_AT / "invoice_number",
    )
    kind = KIND_OF_INVOICE[data.invoice_type]
    if data.receiving and not kind.receiving:
        raise InvalidFieldValue(
            f"the goods of a {invoice_label(data.invoice_type, invoice.number)} leave the "
            "warehouse: its warehouse receipt is an issue (Receiving false).",
            location=RECEIPT_AT / "receiving",
        )
    return invoice, kind


def _check_invoice(
    session: Session,
    invoice: Invoice,
    rows: Sequence[inputs.ResolvedRow],
    kept: Iterable[WarehouseReceipt],
) -> dict[int, Decimal]:
    """What the invoice's receipts place once this one is saved beside ``kept``: never an item
    the invoice does not have, nor more of it (190 naming the row)."""
    goods = warehousing.goods_quantities(session, invoice)
    what = invoice_label(InvoiceType(invoice.invoice_type), invoice.number)
    placed: dict[int, Decimal] = defaultdict(Decimal)
    for receipt in kept:
        for stored in receipt.rows:
            placed[stored.item_id] += stored.quantity
    others = dict(placed)
    for index, row in enumerate(rows):
        if row.item.id not in goods:
            raise WarehouseReceiptRefused(
                f"item {row.item.code} is not among the goods of {what}.",
                location=ROWS_AT / index / "item_code",
            )
        placed[row.item.id] += row.quantity
        if placed[row.item.id] > goods[row.item.id]:
            before = others.get(row.item.id, ZERO)
            by_others = f" ({show(before)} by its other receipts)" if before else ""
            raise WarehouseReceiptRefused(
                f"{what} has {show(goods[row.item.id])} of item {row.item.code}; its warehouse "
                f"receipts would place {show(placed[row.item.id])} of it{by_others}.",
                location=ROWS_AT / index / "quantity",
            )
    return dict(placed)


def _moves(receipt: WarehouseReceipt, sign: int, deltas: dict[tuple[int, int], Decimal]) -> None:
    """Add what ``receipt`` places (``sign`` -1: what removing it takes back) to ``deltas``."""
    into = receipt.kind == int(ReceiptKind.RECEIPT)
    for row in receipt.rows:
        quantity = row.quantity * sign
        deltas[(receipt.warehouse_id, row.item_id)] += quantity if into else -quantity
        if receipt.destination_id is not None:
            deltas[(receipt.destination_id, row.item_id)] += quantity


def _codes(
    session: Session, business_id: int, receipts: Sequence[WarehouseReceipt]
) -> dict[int, str]:
    """The codes of the items these receipts name, by id, in one read."""
    ids = sorted({row.item_id for receipt in receipts for row in receipt.rows})
    rows = bulk.select_in(
        session, select(Item.id, Item.code).where(Item.business_id == business_id), Item.id, ids
    )
    return {int(item_id): str(code) for item_id, code in rows}


def _item_codes(receipt: WarehouseReceipt, codes: dict[int, str]) -> str:
    """Hesabfa's ``Extra`` of a receipt's change: its item codes, comma-separated."""
    return ",".join(
        codes[item_id] for item_id in dict.fromkeys(row.item_id for row in receipt.rows)
    )


def _record(
    session: Session,
    business_id: int,
    action: LogAction,
    receipt: WarehouseReceipt,
    extra: str,
    via_api: bool,
) -> None:
    changes.record(
        session,
        business_id,
        action,
        OBJECT_TYPE,
        receipt.id,
        extra=extra,
        extra2=str(receipt.number),
        via_api=via_api,
    )


def _belongs_to(session: Session, receipt: WarehouseReceipt) -> str:
    if receipt.invoice_id is None:
        return "no invoice (it is a transfer)"
    kind, number = session.execute(
        select(Invoice.invoice_type, Invoice.number).where(
            Invoice.business_id == receipt.business_id, Invoice.id == receipt.invoice_id
        )
    ).one()
    return invoice_label(InvoiceType(kind), number)


def _replaced(
    session: Session, business_id: int, receipt_id: int | None, invoice: Invoice | None
) -> WarehouseReceipt | None:
    """The receipt an edit replaces, locked; it stays with its invoice (or stays a transfer)."""
    if receipt_id is None:
        return None
    receipt = _locked(session, business_id, receipt_id)
    if receipt is None:
        # Deleted by a request that committed meanwhile: run again, as a new receipt.
        raise ConstraintViolated(
            "this warehouse receipt was deleted by another request; try again.",
            location=RECEIPT_AT / "number",
            lost_race=True,
        )
    if receipt.invoice_id != (invoice.id if invoice is not None else None):
        target = (
            invoice_label(InvoiceType(invoice.invoice_type), invoice.number)
            if invoice is not None
            else "a transfer"
        )
        raise WarehouseReceiptRefused(
            f"{reads.label(receipt.number)} belongs to {_belongs_to(session, receipt)}; it "
            f"cannot be moved to {target}. Delete it and issue a new one.",
            location=RECEIPT_AT / "number",
        )
    return receipt


def _where(rows: Sequence[inputs.ResolvedRow], fallback: Location) -> placement.Where:
    """Where a warehouse going below zero is named: the receipt's first row of the item."""
    first: dict[int, Location] = {}
    for index, row in enumerate(rows):
        first.setdefault(row.item.id, ROWS_AT / index / "quantity")

    def where(key: tuple[int, int]) -> Location:
        return first.get(key[1], fallback)

    return where


def save(
    session: Session,
    business: Business,
    data: ReceiptInput,
    *,
    delete_old: bool = False,
    via_api: bool = True,
) -> WarehouseReceipt:
    """Issue a receipt (no number, 0, or a number not in use) or replace one (its number), and
    move the warehouses' quantities by the difference. ``delete_old``: the invoice's other
    receipts are deleted first (a transfer has none). Every check of the input comes first; the
    locks and writes follow in lock order."""
    resolved = inputs.resolve(session, business.id, data)
    replaced_id = _claim(session, business.id, data.number)
    invoice, kind = None, ReceiptKind.ISSUE
    if not data.is_transfer:
        invoice, kind = _invoice_of(session, business.id, data)
    existing = _replaced(session, business.id, replaced_id, invoice)
    others: list[WarehouseReceipt] = []
    if invoice is not None:
        others = [
            receipt
            for receipt in reads.of_invoice(session, business.id, invoice.id, lock=True)
            if existing is None or receipt.id != existing.id
        ]
    removed = others if delete_old else []
    # Not given: an edit keeps its date; a new receipt takes its invoice's, a transfer today's.
    on = data.date or (
        existing.date if existing is not None else invoice.date if invoice is not None else today()
    )
    dated = [(on, RECEIPT_AT / "date")]
    if existing is not None:
        dated.append((existing.date, RECEIPT_AT / "number"))
    dated += [(receipt.date, DELETE_OLD_AT) for receipt in removed]
    ensure_open_dates(session, business.id, dated)
    placed = None
    if invoice is not None:
        kept = [] if delete_old else others
        placed = _check_invoice(session, invoice, resolved.rows, kept)

    deltas: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    gone = []
    for receipt in [*removed, *([existing] if existing else [])]:
        _moves(receipt, -1, deltas)
    codes = _codes(session, business.id, removed)
    codes.update((row.item.id, row.item.code) for row in resolved.rows)
    for receipt in removed:
        gone.append((receipt, _item_codes(receipt, codes)))
        session.delete(receipt)
    receipt = existing or _new(session, business.id)
    receipt.kind = int(kind)
    receipt.warehouse_id = resolved.warehouse.id
    receipt.destination_id = resolved.destination.id if resolved.destination else None
    receipt.invoice_id = invoice.id if invoice is not None else None
    receipt.date = on
    receipt.note = data.note
    receipt.delivery = data.delivery
    receipt.freight = data.freight
    receipt.project_id = resolved.project_id
    if existing is not None:
        # The old rows go first: the new ones take their places.
        receipt.rows.clear()
        session.flush()
    receipt.rows = [
        WarehouseReceiptRow(
            business_id=business.id,
            position=position,
            item_id=row.item.id,
            quantity=row.quantity,
            reference=row.reference,
            note=row.note,
        )
        for position, row in enumerate(resolved.rows)
    ]
    if existing is None:
        session.add(receipt)
    session.flush()
    _moves(receipt, 1, deltas)
    fallback = DELETE_OLD_AT if removed else RECEIPT_AT / "number"
    placement.move(session, business.id, deltas, _where(resolved.rows, fallback))
    if invoice is not None:
        warehousing.refresh_status(session, invoice, placed)
    if existing is None:
        _number_last(session, business.id, receipt, data.number)
    for old, extra in gone:
        _record(session, business.id, LogAction.WAREHOUSE_RECEIPT_DELETE, old, extra, via_api)
    action = LogAction.WAREHOUSE_RECEIPT_EDIT if existing else LogAction.WAREHOUSE_RECEIPT_SAVE
    _record(session, business.id, action, receipt, _item_codes(receipt, codes), via_api)
    return receipt


def delete(
    session: Session,
    business: Business,
    number: object,
    kind: ReceiptKind | None = None,
    *,
    via_api: bool = True,
) -> None:
    """Delete a receipt: what it placed leaves the warehouses (190 naming ``number`` when that
    takes one below zero and the business does not allow it), and its invoice's status follows."""
    found = reads.get(session, business.id, number, kind)
    invoice = None
    if found.invoice_id is not None:
        invoice = invoices.lock_by_id(session, business.id, found.invoice_id)
    receipt = _locked(session, business.id, found.id)
    if receipt is None:
        raise WarehouseReceiptNotFound(reads.label(found.number), NUMBER_AT)
    ensure_open_dates(session, business.id, [(receipt.date, NUMBER_AT)])
    deltas: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    _moves(receipt, -1, deltas)
    extra = _item_codes(receipt, _codes(session, business.id, [receipt]))
    _record(session, business.id, LogAction.WAREHOUSE_RECEIPT_DELETE, receipt, extra, via_api)
    session.delete(receipt)
    session.flush()
    placement.move(session, business.id, deltas, lambda _key: NUMBER_AT)
    if invoice is not None:
        warehousing.refresh_status(session, invoice)
