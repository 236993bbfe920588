"""stock: items' stock rows, stock movements with their costs, per-warehouse quantities, and the
business setting allow_negative_stock (on for existing businesses, as for new ones)

Revision ID: 0d8cf8b462a3
Revises: c4d8e2f6a913
Create Date: 2026-12-01 06:34:55.744420
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hesabdar.kit.types

revision: str = "0d8cf8b462a3"
down_revision: str | None = "c4d8e2f6a913"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stock_item",
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("quantity", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("value", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("average", hesabdar.kit.types.ExactDecimal(50, 12), nullable=True),
        sa.Column("last_on", sa.Date(), nullable=True),
        sa.Column("next_sequence", sa.BigInteger(), nullable=False),
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
        sa.CheckConstraint("next_sequence >= 1", name=op.f("ck_stock_item_next_sequence")),
        sa.ForeignKeyConstraint(
            ["business_id", "item_id"],
            ["item.business_id", "item.id"],
            name=op.f("fk_stock_item_business_id_item_id_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_stock_item_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_stock_item")),
        sa.UniqueConstraint(
            "business_id", "item_id", name=op.f("uq_stock_item_business_id_item_id")
        ),
    )
    with op.batch_alter_table("stock_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_item_business_id"), ["business_id"], unique=False
        )

    op.create_table(
        "stock_movement",
        sa.Column("source_type", sa.String(length=30), nullable=False),
        sa.Column(
            "source_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("moved_on", sa.Date(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("flow", sa.SmallInteger(), nullable=False),
        sa.Column("quantity", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("unit_cost", hesabdar.kit.types.ExactDecimal(30, 4), nullable=True),
        sa.Column("cost", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("quantity_after", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("value_after", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
        sa.Column("average_after", hesabdar.kit.types.ExactDecimal(50, 12), nullable=True),
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
            "CAST(quantity AS REAL) > 0", name=op.f("ck_stock_movement_quantity_positive")
        ),
        sa.CheckConstraint("flow IN (1, 2)", name=op.f("ck_stock_movement_flow")),
        sa.CheckConstraint("line_no >= 0", name=op.f("ck_stock_movement_line_no")),
        sa.CheckConstraint("sequence >= 1", name=op.f("ck_stock_movement_sequence")),
        sa.CheckConstraint("source_id >= 1", name=op.f("ck_stock_movement_source_id")),
        sa.CheckConstraint(
            "unit_cost IS NULL OR CAST(unit_cost AS REAL) >= 0",
            name=op.f("ck_stock_movement_unit_cost_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "item_id"],
            ["item.business_id", "item.id"],
            name=op.f("fk_stock_movement_business_id_item_id_item"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "warehouse_id"],
            ["warehouse.business_id", "warehouse.id"],
            name=op.f("fk_stock_movement_business_id_warehouse_id_warehouse"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_stock_movement_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_stock_movement")),
        sa.UniqueConstraint(
            "business_id",
            "source_type",
            "source_id",
            "line_no",
            name=op.f("uq_stock_movement_business_id_source_type_source_id_line_no"),
        ),
    )
    with op.batch_alter_table("stock_movement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_movement_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(
            "ix_stock_movement_order",
            ["business_id", "item_id", "moved_on", "sequence", "line_no"],
            unique=True,
        )
        batch_op.create_index(
            "ix_stock_movement_warehouse", ["business_id", "warehouse_id"], unique=False
        )

    op.create_table(
        "stock_warehouse",
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("quantity", hesabdar.kit.types.ExactDecimal(30, 4), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["business_id", "item_id"],
            ["item.business_id", "item.id"],
            name=op.f("fk_stock_warehouse_business_id_item_id_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id", "warehouse_id"],
            ["warehouse.business_id", "warehouse.id"],
            name=op.f("fk_stock_warehouse_business_id_warehouse_id_warehouse"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_stock_warehouse_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name=op.f("pk_stock_warehouse")),
        sa.UniqueConstraint(
            "business_id",
            "warehouse_id",
            "item_id",
            name=op.f("uq_stock_warehouse_business_id_warehouse_id_item_id"),
        ),
    )
    with op.batch_alter_table("stock_warehouse", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_warehouse_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stock_warehouse_item_id"), ["item_id"], unique=False)

    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "allow_negative_stock", sa.Boolean(), server_default=sa.true(), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.drop_column("allow_negative_stock")

    with op.batch_alter_table("stock_warehouse", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_warehouse_item_id"))
        batch_op.drop_index(batch_op.f("ix_stock_warehouse_business_id"))

    op.drop_table("stock_warehouse")
    with op.batch_alter_table("stock_movement", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_movement_warehouse")
        batch_op.drop_index("ix_stock_movement_order")
        batch_op.drop_index(batch_op.f("ix_stock_movement_business_id"))

    op.drop_table("stock_movement")
    with op.batch_alter_table("stock_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_item_business_id"))

    op.drop_table("stock_item")
