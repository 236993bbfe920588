"""setting/GetCurrency, GetCurrencyTable, SetCurrencyTable."""

from __future__ import annotations

from decimal import Decimal

from hesabdar.currencies import service
from tests.conftest import Api


def test_base_currency(api: Api) -> None:
    assert api.ok("setting/GetCurrency") == {"Currency": "IRR"}
    assert api.ok("setting/getcurrency") == {"Currency": "IRR"}


def test_empty_table_at_first(api: Api) -> None:
    assert api.ok("setting/GetCurrencyTable") == []


def test_set_and_get_exact_rates(api: Api) -> None:
    result = api.ok(
        "setting/SetCurrencyTable",
        table=[
            {"from": "USD", "to": "IRR", "rate": "600000"},
            {"from": "irr", "to": "usd", "rate": "0.0000016667"},
            {"from": "EUR", "to": "IRR", "rate": 650000.5},
        ],
    )
    expected = [
        {"From": "USD", "To": "IRR", "Rate": 600000},
        {"From": "IRR", "To": "USD", "Rate": Decimal("0.0000016667")},
        {"From": "EUR", "To": "IRR", "Rate": Decimal("650000.5000000000")},
    ]
    assert result == expected
    assert api.ok("setting/GetCurrencyTable") == expected
    # The JSON carries the exact digits, never a float rendering.
    raw = api.client.post("/v1/setting/GetCurrencyTable", json=api.auth()).content
    assert b'"Rate":0.0000016667' in raw
    assert b'"Rate":600000.0000000000' in raw


def test_small_rate_round_trips_exactly(api: Api) -> None:
    api.ok("setting/SetCurrencyTable", table=[{"From": "USD", "To": "EUR", "Rate": 0.0000123457}])
    raw = api.client.post("/v1/setting/GetCurrencyTable", json=api.auth()).content
    assert b'"Rate":0.0000123457}' in raw
    database = api.client.app.state.database  # type: ignore[attr-defined]
    with database.transaction() as session:
        business_id = api.credentials.business_id
        assert service.get_rate(session, business_id, "usd", "EUR") == Decimal("0.0000123457")
        assert service.get_rate(session, business_id, "EUR", "USD") is None
        assert service.get_rate(session, business_id, "IRR", "IRR") == Decimal(1)


def test_set_replaces_the_table(api: Api) -> None:
    api.ok(
        "setting/SetCurrencyTable",
        table=[{"From": "USD", "To": "IRR", "Rate": 1}, {"From": "EUR", "To": "IRR", "Rate": 2}],
    )
    api.ok("setting/SetCurrencyTable", TABLE=[{"FROM": "AED", "TO": "IRR", "RATE": "3"}])
    assert api.ok("setting/GetCurrencyTable") == [{"From": "AED", "To": "IRR", "Rate": 3}]
    assert api.ok("setting/SetCurrencyTable", table=[]) == []
    assert api.ok("setting/GetCurrencyTable") == []
    changes = api.ok("setting/GetChanges", start=0)
    assert [(row["Action"], row["ObjectType"], row["Extra"]) for row in changes] == [
        (1071, "CurrencyTable", "USD/IRR,EUR/IRR"),
        (1071, "CurrencyTable", "AED/IRR"),
        (1071, "CurrencyTable", ""),
    ]


def _table_is(api: Api, expected: list[dict[str, object]]) -> None:
    assert api.ok("setting/GetCurrencyTable") == expected


def test_rejected_tables_change_nothing(api: Api) -> None:
    api.ok("setting/SetCurrencyTable", table=[{"From": "USD", "To": "IRR", "Rate": "5"}])
    before = [{"From": "USD", "To": "IRR", "Rate": 5}]
    good = {"From": "EUR", "To": "IRR", "Rate": "7"}
    cases: list[tuple[dict[str, object], int, str]] = [
        (
            {"From": "EUR", "To": "USD", "Rate": "0"},
            114,
            "Invalid value for table[1].Rate: a rate must be greater than 0 (got 0).",
        ),
        (
            {"From": "EUR", "To": "USD", "Rate": "-2"},
            114,
            "Invalid value for table[1].Rate: a rate must be greater than 0 (got -2).",
        ),
        (
            {"From": "EUR", "To": "USD", "Rate": "0.00000000001"},
            114,
            "Invalid value for table[1].Rate: at most 10 decimal places (got 0.00000000001).",
        ),
        (
            {"From": "EURO", "To": "USD", "Rate": "1"},
            114,
            "Invalid value for table[1].From: a currency is an ISO 4217 code such as IRR or "
            "USD, or IRT for the toman (got 'EURO').",
        ),
        (
            {"From": "zzz", "To": "USD", "Rate": "1"},
            114,
            "Invalid value for table[1].From: a currency is an ISO 4217 code such as IRR or "
            "USD, or IRT for the toman (got 'zzz').",
        ),
        ({"From": "EUR", "To": "U1D", "Rate": "1"}, 114, "table[1].To"),
        (
            {"From": "usd", "To": "USD", "Rate": "1"},
            114,
            "Invalid value for table[1]: From and To are both USD; "
            "a rate needs two different currencies.",
        ),
        (
            {"From": "eur", "To": "irr", "Rate": "8"},
            114,
            "Invalid value for table[1]: EUR to IRR is already given in table[0].",
        ),
        (
            {"From": "EUR", "To": "USD", "Rate": "1e20"},
            114,
            "Invalid value for table[1].Rate: must be less than 10^16 in absolute value (got '1e20').",
        ),
        ({"To": "USD", "Rate": "1"}, 104, "Missing parameter: table[1].From is required."),
        ({"From": "EUR", "To": "USD"}, 104, "Missing parameter: table[1].Rate is required."),
        ({"From": "EUR", "To": "USD", "Rate": ""}, 104, "table[1].Rate"),
        ({"From": "EUR", "To": "USD", "Rate": "abc"}, 114, "table[1].Rate"),
    ]
    for bad, code, message in cases:
        got = api.fail("setting/SetCurrencyTable", code, table=[good, bad])
        assert message in got, (bad, got)
        _table_is(api, before)
    assert api.fail("setting/SetCurrencyTable", 104) == "Missing parameter: table is required."
    _table_is(api, before)
    assert len(api.ok("setting/GetChanges", start=0)) == 1


def test_tenancy(api: Api, other_api: Api) -> None:
    api.ok("setting/SetCurrencyTable", table=[{"From": "USD", "To": "IRR", "Rate": "5"}])
    assert other_api.ok("setting/GetCurrencyTable") == []
    other_api.ok("setting/SetCurrencyTable", table=[])
    assert api.ok("setting/GetCurrencyTable") == [{"From": "USD", "To": "IRR", "Rate": 5}]


def test_the_toman_is_a_currency_and_zzz_is_not(api: Api) -> None:
    api.ok("setting/SaveBank", bank={"Name": "Toman account", "Currency": "irt"})
    assert [bank["Currency"] for bank in api.ok("setting/GetBanks")] == ["IRT"]
    with api.unchanged("setting/GetBanks"):
        message = api.fail("setting/SaveBank", 114, bank={"Name": "Z", "Currency": "zzz"})
    assert message == (
        "Invalid value for bank.Currency: a currency is an ISO 4217 code such as IRR or USD, "
        "or IRT for the toman (got 'zzz')."
    )
