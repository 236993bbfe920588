"""Benchmarks: document/save throughput under concurrency, and the trial balance at scale.

Run with ``make bench`` or ``.venv/bin/python bench/run.py --help``. Both parts run against a
real ``hesabdar serve`` (uvicorn, several worker processes) on PostgreSQL; the database named by
``--database`` is dropped and recreated, so point it at a database you own. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import orjson
import psycopg
from sqlalchemy.engine import make_url

DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/hesabdar_bench"
ROOT = Path(__file__).resolve().parent.parent
CASH_DETAIL_TYPE = 3
CONTACT_DETAIL_TYPE = 1


def hesabdar_command() -> str:
    """The ``hesabdar`` script next to the running interpreter (the project's virtualenv)."""
    beside = Path(sys.executable).parent / "hesabdar"
    if beside.exists():
        return str(beside)
    found = shutil.which("hesabdar")
    if found is None:
        raise SystemExit("The hesabdar command is not installed (run `make install`).")
    return found


# --------------------------------------------------------------------------------------------
# Database and server set-up


def libpq_url(url: str) -> str:
    """The URL psycopg understands (no ``+psycopg`` driver suffix)."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def recreate_database(url: str) -> None:
    """Drop and create the database ``url`` names, connecting to ``postgres`` to do it."""
    parsed = make_url(url)
    name = parsed.database
    if not name:
        raise SystemExit(f"The database URL names no database: {url}")
    maintenance = libpq_url(parsed.set(database="postgres").render_as_string(False))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def build_schema(url: str) -> None:
    """The schema of the current models, stamped as migrated.

    ``metadata.create_all`` rather than ``alembic upgrade``: the benchmark measures the models as
    they are in the tree, even when the migration has not been regenerated for them yet. The
    stamp makes the ``upgrade`` that ``hesabdar serve`` runs on start a no-op.
    """
    from alembic import command

    from hesabdar import migrate
    from hesabdar.db import Database
    from hesabdar.models import Base

    database = Database(url)
    Base.metadata.create_all(database.engine)
    database.dispose()
    command.stamp(migrate.alembic_config(url), "head")


def create_business(url: str) -> dict[str, Any]:
    output = subprocess.run(
        [
            hesabdar_command(),
            "business",
            "create",
            "--name",
            "Bench shop",
            "--email",
            "bench@example.com",
            "--password",
            "bench-password",
            "--database",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    credentials: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return credentials


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_server(url: str, workers: int, port: int) -> Iterator[str]:
    """``hesabdar serve`` in a child process; yields its base URL and stops it afterwards."""
    environment = {
        **os.environ,
        "HESABDAR_DATABASE_URL": url,
        # The per-apiKey limit protects a public server; the benchmark is one heavy client.
        "HESABDAR_RATE_LIMIT_PER_MINUTE": "0",
        "HESABDAR_LOG_LEVEL": "WARNING",
    }
    command = [
        hesabdar_command(),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--database",
        url,
    ]
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally below
        "w", prefix="hesabdar-bench-server-", suffix=".log", delete=False
    )
    server = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"hesabdar serve exited with {server.returncode}; see {log.name}")
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("hesabdar serve did not answer /health within 60 s")
            time.sleep(0.2)
        # Every worker must be up before the clock starts, not only the first to bind.
        time.sleep(1.0 + 0.5 * workers)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


class ApiClient:
    """Calls v1 methods as one business over one keep-alive connection."""

    def __init__(self, base: str, credentials: dict[str, Any], timeout: float = 30) -> None:
        self.http = httpx.Client(base_url=base, timeout=timeout)
        self.auth = {"apiKey": credentials["apiKey"], "loginToken": credentials["loginToken"]}

    def raw(self, path: str, body: bytes) -> dict[str, Any]:
        response = self.http.post(
            f"/v1/{path}", content=body, headers={"Content-Type": "application/json"}
        )
        response.raise_for_status()
        envelope: dict[str, Any] = orjson.loads(response.content)
        return envelope

    def body(self, **params: Any) -> bytes:
        return orjson.dumps({**self.auth, **params}, default=str)

    def ok(self, path: str, **params: Any) -> Any:
        envelope = self.raw(path, self.body(**params))
        if not envelope["Success"]:
            raise RuntimeError(f"{path} failed: {envelope}")
        return envelope["Result"]

    def close(self) -> None:
        self.http.close()


# --------------------------------------------------------------------------------------------
# The accounts and detail records the documents use


@dataclass
class Fixture:
    """What a benchmark document may post to."""

    plain_accounts: list[str]  # leaf accounts without a detail type
    cash_account: str
    cash_code: str
    receivable_account: str
    contact_code: str


def account_rows(api: ApiClient) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = api.ok("setting/GetAccounts")
    return rows


def leaf_accounts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Accounts no other account's path extends: the ones documents may post to."""
    paths = [row["FullPath"] for row in rows]
    parents = set()
    for path in paths:
        parts = [part.strip() for part in path.split(":")]
        for end in range(1, len(parts)):
            parents.add(" : ".join(parts[:end]))
    return [
        row
        for row in rows
        if " : ".join(p.strip() for p in row["FullPath"].split(":")) not in parents
    ]


def prepare_fixture(api: ApiClient) -> Fixture:
    contact = api.ok("contact/save", contact={"Name": "Bench customer"})
    cash = api.ok("setting/SaveCash", cash={"Name": "Bench cash box"})
    leaves = leaf_accounts(account_rows(api))
    plain = [row["FullPath"] for row in leaves if int(row["DetailType"]) == 0]
    cash_accounts = [
        row["FullPath"] for row in leaves if int(row["DetailType"]) == CASH_DETAIL_TYPE
    ]
    contact_accounts = [
        row["FullPath"] for row in leaves if int(row["DetailType"]) == CONTACT_DETAIL_TYPE
    ]
    if len(plain) < 4 or not cash_accounts or not contact_accounts:
        raise SystemExit("The standard chart lacks plain, cash or contact leaf accounts.")
    fixture = Fixture(
        plain_accounts=plain[:12],
        cash_account=cash_accounts[0],
        cash_code=str(cash["Code"]),
        receivable_account=contact_accounts[0],
        contact_code=str(contact["Code"]),
    )
    # One save before the clock runs: a document the server refuses would only count errors.
    api.ok(
        "document/save",
        document={
            "date": date.today().isoformat(),
            "status": 1,
            "transactions": document_transactions(fixture, random.Random(0)),
        },
    )
    return fixture


def random_amount(generator: random.Random) -> Decimal:
    return Decimal(generator.randrange(1, 10**9)) / 100


def document_transactions(fixture: Fixture, generator: random.Random) -> list[dict[str, Any]]:
    """Two to four lines that balance: debits first, then one credit line for their total."""
    line_count = generator.randint(2, 4)
    debits = [random_amount(generator) for _ in range(line_count - 1)]
    lines: list[dict[str, Any]] = []
    for index, amount in enumerate(debits):
        if index == 0:
            lines.append(
                {
                    "accountPath": fixture.cash_account,
                    "cashCode": fixture.cash_code,
                    "amount": str(amount),
                    "type": 0,
                }
            )
        else:
            lines.append(
                {
                    "accountPath": generator.choice(fixture.plain_accounts),
                    "amount": str(amount),
                    "type": 0,
                }
            )
    credit = {"amount": str(sum(debits, Decimal(0))), "type": 1}
    if generator.random() < 0.5:
        credit |= {"accountPath": fixture.receivable_account, "contactCode": fixture.contact_code}
    else:
        credit["accountPath"] = generator.choice(fixture.plain_accounts)
    lines.append(credit)
    return lines


# --------------------------------------------------------------------------------------------
# Part (a): concurrent document/save


@dataclass
class ClientResult:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# What one save sends: its method, and its parameters made from a seeded generator.
Payload = Callable[[random.Random, int], dict[str, Any]]


def document_payload(fixture: Fixture) -> Payload:
    def make(generator: random.Random, index: int) -> dict[str, Any]:
        return {
            "document": {
                "date": date.today().isoformat(),
                "description": f"bench {index}",
                "status": 1,
                "transactions": document_transactions(fixture, generator),
            }
        }

    return make


def save_worker(
    base: str,
    credentials: dict[str, Any],
    payload: Payload,
    seed: int,
    start: threading.Barrier,
    stop_at: list[float],
    result: ClientResult,
    path: str = "document/save",
) -> None:
    generator = random.Random(seed)
    api = ApiClient(base, credentials)
    # Bodies are made before the clock runs so the client spends its CPU on requests only.
    bodies = [api.body(**payload(generator, seed * 1000 + index)) for index in range(256)]
    start.wait()
    index = 0
    try:
        while time.perf_counter() < stop_at[0]:
            began = time.perf_counter()
            try:
                envelope = api.raw(path, bodies[index % len(bodies)])
            except (httpx.HTTPError, ValueError) as exc:
                result.errors.append(f"{type(exc).__name__}: {exc}")
            else:
                if not envelope["Success"]:
                    result.errors.append(f"{envelope['ErrorCode']}: {envelope['ErrorMessage']}")
            result.latencies.append(time.perf_counter() - began)
            index += 1
    finally:
        api.close()


def bench_requests(
    base: str, credentials: dict[str, Any], clients: int, duration: float, path: str
) -> dict[str, Any]:
    """The ceiling the stack sets without the ledger: ``GET /health`` (no database), or a
    ``/v1`` read (authentication and one select), with the same clients and connections."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    start = threading.Barrier(clients + 1)
    stop_at = [float("inf")]

    def worker(index: int) -> None:
        api = ApiClient(base, credentials)
        body = api.body()
        start.wait()
        try:
            while time.perf_counter() < stop_at[0]:
                began = time.perf_counter()
                if path == "/health":
                    api.http.get(path).raise_for_status()
                elif not api.raw(path, body)["Success"]:
                    raise RuntimeError(f"{path} failed")
                latencies[index].append(time.perf_counter() - began)
        finally:
            api.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    stop_at[0] = began + duration
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    values = sorted(value for worker_values in latencies for value in worker_values)
    return {
        "path": path,
        "requests_per_second": round(len(values) / elapsed, 1),
        "p50_ms": round(percentile(values, 0.50) * 1000, 2),
        "p99_ms": round(percentile(values, 0.99) * 1000, 2),
    }


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[rank]


def bench_saves(
    base: str,
    credentials: dict[str, Any],
    payload: Payload,
    clients: int,
    duration: float,
    path: str = "document/save",
) -> dict[str, Any]:
    results = [ClientResult() for _ in range(clients)]
    start = threading.Barrier(clients + 1)
    stop_at = [float("inf")]
    threads = [
        threading.Thread(
            target=save_worker,
            args=(base, credentials, payload, seed, start, stop_at, results[seed], path),
            daemon=True,
        )
        for seed in range(clients)
    ]
    for thread in threads:
        thread.start()
    cpu_before = time.process_time()
    began = time.perf_counter()
    stop_at[0] = began + duration
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    client_cpu = time.process_time() - cpu_before
    latencies = sorted(value for result in results for value in result.latencies)
    errors = [error for result in results for error in result.errors]
    requests = len(latencies)
    return {
        "path": path,
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": requests,
        "errors": len(errors),
        "first_errors": sorted(set(errors))[:5],
        "saves_per_second": round((requests - len(errors)) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p90_ms": round(percentile(latencies, 0.90) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else None,
        # The load generator shares the machine with the server: its CPU share is reported.
        "client_cpu_seconds": round(client_cpu, 2),
    }


# --------------------------------------------------------------------------------------------
# invoice/save: approved sales of goods, beside document/save in the same run

INVOICE_ITEMS = 20
INVOICE_ROWS = 5


def prepare_invoices(api: ApiClient, fixture: Fixture) -> list[str]:
    """Goods to sell, each bought in quantity first (so that sales take stock at its average),
    and one sale before the clock runs."""
    codes = [
        str(api.ok("item/save", item={"Name": f"Bench goods {n}", "ItemType": 0})["Code"])
        for n in range(INVOICE_ITEMS)
    ]
    supplier = api.ok("contact/save", contact={"Name": "Bench supplier"})
    today = date.today().isoformat()
    api.ok(
        "invoice/save",
        invoice={
            "InvoiceType": 1,
            "ContactCode": supplier["Code"],
            "Date": today,
            "DueDate": today,
            "Status": 2,
            "InvoiceItems": [
                {
                    "ItemCode": code,
                    "Description": "stock",
                    "Quantity": 10_000_000,
                    "UnitPrice": 1000,
                    "Discount": 0,
                    "Tax": 0,
                }
                for code in codes
            ],
        },
    )
    api.ok("invoice/save", **invoice_payload(fixture, codes)(random.Random(0), 0))
    return codes


def invoice_payload(fixture: Fixture, codes: list[str]) -> Payload:
    """An approved sale of five goods rows (as a shop plugin sends one order), with tax, a
    discount on one row and freight."""

    def make(generator: random.Random, index: int) -> dict[str, Any]:
        today = date.today().isoformat()
        rows = []
        for row, code in enumerate(generator.sample(codes, INVOICE_ROWS)):
            quantity = generator.randint(1, 3)
            price = generator.randrange(10_000, 2_000_000)
            rows.append(
                {
                    "RowNumber": row,
                    "ItemCode": code,
                    "Description": f"goods {code}",
                    "Quantity": quantity,
                    "UnitPrice": price,
                    "Discount": price // 10 if row == 0 else 0,
                    "Tax": quantity * price * 9 // 100,
                }
            )
        return {
            "invoice": {
                "InvoiceType": 0,
                "ContactCode": fixture.contact_code,
                "Date": today,
                "DueDate": today,
                "Reference": str(index),
                "Status": 2,
                "Tag": f'{{"id_order":{index}}}',
                "Freight": 50_000,
                "InvoiceItems": rows,
            }
        }

    return make


# --------------------------------------------------------------------------------------------
# Part (b): the trial balance over a large ledger


def timed(api: ApiClient, runs: int, path: str, **params: Any) -> tuple[list[float], Any]:
    timings, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = api.ok(path, **params)
        timings.append(time.perf_counter() - began)
    return timings, result


def bench_trial_balance(
    base: str, credentials: dict[str, Any], runs: int, items_account: str | None = None
) -> dict[str, Any]:
    api = ApiClient(base, credentials, timeout=300)
    try:
        timings, rows = timed(api, runs, "report/trialbalance")
        items: dict[str, Any] = {}
        if items_account is not None:
            # Not a target: the per-detail report of the busiest account, for the record.
            item_timings, item_rows = timed(
                api, runs, "report/trialbalanceitems", accountPath=items_account
            )
            items = {
                "items_median_ms": round(statistics.median(item_timings) * 1000, 1),
                "items_rows": len(item_rows),
            }
    finally:
        api.close()
    debit = sum((Decimal(str(row["Debit"])) for row in rows), Decimal(0))
    credit = sum((Decimal(str(row["Credit"])) for row in rows), Decimal(0))
    return {
        "runs": runs,
        "first_ms": round(timings[0] * 1000, 1),
        "median_ms": round(statistics.median(timings) * 1000, 1),
        "min_ms": round(min(timings) * 1000, 1),
        "max_ms": round(max(timings) * 1000, 1),
        "accounts": len(rows),
        "total_debit": str(debit),
        "total_credit": str(credit),
        **items,
    }


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="PostgreSQL URL (recreated)")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--clients", type=int, default=16, help="concurrent save clients")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of saving")
    parser.add_argument("--lines", type=int, default=1_000_000, help="lines for the report part")
    parser.add_argument("--runs", type=int, default=7, help="trial balance timings")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: 5 s of saves, 20,000 lines"
    )
    parser.add_argument("--skip-saves", action="store_true", help="only the report part")
    parser.add_argument("--skip-report", action="store_true", help="only the save part")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--invoices",
        action="store_true",
        help="after document/save, the same clients save approved 5-row sales of goods",
    )
    parser.add_argument(
        "--ceilings",
        action="store_true",
        help="also time GET /health and setting/GetCashes with the same clients (10 s each)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.lines, args.runs = 5.0, 20_000, 3
    if not args.database.startswith("postgres"):
        raise SystemExit("The benchmark needs PostgreSQL (--database postgresql://…).")

    from bulk_load import load_documents  # bench/bulk_load.py, beside this file

    # Other work on the machine skews every figure: the load average is reported with them.
    figures: dict[str, Any] = {
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }
    port = args.port or free_port()

    if not args.skip_saves:
        recreate_database(args.database)
        build_schema(args.database)
        credentials = create_business(args.database)
        with running_server(args.database, args.workers, port) as base:
            setup = ApiClient(base, credentials)
            fixture = prepare_fixture(setup)
            setup.close()
            print(f"saving documents: {args.clients} clients for {args.duration:g} s …", flush=True)
            figures["saves"] = bench_saves(
                base, credentials, document_payload(fixture), args.clients, args.duration
            )
            print(json.dumps(figures["saves"], indent=2), flush=True)
            if args.invoices:
                setup = ApiClient(base, credentials)
                codes = prepare_invoices(setup, fixture)
                setup.close()
                print(
                    f"saving invoices: {args.clients} clients for {args.duration:g} s …", flush=True
                )
                figures["invoice_saves"] = bench_saves(
                    base,
                    credentials,
                    invoice_payload(fixture, codes),
                    args.clients,
                    args.duration,
                    "invoice/save",
                )
                print(json.dumps(figures["invoice_saves"], indent=2), flush=True)
            if args.ceilings:
                figures["ceilings"] = [
                    bench_requests(base, credentials, args.clients, 10.0, path)
                    for path in ("/health", "setting/GetCashes")
                ]
                print(json.dumps(figures["ceilings"], indent=2), flush=True)

    if not args.skip_report:
        recreate_database(args.database)
        build_schema(args.database)
        credentials = create_business(args.database)
        with running_server(args.database, args.workers, port) as base:
            setup = ApiClient(base, credentials)
            fixture = prepare_fixture(setup)
            setup.close()
            before = bench_trial_balance(base, credentials, 1)
            print(f"loading {args.lines:,} document lines …", flush=True)
            began = time.perf_counter()
            loaded = load_documents(
                args.database, int(credentials["businessId"]), fixture, args.lines
            )
            load_seconds = time.perf_counter() - began
            print(f"loaded in {load_seconds:.1f} s; timing report/trialbalance …", flush=True)
            report = bench_trial_balance(base, credentials, args.runs, fixture.cash_account)
            report |= {
                "lines": loaded.lines,
                "documents": loaded.documents,
                "load_seconds": round(load_seconds, 1),
            }
            # The report must see every loaded line: its totals grow by exactly the load's.
            expected = Decimal(before["total_debit"]) + loaded.total
            if (
                Decimal(report["total_debit"]) != expected
                or Decimal(report["total_credit"]) != expected
            ):
                raise SystemExit(
                    f"trial balance totals {report['total_debit']} / {report['total_credit']}"
                    f" differ from the expected {expected}"
                )
            figures["trial_balance"] = report
            print(json.dumps(report, indent=2), flush=True)

    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
