"""A new business starts with one contact, its owner, holding the whole share: code 000000
(outside the codes the counter hands out), not in the change log, edited and deleted like any
contact; ``shareholders`` lists the contacts holding a share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hesabdar.contacts import service as contacts_service
from hesabdar.contacts.service import OWNER_CODE
from hesabdar.db import Database
from tests.conftest import SHOP_NAME, Api

TODAY = f"{date.today().isoformat()}T00:00:00"


def listed(api: Api) -> list[tuple[str, str, Any]]:
    result = api.ok("contact/getcontacts", queryInfo={"Take": 100})
    rows = [(row["Code"], row["Name"], row["SharePercent"]) for row in result["List"]]
    assert result["TotalCount"] == len(rows)
    return rows


def shareholders(database: Database, api: Api) -> list[tuple[str, Decimal]]:
    with database.transaction(write=False) as session:
        found = contacts_service.shareholders(session, api.credentials.business_id)
        return [(contact.code, contact.share_percent) for contact in found]


def test_a_new_business_lists_its_owner_only(api: Api) -> None:
    result = api.ok("contact/getcontacts")
    assert (result["TotalCount"], result["FilteredCount"], result["From"], result["To"]) == (
        1,
        1,
        1,
        1,
    )
    [owner] = result["List"]
    assert owner == {
        "Id": owner["Id"],
        "Code": "000000",
        "Name": SHOP_NAME,
        "Company": "",
        "FirstName": "",
        "LastName": "",
        "ContactType": 1,
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
        "Email": "owner@example.com",
        "Website": "",
        "RegistrationDate": TODAY,
        "Note": "",
        "SharePercent": 100,
        "Liability": 0,
        "Credits": 0,
        "ContactCredit": 0,
        "Tag": "",
        "Active": True,
        "TaxType": None,
        "NodeId": owner["NodeId"],
        "NodeFamily": "اشخاص",
    }
    assert OWNER_CODE == "000000"
    assert isinstance(owner["Id"], int)
    assert isinstance(owner["NodeId"], int)
    raw = api.call("contact/get", code="000000")
    assert raw["Result"]["SharePercent"] == Decimal("100.0000")
    # Numeric codes find it as they find any zero-padded code.
    assert api.ok("contact/get", code=0) == api.ok("contact/get", code="0") == owner
    assert api.ok("contact/getById", idList=[owner["Id"]]) == [owner]
    assert api.ok("contact/findByPhoneOrEmail", email="OWNER@example.com")["List"] == [owner]
    # Made with the business, not by a request: nothing to announce.
    assert api.changes() == []


def test_each_business_has_its_own_owner(api: Api, other_api: Api) -> None:
    mine = api.ok("contact/get", code=OWNER_CODE)
    theirs = other_api.ok("contact/get", code=OWNER_CODE)
    assert (theirs["Name"], theirs["Email"], theirs["SharePercent"]) == (
        "Other shop",
        "other@example.com",
        100,
    )
    assert theirs["Id"] != mine["Id"]
    assert theirs["NodeId"] != mine["NodeId"]
    assert other_api.ok("contact/getById", idList=[mine["Id"]]) == []
    assert other_api.ok("contact/findByPhoneOrEmail", email="owner@example.com")["List"] == []
    assert (api.changes(), other_api.changes()) == ([], [])


def test_the_next_contact_without_a_code_gets_000001(api: Api) -> None:
    assert api.ok("contact/save", contact={"Name": "Ali"})["Code"] == "000001"
    assert api.ok("contact/save", contact={"Code": "", "Name": "Sara"})["Code"] == "000002"
    batch = api.ok("contact/batchsave", contacts=[{"Name": "Reza"}, {"Code": None, "Name": "Mina"}])
    assert [row["Code"] for row in batch] == ["000003", "000004"]
    assert listed(api) == [
        (OWNER_CODE, SHOP_NAME, 100),
        ("000001", "Ali", 0),
        ("000002", "Sara", 0),
        ("000003", "Reza", 0),
        ("000004", "Mina", 0),
    ]
    assert [(change["Action"], change["Extra"]) for change in api.changes()] == [
        (31, "000001"),
        (31, "000002"),
        (31, "000003"),
        (31, "000004"),
    ]


def test_the_owner_is_edited_like_any_contact(api: Api) -> None:
    before = api.ok("contact/get", code=OWNER_CODE)
    edited = api.ok(
        "contact/save",
        contact={"Code": "0", "SharePercent": "60", "Mobile": "09121234567"},
    )
    assert edited == {**before, "SharePercent": 60, "Mobile": "09121234567"}
    assert api.ok("contact/get", code=OWNER_CODE) == edited
    partner = api.ok("contact/save", contact={"Name": "Partner", "SharePercent": "40"})
    assert partner["Code"] == "000001"
    assert listed(api) == [(OWNER_CODE, SHOP_NAME, 60), ("000001", "Partner", 40)]
    assert api.changes() == [
        {
            "Action": 32,
            "ObjectType": "Contact",
            "ObjectId": before["Id"],
            "Extra": OWNER_CODE,
            "API": True,
        },
        {
            "Action": 31,
            "ObjectType": "Contact",
            "ObjectId": partner["Id"],
            "Extra": "000001",
            "API": True,
        },
    ]


def test_an_invalid_share_for_the_owner_is_114_and_changes_nothing(api: Api) -> None:
    with api.unchanged("contact/getcontacts"):
        message = api.fail("contact/save", 114, contact={"Code": OWNER_CODE, "SharePercent": 101})
    assert message == (
        "Invalid value for contact.SharePercent: must be between 0 and 100 (got 101)."
    )
    with api.unchanged("contact/getcontacts"):
        message = api.fail(
            "contact/batchsave",
            114,
            contacts=[{"Code": OWNER_CODE, "SharePercent": 50}, {"Name": "B", "SharePercent": -1}],
        )
    assert (
        message == "Invalid value for contacts[1].SharePercent: must be between 0 and 100 (got -1)."
    )


def test_the_owner_is_deleted_like_any_contact(api: Api) -> None:
    owner = api.ok("contact/get", code=OWNER_CODE)
    assert api.ok("contact/delete", code=OWNER_CODE) is True
    assert "000000" in api.fail("contact/get", 112, code=OWNER_CODE)
    assert listed(api) == []
    assert api.changes() == [
        {
            "Action": 33,
            "ObjectType": "Contact",
            "ObjectId": owner["Id"],
            "Extra": OWNER_CODE,
            "API": True,
        }
    ]
    # The counter's codes are as they were.
    assert api.ok("contact/save", contact={"Name": "Ali"})["Code"] == "000001"
    assert "000000" in api.fail("contact/delete", 112, code=0)


def test_shareholders_are_the_contacts_holding_a_share_by_code(
    api: Api, other_api: Api, database: Database
) -> None:
    assert shareholders(database, api) == [(OWNER_CODE, Decimal(100))]
    api.ok(
        "contact/batchsave",
        contacts=[
            {"Code": "B-1", "Name": "Late partner", "SharePercent": "12.5"},
            {"Name": "Customer"},
            {"Name": "Partner", "SharePercent": "37.5"},
            {"Code": OWNER_CODE, "SharePercent": "50"},
        ],
    )
    assert shareholders(database, api) == [
        (OWNER_CODE, Decimal(50)),
        ("000002", Decimal("37.5")),
        ("B-1", Decimal("12.5")),
    ]
    # Another business's shareholders are its own.
    other_api.ok("contact/save", contact={"Name": "Theirs", "SharePercent": "5"})
    assert shareholders(database, other_api) == [(OWNER_CODE, Decimal(100)), ("000001", Decimal(5))]
    # A share of 0 holds nothing; a deleted contact holds nothing.
    api.ok("contact/save", contact={"Code": OWNER_CODE, "SharePercent": 0})
    api.ok("contact/delete", code="B-1")
    assert shareholders(database, api) == [("000002", Decimal("37.5"))]
    assert listed(api) == [
        (OWNER_CODE, SHOP_NAME, 0),
        ("000001", "Customer", 0),
        ("000002", "Partner", Decimal("37.5000")),
    ]
    api.ok("contact/delete", code="2")
    assert shareholders(database, api) == []
