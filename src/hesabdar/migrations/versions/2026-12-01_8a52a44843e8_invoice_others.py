"""invoice others: an invoice's additions and deductions (اضافات و کسورات), in the order given

Revision ID: 8a52a44843e8
Revises: 5f60178ca7b5
Create Date: 2026-12-01 10:31:54
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hesabdar.kit.types

revision: str = "8a52a44843e8"
down_revision: str | None = "5f60178ca7b5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "invoice_other",
        sa.Column(
            "invoice_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("amount", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("add", sa.Boolean(), nullable=False),
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
            "CAST(amount AS REAL) > 0", name=op.f("ck_invoice_other_amount_positive")
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "invoice_id"],
            ["invoice.business_id", "invoice.id"],
            name=op.f("fk_invoice_other_business_id_invoice_id_invoice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_invoice_other_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_invoice_other")),
        sa.UniqueConstraint(
            "business_id",
            "invoice_id",
            "position",
            name=op.f("uq_invoice_other_business_id_invoice_id_position"),
        ),
    )
    with op.batch_alter_table("invoice_other", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_other_business_id"), ["business_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("invoice_other", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_other_business_id"))

    op.drop_table("invoice_other")
