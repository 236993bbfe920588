"""PostgreSQL: a new document, its lines and its day balances under a number from the counter,
in one statement.

The counter row stays locked from this statement to the commit and every new document of the
business waits for it, so nothing else of the request runs in between (each further round trip
under the lock would make all of them wait longer). A request waiting for the counter holds no
other lock: the day balances come from ``created``, so they are written after the counter is
taken. A number a client already took (a document saved with a number of its own choosing,
under ``numbering.lock``) is skipped: the statement then writes nothing and the next number is
tried. ``ON CONFLICT DO NOTHING`` rather than a ``NOT EXISTS`` probe: the probe would read the
statement's snapshot, taken before the wait for the counter, and miss a number chosen and
committed during that wait. A second document for one source is refused by the unique index on
the source (``ON CONFLICT`` names only the number).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, make_transient_to_detached

from hesabdar.kit import locks
from hesabdar.kit.locks import LockStage
from hesabdar.kit.types import MONEY_SCALE, quantize
from hesabdar.ledger import details
from hesabdar.ledger.models import Document, DocumentLine
from hesabdar.ledger.service.balances import BalanceChanges, upsert_parameters, upsert_sql
from hesabdar.numbering import service as numbering
from hesabdar.numbering.models import Counter

DOCUMENT_COUNTER = "document"

_NUMBERED_INSERT = text(
    f"""
WITH advanced AS (
    UPDATE {Counter.__tablename__} SET last_value = last_value + 1
    WHERE business_id = :business_id AND kind = :kind
    RETURNING last_value
), created AS (
    INSERT INTO {Document.__tablename__} (business_id, number, reference, date, description,
        project_id, status, debit, credit, source_type, source_id, created_at, updated_at)
    SELECT :business_id, advanced.last_value, :reference, CAST(:date AS date), :description,
        CAST(:project_id AS bigint), CAST(:status AS smallint), CAST(:debit AS numeric),
        CAST(:credit AS numeric), :source_type, CAST(:source_id AS bigint),
        CAST(:now AS timestamp), CAST(:now AS timestamp)
    FROM advanced
    ON CONFLICT (business_id, number) DO NOTHING
    RETURNING id
), written AS (
    INSERT INTO {DocumentLine.__tablename__} (business_id, document_id, "row", account_id, date,
        is_posted, side, amount, debit, credit, currency, currency_amount, description, info,
        project_id, contact_id, item_id, bank_id, cash_id, petty_cash_id, created_at,
        updated_at)
    SELECT :business_id, created.id, line.line_row, line.account_id, CAST(:date AS date),
        CAST(:is_posted AS boolean), line.side, line.amount, line.debit, line.credit,
        line.currency, line.currency_amount, line.description, line.info,
        CAST(:project_id AS bigint), line.contact_id, line.item_id, line.bank_id, line.cash_id,
        line.petty_cash_id, CAST(:now AS timestamp), CAST(:now AS timestamp)
    FROM created, unnest(
        CAST(:line_rows AS integer[]), CAST(:account_ids AS bigint[]),
        CAST(:sides AS smallint[]), CAST(:amounts AS numeric[]), CAST(:debits AS numeric[]),
        CAST(:credits AS numeric[]), CAST(:currencies AS text[]),
        CAST(:currency_amounts AS numeric[]), CAST(:descriptions AS text[]),
        CAST(:infos AS text[]), CAST(:contact_ids AS bigint[]), CAST(:item_ids AS bigint[]),
        CAST(:bank_ids AS bigint[]), CAST(:cash_ids AS bigint[]),
        CAST(:petty_cash_ids AS bigint[])
    ) AS line(line_row, account_id, side, amount, debit, credit, currency, currency_amount,
        description, info, contact_id, item_id, bank_id, cash_id, petty_cash_id)
    RETURNING id, "row"
), balanced AS ({upsert_sql("created,")})
SELECT advanced.last_value, created.id,
    (SELECT array_agg(written.id ORDER BY written."row") FROM written)
FROM advanced LEFT JOIN created ON true
"""
)


def insert_numbered(
    session: Session,
    document: Document,
    rows: list[dict[str, Any]],
    posted: bool,
    changes: BalanceChanges,
    now: datetime,
) -> list[int]:
    """Insert a new document under the next free number, with its lines and day balances; the
    document becomes a persistent ORM object without a re-read. Returns the ids of the lines
    in row order."""
    business_id = document.business_id
    locks.enter(session, LockStage.DOCUMENT)
    parameters = {
        **upsert_parameters(session, business_id, changes, now),
        "kind": DOCUMENT_COUNTER,
        "reference": document.reference,
        "date": document.date,
        "description": document.description,
        "project_id": document.project_id,
        "status": document.status,
        "debit": quantize(document.debit, MONEY_SCALE),
        "credit": quantize(document.credit, MONEY_SCALE),
        "source_type": document.source_type,
        "source_id": document.source_id,
        "is_posted": posted,
        "line_rows": [values["row"] for values in rows],
        "account_ids": [values["account_id"] for values in rows],
        "sides": [values["side"] for values in rows],
        "amounts": [values["amount"] for values in rows],
        "debits": [values["debit"] for values in rows],
        "credits": [values["credit"] for values in rows],
        "currencies": [values["currency"] for values in rows],
        "currency_amounts": [values["currency_amount"] for values in rows],
        "descriptions": [values["description"] for values in rows],
        "infos": [values["info"] for values in rows],
        **{
            f"{kind.column}s": [values[kind.column] for values in rows]
            for kind in details.CODE_FIELDS
        },
    }
    while True:
        result = session.execute(_NUMBERED_INSERT, parameters).first()
        if result is None:  # the business's first document: no counter row yet
            numbering.lock(session, business_id, DOCUMENT_COUNTER, LockStage.DOCUMENT)
            continue
        number, document_id, line_ids = result
        if document_id is not None:
            break
    # The statement has locked the day balances it wrote, after the counter and the document.
    locks.enter(session, LockStage.DAY_BALANCE)
    document.id = int(document_id)
    document.number = int(number)
    document.created_at = document.updated_at = now
    make_transient_to_detached(document)
    session.add(document)
    return [int(line_id) for line_id in line_ids]
