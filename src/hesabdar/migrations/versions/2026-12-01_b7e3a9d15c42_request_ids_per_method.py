"""request ids belong to their method: applied_request is unique per (business, method, id)

Revision ID: b7e3a9d15c42
Revises: 8a41f2c9d3e0
Create Date: 2026-12-01 05:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b7e3a9d15c42"
down_revision: str | None = "8a41f2c9d3e0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "uq_applied_request_business_id_request_id"
NEW = "uq_applied_request_business_id_method_request_id"


def upgrade() -> None:
    with op.batch_alter_table("applied_request") as batch:
        batch.drop_constraint(OLD, type_="unique")
        batch.create_unique_constraint(NEW, ["business_id", "method", "request_id"])


def downgrade() -> None:
    # Ids used by two methods cannot both stay: keep the first.
    op.execute(
        "DELETE FROM applied_request WHERE id NOT IN (SELECT min(id) FROM applied_request "
        "GROUP BY business_id, request_id)"
    )
    with op.batch_alter_table("applied_request") as batch:
        batch.drop_constraint(NEW, type_="unique")
        batch.create_unique_constraint(OLD, ["business_id", "request_id"])
