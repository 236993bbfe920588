"""item/GetQuantity, item/GetQuantity2, the items' Stock, and the negative-stock setting (v1 and
the CLI)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from hesabdar.cli import app as cli
from hesabdar.db import Database
from hesabdar.ledger.schemas import SourceRef
from hesabdar.stock.schemas import Flow, MovementInput
from hesabdar.tenancy.models import Business
from tests.conftest import Api
from tests.stock.helpers import DAY, PURCHASE, SALE, buy, move, new_item, sell

D = Decimal


def _stocked(api: Api, database: Database) -> tuple[int, int]:
    pen = new_item(api, "Pen", Tag='{"id_product": 5}', SellPrice="12", ProductCode="P-1")
    ink = new_item(api, "Ink", Barcode="626")
    new_item(api, "Repair", ItemType=1)
    warehouse = api.ok("setting/SaveWarehouse", warehouse={"Name": "Main"})
    with database.transaction(write=False) as session:
        assert session.get(Business, api.credentials.business_id) is not None
    move(
        database,
        api,
        SourceRef(PURCHASE, 1),
        DAY,
        [
            buy(pen, "10", "3"),
            MovementInput(ink, D(4), Flow.IN, D(7), warehouse_id=int(warehouse["Id"])),
        ],
    )
    move(database, api, SourceRef(SALE, 1), DAY, [sell(pen, "2.5")])
    return pen, ink


def test_get_quantity_of_all_products_by_codes_and_in_a_warehouse(
    api: Api, database: Database
) -> None:
    pen, ink = _stocked(api, database)
    everything = api.ok("item/GetQuantity")
    assert everything == [
        {
            "Id": pen,
            "Code": "000001",
            "Tag": '{"id_product": 5}',
            "Quantity": D("7.5"),
            "Barcode": "",
            "SellPrice": 12,
            "ProductCode": "P-1",
        },
        {
            "Id": ink,
            "Code": "000002",
            "Tag": "",
            "Quantity": 4,
            "Barcode": "626",
            "SellPrice": 0,
            "ProductCode": "",
        },
    ]
    # Codes as clients send them (numbers, unpadded); unknown codes and services left out.
    by_codes = api.ok("item/GetQuantity", codes=[2, "1", "000003", "999"])
    assert [(row["Code"], row["Quantity"]) for row in by_codes] == [
        ("000001", D("7.5")),
        ("000002", 4),
    ]
    in_main = api.ok("item/GetQuantity", warehouseCode=1, codes=["000001", "000002"])
    assert [(row["Code"], row["Quantity"]) for row in in_main] == [("000001", 0), ("000002", 4)]
    assert api.ok("item/getQuantity2", codes=["000002"])[0]["Quantity"] == 4
    assert api.ok("item/getById", idList=[pen, ink])[0]["Stock"] == D("7.5")
    page = api.ok("item/getitems", queryInfo={"Take": 10})
    assert [row["Stock"] for row in page["List"]] == [D("7.5"), 4, 0]


def test_an_unknown_warehouse_is_112_naming_it(api: Api, database: Database) -> None:
    _stocked(api, database)
    message = api.fail("item/GetQuantity", 112, warehouseCode="0042")
    assert "0042" in message


def test_a_warehouse_holding_stock_is_not_deleted(api: Api, database: Database) -> None:
    _stocked(api, database)
    message = api.fail("setting/DeleteWarehouse", 190, code="0001")
    assert message.endswith("stock movement of test purchase 1 refers to it.")


def test_the_negative_stock_setting_reads_and_changes(api: Api) -> None:
    assert api.ok("setting/GetInventorySettings") == {"AllowNegativeStock": True}
    assert api.ok("setting/setInventorySettings", AllowNegativeStock="false") == {
        "AllowNegativeStock": False
    }
    assert api.ok("setting/SetInventorySettings") == {"AllowNegativeStock": False}
    assert api.ok("setting/GetInventorySettings") == {"AllowNegativeStock": False}
    with api.unchanged("setting/GetInventorySettings"):
        api.fail("setting/SetInventorySettings", 114, allowNegativeStock="perhaps")
    assert api.changes() == [
        {
            "Action": 1501,
            "ObjectType": "InventorySettings",
            "ObjectId": api.credentials.business_id,
            "Extra": "AllowNegativeStock=false",
            "API": True,
        }
    ]


def test_the_cli_allows_and_refuses_negative_stock(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    created = runner.invoke(
        cli,
        [
            *("business", "create", "--name", "Shop", "--email", "shop@example.com"),
            *("--password", "pw-123456", "--database", url),
        ],
    )
    assert created.exit_code == 0, created.output
    refused = runner.invoke(cli, ["business", "negative-stock", "1", "--refuse", "--database", url])
    assert refused.exit_code == 0, refused.output
    database = Database(url)
    try:
        with database.transaction(write=False) as session:
            assert session.scalar(select(Business.allow_negative_stock)) is False
        allowed = runner.invoke(
            cli, ["business", "negative-stock", "1", "--allow", "--database", url]
        )
        assert allowed.exit_code == 0, allowed.output
        with database.transaction(write=False) as session:
            assert session.scalar(select(Business.allow_negative_stock)) is True
    finally:
        database.dispose()
    missing = runner.invoke(cli, ["business", "negative-stock", "9", "--allow", "--database", url])
    assert missing.exit_code == 1
