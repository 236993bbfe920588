"""JSON numbers are read exactly, and every numeric field is bounded by what its column holds:
a value out of range is 114 naming the field, decided before any arithmetic on it."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Api
from tests.ledger.helpers import make_masters, simple

EXACT = "1234567890123.4567"


def raw_call(api: Api, path: str, body: str) -> dict[str, Any]:
    """Posts ``body`` as written (its numbers as JSON numbers, not strings)."""
    auth = json.dumps(api.auth())[1:-1]
    response = api.client.post(
        f"/v1/{path}",
        content=f"{{{auth}, {body}}}",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = json.loads(response.text, parse_float=Decimal)
    return answer


def refused(answer: dict[str, Any], field: str) -> str:
    assert answer["Success"] is False, answer
    assert answer["ErrorCode"] == 114, answer
    message: str = answer["ErrorMessage"]
    assert field.lower() in message.lower(), message
    return message


def test_an_item_price_sent_as_a_json_number_round_trips_exactly(api: Api) -> None:
    answer = raw_call(api, "item/save", f'"item": {{"Name": "exact", "SellPrice": {EXACT}}}')
    assert answer["Success"] is True, answer
    item = api.ok("item/get", code=answer["Result"]["Code"])
    assert item["SellPrice"] == Decimal(EXACT)


def test_a_document_amount_sent_as_a_json_number_round_trips_exactly(api: Api) -> None:
    make_masters(api)
    document = json.dumps(simple(api, amount="@")).replace('"@"', EXACT)
    answer = raw_call(api, "document/save", f'"document": {document}')
    assert answer["Success"] is True, answer
    saved = api.ok("document/get", number=answer["Result"]["Number"])
    assert [line["Amount"] for line in saved["Transactions"]] == [Decimal(EXACT)] * 2
    assert saved["Debit"] == Decimal(EXACT)
    assert (
        f'"Amount":{EXACT}'
        in api.client.post("/v1/document/get", json={**api.auth(), "number": saved["Number"]}).text
    )


BOOKS = ("report/trialbalance", "contact/getcontacts", "document/getdocuments")


def test_an_amount_of_ten_to_the_24_is_refused_and_the_books_stay_readable(api: Api) -> None:
    make_masters(api)
    api.ok("document/save", document=simple(api, amount="1000"))
    with api.unchanged(*BOOKS):
        document = json.dumps(simple(api, amount="@")).replace('"@"', str(10**24))
        message = refused(raw_call(api, "document/save", f'"document": {document}'), "Amount")
        assert "transactions[0]" in message.lower(), message
        refused(api.call("document/save", document=simple(api, amount="1e24")), "Amount")
    balances = api.ok("report/trialbalance")
    assert {row["Debit"] + row["Credit"] for row in balances} == {Decimal(1000)}


def test_the_largest_amount_is_accepted_and_one_more_is_not(api: Api) -> None:
    make_masters(api)
    largest = "999999999999999999.9999"
    api.ok("document/save", document=simple(api, amount=largest))
    assert {row["Debit"] + row["Credit"] for row in api.ok("report/trialbalance")} == {
        Decimal(largest)
    }
    refused(api.call("document/save", document=simple(api, amount="1e18")), "Amount")


def test_take_past_64_bits_is_refused(api: Api) -> None:
    answer = raw_call(api, "contact/getcontacts", '"queryInfo": {"Take": 9223372036854775808}')
    refused(answer, "Take")
    api.ok("contact/getcontacts", queryInfo={"Take": 9223372036854775807})


def test_a_huge_exponent_filter_is_refused_at_once(api: Api) -> None:
    for value in ("1e1000000", "1e999999999", "-1e1000000.5"):
        started = time.perf_counter()
        answer = api.call(
            "contact/getcontacts",
            queryInfo={"Filters": [{"Property": "Id", "Operator": "=", "Value": value}]},
        )
        assert time.perf_counter() - started < 1
        refused(answer, "Id")


def test_a_huge_exponent_price_is_refused(api: Api) -> None:
    with api.unchanged("item/getitems"):
        refused(api.call("item/save", item={"Name": "x", "SellPrice": "1e1000000"}), "SellPrice")
        answer = raw_call(api, "item/save", '"item": {"Name": "x", "SellPrice": 1e1000000}')
        refused(answer, "SellPrice")


def test_nan_and_infinity_are_not_numbers(api: Api) -> None:
    for value in ("NaN", "Infinity", "-Infinity"):
        refused(api.call("item/save", item={"Name": "x", "SellPrice": value}), "SellPrice")
        answer = raw_call(api, "item/save", f'"item": {{"Name": "x", "SellPrice": {value}}}')
        assert answer["ErrorCode"] == 103, answer


def test_a_body_nested_past_the_stack_is_unparseable(api: Api) -> None:
    answer = raw_call(api, "item/save", '"item": ' + "[" * 100_000 + "]" * 100_000)
    assert answer["ErrorCode"] == 103, answer


# Each numeric kind, through a method whose field has it: (path, field, build the params).
KINDS: list[tuple[str, str, Any]] = [
    ("item/save", "SellPrice", lambda v: {"item": {"Name": "n", "SellPrice": v}}),
    ("item/save", "ConversionFactor", lambda v: {"item": {"Name": "n", "ConversionFactor": v}}),
    ("contact/save", "ContactCredit", lambda v: {"contact": {"Name": "n", "ContactCredit": v}}),
    (
        "setting/SetCurrencyTable",
        "Rate",
        lambda v: {"table": [{"From": "USD", "To": "IRR", "Rate": v}]},
    ),
    ("contact/getcontacts", "Take", lambda v: {"queryInfo": {"Take": v}}),
    ("contact/getById", "idList", lambda v: {"idList": [v]}),
    (
        "contact/getcontacts",
        "Id",
        lambda v: {"queryInfo": {"Filters": {"Property": "Id", "Value": v}}},
    ),
    (
        "contact/getcontacts",
        "ContactCredit",
        lambda v: {"queryInfo": {"Filters": {"Property": "ContactCredit", "Value": v}}},
    ),
]

numbers = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80),
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: abs(d.adjusted()) < 400
    ),
    st.builds(
        lambda mantissa, exponent: f"{mantissa}e{exponent}",
        st.integers(-999, 999),
        st.integers(-(10**7), 10**7),
    ),
    st.sampled_from(["1e18", "-1e18", "999999999999999999.9999", "1e-30", "-0", "0.00005"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(KINDS), value=numbers, as_text=st.booleans())
def test_any_number_is_answered_or_refused_with_114_never_100(
    api: Api, kind: tuple[str, str, Any], value: int | Decimal | str, as_text: bool
) -> None:
    path, field, params = kind
    sent = str(value) if as_text or isinstance(value, str) else value
    before = api.state("item/getitems", "contact/getcontacts", "setting/GetCurrencyTable")
    if isinstance(sent, str):
        answer = api.call(path, **params(sent))
    else:
        body = json.dumps(params("@"))[1:-1].replace('"@"', str(sent))
        answer = raw_call(api, path, body)
    assert answer["ErrorCode"] in (0, 112, 114, 190), answer
    if answer["ErrorCode"] == 114:
        assert field.lower() in answer["ErrorMessage"].lower(), answer
    if answer["ErrorCode"] != 0:
        assert api.state("item/getitems", "contact/getcontacts", "setting/GetCurrencyTable") == (
            before
        )
