"""Racing saves of one new record answer as single calls would: one record is created, one
answer creates it, and every other answer is what the same call gives once it exists (an edit,
or for SaveAccount the 190 naming the taken code), never 100 (PostgreSQL: real concurrency;
the losers of the insert run again, see uow.run)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.conftest import IS_POSTGRES, Api

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL for real concurrency"),
]

CASH_LEDGER = "دارایی ها : دارایی های جاری : موجودی نقد و بانک"

# method, body of one save, how to list what exists, the value that names the new record
CASES: list[tuple[str, dict[str, Any], Callable[[Api], list[Any]], str]] = [
    ("setting/SaveBank", {"bank": {"Code": "0042", "Name": "B"}}, lambda a: [r["Code"] for r in a.ok("setting/GetBanks")], "0042"),
    ("setting/SaveCash", {"cash": {"Code": "0042", "Name": "C"}}, lambda a: [r["Code"] for r in a.ok("setting/GetCashes")], "0042"),
    ("setting/SavePettyCash", {"pettyCash": {"Code": "0042", "Name": "P"}}, lambda a: [r["Code"] for r in a.ok("setting/GetPettyCashes")], "0042"),
    ("setting/SaveSalesman", {"salesman": {"Code": "0042", "Name": "S"}}, lambda a: [r["Code"] for r in a.ok("setting/GetSalesmen")], "0042"),
    ("setting/SaveWarehouse", {"warehouse": {"Code": "0042", "Name": "W"}}, lambda a: [r["Code"] for r in a.ok("setting/GetWarehouses")], "0042"),
    ("setting/SaveProject", {"project": {"Title": "Project 42"}}, lambda a: [r["Title"] for r in a.ok("setting/GetProjects")], "Project 42"),
    ("contact/save", {"contact": {"Code": "000042", "Name": "C"}}, lambda a: [r["Code"] for r in a.ok("contact/getcontacts", queryInfo={"Take": 100})["List"]], "000042"),
    ("item/save", {"item": {"Code": "000042", "Name": "I"}}, lambda a: [r["Code"] for r in a.ok("item/getitems", queryInfo={"Take": 100})["List"]], "000042"),
    ("setting/SaveAccount", {"account": {"ParentPath": CASH_LEDGER, "Name": "صندوق ۴۲", "Code": "42"}}, lambda a: [r["Name"] for r in a.ok("setting/GetAccounts") if r["Name"] == "صندوق ۴۲"], "صندوق ۴۲"),
]  # fmt: skip


@pytest.mark.parametrize(("method", "body", "listed", "name"), CASES, ids=[c[0] for c in CASES])
def test_racing_saves_of_one_new_record(
    api: Api, method: str, body: dict[str, Any], listed: Callable[[Api], list[Any]], name: str
) -> None:
    before = listed(api)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _i: api.call(method, **body), range(8)))
    again = api.call(method, **body)  # what a single call gives once the record exists
    assert 100 not in [answer["ErrorCode"] for answer in answers], answers
    created = [answer for answer in answers if answer != again]
    assert len(created) <= 1, answers
    assert all(answer["ErrorCode"] == 0 for answer in created), answers
    if again["ErrorCode"] != 0:
        assert "42" in again["ErrorMessage"], again
    after = listed(api)
    assert after.count(name) == 1
    assert len(after) == len(before) + 1
