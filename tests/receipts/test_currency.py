"""Receipts in another currency: the bank's currency, the rate given or from the table, and the
ledger in the base currency."""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import Api
from tests.ledger.helpers import BANK, BANK_FEES
from tests.receipts.helpers import AR, DAY, EXCHANGE_GAIN, balances, contact_balance, masters

D = Decimal


def test_dollars_into_a_dollar_bank_at_the_rate_given(ledger_api: Api) -> None:
    masters(ledger_api)
    receipt = ledger_api.ok(
        "receipt/save",
        type=1,
        dateTime=DAY,
        amount="100.5",
        contactCode="000001",
        bankCode="0002",
        currencyRate="500000",
        transactionFee="1",
    )
    assert (receipt["Currency"], receipt["Amount"]) == ("USD", D("100.5000"))
    assert balances(ledger_api) == {
        BANK: (D("50250000.0000"), D("500000.0000")),
        BANK_FEES: (D("500000.0000"), D(0)),
        AR: (D(0), D("50250000.0000")),
    }
    assert contact_balance(ledger_api, "000001") == (D(0), D("50250000.0000"))
    document = ledger_api.ok("document/get", number=1)
    assert [
        (line["Type"], line["Amount"], line["CurrencyAmount"], line["Currency"])
        for line in document["Transactions"]
    ] == [
        (0, D("50250000.0000"), D("100.5000"), "USD"),
        (0, D("500000.0000"), D("1.0000"), "USD"),
        (1, D("500000.0000"), D("1.0000"), "USD"),
        (1, D("50250000.0000"), D("100.5000"), "USD"),
    ]


def test_the_rate_comes_from_the_currency_table(ledger_api: Api) -> None:
    masters(ledger_api)
    ledger_api.ok("setting/SetCurrencyTable", table=[{"from": "USD", "to": "IRR", "rate": 420000}])
    receipt = ledger_api.ok(
        "receipt/save", type=1, dateTime=DAY, amount=2, contactCode="000001", bankCode="0002"
    )
    assert receipt["Currency"] == "USD"
    assert balances(ledger_api)[BANK] == (D("840000.0000"), D(0))


def test_rounding_at_a_fractional_rate_is_an_exchange_difference(ledger_api: Api) -> None:
    masters(ledger_api)
    ledger_api.ok(
        "receipt/save2",
        type=1,
        dateTime=DAY,
        currency="USD",
        currencyRate="0.33333",
        items=[{"contactCode": "000001", "amount": 1}, {"contactCode": "000002", "amount": 1}],
        transactions=[{"amount": 2, "bankCode": "0002"}],
    )
    # 2 × 0.33333 = 0.6667 in the bank; 0.3333 from each contact; 0.0001 left over.
    assert balances(ledger_api) == {
        BANK: (D("0.6667"), D(0)),
        AR: (D(0), D("0.6666")),
        EXCHANGE_GAIN: (D(0), D("0.0001")),
    }
