from __future__ import annotations

from sqlalchemy import BigInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped, rule


class Counter(BusinessScoped):
    """The last value handed out for one kind of code or number (``contact``, ``document`` …)."""

    __tablename__ = "counter"
    __table_args__ = (
        UniqueConstraint("business_id", "kind"),
        rule("not_negative", "last_value >= 0", "counters do not go below 0"),
    )

    kind: Mapped[str] = mapped_column(String(40))
    last_value: Mapped[int] = mapped_column(BigInteger, default=0)
