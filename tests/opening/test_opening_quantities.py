"""item/UpdateOpeningQuantity: the opening stock comes in on the fiscal year's first day, before
every other movement of that day, and posts Dr inventory / Cr the shareholders' opening capital.
Every amount below is computed by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from hesabdar.coded_batch import MAX_BATCH_ROWS
from hesabdar.ledger.models import FiscalYear
from hesabdar.opening.schemas import OPENING_SOURCE
from tests.invoices.helpers import CABLE, PHONE, REPAIR, YEAR_START, Shop, row

D = Decimal
OWNER = "000000"  # the contact a new business starts with, holding the whole share
CENTRAL = "انبار مرکزی"


def opening(shop: Shop, *rows: dict[str, Any]) -> Any:
    return shop.ok("item/UpdateOpeningQuantity", items=list(rows))


def document(shop: Shop) -> list[tuple[str, str, Decimal, int | None, int | None]]:
    """The opening stock's document (its source is the fiscal year)."""
    with shop.database.transaction() as session:
        year = session.scalar(
            select(FiscalYear.id).where(FiscalYear.business_id == shop.credentials.business_id)
        )
    assert year is not None
    return shop.document(int(year), OPENING_SOURCE)


def stock(shop: Shop) -> dict[str, Any]:
    return {code: shop.ok("item/get", code=code)["Stock"] for code in (PHONE, CABLE)}


def owner_id(shop: Shop) -> int:
    return int(shop.ok("contact/get", code=OWNER)["Id"])


def test_opening_stock_posts_inventory_against_the_owners_capital(shop: Shop) -> None:
    ids = shop.ids()
    phone, cable = ids[f"item {PHONE}"], ids[f"item {CABLE}"]
    # As the WooCommerce plugin sends it: codes as stored, numbers as JSON numbers.
    result = opening(
        shop,
        {"Code": PHONE, "Quantity": 10, "UnitPrice": 100000},
        {"Code": 2, "Quantity": "20", "UnitPrice": D("1000.5")},
    )
    assert [(r["Code"], r["Quantity"]) for r in result] == [
        (PHONE, D("10.0000")),
        (CABLE, D("20.0000")),
    ]
    assert stock(shop) == {PHONE: D("10.0000"), CABLE: D("20.0000")}
    assert document(shop) == [
        ("INVENTORY", "Dr", D("1000000.0000"), None, phone),
        ("INVENTORY", "Dr", D("20010.0000"), None, cable),
        ("OPENING_CAPITAL", "Cr", D("1020010.0000"), owner_id(shop), None),
    ]
    assert shop.balances() == {
        "INVENTORY": D("1020010.0000"),
        "OPENING_CAPITAL": D("-1020010.0000"),
    }
    # Dated on the year's first day, in the business's first warehouse, made for it.
    documents = shop.ok("document/getdocuments")["List"]
    assert [(d["Date"][:10], d["Description"]) for d in documents] == [
        (YEAR_START.isoformat(), "موجودی اول دوره کالا")
    ]
    warehouses = shop.ok("setting/GetWarehouses")
    assert [w["Name"] for w in warehouses] == [CENTRAL]
    held = shop.ok("item/GetQuantity", warehouseCode=warehouses[0]["Code"], codes=[PHONE])
    assert [(r["Code"], r["Quantity"]) for r in held] == [(PHONE, D("10.0000"))]


def test_a_repeated_call_replaces_the_items_it_names_and_keeps_the_others(shop: Shop) -> None:
    ids = shop.ids()
    phone, cable = ids[f"item {PHONE}"], ids[f"item {CABLE}"]
    opening(
        shop,
        {"Code": PHONE, "Quantity": 10, "UnitPrice": 100000},
        {"Code": CABLE, "Quantity": 20, "UnitPrice": 1000},
    )
    opening(shop, {"Code": PHONE, "Quantity": 4, "UnitPrice": 90000})
    assert stock(shop) == {PHONE: D("4.0000"), CABLE: D("20.0000")}
    assert document(shop) == [
        ("INVENTORY", "Dr", D("360000.0000"), None, phone),
        ("INVENTORY", "Dr", D("20000.0000"), None, cable),
        ("OPENING_CAPITAL", "Cr", D("380000.0000"), owner_id(shop), None),
    ]
    # Quantity 0: no opening stock of that item any more.
    opening(shop, {"Code": CABLE, "Quantity": 0, "UnitPrice": 1000})
    assert stock(shop) == {PHONE: D("4.0000"), CABLE: D("0.0000")}
    assert document(shop) == [
        ("INVENTORY", "Dr", D("360000.0000"), None, phone),
        ("OPENING_CAPITAL", "Cr", D("360000.0000"), owner_id(shop), None),
    ]
    opening(shop, {"Code": PHONE, "Quantity": 0, "UnitPrice": 0})
    assert document(shop) == []
    assert shop.balances() == {}


def test_the_capital_is_shared_by_the_shareholders(shop: Shop) -> None:
    shop.ok("contact/save", contact={"Code": OWNER, "SharePercent": 50})
    partner = shop.ok("contact/save", contact={"Name": "Partner", "SharePercent": 30})
    silent = shop.ok("contact/save", contact={"Name": "Silent partner", "SharePercent": 20})
    opening(
        shop,
        {"Code": PHONE, "Quantity": 10, "UnitPrice": 100000},
        {"Code": CABLE, "Quantity": 20, "UnitPrice": D("1000.5")},
    )
    assert document(shop)[2:] == [
        ("OPENING_CAPITAL", "Cr", D("510005.0000"), owner_id(shop), None),
        ("OPENING_CAPITAL", "Cr", D("306003.0000"), partner["Id"], None),
        ("OPENING_CAPITAL", "Cr", D("204002.0000"), silent["Id"], None),
    ]


def test_opening_stock_comes_before_a_sale_of_the_first_day_saved_earlier(shop: Shop) -> None:
    sale = shop.save([row(PHONE, 2, 150000)], Date=YEAR_START.isoformat())
    opening(shop, {"Code": PHONE, "Quantity": 10, "UnitPrice": 100000})
    # The sale is costed after the opening stock: 2 × 100,000.
    assert shop.document(sale["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Dr", D("200000.0000"), None, None),
        ("INVENTORY", "Cr", D("200000.0000"), None, shop.ids()[f"item {PHONE}"]),
    ]
    assert stock(shop)[PHONE] == D("8.0000")
    assert shop.balances()["INVENTORY"] == D("800000.0000")


def test_changing_the_opening_stock_re_costs_later_sales(shop: Shop) -> None:
    opening(shop, {"Code": PHONE, "Quantity": 10, "UnitPrice": 100000})
    sale = shop.save([row(PHONE, 3, 150000)], Date="2022-05-10")
    assert shop.document(sale["Id"])[-2][2] == D("300000.0000")
    opening(shop, {"Code": PHONE, "Quantity": 10, "UnitPrice": 110000})
    assert shop.document(sale["Id"])[-2:] == [
        ("COST_OF_GOODS_SOLD", "Dr", D("330000.0000"), None, None),
        ("INVENTORY", "Cr", D("330000.0000"), None, shop.ids()[f"item {PHONE}"]),
    ]
    assert shop.balances() == {
        "INVENTORY": D("770000.0000"),
        "OPENING_CAPITAL": D("-1100000.0000"),
        "ACCOUNTS_RECEIVABLE": D("450000.0000"),
        "SALES": D("-450000.0000"),
        "COST_OF_GOODS_SOLD": D("330000.0000"),
    }


def test_a_named_warehouse_holds_the_opening_stock(shop: Shop) -> None:
    shop.ok("setting/SaveWarehouse", warehouse={"Name": "Shop floor"})
    store = shop.ok("setting/SaveWarehouse", warehouse={"Name": "Store room"})
    opening(
        shop,
        {"Code": PHONE, "Quantity": 3, "UnitPrice": 100000, "WarehouseCode": store["Code"]},
        {"Code": PHONE, "Quantity": 1, "UnitPrice": 100000},
    )
    assert stock(shop)[PHONE] == D("4.0000")
    by_warehouse = {
        w["Name"]: shop.ok("item/GetQuantity", warehouseCode=w["Code"], codes=[PHONE])[0][
            "Quantity"
        ]
        for w in shop.ok("setting/GetWarehouses")
    }
    # Without a warehouse code the business's first warehouse holds it: no new one is made.
    assert by_warehouse == {"Shop floor": D("1.0000"), "Store room": D("3.0000")}


READS = ("item/GetQuantity", "report/trialbalance", "setting/GetWarehouses", "contact/getcontacts")


@pytest.mark.parametrize(
    ("items", "code", "message"),
    [
        (
            [{"Code": "999", "Quantity": 1, "UnitPrice": 1}],
            112,
            "items[0].Code: item 999 does not exist.",
        ),
        (
            [{"Code": REPAIR, "Quantity": 1, "UnitPrice": 1}],
            190,
            "items[0].Code: item 000003 is a service, and services carry no stock.",
        ),
        (
            [{"Code": PHONE, "Quantity": 1, "UnitPrice": 1}, {"Quantity": 1, "UnitPrice": 1}],
            104,
            "Missing parameter: items[1].Code is required.",
        ),
        (
            [{"Code": PHONE, "Quantity": 1}],
            104,
            "Missing parameter: items[0].UnitPrice is required.",
        ),
        (
            [{"Code": PHONE, "Quantity": -1, "UnitPrice": 1}],
            114,
            "Invalid value for items[0].Quantity: must not be negative (got -1).",
        ),
        (
            [{"Code": PHONE, "Quantity": 1, "UnitPrice": 1, "WarehouseCode": "77"}],
            112,
            "items[0].WarehouseCode: warehouse 77 does not exist.",
        ),
        (
            [
                {"Code": PHONE, "Quantity": 1, "UnitPrice": 1},
                {"Code": CABLE, "Quantity": 1, "UnitPrice": 1},
                {"Code": 1, "Quantity": 2, "UnitPrice": 1},
            ],
            114,
            "Invalid value for items[2].Code: item 000001 is given for this warehouse in row 0 "
            "already.",
        ),
        (
            [{"Code": PHONE, "Quantity": 10**9, "UnitPrice": 10**9}],
            114,
            "Invalid value for items[0].Quantity: quantity × unit price must be less than 10^18.",
        ),
    ],
)
def test_a_bad_row_is_refused_and_nothing_changes(
    shop: Shop, items: list[dict[str, Any]], code: int, message: str
) -> None:
    opening(shop, {"Code": CABLE, "Quantity": 5, "UnitPrice": 1000})
    with shop.unchanged(*READS):
        assert shop.fail("item/UpdateOpeningQuantity", code, items=items) == message


def test_without_items_or_with_too_many_rows_nothing_changes(shop: Shop) -> None:
    with shop.unchanged(*READS):
        assert (
            shop.fail("item/UpdateOpeningQuantity", 104) == "Missing parameter: items is required."
        )
        too_many = [{"Code": PHONE, "Quantity": 1, "UnitPrice": 1}] * (MAX_BATCH_ROWS + 1)
        message = shop.fail("item/UpdateOpeningQuantity", 114, items=too_many)
        assert message.startswith("Invalid value for items: ")


def test_without_shareholders_the_answer_is_hesabfas_199(shop: Shop) -> None:
    shop.ok("contact/save", contact={"Code": OWNER, "SharePercent": 0})
    with shop.unchanged(*READS):
        message = shop.fail(
            "item/UpdateOpeningQuantity",
            199,
            items=[{"Code": PHONE, "Quantity": 1, "UnitPrice": 1}],
        )
    # The WooCommerce plugin compares these words as they are.
    assert message == "No-Shareholders-Exist"


def test_lowering_the_opening_stock_below_what_was_sold_is_refused_when_negative_stock_is(
    shop: Shop,
) -> None:
    opening(shop, {"Code": PHONE, "Quantity": 10, "UnitPrice": 100000})
    shop.save([row(PHONE, 8, 150000)], Date="2022-05-10")
    shop.ok("setting/SetInventorySettings", allowNegativeStock=False)
    with shop.unchanged(*READS):
        message = shop.fail(
            "item/UpdateOpeningQuantity",
            190,
            items=[{"Code": PHONE, "Quantity": 5, "UnitPrice": 100000}],
        )
    assert message == (
        "items[0]: item 000001 would have -3.0000 in stock on 2022-05-10, and this business "
        "does not allow negative stock (setting/SetInventorySettings)."
    )
