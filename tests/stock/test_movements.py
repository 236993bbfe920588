"""replace_movements, costs_of, quantities: costs, re-costing after an earlier-dated change, the
items domain's Stock, negative stock, and what the database refuses."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from hesabdar.db import Database
from hesabdar.kit.errors import ErrorCode, HesabdarError, InvalidFieldValue
from hesabdar.ledger.schemas import SourceRef
from hesabdar.stock import service
from hesabdar.stock.models import StockMovement
from hesabdar.stock.schemas import Flow, MovementInput
from tests.conftest import Api
from tests.stock.helpers import (
    DAY,
    PURCHASE,
    SALE,
    buy,
    costs,
    move,
    movement_values,
    new_item,
    sell,
    stock_row,
)

D = Decimal


def test_a_purchase_and_a_sale_cost_at_the_average_and_show_as_stock(
    api: Api, database: Database
) -> None:
    pen = new_item(api)
    first = move(database, api, SourceRef(PURCHASE, 1), DAY, [buy(pen, "10", "100")])
    second = move(database, api, SourceRef(PURCHASE, 2), DAY, [buy(pen, "10", "130")])
    sale = move(database, api, SourceRef(SALE, 1), DAY, [sell(pen, "5")])
    assert (first.costs, second.costs, sale.costs) == ([D(1000)], [D(1300)], [D(575)])
    assert sale.recosted == []
    assert costs(database, api, SourceRef(SALE, 1)) == [D("575.0000")]
    assert stock_row(database, api, pen) == (D(15), D(1725))
    assert api.ok("item/get", code="000001")["Stock"] == D(15)
    with database.transaction(write=False) as session:
        assert service.quantities(session, api.credentials.business_id, [pen, 999]) == {
            pen: D(15),
            999: D(0),
        }


def test_an_earlier_dated_purchase_recosts_later_sales(api: Api, database: Database) -> None:
    pen = new_item(api)
    move(database, api, SourceRef(PURCHASE, 1), DAY, [buy(pen, "10", "100")])
    move(database, api, SourceRef(SALE, 1), DAY + timedelta(days=2), [sell(pen, "5")])
    move(database, api, SourceRef(SALE, 2), DAY + timedelta(days=3), [sell(pen, "5")])
    # A purchase dated before both: 10 @ 100 + 10 @ 160 = 20 @ 130.
    restocked = move(
        database, api, SourceRef(PURCHASE, 2), DAY + timedelta(days=1), [buy(pen, "10", "160")]
    )
    assert restocked.costs == [D(1600)]
    assert restocked.recosted == [SourceRef(SALE, 1), SourceRef(SALE, 2)]
    assert costs(database, api, SourceRef(SALE, 1)) == [D(650)]
    assert costs(database, api, SourceRef(SALE, 2)) == [D(650)]
    assert stock_row(database, api, pen) == (D(10), D(1300))
    # Editing it away again restores the first costs; deleting it (no movements) as well.
    edited = move(database, api, SourceRef(PURCHASE, 2), DAY + timedelta(days=1), [])
    assert edited == service.Restocked([], [SourceRef(SALE, 1), SourceRef(SALE, 2)])
    assert costs(database, api, SourceRef(SALE, 1)) == [D(500)]
    assert stock_row(database, api, pen) == (D(0), D(0))
    assert movement_values(database, api, pen) == D(0)


def test_editing_a_source_keeps_its_place_and_changes_only_what_follows(
    api: Api, database: Database
) -> None:
    pen, ink = new_item(api), new_item(api, "Ink", buy_price="7")
    move(database, api, SourceRef(PURCHASE, 1), DAY, [buy(pen, "4", "10"), buy(ink, "4", "20")])
    move(database, api, SourceRef(SALE, 1), DAY, [sell(pen, "2"), sell(ink, "1")])
    move(database, api, SourceRef(SALE, 2), DAY, [sell(pen, "1")])
    # The purchase's price of pens changes: both sales of pens are re-costed, not the ink.
    restocked = move(
        database, api, SourceRef(PURCHASE, 1), DAY, [buy(pen, "4", "12"), buy(ink, "4", "20")]
    )
    assert restocked.costs == [D(48), D(80)]
    assert restocked.recosted == [SourceRef(SALE, 1), SourceRef(SALE, 2)]
    assert costs(database, api, SourceRef(SALE, 1)) == [D(24), D(20)]
    assert costs(database, api, SourceRef(SALE, 2)) == [D(12)]
    assert stock_row(database, api, pen) == (D(1), D(12))
    assert stock_row(database, api, ink) == (D(3), D(60))


def test_a_sale_below_zero_is_costed_at_the_buy_price_or_the_last_average(
    api: Api, database: Database
) -> None:
    pen = new_item(api, buy_price="70")
    assert move(database, api, SourceRef(SALE, 1), DAY, [sell(pen, "2")]).costs == [D(140)]
    assert api.ok("item/get", code="000001")["Stock"] == D(-2)
    move(database, api, SourceRef(PURCHASE, 1), DAY, [buy(pen, "5", "100")])
    assert stock_row(database, api, pen) == (D(3), D(360))


def test_appending_today_reads_no_other_movement(api: Api, database: Database) -> None:
    """The common case, a sale dated on or after the item's last movement, is costed from the
    stock row alone: no statement reads the item's movements, however many there are."""
    pen = new_item(api)
    for number in range(1, 6):
        move(database, api, SourceRef(PURCHASE, number), DAY, [buy(pen, "1", "10")])
    statements: list[str] = []

    def record(conn: object, cursor: object, sql: str, *args: object) -> None:
        statements.append(sql)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        move(database, api, SourceRef(SALE, 1), DAY + timedelta(days=1), [sell(pen, "2")])
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    reads = [
        s for s in statements if s.lstrip().upper().startswith("SELECT") and "stock_movement" in s
    ]
    # Only the source's own movements are read (to replace them), never the item's others.
    assert len(reads) == 1, reads
    assert "source_type" in reads[0], reads
    assert costs(database, api, SourceRef(SALE, 1)) == [D(20)]


def test_negative_stock_is_refused_when_the_business_says_so(api: Api, database: Database) -> None:
    pen = new_item(api)
    move(database, api, SourceRef(PURCHASE, 1), DAY, [buy(pen, "3", "10")])
    assert api.ok("setting/SetInventorySettings", allowNegativeStock=False) == {
        "AllowNegativeStock": False
    }
    with pytest.raises(HesabdarError) as refused:
        move(database, api, SourceRef(SALE, 1), DAY, [sell(pen, "1"), sell(pen, "3")])
    assert refused.value.error_code == ErrorCode.APPLICATION_ERROR
    assert str(refused.value).startswith("invoice.invoice_items[1]: item 000001 would have -1")
    # Removing the purchase that later sales rely on is refused too.
    move(database, api, SourceRef(SALE, 1), DAY + timedelta(days=1), [sell(pen, "3")])
    with pytest.raises(HesabdarError, match="item 000001 would have -3"):
        move(database, api, SourceRef(PURCHASE, 1), DAY, [])
    assert stock_row(database, api, pen) == (D(0), D(0))
    api.ok("setting/SetInventorySettings", allowNegativeStock=True)
    move(database, api, SourceRef(SALE, 2), DAY + timedelta(days=1), [sell(pen, "1")])
    assert stock_row(database, api, pen) == (D(-1), D(-10))


def test_invalid_movements_are_refused_before_anything_is_written(
    api: Api, database: Database
) -> None:
    pen = new_item(api)
    bad = [
        (MovementInput(pen, D(0), Flow.IN, D(1)), "invoice.invoice_items[0].quantity"),
        (MovementInput(pen, D(1), Flow.IN, D(-1)), "invoice.invoice_items[0].unit_cost"),
        (MovementInput(pen, D("1e17"), Flow.IN, D(10)), "invoice.invoice_items[0].quantity"),
    ]
    for movement, where in bad:
        with pytest.raises(InvalidFieldValue) as refused:
            move(database, api, SourceRef(PURCHASE, 1), DAY, [movement])
        assert where in str(refused.value)
    with pytest.raises(HesabdarError) as unknown:
        move(database, api, SourceRef(PURCHASE, 1), DAY, [buy(pen + 100, "1", "1")])
    assert unknown.value.error_code == ErrorCode.OBJECT_NOT_FOUND
    assert api.ok("item/get", code="000001")["Stock"] == 0


def test_an_item_with_movements_is_not_deleted(api: Api, database: Database) -> None:
    pen = new_item(api)
    move(database, api, SourceRef(PURCHASE, 7), DAY, [buy(pen, "1", "1")])
    message = api.fail("item/delete", 190, code="000001")
    assert message.endswith("stock movement of test purchase 7 refers to it.")
    move(database, api, SourceRef(PURCHASE, 7), DAY, [])
    assert api.ok("item/delete", code="000001") is True


def test_the_database_refuses_what_the_service_never_writes(api: Api, database: Database) -> None:
    pen = new_item(api)
    move(database, api, SourceRef(PURCHASE, 1), DAY, [buy(pen, "1", "1")])
    for column, value in (("quantity", D(0)), ("flow", 3), ("unit_cost", D(-1))):
        with database.transaction() as session:
            row = session.scalars(select(StockMovement)).one()
            setattr(row, column, value)
            with pytest.raises(IntegrityError):
                session.flush()
            session.rollback()


def test_a_business_sees_only_its_own_stock(api: Api, other_api: Api, database: Database) -> None:
    pen = new_item(api)
    new_item(other_api)
    move(database, api, SourceRef(PURCHASE, 1), date(2022, 5, 1), [buy(pen, "2", "1")])
    assert api.ok("item/get", code="000001")["Stock"] == D(2)
    assert other_api.ok("item/get", code="000001")["Stock"] == 0
