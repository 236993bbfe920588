"""online invoices: the online gateway's setting per business, links to public pages (only
their tokens' hashes), and online payments, unique per business, gateway and reference

Revision ID: 5f60178ca7b5
Revises: 4db4f44ab564
Create Date: 2026-12-01 10:04:05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hesabdar.kit.types

revision: str = "5f60178ca7b5"
down_revision: str | None = "4db4f44ab564"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "online_payment_setting",
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("gateway", sa.String(length=30), nullable=False),
        sa.Column("bank_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
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
            "NOT enabled OR (gateway <> '' AND bank_id IS NOT NULL)",
            name=op.f("ck_online_payment_setting_enabled_complete"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "bank_id"],
            ["bank.business_id", "bank.id"],
            name=op.f("fk_online_payment_setting_business_id_bank_id_bank"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_online_payment_setting_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_online_payment_setting")),
        sa.UniqueConstraint("business_id", name=op.f("uq_online_payment_setting_business_id")),
    )
    with op.batch_alter_table("online_payment_setting", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_online_payment_setting_business_id"), ["business_id"], unique=False
        )

    op.create_table(
        "online_link",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "invoice_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("show_all_accounts", sa.Boolean(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
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
            "(invoice_id IS NULL) <> (contact_id IS NULL)", name=op.f("ck_online_link_one_subject")
        ),
        sa.CheckConstraint("days BETWEEN 1 AND 3660", name=op.f("ck_online_link_days")),
        sa.ForeignKeyConstraint(
            ["business_id", "contact_id"],
            ["contact.business_id", "contact.id"],
            name=op.f("fk_online_link_business_id_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "invoice_id"],
            ["invoice.business_id", "invoice.id"],
            name=op.f("fk_online_link_business_id_invoice_id_invoice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_online_link_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_online_link")),
        sa.UniqueConstraint(
            "business_id", "token_hash", name=op.f("uq_online_link_business_id_token_hash")
        ),
    )
    with op.batch_alter_table("online_link", schema=None) as batch_op:
        batch_op.create_index(
            "ix_online_link_business_contact", ["business_id", "contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_online_link_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(
            "ix_online_link_business_invoice", ["business_id", "invoice_id"], unique=False
        )
        batch_op.create_index("ix_online_link_token_hash", ["token_hash"], unique=False)

    op.create_table(
        "online_payment",
        sa.Column("gateway", sa.String(length=30), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column(
            "invoice_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("amount", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column(
            "receipt_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
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
            "status <> 'paid' OR receipt_id IS NOT NULL",
            name=op.f("ck_online_payment_paid_receipt"),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'paid', 'cancelled', 'refused')",
            name=op.f("ck_online_payment_status"),
        ),
        sa.CheckConstraint(
            "CAST(amount AS REAL) > 0", name=op.f("ck_online_payment_amount_positive")
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "invoice_id"],
            ["invoice.business_id", "invoice.id"],
            name=op.f("fk_online_payment_business_id_invoice_id_invoice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_online_payment_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_online_payment")),
        sa.UniqueConstraint(
            "business_id",
            "gateway",
            "reference",
            name=op.f("uq_online_payment_business_id_gateway_reference"),
        ),
    )
    with op.batch_alter_table("online_payment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_online_payment_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(
            "ix_online_payment_gateway_reference", ["gateway", "reference"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_online_payment_invoice_id"), ["invoice_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("online_payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_online_payment_invoice_id"))
        batch_op.drop_index("ix_online_payment_gateway_reference")
        batch_op.drop_index(batch_op.f("ix_online_payment_business_id"))

    op.drop_table("online_payment")
    with op.batch_alter_table("online_link", schema=None) as batch_op:
        batch_op.drop_index("ix_online_link_token_hash")
        batch_op.drop_index("ix_online_link_business_invoice")
        batch_op.drop_index(batch_op.f("ix_online_link_business_id"))
        batch_op.drop_index("ix_online_link_business_contact")

    op.drop_table("online_link")
    with op.batch_alter_table("online_payment_setting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_online_payment_setting_business_id"))

    op.drop_table("online_payment_setting")
