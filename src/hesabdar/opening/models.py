"""The opening stock's records: one per item and fiscal year, the source of that item's opening
movements (its id is their ``source_id``), so that setting one item's opening stock replaces and
re-costs that item alone."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped, IdType, scoped_fk


class OpeningItem(BusinessScoped):
    __tablename__ = "opening_item"
    __table_args__ = (
        UniqueConstraint("business_id", "fiscal_year_id", "item_id"),
        scoped_fk("fiscal_year_id", "fiscal_year", ondelete="CASCADE"),
        scoped_fk("item_id", "item", ondelete="CASCADE"),
    )

    fiscal_year_id: Mapped[int] = mapped_column(IdType)
    item_id: Mapped[int] = mapped_column(IdType, index=True)
