"""A filter value of the wrong type for its property answers 114 naming the property, before
any statement runs; the type each property takes is read from its column."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SHOP_NAME, Api


@pytest.fixture
def shop(api: Api) -> Api:
    api.ok("contact/batchsave", contacts=[{"Name": "Ali", "ContactCredit": "10"}, {"Name": "Sara"}])
    return api


def _query(prop: str, op: str, value: Any) -> dict[str, Any]:
    return {"queryInfo": {"Filters": [{"Property": prop, "Operator": op, "Value": value}]}}


@pytest.mark.parametrize(
    ("prop", "op", "value", "says"),
    [
        (
            "RegistrationDate",
            "=",
            20240101,
            "value 20240101 of 'RegistrationDate' is not a valid date.",
        ),
        (
            "RegistrationDate",
            ">",
            "garbage",
            "value 'garbage' of 'RegistrationDate' is not a valid date.",
        ),
        ("RegistrationDate", "=", True, "value True of 'RegistrationDate' is not a valid date."),
        ("Id", "=", "seven", "value 'seven' of 'Id' is not a valid int."),
        ("ContactType", "<", "1.5", "value '1.5' of 'ContactType' is not a valid int."),
        ("ContactCredit", ">=", "ten", "value 'ten' of 'ContactCredit' is not a valid decimal."),
        ("Active", "=", "perhaps", "value 'perhaps' of 'Active' is not a valid bool."),
        (
            "Name",
            "=",
            ["Ali", "Sara"],
            "operator '=' of 'Name' takes one value (got ['Ali', 'Sara']).",
        ),
        ("Id", "<", [1], "operator '<' of 'Id' takes one value (got [1])."),
        ("Name", "*", {"a": 1}, "operator '*' of 'Name' takes one value (got {'a': 1})."),
        ("Id", "in", 5, "operator 'in' of 'Id' takes a list of values (got 5)."),
        ("Id", "in", {"a": 1}, "operator 'in' of 'Id' takes a list of values (got {'a': 1})."),
        ("Id", "in", [1, [2]], "the values of 'in' of 'Id' are single values (got [2])."),
        (
            "RegistrationDate",
            "in",
            ["2024-01-01", 7],
            "value 7 of 'RegistrationDate' is not a valid date.",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_114_naming_the_property(
    shop: Api, prop: str, op: str, value: Any, says: str
) -> None:
    with shop.unchanged():
        message = shop.fail("contact/getcontacts", 114, **_query(prop, op, value))
    assert message == f"queryInfo.Filters: {says}"


def test_the_same_rules_hold_for_items_and_documents(api: Api) -> None:
    message = api.fail("item/getitems", 114, **_query("SellPrice", "=", [1]))
    assert message == "queryInfo.Filters: operator '=' of 'SellPrice' takes one value (got [1])."
    message = api.fail("document/getdocuments", 114, **_query("Date", "=", 5))
    assert message == "queryInfo.Filters: value 5 of 'Date' is not a valid date."
    message = api.fail("document/getdocuments", 114, **_query("Number", "in", "1,x"))
    assert message == "queryInfo.Filters: value 'x' of 'Number' is not a valid int."


def test_values_of_the_right_type_still_filter(shop: Api) -> None:
    def names(prop: str, op: str, value: Any) -> list[str]:
        result = shop.ok("contact/getcontacts", **_query(prop, op, value))
        return [row["Name"] for row in result["List"]]

    ids = {row["Name"]: row["Id"] for row in shop.ok("contact/getcontacts")["List"]}
    assert names("ContactCredit", ">", 5) == ["Ali"]
    assert names("Id", "in", f"{ids['Ali']}, {ids['Sara']}") == ["Ali", "Sara"]
    assert names("Code", "=", 2) == ["Sara"]
    assert names("Active", "=", "True") == [SHOP_NAME, "Ali", "Sara"]
    assert names("RegistrationDate", "<", "1400/01/01") == []
