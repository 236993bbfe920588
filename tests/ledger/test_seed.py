"""The seed's own document/save example, sent verbatim."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api
from tests.ledger.helpers import ADVANCE, CASH, SEED_DOCUMENT, make_masters, seed_document


def _expected(document_id: int, line_ids: list[int], number: int) -> dict[str, Any]:
    description = "پیش دریافت وجه از آقای محمدی"
    line = {
        "Description": description,
        "Info": "",
        "Amount": 1000.0,
        "CurrencyAmount": 1000.0,
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
        "Debit": 1000.0,
        "Credit": 1000.0,
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
    # The seed edits document 415; a new business has none, so it is created with number 0.
    created = ledger_api.ok("document/save", document=seed_document(number=0))
    line_ids = [line["Id"] for line in created["Transactions"]]
    expected = _expected(created["Id"], line_ids, 1)
    assert created == expected
    assert ledger_api.ok("document/get", number=1) == expected
    # Sent verbatim again, now as an edit of an existing document (415 does not exist: 112).
    message = ledger_api.fail("document/save", 112, document=SEED_DOCUMENT)
    assert message == "number: document 415 does not exist."
    edited = ledger_api.ok("document/save", document=seed_document(number=1))
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
