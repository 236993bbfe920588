"""opening stock: one record per item and fiscal year (the source of its opening movements);
sequence 1 of every item and date is kept for the opening stock, which comes before every other
movement of its date, so the sequences stored so far move up by one; the opening stock's
movements name their warehouse, so stock_warehouse.opening is no longer needed

Revision ID: e5a1c3b7d920
Revises: 8a52a44843e8
Create Date: 2026-12-01 10:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hesabdar.kit.types

revision: str = "e5a1c3b7d920"
down_revision: str | None = "8a52a44843e8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Far above any sequence in use: the first step never meets a stored value in the unique
# ordering index (checked row by row on PostgreSQL), and the second never meets one of the first.
_OUT_OF_THE_WAY = 1_000_000_000_000


_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("stock_warehouse", schema=None) as batch_op:
        batch_op.drop_column("opening")
    op.create_table(
        "opening_item",
        sa.Column("fiscal_year_id", _ID, nullable=False),
        sa.Column("item_id", _ID, nullable=False),
        sa.Column("business_id", _ID, nullable=False),
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id", "fiscal_year_id"],
            ["fiscal_year.business_id", "fiscal_year.id"],
            name=op.f("fk_opening_item_business_id_fiscal_year_id_fiscal_year"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "item_id"],
            ["item.business_id", "item.id"],
            name=op.f("fk_opening_item_business_id_item_id_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_opening_item_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_opening_item")),
        sa.UniqueConstraint(
            "business_id",
            "fiscal_year_id",
            "item_id",
            name=op.f("uq_opening_item_business_id_fiscal_year_id_item_id"),
        ),
    )
    with op.batch_alter_table("opening_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opening_item_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_opening_item_item_id"), ["item_id"], unique=False)
    op.execute(f"UPDATE stock_movement SET sequence = sequence + {_OUT_OF_THE_WAY + 1}")
    op.execute(f"UPDATE stock_movement SET sequence = sequence - {_OUT_OF_THE_WAY}")
    op.execute("UPDATE stock_item SET next_sequence = next_sequence + 1")


def downgrade() -> None:
    with op.batch_alter_table("stock_warehouse", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "opening",
                hesabdar.kit.types.ExactDecimal(30, 4),
                server_default="0.0000",
                nullable=False,
            )
        )
    # The earlier code orders by any sequences of 1 and up: they stay as they are.
    with op.batch_alter_table("opening_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opening_item_item_id"))
        batch_op.drop_index(batch_op.f("ix_opening_item_business_id"))
    op.drop_table("opening_item")
