"""What each warehouse holds (stock.placement): moves under the items' stock locks, refused below
zero when the business refuses negative stock, and the opening stock placed in a warehouse,
replaced by each ``place_opening``."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hesabdar.db import Database
from hesabdar.kit.errors import ErrorCode, HesabdarError, Location
from hesabdar.stock import placement
from hesabdar.stock import service as stock
from tests.conftest import Api
from tests.stock.helpers import new_item

D = Decimal
AT = Location.of("items", 3, "quantity")


def _setup(api: Api) -> tuple[int, int, int]:
    """A pen, and warehouses 0001 and 0002."""
    pen = new_item(api, "Pen")
    first = api.ok("setting/SaveWarehouse", warehouse={"Name": "Central"})["Id"]
    second = api.ok("setting/SaveWarehouse", warehouse={"Name": "Store"})["Id"]
    return pen, first, second


def _held(api: Api, code: str) -> Decimal:
    [found] = api.ok("item/GetQuantity", warehouseCode=code)
    quantity: Decimal = found["Quantity"]
    return quantity


def _place(database: Database, api: Api, item: int, warehouse: int, quantity: str) -> None:
    with database.transaction() as session:
        stock.place_opening(
            session, api.credentials.business_id, item, warehouse, Decimal(quantity), at=AT
        )


def _move(database: Database, api: Api, deltas: dict[tuple[int, int], Decimal]) -> None:
    with database.transaction() as session:
        placement.move(session, api.credentials.business_id, deltas, lambda _key: AT)


def test_each_opening_placement_replaces_the_last(api: Api, database: Database) -> None:
    pen, central, store = _setup(api)
    _place(database, api, pen, store, "12.5")
    assert (_held(api, "0001"), _held(api, "0002")) == (D("0.0000"), D("12.5000"))
    _place(database, api, pen, store, "4")
    assert _held(api, "0002") == D("4.0000")
    _place(database, api, pen, store, "4.00001")  # at the quantity's scale: 4
    assert _held(api, "0002") == D("4.0000")
    # Beside what moved out since: the difference is what changes.
    _move(database, api, {(store, pen): D(-3)})
    _place(database, api, pen, store, "6")
    assert _held(api, "0002") == D("3.0000")
    _place(database, api, pen, central, "2")
    assert _held(api, "0001") == D("2.0000")
    # The total stock and its postings are the caller's: placing moves neither.
    assert api.ok("item/GetQuantity")[0]["Quantity"] == D("0.0000")
    # A warehouse holding opening stock is not deleted; taken out, it may be.
    assert api.fail("setting/DeleteWarehouse", 190, code="0001") == (
        f"Warehouse 0001 cannot be deleted: the stock it holds of item {pen} refers to it."
    )
    _place(database, api, pen, central, "0")
    assert api.ok("setting/DeleteWarehouse", code="0001") is True


def test_refused_below_zero_only_when_the_business_refuses_negative_stock(
    api: Api, database: Database
) -> None:
    pen, _central, store = _setup(api)
    _place(database, api, pen, store, "5")
    with pytest.raises(HesabdarError) as negative:
        _place(database, api, pen, store, "-1")
    assert negative.value.error_code == ErrorCode.PARAMETER_OUT_OF_RANGE
    assert (
        str(negative.value) == "Invalid value for items[3].quantity: must be at least 0 (got -1)."
    )
    _move(database, api, {(store, pen): D(-7)})
    assert _held(api, "0002") == D("-2.0000")
    _move(database, api, {(store, pen): D(2)})
    api.ok("setting/SetInventorySettings", AllowNegativeStock=False)
    refusal = (
        "items[3].quantity: warehouse 0002 would hold {} of item 000001, and this business does "
        "not allow negative stock (setting/SetInventorySettings)."
    )
    with pytest.raises(HesabdarError) as below:
        _move(database, api, {(store, pen): D("-0.5")})
    assert below.value.error_code == ErrorCode.APPLICATION_ERROR
    assert str(below.value) == refusal.format("-0.5")
    with pytest.raises(HesabdarError) as lowered:
        _place(database, api, pen, store, "4.5")
    assert str(lowered.value) == refusal.format("-0.5")
    assert _held(api, "0002") == D("0.0000")
    # Down to zero is fine, and so is a rise from below zero.
    _place(database, api, pen, store, "5")
    api.ok("setting/SetInventorySettings", AllowNegativeStock=True)
    _move(database, api, {(store, pen): D(-3)})
    api.ok("setting/SetInventorySettings", AllowNegativeStock=False)
    _move(database, api, {(store, pen): D(1)})
    assert _held(api, "0002") == D("-2.0000")
