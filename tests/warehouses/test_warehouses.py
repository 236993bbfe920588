"""setting/GetWarehouses, SaveWarehouse, DeleteWarehouse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from hesabdar.kit import references
from hesabdar.warehouses import service
from tests.conftest import Api


def test_save_list_edit(api: Api) -> None:
    assert api.ok("setting/GetWarehouses") == []
    saved = api.ok("setting/SaveWarehouse", warehouse={"Name": "Central"})
    assert saved == {"Id": saved["Id"], "Code": "0001", "Name": "Central"}
    assert isinstance(saved["Id"], int)
    second = api.ok("setting/SaveWarehouse", warehouse={"Code": "", "Name": "Shop"})
    assert second["Code"] == "0002"
    edited = api.ok("setting/SaveWarehouse", warehouse={"Code": 1, "Name": "Central depot"})
    assert edited == {**saved, "Name": "Central depot"}
    assert api.ok("setting/GetWarehouses") == [edited, second]


def test_unknown_code_creates_with_that_code(api: Api) -> None:
    assert api.ok("setting/SaveWarehouse", warehouse={"Code": "5", "Name": "Five"})["Code"] == (
        "0005"
    )
    assert api.ok("setting/SaveWarehouse", warehouse={"Code": "W1", "Name": "W"})["Code"] == "W1"
    assert [row["Code"] for row in api.ok("setting/GetWarehouses")] == ["0005", "W1"]


def test_case_insensitive_keys_and_null_code(api: Api) -> None:
    saved = api.ok("SETTING/saveWAREHOUSE", WareHouse={"name": "Central", "CODE": None})
    assert (saved["Code"], saved["Name"]) == ("0001", "Central")
    assert api.ok("setting/getwarehouses") == [saved]


def test_rejected_saves_change_nothing(api: Api) -> None:
    saved = api.ok("setting/SaveWarehouse", warehouse={"Name": "Central"})
    with api.unchanged("setting/GetWarehouses"):
        assert api.fail("setting/SaveWarehouse", 104, warehouse={"Code": "0002"}) == (
            "Missing parameter: warehouse.Name is required."
        )
        assert "warehouse.Name" in api.fail(
            "setting/SaveWarehouse", 104, warehouse={"Code": "1", "Name": " "}
        )
        assert api.fail("setting/SaveWarehouse", 104) == (
            "Missing parameter: warehouse is required."
        )
        assert "warehouse.Code" in api.fail(
            "setting/SaveWarehouse", 114, warehouse={"Code": "X" * 21, "Name": "Long"}
        )
    assert api.ok("setting/GetWarehouses") == [saved]
    assert len(api.ok("setting/GetChanges", start=0)) == 1


def test_delete_and_change_log(api: Api) -> None:
    saved = api.ok("setting/SaveWarehouse", warehouse={"Name": "Central"})
    api.ok("setting/SaveWarehouse", warehouse={"Code": "0001", "Name": "Renamed"})
    assert api.ok("setting/DeleteWarehouse", code=1) is True
    assert api.ok("setting/GetWarehouses") == []
    with api.unchanged("setting/GetWarehouses"):
        assert api.fail("setting/DeleteWarehouse", 112, code="1") == (
            "Warehouse 0001 was not found."
        )
    assert [
        (row["Action"], row["ObjectType"], row["ObjectId"], row["Extra"])
        for row in api.ok("setting/GetChanges", start=0)
    ] == [
        (1041, "Warehouse", saved["Id"], "0001"),
        (1042, "Warehouse", saved["Id"], "0001"),
        (1043, "Warehouse", saved["Id"], "0001"),
    ]


@pytest.fixture
def warehouse_in_use() -> Iterator[None]:
    def uses(_session: Session, _business_id: int, _record_id: int) -> str | None:
        return "warehouse receipt 3"

    references.register_referrer("warehouse", uses)
    yield
    references.unregister_referrer("warehouse", uses)


@pytest.mark.usefixtures("warehouse_in_use")
def test_referenced_warehouse_is_kept(api: Api) -> None:
    saved = api.ok("setting/SaveWarehouse", warehouse={"Name": "Central"})
    with api.unchanged("setting/GetWarehouses"):
        assert api.fail("setting/DeleteWarehouse", 190, code="0001") == (
            "Warehouse 0001 cannot be deleted: warehouse receipt 3 refers to it."
        )
    assert api.ok("setting/GetWarehouses") == [saved]


def test_tenancy(api: Api, other_api: Api) -> None:
    saved = api.ok("setting/SaveWarehouse", warehouse={"Name": "Central"})
    assert other_api.ok("setting/GetWarehouses") == []
    with api.unchanged("setting/GetWarehouses"), other_api.unchanged("setting/GetWarehouses"):
        assert other_api.fail("setting/DeleteWarehouse", 112, code="0001") == (
            "Warehouse 0001 was not found."
        )
    theirs = other_api.ok("setting/SaveWarehouse", warehouse={"Code": "0001", "Name": "Theirs"})
    assert theirs["Id"] != saved["Id"]
    assert api.ok("setting/GetWarehouses") == [saved]


def test_get_by_code(api: Api, other_api: Api) -> None:
    api.ok("setting/SaveWarehouse", warehouse={"Name": "Central", "Code": 3})
    database = api.client.app.state.database  # type: ignore[attr-defined]
    with database.transaction() as session:
        for code in (3, "3", "0003"):
            row = service.get_by_code(session, api.credentials.business_id, code)
            assert row is not None
            assert (row.code, row.name) == ("0003", "Central")
        assert service.get_by_code(session, other_api.credentials.business_id, 3) is None
        assert service.get_by_code(session, api.credentials.business_id, "") is None
