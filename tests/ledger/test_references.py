"""A contact, item, bank, cash box, petty cash or project used by a document is not deleted."""

from __future__ import annotations

from typing import Any

import pytest

from hesabdar.db import Database
from hesabdar.kit.errors import ObjectInUse
from hesabdar.kit.references import ensure_unreferenced
from hesabdar.ledger import service
from hesabdar.ledger.core import AccountType
from tests.conftest import Api
from tests.ledger.helpers import BANK, INVENTORY, PETTY_CASH, SALES, make_masters, simple


def used_everywhere(api: Api, status: int) -> int:
    api.ok("setting/SaveProject", project={"Title": "پروژه"})
    document = simple(api, status=status, project="پروژه", amount=100)
    document["transactions"] += [
        {"accountPath": BANK, "type": 0, "amount": 1, "bankCode": "0001"},
        {"accountPath": PETTY_CASH, "type": 0, "amount": 1, "pettyCashCode": "0001"},
        {"accountPath": INVENTORY, "type": 0, "amount": 1, "productCode": "000001"},
        {"accountPath": SALES, "type": 1, "amount": 3},
    ]
    number: int = api.ok("document/save", document=document)["Number"]
    return number


DELETES: list[tuple[str, dict[str, Any], str]] = [
    ("contact/delete", {"code": "000001"}, "contact/get"),
    ("item/delete", {"code": "000001"}, "item/get"),
    ("setting/DeleteBank", {"code": "0001"}, "setting/GetBanks"),
    ("setting/DeleteCash", {"code": "0001"}, "setting/GetCashes"),
    ("setting/DeletePettyCash", {"code": "0001"}, "setting/GetPettyCashes"),
    ("setting/DeleteProject", {"title": "پروژه"}, "setting/GetProjects"),
]


@pytest.mark.parametrize("status", [0, 1])
@pytest.mark.parametrize(("path", "params", "read"), DELETES)
def test_used_records_are_not_deleted(
    ledger_api: Api, status: int, path: str, params: dict[str, Any], read: str
) -> None:
    make_masters(ledger_api)
    number = used_everywhere(ledger_api, status)
    listed_before = ledger_api.call(read, **params)
    body = ledger_api.call(path, **params)
    assert (body["Success"], body["ErrorCode"]) == (False, 190)
    assert f"document {number} refers to it" in body["ErrorMessage"]
    assert ledger_api.call(read, **params) == listed_before
    ledger_api.ok("document/delete", number=number)
    body = ledger_api.call(path, **params)
    assert (body["Success"], body["Result"]) == (True, True)


def test_accounts_are_referred_to(ledger_api: Api, database: Database) -> None:
    make_masters(ledger_api)
    number = ledger_api.ok("document/save", document=simple(ledger_api, status=0))["Number"]
    business_id = ledger_api.credentials.business_id
    with database.transaction() as session:
        cash = service.account_by_role(session, business_id, AccountType.CASH)
        with pytest.raises(ObjectInUse) as caught:
            ensure_unreferenced(session, "account", business_id, cash.id, "Account 1101")
        assert (
            caught.value.message
            == f"Account 1101 cannot be deleted: document {number} refers to it."
        )
        bank = service.account_by_role(session, business_id, AccountType.BANK)
        ensure_unreferenced(session, "account", business_id, bank.id, "Account 1102")
