"""hook_delivery: the change hooks' outbox, written in the request's transaction and sent after
it commits, with retries (status, attempts, next attempt, a lease for the sending process, last
error, sent time)

Revision ID: c4d8e2f6a913
Revises: c4d2e8f1a9b3
Create Date: 2026-12-01 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4d8e2f6a913"
down_revision: str | None = "c4d2e8f1a9b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # The primary key (id, business_id) is rendered on SQLite as "id INTEGER PRIMARY KEY
    # AUTOINCREMENT" plus UNIQUE (business_id, id) by hesabdar.kit.models' DDL hooks.
    op.create_table(
        "hook_delivery",
        sa.Column("action", sa.Integer(), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_ids", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("lease_token", sa.String(length=32), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("business_id", ID, nullable=False),
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed')", name=op.f("ck_hook_delivery_status_known")
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_hook_delivery_attempts_not_negative")),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business.id"],
            name=op.f("fk_hook_delivery_business_id_business"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", "business_id", name=op.f("pk_hook_delivery")),
    )
    op.create_index(
        op.f("ix_hook_delivery_business_id"), "hook_delivery", ["business_id"], unique=False
    )
    op.create_index(
        "ix_hook_delivery_status_business_id_id",
        "hook_delivery",
        ["status", "business_id", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_hook_delivery_status_business_id_id", table_name="hook_delivery")
    op.drop_index(op.f("ix_hook_delivery_business_id"), table_name="hook_delivery")
    op.drop_table("hook_delivery")
