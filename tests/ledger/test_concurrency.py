"""Document numbers stay unique and sequential under concurrent saves (PostgreSQL only)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import httpx
import pytest
import uvicorn

from hesabdar.app import create_app
from hesabdar.config import Settings
from hesabdar.db import Database
from tests.conftest import IS_POSTGRES, Api
from tests.ledger.helpers import make_masters, simple

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL (row locks, real concurrency)"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server_url(database: Database) -> Iterator[str]:
    app = create_app(Settings(database_url=database.url, rate_limit_per_minute=0), database)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_fifty_concurrent_saves(ledger_api: Api, server_url: str) -> None:
    make_masters(ledger_api)
    document = simple(ledger_api, amount="12.5")

    def save(_index: int) -> dict[str, Any]:
        with httpx.Client(base_url=server_url, timeout=60) as client:
            response = client.post(
                "/v1/document/save", json={**ledger_api.auth(), "document": document}
            )
            body: dict[str, Any] = json.loads(response.text, parse_float=Decimal)
            return body

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(save, range(50)))
    assert all(body["Success"] for body in results), [b for b in results if not b["Success"]][:1]
    assert sorted(body["Result"]["Number"] for body in results) == list(range(1, 51))
    listed = ledger_api.ok("document/getdocuments", queryInfo={"take": 100, "sortBy": "Number"})
    assert [row["Number"] for row in listed["List"]] == list(range(1, 51))
    report = ledger_api.ok("report/trialbalance")
    debit = sum(row["Debit"] for row in report)
    credit = sum(row["Credit"] for row in report)
    assert debit == credit == Decimal("625")


def test_concurrent_saves_on_one_cash_account_and_day(
    ledger_api: Api, server_url: str, database: Database
) -> None:
    """32 approved saves at once, all posting to the cash account on the same day: numbers
    1..32 with no gap, and the maintained day balances (spread over stripes) equal a
    recomputation from the lines."""
    from hesabdar.ledger.models import AccountDayBalance
    from hesabdar.reports import service as reports

    make_masters(ledger_api)
    amounts = [Decimal(index) + Decimal("0.0001") * index for index in range(1, 33)]

    def save(amount: Decimal) -> dict[str, Any]:
        document = simple(ledger_api, amount=str(amount), day=10)
        with httpx.Client(base_url=server_url, timeout=60) as client:
            response = client.post(
                "/v1/document/save", json={**ledger_api.auth(), "document": document}
            )
            body: dict[str, Any] = json.loads(response.text, parse_float=Decimal)
            return body

    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(save, amounts))
    assert all(body["Success"] for body in results), [b for b in results if not b["Success"]][:1]
    assert sorted(body["Result"]["Number"] for body in results) == list(range(1, 33))
    by_number = {body["Result"]["Number"]: body["Result"] for body in results}
    for number, saved in by_number.items():
        assert ledger_api.ok("document/get", number=number) == saved

    business_id = ledger_api.credentials.business_id
    with database.transaction() as session:
        maintained = reports.trial_balance(session, business_id)
        recomputed = reports.trial_balance(session, business_id, from_lines=True)
        stripes = session.query(AccountDayBalance).filter_by(business_id=business_id).count()
    assert [(r.account.id, r.debit, r.credit) for r in maintained] == [
        (r.account.id, r.debit, r.credit) for r in recomputed
    ]
    total = sum(amounts, Decimal(0))
    assert [(r.debit, r.credit) for r in maintained] == [(total, Decimal(0)), (Decimal(0), total)]
    # Two accounts on one day, each in at most 8 stripes.
    assert 2 <= stripes <= 16


def test_automatic_number_skips_a_number_chosen_while_it_waited(
    ledger_api: Api, server_url: str, database: Database
) -> None:
    """A client creates number 2 of its own choosing and commits while an automatic save waits
    for the counter: the automatic save skips 2 instead of failing on it."""
    from hesabdar.ledger import service
    from hesabdar.ledger.v1 import DocumentParams, _document_input
    from hesabdar.tenancy.models import Business

    make_masters(ledger_api)
    assert ledger_api.ok("document/save", document=simple(ledger_api))["Number"] == 1
    chosen = _document_input(DocumentParams.model_validate(simple(ledger_api, number=2)))
    session = database.session(write=True)
    try:
        business = session.get(Business, ledger_api.credentials.business_id)
        assert business is not None
        # Holds the counter's lock (numbering.lock) until the commit below.
        assert service.save_document(session, business, chosen).document.number == 2
        with ThreadPoolExecutor(max_workers=1) as pool:
            waiting = pool.submit(
                httpx.post,
                f"{server_url}/v1/document/save",
                json={**ledger_api.auth(), "document": simple(ledger_api)},
                timeout=60,
            )
            time.sleep(1.0)  # the automatic save is now waiting for the counter row
            assert not waiting.done()
            session.commit()
            body = waiting.result().json()
    finally:
        session.close()
    assert body["Success"], body
    assert body["Result"]["Number"] == 3
    listed = ledger_api.ok("document/getdocuments", queryInfo={"sortBy": "Number"})
    assert [row["Number"] for row in listed["List"]] == [1, 2, 3]
