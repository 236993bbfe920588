"""queryInfo, one engine for every list method, exercised through contact/getcontacts."""

from __future__ import annotations

from typing import Any

import pytest

from hesabdar.contacts.service import OWNER_CODE
from tests.conftest import Api

# Listed by the last digit of their codes: the owner the business starts with (named after the
# business, no city, credit limit 0, a natural person, active, the first id) and CONTACTS.
OWNER = OWNER_CODE[-1]
CONTACTS = [
    {
        "Name": "Ali Rezaei",
        "City": "Tehran",
        "ContactCredit": "999999999999999.9999",
        "Active": True,
        "ContactType": 1,
    },
    {
        "Name": "Sara Ahmadi",
        "City": "Shiraz",
        "ContactCredit": "1500.5",
        "Active": False,
        "ContactType": 1,
    },
    {
        "Name": "Parsian Co",
        "City": "Tehran",
        "ContactCredit": "20",
        "Active": True,
        "ContactType": 2,
    },
    {
        "Name": "Reza Karimi",
        "City": "Tabriz",
        "ContactCredit": "0",
        "Active": True,
        "ContactType": 1,
    },
]


TOTAL = 1 + len(CONTACTS)


@pytest.fixture
def contacts(api: Api) -> Api:
    api.ok("contact/batchsave", contacts=CONTACTS)
    return api


def _codes(api: Api, query: dict[str, Any] | None) -> tuple[int, int, int, int, list[str]]:
    params = {} if query is None else {"queryInfo": query}
    result = api.ok("contact/getcontacts", **params)
    codes = [row["Code"][-1] for row in result["List"]]
    return result["TotalCount"], result["FilteredCount"], result["From"], result["To"], codes


def _filter(prop: str, op: str, value: Any) -> dict[str, Any]:
    return {"Filters": [{"Property": prop, "Operator": op, "Value": value}]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (None, [OWNER, "1", "2", "3", "4"]),
        ({}, [OWNER, "1", "2", "3", "4"]),
        (_filter("City", "=", "Tehran"), ["1", "3"]),
        (_filter("City", "!=", "Tehran"), [OWNER, "2", "4"]),
        (_filter("ContactCredit", ">", "20"), ["1", "2"]),
        (_filter("ContactCredit", ">=", "20"), ["1", "2", "3"]),
        (_filter("ContactCredit", "<", 20), [OWNER, "4"]),
        (_filter("ContactCredit", "<=", "1500.5000"), [OWNER, "2", "3", "4"]),
        (_filter("ContactCredit", "=", "999999999999999.9999"), ["1"]),
        (_filter("Code", "in", ["000002", "4"]), ["2", "4"]),
        (_filter("Code", "in", "000001,000003"), ["1", "3"]),
        (_filter("Name", "*", "reza"), ["1", "4"]),
        (_filter("Active", "=", "False"), ["2"]),
        (_filter("ContactType", "=", "2"), ["3"]),
        ({"Filters": {"Property": "Id", "Operator": "in", "Value": [1, 3]}}, [OWNER, "2"]),
        (
            {
                "Filters": [
                    {"Property": "City", "Operator": "=", "Value": "Tehran"},
                    {"Property": "Active", "Operator": "=", "Value": "true"},
                    {"Property": "ContactType", "Operator": "=", "Value": 1},
                ]
            },
            ["1"],
        ),
        ({"Search": "ahmadi"}, ["2"]),
        # Equal values (the owner's and 4's credit limits) keep the order of their ids.
        ({"SortBy": "ContactCredit", "SortDesc": True}, ["1", "2", "3", OWNER, "4"]),
        ({"SortBy": "contactcredit"}, [OWNER, "4", "3", "2", "1"]),
        ({"SortBy": "City", "SortDesc": "true"}, ["1", "3", "4", "2", OWNER]),
    ],
)
def test_filters_sort_and_search(
    contacts: Api, query: dict[str, Any] | None, expected: list[str]
) -> None:
    total, filtered, start, end, codes = _codes(contacts, query)
    assert codes == expected
    assert (total, filtered, start, end) == (TOTAL, len(expected), 1, len(expected))


def test_paging_and_large_take(contacts: Api) -> None:
    assert _codes(contacts, {"Take": 2, "Skip": 1}) == (TOTAL, TOTAL, 2, 3, ["1", "2"])
    everyone = [OWNER, "1", "2", "3", "4"]
    assert _codes(contacts, {"take": "1000000", "skip": "0"}) == (TOTAL, TOTAL, 1, 5, everyone)
    assert _codes(contacts, {"Take": 10, "Skip": 10}) == (TOTAL, TOTAL, 0, 10, [])
    tehran = {"Take": 1, **_filter("City", "=", "Tehran")}
    assert _codes(contacts, tehran) == (TOTAL, 2, 1, 1, ["1"])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            _filter("Password", "=", "x"),
            "queryInfo.Filters: unknown property 'Password'. Allowed: ",
        ),
        ({"SortBy": "Secret"}, "queryInfo.SortBy: unknown property 'Secret'. Allowed: "),
        (
            _filter("City", "~", "x"),
            "queryInfo.Filters: unknown operator '~' for 'City'. Use =, !=, <, <=, >, >=, in or *.",
        ),
        (
            _filter("ContactCredit", ">", "lots"),
            "queryInfo.Filters: value 'lots' of 'ContactCredit' is not a valid decimal.",
        ),
        (
            _filter("Active", "=", "maybe"),
            "queryInfo.Filters: value 'maybe' of 'Active' is not a valid bool.",
        ),
        ({"Skip": -1}, "queryInfo.Take and queryInfo.Skip must not be negative."),
    ],
)
def test_bad_queries_are_114_naming_the_problem(
    contacts: Api, query: dict[str, Any], message: str
) -> None:
    got = contacts.fail("contact/getcontacts", 114, queryInfo=query)
    assert got.startswith(message)


def test_filter_values_are_bound_parameters_never_sql(contacts: Api) -> None:
    injection = "x' OR '1'='1"
    assert _codes(contacts, _filter("Name", "=", injection)) == (TOTAL, 0, 0, 0, [])
    assert _codes(contacts, _filter("Name", "*", "%")) == (TOTAL, 0, 0, 0, [])
    assert _codes(contacts, _filter("Name", "*", "_")) == (TOTAL, 0, 0, 0, [])


@pytest.mark.parametrize(
    ("prop", "op", "value"),
    [
        # A value of the wrong type for its property: a list or an object where one value
        # goes, anything but a text for a date (a number was compared with the date column:
        # 100 on PostgreSQL, nothing found on SQLite), and so in an ``in`` list's items.
        ("Name", "=", ["Ali", "Sara"]),
        ("Name", "*", {"a": 1}),
        ("Code", "in", [["000001"]]),
        ("ContactType", "=", [1]),
        ("ContactCredit", "<", {}),
        ("Active", "=", [True]),
        ("RegistrationDate", ">", 20260602),
        ("RegistrationDate", "=", True),
        ("RegistrationDate", "in", [1, 2]),
        ("Name", "=", [list(range(100))]),
    ],
)
def test_filter_values_of_the_wrong_type_are_114_naming_the_filter(
    contacts: Api, prop: str, op: str, value: Any
) -> None:
    got = contacts.fail("contact/getcontacts", 114, queryInfo=_filter(prop, op, value))
    assert got.startswith("queryInfo.Filters: "), got
    assert f"'{prop}'" in got, got
    assert len(got) < 200, got
