"""A fast bulk load of approved documents straight into the ledger tables (PostgreSQL COPY).

Saving a million lines through ``document/save`` would take most of an hour; the report part of
the benchmark needs the lines, not the path they took. The rows written here are what the ledger
service writes for a manual approved document: balanced, two to four lines, posted, with the
cash box and contact details filled in where the account asks for them. Table and column names
come from the ORM models, so a renamed column fails loudly here instead of loading nonsense.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

import psycopg
from sqlalchemy import Table, UniqueConstraint
from sqlalchemy.engine import make_url

from hesabdar.contacts.models import Contact
from hesabdar.ledger import models as ledger_models
from hesabdar.ledger.models import Account, Document, DocumentLine, FiscalYear
from hesabdar.numbering.models import Counter
from hesabdar.treasury.models import Cash

DOCUMENT_COUNTER = "document"
CHUNK_LINES = 50_000


class FixtureLike(Protocol):
    plain_accounts: list[str]
    cash_account: str
    cash_code: str
    receivable_account: str
    contact_code: str


@dataclass(frozen=True)
class Loaded:
    documents: int
    lines: int
    total: Decimal  # the sum of every debit (and so of every credit)


def _normalize(path: str) -> str:
    return " : ".join(part.strip() for part in path.split(":"))


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _check_columns(table: Table, provided: list[str]) -> None:
    """Every column the models require without a server default must be provided."""
    missing = [
        column.name
        for column in table.columns
        if column.name not in provided
        and not column.nullable
        and column.server_default is None
        and not column.primary_key
    ]
    unknown = [name for name in provided if name not in table.columns]
    if missing or unknown:
        raise SystemExit(
            f"bench/bulk_load.py is out of date with {table.name}: "
            f"missing {missing}, unknown {unknown}"
        )


def _scalar(connection: psycopg.Connection[Any], sql: str, *params: Any) -> Any:
    row = connection.execute(sql, params).fetchone()
    if row is None:
        raise SystemExit(f"no row for: {sql} {params}")
    return row[0]


def load_documents(url: str, business_id: int, fixture: FixtureLike, line_count: int) -> Loaded:
    parsed = make_url(url).set(drivername="postgresql")
    generator = random.Random(20250115)
    documents_table, lines_table = _table(Document), _table(DocumentLine)
    with psycopg.connect(parsed.render_as_string(hide_password=False)) as connection:
        account_ids = {
            _normalize(path): account_id
            for account_id, path in connection.execute(
                f"SELECT id, full_path FROM {_table(Account).name} WHERE business_id = %s",
                (business_id,),
            )
        }
        cash_id = _scalar(
            connection,
            f"SELECT id FROM {_table(Cash).name} WHERE business_id = %s AND code = %s",
            business_id,
            fixture.cash_code,
        )
        contact_id = _scalar(
            connection,
            f"SELECT id FROM {_table(Contact).name} WHERE business_id = %s AND code = %s",
            business_id,
            fixture.contact_code,
        )
        year_start, year_end = connection.execute(
            f"SELECT start_date, end_date FROM {_table(FiscalYear).name}"
            " WHERE business_id = %s AND NOT is_closed ORDER BY ordinal DESC LIMIT 1",
            (business_id,),
        ).fetchone() or (None, None)
        if year_start is None:
            raise SystemExit("the business has no open fiscal year")
        last_day = min(year_end, date.today())
        days = [
            year_start + timedelta(days=offset)
            for offset in range((last_day - year_start).days + 1)
        ]
        next_document_id = (
            _scalar(connection, f"SELECT coalesce(max(id), 0) FROM {documents_table.name}") + 1
        )
        next_line_id = (
            _scalar(connection, f"SELECT coalesce(max(id), 0) FROM {lines_table.name}") + 1
        )
        next_number = (
            _scalar(
                connection,
                f"SELECT coalesce(max(number), 0) FROM {documents_table.name}"
                " WHERE business_id = %s",
                business_id,
            )
            + 1
        )

        cash_account = account_ids[_normalize(fixture.cash_account)]
        receivable_account = account_ids[_normalize(fixture.receivable_account)]
        plain_accounts = [account_ids[_normalize(path)] for path in fixture.plain_accounts]
        now = datetime.now().replace(microsecond=0)

        document_columns = [
            "id", "business_id", "number", "reference", "date", "description", "project_id",
            "status", "debit", "credit", "source_type", "source_id", "created_at", "updated_at",
        ]  # fmt: skip
        line_columns = [
            "id", "business_id", "document_id", "row", "account_id", "date", "is_posted", "side",
            "amount", "debit", "credit", "currency", "currency_amount", "description", "info",
            "project_id", "contact_id", "item_id", "bank_id", "cash_id", "petty_cash_id",
            "created_at", "updated_at",
        ]  # fmt: skip
        _check_columns(documents_table, document_columns)
        _check_columns(lines_table, line_columns)

        zero = Decimal("0.0000")
        total = Decimal(0)
        # Per account and day, what the ledger keeps in its maintained balances (if it has them).
        day_balances: dict[tuple[int, date], list[Decimal]] = {}
        documents = lines = 0
        with connection.cursor() as cursor:
            # The deferred trigger that checks each approved document's sums at commit is off for
            # this transaction: the rows are balanced by construction and the run checks the
            # report's totals against them, and checking 333,000 documents at one commit, before
            # the tables have statistics, would measure the trigger rather than the report.
            trigger = getattr(ledger_models, "DOCUMENT_SUMS_TRIGGER", None)
            if trigger is not None:
                for table in (documents_table, lines_table):
                    cursor.execute(f"ALTER TABLE {table.name} DISABLE TRIGGER {trigger}")
            # In chunks: each chunk's documents are copied, then its lines (their foreign key
            # needs the documents first), so memory stays flat at any size.
            while line_count - lines >= 2:
                document_rows: list[tuple[Any, ...]] = []
                line_rows: list[tuple[Any, ...]] = []
                while line_count - lines >= 2 and len(line_rows) < CHUNK_LINES:
                    remaining = line_count - lines
                    size = min(generator.randint(2, 4), remaining)
                    if remaining - size == 1:  # never leave a single line for the last document
                        size = size - 1 if size > 2 else size + 1
                    document_id = next_document_id + documents
                    day = generator.choice(days)
                    debits = [
                        Decimal(generator.randrange(100, 10**9)) / 100 for _ in range(size - 1)
                    ]
                    amount = sum(debits, Decimal(0))
                    total += amount
                    entries: list[tuple[int, int, Decimal, int | None, int | None]] = []
                    for index, debit in enumerate(debits):
                        if index == 0:
                            entries.append((cash_account, 0, debit, cash_id, None))
                        else:
                            entries.append((generator.choice(plain_accounts), 0, debit, None, None))
                    if generator.random() < 0.5:
                        entries.append((receivable_account, 1, amount, None, contact_id))
                    else:
                        entries.append((generator.choice(plain_accounts), 1, amount, None, None))
                    document_rows.append(
                        (
                            document_id, business_id, next_number + documents, "", day,
                            f"bulk {documents + 1}", None, 1, amount, amount, "manual", None,
                            now, now,
                        )
                    )  # fmt: skip
                    for row, (account_id, side, value, cash, contact) in enumerate(entries, 1):
                        day_balances.setdefault((account_id, day), [zero, zero])[side] += value
                        line_rows.append(
                            (
                                next_line_id + lines, business_id, document_id, row, account_id,
                                day, True, side, value, value if side == 0 else zero,
                                value if side == 1 else zero, "", value, "", "", None, contact,
                                None, None, cash, None, now, now,
                            )
                        )  # fmt: skip
                        lines += 1
                    documents += 1
                _copy(cursor, documents_table, document_columns, document_rows)
                _copy(cursor, lines_table, line_columns, line_rows)
            balance_model = getattr(ledger_models, "AccountDayBalance", None)
            tables = [documents_table, lines_table]
            if balance_model is not None:
                tables.append(_load_day_balances(cursor, balance_model, business_id, day_balances))
            for table in tables:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                    f" (SELECT max(id) FROM {table.name}))",
                    (table.name,),
                )
            # Later saves must not walk a million taken numbers to find a free one.
            counter = _table(Counter).name
            cursor.execute(
                f"INSERT INTO {counter} (business_id, kind, last_value, created_at, updated_at)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (business_id, kind)"
                " DO UPDATE SET last_value = greatest(excluded.last_value,"
                f" {counter}.last_value)",
                (business_id, DOCUMENT_COUNTER, next_number + documents - 1, now, now),
            )
            if trigger is not None:
                for table in (documents_table, lines_table):
                    cursor.execute(f"ALTER TABLE {table.name} ENABLE TRIGGER {trigger}")
        connection.commit()
        connection.autocommit = True
        # A long-lived database is vacuumed by autovacuum; without it the first reports would pay
        # for setting hint bits and could not use index-only scans.
        for table in tables:
            connection.execute(f"VACUUM ANALYZE {table.name}")
    return Loaded(documents=documents, lines=lines, total=total)


def _copy(
    cursor: psycopg.Cursor[Any], table: Table, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _load_day_balances(
    cursor: psycopg.Cursor[Any],
    model: Any,
    business_id: int,
    day_balances: dict[tuple[int, date], list[Decimal]],
) -> Table:
    """Add the loaded lines to the ledger's per-account, per-day balances."""
    table = _table(model)
    columns = ["business_id", "account_id", "date", "debit", "credit", "created_at", "updated_at"]
    _check_columns(table, columns)
    # The maintained balances may spread one (account, day) over stripes: the load uses the
    # default stripe, and the conflict target is the table's unique key, whatever it is.
    key = ", ".join(_unique_key(table))
    now = datetime.now().replace(microsecond=0)
    cursor.execute(
        f"CREATE TEMPORARY TABLE bench_day_balance (LIKE {table.name} INCLUDING DEFAULTS)"
        " ON COMMIT DROP"
    )
    with cursor.copy(f"COPY bench_day_balance ({', '.join(columns)}) FROM STDIN") as copy:
        for (account_id, day), (debit, credit) in sorted(day_balances.items()):
            copy.write_row((business_id, account_id, day, debit, credit, now, now))
    cursor.execute(
        f"INSERT INTO {table.name} ({', '.join(columns)})"
        f" SELECT {', '.join(columns)} FROM bench_day_balance"
        f" ON CONFLICT ({key}) DO UPDATE SET"
        f" debit = {table.name}.debit + excluded.debit,"
        f" credit = {table.name}.credit + excluded.credit"
    )
    return table


def _unique_key(table: Table) -> list[str]:
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            return [column.name for column in constraint.columns]
    raise SystemExit(f"{table.name} has no unique key")
