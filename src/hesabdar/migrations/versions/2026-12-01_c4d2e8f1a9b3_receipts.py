"""receipts: receives and pays (receipt/*), their items and transactions

Revision ID: c4d2e8f1a9b3
Revises: c4e1f7a2b913
Create Date: 2026-12-01 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hesabdar.kit.types

revision: str = "c4d2e8f1a9b3"
down_revision: str | None = "c4e1f7a2b913"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "receipt",
        sa.Column("type", sa.SmallInteger(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column("currency_rate", hesabdar.kit.types.ExactDecimal(30, 10), nullable=False),
        sa.Column("amount", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("settled_rate", hesabdar.kit.types.ExactDecimal(30, 10), nullable=True),
        sa.Column(
            "project_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "invoice_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "business_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("CAST(amount AS REAL) > 0", name=op.f("ck_receipt_amount_positive")),
        sa.CheckConstraint(
            "CAST(currency_rate AS REAL) > 0", name=op.f("ck_receipt_rate_positive")
        ),
        sa.CheckConstraint("currency = upper(currency)", name=op.f("ck_receipt_currency")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_receipt_number_positive")),
        sa.CheckConstraint("type BETWEEN 1 AND 6", name=op.f("ck_receipt_type")),
        sa.ForeignKeyConstraint(
            ["business_id", "project_id"],
            ["project.business_id", "project.id"],
            name=op.f("fk_receipt_business_id_project_id_project"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "invoice_id"],
            ["invoice.business_id", "invoice.id"],
            name=op.f("fk_receipt_business_id_invoice_id_invoice"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_receipt_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_receipt")),
        sa.UniqueConstraint(
            "business_id", "type", "number", name=op.f("uq_receipt_business_id_type_number")
        ),
    )
    op.create_index("ix_receipt_business_date", "receipt", ["business_id", "date"], unique=False)
    op.create_index("ix_receipt_invoice", "receipt", ["business_id", "invoice_id"], unique=False)
    op.create_index(op.f("ix_receipt_business_id"), "receipt", ["business_id"], unique=False)
    op.create_table(
        "receipt_item",
        sa.Column(
            "receipt_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("amount", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "business_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "CAST(amount AS REAL) > 0", name=op.f("ck_receipt_item_amount_positive")
        ),
        sa.CheckConstraint(
            "contact_id IS NOT NULL OR account_id IS NOT NULL", name=op.f("ck_receipt_item_party")
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "account_id"],
            ["account.business_id", "account.id"],
            name=op.f("fk_receipt_item_business_id_account_id_account"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "contact_id"],
            ["contact.business_id", "contact.id"],
            name=op.f("fk_receipt_item_business_id_contact_id_contact"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "receipt_id"],
            ["receipt.business_id", "receipt.id"],
            name=op.f("fk_receipt_item_business_id_receipt_id_receipt"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_receipt_item_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_receipt_item")),
    )
    op.create_index(
        op.f("ix_receipt_item_business_id"), "receipt_item", ["business_id"], unique=False
    )
    op.create_index(
        op.f("ix_receipt_item_receipt_id"), "receipt_item", ["receipt_id"], unique=False
    )
    op.create_table(
        "receipt_transaction",
        sa.Column(
            "receipt_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("kind", sa.SmallInteger(), nullable=False),
        sa.Column("cash_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "petty_cash_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("bank_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("transaction_fee", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("amount", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("cheque_number", sa.String(length=50), nullable=True),
        sa.Column("cheque_date", sa.Date(), nullable=True),
        sa.Column("cheque_sayyad", sa.String(length=50), nullable=False),
        sa.Column("cheque_payee", sa.String(length=200), nullable=False),
        sa.Column("cheque_bank_name", sa.String(length=200), nullable=False),
        sa.Column(
            "cheque_bank_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "business_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(kind = 1 AND cash_id IS NOT NULL) OR (kind = 2 AND petty_cash_id IS NOT NULL) OR (kind = 3 AND bank_id IS NOT NULL) OR (kind = 4 AND contact_id IS NOT NULL AND cheque_number IS NOT NULL) OR (kind = 6 AND contact_id IS NOT NULL) OR (kind = 7 AND account_id IS NOT NULL)",
            name=op.f("ck_receipt_transaction_money_side"),
        ),
        sa.CheckConstraint(
            "CAST(amount AS REAL) > 0", name=op.f("ck_receipt_transaction_amount_positive")
        ),
        sa.CheckConstraint(
            "CAST(transaction_fee AS REAL) = 0 OR (CAST(transaction_fee AS REAL) > 0 AND kind IN (1, 2, 3))",
            name=op.f("ck_receipt_transaction_fee"),
        ),
        sa.CheckConstraint("kind IN (1, 2, 3, 4, 6, 7)", name=op.f("ck_receipt_transaction_kind")),
        sa.ForeignKeyConstraint(
            ["business_id", "account_id"],
            ["account.business_id", "account.id"],
            name=op.f("fk_receipt_transaction_business_id_account_id_account"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "bank_id"],
            ["bank.business_id", "bank.id"],
            name=op.f("fk_receipt_transaction_business_id_bank_id_bank"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "cash_id"],
            ["cash.business_id", "cash.id"],
            name=op.f("fk_receipt_transaction_business_id_cash_id_cash"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "cheque_bank_id"],
            ["bank.business_id", "bank.id"],
            name=op.f("fk_receipt_transaction_business_id_cheque_bank_id_bank"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "contact_id"],
            ["contact.business_id", "contact.id"],
            name=op.f("fk_receipt_transaction_business_id_contact_id_contact"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "petty_cash_id"],
            ["petty_cash.business_id", "petty_cash.id"],
            name=op.f("fk_receipt_transaction_business_id_petty_cash_id_petty_cash"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "receipt_id"],
            ["receipt.business_id", "receipt.id"],
            name=op.f("fk_receipt_transaction_business_id_receipt_id_receipt"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_receipt_transaction_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_receipt_transaction")),
    )
    op.create_index(
        op.f("ix_receipt_transaction_business_id"),
        "receipt_transaction",
        ["business_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_receipt_transaction_receipt_id"),
        "receipt_transaction",
        ["receipt_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_receipt_transaction_receipt_id"), table_name="receipt_transaction")
    op.drop_index(op.f("ix_receipt_transaction_business_id"), table_name="receipt_transaction")
    op.drop_table("receipt_transaction")
    op.drop_index(op.f("ix_receipt_item_receipt_id"), table_name="receipt_item")
    op.drop_index(op.f("ix_receipt_item_business_id"), table_name="receipt_item")
    op.drop_table("receipt_item")
    op.drop_index(op.f("ix_receipt_business_id"), table_name="receipt")
    op.drop_index("ix_receipt_invoice", table_name="receipt")
    op.drop_index("ix_receipt_business_date", table_name="receipt")
    op.drop_table("receipt")
