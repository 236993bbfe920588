"""setting/GetSalesmen, SaveSalesman, DeleteSalesman."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from hesabdar.kit import references
from hesabdar.projects import service
from tests.conftest import Api


def test_save_list_edit(api: Api) -> None:
    assert api.ok("setting/GetSalesmen") == []
    saved = api.ok("setting/SaveSalesman", salesman={"Name": "Ali", "Note": "north"})
    assert saved == {
        "Id": saved["Id"],
        "Code": "0001",
        "Name": "Ali",
        "Active": True,
        "Note": "north",
    }
    assert isinstance(saved["Id"], int)
    edited = api.ok("setting/SaveSalesman", salesman={"Code": 1, "Active": "false", "Note": ""})
    assert edited == {**saved, "Active": False, "Note": ""}
    kept = api.ok("setting/SaveSalesman", salesman={"Code": "1", "Name": "Ali R", "Note": None})
    assert kept == {**edited, "Name": "Ali R"}
    assert api.ok("setting/GetSalesmen") == [kept]


def test_unknown_code_creates(api: Api) -> None:
    saved = api.ok("setting/SaveSalesman", salesman={"Code": "4", "Name": "Sara", "Note": None})
    assert (saved["Code"], saved["Note"]) == ("0004", "")
    assert api.ok("setting/SaveSalesman", salesman={"Code": "", "Name": "B"})["Code"] == "0001"


def test_case_insensitive_keys(api: Api) -> None:
    saved = api.ok("setting/savesalesman", SALESMAN={"name": "Reza", "CODE": "12", "note": "n"})
    assert (saved["Code"], saved["Name"], saved["Note"]) == ("0012", "Reza", "n")


def test_rejected_saves_change_nothing(api: Api) -> None:
    saved = api.ok("setting/SaveSalesman", salesman={"Name": "Ali"})
    with api.unchanged("setting/GetSalesmen"):
        assert api.fail("setting/SaveSalesman", 104, salesman={"Note": "x"}) == (
            "Missing parameter: salesman.Name is required."
        )
        assert "salesman.Name" in api.fail(
            "setting/SaveSalesman", 104, salesman={"Code": "0001", "Name": ""}
        )
        assert "salesman.Active" in api.fail(
            "setting/SaveSalesman",
            114,
            salesman={"Code": "0001", "Name": "B", "Active": "perhaps"},
        )
    assert api.ok("setting/GetSalesmen") == [saved]
    assert len(api.ok("setting/GetChanges", start=0)) == 1


def test_delete_and_change_log(api: Api) -> None:
    saved = api.ok("setting/SaveSalesman", salesman={"Name": "Ali"})
    api.ok("setting/SaveSalesman", salesman={"Code": "0001", "Name": "Ali R"})
    assert api.ok("setting/DeleteSalesman", code="1") is True
    assert api.ok("setting/GetSalesmen") == []
    with api.unchanged("setting/GetSalesmen"):
        assert api.fail("setting/DeleteSalesman", 112, code=1) == "Salesman 0001 was not found."
    assert [
        (row["Action"], row["ObjectType"], row["ObjectId"], row["Extra"])
        for row in api.ok("setting/GetChanges", start=0)
    ] == [
        (1061, "Salesman", saved["Id"], "0001"),
        (1062, "Salesman", saved["Id"], "0001"),
        (1063, "Salesman", saved["Id"], "0001"),
    ]


@pytest.fixture
def salesman_in_use() -> Iterator[None]:
    def uses(_session: Session, _business_id: int, _record_id: int) -> str | None:
        return "invoice 7"

    references.register_referrer("salesman", uses)
    yield
    references.unregister_referrer("salesman", uses)


@pytest.mark.usefixtures("salesman_in_use")
def test_referenced_salesman_is_kept(api: Api) -> None:
    saved = api.ok("setting/SaveSalesman", salesman={"Name": "Ali"})
    with api.unchanged("setting/GetSalesmen"):
        assert api.fail("setting/DeleteSalesman", 190, code="0001") == (
            "Salesman 0001 cannot be deleted: invoice 7 refers to it."
        )
    assert api.ok("setting/GetSalesmen") == [saved]


def test_tenancy(api: Api, other_api: Api) -> None:
    saved = api.ok("setting/SaveSalesman", salesman={"Name": "Ali"})
    assert other_api.ok("setting/GetSalesmen") == []
    with api.unchanged("setting/GetSalesmen"), other_api.unchanged("setting/GetSalesmen"):
        assert other_api.fail("setting/DeleteSalesman", 112, code="0001") == (
            "Salesman 0001 was not found."
        )
    theirs = other_api.ok("setting/SaveSalesman", salesman={"Code": "0001", "Name": "Theirs"})
    assert theirs["Id"] != saved["Id"]
    assert api.ok("setting/GetSalesmen") == [saved]


def test_get_salesman_by_code(api: Api, other_api: Api) -> None:
    api.ok("setting/SaveSalesman", salesman={"Name": "Ali", "Code": 8})
    database = api.client.app.state.database  # type: ignore[attr-defined]
    with database.transaction() as session:
        for code in (8, "8", "0008"):
            row = service.get_salesman_by_code(session, api.credentials.business_id, code)
            assert row is not None
            assert (row.code, row.name) == ("0008", "Ali")
        assert service.get_salesman_by_code(session, other_api.credentials.business_id, 8) is None
