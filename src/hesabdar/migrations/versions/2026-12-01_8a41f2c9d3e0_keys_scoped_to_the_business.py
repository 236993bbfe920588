"""keys scoped to the business: every business-owned table's primary key includes business_id,
and its references to other business-owned rows are (business_id, x_id); ids are never reused on
SQLite (AUTOINCREMENT)

Revision ID: 8a41f2c9d3e0
Revises: 5e0d4c1a7b21
Create Date: 2026-12-01 05:10:00
"""

import warnings
from collections.abc import Sequence

from alembic import op
from sqlalchemy.exc import SAWarning

revision: str = "8a41f2c9d3e0"
down_revision: str | None = "5e0d4c1a7b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCOPED = [
    "account",
    "applied_request",
    "bank",
    "business_member",
    "cash",
    "category",
    "change",
    "change_hook",
    "counter",
    "currency_rate",
    "fiscal_year",
    "petty_cash",
    "project",
    "salesman",
    "warehouse",
    "account_day_balance",
    "contact",
    "document",
    "item",
    "document_line",
]
GLOBAL = ["business", "app_user"]

# (table, column, referred table, ON DELETE) of every reference between business-owned rows.
REFERENCES: list[tuple[str, str, str, str | None]] = [
    ("account", "parent_id", "account", "RESTRICT"),
    ("category", "parent_id", "category", "CASCADE"),
    ("account_day_balance", "account_id", "account", "RESTRICT"),
    ("contact", "node_id", "category", None),
    ("item", "node_id", "category", None),
    ("document", "project_id", "project", None),
    ("document_line", "document_id", "document", "CASCADE"),
    ("document_line", "account_id", "account", "RESTRICT"),
    ("document_line", "project_id", "project", None),
    ("document_line", "contact_id", "contact", None),
    ("document_line", "item_id", "item", None),
    ("document_line", "bank_id", "bank", None),
    ("document_line", "cash_id", "cash", None),
    ("document_line", "petty_cash_id", "petty_cash", None),
]

OLD_ON_DELETE = {("contact", "node_id"): "SET NULL", ("item", "node_id"): "SET NULL"}


def _old_name(table: str, column: str, referred: str) -> str:
    return f"fk_{table}_{column}_{referred}"


def _new_name(table: str, column: str, referred: str) -> str:
    return f"fk_{table}_business_id_{column}_{referred}"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()
        return
    for table, column, referred, _on_delete in REFERENCES:
        op.drop_constraint(_old_name(table, column, referred), table, type_="foreignkey")
    for table in SCOPED:
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["id", "business_id"])
    for table, column, referred, on_delete in REFERENCES:
        op.create_foreign_key(
            _new_name(table, column, referred),
            table,
            referred,
            ["business_id", column],
            ["business_id", "id"],
            ondelete=on_delete,
        )


def _upgrade_sqlite() -> None:
    # Each table is recreated: the model's DDL hooks render a business-scoped key as
    # "id INTEGER PRIMARY KEY AUTOINCREMENT" plus UNIQUE (business_id, id). Foreign keys are off
    # while migrating (migrations/env.py) and checked at the end.
    for table in GLOBAL:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass
    for table in SCOPED:
        with warnings.catch_warnings(), op.batch_alter_table(table, recreate="always") as batch:
            # The reflected id column says it alone is the key; the new key is meant to differ.
            warnings.filterwarnings("ignore", "Table .* specifies columns", SAWarning)
            for owner, column, referred, _on_delete in REFERENCES:
                if owner == table:
                    batch.drop_constraint(_old_name(owner, column, referred), type_="foreignkey")
            batch.create_primary_key(f"pk_{table}", ["id", "business_id"])
            for owner, column, referred, on_delete in REFERENCES:
                if owner == table:
                    batch.create_foreign_key(
                        _new_name(owner, column, referred),
                        referred,
                        ["business_id", column],
                        ["business_id", "id"],
                        ondelete=on_delete,
                    )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for table in reversed(SCOPED):
            with op.batch_alter_table(table, recreate="always") as batch:
                for owner, column, referred, _on_delete in REFERENCES:
                    if owner == table:
                        batch.drop_constraint(
                            _new_name(owner, column, referred), type_="foreignkey"
                        )
                batch.drop_constraint(f"pk_{table}", type_="unique")
                for owner, column, referred, _on_delete in REFERENCES:
                    if owner == table:
                        batch.create_foreign_key(
                            _old_name(owner, column, referred),
                            referred,
                            [column],
                            ["id"],
                            ondelete=OLD_ON_DELETE.get((owner, column), _on_delete),
                        )
        return
    for table, column, referred, _on_delete in REFERENCES:
        op.drop_constraint(_new_name(table, column, referred), table, type_="foreignkey")
    for table in SCOPED:
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["id"])
    for table, column, referred, on_delete in REFERENCES:
        op.create_foreign_key(
            _old_name(table, column, referred),
            table,
            referred,
            [column],
            ["id"],
            ondelete=OLD_ON_DELETE.get((table, column), on_delete),
        )
