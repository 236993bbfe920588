"""Benchmark: one invoice of 1,000 rows, and ``invoice/getinvoices`` paging through 100,000
invoices, against a real server, beside PostgreSQL's own time for the same page.

``.venv/bin/python bench/invoices.py`` (``--help`` for the options). Like ``run.py`` it drops and
recreates the database named by ``--database`` and serves it with ``hesabdar serve``.

* **1,000 rows**: ``invoice/save`` of an approved sale of 1,000 goods rows (each product bought
  first, so the sale takes stock at its average, posts its cost and answers every row with its
  ``Item{…}``), timed from the request to the parsed answer; then the same invoice saved again
  with other prices (an edit: rows, stock and document replaced).
* **paging**: 100,000 approved sales of three rows each are loaded straight into the invoice
  tables (``COPY``; saving them through the API would take most of an hour, and the page read
  needs the rows, not the path they took), then ``invoice/getinvoices`` reads pages of
  ``--take`` invoices, sorted by ``Id`` as the WooCommerce plugin's import does, at the start,
  the middle and the end (``Skip`` past the large sales, half, the last page). The same page's rows read by
  PostgreSQL alone (``OFFSET``/``LIMIT`` on the invoice table, from psycopg) are the ceiling.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
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

from hesabdar.invoices.models import Invoice, InvoiceRow

TIMEOUT = 300.0
ROWS_PER_INVOICE = 3


def big_invoice(contact: str, codes: list[str], price: int) -> dict[str, Any]:
    today = date.today().isoformat()
    return {
        "InvoiceType": 0,
        "ContactCode": contact,
        "Date": today,
        "DueDate": today,
        "Status": 2,
        "InvoiceItems": [
            {
                "RowNumber": index,
                "ItemCode": code,
                "Description": f"goods {code}",
                "Quantity": 1 + index % 3,
                "UnitPrice": price + index,
                "Discount": 0,
                "Tax": 0,
            }
            for index, code in enumerate(codes)
        ],
    }


def save_big(api: ApiClient, contact: str, codes: list[str], rounds: int) -> dict[str, Any]:
    """The 1,000-row sale: new, then edited, ``rounds`` times each."""
    new, edited = [], []
    for round_ in range(rounds):
        body = api.body(invoice=big_invoice(contact, codes, 10_000 + round_))
        started = time.perf_counter()
        envelope = api.raw("invoice/save", body)
        new.append(time.perf_counter() - started)
        if not envelope["Success"] or len(envelope["Result"]["InvoiceItems"]) != len(codes):
            raise RuntimeError(f"invoice/save failed: {envelope['ErrorMessage']}")
        invoice = {**big_invoice(contact, codes, 20_000 + round_)}
        invoice["Number"] = envelope["Result"]["Number"]
        body = api.body(invoice=invoice)
        started = time.perf_counter()
        envelope = api.raw("invoice/save", body)
        edited.append(time.perf_counter() - started)
        if not envelope["Success"]:
            raise RuntimeError(f"invoice/save (edit) failed: {envelope['ErrorMessage']}")
    return {"new_s": new, "edit_s": edited}


def load_invoices(
    url: str, business_id: int, contact_id: int, item_ids: list[int], count: int
) -> None:
    """``count`` approved sales of three rows, numbered after those saved through the API."""
    invoice_columns = [
        "business_id", "id", "invoice_type", "number", "reference", "date", "due_date",
        "contact_id", "contact_title", "note", "sent", "paid_status", "status", "tag", "freight",
        "warehouse_receipt_status", "salesman_percent", "currency", "currency_rate", "tax_id",
        "total", "payable", "paid", "created_at", "updated_at",
    ]  # fmt: skip
    row_columns = [
        "business_id", "id", "invoice_id", "position", "row_number", "item_id", "description",
        "unit", "quantity", "unit_price", "discount", "tax", "serial_numbers", "created_at",
        "updated_at",
    ]  # fmt: skip
    for name in invoice_columns:
        assert name in Invoice.__table__.c, name
    for name in row_columns:
        assert name in InvoiceRow.__table__.c, name
    now = datetime.now()
    first_day = date.today() - timedelta(days=300)
    with psycopg.connect(libpq_url(url)) as connection:

        def scalar(query: str, *params: Any) -> int:
            found = connection.execute(query, params).fetchone()
            return int(found[0]) if found is not None else 0

        start_id = scalar("SELECT coalesce(max(id), 0) FROM invoice")
        start_number = scalar(
            "SELECT coalesce(max(number), 0) FROM invoice "
            "WHERE business_id = %s AND invoice_type = 0",
            business_id,
        )
        start_row = scalar("SELECT coalesce(max(id), 0) FROM invoice_row")
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY invoice ({', '.join(invoice_columns)}) FROM STDIN") as copy:
                for index in range(count):
                    day = first_day + timedelta(days=index * 300 // count)
                    total = Decimal(3 * 150_000 + index % 1000)
                    copy.write_row(
                        (
                            business_id, start_id + 1 + index, 0, start_number + 1 + index,
                            str(index), day, day, contact_id, "Customer", "", False, False, 1,
                            json.dumps({"id_order": index}), 0, 0, 0, "", 1, "", total, total, 0,
                            now, now,
                        )
                    )  # fmt: skip
            with cursor.copy(f"COPY invoice_row ({', '.join(row_columns)}) FROM STDIN") as copy:
                row_id = start_row
                for index in range(count):
                    for position in range(ROWS_PER_INVOICE):
                        row_id += 1
                        price = 150_000 + (index % 1000 if position == 0 else 0)
                        copy.write_row(
                            (
                                business_id, row_id, start_id + 1 + index, position, position + 1,
                                item_ids[(index + position) % len(item_ids)], "goods", "", 1,
                                price, 0, 0, "", now, now,
                            )
                        )  # fmt: skip
        for table in ("invoice", "invoice_row"):
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        connection.commit()
    with psycopg.connect(libpq_url(url), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE invoice")
        connection.execute("VACUUM ANALYZE invoice_row")


def ceiling(url: str, business_id: int, skip: int, take: int, runs: int) -> float:
    """PostgreSQL alone reading the same page of invoices and their rows."""
    timings = []
    with psycopg.connect(libpq_url(url)) as connection:
        for _ in range(runs):
            started = time.perf_counter()
            ids = [
                row[0]
                for row in connection.execute(
                    "SELECT * FROM invoice WHERE business_id = %s AND invoice_type = 0 "
                    "ORDER BY id OFFSET %s LIMIT %s",
                    (business_id, skip, take),
                ).fetchall()
            ]
            connection.execute(
                "SELECT * FROM invoice_row WHERE business_id = %s AND invoice_id = ANY(%s)",
                (business_id, ids),
            ).fetchall()
            timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def page(api: ApiClient, skip: int, take: int, runs: int) -> tuple[float, int]:
    """The median time of ``runs`` reads of the page, after one read that warms the caches."""
    timings, listed = [], 0
    for run in range(runs + 1):
        started = time.perf_counter()
        result = api.ok(
            "invoice/getinvoices",
            type=0,
            queryInfo={"SortBy": "Id", "SortDesc": False, "Skip": skip, "Take": take},
        )
        if run:
            timings.append(time.perf_counter() - started)
        listed = len(result["List"])
    return statistics.median(timings), listed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="PostgreSQL URL (recreated)")
    parser.add_argument("--rows", type=int, default=1000, help="rows of the large invoice")
    parser.add_argument("--rounds", type=int, default=3, help="saves of the large invoice")
    parser.add_argument("--invoices", type=int, default=100_000, help="invoices to page through")
    parser.add_argument("--take", type=int, default=100, help="invoices per page")
    parser.add_argument("--runs", type=int, default=7, help="reads of each page")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    recreate_database(args.database)
    build_schema(args.database)
    credentials = create_business(args.database)
    figures: dict[str, Any] = {}
    with running_server(args.database, 2, free_port()) as base:
        api = ApiClient(base, credentials, timeout=TIMEOUT)
        contact = api.ok("contact/save", contact={"Name": "Customer"})
        supplier = api.ok("contact/save", contact={"Name": "Supplier"})
        items = api.ok(
            "item/batchsave",
            items=[{"Name": f"Goods {n}", "ItemType": 0} for n in range(args.rows)],
        )
        codes = [item["Code"] for item in items]
        purchase = big_invoice(supplier["Code"], codes, 1000)
        purchase.update(InvoiceType=1)
        for row in purchase["InvoiceItems"]:
            row["Quantity"] = 1_000_000
        api.ok("invoice/save", invoice=purchase)
        figures["large_invoice"] = save_big(api, contact["Code"], codes, args.rounds)
        load_invoices(
            args.database,
            credentials["businessId"],
            contact["Id"],
            [item["Id"] for item in items],
            args.invoices,
        )
        total = api.ok("invoice/getinvoices", type=0, queryInfo={"Take": 1})["TotalCount"]
        pages = {}
        # The large sales saved through the API come first; the pages compared are the loaded
        # ones' (three rows each), from the first to the last.
        first = total - args.invoices
        for label, skip in (
            ("start", first),
            ("middle", first + args.invoices // 2),
            ("end", total - args.take),
        ):
            seconds, listed = page(api, skip, args.take, args.runs)
            if listed != args.take:
                raise RuntimeError(f"page at {skip} listed {listed} invoices")
            pages[label] = {
                "skip": skip,
                "median_s": seconds,
                "postgresql_alone_s": ceiling(
                    args.database, credentials["businessId"], skip, args.take, args.runs
                ),
            }
        figures["paging"] = {"invoices": total, "take": args.take, "pages": pages}
        api.close()
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    large = figures["large_invoice"]
    print(f"invoice/save of {args.rows} rows")
    print("  new     " + " / ".join(f"{value * 1000:.0f}" for value in large["new_s"]) + " ms")
    print("  edited  " + " / ".join(f"{value * 1000:.0f}" for value in large["edit_s"]) + " ms")
    print(f"\ninvoice/getinvoices, {total:,} invoices, pages of {args.take}")
    for label, found in pages.items():
        print(
            f"  {label:7} Skip {found['skip']:>7,}  {found['median_s'] * 1000:6.1f} ms   "
            f"PostgreSQL alone {found['postgresql_alone_s'] * 1000:6.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
