"""setting/GetBanks, SaveBank, DeleteBank."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from hesabdar.kit import references
from tests.conftest import Api


def _bank(**fields: object) -> dict[str, object]:
    return {
        "Code": fields.pop("Code", None),
        "Name": "Bank Mellat",
        "Branch": "Tajrish",
        "AccountNumber": "123-456",
        "Iban": "IR120120000000000000000001",
        **fields,
    }


def test_no_banks_at_first(api: Api) -> None:
    assert api.ok("setting/GetBanks") == []


def test_save_new_bank_gets_the_next_code(api: Api) -> None:
    saved = api.ok("setting/SaveBank", bank=_bank())
    assert saved == {
        "Id": saved["Id"],
        "Code": "0001",
        "Name": "Bank Mellat",
        "Branch": "Tajrish",
        "AccountNumber": "123-456",
        "Iban": "IR120120000000000000000001",
        "Account": "123-456",
        "Currency": "IRR",
        "Active": True,
    }
    assert isinstance(saved["Id"], int)
    second = api.ok("setting/SaveBank", bank={"Name": "Bank Saderat", "Code": ""})
    assert second["Code"] == "0002"
    assert [bank["Code"] for bank in api.ok("setting/GetBanks")] == ["0001", "0002"]
    assert api.ok("setting/GetBanks")[0] == saved


def test_existing_code_edits_and_numbers_find_padded_codes(api: Api) -> None:
    saved = api.ok("setting/SaveBank", bank=_bank())
    edited = api.ok(
        "setting/SaveBank", bank={"Code": 1, "Name": "Mellat central", "Active": "false"}
    )
    assert edited["Id"] == saved["Id"]
    assert (edited["Code"], edited["Name"], edited["Active"]) == ("0001", "Mellat central", False)
    # Fields not sent keep their values.
    assert (edited["Branch"], edited["AccountNumber"], edited["Iban"]) == (
        "Tajrish",
        "123-456",
        "IR120120000000000000000001",
    )
    again = api.ok("setting/SaveBank", bank={"Code": "1", "Name": "Mellat", "Branch": ""})
    assert (again["Id"], again["Name"], again["Branch"]) == (saved["Id"], "Mellat", "")
    assert len(api.ok("setting/GetBanks")) == 1


def test_unknown_code_creates_with_that_code(api: Api) -> None:
    saved = api.ok("setting/SaveBank", bank={"Code": "7", "Name": "Bank Tejarat"})
    assert (saved["Code"], saved["Branch"], saved["AccountNumber"], saved["Iban"]) == (
        "0007",
        "",
        "",
        "",
    )
    custom = api.ok("setting/SaveBank", bank={"Code": "B-12", "Name": "Foreign"})
    assert custom["Code"] == "B-12"
    # The counter skips codes a client chose itself.
    for expected in ("0001", "0002", "0003", "0004", "0005", "0006", "0008"):
        assert api.ok("setting/SaveBank", bank={"Name": "n"})["Code"] == expected


def test_case_insensitive_keys_and_strings(api: Api) -> None:
    saved = api.ok(
        "setting/savebank",
        BANK={"name": "Pasargad", "ACCOUNT": "999", "currency": "usd", "active": "True"},
    )
    assert (saved["Name"], saved["AccountNumber"], saved["Account"], saved["Currency"]) == (
        "Pasargad",
        "999",
        "999",
        "USD",
    )
    assert saved["Active"] is True


def test_null_and_empty_optional_fields(api: Api) -> None:
    saved = api.ok(
        "setting/SaveBank",
        bank={
            "Code": None,
            "Name": "Sepah",
            "Branch": None,
            "AccountNumber": "",
            "Iban": None,
            "Currency": "",
            "Active": "",
        },
    )
    assert (saved["Code"], saved["Branch"], saved["AccountNumber"], saved["Iban"]) == (
        "0001",
        "",
        "",
        "",
    )
    assert (saved["Currency"], saved["Active"]) == ("IRR", True)


def test_missing_name_is_104_and_saves_nothing(api: Api) -> None:
    with api.unchanged("setting/GetBanks"):
        assert api.fail("setting/SaveBank", 104, bank={"Branch": "x"}) == (
            "Missing parameter: bank.Name is required."
        )
        assert "bank.Name" in api.fail("setting/SaveBank", 104, bank={"Name": "  "})
        assert "bank.Name" in api.fail("setting/SaveBank", 104, bank={"Name": None})
        assert "bank" in api.fail("setting/SaveBank", 104)
    assert api.ok("setting/GetBanks") == []
    assert api.ok("setting/GetChanges", start=0) == []


def test_editing_to_a_blank_name_is_refused(api: Api) -> None:
    saved = api.ok("setting/SaveBank", bank=_bank())
    with api.unchanged("setting/GetBanks"):
        assert "bank.Name" in api.fail("setting/SaveBank", 104, bank={"Code": "0001", "Name": ""})
    assert api.ok("setting/GetBanks") == [saved]


def test_bad_currency_is_114_and_saves_nothing(api: Api) -> None:
    with api.unchanged("setting/GetBanks"):
        message = api.fail("setting/SaveBank", 114, bank={"Name": "x", "Currency": "dollars"})
    assert "bank.Currency" in message
    assert api.ok("setting/GetBanks") == []


def test_delete_bank(api: Api) -> None:
    api.ok("setting/SaveBank", bank=_bank())
    kept = api.ok("setting/SaveBank", bank={"Name": "Kept"})
    assert api.ok("setting/DeleteBank", code=1) is True
    assert api.ok("setting/GetBanks") == [kept]
    with api.unchanged("setting/GetBanks"):
        assert api.fail("setting/DeleteBank", 112, code="0001") == "Bank 0001 was not found."
        assert "code" in api.fail("setting/DeleteBank", 104)
        assert "code" in api.fail("setting/DeleteBank", 104, code="")


def test_changes_are_logged(api: Api) -> None:
    saved = api.ok("setting/SaveBank", bank=_bank())
    api.ok("setting/SaveBank", bank={"Code": "0001", "Name": "Edited"})
    api.ok("setting/DeleteBank", code="0001")
    changes = api.ok("setting/GetChanges", start=0)
    assert [
        (change["Action"], change["ObjectType"], change["ObjectId"], change["Extra"])
        for change in changes
    ] == [
        (1011, "Bank", saved["Id"], "0001"),
        (1012, "Bank", saved["Id"], "0001"),
        (1013, "Bank", saved["Id"], "0001"),
    ]
    assert all(change["API"] is True for change in changes)


@pytest.fixture
def bank_in_use() -> Iterator[None]:
    def uses(_session: Session, _business_id: int, record_id: int) -> str | None:
        return f"document {record_id}"

    references.register_referrer("bank", uses)
    yield
    references.unregister_referrer("bank", uses)


@pytest.mark.usefixtures("bank_in_use")
def test_referenced_bank_is_not_deleted(api: Api) -> None:
    saved = api.ok("setting/SaveBank", bank=_bank())
    with api.unchanged("setting/GetBanks"):
        message = api.fail("setting/DeleteBank", 190, code="1")
    assert message == f"Bank 0001 cannot be deleted: document {saved['Id']} refers to it."
    assert api.ok("setting/GetBanks") == [saved]
    assert [change["Action"] for change in api.ok("setting/GetChanges", start=0)] == [1011]


def test_referrer_unregistered_after_test(api: Api) -> None:
    api.ok("setting/SaveBank", bank=_bank())
    assert api.ok("setting/DeleteBank", code="0001") is True


def test_tenancy(api: Api, other_api: Api) -> None:
    saved = api.ok("setting/SaveBank", bank=_bank())
    assert other_api.ok("setting/GetBanks") == []
    with api.unchanged("setting/GetBanks"), other_api.unchanged("setting/GetBanks"):
        assert other_api.fail("setting/DeleteBank", 112, code="0001") == (
            "Bank 0001 was not found."
        )
    # Saving "0001" in the other business creates its own bank; the first is untouched.
    theirs = other_api.ok("setting/SaveBank", bank={"Code": "0001", "Name": "Theirs"})
    assert theirs["Id"] != saved["Id"]
    assert api.ok("setting/GetBanks") == [saved]
    assert other_api.ok("setting/GetBanks") == [theirs]


def test_bank_lookup_for_other_domains(api: Api, other_api: Api) -> None:
    from hesabdar.treasury import service

    api.ok("setting/SaveBank", bank={"Name": "Mellat", "Code": 7})
    database = api.client.app.state.database  # type: ignore[attr-defined]
    with database.transaction() as session:
        for code in (7, "7", "0007"):
            row = service.get_bank_by_code(session, api.credentials.business_id, code)
            assert row is not None
            assert (row.code, row.name, row.currency) == ("0007", "Mellat", "IRR")
        assert service.get_bank_by_code(session, other_api.credentials.business_id, 7) is None
