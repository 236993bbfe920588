"""item/*: save, batchsave, get, getByBarcode, getById, getitems, delete."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.orm import Session

from hesabdar.items import service as items_service
from hesabdar.kit import references
from tests.conftest import Api

# What a rejected item write must leave as it was (with the change log, see Api.unchanged).
ITEMS = (
    ("item/getitems", {"queryInfo": {"Take": 1000}}),
    "setting/GetProductCategories",
    "setting/GetServiceCategories",
)


def codes(api: Api, **query: Any) -> list[str]:
    result = api.ok("item/getitems", queryInfo={"Take": 100, **query})
    return [row["Code"] for row in result["List"]]


def test_save_new_item_gets_the_next_code_and_defaults(api: Api) -> None:
    saved = api.ok("item/save", item={"Name": "Pen"})
    assert saved == {
        "Id": saved["Id"],
        "Code": "000001",
        "Name": "Pen",
        "Barcode": "",
        "ItemType": 0,
        "Unit": "",
        "SubUnit": "",
        "ConversionFactor": 0,
        "Stock": 0,
        "BuyPrice": 0,
        "SellPrice": 0,
        "PurchasesTitle": "",
        "SalesTitle": "",
        "NodeId": saved["NodeId"],
        "NodeFamily": "کالاها",
        "Tag": "",
        "Description": "",
        "ProductCode": "",
        "Active": True,
        "TaxId": "",
        "TaxUnit": "",
    }
    assert api.ok("item/get", code="000001") == saved
    assert api.ok("item/save", item={"Code": None, "Name": "B"})["Code"] == "000002"
    assert api.ok("item/save", item={"Code": "", "Name": "C"})["Code"] == "000003"


def test_every_field_round_trips_with_strings_for_numbers(api: Api) -> None:
    body = {
        "Code": None,
        "Name": "مشاوره",
        "Barcode": "6260000000001",
        "ItemType": "1",
        "Unit": "ساعت",
        "SubUnit": "دقیقه",
        "ConversionFactor": "60",
        "BuyPrice": "1000.25",
        "SellPrice": "5000",
        "PurchasesTitle": "خرید مشاوره",
        "SalesTitle": "فروش مشاوره",
        "NodeFamily": "مشاوره:مالی",
        "Tag": '{"id_product":5,"id_attribute":0}',
        "Description": "One hour",
        "ProductCode": "SKU-1",
        "Active": "True",
        "TaxId": "2330000000001",
        "TaxUnit": "1627",
    }
    saved = api.ok("item/save", item=body)
    expected = {
        **body,
        "Id": saved["Id"],
        "Code": "000001",
        "ItemType": 1,
        "ConversionFactor": 60,
        "BuyPrice": Decimal("1000.2500"),
        "SellPrice": 5000,
        "Stock": 0,
        "Active": True,
        "NodeId": saved["NodeId"],
        "NodeFamily": "خدمات : مشاوره : مالی",
    }
    assert saved == expected
    assert api.ok("item/get", code=1) == expected
    response = api.client.post("/v1/item/get", json={**api.auth(), "code": "1"})
    assert b'"SellPrice":5000.0000' in response.content
    assert b'"BuyPrice":1000.2500' in response.content


def test_exact_large_prices(api: Api) -> None:
    api.ok("item/save", item={"Name": "Gold", "SellPrice": "123456789012345.1234"})
    response = api.client.post("/v1/item/get", json={**api.auth(), "code": "1"})
    assert b'"SellPrice":123456789012345.1234' in response.content


def test_keys_are_case_insensitive(api: Api) -> None:
    saved = api.ok("item/save", ITEM={"NAME": "Pen", "itemtype": "1", "sellprice": 7, "CODE": 9})
    assert (saved["Code"], saved["ItemType"], saved["SellPrice"]) == ("000009", 1, 7)
    assert api.ok("item/get", CODE="9")["Id"] == saved["Id"]
    assert api.ok("item/GETBYID", IDLIST=[saved["Id"]])[0]["Name"] == "Pen"
    assert api.ok("ITEM/getItems", QUERYINFO={"take": 1})["TotalCount"] == 1


def test_empty_and_null_optional_fields_take_the_defaults(api: Api) -> None:
    saved = api.ok(
        "item/save",
        item={
            "Name": "Pen",
            "ItemType": "",
            "SellPrice": "",
            "BuyPrice": None,
            "Active": None,
            "Barcode": None,
            "NodeFamily": "",
            "ConversionFactor": "",
            "Tag": "",
        },
    )
    assert (
        saved["ItemType"],
        saved["SellPrice"],
        saved["BuyPrice"],
        saved["Active"],
        saved["Barcode"],
        saved["NodeFamily"],
        saved["ConversionFactor"],
    ) == (0, 0, 0, True, "", "کالاها", 0)


def test_active_false_as_string(api: Api) -> None:
    assert api.ok("item/save", item={"Name": "Pen", "Active": "false"})["Active"] is False


@pytest.mark.parametrize("code", ["123", 123, "0123", "000123"])
def test_numeric_codes_find_the_zero_padded_code(api: Api, code: Any) -> None:
    saved = api.ok("item/save", item={"Code": "123", "Name": "Pen"})
    assert saved["Code"] == "000123"
    assert api.ok("item/get", code=code)["Id"] == saved["Id"]


def test_existing_code_edits_and_keeps_fields_not_sent(api: Api) -> None:
    first = api.ok(
        "item/save", item={"Name": "Pen", "SellPrice": 100, "Barcode": "B1", "Unit": "عدد"}
    )
    edited = api.ok("item/save", item={"Code": 1, "Name": "Blue pen", "Unit": ""})
    assert (edited["Id"], edited["Name"], edited["SellPrice"], edited["Barcode"]) == (
        first["Id"],
        "Blue pen",
        100,
        "B1",
    )
    assert edited["Unit"] == ""
    assert api.ok("item/getitems")["TotalCount"] == 1
    assert [(c["Action"], c["Extra"]) for c in api.changes()] == [(51, "000001"), (52, "000001")]


def test_unknown_code_creates_that_code_and_numbering_skips_it(api: Api) -> None:
    assert api.ok("item/save", item={"Code": "000001", "Name": "A"})["Code"] == "000001"
    assert api.ok("item/save", item={"Name": "B"})["Code"] == "000002"


def test_missing_name_is_104_and_saves_nothing(api: Api) -> None:
    with api.unchanged(*ITEMS):
        assert "item.Name" in api.fail("item/save", 104, item={"SellPrice": 10})
        assert "item.Name" in api.fail("item/save", 104, item={"Name": "", "SellPrice": 10})
        assert "item" in api.fail("item/save", 104)
    assert api.ok("item/getitems")["TotalCount"] == 0
    assert api.changes() == []


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("ItemType", 2, "item.ItemType"),
        ("ItemType", "x", "item.ItemType"),
        ("SellPrice", "-1", "item.SellPrice"),
        ("SellPrice", "abc", "item.SellPrice"),
        ("BuyPrice", "-0.5", "item.BuyPrice"),
        ("ConversionFactor", "-2", "item.ConversionFactor"),
        ("Active", "maybe", "item.Active"),
        ("NodeFamily", "a:" + "b" * 201, "item.NodeFamily"),
    ],
)
def test_invalid_values_are_114_and_change_nothing(
    api: Api, field: str, value: Any, named: str
) -> None:
    api.ok("item/save", item={"Name": "Pen", "SellPrice": 10})
    with api.unchanged(*ITEMS):
        message = api.fail("item/save", 114, item={"Code": "1", "Name": "New", field: value})
    assert named in message
    stored = api.ok("item/get", code="1")
    assert (stored["Name"], stored["SellPrice"], stored["NodeFamily"]) == ("Pen", 10, "کالاها")
    assert [c["Action"] for c in api.changes()] == [51]
    tree = api.ok("setting/GetProductCategories")["Root"]
    assert tree["Children"] == []


def test_batchsave_returns_items_in_input_order(api: Api) -> None:
    result = api.ok(
        "item/batchsave",
        items=[
            {"Code": None, "Name": "A", "Tag": '{"id_product":1}'},
            {"Code": "50", "Name": "B", "ItemType": 1},
            {"Name": "C"},
        ],
    )
    assert [(row["Code"], row["Name"], row["Tag"]) for row in result] == [
        ("000001", "A", '{"id_product":1}'),
        ("000050", "B", ""),
        ("000002", "C", ""),
    ]
    assert [c["Action"] for c in api.changes()] == [51, 51, 51]


def test_batchsave_is_all_or_nothing(api: Api) -> None:
    api.ok("item/save", item={"Name": "Before"})
    with api.unchanged(*ITEMS):
        message = api.fail(
            "item/batchsave",
            104,
            items=[{"Name": "A"}, {"Code": "1", "Name": "Edited"}, {"Name": "C"}, {"SellPrice": 5}],
        )
    assert "items[3].Name" in message
    assert codes(api) == ["000001"]
    assert api.ok("item/get", code="1")["Name"] == "Before"
    assert [c["Action"] for c in api.changes()] == [51]
    with api.unchanged(*ITEMS):
        message = api.fail(
            "item/batchsave", 114, items=[{"Name": "A"}, {"Name": "B", "ItemType": 7}]
        )
    assert "items[1].ItemType" in message
    assert codes(api) == ["000001"]
    assert api.ok("item/save", item={"Name": "Next"})["Code"] == "000002"


def test_get_by_barcode(api: Api) -> None:
    saved = api.ok("item/save", item={"Name": "Pen", "Barcode": "6260001"})
    assert api.ok("item/getByBarcode", barcode="6260001") == saved
    assert api.ok("item/getbybarcode", BARCODE=6260001)["Id"] == saved["Id"]
    assert "'999'" in api.fail("item/getByBarcode", 112, barcode="999")
    assert "barcode" in api.fail("item/getByBarcode", 104, barcode="")
    assert "barcode" in api.fail("item/getByBarcode", 104)


def test_get_by_id(api: Api) -> None:
    first = api.ok("item/save", item={"Name": "A"})
    second = api.ok("item/save", item={"Name": "B"})
    result = api.ok("item/getById", idList=[second["Id"], 424242, first["Id"], second["Id"]])
    assert [row["Name"] for row in result] == ["B", "A"]


def test_get_unknown_is_112_naming_the_code(api: Api) -> None:
    assert "000042" in api.fail("item/get", 112, code="42")
    assert "code" in api.fail("item/get", 104)


@pytest.fixture
def catalogue(api: Api) -> Api:
    rows = [
        {"Name": "Phone", "ItemType": 0, "ProductCode": "P1", "NodeFamily": "دیجیتال:موبایل"},
        {"Name": "Repair", "ItemType": 1, "ProductCode": "S1"},
        {"Name": "Laptop", "ItemType": 0, "ProductCode": "P2", "NodeFamily": "دیجیتال"},
        {"Name": "Old", "ItemType": 0, "ProductCode": "P3", "Active": False},
        {"Name": "Cable", "ItemType": 0, "ProductCode": "P4", "SellPrice": 50},
    ]
    api.ok("item/batchsave", items=rows)
    return api


def test_getitems_plugin_filters(catalogue: Api) -> None:
    result = catalogue.ok(
        "item/getitems",
        queryInfo={"Take": 1, "Filters": [{"Property": "ItemType", "Operator": "=", "Value": 0}]},
    )
    assert (result["TotalCount"], result["FilteredCount"], result["From"], result["To"]) == (
        5,
        4,
        1,
        1,
    )
    assert result["List"][0]["Name"] == "Phone"
    code_in = {"Property": "Code", "Operator": "in", "Value": ["000001", "000003", "000099"]}
    assert codes(catalogue, Filters=[code_in]) == ["000001", "000003"]
    # Codes cast to int by the client still match.
    code_ints = {"Property": "Code", "Operator": "in", "Value": [2, 5]}
    assert codes(catalogue, Filters=[code_ints]) == ["000002", "000005"]
    product_in = {"property": "ProductCode", "operator": "in", "value": ["P2", "S1"]}
    assert codes(
        catalogue, take=10, skip=0, sortBy="Code", sortDesc=False, filters=[product_in]
    ) == [
        "000002",
        "000003",
    ]
    active = {"Property": "Active", "Operator": "=", "Value": "True"}
    assert codes(catalogue, Filters=[active]) == ["000001", "000002", "000003", "000005"]
    inactive = {"Property": "Active", "Operator": "=", "Value": "false"}
    assert codes(catalogue, Filters=[inactive]) == ["000004"]


def test_getitems_id_filter_as_single_object(catalogue: Api) -> None:
    ids = [row["Id"] for row in catalogue.ok("item/getitems")["List"]]
    result = catalogue.ok(
        "item/getitems",
        queryInfo={"Filters": {"Property": "Id", "Operator": "in", "Value": [ids[4], ids[0]]}},
    )
    assert [row["Name"] for row in result["List"]] == ["Phone", "Cable"]
    assert result["FilteredCount"] == 2


def test_getitems_sorting_and_paging(catalogue: Api) -> None:
    by_code = catalogue.ok(
        "item/getitems", queryInfo={"SortBy": "Code", "SortDesc": True, "Skip": 1, "Take": 2}
    )
    assert [row["Code"] for row in by_code["List"]] == ["000004", "000003"]
    assert (by_code["TotalCount"], by_code["FilteredCount"], by_code["From"], by_code["To"]) == (
        5,
        5,
        2,
        3,
    )
    by_id = catalogue.ok("item/getitems", queryInfo={"SortBy": "Id", "Take": 2})
    assert [row["Name"] for row in by_id["List"]] == ["Phone", "Repair"]
    by_node = catalogue.ok(
        "item/getitems",
        queryInfo={
            "SortBy": "NodeId",
            "SortDesc": True,
            "Take": 1000,
            "Skip": 0,
            "Filters": [{"Property": "Active", "Operator": "=", "Value": "True"}],
        },
    )
    node_ids = [row["NodeId"] for row in by_node["List"]]
    assert node_ids == sorted(node_ids, reverse=True)
    assert by_node["FilteredCount"] == 4
    price = catalogue.ok(
        "item/getitems",
        queryInfo={"Filters": [{"Property": "SellPrice", "Operator": ">", "Value": "10"}]},
    )
    assert [row["Name"] for row in price["List"]] == ["Cable"]


def test_getitems_node_family_filter(catalogue: Api) -> None:
    family = {"Property": "NodeFamily", "Operator": "=", "Value": "کالاها : دیجیتال"}
    assert codes(catalogue, Filters=[family]) == ["000003"]


def test_getitems_unknown_property_is_114(catalogue: Api) -> None:
    message = catalogue.fail("item/getitems", 114, queryInfo={"SortBy": "Secret"})
    assert "Secret" in message


def test_item_type_change_moves_the_item_to_the_services_tree(api: Api) -> None:
    api.ok("item/save", item={"Name": "Install", "NodeFamily": "نصب:شبکه"})
    moved = api.ok("item/save", item={"Code": "1", "Name": "Install", "ItemType": "1"})
    assert moved["NodeFamily"] == "خدمات : نصب : شبکه"
    services = api.ok("setting/GetServiceCategories")["Root"]
    assert [child["Name"] for child in services["Children"]] == ["نصب"]


def test_delete(api: Api) -> None:
    saved = api.ok("item/save", item={"Name": "Pen", "Code": "3"})
    assert api.ok("item/delete", code=3) is True
    assert "000003" in api.fail("item/get", 112, code="3")
    assert api.changes() == [
        {
            "Action": 51,
            "ObjectType": "Product",
            "ObjectId": saved["Id"],
            "Extra": "000003",
            "API": True,
        },
        {
            "Action": 53,
            "ObjectType": "Product",
            "ObjectId": saved["Id"],
            "Extra": "000003",
            "API": True,
        },
    ]
    with api.unchanged(*ITEMS):
        assert "000003" in api.fail("item/delete", 112, code="3")


@pytest.fixture
def referenced_items() -> Iterator[None]:
    def invoice_refers(session: Session, business_id: int, record_id: int) -> str | None:
        return "sales invoice 7"

    references.register_referrer("item", invoice_refers)
    yield
    references._REFERRERS["item"].remove(invoice_refers)


def test_delete_of_a_referenced_item_is_refused(api: Api, referenced_items: None) -> None:
    api.ok("item/save", item={"Name": "Pen"})
    with api.unchanged(*ITEMS):
        message = api.fail("item/delete", 190, code="000001")
    assert message == "Item 000001 cannot be deleted: sales invoice 7 refers to it."
    assert api.ok("item/get", code="1")["Name"] == "Pen"
    assert [c["Action"] for c in api.changes()] == [51]


def test_stock_comes_from_the_registered_provider(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = api.ok("item/save", item={"Name": "Pen"})

    def warehouse(session: Session, business_id: int, ids: Any) -> dict[int, Decimal]:
        return {saved["Id"]: Decimal("12.5")}

    monkeypatch.setattr(items_service, "_stock_provider", warehouse)
    assert api.ok("item/get", code="1")["Stock"] == Decimal("12.5000")
    assert api.ok("item/getitems")["List"][0]["Stock"] == Decimal("12.5000")


def test_tenancy(api: Api, other_api: Api) -> None:
    mine = api.ok("item/save", item={"Name": "Mine", "Barcode": "X1", "Code": "1"})
    assert "000001" in other_api.fail("item/get", 112, code="1")
    assert "X1" in other_api.fail("item/getByBarcode", 112, barcode="X1")
    assert other_api.ok("item/getById", idList=[mine["Id"]]) == []
    listed = other_api.ok("item/getitems")
    assert (listed["TotalCount"], listed["List"]) == (0, [])
    with api.unchanged(*ITEMS), other_api.unchanged(*ITEMS):
        assert "000001" in other_api.fail("item/delete", 112, code="1")

    theirs = other_api.ok("item/save", item={"Code": "1", "Name": "Theirs"})
    assert (theirs["Code"], theirs["Name"]) == ("000001", "Theirs")
    assert theirs["Id"] != mine["Id"]
    assert api.ok("item/get", code="1")["Name"] == "Mine"
    assert api.ok("item/getitems")["TotalCount"] == 1
    assert [c["Action"] for c in api.changes()] == [51]
    assert [c["Action"] for c in other_api.changes()] == [51]
