"""Benchmark: contact/batchsave and item/batchsave of 10,000 rows against a real server, beside
PostgreSQL's own ceiling for the same rows, and how long a single contact/save waits meanwhile.

``.venv/bin/python bench/batch_save.py`` (``--help`` for the options). Like ``run.py`` it drops
and recreates the database named by ``--database`` and serves it with ``hesabdar serve``.
For each kind and each round it measures:

* **new**: a batch of ``--rows`` new rows without codes (the server numbers them), timed from
  the request to the parsed answer, checked row by row (codes 000001…, categories, tags);
* **edit**: the same rows sent again with their codes and a changed field (every row an edit);
* **single save wait**: while a third batch of new code-less rows runs, a second client calls
  ``contact/save`` (a new code-less contact, which needs the business's code counter) every
  50 ms; the longest of those calls is reported beside the batch's own duration;
* **opening stock**: ``item/UpdateOpeningQuantity`` of every item of the first item batch in one
  call (the first round sets it, later rounds replace it at other prices), then of one item
  among them;
* **ceiling**: the same rows written by PostgreSQL alone, in one transaction: ``COPY`` into the
  table, and an ``executemany`` ``INSERT`` (psycopg, pipelined), both without HTTP, JSON,
  validation or the change log.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from datetime import date, datetime
from typing import Any

import psycopg
from run import (  # bench/run.py, beside this file
    DEFAULT_DATABASE,
    ApiClient,
    build_schema,
    create_business,
    free_port,
    libpq_url,
    recreate_database,
    running_server,
)

TIMEOUT = 300.0


def contact_rows(count: int, offset: int = 0) -> list[dict[str, Any]]:
    """What the WooCommerce plugin sends for customers (admin/services/ssbhesabfaCustomerService)."""
    return [
        {
            "Code": None,
            "Name": f"Customer {offset + index}",
            "FirstName": "Customer",
            "LastName": str(offset + index),
            "ContactType": 1,
            "NodeFamily": f"contacts: group {index % 20}",
            "Mobile": f"0912{offset + index:07d}",
            "Email": f"c{offset + index}@example.com",
            "Address": "Valiasr St. 10",
            "City": "Tehran",
            "Tag": json.dumps({"id_customer": offset + index}),
        }
        for index in range(count)
    ]


def item_rows(count: int, offset: int = 0) -> list[dict[str, Any]]:
    """What the plugin's exportProducts sends (admin/partials/ssbhesabfa-admin-functions.php)."""
    return [
        {
            "Code": None,
            "Name": f"Product {offset + index}",
            "ItemType": 0,
            "Tag": json.dumps({"id_product": (offset + index) // 20, "id_attribute": index % 20}),
            "PurchasesTitle": f"Product {offset + index}",
            "SalesTitle": f"Product {offset + index}",
            "SellPrice": "125000",
            "Barcode": f"62{offset + index:011d}",
            "NodeFamily": f"products: category {index % 50}:sub {index % 7}",
            "ProductCode": f"SKU-{offset + index}",
        }
        for index in range(count)
    ]


KINDS = {"contact": ("contacts", contact_rows), "item": ("items", item_rows)}


def batch(api: ApiClient, kind: str, rows: list[dict[str, Any]]) -> tuple[float, list[Any]]:
    key, _make = KINDS[kind]
    body = api.body(**{key: rows})
    started = time.perf_counter()
    envelope = api.raw(f"{kind}/batchsave", body)
    elapsed = time.perf_counter() - started
    if not envelope["Success"]:
        raise RuntimeError(f"{kind}/batchsave failed: {envelope['ErrorMessage']}")
    return elapsed, envelope["Result"]


def opening(api: ApiClient, rows: list[dict[str, Any]]) -> float:
    body = api.body(items=rows)
    started = time.perf_counter()
    envelope = api.raw("item/UpdateOpeningQuantity", body)
    elapsed = time.perf_counter() - started
    if not envelope["Success"] or len(envelope["Result"]) != len({r["Code"] for r in rows}):
        raise RuntimeError(f"item/UpdateOpeningQuantity failed: {envelope['ErrorMessage']}")
    return elapsed


def opening_rounds(api: ApiClient, codes: list[str], rounds: int) -> dict[str, Any]:
    """The opening stock of every item in ``codes`` in one call (the first round sets it, the
    next ones replace all of it at other prices), then of one item among them."""
    runs: dict[str, list[float]] = {"set": [], "one": []}
    for round_ in range(rounds):
        rows = [
            {"Code": code, "Quantity": 1 + index % 40, "UnitPrice": 90000 + 1000 * round_}
            for index, code in enumerate(codes)
        ]
        runs["set"].append(opening(api, rows))
        runs["one"].append(opening(api, [{**rows[0], "Quantity": 7 + round_}]))
    return {
        "set_s": runs["set"],
        "set_rows_per_s": [len(codes) / value for value in runs["set"]],
        "one_item_s": runs["one"],
    }


def single_saves_during(
    base: str, credentials: dict[str, Any], stop: threading.Event, waits: list[float]
) -> None:
    api = ApiClient(base, credentials, timeout=TIMEOUT)
    number = 0
    while not stop.is_set():
        started = time.perf_counter()
        api.ok("contact/save", contact={"Name": f"Walk-in {number}"})
        waits.append(time.perf_counter() - started)
        number += 1
        stop.wait(0.05)
    api.close()


def ceiling(url: str, kind: str, count: int) -> dict[str, float]:
    """PostgreSQL alone writing ``count`` rows of the kind: COPY, then executemany, each in a
    transaction rolled back afterwards."""
    now = datetime.now()
    if kind == "contact":
        columns = [
            "business_id", "code", "name", "company", "first_name", "last_name",
            "contact_type", "national_code", "economic_code", "registration_number", "address",
            "city", "state", "country", "postal_code", "phone", "fax", "mobile", "email",
            "website", "registration_date", "note", "share_percent", "contact_credit", "tag",
            "active", "tax_type", "node_id", "created_at", "updated_at",
        ]  # fmt: skip
        rows = [
            (
                1, f"9{index:08d}", f"Customer {index}", "", "Customer", str(index), 1, "", "",
                "", "Valiasr St. 10", "Tehran", "", "", "", "", "", f"0912{index:07d}",
                f"c{index}@example.com", "", date.today(), "", 0, 0,
                json.dumps({"id_customer": index}), True, None, None, now, now,
            )
            for index in range(count)
        ]  # fmt: skip
    else:
        columns = [
            "business_id", "code", "name", "barcode", "item_type", "unit", "sub_unit",
            "conversion_factor", "buy_price", "sell_price", "purchases_title", "sales_title",
            "tag", "description", "product_code", "active", "tax_id", "tax_unit", "node_id",
            "created_at", "updated_at",
        ]  # fmt: skip
        rows = [
            (
                1, f"9{index:08d}", f"Product {index}", f"62{index:011d}", 0, "", "", 0, 0,
                125000, f"Product {index}", f"Product {index}",
                json.dumps({"id_product": index // 20, "id_attribute": index % 20}), "",
                f"SKU-{index}", True, "", "", None, now, now,
            )
            for index in range(count)
        ]  # fmt: skip
    names = ", ".join(columns)
    figures: dict[str, float] = {}
    with psycopg.connect(libpq_url(url)) as connection:
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {kind} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        connection.commit()
        figures["copy"] = time.perf_counter() - started
        connection.execute(f"DELETE FROM {kind} WHERE code LIKE '9%'")
        connection.commit()
        placeholders = ", ".join(["%s"] * len(columns))
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {kind} ({names}) VALUES ({placeholders})", rows)
        connection.commit()
        figures["executemany"] = time.perf_counter() - started
        connection.execute(f"DELETE FROM {kind} WHERE code LIKE '9%'")
        connection.commit()
    return figures


def check_new(kind: str, rows: list[dict[str, Any]], result: list[Any], first_code: int) -> None:
    if len(result) != len(rows):
        raise RuntimeError(f"{kind}: {len(result)} rows answered for {len(rows)}")
    for index, (sent, answer) in enumerate(zip(rows, result, strict=True)):
        if answer["Code"] != f"{first_code + index:06d}" or answer["Tag"] != sent["Tag"]:
            raise RuntimeError(f"{kind}: row {index} answered {answer['Code']} {answer['Tag']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="PostgreSQL URL (recreated)")
    parser.add_argument("--rows", type=int, default=10_000, help="rows per batch")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per kind")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    recreate_database(args.database)
    build_schema(args.database)
    credentials = create_business(args.database)
    figures: dict[str, Any] = {"rows": args.rows}
    with running_server(args.database, args.workers, free_port()) as base:
        api = ApiClient(base, credentials, timeout=TIMEOUT)
        opening_codes: list[str] = []
        for kind in KINDS:
            make = KINDS[kind][1]
            runs: dict[str, list[float]] = {"new": [], "edit": [], "locked": [], "wait": []}
            for round_ in range(args.rounds):
                offset = 3 * round_ * args.rows
                first = api.ok(f"{kind}/batchsave", **{KINDS[kind][0]: make(1, offset)})[0]
                rows = make(args.rows, offset + 1)
                elapsed, result = batch(api, kind, rows)
                check_new(kind, rows, result, int(first["Code"]) + 1)
                if kind == "item" and not opening_codes:
                    opening_codes = [answer["Code"] for answer in result]
                runs["new"].append(elapsed)
                edits = [
                    {**row, "Code": answer["Code"], "Name": row["Name"] + " (edited)"}
                    for row, answer in zip(rows, result, strict=True)
                ]
                elapsed, _result = batch(api, kind, edits)
                runs["edit"].append(elapsed)
                stop, waits = threading.Event(), []
                walker = threading.Thread(
                    target=single_saves_during, args=(base, credentials, stop, waits)
                )
                walker.start()
                time.sleep(0.3)
                elapsed, _result = batch(api, kind, make(args.rows, offset + 2 * args.rows))
                stop.set()
                walker.join()
                runs["locked"].append(elapsed)
                runs["wait"].append(max(waits))
            figures[kind] = {
                "new_s": runs["new"],
                "new_rows_per_s": [args.rows / value for value in runs["new"]],
                "edit_s": runs["edit"],
                "edit_rows_per_s": [args.rows / value for value in runs["edit"]],
                "batch_during_single_saves_s": runs["locked"],
                "longest_single_save_s": runs["wait"],
                "median_new_rows_per_s": statistics.median(
                    args.rows / value for value in runs["new"]
                ),
                "ceiling_s": ceiling(args.database, kind, args.rows),
            }
        figures["opening"] = opening_rounds(api, opening_codes, args.rounds)
        api.close()
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{args.rows} rows per batch, {args.rounds} rounds, {args.workers} server processes")
    for kind in KINDS:
        kind_figures = figures[kind]
        print(f"\n{kind}/batchsave")
        for label, key in (
            ("new rows", "new_s"),
            ("edits", "edit_s"),
            ("batch, single saves beside", "batch_during_single_saves_s"),
            ("longest single contact/save", "longest_single_save_s"),
        ):
            values = " / ".join(f"{value:.2f}" for value in kind_figures[key])
            print(f"  {label:30} {values} s")
        rates = " / ".join(f"{value:,.0f}" for value in kind_figures["new_rows_per_s"])
        print(f"  {'new rows per second':30} {rates}")
        rates = " / ".join(f"{value:,.0f}" for value in kind_figures["edit_rows_per_s"])
        print(f"  {'edited rows per second':30} {rates}")
        ceilings = kind_figures["ceiling_s"]
        print(
            f"  {'PostgreSQL alone':30} COPY {ceilings['copy']:.2f} s, "
            f"executemany {ceilings['executemany']:.2f} s"
        )
    kind_figures = figures["opening"]
    print("\nitem/UpdateOpeningQuantity")
    values = " / ".join(f"{value:.2f}" for value in kind_figures["set_s"])
    print(f"  {'every item (first, then replaced)':30} {values} s")
    rates = " / ".join(f"{value:,.0f}" for value in kind_figures["set_rows_per_s"])
    print(f"  {'rows per second':30} {rates}")
    values = " / ".join(f"{value:.2f}" for value in kind_figures["one_item_s"])
    print(f"  {'one item among them':30} {values} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
