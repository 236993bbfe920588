"""``hesabdar serve --demo``: a demo business with sample data, through the API's own rules."""

from __future__ import annotations

from decimal import Decimal

from fastapi.testclient import TestClient

from hesabdar.contacts.service import OWNER_CODE
from hesabdar.db import Database
from hesabdar.demo import ensure_demo_business
from tests.conftest import Api


def test_demo_business_has_sample_data_and_balanced_books(
    database: Database, app_client: TestClient
) -> None:
    credentials = ensure_demo_business(database)
    api = Api(app_client, credentials)
    contacts = api.ok("contact/getcontacts", queryInfo={"Take": 100})
    assert [(row["Code"], row["Name"]) for row in contacts["List"]] == [
        (OWNER_CODE, "فروشگاه نمونه"),
        ("000001", "علی محمدی"),
        ("000002", "شرکت پخش البرز"),
    ]
    items = api.ok("item/getitems", queryInfo={"Take": 100})
    assert [(row["Code"], row["ItemType"]) for row in items["List"]] == [
        ("000001", 0),
        ("000002", 0),
        ("000003", 1),
    ]
    assert [row["Name"] for row in api.ok("setting/GetBanks")] == ["بانک ملت"]
    balance = api.ok("report/trialbalance")
    debit = sum(row["Debit"] for row in balance)
    credit = sum(row["Credit"] for row in balance)
    assert debit == credit == Decimal("2000000000")
    # The owner, holding the whole share, put in the opening capital.
    owner = api.ok("contact/get", code=OWNER_CODE)
    assert (owner["SharePercent"], owner["Credits"]) == (Decimal("100"), Decimal("2000000000"))


def test_second_demo_start_rotates_credentials_and_keeps_the_data(
    database: Database, app_client: TestClient
) -> None:
    first = ensure_demo_business(database)
    second = ensure_demo_business(database)
    assert second.business_id == first.business_id
    assert second.api_key != first.api_key
    assert Api(app_client, first).fail("contact/getcontacts", 107) == "No business has this apiKey."
    assert Api(app_client, second).ok("contact/getcontacts")["TotalCount"] == 3
