from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped


class FiscalYear(BusinessScoped):
    """A fiscal year (سال مالی). ``ordinal`` is Hesabfa's ``yearId``: 1 for the first, 2 next…"""

    __tablename__ = "fiscal_year"
    __table_args__ = (UniqueConstraint("business_id", "ordinal"),)

    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    is_closed: Mapped[bool] = mapped_column(Boolean, default=False)
