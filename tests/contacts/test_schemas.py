"""The contacts service's typed input: Hesabfa's codes as enumerations, the fields an edit
changes, and errors that say where in domain terms (v1 spells them its own way)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hesabdar.contacts import service
from hesabdar.contacts.errors import ContactNameRequired
from hesabdar.contacts.schemas import BATCH_AT, ContactInput, ContactType, TaxType
from hesabdar.kit.errors import InvalidFieldValue
from tests.conftest import Api


def test_codes_read_into_their_enumerations() -> None:
    assert ContactType.of(1, BATCH_AT / 0 / "contact_type") is ContactType.NATURAL_PERSON
    assert TaxType.of(8, BATCH_AT / 0 / "tax_type") is TaxType.FINAL_CONSUMER
    with pytest.raises(InvalidFieldValue) as unknown:
        ContactType.of(3, BATCH_AT / 4 / "contact_type")
    assert str(unknown.value) == (
        "Invalid value for contacts[4].contact_type: "
        "must be 0 (unknown), 1 (natural person) or 2 (legal person) (got 3)."
    )


def test_unknown_codes_answer_114_naming_the_field_and_the_row(api: Api) -> None:
    with api.unchanged("contact/getcontacts"):
        rows = [{"Name": "A"}, {"Name": "B", "TaxType": 4}]
        assert api.fail("contact/batchsave", 114, contacts=rows) == (
            "Invalid value for contacts[1].TaxType: must be 5, 6, 7 or 8 (got 4)."
        )
        rows = [{"Name": "A"}, {"Name": "B"}, {"Name": "C", "ContactType": -1}]
        assert api.fail("contact/batchsave", 114, contacts=rows) == (
            "Invalid value for contacts[2].ContactType: "
            "must be 0 (unknown), 1 (natural person) or 2 (legal person) (got -1)."
        )


def test_a_missing_name_names_the_fields_that_can_stand_in(api: Api) -> None:
    rows = [{"Name": "A"}, {"Mobile": "0912", "FirstName": " "}]
    assert api.fail("contact/batchsave", 104, contacts=rows) == (
        "Missing parameter: contacts[1].Name is required (or FirstName/LastName)."
    )
    assert str(ContactNameRequired(BATCH_AT / 1)) == (
        "Missing parameter: contacts[1].name is required (or first_name/last_name)."
    )


def test_tax_type_zero_clears_it_and_null_keeps_it(api: Api) -> None:
    api.ok("contact/save", contact={"Code": "1", "Name": "A", "TaxType": 6})
    assert api.ok("contact/save", contact={"Code": "1", "TaxType": None})["TaxType"] == 6
    assert api.ok("contact/save", contact={"Code": "1", "TaxType": "0"})["TaxType"] is None


def test_an_edit_changes_only_the_fields_given(api: Api) -> None:
    database = api.client.app.state.database  # type: ignore[attr-defined]
    business_id = api.credentials.business_id
    with database.transaction() as session:
        created = service.save(
            session,
            business_id,
            ContactInput(
                name=" Ali ",
                mobile="0912",
                contact_type=ContactType.LEGAL_PERSON,
                share_percent=Decimal("12.5"),
            ),
        )
        code = created.code
    with database.transaction() as session:
        edited = service.save(
            session,
            business_id,
            # ``name`` is not given: its empty default does not erase the stored name.
            ContactInput(code=code, city="Tabriz", tax_type=None, fields_set=frozenset({"city"})),
        )
        assert (edited.name, edited.mobile, edited.city) == ("Ali", "0912", "Tabriz")
        assert (edited.contact_type, edited.share_percent) == (2, Decimal("12.5"))
    stored = api.ok("contact/get", code=code)
    assert (stored["Name"], stored["ContactType"], stored["City"]) == ("Ali", 2, "Tabriz")


def test_the_v1_model_and_the_domain_input_name_the_same_fields() -> None:
    from hesabdar.contacts.v1 import ContactInput as V1ContactInput

    domain = set(ContactInput.__dataclass_fields__) - {"fields_set"}
    assert set(V1ContactInput.model_fields) == domain
