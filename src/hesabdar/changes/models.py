from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped, rule


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


class HookDelivery(BusinessScoped):
    """One POST to the business's hook, written in the transaction of the request that made
    the change (the outbox) and sent after it commits by :mod:`hesabdar.changes.delivery`.

    ``pending`` until it is ``sent`` or given up (``failed``). ``id`` orders a business's
    deliveries; only the oldest pending one is sent (in order). A sender claims it by setting
    ``lease_until`` (and its ``lease_token``) while the lease is free, so that two processes
    never send it at once; a sender that dies leaves the lease to expire.
    """

    __tablename__ = "hook_delivery"
    __table_args__ = (
        Index("ix_hook_delivery_status_business_id_id", "status", "business_id", "id"),
        rule(
            "status_known",
            "status IN ('pending', 'sent', 'failed')",
            "a hook delivery is pending, sent or failed",
        ),
        rule(
            "attempts_not_negative", "attempts >= 0", "a hook delivery's attempts are not negative"
        ),
    )

    action: Mapped[int] = mapped_column(Integer)
    object_type: Mapped[str] = mapped_column(String(40))
    # The ObjectIdList, as JSON.
    object_ids: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    lease_token: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # The URL it was last sent (or first meant) to, and why the last attempt failed.
    url: Mapped[str] = mapped_column(Text, default="")
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
