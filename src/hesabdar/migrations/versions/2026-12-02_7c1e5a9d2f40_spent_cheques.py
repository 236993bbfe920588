"""receipts: a received cheque spent by a pay (transaction kind 5), naming the cheque it spends,
at most once

Revision ID: 7c1e5a9d2f40
Revises: e5a1c3b7d920
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c1e5a9d2f40"
down_revision: str | None = "e5a1c3b7d920"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SIDES = (
    "(kind = 1 AND cash_id IS NOT NULL) OR (kind = 2 AND petty_cash_id IS NOT NULL) "
    "OR (kind = 3 AND bank_id IS NOT NULL) "
    "OR (kind = 4 AND contact_id IS NOT NULL AND cheque_number IS NOT NULL) "
    "{spent}"
    "OR (kind = 6 AND contact_id IS NOT NULL) OR (kind = 7 AND account_id IS NOT NULL)"
)
_SPENT_SIDE = (
    "OR (kind = 5 AND contact_id IS NOT NULL AND cheque_number IS NOT NULL "
    "AND spent_cheque_id IS NOT NULL) "
)
_FOREIGN_KEY = "fk_receipt_transaction_business_id_spent_cheque_id_receipt_transaction"
_UNIQUE = "uq_receipt_transaction_business_id_spent_cheque_id"


def upgrade() -> None:
    # SQLite recreates the table (batch mode) to change its CHECK constraints.
    with op.batch_alter_table("receipt_transaction", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "spent_cheque_id",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch_op.drop_constraint(op.f("ck_receipt_transaction_kind"), type_="check")
        batch_op.drop_constraint(op.f("ck_receipt_transaction_money_side"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_receipt_transaction_kind"), "kind BETWEEN 1 AND 7"
        )
        batch_op.create_check_constraint(
            op.f("ck_receipt_transaction_money_side"), _SIDES.format(spent=_SPENT_SIDE)
        )
        batch_op.create_check_constraint(
            op.f("ck_receipt_transaction_spends_a_cheque"), "spent_cheque_id IS NULL OR kind = 5"
        )
        batch_op.create_foreign_key(
            op.f(_FOREIGN_KEY),
            "receipt_transaction",
            ["business_id", "spent_cheque_id"],
            ["business_id", "id"],
            ondelete="RESTRICT",
        )
        batch_op.create_unique_constraint(op.f(_UNIQUE), ["business_id", "spent_cheque_id"])
        batch_op.create_index(
            "ix_receipt_transaction_cheque", ["business_id", "cheque_number"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("receipt_transaction", schema=None) as batch_op:
        batch_op.drop_index("ix_receipt_transaction_cheque")
        batch_op.drop_constraint(op.f(_UNIQUE), type_="unique")
        batch_op.drop_constraint(op.f(_FOREIGN_KEY), type_="foreignkey")
        batch_op.drop_constraint(op.f("ck_receipt_transaction_spends_a_cheque"), type_="check")
        batch_op.drop_constraint(op.f("ck_receipt_transaction_money_side"), type_="check")
        batch_op.drop_constraint(op.f("ck_receipt_transaction_kind"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_receipt_transaction_kind"), "kind IN (1, 2, 3, 4, 6, 7)"
        )
        batch_op.create_check_constraint(
            op.f("ck_receipt_transaction_money_side"), _SIDES.format(spent="")
        )
        batch_op.drop_column("spent_cheque_id")
