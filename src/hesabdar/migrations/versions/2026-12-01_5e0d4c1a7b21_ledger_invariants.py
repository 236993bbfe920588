"""ledger invariants in the database: CHECK constraints (documents, lines, accounts, fiscal years,
counters, and the coded values and amounts of items, contacts and exchange rates), one system
document per source, and on
PostgreSQL a deferred trigger that approved documents' lines sum to their header

Revision ID: 5e0d4c1a7b21
Revises: 9bc923866633
Create Date: 2026-12-01 04:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5e0d4c1a7b21"
down_revision: str | None = "9bc923866633"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, constraint name without the ck_<table>_ prefix, condition), as the models state them.
CHECKS: list[tuple[str, str, str]] = [
    ("fiscal_year", "ordered", "start_date <= end_date"),
    ("fiscal_year", "ordinal_positive", "ordinal >= 1"),
    ("account", "level", "level BETWEEN 1 AND 4"),
    ("account", "main_type", "main_account_type BETWEEN 1 AND 8"),
    ("account", "balance_type", "balance_type IN (0, 1)"),
    ("account", "detail_type", "detail_type BETWEEN 0 AND 6"),
    ("document", "status", "status IN (0, 1)"),
    ("document", "approved_balanced", "status = 0 OR debit = credit"),
    (
        "document",
        "totals_not_negative",
        "CAST(debit AS REAL) >= 0 AND CAST(credit AS REAL) >= 0",
    ),
    (
        "document",
        "source",
        "(source_type = 'manual' AND source_id IS NULL) "
        "OR (source_type <> 'manual' AND source_id IS NOT NULL)",
    ),
    ("document_line", "side", "side IN (0, 1)"),
    ("document_line", "amount_positive", "CAST(amount AS REAL) > 0"),
    (
        "document_line",
        "one_side",
        "(side = 0 AND debit = amount AND CAST(credit AS REAL) = 0) "
        "OR (side = 1 AND credit = amount AND CAST(debit AS REAL) = 0)",
    ),
    ("document_line", "currency_amount_positive", "CAST(currency_amount AS REAL) > 0"),
    ("document_line", "currency", "currency = upper(currency)"),
    ("account_day_balance", "stripe", "stripe BETWEEN 0 AND 7"),
    ("counter", "not_negative", "last_value >= 0"),
    ("item", "item_type", "item_type IN (0, 1)"),
    (
        "item",
        "amounts_not_negative",
        "CAST(conversion_factor AS REAL) >= 0 AND CAST(buy_price AS REAL) >= 0 "
        "AND CAST(sell_price AS REAL) >= 0",
    ),
    ("contact", "contact_type", "contact_type IN (0, 1, 2)"),
    ("contact", "tax_type", "tax_type IS NULL OR tax_type BETWEEN 5 AND 8"),
    ("contact", "share_percent", "CAST(share_percent AS REAL) BETWEEN 0 AND 100"),
    ("contact", "credit_not_negative", "CAST(contact_credit AS REAL) >= 0"),
    ("currency_rate", "rate_positive", "CAST(rate AS REAL) > 0"),
    (
        "currency_rate",
        "codes",
        "source = upper(source) AND target = upper(target) AND source <> target",
    ),
]

TRIGGER = "document_lines_match_header"
TRIGGER_DDL = [
    f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    owner bigint;
    target bigint;
    header record;
    sums record;
BEGIN
    IF TG_TABLE_NAME = 'document' THEN
        owner := NEW.business_id;
        target := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        owner := OLD.business_id;
        target := OLD.document_id;
    ELSE
        owner := NEW.business_id;
        target := NEW.document_id;
    END IF;
    -- Deferred events fire in the order the rows were written, and every save writes the
    -- document's row before its lines: a line of the document checked just now needs nothing
    -- more (no look-up at all, the common case).
    IF TG_TABLE_NAME = 'document_line'
            AND current_setting('hesabdar.checked_document', true) = owner || ':' || target THEN
        RETURN NULL;
    END IF;
    SELECT d.status, d.debit, d.credit, d.date, d.xmin::text::bigint AS written_by INTO header
        FROM document d WHERE d.business_id = owner AND d.id = target;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    -- A line of a document whose row this transaction wrote: the document's own trigger checks
    -- it (every save writes the header), once rather than once per line.
    IF TG_TABLE_NAME = 'document_line'
            AND header.written_by = txid_current() % 4294967296 THEN
        RETURN NULL;
    END IF;
    SELECT count(*) AS lines, coalesce(sum(l.debit), 0) AS debit,
            coalesce(sum(l.credit), 0) AS credit,
            count(*) FILTER (WHERE l.is_posted <> (header.status = 1) OR l.date <> header.date)
                AS astray
        INTO sums
        FROM document_line l WHERE l.business_id = owner AND l.document_id = target;
    IF sums.astray > 0 OR (header.status = 1 AND (sums.lines < 2 OR sums.debit <> header.debit
            OR sums.credit <> header.credit)) THEN
        RAISE EXCEPTION 'document % breaks the ledger: % lines summing to %/%, header %/%',
                target, sums.lines, sums.debit, sums.credit, header.debit, header.credit
            USING ERRCODE = 'check_violation', CONSTRAINT = '{TRIGGER}';
    END IF;
    IF TG_TABLE_NAME = 'document' THEN
        PERFORM set_config('hesabdar.checked_document', owner || ':' || target, true);
    END IF;
    RETURN NULL;
END
$$
""",
    f"""
CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE ON document
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()
""",
    f"""
CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE
    ON document_line DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION {TRIGGER}()
""",
]


def _tables() -> list[str]:
    return list(dict.fromkeys(table for table, _name, _condition in CHECKS))


def upgrade() -> None:
    for table in _tables():
        # SQLite recreates the table (batch mode) to add CHECK constraints.
        with op.batch_alter_table(table) as batch:
            for owner, name, condition in CHECKS:
                if owner == table:
                    batch.create_check_constraint(op.f(f"ck_{table}_{name}"), condition)
            if table == "document":
                batch.drop_index("ix_document_business_source")
                batch.create_unique_constraint(
                    "uq_document_business_id_source", ["business_id", "source_type", "source_id"]
                )
    if op.get_bind().dialect.name == "postgresql":
        for statement in TRIGGER_DDL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON document_line")
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON document")
        op.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")
    for table in reversed(_tables()):
        with op.batch_alter_table(table) as batch:
            if table == "document":
                batch.drop_constraint("uq_document_business_id_source", type_="unique")
                batch.create_index(
                    "ix_document_business_source", ["business_id", "source_type", "source_id"]
                )
            for owner, name, _condition in reversed(CHECKS):
                if owner == table:
                    batch.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
