"""What each warehouse holds (stock.placement): moves under the items' stock locks, refused below
zero when the business refuses negative stock."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hesabdar.db import Database
from hesabdar.kit.errors import ErrorCode, HesabdarError, Location
from hesabdar.stock import placement
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


def _move(database: Database, api: Api, deltas: dict[tuple[int, int], Decimal]) -> None:
    with database.transaction() as session:
        placement.move(session, api.credentials.business_id, deltas, lambda _key: AT)


def test_refused_below_zero_only_when_the_business_refuses_negative_stock(
    api: Api, database: Database
) -> None:
    pen, _central, store = _setup(api)
    _move(database, api, {(store, pen): D(5)})
    _move(database, api, {(store, pen): D(-7)})
    assert _held(api, "0002") == D("-2.0000")
    _move(database, api, {(store, pen): D(2)})
    api.ok("setting/SetInventorySettings", AllowNegativeStock=False)
    with pytest.raises(HesabdarError) as below:
        _move(database, api, {(store, pen): D("-0.5")})
    assert below.value.error_code == ErrorCode.APPLICATION_ERROR
    assert str(below.value) == (
        "items[3].quantity: warehouse 0002 would hold -0.5 of item 000001, and this business "
        "does not allow negative stock (setting/SetInventorySettings)."
    )
    assert _held(api, "0002") == D("0.0000")
    # A rise from below zero is fine.
    api.ok("setting/SetInventorySettings", AllowNegativeStock=True)
    _move(database, api, {(store, pen): D(-3)})
    api.ok("setting/SetInventorySettings", AllowNegativeStock=False)
    _move(database, api, {(store, pen): D(1)})
    assert _held(api, "0002") == D("-2.0000")
