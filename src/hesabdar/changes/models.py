from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped


class Change(BusinessScoped):
    """One save, edit or delete. Append-only; ``id`` orders the log."""

    __tablename__ = "change"
    __table_args__ = (Index("ix_change_business_id_id", "business_id", "id"),)

    action: Mapped[int] = mapped_column(Integer)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int] = mapped_column(Integer)
    # The item/contact code, or the comma-separated item codes of an invoice (Hesabfa's Extra).
    extra: Mapped[str] = mapped_column(Text, default="")
    extra2: Mapped[str] = mapped_column(Text, default="")
    via_api: Mapped[bool] = mapped_column(Boolean, default=True)


class ChangeHook(BusinessScoped):
    """Where to POST a business's changes (``setting/SetChangeHook``). The password is sent back
    in every notification so the receiver can check it, so it is stored as given."""

    __tablename__ = "change_hook"
    __table_args__ = (UniqueConstraint("business_id"),)

    url: Mapped[str] = mapped_column(Text)
    password: Mapped[str] = mapped_column(Text, default="")
