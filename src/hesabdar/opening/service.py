"""item/UpdateOpeningQuantity: the stock a business starts its fiscal year with.

Each item's opening stock in a fiscal year is a source of its own (``OPENING_ITEM_SOURCE``, id
= its ``OpeningItem``): its movements bring the item in on the year's first day, before every
other movement of that day, at the unit prices given, one per warehouse. Setting one item's
opening stock therefore replaces and re-costs that item alone. The year's opening stock posts
one system document (``OPENING_SOURCE``, id = the year's id), rebuilt from all its items: Dr
inventory for each item at its cost, Cr the shareholders' opening capital in proportion to
their shares (199 ``No-Shareholders-Exist`` without shareholders, as Hesabfa answers).

A call names some items; each named item's opening stock becomes what the call gives (quantity
0 leaves none in that warehouse), the others keep theirs. Invoices whose costs that changes get
their documents rebuilt in the same transaction. All or nothing: every row is checked before
anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.coded_batch import check_batch_size
from hesabdar.contacts import service as contacts
from hesabdar.contacts.codes import CODE_WIDTH as ITEM_CODE_WIDTH
from hesabdar.invoices import books as invoice_books
from hesabdar.items import service as items
from hesabdar.items.models import Item
from hesabdar.items.schemas import ItemType
from hesabdar.kit import bulk
from hesabdar.kit.codes import normalize_code
from hesabdar.kit.errors import (
    BusinessRuleViolation,
    HesabdarError,
    InvalidFieldValue,
    Location,
    MissingParameter,
    ObjectNotFound,
)
from hesabdar.kit.models import utcnow
from hesabdar.kit.numbers import MONEY_LIMIT_DIGITS
from hesabdar.ledger import posting
from hesabdar.ledger.core import AccountType, Side
from hesabdar.ledger.models import FiscalYear
from hesabdar.ledger.posting import DocumentHeader, PostingLine, SourceRef, SystemDocument
from hesabdar.ledger.service import accounts_by_roles, current_fiscal_year
from hesabdar.opening import rules
from hesabdar.opening.errors import NoShareholders
from hesabdar.opening.models import OpeningItem
from hesabdar.opening.schemas import OPENING_ITEM_SOURCE, OPENING_SOURCE, ROWS_AT, OpeningRow
from hesabdar.stock import service as stock
from hesabdar.stock.models import StockMovement
from hesabdar.stock.schemas import Flow, MovementInput
from hesabdar.tenancy.models import Business
from hesabdar.warehouses import service as warehouses
from hesabdar.warehouses.models import CODE_WIDTH as WAREHOUSE_CODE_WIDTH

# A row's quantity × unit price, like any amount, is below 10^18.
COST_LIMIT = Decimal(10) ** MONEY_LIMIT_DIGITS
DESCRIPTION = "موجودی اول دوره کالا"
# Where the movements of the k-th item named are, for the stock's errors (mapped back to rows).
_ITEM_AT = Location.of("opening_item")


@dataclass(frozen=True)
class _Checked:
    row: int  # where it is in the request
    item: Item
    warehouse_id: int
    quantity: Decimal
    unit_price: Decimal


def source_of(year: FiscalYear) -> SourceRef:
    return SourceRef(OPENING_SOURCE, year.id)


def update_opening_quantities(
    session: Session, business: Business, rows: Sequence[OpeningRow], *, via_api: bool = True
) -> list[Item]:
    """Set the opening stock of the items ``rows`` name; those items, in the order first
    named. At most ``coded_batch.MAX_BATCH_ROWS`` rows."""
    check_batch_size(len(rows), ROWS_AT)
    checked = _checked_rows(session, business.id, rows, via_api)
    if not checked:
        return []
    shares = [
        rules.Share(holder.id, holder.share_percent)
        for holder in contacts.shareholders(session, business.id)
    ]
    if not shares:
        raise NoShareholders()
    year = current_fiscal_year(session, business.id)
    by_item: dict[int, list[_Checked]] = defaultdict(list)
    for entry in checked:
        by_item[entry.item.id].append(entry)
    sources = _opening_items(session, business.id, year.id, list(by_item))
    batch = [
        stock.SourceMovements(
            SourceRef(OPENING_ITEM_SOURCE, sources[item_id]),
            year.start_date,
            [
                MovementInput(item_id, e.quantity, Flow.IN, e.unit_price, e.warehouse_id)
                for e in entries
                if e.quantity > 0
            ],
            _ITEM_AT / index,
            opening=True,
        )
        for index, (item_id, entries) in enumerate(by_item.items())
    ]
    try:
        replaced = stock.replace_many(session, business.id, batch)
    except HesabdarError as error:
        error.location = _request_location(error.location, list(by_item.values()))
        raise
    document = _document(session, business, year, _values(session, business.id, year), shares)
    others = invoice_books.recosted_documents(session, business, replaced.recosted)
    header, lines = document if document is not None else (None, [])
    posting.post_many(session, business, [SystemDocument(source_of(year), header, lines), *others])
    return [entries[0].item for entries in by_item.values()]


def _opening_items(
    session: Session, business_id: int, year_id: int, item_ids: list[int]
) -> dict[int, int]:
    """The ids of the items' opening records in the year, created where missing (a request
    creating the same ones at once waits, then finds them)."""

    def read() -> dict[int, int]:
        rows = bulk.select_in(
            session,
            select(OpeningItem.item_id, OpeningItem.id).where(
                OpeningItem.business_id == business_id, OpeningItem.fiscal_year_id == year_id
            ),
            OpeningItem.item_id,
            item_ids,
        )
        return {int(item_id): int(id_) for item_id, id_ in rows}

    found = read()
    missing = sorted(item_id for item_id in item_ids if item_id not in found)
    if not missing:
        return found
    now = utcnow()
    bulk.insert_missing(
        session,
        OpeningItem.__table__,
        [
            {
                "business_id": business_id,
                "fiscal_year_id": year_id,
                "item_id": item_id,
                "created_at": now,
                "updated_at": now,
            }
            for item_id in missing
        ],
        ("business_id", "fiscal_year_id", "item_id"),
    )
    return read()


def _values(session: Session, business_id: int, year: FiscalYear) -> dict[int, Decimal]:
    """Each item's opening value in the year: the costs of its opening movements. The year's
    sources first, then their movements by source id: two plain index scans rather than a
    join, whose plan on freshly written rows can be a nested loop."""
    sources = session.scalars(
        select(OpeningItem.id).where(
            OpeningItem.business_id == business_id, OpeningItem.fiscal_year_id == year.id
        )
    ).all()
    rows = bulk.select_in(
        session,
        select(StockMovement.item_id, StockMovement.cost).where(
            StockMovement.business_id == business_id,
            StockMovement.source_type == OPENING_ITEM_SOURCE.code,
        ),
        StockMovement.source_id,
        sources,
    )
    return rules.inventory_by_item([(int(item_id), cost) for item_id, cost in rows])


def _checked_rows(
    session: Session, business_id: int, rows: Sequence[OpeningRow], via_api: bool
) -> list[_Checked]:
    """Every row checked, its item and warehouse found, before anything is written."""
    found = items.get_by_codes(session, business_id, [row.code for row in rows if row.code])
    named = warehouses.get_by_codes(
        session, business_id, [row.warehouse_code for row in rows if row.warehouse_code]
    )
    default_id: int | None = None
    checked: list[_Checked] = []
    seen: dict[tuple[int, int], int] = {}
    for index, row in enumerate(rows):
        at = ROWS_AT / index
        item = _item(found, row, at)
        quantity = _amount(row.quantity, at / "quantity")
        unit_price = _amount(row.unit_price, at / "unit_price")
        if quantity * unit_price >= COST_LIMIT:
            raise InvalidFieldValue(
                "quantity × unit price must be less than 10^18.", location=at / "quantity"
            )
        if row.warehouse_code:
            warehouse = named.get(normalize_code(row.warehouse_code, WAREHOUSE_CODE_WIDTH))
            if warehouse is None:
                raise ObjectNotFound(
                    f"warehouse {row.warehouse_code} does not exist.",
                    location=at / "warehouse_code",
                )
            warehouse_id = warehouse.id
        else:
            if default_id is None:
                default_id = warehouses.default_warehouse(session, business_id, via_api=via_api).id
            warehouse_id = default_id
        earlier = seen.setdefault((item.id, warehouse_id), index)
        if earlier != index:
            raise InvalidFieldValue(
                f"item {item.code} is given for this warehouse in row {earlier} already.",
                location=at / "code",
            )
        checked.append(_Checked(index, item, warehouse_id, quantity, unit_price))
    return checked


def _item(found: dict[str, Item], row: OpeningRow, at: Location) -> Item:
    if not row.code:
        raise MissingParameter(location=at / "code")
    item = found.get(normalize_code(row.code, ITEM_CODE_WIDTH))
    if item is None:
        raise ObjectNotFound(f"item {row.code} does not exist.", location=at / "code")
    if item.item_type != int(ItemType.PRODUCT):
        raise BusinessRuleViolation(
            f"item {item.code} is a service, and services carry no stock.", location=at / "code"
        )
    return item


def _amount(value: Decimal | None, at: Location) -> Decimal:
    if value is None:
        raise MissingParameter(location=at)
    if value < 0:
        raise InvalidFieldValue(f"must not be negative (got {value}).", location=at)
    return value


def _request_location(
    location: Location | None, by_item: Sequence[Sequence[_Checked]]
) -> Location | None:
    """A stock error names the k-th item's movement (``opening_item[k][i]…``) or the item
    (``opening_item[k]``): the request row it came from."""
    parts = location.parts if location is not None else ()
    if parts[:1] != _ITEM_AT.parts or len(parts) < 2 or not isinstance(parts[1], int):
        return location
    entries = by_item[parts[1]]
    given = [entry for entry in entries if entry.quantity > 0]
    if len(parts) > 2 and isinstance(parts[2], int) and parts[2] < len(given):
        return Location((*ROWS_AT.parts, given[parts[2]].row, *parts[3:]))
    return ROWS_AT / entries[0].row


def _document(
    session: Session,
    business: Business,
    year: FiscalYear,
    values: dict[int, Decimal],
    shares: Sequence[rules.Share],
) -> tuple[DocumentHeader, list[PostingLine]] | None:
    """The opening stock's document, or None when no item has opening stock."""
    total = rules.total_of(values)
    if total <= 0:
        return None
    accounts = accounts_by_roles(
        session, business.id, [AccountType.INVENTORY, AccountType.OPENING_CAPITAL]
    )
    lines = [
        PostingLine(accounts[AccountType.INVENTORY], Side.DEBIT, value, DESCRIPTION, item_id=item)
        for item, value in sorted(values.items())
    ]
    lines += [
        PostingLine(
            accounts[AccountType.OPENING_CAPITAL], Side.CREDIT, amount, DESCRIPTION, contact_id=c
        )
        for c, amount in rules.capital_shares(total, shares)
    ]
    return DocumentHeader(date=year.start_date, description=DESCRIPTION), lines
