"""Lists filter and sort amounts by their exact value on both databases: prices that a float
cannot tell apart (they differ past the 15th significant digit), 30 digits, negative bounds."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from hesabdar.contacts.service import OWNER_CODE
from tests.conftest import Api

# Saved in this order, so codes 000001.. are out of price order: a tie between two prices falls
# back to the code and shows.
PRICES = [
    "123456789012345.0002",
    "999999999999999999.9999",
    "123456789012345.0001",
    "0",
    "123456789012345.0003",
    "999999999999999999.9998",
]


@pytest.fixture
def priced(api: Api) -> Api:
    api.ok("item/batchsave", items=[{"Name": f"P{price}", "SellPrice": price} for price in PRICES])
    return api


def _codes(api: Api, **query: Any) -> list[str]:
    result = api.ok("item/getitems", queryInfo={"Take": 100, **query})
    assert result["FilteredCount"] == len(result["List"])
    return [row["Code"][-1] for row in result["List"]]


def test_prices_round_trip_exactly(priced: Api) -> None:
    listed = priced.ok("item/getitems", queryInfo={"Take": 100})["List"]
    assert [row["SellPrice"] for row in listed] == [Decimal(price) for price in PRICES]


def test_sorting_by_price_is_exact(priced: Api) -> None:
    assert _codes(priced, SortBy="SellPrice") == ["4", "3", "1", "5", "6", "2"]
    assert _codes(priced, SortBy="SellPrice", SortDesc=True) == ["2", "6", "5", "1", "3", "4"]


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        (">", "123456789012345.0001", ["1", "2", "5", "6"]),
        (">=", "123456789012345.0002", ["1", "2", "5", "6"]),
        ("<", "123456789012345.0002", ["3", "4"]),
        ("<=", "123456789012345.0001", ["3", "4"]),
        ("=", "123456789012345.0002", ["1"]),
        ("!=", "123456789012345.0002", ["2", "3", "4", "5", "6"]),
        ("in", ["123456789012345.0001", "123456789012345.0003"], ["3", "5"]),
        (">", "999999999999999999.9998", ["2"]),
        ("<", "999999999999999999.9999", ["1", "3", "4", "5", "6"]),
        # A bound with more decimals than prices have is compared as sent, not rounded.
        ("<", "123456789012345.00015", ["3", "4"]),
        ("=", "123456789012345.00015", []),
        # Negative bounds: no price is below zero.
        (">", "-0.0001", ["1", "2", "3", "4", "5", "6"]),
        (">=", "-123456789012345.0001", ["1", "2", "3", "4", "5", "6"]),
        ("<", "-0.0001", []),
        ("<=", "-0", ["4"]),
    ],
)
def test_price_filters_are_exact(
    priced: Api, operator: str, value: Any, expected: list[str]
) -> None:
    filters = [{"Property": "SellPrice", "Operator": operator, "Value": value}]
    assert _codes(priced, Filters=filters) == expected


def test_contact_credit_filter_and_sort(api: Api) -> None:
    credits = ["123456789012345.0002", "123456789012345.0001", "5"]
    api.ok("contact/batchsave", contacts=[{"Name": c, "ContactCredit": c} for c in credits])
    result = api.ok(
        "contact/getcontacts",
        queryInfo={
            "SortBy": "ContactCredit",
            "Filters": [{"Property": "ContactCredit", "Operator": ">", "Value": "-1"}],
        },
    )
    # The owner the business starts with has a credit limit of 0.
    assert [row["Code"] for row in result["List"]] == [OWNER_CODE, "000003", "000002", "000001"]
    above = api.ok(
        "contact/getcontacts",
        queryInfo={
            "Filters": [
                {"Property": "ContactCredit", "Operator": ">", "Value": "123456789012345.0001"}
            ]
        },
    )
    assert [row["Code"][-1] for row in above["List"]] == ["1"]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1E+999999"])
def test_a_bound_that_is_no_amount_is_114(api: Api, value: str) -> None:
    filters = [{"Property": "SellPrice", "Operator": ">", "Value": value}]
    message = api.fail("item/getitems", 114, queryInfo={"Filters": filters})
    assert "is not a valid decimal" in message
