"""contact/*: save, batchsave, get, getById, getcontacts, findByPhoneOrEmail, delete."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.orm import Session

from hesabdar.contacts import service as contacts_service
from hesabdar.contacts.service import OWNER_CODE
from hesabdar.kit import references
from tests.conftest import OWNER, Api

TODAY = f"{date.today().isoformat()}T00:00:00"


def codes(api: Api, **query: Any) -> list[str]:
    result = api.ok("contact/getcontacts", queryInfo={"Take": 100, **query})
    return [row["Code"] for row in result["List"]]


def test_save_new_contact_gets_the_next_code_and_defaults(api: Api) -> None:
    saved = api.ok("contact/save", contact={"Name": "Ali Rezaei"})
    assert saved == {
        "Id": saved["Id"],
        "Code": "000001",
        "Name": "Ali Rezaei",
        "Company": "",
        "FirstName": "",
        "LastName": "",
        "ContactType": 0,
        "NationalCode": "",
        "EconomicCode": "",
        "RegistrationNumber": "",
        "Address": "",
        "City": "",
        "State": "",
        "Country": "",
        "PostalCode": "",
        "Phone": "",
        "Fax": "",
        "Mobile": "",
        "Email": "",
        "Website": "",
        "RegistrationDate": TODAY,
        "Note": "",
        "SharePercent": 0,
        "Liability": 0,
        "Credits": 0,
        "ContactCredit": 0,
        "Tag": "",
        "Active": True,
        "TaxType": None,
        "NodeId": saved["NodeId"],
        "NodeFamily": "اشخاص",
    }
    assert isinstance(saved["Id"], int)
    assert api.ok("contact/get", code="000001") == saved
    second = api.ok("contact/save", contact={"Code": None, "Name": "Sara"})
    third = api.ok("contact/save", contact={"Code": "", "Name": "Reza"})
    assert (second["Code"], third["Code"]) == ("000002", "000003")


def test_every_field_round_trips_with_strings_for_numbers(api: Api) -> None:
    body = {
        "Code": "",
        "Name": "شرکت نمونه",
        "Company": "Sample Co",
        "FirstName": "Ali",
        "LastName": "Rezaei",
        "ContactType": "2",
        "NationalCode": "0012345678",
        "EconomicCode": "411111111111",
        "RegistrationNumber": "12345",
        "Address": "Valiasr St. 10",
        "City": "Tehran",
        "State": "Tehran",
        "Country": "Iran",
        "PostalCode": "1234567890",
        "Phone": "02188888888",
        "Fax": "02177777777",
        "Mobile": "09121234567",
        "Email": "ali@example.com",
        "Website": "https://example.com",
        "RegistrationDate": "2023-03-21 10:20:30",
        "Note": "VIP",
        "SharePercent": "12.5",
        "ContactCredit": "1500000",
        "Tag": '{"id_customer":12}',
        "Active": "false",
        "TaxType": "6",
        "NodeFamily": "اشخاص: مشتریان",
    }
    saved = api.ok("contact/save", contact=body)
    expected = {
        **body,
        "Id": saved["Id"],
        "Code": "000001",
        "ContactType": 2,
        "RegistrationDate": "2023-03-21T00:00:00",
        "SharePercent": Decimal("12.5000"),
        "ContactCredit": 1500000,
        "Liability": 0,
        "Credits": 0,
        "Active": False,
        "TaxType": 6,
        "NodeId": saved["NodeId"],
        "NodeFamily": "اشخاص : مشتریان",
    }
    assert saved == expected
    assert api.ok("contact/get", code="1") == expected
    raw = api.call("contact/get", code="000001")
    assert raw["Result"]["SharePercent"] == Decimal("12.5000")


def test_amounts_are_rendered_at_four_decimals(api: Api) -> None:
    api.ok("contact/save", contact={"Name": "A", "ContactCredit": "1000"})
    response = api.client.post("/v1/contact/get", json={**api.auth(), "code": "000001"})
    assert b'"ContactCredit":1000.0000' in response.content
    assert b'"Liability":0.0000' in response.content


def test_name_is_built_from_first_and_last_name(api: Api) -> None:
    saved = api.ok("contact/save", contact={"FirstName": "Ali", "LastName": "Rezaei"})
    assert (saved["Name"], saved["FirstName"], saved["LastName"]) == (
        "Ali Rezaei",
        "Ali",
        "Rezaei",
    )
    only_last = api.ok("contact/save", contact={"Name": "", "LastName": "Karimi"})
    assert only_last["Name"] == "Karimi"


def test_missing_name_is_104_and_saves_nothing(api: Api) -> None:
    with api.unchanged("contact/getcontacts"):
        message = api.fail("contact/save", 104, contact={"Mobile": "0912", "Name": ""})
    assert "contact.Name" in message
    assert api.changes() == []
    # The failed save did not use up a code.
    assert api.ok("contact/save", contact={"Name": "A"})["Code"] == "000001"


def test_missing_contact_parameter_is_104(api: Api) -> None:
    assert "contact" in api.fail("contact/save", 104)


def test_keys_are_case_insensitive(api: Api) -> None:
    saved = api.ok(
        "contact/save",
        CONTACT={"NAME": "Ali", "contacttype": "1", "MOBILE": "0912", "code": 7},
    )
    assert (saved["Code"], saved["Name"], saved["ContactType"], saved["Mobile"]) == (
        "000007",
        "Ali",
        1,
        "0912",
    )
    assert api.ok("contact/get", CODE="7")["Id"] == saved["Id"]
    assert api.ok("contact/getbyid", IDLIST=[saved["Id"]])[0]["Code"] == "000007"
    listed = api.ok("CONTACT/GETCONTACTS", QUERYINFO={"TAKE": "5"})
    assert (listed["TotalCount"], [row["Code"] for row in listed["List"]]) == (
        2,
        [OWNER_CODE, "000007"],
    )


def test_empty_and_null_optional_fields_take_the_defaults(api: Api) -> None:
    saved = api.ok(
        "contact/save",
        contact={
            "Name": "Ali",
            "ContactType": "",
            "TaxType": None,
            "Active": "",
            "SharePercent": "",
            "ContactCredit": None,
            "RegistrationDate": "",
            "Mobile": None,
            "NodeFamily": None,
            "Tag": "",
        },
    )
    assert (
        saved["ContactType"],
        saved["TaxType"],
        saved["Active"],
        saved["SharePercent"],
        saved["ContactCredit"],
        saved["RegistrationDate"],
        saved["Mobile"],
        saved["NodeFamily"],
        saved["Tag"],
    ) == (0, None, True, 0, 0, TODAY, "", "اشخاص", "")


@pytest.mark.parametrize("code", ["123", 123, "00123", "000123", 123.0])
def test_numeric_codes_find_the_zero_padded_code(api: Api, code: Any) -> None:
    saved = api.ok("contact/save", contact={"Code": 123, "Name": "Ali"})
    assert saved["Code"] == "000123"
    assert api.ok("contact/get", code=code)["Id"] == saved["Id"]


def test_non_numeric_and_long_codes_are_kept(api: Api) -> None:
    assert api.ok("contact/save", contact={"Code": "C-1", "Name": "A"})["Code"] == "C-1"
    assert api.ok("contact/save", contact={"Code": "1234567", "Name": "B"})["Code"] == "1234567"
    assert api.ok("contact/get", code=" C-1 ")["Name"] == "A"
    assert api.ok("contact/get", code=1234567)["Name"] == "B"
    # Codes that are not purely numeric are matched exactly.
    assert "'c-1'" in api.fail("contact/get", 112, code="c-1")


def test_existing_code_edits_and_keeps_fields_not_sent(api: Api) -> None:
    first = api.ok(
        "contact/save", contact={"Name": "Ali", "Mobile": "0912", "Note": "old", "TaxType": 5}
    )
    edited = api.ok("contact/save", contact={"Code": "1", "Name": "Ali R", "Note": ""})
    assert (edited["Id"], edited["Code"], edited["Name"], edited["Mobile"], edited["Note"]) == (
        first["Id"],
        "000001",
        "Ali R",
        "0912",
        "",
    )
    assert edited["TaxType"] == 5
    assert edited["NodeFamily"] == "اشخاص"
    assert codes(api) == [OWNER_CODE, "000001"]


def test_unknown_code_creates_that_code_and_numbering_skips_it(api: Api) -> None:
    assert api.ok("contact/save", contact={"Code": "2", "Name": "B"})["Code"] == "000002"
    assert api.ok("contact/save", contact={"Name": "A"})["Code"] == "000001"
    assert api.ok("contact/save", contact={"Name": "C"})["Code"] == "000003"


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("ContactType", 3, "contact.ContactType"),
        ("ContactType", "abc", "contact.ContactType"),
        ("TaxType", 4, "contact.TaxType"),
        ("SharePercent", "101", "contact.SharePercent"),
        ("ContactCredit", "-1", "contact.ContactCredit"),
        ("RegistrationDate", "not a date", "contact.RegistrationDate"),
        ("Code", "x" * 51, "contact.Code"),
    ],
)
def test_invalid_values_are_114_and_change_nothing(
    api: Api, field: str, value: Any, named: str
) -> None:
    api.ok("contact/save", contact={"Name": "Ali", "ContactType": 1})
    message = api.fail("contact/save", 114, contact={"Code": "1", "Name": "New", field: value})
    assert named in message
    stored = api.ok("contact/get", code="000001")
    assert (stored["Name"], stored["ContactType"]) == ("Ali", 1)
    assert codes(api) == [OWNER_CODE, "000001"]
    assert [change["Action"] for change in api.changes()] == [31]


def test_tax_type_zero_means_not_set(api: Api) -> None:
    assert api.ok("contact/save", contact={"Name": "A", "TaxType": "0"})["TaxType"] is None


def test_batchsave_returns_contacts_in_input_order(api: Api) -> None:
    api.ok("contact/save", contact={"Name": "Existing", "Code": "5"})
    result = api.ok(
        "contact/batchsave",
        contacts=[
            {"Name": "First"},
            {"Code": 5, "Name": "Existing edited"},
            {"code": "C-9", "FirstName": "Third", "LastName": "Row"},
        ],
    )
    assert [(row["Code"], row["Name"]) for row in result] == [
        ("000001", "First"),
        ("000005", "Existing edited"),
        ("C-9", "Third Row"),
    ]
    assert [(c["Action"], c["Extra"]) for c in api.changes()] == [
        (31, "000005"),
        (31, "000001"),
        (32, "000005"),
        (31, "C-9"),
    ]


def test_batchsave_is_all_or_nothing(api: Api) -> None:
    api.ok("contact/save", contact={"Name": "Before", "Code": "1"})
    before = api.changes()
    message = api.fail(
        "contact/batchsave",
        104,
        contacts=[{"Name": "A"}, {"Code": "1", "Name": "Edited"}, {"Mobile": "0912"}],
    )
    assert "contacts[2].Name" in message
    assert codes(api) == [OWNER_CODE, "000001"]
    assert api.ok("contact/get", code="1")["Name"] == "Before"
    assert api.changes() == before


def test_batchsave_type_error_names_the_row(api: Api) -> None:
    with api.unchanged("contact/getcontacts"):
        message = api.fail(
            "contact/batchsave", 114, contacts=[{"Name": "A"}, {"Name": "B", "ContactType": "x"}]
        )
    assert "contacts[1].ContactType" in message
    with api.unchanged("contact/getcontacts"):
        message = api.fail(
            "contact/batchsave", 114, contacts=[{"Name": "A"}, {"Name": "B", "ContactType": 9}]
        )
    assert "contacts[1].ContactType" in message


def test_get_by_id_returns_known_ids_in_order(api: Api) -> None:
    first = api.ok("contact/save", contact={"Name": "A"})
    second = api.ok("contact/save", contact={"Name": "B"})
    result = api.ok("contact/getById", idList=[second["Id"], 999999, first["Id"]])
    assert [row["Code"] for row in result] == ["000002", "000001"]
    assert api.ok("contact/getById", idList=[]) == []
    assert api.ok("contact/getById", idList=[str(first["Id"])])[0]["Name"] == "A"


def test_get_without_code_is_104_and_unknown_code_is_112(api: Api) -> None:
    assert "code" in api.fail("contact/get", 104)
    assert "code" in api.fail("contact/get", 104, code="")
    assert "000042" in api.fail("contact/get", 112, code=42)


@pytest.fixture
def five(api: Api) -> Api:
    """Five contacts beside the owner the business starts with."""
    for name, mobile, city in [
        ("Ali", "0911", "Tehran"),
        ("Sara", "0912", "Shiraz"),
        ("Reza", "0911", "Tehran"),
        ("Mina", "0913", "Tabriz"),
        ("Omid", "0911", "Tehran"),
    ]:
        api.ok("contact/save", contact={"Name": name, "Mobile": mobile, "City": city})
    return api


def test_getcontacts_without_query_info(five: Api) -> None:
    result = five.ok("contact/getcontacts")
    assert (result["TotalCount"], result["FilteredCount"], result["From"], result["To"]) == (
        6,
        6,
        1,
        6,
    )
    assert [row["Code"] for row in result["List"]] == [
        OWNER_CODE,
        "000001",
        "000002",
        "000003",
        "000004",
        "000005",
    ]
    assert five.ok("contact/getcontacts", queryInfo=None)["TotalCount"] == 6


def test_getcontacts_filter_sort_skip_take(five: Api) -> None:
    result = five.ok(
        "contact/getcontacts",
        queryInfo={
            "SortBy": "Code",
            "SortDesc": True,
            "Skip": 1,
            "Take": 2,
            "Filters": [{"Property": "Mobile", "Operator": "=", "Value": "0911"}],
        },
    )
    assert (result["TotalCount"], result["FilteredCount"], result["From"], result["To"]) == (
        6,
        3,
        2,
        3,
    )
    assert [row["Name"] for row in result["List"]] == ["Reza", "Ali"]


def test_getcontacts_lower_case_query_and_several_filters(five: Api) -> None:
    result = five.ok(
        "contact/getcontacts",
        queryInfo={
            "take": "1",
            "filters": [
                {"property": "mobile", "operator": "=", "value": "0911"},
                {"property": "City", "operator": "=", "value": "Tehran"},
            ],
            "sortBy": "Name",
        },
    )
    assert (result["TotalCount"], result["FilteredCount"], result["From"], result["To"]) == (
        6,
        3,
        1,
        1,
    )
    assert result["List"][0]["Name"] == "Ali"


def test_getcontacts_code_in_accepts_numbers(five: Api) -> None:
    assert codes(
        five, Filters=[{"Property": "Code", "Operator": "in", "Value": [2, "000004"]}]
    ) == [
        "000002",
        "000004",
    ]
    assert codes(five, Filters={"Property": "Code", "Operator": "=", "Value": 5}) == ["000005"]


def test_getcontacts_id_filter_and_search(five: Api) -> None:
    ids = {row["Code"]: row["Id"] for row in five.ok("contact/getcontacts")["List"]}
    asked = [ids["000002"], ids["000003"]]
    assert codes(five, Filters=[{"Property": "Id", "Operator": "in", "Value": asked}]) == [
        "000002",
        "000003",
    ]
    assert codes(five, Search="sar") == ["000002"]


def test_getcontacts_query_fields_at_top_level(five: Api) -> None:
    result = five.ok("contact/getcontacts", SortBy="Code", SortDesc="true", Take=2, Skip=0)
    assert [row["Code"] for row in result["List"]] == ["000005", "000004"]
    assert (result["TotalCount"], result["From"], result["To"]) == (6, 1, 2)


def test_getcontacts_past_the_end(five: Api) -> None:
    result = five.ok("contact/getcontacts", queryInfo={"Skip": 10, "Take": 5})
    assert (result["TotalCount"], result["FilteredCount"], result["From"], result["To"]) == (
        6,
        6,
        0,
        10,
    )
    assert result["List"] == []


def test_getcontacts_unknown_property_is_114(five: Api) -> None:
    message = five.fail(
        "contact/getcontacts",
        114,
        queryInfo={"Filters": [{"Property": "Password", "Operator": "=", "Value": "x"}]},
    )
    assert "Password" in message
    assert "Password" not in five.fail("contact/getcontacts", 114, queryInfo={"SortBy": "Nope"})


def test_find_by_phone_or_email(api: Api) -> None:
    api.ok("contact/save", contact={"Name": "A", "Mobile": "09121111111", "Email": "A@x.com"})
    api.ok("contact/save", contact={"Name": "B", "Phone": "0215555", "Email": "b@x.com"})
    api.ok("contact/save", contact={"Name": "C", "Mobile": "09129999999"})

    def names(**params: Any) -> tuple[int, list[str]]:
        result = api.ok("contact/findByPhoneOrEmail", **params)
        return result["TotalCount"], [row["Name"] for row in result["List"]]

    assert names(mobile="09121111111") == (1, ["A"])
    assert names(email="a@X.com") == (1, ["A"])
    assert names(phone="0215555", mobile="", email=None) == (1, ["B"])
    assert names(mobile="09129999999", email="b@x.com") == (2, ["B", "C"])
    assert names(MOBILE="000") == (0, [])
    assert "mobile, phone or email" in api.fail(
        "contact/findByPhoneOrEmail", 104, mobile="", email=None
    )


def test_delete(api: Api) -> None:
    saved = api.ok("contact/save", contact={"Name": "A", "Code": "10"})
    assert api.ok("contact/delete", code=10) is True
    assert "000010" in api.fail("contact/get", 112, code="10")
    assert api.changes() == [
        {
            "Action": 31,
            "ObjectType": "Contact",
            "ObjectId": saved["Id"],
            "Extra": "000010",
            "API": True,
        },
        {
            "Action": 33,
            "ObjectType": "Contact",
            "ObjectId": saved["Id"],
            "Extra": "000010",
            "API": True,
        },
    ]


def test_delete_unknown_code_is_112_naming_it(api: Api) -> None:
    assert "000077" in api.fail("contact/delete", 112, code="77")
    assert "code" in api.fail("contact/delete", 104)
    assert api.changes() == []


@pytest.fixture
def referenced_contacts() -> Iterator[None]:
    def invoice_refers(session: Session, business_id: int, record_id: int) -> str | None:
        return "sales invoice 1001"

    references.register_referrer("contact", invoice_refers)
    yield
    references._REFERRERS["contact"].remove(invoice_refers)


def test_delete_of_a_referenced_contact_is_refused(api: Api, referenced_contacts: None) -> None:
    api.ok("contact/save", contact={"Name": "A"})
    message = api.fail("contact/delete", 190, code="1")
    assert message == "Contact 000001 cannot be deleted: sales invoice 1001 refers to it."
    assert api.ok("contact/get", code="1")["Name"] == "A"
    assert [change["Action"] for change in api.changes()] == [31]


def test_change_log_for_save_edit_delete(api: Api) -> None:
    saved = api.ok("contact/save", contact={"Name": "A"})
    api.ok("contact/save", contact={"Code": "000001", "Name": "B"})
    api.ok("contact/delete", code="000001")
    assert api.changes() == [
        {
            "Action": action,
            "ObjectType": "Contact",
            "ObjectId": saved["Id"],
            "Extra": "000001",
            "API": True,
        }
        for action in (31, 32, 33)
    ]


def test_balances_come_from_the_registered_provider(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = api.ok("contact/save", contact={"Name": "A"})

    def ledger(
        session: Session, business_id: int, ids: Any
    ) -> dict[int, contacts_service.ContactBalance]:
        return {saved["Id"]: contacts_service.ContactBalance(Decimal("250.5"), Decimal("10"))}

    monkeypatch.setattr(contacts_service, "_balance_provider", ledger)
    got = api.ok("contact/get", code="1")
    assert (got["Liability"], got["Credits"]) == (Decimal("250.5000"), 10)
    listed = api.ok("contact/getcontacts")["List"]
    assert [(row["Code"], row["Liability"], row["Credits"]) for row in listed] == [
        (OWNER_CODE, 0, 0),
        ("000001", Decimal("250.5000"), 10),
    ]


def test_tenancy(api: Api, other_api: Api) -> None:
    mine = api.ok("contact/save", contact={"Name": "Mine", "Mobile": "0912", "Code": "1"})
    assert "000001" in other_api.fail("contact/get", 112, code="1")
    assert other_api.ok("contact/getById", idList=[mine["Id"]]) == []
    listed = other_api.ok("contact/getcontacts")
    assert [(row["Code"], row["Name"]) for row in listed["List"]] == [(OWNER_CODE, "Other shop")]
    assert listed["TotalCount"] == 1
    assert other_api.ok("contact/findByPhoneOrEmail", mobile="0912")["TotalCount"] == 0
    assert "000001" in other_api.fail("contact/delete", 112, code="1")

    theirs = other_api.ok("contact/save", contact={"Code": "1", "Name": "Theirs"})
    assert theirs["Code"] == "000001"
    assert theirs["Id"] != mine["Id"]
    assert other_api.ok("contact/save", contact={"Name": "Next"})["Code"] == "000002"
    assert api.ok("contact/get", code="1")["Name"] == "Mine"
    listed = api.ok("contact/getcontacts")
    assert [(row["Code"], row["Name"]) for row in listed["List"]] == [OWNER, ("000001", "Mine")]
    assert listed["TotalCount"] == 2
    assert [c["Action"] for c in api.changes()] == [31]
    assert [c["Action"] for c in other_api.changes()] == [31, 31]
