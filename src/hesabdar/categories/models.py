from __future__ import annotations

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped, IdType, scoped_fk


class Category(BusinessScoped):
    """A node of a category tree (Hesabfa's NodeFamily). Each business has one tree per kind
    (product, service, contact); the root node carries the kind's name (``کالاها`` …)."""

    __tablename__ = "category"
    __table_args__ = (
        UniqueConstraint("business_id", "kind", "full_path"),
        scoped_fk("parent_id", "category", ondelete="CASCADE"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(IdType, nullable=True, index=True)
    name: Mapped[str] = mapped_column(Text)
    # The rendered path from the root, segments joined by " : " (unique within a tree).
    full_path: Mapped[str] = mapped_column(Text)
