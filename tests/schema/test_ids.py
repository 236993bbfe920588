"""Ids that clients see never name another row later: a deleted row's Id is not handed out
again, on SQLite (AUTOINCREMENT) as on PostgreSQL (sequences)."""

from __future__ import annotations

from tests.conftest import Api


def test_a_deleted_contacts_id_is_never_given_again(api: Api) -> None:
    first = api.ok("contact/save", contact={"Name": "یک"})
    second = api.ok("contact/save", contact={"Name": "دو"})
    assert api.ok("contact/delete", code=second["Code"]) is True
    third = api.ok("contact/save", contact={"Name": "سه"})
    assert first["Id"] < second["Id"] < third["Id"]


def test_a_deleted_documents_id_is_never_given_again(api: Api) -> None:
    api.ok("setting/SaveCash", cash={"Name": "صندوق"})
    year = api.ok("setting/GetFiscalYear")
    document = {
        "date": year["StartDate"][:10],
        "status": 1,
        "transactions": [
            {
                "accountPath": "دارایی ها : دارایی های جاری : موجودی نقد و بانک : صندوق",
                "type": 0,
                "amount": 5,
                "cashCode": "0001",
            },
            {"accountPath": "فروش : فروش : فروش کالا : فروش کالا", "type": 1, "amount": 5},
        ],
    }
    saved = api.ok("document/save", document=document)
    api.ok("document/delete", number=saved["Number"])
    again = api.ok("document/save", document=document)
    assert again["Id"] > saved["Id"]
    assert [line["Id"] for line in again["Transactions"]] > [
        line["Id"] for line in saved["Transactions"]
    ]
