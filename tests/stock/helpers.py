"""Moving stock from tests, as invoices will: sources of a test kind, items made over HTTP."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from hesabdar.db import Database
from hesabdar.kit.errors import Location
from hesabdar.ledger.schemas import SourceKind, SourceRef
from hesabdar.stock import service
from hesabdar.stock.models import StockItem, StockMovement
from hesabdar.stock.schemas import Flow, MovementInput, Restocked
from tests.conftest import Api

SALE = SourceKind("test_sale")
PURCHASE = SourceKind("test_purchase")
AT = Location.of("invoice", "invoice_items")
DAY = date(2022, 5, 1)


def new_item(api: Api, name: str = "Pen", buy_price: str = "0", **fields: object) -> int:
    saved = api.ok("item/save", item={"Name": name, "BuyPrice": buy_price, **fields})
    return int(saved["Id"])


def move(
    database: Database,
    api: Api,
    source: SourceRef,
    on: date,
    movements: Sequence[MovementInput],
) -> Restocked:
    with database.transaction() as session:
        return service.replace_movements(
            session, api.credentials.business_id, source, on, movements, at=AT
        )


def buy(item_id: int, quantity: str, unit_cost: str) -> MovementInput:
    return MovementInput(item_id, Decimal(quantity), Flow.IN, Decimal(unit_cost))


def sell(item_id: int, quantity: str) -> MovementInput:
    return MovementInput(item_id, Decimal(quantity), Flow.OUT)


def costs(database: Database, api: Api, source: SourceRef) -> list[Decimal]:
    with database.transaction(write=False) as session:
        return service.costs_of(session, api.credentials.business_id, source)


def stock_row(database: Database, api: Api, item_id: int) -> tuple[Decimal, Decimal]:
    with database.transaction(write=False) as session:
        row = session.scalars(
            select(StockItem).where(
                StockItem.business_id == api.credentials.business_id, StockItem.item_id == item_id
            )
        ).one()
        return row.quantity, row.value


def movement_values(database: Database, api: Api, item_id: int) -> Decimal:
    """The sum of the item's movements at cost, recomputed from the movements themselves."""
    with database.transaction(write=False) as session:
        rows = session.execute(
            select(StockMovement.flow, StockMovement.cost).where(
                StockMovement.business_id == api.credentials.business_id,
                StockMovement.item_id == item_id,
            )
        )
        return sum((cost if flow == Flow.IN else -cost for flow, cost in rows), start=Decimal(0))
