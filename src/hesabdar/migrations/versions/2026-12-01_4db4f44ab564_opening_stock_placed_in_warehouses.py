"""stock: the opening stock placed in each warehouse (stock_warehouse.opening, 0 for the rows there
are)

Revision ID: 4db4f44ab564
Revises: 0d8cf8b462a3
Create Date: 2026-12-01 10:05:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hesabdar.kit.types

revision: str = "4db4f44ab564"
down_revision: str | None = "0d8cf8b462a3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stock_warehouse", schema=None) as batch_op:
        # The rows there are placed no opening stock yet.
        batch_op.add_column(
            sa.Column(
                "opening",
                hesabdar.kit.types.ExactDecimal(30, 4),
                server_default="0.0000",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("stock_warehouse", schema=None) as batch_op:
        batch_op.drop_column("opening")
