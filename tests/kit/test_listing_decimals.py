"""kit.listing filters and sorts decimal properties by exact value, on both databases: values
that a float cannot tell apart (16th significant digit and beyond), 30 digits, negatives."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select

from hesabdar.db import Database
from hesabdar.kit.errors import ParameterOutOfRange
from hesabdar.kit.listing import DefaultQuery, QueryField, QueryFields, run_query
from hesabdar.kit.types import Money, Rate

metadata = MetaData()
probe = Table(
    "listing_decimal_probe",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("amount", Money()),
    Column("rate", Rate()),
)
FIELDS = QueryFields(
    {
        "Amount": QueryField(probe.c.amount),
        "Rate": QueryField(probe.c.rate),
    },
    default_sort=(probe.c.id,),
)

# Ids deliberately out of value order, so that a tie falls back to an order that is wrong.
ROWS = {
    1: ("123456789012345.0002", "12345678901234567890.0000000002"),
    2: ("-123456789012345.0001", "-12345678901234567890.0000000001"),
    3: ("123456789012345.0001", "12345678901234567890.0000000001"),
    4: ("-123456789012345.0002", "-12345678901234567890.0000000002"),
    5: ("0.0000", "0.0000000000"),
    6: ("99999999999999999999999999.9999", "99999999999999999999.9999999999"),
    7: ("-99999999999999999999999999.9999", "-99999999999999999999.9999999999"),
    8: ("-0.0001", "-0.0000000001"),
}
BY_VALUE = [7, 4, 2, 8, 5, 3, 1, 6]  # the same order for amounts and for rates


@dataclass
class Filter:
    property: str
    operator: str
    value: Any


@pytest.fixture
def listed(database: Database) -> Iterator[Database]:
    metadata.create_all(database.engine)
    try:
        with database.transaction() as session:
            session.execute(
                insert(probe),
                [
                    {"id": key, "amount": Decimal(amount), "rate": Decimal(rate)}
                    for key, (amount, rate) in ROWS.items()
                ],
            )
        yield database
    finally:
        metadata.drop_all(database.engine)


def _ids(
    database: Database, *filters: Filter, sort_by: str | None = None, desc: bool = False
) -> list[int]:
    query = DefaultQuery(sort_by=sort_by, sort_desc=desc, take=100, filters=list(filters))
    with database.transaction(write=False) as session:
        page = run_query(session, select(probe.c.id), FIELDS, query)
    assert page.total_count == len(ROWS)
    assert page.filtered_count == len(page.rows)
    return list(page.rows)


@pytest.mark.parametrize("name", ["Amount", "Rate"])
def test_sorting_is_by_exact_value(listed: Database, name: str) -> None:
    assert _ids(listed, sort_by=name) == BY_VALUE
    assert _ids(listed, sort_by=name, desc=True) == BY_VALUE[::-1]


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        (">", "123456789012345.0001", [1, 6]),
        (">=", "123456789012345.0001", [1, 3, 6]),
        ("<", "123456789012345.0002", [2, 3, 4, 5, 7, 8]),
        ("<=", "-123456789012345.0002", [4, 7]),
        ("<", "-123456789012345.0001", [4, 7]),
        ("=", "123456789012345.0001", [3]),
        ("=", "123456789012345.00010", [3]),
        ("!=", "123456789012345.0001", [1, 2, 4, 5, 6, 7, 8]),
        ("in", ["123456789012345.0002", "-0.0001", "5"], [1, 8]),
        ("in", "99999999999999999999999999.9999,-99999999999999999999999999.9999", [6, 7]),
        (">", "99999999999999999999999999.9998", [6]),
        ("<", "-99999999999999999999999999.9998", [7]),
        ("=", "-0", [5]),
        (">", -1, [1, 3, 5, 6, 8]),
        # More decimals than the column holds: compared as sent, never rounded to 4 places.
        ("=", "123456789012345.00015", []),
        (">", "123456789012345.00015", [1, 6]),
        ("<", "-0.00005", [2, 4, 7, 8]),
        (">=", "-0.00005", [1, 3, 5, 6]),
        ("<", "1E-20", [2, 4, 5, 7, 8]),
    ],
)
def test_amount_filters_are_exact(
    listed: Database, operator: str, value: Any, expected: list[int]
) -> None:
    assert _ids(listed, Filter("Amount", operator, value)) == expected


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        (">", "12345678901234567890.0000000001", [1, 6]),
        ("<=", "-12345678901234567890.0000000001", [2, 4, 7]),
        ("=", "-0.0000000001", [8]),
        ("in", ["12345678901234567890.0000000002", "0"], [1, 5]),
        ("<", "-0.00000000005", [2, 4, 7, 8]),
    ],
)
def test_rate_filters_are_exact(
    listed: Database, operator: str, value: Any, expected: list[int]
) -> None:
    assert _ids(listed, Filter("Rate", operator, value)) == expected


def test_filter_and_sort_together(listed: Database) -> None:
    found = _ids(listed, Filter("Amount", "<", "0"), sort_by="Amount", desc=True)
    assert found == [8, 2, 4, 7]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf", "1E+999999", "abc", ""])
def test_values_that_are_no_amount_are_refused(listed: Database, value: str) -> None:
    with pytest.raises(ParameterOutOfRange, match="not a valid decimal"):
        _ids(listed, Filter("Amount", ">", value))
