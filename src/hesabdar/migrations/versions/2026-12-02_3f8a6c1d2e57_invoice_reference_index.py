"""invoices: an index for look-ups by reference

Revision ID: 3f8a6c1d2e57
Revises: e9c34b78e327
Create Date: 2026-12-02 11:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3f8a6c1d2e57"
down_revision: str | None = "e9c34b78e327"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.create_index(
            "ix_invoice_business_reference", ["business_id", "reference"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_index("ix_invoice_business_reference")
