"""The seed's own document/save example, sent verbatim."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.conftest import Api
from tests.ledger.helpers import ADVANCE, CASH, SEED_DOCUMENT, make_masters, seed_document


def _expected(document_id: int, line_ids: list[int], number: int) -> dict[str, Any]:
    description = "پیش دریافت وجه از آقای محمدی"
    line = {
        "Description": description,
        "Info": "",
        "Amount": Decimal("1000.0000"),
        "CurrencyAmount": Decimal("1000.0000"),
        "Currency": "IRR",
        "ProductCode": "",
        "BankCode": "",
        "PettyCashCode": "",
    }
    return {
        "Id": document_id,
        "Number": number,
        "Reference": 441,
        "Date": "2022-11-26T00:00:00",
        "Description": description,
        "Project": "",
        "Debit": Decimal("1000.0000"),
        "Credit": Decimal("1000.0000"),
        "Status": 1,
        "Transactions": [
            {
                **line,
                "Id": line_ids[0],
                "AccountPath": ADVANCE,
                "Type": 1,
                "ContactCode": "000001",
                "CashCode": "",
            },
            {
                **line,
                "Id": line_ids[1],
                "AccountPath": CASH,
                "Type": 0,
                "ContactCode": "",
                "CashCode": "0001",
            },
        ],
    }


def test_seed_example_saves_and_reads_back(ledger_api: Api) -> None:
    masters = make_masters(ledger_api)
    assert (masters["contact"], masters["cash"]) == ("000001", "0001")
    # Sent verbatim: number 415 is not used yet, so the document is created with it.
    created = ledger_api.ok("document/save", document=SEED_DOCUMENT)
    line_ids = [line["Id"] for line in created["Transactions"]]
    expected = _expected(created["Id"], line_ids, 415)
    assert created == expected
    assert ledger_api.ok("document/get", number=415) == expected
    # The next automatic number is 1; 415 stays taken.
    second = ledger_api.ok("document/save", document=seed_document(number=0))
    assert second["Number"] == 1
    ledger_api.ok("document/delete", number=1)
    # Sent verbatim again, it edits document 415.
    again = ledger_api.ok("document/save", document=SEED_DOCUMENT)
    assert again["Id"] == created["Id"]
    assert again == {**expected, "Transactions": again["Transactions"]}
    edited = ledger_api.ok("document/save", document=seed_document(number=415))
    assert edited["Id"] == created["Id"]
    assert edited == {**expected, "Transactions": edited["Transactions"]}
    assert [
        {key: value for key, value in line.items() if key != "Id"}
        for line in edited["Transactions"]
    ] == [
        {key: value for key, value in line.items() if key != "Id"}
        for line in expected["Transactions"]
    ]
    listed = ledger_api.ok("document/getdocuments", queryInfo={"sortBy": "Date", "sortDesc": True})
    assert listed == {
        "TotalCount": 1,
        "FilteredCount": 1,
        "From": 1,
        "To": 1,
        "List": [{**expected, "Transactions": []}],
    }
