"""Text longer than its column answers 114 naming the field, alike on SQLite (which would store
it) and PostgreSQL (which would fail); text that fits is stored whole."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api

CASH_LEDGER = "دارایی ها : دارایی های جاری : موجودی نقد و بانک"


def _year_start(api: Api) -> str:
    return str(api.ok("setting/GetFiscalYear")["StartDate"][:10])


CASES: list[tuple[str, str, int, Any]] = [
    ("setting/SaveBank", "bank.Name", 200, lambda text: {"bank": {"Name": text}}),
    ("setting/SaveBank", "bank.Iban", 64, lambda text: {"bank": {"Name": "B", "Iban": text}}),
    ("setting/SaveBank", "bank.Account", 64, lambda text: {"bank": {"Name": "B", "Account": text}}),
    ("setting/SaveProject", "project.Title", 200, lambda text: {"project": {"Title": text}}),
    ("setting/SaveWarehouse", "warehouse.Name", 200, lambda text: {"warehouse": {"Name": text}}),
    ("setting/SaveSalesman", "salesman.Name", 200, lambda text: {"salesman": {"Name": text}}),
    (
        "setting/SaveAccount",
        "account.name",
        200,
        lambda text: {"account": {"ParentPath": CASH_LEDGER, "Name": text}},
    ),
]


@pytest.mark.parametrize(("method", "where", "limit", "body"), CASES, ids=[c[1] for c in CASES])
def test_text_longer_than_its_column_is_refused(
    api: Api, method: str, where: str, limit: int, body: Any
) -> None:
    with api.unchanged("setting/GetBanks", "setting/GetProjects", "setting/GetAccounts"):
        message = api.fail(method, 114, **body("x" * (limit + 1)))
    assert message == (
        f"Invalid value for {where}: at most {limit} characters (got {limit + 1}) "
        f"(got '{'x' * 40}…')."
    )
    api.ok(method, **body("y" * limit))


def test_a_document_reference_longer_than_its_column(api: Api) -> None:
    api.ok("setting/SaveCash", cash={"Name": "C"})
    document = {
        "date": _year_start(api),
        "status": 1,
        "transactions": [
            {
                "accountPath": f"{CASH_LEDGER} : صندوق",
                "type": 0,
                "amount": 5,
                "cashCode": "0001",
            },
            {"accountPath": "فروش : فروش : فروش کالا : فروش کالا", "type": 1, "amount": 5},
        ],
    }
    with api.unchanged("document/getdocuments"):
        message = api.fail("document/save", 114, document={**document, "reference": "r" * 101})
    assert message.startswith("Invalid value for document.reference: at most 100 characters")
    saved = api.ok("document/save", document={**document, "reference": "r" * 100})
    assert saved["Reference"] == "r" * 100
