"""warehouse receipts: receipts, issues and transfers with their rows

Revision ID: e9c34b78e327
Revises: 7c1e5a9d2f40
Create Date: 2026-12-01 10:06:03.543404
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hesabdar.kit.types

revision: str = "e9c34b78e327"
down_revision: str | None = "7c1e5a9d2f40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "warehouse_receipt",
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.SmallInteger(), nullable=False),
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "destination_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "invoice_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("delivery", sa.String(length=200), nullable=False),
        sa.Column("freight", sa.String(length=200), nullable=False),
        sa.Column(
            "project_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
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
            "(invoice_id IS NULL) <> (destination_id IS NULL)",
            name=op.f("ck_warehouse_receipt_places_something"),
        ),
        sa.CheckConstraint(
            "destination_id IS NULL OR (kind = 2 AND destination_id <> warehouse_id)",
            name=op.f("ck_warehouse_receipt_transfer"),
        ),
        sa.CheckConstraint("kind IN (1, 2)", name=op.f("ck_warehouse_receipt_kind")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_warehouse_receipt_number_positive")),
        sa.ForeignKeyConstraint(
            ["business_id", "destination_id"],
            ["warehouse.business_id", "warehouse.id"],
            name=op.f("fk_warehouse_receipt_business_id_destination_id_warehouse"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "invoice_id"],
            ["invoice.business_id", "invoice.id"],
            name=op.f("fk_warehouse_receipt_business_id_invoice_id_invoice"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "project_id"],
            ["project.business_id", "project.id"],
            name=op.f("fk_warehouse_receipt_business_id_project_id_project"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "warehouse_id"],
            ["warehouse.business_id", "warehouse.id"],
            name=op.f("fk_warehouse_receipt_business_id_warehouse_id_warehouse"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_warehouse_receipt_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_warehouse_receipt")),
        sa.UniqueConstraint(
            "business_id", "number", name=op.f("uq_warehouse_receipt_business_id_number")
        ),
    )
    with op.batch_alter_table("warehouse_receipt", schema=None) as batch_op:
        batch_op.create_index(
            "ix_warehouse_receipt_business_date", ["business_id", "date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_warehouse_receipt_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(
            "ix_warehouse_receipt_invoice", ["business_id", "invoice_id"], unique=False
        )

    op.create_table(
        "warehouse_receipt_row",
        sa.Column(
            "receipt_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("quantity", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
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
            "CAST(quantity AS REAL) > 0", name=op.f("ck_warehouse_receipt_row_quantity_positive")
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "item_id"],
            ["item.business_id", "item.id"],
            name=op.f("fk_warehouse_receipt_row_business_id_item_id_item"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "receipt_id"],
            ["warehouse_receipt.business_id", "warehouse_receipt.id"],
            name=op.f("fk_warehouse_receipt_row_business_id_receipt_id_warehouse_receipt"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_warehouse_receipt_row_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_warehouse_receipt_row")),
        sa.UniqueConstraint(
            "business_id",
            "receipt_id",
            "position",
            name=op.f("uq_warehouse_receipt_row_business_id_receipt_id_position"),
        ),
    )
    with op.batch_alter_table("warehouse_receipt_row", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_warehouse_receipt_row_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_warehouse_receipt_row_item_id"), ["item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_warehouse_receipt_row_receipt_id"), ["receipt_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("warehouse_receipt_row", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_warehouse_receipt_row_receipt_id"))
        batch_op.drop_index(batch_op.f("ix_warehouse_receipt_row_item_id"))
        batch_op.drop_index(batch_op.f("ix_warehouse_receipt_row_business_id"))

    op.drop_table("warehouse_receipt_row")
    with op.batch_alter_table("warehouse_receipt", schema=None) as batch_op:
        batch_op.drop_index("ix_warehouse_receipt_invoice")
        batch_op.drop_index(batch_op.f("ix_warehouse_receipt_business_id"))
        batch_op.drop_index("ix_warehouse_receipt_business_date")

    op.drop_table("warehouse_receipt")
