from __future__ import annotations

from sqlalchemy import LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped


class AppliedRequest(BusinessScoped):
    """A write that carried ``requestUniqueId`` and committed, with the response it gave.

    An id belongs to the method it was sent to: the same id sent to another method is another
    request (clients such as the WooCommerce plugin reuse one id per order across calls).
    """

    __tablename__ = "applied_request"
    __table_args__ = (UniqueConstraint("business_id", "method", "request_id"),)

    request_id: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(100))
    response: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
