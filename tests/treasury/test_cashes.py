"""setting/GetCashes, SaveCash, DeleteCash and setting/GetPettyCashes, SavePettyCash,
DeletePettyCash: the same rules, checked for both kinds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from hesabdar.kit import references
from tests.conftest import Api


@dataclass(frozen=True)
class Kind:
    get: str
    save: str
    delete: str
    key: str  # the Save method's parameter
    label: str
    reference_kind: str
    actions: tuple[int, int, int]
    object_type: str


CASH = Kind(
    "setting/GetCashes",
    "setting/SaveCash",
    "setting/DeleteCash",
    "cash",
    "Cash",
    "cash",
    (1021, 1022, 1023),
    "Cash",
)
PETTY_CASH = Kind(
    "setting/GetPettyCashes",
    "setting/SavePettyCash",
    "setting/DeletePettyCash",
    "pettyCash",
    "Petty cash",
    "petty_cash",
    (1031, 1032, 1033),
    "PettyCash",
)


@pytest.fixture(params=[CASH, PETTY_CASH], ids=["cash", "petty_cash"])
def kind(request: pytest.FixtureRequest) -> Kind:
    result: Kind = request.param
    return result


def test_save_list_edit(api: Api, kind: Kind) -> None:
    assert api.ok(kind.get) == []
    saved = api.ok(kind.save, **{kind.key: {"Name": "Main box"}})
    assert saved == {
        "Id": saved["Id"],
        "Code": "0001",
        "Name": "Main box",
        "Currency": "IRR",
        "Active": True,
    }
    assert isinstance(saved["Id"], int)
    edited = api.ok(kind.save, **{kind.key: {"Code": 1, "Active": "False", "Name": "Renamed"}})
    assert edited == {**saved, "Name": "Renamed", "Active": False}
    assert api.ok(kind.get) == [edited]
    # An edit without Name keeps it.
    kept = api.ok(kind.save, **{kind.key: {"Code": "0001", "Currency": "eur"}})
    assert kept == {**edited, "Currency": "EUR"}


def test_unknown_code_creates_and_counter_skips_it(api: Api, kind: Kind) -> None:
    assert api.ok(kind.save, **{kind.key: {"Code": "2", "Name": "Two"}})["Code"] == "0002"
    assert api.ok(kind.save, **{kind.key: {"Code": "", "Name": "One"}})["Code"] == "0001"
    assert api.ok(kind.save, **{kind.key: {"Code": None, "Name": "Three"}})["Code"] == "0003"
    assert [row["Name"] for row in api.ok(kind.get)] == ["One", "Two", "Three"]


def test_case_insensitive_keys(api: Api, kind: Kind) -> None:
    saved = api.ok(
        kind.save.lower(), **{kind.key.upper(): {"NAME": "Box", "cUrReNcY": "usd", "code": 9}}
    )
    assert (saved["Code"], saved["Name"], saved["Currency"]) == ("0009", "Box", "USD")


def test_rejected_saves_change_nothing(api: Api, kind: Kind) -> None:
    saved = api.ok(kind.save, **{kind.key: {"Name": "Box"}})
    with api.unchanged(kind.get):
        assert api.fail(kind.save, 104, **{kind.key: {"Currency": "USD"}}) == (
            f"Missing parameter: {kind.key}.Name is required."
        )
        assert f"{kind.key}.Name" in api.fail(
            kind.save, 104, **{kind.key: {"Code": "1", "Name": ""}}
        )
        assert f"{kind.key}.Currency" in api.fail(
            kind.save, 114, **{kind.key: {"Code": "1", "Name": "New", "Currency": "US"}}
        )
        assert f"{kind.key}.Active" in api.fail(
            kind.save, 114, **{kind.key: {"Code": "1", "Name": "New", "Active": "maybe"}}
        )
    assert api.ok(kind.get) == [saved]
    assert len(api.ok("setting/GetChanges", start=0)) == 1


def test_delete(api: Api, kind: Kind) -> None:
    saved = api.ok(kind.save, **{kind.key: {"Name": "Box"}})
    assert api.ok(kind.delete, code="1") is True
    assert api.ok(kind.get) == []
    with api.unchanged(kind.get):
        assert api.fail(kind.delete, 112, code=1) == f"{kind.label} 0001 was not found."
    assert [
        (row["Action"], row["ObjectType"], row["ObjectId"], row["Extra"])
        for row in api.ok("setting/GetChanges", start=0)
    ] == [
        (kind.actions[0], kind.object_type, saved["Id"], "0001"),
        (kind.actions[2], kind.object_type, saved["Id"], "0001"),
    ]


@pytest.fixture
def referenced(kind: Kind) -> Iterator[Kind]:
    def uses(_session: Session, _business_id: int, _record_id: int) -> str | None:
        return "receipt 5"

    references.register_referrer(kind.reference_kind, uses)
    yield kind
    references.unregister_referrer(kind.reference_kind, uses)


def test_referenced_record_is_kept(api: Api, referenced: Kind) -> None:
    kind = referenced
    saved = api.ok(kind.save, **{kind.key: {"Name": "Box"}})
    with api.unchanged(kind.get):
        assert api.fail(kind.delete, 190, code="0001") == (
            f"{kind.label} 0001 cannot be deleted: receipt 5 refers to it."
        )
    assert api.ok(kind.get) == [saved]


def test_tenancy(api: Api, other_api: Api, kind: Kind) -> None:
    saved = api.ok(kind.save, **{kind.key: {"Name": "Box"}})
    assert other_api.ok(kind.get) == []
    with api.unchanged(kind.get), other_api.unchanged(kind.get):
        assert other_api.fail(kind.delete, 112, code="0001") == (
            f"{kind.label} 0001 was not found."
        )
    theirs = other_api.ok(kind.save, **{kind.key: {"Code": "0001", "Name": "Theirs"}})
    assert theirs["Id"] != saved["Id"]
    assert api.ok(kind.get) == [saved]


def test_lookups_for_other_domains(api: Api, kind: Kind) -> None:
    from hesabdar.treasury import service

    api.ok(kind.save, **{kind.key: {"Name": "Box", "Code": 12}})
    lookup = service.get_cash_by_code if kind is CASH else service.get_petty_cash_by_code
    database = api.client.app.state.database  # type: ignore[attr-defined]
    with database.transaction() as session:
        business_id = api.credentials.business_id
        for code in (12, "12", "0012", " 12 "):
            row = lookup(session, business_id, code)
            assert row is not None
            assert (row.code, row.name) == ("0012", "Box")
        assert lookup(session, business_id, "13") is None
        assert lookup(session, business_id, None) is None
        assert lookup(session, business_id + 1000, "12") is None
