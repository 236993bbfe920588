"""receipt/get, GetById and getReceipts: by type and number, by id, listed; one business never
sees another's receipts."""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import Api
from tests.receipts.helpers import DAY, masters


def _receive(api: Api, amount: int, day: str = DAY, **extra: object) -> dict[str, object]:
    result: dict[str, object] = api.ok(
        "receipt/save",
        type=1,
        dateTime=day,
        amount=amount,
        contactCode="000001",
        cashCode="0001",
        **extra,
    )
    return result


def test_get_by_id_and_id_list(ledger_api: Api) -> None:
    masters(ledger_api)
    first = _receive(ledger_api, 100)
    second = _receive(ledger_api, 200)
    paid = ledger_api.ok(
        "receipt/save", type=2, dateTime=DAY, amount=50, contactCode="000002", cashCode="0001"
    )
    assert ledger_api.ok("receipt/GetById", type=1, id=second["Id"]) == second
    assert ledger_api.ok("receipt/GetById", id=paid["Id"]) == paid
    listed = ledger_api.ok(
        "receipt/GetById", type="1", idList=[second["Id"], 999999, first["Id"], paid["Id"]]
    )
    assert listed == [second, first]
    message = ledger_api.fail("receipt/GetById", 112, type=2, id=first["Id"])
    assert message == f"id: receipt with id {first['Id']} of type 2 does not exist."
    assert ledger_api.fail("receipt/GetById", 104) == "Missing parameter: id is required."


def test_get_receipts_filters_sorts_and_pages(ledger_api: Api) -> None:
    masters(ledger_api)
    for amount, day in ((100, "2022-05-03"), (200, "2022-05-01"), (300, "2022-05-02")):
        _receive(ledger_api, amount, day, description=f"r{amount}")
    page = ledger_api.ok(
        "receipt/getReceipts",
        type=1,
        queryInfo={"SortBy": "DateTime", "SortDesc": True, "Take": 2, "Skip": 0},
    )
    assert (page["TotalCount"], page["FilteredCount"], page["From"], page["To"]) == (3, 3, 1, 2)
    assert [row["Number"] for row in page["List"]] == [1, 3]
    filtered = ledger_api.ok(
        "receipt/getReceipts",
        type=1,
        queryInfo={"filters": [{"property": "Amount", "operator": ">", "value": "150"}]},
    )
    assert [row["Amount"] for row in filtered["List"]] == [Decimal("200.0000"), Decimal("300.0000")]
    assert ledger_api.ok("receipt/getReceipts", type=2)["TotalCount"] == 0
    message = ledger_api.fail("receipt/getReceipts", 114, type=1, queryInfo={"SortBy": "Colour"})
    assert message.startswith("queryInfo.SortBy: unknown property 'Colour'.")


def test_another_business_sees_none_of_them(ledger_api: Api, ledger_other_api: Api) -> None:
    masters(ledger_api)
    masters(ledger_other_api)
    saved = _receive(ledger_api, 100)
    assert ledger_other_api.ok("receipt/getReceipts", type=1)["TotalCount"] == 0
    assert ledger_other_api.fail("receipt/get", 112, type=1, number=1) == (
        "number: receipt 1 of type 1 does not exist."
    )
    assert ledger_other_api.ok("receipt/GetById", idList=[saved["Id"]]) == []
    assert ledger_other_api.fail("receipt/delete", 112, type=1, number=1) == (
        "number: receipt 1 of type 1 does not exist."
    )
    # Its own first receipt is its number 1, not a clash with the other business's.
    assert _receive(ledger_other_api, 5)["Number"] == 1
    assert ledger_api.ok("receipt/get", type=1, number=1)["Amount"] == Decimal("100.0000")
